// Package e2ekit holds what the e2e suites (test/e2e, against the local
// stack, and test/e2e/crossplane, against the stack with Crossplane) share.
package e2ekit

import (
	"bufio"
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/cluster/local"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Timeouts and intervals of the suites.
const (
	// PollInterval is the provider's --poll: short, so drift is corrected fast.
	PollInterval = 5 * time.Second
	// ReadyTimeout bounds waiting for a resource to be Ready.
	ReadyTimeout = 2 * time.Minute
	// PollEvery is how often the helpers look.
	PollEvery = 250 * time.Millisecond
)

// WaitFor polls cond until it returns true; it fails the test with desc when
// cond returns an error or timeout passes.
func WaitFor(t *testing.T, timeout time.Duration, desc string, cond func(ctx context.Context) (bool, error)) {
	t.Helper()
	if err := wait.PollUntilContextTimeout(t.Context(), PollEvery, timeout, true, cond); err != nil {
		t.Fatalf("waiting %s for %s: %v", timeout, desc, err)
	}
}

// StackName names the stack's directory under _output: E2E_STACK_NAME, or
// "e2e". Two suites running at once need different names.
func StackName() string {
	if n := os.Getenv("E2E_STACK_NAME"); n != "" {
		return n
	}
	return "e2e"
}

// ControllersStarted reads kaws_controllers_started: kind.group -> started.
func ControllersStarted(t *testing.T, s *local.Stack) map[string]bool {
	t.Helper()
	m, err := s.ProviderMetrics(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(m))
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasPrefix(l, mr.MetricControllersStartedName+"{") {
			continue
		}
		group, kind := label(l, "group"), label(l, "kind")
		f := strings.Fields(l)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", l, err)
		}
		if v == 1 {
			got[kind+"."+group] = true
		}
	}
	return got
}

func label(line, name string) string {
	_, v, _ := strings.Cut(line, name+`="`)
	v, _, _ = strings.Cut(v, `"`)
	return v
}

// EKSToken reads the connection secret (in namespace default) and returns
// its kubeconfig's token, after checking the kubeconfig is complete.
func EKSToken(ctx context.Context, t *testing.T, c client.Client, secret, cluster, endpoint string) (string, error) {
	t.Helper()
	s := &corev1.Secret{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: "default", Name: secret}, s); err != nil {
		return "", err
	}
	kc, err := clientcmd.Load(s.Data["kubeconfig"])
	if err != nil {
		return "", fmt.Errorf("kubeconfig does not parse: %w", err)
	}
	ctxt := kc.Contexts[kc.CurrentContext]
	if ctxt == nil || kc.Clusters[ctxt.Cluster] == nil || kc.AuthInfos[ctxt.AuthInfo] == nil {
		return "", fmt.Errorf("kubeconfig has no complete current context")
	}
	if got := kc.Clusters[ctxt.Cluster].Server; got != endpoint {
		return "", fmt.Errorf("kubeconfig server %q, want %q", got, endpoint)
	}
	if len(kc.Clusters[ctxt.Cluster].CertificateAuthorityData) == 0 {
		return "", fmt.Errorf("kubeconfig has no certificate-authority-data")
	}
	for k, want := range map[string]string{"endpoint": endpoint, "clusterName": cluster, "region": "us-east-1"} {
		if string(s.Data[k]) != want {
			return "", fmt.Errorf("secret key %s = %q, want %q", k, s.Data[k], want)
		}
	}
	if len(s.Data["clusterCA"]) == 0 {
		return "", fmt.Errorf("secret has no clusterCA")
	}
	return kc.AuthInfos[ctxt.AuthInfo].Token, nil
}

// EKSCheckToken checks a token is a presigned STS GetCallerIdentity URL
// that signs the x-k8s-aws-id header.
func EKSCheckToken(t *testing.T, tok string) {
	t.Helper()
	raw, ok := strings.CutPrefix(tok, "k8s-aws-v1.")
	if !ok {
		t.Fatalf("token does not start with k8s-aws-v1.")
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		t.Fatalf("token does not decode: %v", err)
	}
	u, err := url.Parse(string(b))
	if err != nil {
		t.Fatalf("token is not a URL: %v", err)
	}
	q := u.Query()
	if q.Get("Action") != "GetCallerIdentity" || q.Get("X-Amz-Expires") != "60" || !strings.Contains(q.Get("X-Amz-SignedHeaders"), "x-k8s-aws-id") || q.Get("X-Amz-Signature") == "" {
		t.Fatalf("token URL is not a presigned GetCallerIdentity with x-k8s-aws-id signed: query %v", q)
	}
}

// EC2VPCYAML is a VPC manifest.
func EC2VPCYAML(name, region, cidr, extra string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: VPC
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: %s
    cidrBlock: %s
%s`, name, region, cidr, extra)
}

// RSSKiB returns the resident set size of a process (VmRSS).
func RSSKiB(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatalf("VmRSS %q: %v", v, err)
			}
			return n
		}
	}
	t.Fatalf("no VmRSS in /proc/%d/status", pid)
	return 0
}
