package mr

import (
	"context"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
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
//
// With a waker, the resource waits on the resources its references name
// when they do not resolve yet, and is queued again when one changes.
type referenceResolver struct {
	client client.Client
	waker  *waker
	gk     schema.GroupKind
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
	var reader client.Reader = r.client
	rec := &recordingReader{Reader: r.client}
	if r.waker != nil {
		rec.scheme = r.waker.scheme
		reader = rec
	}
	if err := rr.ResolveReferences(ctx, reader); err != nil {
		if r.waker != nil {
			r.waker.wait(referrer{gk: r.gk, NamespacedName: types.NamespacedName{Namespace: mg.GetNamespace(), Name: mg.GetName()}}, rec.targets)
		}
		return errors.Wrap(err, "cannot resolve references")
	}
	if r.waker != nil {
		r.waker.forget(referrer{gk: r.gk, NamespacedName: types.NamespacedName{Namespace: mg.GetNamespace(), Name: mg.GetName()}})
	}
	if cmp.Equal(existing, mg, cmpopts.EquateEmpty()) {
		return nil
	}
	return errors.Wrap(r.client.Patch(ctx, mg, client.MergeFrom(existing)), "cannot save resolved references")
}
