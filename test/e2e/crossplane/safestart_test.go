package crossplane

import (
	"context"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/cluster/local"
	"github.com/kaws-dev/provider-aws/test/e2e/e2ekit"
)

// testSafeStartActivation: with an activation policy naming only the S3
// group, the package manager creates only the Bucket CRD and the provider
// runs only the Bucket controller; adding the EKS group to the policy
// starts the EKS controllers in the same process.
func testSafeStartActivation(t *testing.T, s *local.Stack) {
	if pid := s.ProviderPID(); pid != 0 {
		t.Fatal("the provider is already running: safe-start needs the first install, with only the S3 group active (run it first in TestCrossplane)")
	}
	setActivations(t, s, "*.s3.kaws.dev")
	installProvider(t, s)

	crds := providerCRDs(t, s)
	var mrCRDs []string
	for _, c := range crds {
		if !strings.HasSuffix(c, ".kaws.dev") || strings.Count(c, ".") < 3 {
			continue // the kaws.dev configs are not managed resources: always installed
		}
		mrCRDs = append(mrCRDs, c)
	}
	if len(mrCRDs) != 1 || mrCRDs[0] != "buckets.s3.kaws.dev" {
		t.Fatalf("with only *.s3.kaws.dev active, the managed resource CRDs are %v, want [buckets.s3.kaws.dev]", mrCRDs)
	}
	b := xpBucket(t, s, "xp-safestart")
	if err := s.WaitReady(t.Context(), []*unstructured.Unstructured{b}, readyTimeout); err != nil {
		t.Fatalf("%v\n%s", err, s.ProviderLogTail(30))
	}
	started := startedControllers(t, s)
	if !started["Bucket.s3.kaws.dev"] {
		t.Fatalf("the Bucket controller is not reported started; started: %v", keys(started))
	}
	for k := range started {
		if k != "Bucket.s3.kaws.dev" {
			t.Errorf("controller %s started although its CRD is not active", k)
		}
	}
	pid := s.ProviderPID()
	rssOne := rss(t, pid)

	// EKS joins without a restart.
	setActivations(t, s, "*.s3.kaws.dev", "*.eks.kaws.dev")
	waitFor(t, xpInstallTimeout, "the EKS controllers to start", func(context.Context) (bool, error) {
		st := startedControllers(t, s)
		return st["Cluster.eks.kaws.dev"] && st["Nodegroup.eks.kaws.dev"], nil
	})
	if got := s.ProviderPID(); got != pid {
		t.Fatalf("the provider restarted (pid %d → %d) to start the EKS controllers", pid, got)
	}
	for k := range startedControllers(t, s) {
		if !strings.HasSuffix(k, ".s3.kaws.dev") && !strings.HasSuffix(k, ".eks.kaws.dev") {
			t.Errorf("controller %s started although its CRD is not active", k)
		}
	}

	// Every group: the memory the provider needs for all of them.
	setActivations(t, s, "*")
	want := 0
	for _, c := range packageCRDs(t, s.Root) {
		if strings.Count(c, ".") >= 3 { // <plural>.<svc>.kaws.dev, not the kaws.dev configs
			want++
		}
	}
	waitFor(t, xpInstallTimeout, "every controller to start", func(context.Context) (bool, error) {
		return len(startedControllers(t, s)) >= want, nil
	})
	time.Sleep(5 * time.Second) // the new informers' first lists
	rssAll := rss(t, s.ProviderPID())
	t.Logf("provider RSS: %.1f MiB with the S3 group active, %.1f MiB with all %d kinds active", rssOne, rssAll, want)
	if f := providerForbidden(s); len(f) > 0 {
		t.Fatalf("the provider was refused permissions Crossplane did not grant:\n%s", strings.Join(f, "\n"))
	}
}

// startedControllers returns the kinds ("Kind.group") whose controllers
// the provider's metrics report started.
func startedControllers(t *testing.T, s *local.Stack) map[string]bool {
	t.Helper()
	return controllersStarted(t, s)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// rss returns a process's resident memory in MiB.
func rss(t *testing.T, pid int) float64 {
	t.Helper()
	return float64(e2ekit.RSSKiB(t, pid)) / 1024
}
