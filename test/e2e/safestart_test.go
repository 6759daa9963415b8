package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kaws-dev/provider-aws/cluster/local"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// The safe-start test's managed resources: a Bucket, and an EKS Cluster
// (moto does not check the role or the subnets).
const (
	safeStartBucketYAML = `
apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata: {name: e2e-safestart, namespace: default}
spec:
  forProvider: {region: us-east-1}
`
	safeStartClusterYAML = `
apiVersion: eks.kaws.dev/v1alpha1
kind: Cluster
metadata: {name: e2e-safestart, namespace: default}
spec:
  forProvider:
    region: us-east-1
    version: "1.35"
    roleArn: arn:aws:iam::123456789012:role/e2e-safestart
    resourcesVpcConfig:
      subnetIds: [subnet-0a000000000000001, subnet-0a000000000000002]
`
)

// TestSafeStartWithoutCrossplane runs a stack of its own with only some CRDs,
// as a ManagedResourceActivationPolicy naming only *.s3.kaws.dev leaves it:
// the provider starts, runs only the Bucket controller, and starts the EKS
// controllers, without a restart, once their CRDs are applied.
func TestSafeStartWithoutCrossplane(t *testing.T) {
	ctx := t.Context()
	s, err := local.Start(ctx, local.Options{
		Name: stackName() + "-safestart",
		Poll: pollInterval,
		Log:  os.Stderr,
		CRDFilter: func(file string) bool {
			return strings.HasPrefix(file, "kaws.dev_") || strings.HasPrefix(file, "s3.kaws.dev_")
		},
	})
	if err != nil {
		t.Fatalf("cannot start the stack: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	pid := s.ProviderPID()

	bucket, err := s.Apply(ctx, []byte(safeStartBucketYAML), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WaitReady(ctx, bucket, 2*time.Minute); err != nil {
		t.Fatalf("Bucket with only the s3 CRDs: %v\n%s", err, s.ProviderLogTail(30))
	}
	started := controllersStarted(t, s)
	if got := fmt.Sprint(started); got != "map[Bucket.s3.kaws.dev:true]" {
		t.Errorf("%s with only the s3 CRDs: want only Bucket started, got %s (false: waiting)", mr.MetricControllersStartedName, formatStarted(t, s))
	}
	if got := startLogged(t, s); fmt.Sprint(got) != "[Bucket.s3.kaws.dev]" {
		t.Errorf("provider log with only the s3 CRDs: want \"starting controller\" for Bucket only, got %v", got)
	}
	time.Sleep(5 * time.Second) // a poll, so the figure is the steady state
	rssS3 := rssKiB(t, pid)

	// The eks CRDs appear while the provider runs.
	applyCRDs(t, s, func(f string) bool { return strings.HasPrefix(f, "eks.kaws.dev_") })
	waitStarted(t, s, 6+1, "the EKS controllers after their CRDs were applied")
	cluster, err := s.Apply(ctx, []byte(safeStartClusterYAML), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WaitReady(ctx, cluster, 3*time.Minute); err != nil {
		t.Fatalf("EKS Cluster after its CRD was applied: %v\n%s", err, s.ProviderLogTail(30))
	}

	// Then every other kind: all 26 run.
	applyCRDs(t, s, func(f string) bool {
		return !strings.HasPrefix(f, "kaws.dev_") && !strings.HasPrefix(f, "s3.kaws.dev_") && !strings.HasPrefix(f, "eks.kaws.dev_")
	})
	waitStarted(t, s, 26, "every controller after every CRD was applied")
	time.Sleep(5 * time.Second)
	rssAll := rssKiB(t, pid)
	if got := s.ProviderPID(); got != pid {
		t.Errorf("the provider restarted: pid %d, then %d", pid, got)
	}
	t.Logf("provider RSS: %d KiB with only s3 active, %d KiB with all 26 kinds active", rssS3, rssAll)

	for _, o := range append(cluster, bucket...) {
		if err := s.Client.Delete(ctx, o); err != nil {
			t.Errorf("cannot delete %s: %v", local.Describe(o), err)
		}
	}
}

// applyCRDs applies the CRDs of package/crds whose file name keep accepts.
func applyCRDs(t *testing.T, s *local.Stack, keep func(string) bool) {
	t.Helper()
	dir := filepath.Join(s.Root, "package", "crds")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if keep(e.Name()) {
			if _, err := s.ApplyFile(t.Context(), filepath.Join(dir, e.Name()), false); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func formatStarted(t *testing.T, s *local.Stack) string { return fmt.Sprint(controllersStarted(t, s)) }

// jsonField returns the string field name of a JSON log line.
func jsonField(line, name string) string {
	_, v, _ := strings.Cut(line, `"`+name+`":"`)
	v, _, _ = strings.Cut(v, `"`)
	return v
}

// waitStarted waits until n managed-resource controllers run.
func waitStarted(t *testing.T, s *local.Stack, n int, what string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for len(controllersStarted(t, s)) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s: want %d controllers started, got %s\n%s", what, n, formatStarted(t, s), s.ProviderLogTail(30))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// startLogged returns the kinds (kind.group) the provider logged "starting
// controller" for.
func startLogged(t *testing.T, s *local.Stack) []string {
	t.Helper()
	var kinds []string
	for _, l := range strings.Split(s.ProviderLogTail(10000), "\n") {
		if strings.Contains(l, `"starting controller"`) {
			kinds = append(kinds, jsonField(l, "kind")+"."+jsonField(l, "group"))
		}
	}
	return kinds
}
