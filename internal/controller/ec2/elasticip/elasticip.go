// Package elasticip is the controller of the EC2 ElasticIP managed resource.
package elasticip

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// EC2's error codes: an unknown allocation, and an address that is still
// associated (AWS answers one or the other).
var (
	errNotFound = "InvalidAllocationID.NotFound"
	errInUse    = []string{"InvalidIPAddress.InUse", "AuthFailure", "DependencyViolation"}
)

// Setup adds the ElasticIP controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.ElasticIP]{
		GroupVersionKind: v1alpha1.ElasticIPGroupVersionKind,
		Object:           &v1alpha1.ElasticIP{},
		List:             &v1alpha1.ElasticIPList{},
		Connector: &mr.Connector[*v1alpha1.ElasticIP]{
			Configs: mr.SharedConfigs(mgr),
			Region:  func(a *v1alpha1.ElasticIP) *string { return a.Spec.ForProvider.Region },
			NewClient: func(cfg *clients.Config, _ *v1alpha1.ElasticIP) managed.TypedExternalClient[*v1alpha1.ElasticIP] {
				return &external{api: NewAPI(cfg), region: cfg.Region}
			},
		},
	},
		// AWS assigns the ID: no NameAsExternalName initializer.
		managed.WithInitializers(),
		// A create that did not record its ID is safe to follow up: Observe
		// finds the address by its identity tag instead of allocating another.
		managed.WithDeterministicExternalName(true),
		managed.WithCreationGracePeriod(shared.CreationGracePeriod),
	)
}

// external reconciles one ElasticIP with EC2. It lives for one reconcile.
type external struct {
	api    API
	region string

	// observed are the tags Observe read, so Update changes only what differs.
	observed map[string]string
}

// Observe reads the address with one call (by allocation ID, or by identity
// tag when the ID was never recorded).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.ElasticIP) (managed.ExternalObservation, error) {
	a, adopted, err := e.find(ctx, cr)
	if err != nil || a == nil {
		return managed.ExternalObservation{}, err
	}
	if adopted {
		meta.SetExternalName(cr, aws.ToString(a.AllocationId))
	}
	observed := shared.FromTags(a.Tags)
	e.observed = observed

	p := &cr.Spec.ForProvider
	lateInitialized := false
	if p.Region == nil {
		p.Region, lateInitialized = aws.String(e.region), true
	}
	if p.Domain == "" && a.Domain != "" {
		p.Domain, lateInitialized = string(a.Domain), true
	}
	if lt := shared.LateInitTags(observed); p.Tags == nil && lt != nil {
		p.Tags, lateInitialized = lt, true
	}
	cr.Status.AtProvider = v1alpha1.ElasticIPObservation{
		AllocationID: aws.ToString(a.AllocationId), PublicIP: aws.ToString(a.PublicIp),
		AssociationID: aws.ToString(a.AssociationId), NetworkInterfaceID: aws.ToString(a.NetworkInterfaceId),
	}
	cr.SetConditions(xpv2.Available())

	diff := ""
	if !shared.TagsUpToDate(p.Tags, observed) {
		diff = cmp.Diff(shared.LateInitTags(observed), p.Tags, cmpopts.EquateEmpty())
	}
	return managed.ExternalObservation{
		ResourceExists:   true,
		ResourceUpToDate: diff == "",
		// An adopted address's ID must be saved: the reconciler persists
		// the object when this is true.
		ResourceLateInitialized: lateInitialized || adopted,
		Diff:                    diff,
	}, nil
}

func (e *external) find(ctx context.Context, cr *v1alpha1.ElasticIP) (*types.Address, bool, error) {
	id := meta.GetExternalName(cr)
	in := &ec2.DescribeAddressesInput{AllocationIds: []string{id}}
	if id == "" {
		// The provider may have allocated the address and stopped before it
		// recorded the ID: look for the address tagged with this object's
		// identity before allocating one.
		in = &ec2.DescribeAddressesInput{Filters: shared.IdentityFilter(cr)}
	}
	out, err := e.api.DescribeAddresses(ctx, in)
	if awserr.HasCode(err, errNotFound) {
		return nil, false, nil
	}
	if err != nil {
		if id == "" {
			return nil, false, errors.Wrap(err, "cannot look up Elastic IP by its identity tag")
		}
		return nil, false, errors.Wrapf(err, "cannot get Elastic IP %s", id)
	}
	if id != "" {
		if len(out.Addresses) == 0 {
			return nil, false, nil
		}
		return &out.Addresses[0], false, nil
	}
	for i := range out.Addresses {
		if shared.HasIdentity(out.Addresses[i].Tags, cr) {
			return &out.Addresses[i], true, nil
		}
	}
	return nil, false, nil
}

// Create allocates the address, tagged with the spec's tags and the
// object's identity in the same call, and records its allocation ID.
func (e *external) Create(ctx context.Context, cr *v1alpha1.ElasticIP) (managed.ExternalCreation, error) {
	out, err := e.api.AllocateAddress(ctx, &ec2.AllocateAddressInput{
		Domain:            types.DomainTypeVpc,
		TagSpecifications: shared.TagSpecifications(types.ResourceTypeElasticIp, cr.Spec.ForProvider.Tags, cr),
	})
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot allocate Elastic IP")
	}
	meta.SetExternalName(cr, aws.ToString(out.AllocationId))
	return managed.ExternalCreation{}, nil
}

// Update syncs the tags, the only thing of an address that can change.
func (e *external) Update(ctx context.Context, cr *v1alpha1.ElasticIP) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, errors.New("cannot update Elastic IP: it was not observed first")
	}
	id := meta.GetExternalName(cr)
	if err := shared.SyncTags(ctx, e.api, id, cr.Spec.ForProvider.Tags, e.observed); err != nil {
		return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot update tags of Elastic IP %s", id)
	}
	return managed.ExternalUpdate{}, nil
}

// Delete releases the address. While it is associated (e.g. with a NAT
// gateway that is still being deleted), AWS refuses and the reconciler
// retries with backoff.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.ElasticIP) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	_, err := e.api.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(id)})
	switch {
	case err == nil, awserr.HasCode(err, errNotFound):
		return managed.ExternalDelete{}, nil
	case awserr.HasCode(err, errInUse...):
		return managed.ExternalDelete{}, errors.Wrapf(err, "cannot release Elastic IP %s: it is still associated (%s); the provider retries", id, cr.Status.AtProvider.AssociationID)
	}
	return managed.ExternalDelete{}, errors.Wrapf(err, "cannot release Elastic IP %s", id)
}

// Disconnect implements managed.TypedExternalClient.
func (e *external) Disconnect(_ context.Context) error { return nil }
