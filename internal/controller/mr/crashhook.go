package mr

import (
	"context"
	"fmt"
	"os"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
)

// EnvCrashAfterCreate names a kind (e.g. "VPC") whose controller makes the
// provider exit right after AWS created a resource and before the managed
// resource recorded its external name. Tests use it to prove that creation
// does not leak resources; never set it in production.
const EnvCrashAfterCreate = "KAWS_TEST_CRASH_AFTER_CREATE"

// crashAfterCreate wraps a connector so that its clients exit the process
// after a successful Create.
type crashAfterCreate[T resource.ModernManaged] struct {
	managed.TypedExternalConnector[T]
}

func (c crashAfterCreate[T]) Connect(ctx context.Context, mg T) (managed.TypedExternalClient[T], error) {
	ec, err := c.TypedExternalConnector.Connect(ctx, mg)
	if err != nil {
		return nil, err
	}
	return crashingClient[T]{TypedExternalClient: ec}, nil
}

type crashingClient[T resource.ModernManaged] struct {
	managed.TypedExternalClient[T]
}

func (c crashingClient[T]) Create(ctx context.Context, mg T) (managed.ExternalCreation, error) {
	cr, err := c.TypedExternalClient.Create(ctx, mg)
	if err == nil {
		fmt.Fprintf(os.Stderr, "%s: created %s/%s in AWS; exiting before its external name is saved\n", EnvCrashAfterCreate, mg.GetNamespace(), mg.GetName())
		os.Exit(3)
	}
	return cr, err
}

// withCrashHook returns c, wrapped when EnvCrashAfterCreate names kind.
func withCrashHook[T resource.ModernManaged](kind string, c managed.TypedExternalConnector[T]) managed.TypedExternalConnector[T] {
	if os.Getenv(EnvCrashAfterCreate) == kind {
		return crashAfterCreate[T]{TypedExternalConnector: c}
	}
	return c
}
