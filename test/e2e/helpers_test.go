package e2e

import (
	"bufio"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	kerrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/cluster/local"
	"github.com/kaws-dev/provider-aws/test/e2e/e2ekit"
)

// Timeouts of the helpers; with the Crossplane suite (test/e2e/crossplane)
// this suite shares what test/e2e/e2ekit holds.
const (
	readyTimeout = e2ekit.ReadyTimeout
	goneTimeout  = 2 * time.Minute
	pollEvery    = e2ekit.PollEvery
	pollInterval = e2ekit.PollInterval
)

var (
	waitFor            = e2ekit.WaitFor
	stackName          = e2ekit.StackName
	eksToken           = e2ekit.EKSToken
	eksCheckToken      = e2ekit.EKSCheckToken
	controllersStarted = e2ekit.ControllersStarted
	ec2VPCYAML         = e2ekit.EC2VPCYAML
	rssKiB             = e2ekit.RSSKiB
)

// examplesDir is the repository's examples/ directory.
func examplesDir() string { return filepath.Join(stack.Root, "examples") }

// apply server-side applies a multi-document YAML string.
func apply(t *testing.T, yaml string) []*unstructured.Unstructured {
	t.Helper()
	objs, err := stack.Apply(t.Context(), []byte(yaml), false)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return objs
}

// applyFile server-side applies a YAML file.
func applyFile(t *testing.T, path string) []*unstructured.Unstructured {
	t.Helper()
	objs, err := stack.ApplyFile(t.Context(), path, false)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return objs
}

// waitReady waits until every object is Ready and Synced; on timeout the
// test fails with their conditions and the end of the provider's log.
func waitReady(t *testing.T, timeout time.Duration, objs ...*unstructured.Unstructured) {
	t.Helper()
	if err := stack.WaitReady(t.Context(), objs, timeout); err != nil {
		t.Fatalf("%v\n--- provider log (last 30 lines) ---\n%s", err, stack.ProviderLogTail(30))
	}
}

// get returns the current state of an object.
func get(t *testing.T, o *unstructured.Unstructured) *unstructured.Unstructured {
	t.Helper()
	cur, err := stack.Get(t.Context(), o)
	if err != nil {
		t.Fatalf("get %s: %v", local.Describe(o), err)
	}
	return cur
}

// deleteAndWait deletes an object and waits until it is gone (for a managed
// resource: until the provider has deleted the external resource and
// removed its finalizer).
func deleteAndWait(t *testing.T, timeout time.Duration, o *unstructured.Unstructured) {
	t.Helper()
	if err := stack.Client.Delete(t.Context(), o); err != nil && !kerrors.IsNotFound(err) {
		t.Fatalf("delete %s: %v", local.Describe(o), err)
	}
	waitFor(t, timeout, local.Describe(o)+" to be gone", func(ctx context.Context) (bool, error) {
		_, err := stack.Get(ctx, o)
		if kerrors.IsNotFound(err) {
			return true, nil
		}
		return false, nil //nolint:nilerr // Other errors are retried until the timeout.
	})
}

// restartProvider stops the provider and starts it with extraArgs.
func restartProvider(t *testing.T, extraArgs ...string) {
	t.Helper()
	if err := stack.StopProvider(); err != nil {
		t.Fatal(err)
	}
	if pid := stack.ProviderPID(); pid != 0 {
		t.Fatalf("provider still running after StopProvider (pid %d)", pid)
	}
	if err := stack.StartProvider(extraArgs...); err != nil {
		t.Fatal(err)
	}
}

// apiCalls returns how many AWS calls of an operation the provider has
// made, by its kaws_aws_api_calls_total counter. op is an operation name
// (CreateQueue), or a service ID and an operation (SNS/TagResource) for
// names several services share.
func apiCalls(t *testing.T, op string) float64 {
	t.Helper()
	service := ""
	if svc, name, ok := strings.Cut(op, "/"); ok {
		service, op = svc, name
	}
	m, err := stack.ProviderMetrics(t.Context())
	if err != nil {
		t.Fatalf("provider metrics: %v", err)
	}
	var n float64
	sc := bufio.NewScanner(strings.NewReader(m))
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasPrefix(l, "kaws_aws_api_calls_total{") || !strings.Contains(l, `operation="`+op+`"`) ||
			(service != "" && !strings.Contains(l, `service="`+service+`"`)) {
			continue
		}
		f := strings.Fields(l)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", l, err)
		}
		n += v
	}
	return n
}

// The provider counts its AWS calls per operation, not per resource, so a
// test that checks the steady state of its resources (no write over a few
// polls) must not overlap with tests that make the provider write to the
// same service. callLocks orders them per service: tests that make the
// provider write hold it shared (writing), a steady-state check holds it
// alone (steady).
var callLocks sync.Map // service -> *sync.RWMutex

func callLock(service string) *sync.RWMutex {
	l, _ := callLocks.LoadOrStore(service, &sync.RWMutex{})
	return l.(*sync.RWMutex)
}

// writing holds the services' call locks shared until done (or the test's
// end): the provider may write to them for this test meanwhile. Call done
// before steady.
func writing(t *testing.T, services ...string) (done func()) {
	t.Helper()
	for _, svc := range services {
		callLock(svc).RLock()
	}
	var once sync.Once
	done = func() {
		once.Do(func() {
			for _, svc := range services {
				callLock(svc).RUnlock()
			}
		})
	}
	t.Cleanup(done)
	return done
}

// steady runs check holding the service's call lock alone: no other test
// makes the provider write to the service meanwhile.
func steady(t *testing.T, service string, check func()) {
	t.Helper()
	l := callLock(service)
	l.Lock()
	defer l.Unlock()
	check()
}
