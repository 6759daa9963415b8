package mr

import (
	"context"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
)

// referenceResolver resolves a managed resource's references (the
// generated ResolveReferences method) and saves what changed with a JSON
// merge patch.
//
// crossplane-runtime's APISimpleReferenceResolver saves only the fields that
// changed in one pass with a server-side apply under a fixed field manager,
// which removes the fields that manager set in earlier passes: a resource
// whose references resolve in different passes (e.g. a RouteTable's vpcId,
// then subnetIds with policy.resolve: Always) would lose the earlier ones and
// resolve them again, back and forth. A merge patch only ever sets what
// changed.
type referenceResolver struct {
	client client.Client
}

// ResolveReferences implements managed.ReferenceResolver.
func (r referenceResolver) ResolveReferences(ctx context.Context, mg resource.Managed) error {
	rr, ok := mg.(interface {
		ResolveReferences(ctx context.Context, r client.Reader) error
	})
	if !ok {
		return nil
	}
	existing, ok := mg.DeepCopyObject().(client.Object)
	if !ok {
		return errors.New("managed resource is not a client.Object")
	}
	if err := rr.ResolveReferences(ctx, r.client); err != nil {
		return errors.Wrap(err, "cannot resolve references")
	}
	if cmp.Equal(existing, mg, cmpopts.EquateEmpty()) {
		return nil
	}
	return errors.Wrap(r.client.Patch(ctx, mg, client.MergeFrom(existing)), "cannot save resolved references")
}
