// Package elasticip is the controller of the EC2 ElasticIP managed resource.
package elasticip

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// errInUse are EC2's codes for an address that is still associated (AWS
// answers one or the other).
var errInUse = []string{ec2kit.CodeAddressInUse, ec2kit.CodeAuthFailure, ec2kit.CodeDependencyViolation}

// Setup adds the ElasticIP controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ec2kit.Setup(mgr, o, &v1alpha1.ElasticIP{}, func(a *v1alpha1.ElasticIP) **string { return &a.Spec.ForProvider.Region },
		func(api ec2kit.API, _ string) mr.External[*v1alpha1.ElasticIP] { return &external{api: api} })
}

// external reconciles one ElasticIP with EC2. It lives for one reconcile.
type external struct {
	api ec2kit.API

	// observed are the tags Observe read, so Update changes only what differs.
	observed map[string]string
}

// lookup finds the address of an object: by its allocation ID, else by its
// identity tag.
func lookup(api ec2kit.API) ec2kit.Lookup[types.Address] {
	return ec2kit.Lookup[types.Address]{What: "Elastic IP", NotFound: []string{ec2kit.CodeAllocationNotFound},
		Describe: func(ctx context.Context, ids []string, f []types.Filter) ([]types.Address, error) {
			out, err := api.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: ids, Filters: f})
			return ec2kit.Items(out, err, func(o *ec2.DescribeAddressesOutput) []types.Address { return o.Addresses })
		},
		ID:   func(a *types.Address) *string { return a.AllocationId },
		Tags: func(a *types.Address) []types.Tag { return a.Tags },
	}
}

// Observe reads the address with one call (by allocation ID, or by identity
// tag when the ID was never recorded).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.ElasticIP) (managed.ExternalObservation, error) {
	a, adopted, err := lookup(e.api).Find(ctx, cr)
	if err != nil || a == nil {
		return managed.ExternalObservation{}, err
	}
	observed := ec2kit.FromTags(a.Tags)
	e.observed = observed

	p := &cr.Spec.ForProvider
	lateInitialized := lateinit.Any(lateinit.Value(&p.Domain, string(a.Domain)), lateinit.Map(&p.Tags, tags.User(observed)))
	cr.Status.AtProvider = v1alpha1.ElasticIPObservation{
		AllocationID: aws.ToString(a.AllocationId), PublicIP: aws.ToString(a.PublicIp),
		AssociationID: aws.ToString(a.AssociationId), NetworkInterfaceID: aws.ToString(a.NetworkInterfaceId),
	}
	cr.SetConditions(xpv2.Available())

	desired := map[string]string(p.Tags)
	return ec2kit.Observed(ec2kit.Diff(ec2kit.ObservedTags(desired, observed), desired), lateInitialized, adopted), nil
}

// Create allocates the address, tagged with the spec's tags and the
// object's identity in the same call, and records its allocation ID.
func (e *external) Create(ctx context.Context, cr *v1alpha1.ElasticIP) (managed.ExternalCreation, error) {
	out, err := e.api.AllocateAddress(ctx, &ec2.AllocateAddressInput{
		Domain:            types.DomainTypeVpc,
		TagSpecifications: ec2kit.TagSpecifications(types.ResourceTypeElasticIp, cr.Spec.ForProvider.Tags, cr),
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
		return managed.ExternalUpdate{}, mr.NotObserved("Elastic IP")
	}
	id := meta.GetExternalName(cr)
	return managed.ExternalUpdate{}, ec2kit.SyncTags(ctx, e.api, "Elastic IP", id, cr.Spec.ForProvider.Tags, e.observed)
}

// Delete releases the address. While it is associated (e.g. with a NAT
// gateway that is still being deleted), AWS refuses and the reconciler
// retries with backoff.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.ElasticIP) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	_, err := e.api.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(id)})
	switch {
	case err == nil, awserr.HasCode(err, ec2kit.CodeAllocationNotFound):
		return managed.ExternalDelete{}, nil
	case awserr.HasCode(err, errInUse...):
		return managed.ExternalDelete{}, errors.Wrapf(err, "cannot release Elastic IP %s: it is still associated (%s); the provider retries", id, cr.Status.AtProvider.AssociationID)
	}
	return managed.ExternalDelete{}, errors.Wrapf(err, "cannot release Elastic IP %s", id)
}
