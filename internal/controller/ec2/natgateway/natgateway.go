// Package natgateway is the controller of the EC2 NATGateway managed
// resource.
package natgateway

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

// EC2's error codes for an unknown NAT gateway.
var errNotFound = []string{"NatGatewayNotFound", "InvalidNatGatewayID.NotFound"}

// Setup adds the NATGateway controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.NATGateway]{
		GroupVersionKind: v1alpha1.NATGatewayGroupVersionKind,
		Object:           &v1alpha1.NATGateway{},
		List:             &v1alpha1.NATGatewayList{},
		Connector: &mr.Connector[*v1alpha1.NATGateway]{
			Configs: mr.SharedConfigs(mgr),
			Region:  func(n *v1alpha1.NATGateway) *string { return n.Spec.ForProvider.Region },
			NewClient: func(cfg *clients.Config, _ *v1alpha1.NATGateway) managed.TypedExternalClient[*v1alpha1.NATGateway] {
				return &external{api: NewAPI(cfg), region: cfg.Region}
			},
		},
	},
		// AWS assigns the ID: no NameAsExternalName initializer.
		managed.WithInitializers(),
		// A create that did not record its ID is safe to follow up: Observe
		// finds the gateway by its identity tag instead of creating another.
		managed.WithDeterministicExternalName(true),
		managed.WithCreationGracePeriod(shared.CreationGracePeriod),
	)
}

// external reconciles one NATGateway with EC2. It lives for one reconcile.
type external struct {
	api    API
	region string

	// observed is what Observe read, so Update and Delete act on it.
	observed *types.NatGateway
}

// Observe reads the gateway with one call (by ID, or by identity tag when
// the ID was never recorded). A gateway AWS reports deleted does not exist.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.NATGateway) (managed.ExternalObservation, error) {
	g, adopted, err := e.find(ctx, cr)
	if err != nil || g == nil {
		return managed.ExternalObservation{}, err
	}
	id := aws.ToString(g.NatGatewayId)
	if adopted {
		meta.SetExternalName(cr, id)
	}
	e.observed = g
	observedTags := shared.FromTags(g.Tags)

	p := &cr.Spec.ForProvider
	lateInitialized := false
	if p.Region == nil {
		p.Region, lateInitialized = aws.String(e.region), true
	}
	if p.SubnetID == nil && g.SubnetId != nil {
		p.SubnetID, lateInitialized = aws.String(*g.SubnetId), true
	}
	alloc := allocationID(g)
	if p.AllocationID == nil && alloc != "" {
		p.AllocationID, lateInitialized = aws.String(alloc), true
	}
	if p.ConnectivityType == "" && g.ConnectivityType != "" {
		p.ConnectivityType, lateInitialized = string(g.ConnectivityType), true
	}
	if lt := shared.LateInitTags(observedTags); p.Tags == nil && lt != nil {
		p.Tags, lateInitialized = lt, true
	}

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

	diff := ""
	if !shared.TagsUpToDate(p.Tags, observedTags) {
		diff = cmp.Diff(shared.LateInitTags(observedTags), p.Tags, cmpopts.EquateEmpty())
	}
	return managed.ExternalObservation{
		ResourceExists:   true,
		ResourceUpToDate: diff == "",
		// An adopted gateway's ID must be saved: the reconciler persists
		// the object when this is true.
		ResourceLateInitialized: lateInitialized || adopted,
		Diff:                    diff,
	}, nil
}

func allocationID(g *types.NatGateway) string {
	for _, a := range g.NatGatewayAddresses {
		if a.AllocationId != nil {
			return *a.AllocationId
		}
	}
	return ""
}

// find returns the gateway of cr, or nil when there is none or AWS reports
// it deleted (AWS keeps showing deleted gateways for about an hour).
func (e *external) find(ctx context.Context, cr *v1alpha1.NATGateway) (*types.NatGateway, bool, error) {
	id := meta.GetExternalName(cr)
	in := &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}}
	if id == "" {
		// The provider may have created the gateway and stopped before it
		// recorded the ID: look for the gateway tagged with this object's
		// identity before creating one.
		in = &ec2.DescribeNatGatewaysInput{Filter: shared.IdentityFilter(cr)}
	}
	out, err := e.api.DescribeNatGateways(ctx, in)
	if awserr.HasCode(err, errNotFound...) {
		return nil, false, nil
	}
	if err != nil {
		if id == "" {
			return nil, false, errors.Wrap(err, "cannot look up NAT gateway by its identity tag")
		}
		return nil, false, errors.Wrapf(err, "cannot get NAT gateway %s", id)
	}
	for i := range out.NatGateways {
		g := &out.NatGateways[i]
		if g.State == types.NatGatewayStateDeleted {
			continue
		}
		if id != "" || shared.HasIdentity(g.Tags, cr) {
			return g, id == "", nil
		}
	}
	return nil, false, nil
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
		TagSpecifications: shared.TagSpecifications(types.ResourceTypeNatgateway, p.Tags, cr),
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
		return managed.ExternalUpdate{}, errors.New("cannot update NAT gateway: it was not observed first")
	}
	id := meta.GetExternalName(cr)
	if err := shared.SyncTags(ctx, e.api, id, cr.Spec.ForProvider.Tags, shared.FromTags(e.observed.Tags)); err != nil {
		return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot update tags of NAT gateway %s", id)
	}
	return managed.ExternalUpdate{}, nil
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
	if err == nil || awserr.HasCode(err, errNotFound...) {
		return managed.ExternalDelete{}, nil
	}
	return managed.ExternalDelete{}, shared.DeleteError(err, "NAT gateway", id)
}

// Disconnect implements managed.TypedExternalClient.
func (e *external) Disconnect(_ context.Context) error { return nil }
