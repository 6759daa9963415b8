// Package natgateway is the controller of the EC2 NATGateway managed
// resource.
package natgateway

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
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the NATGateway controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ec2kit.Setup(mgr, o, &v1alpha1.NATGateway{}, func(n *v1alpha1.NATGateway) **string { return &n.Spec.ForProvider.Region },
		func(api ec2kit.API, _ string) mr.External[*v1alpha1.NATGateway] { return &external{api: api} })
}

// external reconciles one NATGateway with EC2. It lives for one reconcile.
type external struct {
	api ec2kit.API

	// observed is what Observe read, so Update and Delete act on it.
	observed *types.NatGateway
}

// notFound are EC2's codes for an unknown NAT gateway (AWS answers one or
// the other).
var notFound = []string{ec2kit.CodeNATGatewayNotFound, ec2kit.CodeNATGatewayIDNotFound}

// lookup finds the gateway of an object: by its ID, else by its identity
// tag. A gateway AWS reports deleted is gone (AWS keeps showing deleted
// gateways for about an hour).
func lookup(api ec2kit.API) ec2kit.Lookup[types.NatGateway] {
	return ec2kit.Lookup[types.NatGateway]{What: "NAT gateway", NotFound: notFound,
		Describe: func(ctx context.Context, ids []string, f []types.Filter) ([]types.NatGateway, error) {
			out, err := api.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: ids, Filter: f})
			return ec2kit.Items(out, err, func(o *ec2.DescribeNatGatewaysOutput) []types.NatGateway { return o.NatGateways })
		},
		ID:   func(g *types.NatGateway) *string { return g.NatGatewayId },
		Tags: func(g *types.NatGateway) []types.Tag { return g.Tags },
		Gone: func(g *types.NatGateway) bool { return g.State == types.NatGatewayStateDeleted },
	}
}

// Observe reads the gateway with one call (by ID, or by identity tag when
// the ID was never recorded). A gateway AWS reports deleted does not exist.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.NATGateway) (managed.ExternalObservation, error) {
	g, adopted, err := lookup(e.api).Find(ctx, cr)
	if err != nil || g == nil {
		return managed.ExternalObservation{}, err
	}
	id := aws.ToString(g.NatGatewayId)
	e.observed = g
	observedTags := ec2kit.FromTags(g.Tags)

	p := &cr.Spec.ForProvider
	lateInitialized := lateinit.Any(
		lateinit.Ptr(&p.SubnetID, g.SubnetId),
		lateinit.Ptr(&p.AllocationID, allocationID(g)),
		lateinit.Value(&p.ConnectivityType, string(g.ConnectivityType)),
		lateinit.Map(&p.Tags, tags.User(observedTags)),
	)

	at := v1alpha1.NATGatewayObservation{NATGatewayID: id, State: string(g.State), VPCID: aws.ToString(g.VpcId),
		FailureCode: aws.ToString(g.FailureCode), FailureMessage: aws.ToString(g.FailureMessage)}
	for _, a := range g.NatGatewayAddresses {
		if at.PublicIP == "" {
			at.PublicIP = aws.ToString(a.PublicIp)
		}
		if at.PrivateIP == "" {
			at.PrivateIP = aws.ToString(a.PrivateIp)
		}
	}
	cr.Status.AtProvider = at
	switch g.State { //nolint:exhaustive // Deleted gateways were filtered out by find.
	case types.NatGatewayStateAvailable:
		cr.SetConditions(xpv2.Available())
	case types.NatGatewayStatePending:
		cr.SetConditions(xpv2.Creating())
	case types.NatGatewayStateDeleting:
		cr.SetConditions(xpv2.Deleting())
	case types.NatGatewayStateFailed:
		cr.SetConditions(xpv2.Unavailable().WithMessage("the NAT gateway failed: " + at.FailureCode + ": " + at.FailureMessage + "; delete it and create a new one"))
	}

	desired := map[string]string(p.Tags)
	return ec2kit.Observed(ec2kit.Diff(ec2kit.ObservedTags(desired, observedTags), desired), lateInitialized, adopted), nil
}

// allocationID is the allocation of the gateway's Elastic IP, or nil.
func allocationID(g *types.NatGateway) *string {
	for _, a := range g.NatGatewayAddresses {
		if a.AllocationId != nil {
			return a.AllocationId
		}
	}
	return nil
}

// Create creates the gateway, tagged with the spec's tags and the object's
// identity in the same call, with the object's UID as client token (a
// repeated request does not create a second gateway), and records its ID.
func (e *external) Create(ctx context.Context, cr *v1alpha1.NATGateway) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if p.SubnetID == nil {
		return managed.ExternalCreation{}, errors.New("cannot create NAT gateway: spec.forProvider.subnetId is not set; set it, or subnetIdRef or subnetIdSelector to a Subnet")
	}
	in := &ec2.CreateNatGatewayInput{
		SubnetId:          p.SubnetID,
		AllocationId:      p.AllocationID,
		ClientToken:       aws.String(string(cr.GetUID())),
		TagSpecifications: ec2kit.TagSpecifications(types.ResourceTypeNatgateway, p.Tags, cr),
	}
	if p.ConnectivityType != "" {
		in.ConnectivityType = types.ConnectivityType(p.ConnectivityType)
	}
	out, err := e.api.CreateNatGateway(ctx, in)
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrapf(err, "cannot create NAT gateway in subnet %s", aws.ToString(p.SubnetID))
	}
	meta.SetExternalName(cr, aws.ToString(out.NatGateway.NatGatewayId))
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

// Update syncs the tags; everything else of a NAT gateway is immutable.
func (e *external) Update(ctx context.Context, cr *v1alpha1.NATGateway) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("NAT gateway")
	}
	id := meta.GetExternalName(cr)
	return managed.ExternalUpdate{}, ec2kit.SyncTags(ctx, e.api, "NAT gateway", id, cr.Spec.ForProvider.Tags, ec2kit.FromTags(e.observed.Tags))
}

// Delete deletes the gateway. AWS takes a while (state deleting); it is
// only asked once, and the object goes away when AWS reports it deleted.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.NATGateway) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	if e.observed != nil && e.observed.State == types.NatGatewayStateDeleting {
		return managed.ExternalDelete{}, nil
	}
	id := meta.GetExternalName(cr)
	_, err := e.api.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(id)})
	return managed.ExternalDelete{}, ec2kit.DeleteError(err, "NAT gateway", id, notFound...)
}
