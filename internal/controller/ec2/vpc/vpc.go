// Package vpc is the controller of the EC2 VPC managed resource.
package vpc

import (
	"context"
	"sort"

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

// Setup adds the VPC controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ec2kit.Setup(mgr, o, &v1alpha1.VPC{}, func(v *v1alpha1.VPC) **string { return &v.Spec.ForProvider.Region },
		func(api ec2kit.API, _ string) mr.External[*v1alpha1.VPC] { return &external{api: api} })
}

// external reconciles one VPC with EC2. It lives for one reconcile.
type external struct {
	api ec2kit.API

	// observed is what Observe read, so Update changes only what differs
	// without reading again.
	observed *observation
}

type observation struct {
	vpc    types.Vpc
	params v1alpha1.VPCParameters
}

// lookup finds the VPC of an object: by its ID, else by its identity tag.
func lookup(api ec2kit.API) ec2kit.Lookup[types.Vpc] {
	return ec2kit.Lookup[types.Vpc]{What: "VPC", NotFound: []string{ec2kit.CodeVPCNotFound},
		Describe: func(ctx context.Context, ids []string, f []types.Filter) ([]types.Vpc, error) {
			out, err := api.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: ids, Filters: f})
			return ec2kit.Items(out, err, func(o *ec2.DescribeVpcsOutput) []types.Vpc { return o.Vpcs })
		},
		ID:   func(v *types.Vpc) *string { return v.VpcId },
		Tags: func(v *types.Vpc) []types.Tag { return v.Tags },
	}
}

// Observe reads the VPC (by ID, or by identity tag when the ID was never
// recorded) and its two DNS attributes.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.VPC) (managed.ExternalObservation, error) {
	vpc, adopted, err := lookup(e.api).Find(ctx, cr)
	if err != nil || vpc == nil {
		return managed.ExternalObservation{}, err
	}
	id := aws.ToString(vpc.VpcId)
	o := &observation{vpc: *vpc, params: fromVPC(vpc)}
	for _, a := range []types.VpcAttributeName{types.VpcAttributeNameEnableDnsSupport, types.VpcAttributeNameEnableDnsHostnames} {
		out, err := e.api.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: a})
		if err != nil {
			return managed.ExternalObservation{}, errors.Wrapf(err, "cannot get attribute %s of VPC %s", a, id)
		}
		if a == types.VpcAttributeNameEnableDnsSupport && out.EnableDnsSupport != nil {
			o.params.EnableDNSSupport = out.EnableDnsSupport.Value
		}
		if a == types.VpcAttributeNameEnableDnsHostnames && out.EnableDnsHostnames != nil {
			o.params.EnableDNSHostnames = out.EnableDnsHostnames.Value
		}
	}
	e.observed = o

	p := &cr.Spec.ForProvider
	lateInitialized := lateInitialize(p, &o.params)
	cr.Status.AtProvider = atProvider(vpc)
	if vpc.State == types.VpcStateAvailable {
		cr.SetConditions(xpv2.Available())
	} else {
		cr.SetConditions(xpv2.Creating())
	}
	return ec2kit.Observed(compare(p, &o.params), lateInitialized, adopted), nil
}

func fromVPC(v *types.Vpc) v1alpha1.VPCParameters {
	p := v1alpha1.VPCParameters{
		CIDRBlock:           aws.ToString(v.CidrBlock),
		SecondaryCIDRBlocks: []string{},
		Tags:                ec2kit.FromTags(v.Tags),
	}
	if v.InstanceTenancy != "" {
		p.InstanceTenancy = aws.String(string(v.InstanceTenancy))
	}
	for _, a := range v.CidrBlockAssociationSet {
		c := aws.ToString(a.CidrBlock)
		if c == p.CIDRBlock || a.CidrBlockState == nil {
			continue
		}
		if s := a.CidrBlockState.State; s == types.VpcCidrBlockStateCodeAssociated || s == types.VpcCidrBlockStateCodeAssociating {
			p.SecondaryCIDRBlocks = append(p.SecondaryCIDRBlocks, c)
		}
	}
	sort.Strings(p.SecondaryCIDRBlocks)
	return p
}

func atProvider(v *types.Vpc) v1alpha1.VPCObservation {
	o := v1alpha1.VPCObservation{
		VPCID:     aws.ToString(v.VpcId),
		OwnerID:   aws.ToString(v.OwnerId),
		State:     string(v.State),
		IsDefault: aws.ToBool(v.IsDefault),
	}
	for _, a := range v.CidrBlockAssociationSet {
		c := v1alpha1.CIDRBlockAssociation{AssociationID: aws.ToString(a.AssociationId), CIDRBlock: aws.ToString(a.CidrBlock)}
		if a.CidrBlockState != nil {
			c.State = string(a.CidrBlockState.State)
		}
		o.CIDRBlockAssociations = append(o.CIDRBlockAssociations, c)
	}
	return o
}

// lateInitialize copies what AWS has into the fields the user left unset,
// so they are managed from now on. It reports whether it changed p.
func lateInitialize(p, o *v1alpha1.VPCParameters) bool {
	return lateinit.Any(
		lateinit.Slice(&p.SecondaryCIDRBlocks, o.SecondaryCIDRBlocks),
		lateinit.Ptr(&p.EnableDNSSupport, o.EnableDNSSupport),
		lateinit.Ptr(&p.EnableDNSHostnames, o.EnableDNSHostnames),
		lateinit.Ptr(&p.InstanceTenancy, o.InstanceTenancy),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages.
func comparable(desired, observed *v1alpha1.VPCParameters) (*v1alpha1.VPCParameters, *v1alpha1.VPCParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	o.Region = d.Region
	lateinit.Unmanaged(&o.SecondaryCIDRBlocks, d.SecondaryCIDRBlocks == nil)
	sort.Strings(d.SecondaryCIDRBlocks)
	sort.Strings(o.SecondaryCIDRBlocks)
	lateinit.Unmanaged(&o.EnableDNSSupport, d.EnableDNSSupport == nil)
	lateinit.Unmanaged(&o.EnableDNSHostnames, d.EnableDNSHostnames == nil)
	lateinit.Unmanaged(&o.InstanceTenancy, d.InstanceTenancy == nil)
	o.Tags = ec2kit.ObservedTags(d.Tags, o.Tags)
	return d, o
}

// compare returns a readable diff between AWS (-) and the spec (+), or "".
func compare(desired, observed *v1alpha1.VPCParameters) string {
	d, o := comparable(desired, observed)
	return ec2kit.Diff(o, d)
}

// Create creates the VPC, tagged with the spec's tags and the object's
// identity in the same call, and records its ID. The next reconcile applies
// what CreateVpc cannot set (DNS attributes, secondary ranges).
func (e *external) Create(ctx context.Context, cr *v1alpha1.VPC) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	in := &ec2.CreateVpcInput{
		CidrBlock:         aws.String(p.CIDRBlock),
		TagSpecifications: ec2kit.TagSpecifications(types.ResourceTypeVpc, p.Tags, cr),
	}
	if p.InstanceTenancy != nil {
		in.InstanceTenancy = types.Tenancy(*p.InstanceTenancy)
	}
	out, err := e.api.CreateVpc(ctx, in)
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create VPC")
	}
	meta.SetExternalName(cr, aws.ToString(out.Vpc.VpcId))
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

// Update changes what differs between the spec and what Observe read.
func (e *external) Update(ctx context.Context, cr *v1alpha1.VPC) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("VPC")
	}
	id := meta.GetExternalName(cr)
	p, o := &cr.Spec.ForProvider, &e.observed.params
	if p.CIDRBlock != o.CIDRBlock {
		return managed.ExternalUpdate{}, errors.Errorf("VPC %s has the primary CIDR block %s, not %s: a VPC's primary range cannot change, create a new VPC or set spec.forProvider.cidrBlock to %s", id, o.CIDRBlock, p.CIDRBlock, o.CIDRBlock)
	}
	if p.InstanceTenancy != nil && o.InstanceTenancy != nil && *p.InstanceTenancy != *o.InstanceTenancy {
		return managed.ExternalUpdate{}, errors.Errorf("VPC %s has instance tenancy %s, not %s: create a new VPC for another tenancy", id, *o.InstanceTenancy, *p.InstanceTenancy)
	}
	if err := e.updateCIDRBlocks(ctx, id, p.SecondaryCIDRBlocks); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if err := e.updateDNS(ctx, id, p, o); err != nil {
		return managed.ExternalUpdate{}, err
	}
	return managed.ExternalUpdate{}, ec2kit.SyncTags(ctx, e.api, "VPC", id, p.Tags, o.Tags)
}

// updateCIDRBlocks associates the desired secondary ranges the VPC lacks
// and disassociates those it should not have (nil: not managed).
func (e *external) updateCIDRBlocks(ctx context.Context, id string, desired []string) error {
	if desired == nil {
		return nil
	}
	want := map[string]bool{}
	for _, c := range desired {
		want[c] = true
	}
	have := map[string]bool{}
	primary := aws.ToString(e.observed.vpc.CidrBlock)
	for _, a := range e.observed.vpc.CidrBlockAssociationSet {
		c := aws.ToString(a.CidrBlock)
		if c == primary || a.CidrBlockState == nil {
			continue
		}
		switch a.CidrBlockState.State { //nolint:exhaustive // Only live associations count.
		case types.VpcCidrBlockStateCodeAssociated, types.VpcCidrBlockStateCodeAssociating:
			have[c] = true
			if !want[c] {
				if _, err := e.api.DisassociateVpcCidrBlock(ctx, &ec2.DisassociateVpcCidrBlockInput{AssociationId: a.AssociationId}); err != nil {
					return errors.Wrapf(err, "cannot disassociate CIDR block %s from VPC %s", c, id)
				}
			}
		}
	}
	for _, c := range desired {
		if have[c] {
			continue
		}
		if _, err := e.api.AssociateVpcCidrBlock(ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(id), CidrBlock: aws.String(c)}); err != nil {
			return errors.Wrapf(err, "cannot associate CIDR block %s with VPC %s", c, id)
		}
	}
	return nil
}

// updateDNS sets the DNS attributes that differ, one per call as EC2
// requires. DNS support is turned on before, and off after, DNS host names,
// which need it.
func (e *external) updateDNS(ctx context.Context, id string, p, o *v1alpha1.VPCParameters) error {
	differs := func(d, o *bool) bool { return d != nil && (o == nil || *d != *o) }
	support := func() error {
		if !differs(p.EnableDNSSupport, o.EnableDNSSupport) {
			return nil
		}
		_, err := e.api.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(id), EnableDnsSupport: &types.AttributeBooleanValue{Value: p.EnableDNSSupport}})
		return errors.Wrapf(err, "cannot set enableDnsSupport of VPC %s", id)
	}
	hostnames := func() error {
		if !differs(p.EnableDNSHostnames, o.EnableDNSHostnames) {
			return nil
		}
		_, err := e.api.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(id), EnableDnsHostnames: &types.AttributeBooleanValue{Value: p.EnableDNSHostnames}})
		return errors.Wrapf(err, "cannot set enableDnsHostnames of VPC %s", id)
	}
	order := []func() error{support, hostnames}
	if p.EnableDNSSupport != nil && !*p.EnableDNSSupport {
		order = []func() error{hostnames, support}
	}
	for _, f := range order {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// Delete deletes the VPC. While subnets, gateways or other resources still
// use it, AWS answers DependencyViolation and the reconciler retries with
// backoff: deleting a whole network at once needs no ordering.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.VPC) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	_, err := e.api.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(id)})
	return managed.ExternalDelete{}, ec2kit.DeleteError(err, "VPC", id, ec2kit.CodeVPCNotFound)
}
