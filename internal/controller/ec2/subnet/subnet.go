// Package subnet is the controller of the EC2 Subnet managed resource.
package subnet

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

// errNotFound is EC2's code for a subnet ID that does not exist.
const errNotFound = "InvalidSubnetID.NotFound"

// Setup adds the Subnet controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.Subnet]{
		GroupVersionKind: v1alpha1.SubnetGroupVersionKind,
		Object:           &v1alpha1.Subnet{},
		List:             &v1alpha1.SubnetList{},
		Connector: &mr.Connector[*v1alpha1.Subnet]{
			Configs: mr.SharedConfigs(mgr),
			Region:  func(s *v1alpha1.Subnet) *string { return s.Spec.ForProvider.Region },
			NewClient: func(cfg *clients.Config, _ *v1alpha1.Subnet) managed.TypedExternalClient[*v1alpha1.Subnet] {
				return &external{api: NewAPI(cfg), region: cfg.Region}
			},
		},
	},
		// AWS assigns the ID: no NameAsExternalName initializer.
		managed.WithInitializers(),
		// A create that did not record its ID is safe to follow up: Observe
		// finds the subnet by its identity tag instead of creating another.
		managed.WithDeterministicExternalName(true),
		managed.WithCreationGracePeriod(shared.CreationGracePeriod),
	)
}

// external reconciles one Subnet with EC2. It lives for one reconcile.
type external struct {
	api    API
	region string

	// observed is what Observe read, so Update changes only what differs.
	observed *v1alpha1.SubnetParameters
}

// Observe reads the subnet (by ID, or by identity tag when the ID was never
// recorded) with one call.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Subnet) (managed.ExternalObservation, error) {
	s, adopted, err := e.find(ctx, cr)
	if err != nil || s == nil {
		return managed.ExternalObservation{}, err
	}
	if adopted {
		meta.SetExternalName(cr, aws.ToString(s.SubnetId))
	}
	o := fromSubnet(s)
	e.observed = o

	p := &cr.Spec.ForProvider
	lateInitialized := lateInitialize(p, o, e.region)
	cr.Status.AtProvider = v1alpha1.SubnetObservation{
		SubnetID: aws.ToString(s.SubnetId), ARN: aws.ToString(s.SubnetArn), State: string(s.State),
		AvailableIPAddressCount: aws.ToInt32(s.AvailableIpAddressCount),
	}
	if s.State == types.SubnetStateAvailable {
		cr.SetConditions(xpv2.Available())
	} else {
		cr.SetConditions(xpv2.Creating())
	}

	diff := compare(p, o)
	return managed.ExternalObservation{
		ResourceExists:   true,
		ResourceUpToDate: diff == "",
		// An adopted subnet's ID must be saved: the reconciler persists the
		// object when this is true.
		ResourceLateInitialized: lateInitialized || adopted,
		Diff:                    diff,
	}, nil
}

// find returns the subnet of cr, or nil when there is none. adopted is true
// when it was found by its identity tag, not by its recorded ID.
func (e *external) find(ctx context.Context, cr *v1alpha1.Subnet) (*types.Subnet, bool, error) {
	id := meta.GetExternalName(cr)
	in := &ec2.DescribeSubnetsInput{SubnetIds: []string{id}}
	if id == "" {
		// The provider may have created the subnet and stopped before it
		// recorded the ID: look for the subnet tagged with this object's
		// identity before creating one.
		in = &ec2.DescribeSubnetsInput{Filters: shared.IdentityFilter(cr)}
	}
	out, err := e.api.DescribeSubnets(ctx, in)
	if awserr.HasCode(err, errNotFound) {
		return nil, false, nil
	}
	if err != nil {
		if id == "" {
			return nil, false, errors.Wrap(err, "cannot look up subnet by its identity tag")
		}
		return nil, false, errors.Wrapf(err, "cannot get subnet %s", id)
	}
	if id != "" {
		if len(out.Subnets) == 0 {
			return nil, false, nil
		}
		return &out.Subnets[0], false, nil
	}
	for i := range out.Subnets {
		if shared.HasIdentity(out.Subnets[i].Tags, cr) {
			return &out.Subnets[i], true, nil
		}
	}
	return nil, false, nil
}

func fromSubnet(s *types.Subnet) *v1alpha1.SubnetParameters {
	return &v1alpha1.SubnetParameters{
		VPCID:               s.VpcId,
		CIDRBlock:           aws.ToString(s.CidrBlock),
		AvailabilityZone:    s.AvailabilityZone,
		MapPublicIPOnLaunch: s.MapPublicIpOnLaunch,
		Tags:                shared.FromTags(s.Tags),
	}
}

// lateInitialize copies what AWS has into the fields the user left unset,
// so they are managed from now on. It reports whether it changed p.
func lateInitialize(p, o *v1alpha1.SubnetParameters, region string) bool {
	changed := false
	set := func(cond bool, f func()) {
		if cond {
			f()
			changed = true
		}
	}
	set(p.Region == nil, func() { p.Region = aws.String(region) })
	set(p.VPCID == nil && o.VPCID != nil, func() { p.VPCID = aws.String(*o.VPCID) })
	set(p.AvailabilityZone == nil && o.AvailabilityZone != nil, func() { p.AvailabilityZone = aws.String(*o.AvailabilityZone) })
	set(p.MapPublicIPOnLaunch == nil && o.MapPublicIPOnLaunch != nil, func() { p.MapPublicIPOnLaunch = aws.Bool(*o.MapPublicIPOnLaunch) })
	lt := shared.LateInitTags(o.Tags)
	set(p.Tags == nil && lt != nil, func() { p.Tags = lt })
	return changed
}

// compare returns a readable diff between AWS (-) and the spec (+), or "",
// restricted to what the spec manages.
func compare(desired, observed *v1alpha1.SubnetParameters) string {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	o.Region, o.VPCIDRef, o.VPCIDSelector = d.Region, d.VPCIDRef, d.VPCIDSelector
	if d.VPCID == nil {
		o.VPCID = nil
	}
	if d.AvailabilityZone == nil {
		o.AvailabilityZone = nil
	}
	if d.MapPublicIPOnLaunch == nil {
		o.MapPublicIPOnLaunch = nil
	}
	if shared.TagsUpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	} else {
		o.Tags = shared.LateInitTags(o.Tags)
	}
	return cmp.Diff(o, d, cmpopts.EquateEmpty())
}

// Create creates the subnet, tagged with the spec's tags and the object's
// identity in the same call, and records its ID. The next reconcile applies
// what CreateSubnet cannot set (mapPublicIpOnLaunch).
func (e *external) Create(ctx context.Context, cr *v1alpha1.Subnet) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if p.VPCID == nil {
		return managed.ExternalCreation{}, errors.New("cannot create subnet: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC")
	}
	out, err := e.api.CreateSubnet(ctx, &ec2.CreateSubnetInput{
		VpcId:             p.VPCID,
		CidrBlock:         aws.String(p.CIDRBlock),
		AvailabilityZone:  p.AvailabilityZone,
		TagSpecifications: shared.TagSpecifications(types.ResourceTypeSubnet, p.Tags, cr),
	})
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrapf(err, "cannot create subnet %s in VPC %s", p.CIDRBlock, aws.ToString(p.VPCID))
	}
	meta.SetExternalName(cr, aws.ToString(out.Subnet.SubnetId))
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

// Update changes what differs between the spec and what Observe read.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Subnet) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, errors.New("cannot update subnet: it was not observed first")
	}
	id := meta.GetExternalName(cr)
	p, o := &cr.Spec.ForProvider, e.observed
	if p.CIDRBlock != o.CIDRBlock || (p.VPCID != nil && aws.ToString(p.VPCID) != aws.ToString(o.VPCID)) ||
		(p.AvailabilityZone != nil && aws.ToString(p.AvailabilityZone) != aws.ToString(o.AvailabilityZone)) {
		return managed.ExternalUpdate{}, errors.Errorf("subnet %s is %s in VPC %s, zone %s, not %s in VPC %s, zone %s: these cannot change, create a new Subnet instead",
			id, o.CIDRBlock, aws.ToString(o.VPCID), aws.ToString(o.AvailabilityZone), p.CIDRBlock, aws.ToString(p.VPCID), aws.ToString(p.AvailabilityZone))
	}
	if p.MapPublicIPOnLaunch != nil && aws.ToBool(p.MapPublicIPOnLaunch) != aws.ToBool(o.MapPublicIPOnLaunch) {
		if _, err := e.api.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: aws.String(id),
			MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: p.MapPublicIPOnLaunch}}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot set mapPublicIpOnLaunch of subnet %s", id)
		}
	}
	if err := shared.SyncTags(ctx, e.api, id, p.Tags, o.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot update tags of subnet %s", id)
	}
	return managed.ExternalUpdate{}, nil
}

// Delete deletes the subnet. While network interfaces (instances, NAT
// gateways, ...) still use it, AWS answers DependencyViolation and the
// reconciler retries with backoff.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Subnet) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	_, err := e.api.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(id)})
	if err == nil || awserr.HasCode(err, errNotFound) {
		return managed.ExternalDelete{}, nil
	}
	return managed.ExternalDelete{}, shared.DeleteError(err, "subnet", id)
}

// Disconnect implements managed.TypedExternalClient.
func (e *external) Disconnect(_ context.Context) error { return nil }
