package e2e

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// crashAfterCreate applies yaml, one managed resource of kind, with a
// provider that exits right after the kind's create call returns and before
// the reconciler records it (mr.EnvCrashAfterCreate), checks with exists
// that AWS has the resource, restarts a normal provider and waits until the
// resource is Ready. The restarted provider must not call createOp again: it
// finds what the first one created. It returns the applied objects. The
// test must not be parallel: it restarts the shared provider.
func crashAfterCreate(t *testing.T, kind, yaml, createOp string, exists func(ctx context.Context) (bool, error)) []*unstructured.Unstructured {
	t.Helper()
	t.Setenv(mr.EnvCrashAfterCreate, kind)
	t.Cleanup(func() {
		// Back to the normal provider for the next tests.
		_ = os.Unsetenv(mr.EnvCrashAfterCreate)
		restartProvider(t)
	})
	restartProvider(t)

	objs := apply(t, yaml)
	name := objs[0].GetNamespace() + "/" + objs[0].GetName()
	waitFor(t, time.Minute, "the provider to exit after "+createOp, func(context.Context) (bool, error) {
		return stack.ProviderPID() == 0, nil
	})
	if !strings.Contains(stack.ProviderLogTail(50), mr.EnvCrashAfterCreate+": created "+name) {
		t.Fatalf("the provider exited without the crash hook's line:\n%s", stack.ProviderLogTail(30))
	}
	if ok, err := exists(t.Context()); err != nil || !ok {
		t.Fatalf("%s not in moto after the crash: %v", name, err)
	}

	t.Setenv(mr.EnvCrashAfterCreate, "")
	restartProvider(t)
	waitReady(t, readyTimeout, objs...)
	// The restarted provider's counters start at zero.
	if n := apiCalls(t, createOp); n != 0 {
		t.Errorf("%s calls after the restart: %v, want 0 (the resource is found again)", createOp, n)
	}
	return objs
}

// TestIAMRoleNoLeakWhenProviderDiesAfterCreate: a kind whose name the user
// chooses follows up a create whose result was not recorded (the
// reconciler's deterministic external names), instead of stopping at
// "cannot determine creation result".
func TestIAMRoleNoLeakWhenProviderDiesAfterCreate(t *testing.T) {
	const name = "e2e-iam-role-crash"
	objs := crashAfterCreate(t, "Role", iamRoleYAML(name, iamEKSTrust, 3600, "team: platform", ""), "CreateRole", func(ctx context.Context) (bool, error) {
		_, err := iamGetRole(ctx, name)
		return err == nil, err
	})
	deleteAndWait(t, goneTimeout, objs[0])
	if _, err := iamGetRole(t.Context(), name); !iamkit.IsNotFound(err) {
		t.Errorf("role %s still in moto after delete: %v", name, err)
	}
}
