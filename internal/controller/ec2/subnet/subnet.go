// Package subnet is the controller of the EC2 Subnet managed resource.
package subnet

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

// Setup adds the Subnet controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ec2kit.Setup(mgr, o, &v1alpha1.Subnet{}, func(s *v1alpha1.Subnet) **string { return &s.Spec.ForProvider.Region },
		func(api ec2kit.API, _ string) mr.External[*v1alpha1.Subnet] { return &external{api: api} })
}

// external reconciles one Subnet with EC2. It lives for one reconcile.
type external struct {
	api ec2kit.API

	// observed is what Observe read, so Update changes only what differs.
	observed *v1alpha1.SubnetParameters
}

// lookup finds the subnet of an object: by its ID, else by its identity tag.
func lookup(api ec2kit.API) ec2kit.Lookup[types.Subnet] {
	return ec2kit.Lookup[types.Subnet]{What: "subnet", NotFound: []string{ec2kit.CodeSubnetNotFound},
		Describe: func(ctx context.Context, ids []string, f []types.Filter) ([]types.Subnet, error) {
			out, err := api.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: ids, Filters: f})
			return ec2kit.Items(out, err, func(o *ec2.DescribeSubnetsOutput) []types.Subnet { return o.Subnets })
		},
		ID:   func(s *types.Subnet) *string { return s.SubnetId },
		Tags: func(s *types.Subnet) []types.Tag { return s.Tags },
	}
}

// Observe reads the subnet (by ID, or by identity tag when the ID was never
// recorded) with one call.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Subnet) (managed.ExternalObservation, error) {
	s, adopted, err := lookup(e.api).Find(ctx, cr)
	if err != nil || s == nil {
		return managed.ExternalObservation{}, err
	}
	o := fromSubnet(s)
	e.observed = o

	p := &cr.Spec.ForProvider
	lateInitialized := lateinit.Any(
		lateinit.Ptr(&p.VPCID, o.VPCID),
		lateinit.Ptr(&p.AvailabilityZone, o.AvailabilityZone),
		lateinit.Ptr(&p.MapPublicIPOnLaunch, o.MapPublicIPOnLaunch),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
	cr.Status.AtProvider = v1alpha1.SubnetObservation{
		SubnetID: aws.ToString(s.SubnetId), ARN: aws.ToString(s.SubnetArn), State: string(s.State),
		AvailableIPAddressCount: aws.ToInt32(s.AvailableIpAddressCount),
	}
	if s.State == types.SubnetStateAvailable {
		cr.SetConditions(xpv2.Available())
	} else {
		cr.SetConditions(xpv2.Creating())
	}
	return ec2kit.Observed(compare(p, o), lateInitialized, adopted), nil
}

func fromSubnet(s *types.Subnet) *v1alpha1.SubnetParameters {
	return &v1alpha1.SubnetParameters{
		VPCID:               s.VpcId,
		CIDRBlock:           aws.ToString(s.CidrBlock),
		AvailabilityZone:    s.AvailabilityZone,
		MapPublicIPOnLaunch: s.MapPublicIpOnLaunch,
		Tags:                ec2kit.FromTags(s.Tags),
	}
}

// compare returns a readable diff between AWS (-) and the spec (+), or "",
// restricted to what the spec manages.
func compare(desired, observed *v1alpha1.SubnetParameters) string {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	o.Region, o.VPCIDRef, o.VPCIDSelector = d.Region, d.VPCIDRef, d.VPCIDSelector
	lateinit.Unmanaged(&o.VPCID, d.VPCID == nil)
	lateinit.Unmanaged(&o.AvailabilityZone, d.AvailabilityZone == nil)
	lateinit.Unmanaged(&o.MapPublicIPOnLaunch, d.MapPublicIPOnLaunch == nil)
	o.Tags = ec2kit.ObservedTags(d.Tags, o.Tags)
	return ec2kit.Diff(o, d)
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
		TagSpecifications: ec2kit.TagSpecifications(types.ResourceTypeSubnet, p.Tags, cr),
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
		return managed.ExternalUpdate{}, mr.NotObserved("subnet")
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
	return managed.ExternalUpdate{}, ec2kit.SyncTags(ctx, e.api, "subnet", id, p.Tags, o.Tags)
}

// Delete deletes the subnet. While network interfaces (instances, NAT
// gateways, ...) still use it, AWS answers DependencyViolation and the
// reconciler retries with backoff.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Subnet) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	_, err := e.api.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(id)})
	return managed.ExternalDelete{}, ec2kit.DeleteError(err, "subnet", id, ec2kit.CodeSubnetNotFound)
}
