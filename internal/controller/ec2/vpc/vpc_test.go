package vpc

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2fake"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	vpcID    = "vpc-0123"
	region   = "eu-west-1"
	cidr     = "10.0.0.0/16"
	identity = "default/net/uid-1"
)

type modifier func(*v1alpha1.VPC)

// vpc is a VPC object whose spec is fully set (nothing to late-initialize).
func vpc(m ...modifier) *v1alpha1.VPC {
	v := &v1alpha1.VPC{ObjectMeta: metav1.ObjectMeta{Name: "net", Namespace: "default", UID: "uid-1"}}
	meta.SetExternalName(v, vpcID)
	v.Spec.ForProvider = v1alpha1.VPCParameters{
		Region: aws.String(region), CIDRBlock: cidr, SecondaryCIDRBlocks: []string{},
		EnableDNSSupport: aws.Bool(true), EnableDNSHostnames: aws.Bool(true),
		InstanceTenancy: aws.String("default"), Tags: map[string]string{"team": "net"},
	}
	for _, f := range m {
		f(v)
	}
	return v
}

func noExternalName(v *v1alpha1.VPC) { meta.SetExternalName(v, "") }

func creating(v *v1alpha1.VPC) { v.SetConditions(xpv2.Creating()) }

func minimalSpec(v *v1alpha1.VPC) {
	v.Spec.ForProvider = v1alpha1.VPCParameters{CIDRBlock: cidr}
}

func withStatus(state types.VpcState) modifier {
	return func(v *v1alpha1.VPC) {
		v.Status.AtProvider = v1alpha1.VPCObservation{VPCID: vpcID, OwnerID: "123456789012", State: string(state),
			CIDRBlockAssociations: []v1alpha1.CIDRBlockAssociation{{AssociationID: "assoc-0", CIDRBlock: cidr, State: "associated"}}}
		if state == types.VpcStateAvailable {
			v.SetConditions(xpv2.Available())
		} else {
			v.SetConditions(xpv2.Creating())
		}
	}
}

type awsModifier func(*types.Vpc)

func awsVPC(m ...awsModifier) types.Vpc {
	v := types.Vpc{
		VpcId: aws.String(vpcID), OwnerId: aws.String("123456789012"), State: types.VpcStateAvailable,
		CidrBlock: aws.String(cidr), InstanceTenancy: types.TenancyDefault, IsDefault: aws.Bool(false),
		CidrBlockAssociationSet: []types.VpcCidrBlockAssociation{{AssociationId: aws.String("assoc-0"), CidrBlock: aws.String(cidr),
			CidrBlockState: &types.VpcCidrBlockState{State: types.VpcCidrBlockStateCodeAssociated}}},
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}, {Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}},
	}
	for _, f := range m {
		f(&v)
	}
	return v
}

func withSecondary(c, id string, s types.VpcCidrBlockStateCode) awsModifier {
	return func(v *types.Vpc) {
		v.CidrBlockAssociationSet = append(v.CidrBlockAssociationSet, types.VpcCidrBlockAssociation{AssociationId: aws.String(id),
			CidrBlock: aws.String(c), CidrBlockState: &types.VpcCidrBlockState{State: s}})
	}
}

func describe(vs ...types.Vpc) *ec2.DescribeVpcsOutput { return &ec2.DescribeVpcsOutput{Vpcs: vs} }

// reads answers DescribeVpcs with v and the DNS attributes with support and hostnames.
func reads(v types.Vpc, support, hostnames bool) map[string]any {
	return map[string]any{
		"DescribeVpcs":                            describe(v),
		"DescribeVpcAttribute:enableDnsSupport":   &ec2.DescribeVpcAttributeOutput{EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(support)}},
		"DescribeVpcAttribute:enableDnsHostnames": &ec2.DescribeVpcAttributeOutput{EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(hostnames)}},
	}
}

var allReads = []string{"DescribeVpcs", "DescribeVpcAttribute:enableDnsSupport", "DescribeVpcAttribute:enableDnsHostnames"}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.VPC]{What: "VPC", ID: vpcID, NotFound: ec2kit.CodeVPCNotFound, New: func() *v1alpha1.VPC { return vpc() }}

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeVpcs", func(api *ec2fake.API, cr *v1alpha1.VPC) (managed.ExternalObservation, error) {
		return (&external{api: api}).Observe(context.Background(), cr)
	})
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.VPC]
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.VPC
		want   want
	}{
		"NoExternalNameAdoptsTagged": {
			reason: "A VPC created before a crash is found by its identity tag; its ID is recorded and saved (late-initialized).",
			api:    ec2fake.New(reads(awsVPC(), true, true), nil),
			cr:     vpc(noExternalName),
			want: want{
				O:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: allReads,
				CR:    vpc(withStatus(types.VpcStateAvailable))},
		},
		"AttributeError": {
			reason: "An error reading a DNS attribute is returned with context.",
			api:    ec2fake.New(map[string]any{"DescribeVpcs": describe(awsVPC())}, map[string]error{"DescribeVpcAttribute:enableDnsSupport": ec2fake.Err("RequestLimitExceeded")}),
			cr:     vpc(),
			want: want{Err: errors.Wrap(ec2fake.Err("RequestLimitExceeded"), "cannot get attribute enableDnsSupport of VPC vpc-0123"),
				Calls: allReads[:2], CR: vpc()},
		},
		"UpToDate": {
			reason: "A VPC as the spec says is up to date; the identity tag does not count as drift; three reads, no writes.",
			api:    ec2fake.New(reads(awsVPC(), true, true), nil),
			cr:     vpc(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: allReads, CR: vpc(withStatus(types.VpcStateAvailable))},
		},
		"Pending": {
			reason: "A pending VPC is Creating, not Available.",
			api:    ec2fake.New(reads(awsVPC(func(v *types.Vpc) { v.State = types.VpcStatePending }), true, true), nil),
			cr:     vpc(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: allReads, CR: vpc(withStatus(types.VpcStatePending))},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS (the identity tag is not); the region is mr's.",
			api:    ec2fake.New(reads(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated)), true, false), nil),
			cr:     vpc(minimalSpec),
			want: want{
				O:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: allReads,
				CR: vpc(withStatus(types.VpcStateAvailable), func(v *v1alpha1.VPC) {
					v.Spec.ForProvider.Region = nil
					v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.1.0.0/16"}
					v.Spec.ForProvider.EnableDNSHostnames = aws.Bool(false)
					v.Status.AtProvider.CIDRBlockAssociations = append(v.Status.AtProvider.CIDRBlockAssociations,
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-1", CIDRBlock: "10.1.0.0/16", State: "associated"})
				})},
		},
		"Drift": {
			reason: "DNS host names turned off, a tag removed and a secondary range added out of band make the VPC out of date.",
			api: ec2fake.New(reads(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated),
				func(v *types.Vpc) { v.Tags = v.Tags[1:] }), true, false), nil),
			cr: vpc(),
			want: want{
				O:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				Calls: allReads,
				CR: vpc(withStatus(types.VpcStateAvailable), func(v *v1alpha1.VPC) {
					v.Status.AtProvider.CIDRBlockAssociations = append(v.Status.AtProvider.CIDRBlockAssociations,
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-1", CIDRBlock: "10.1.0.0/16", State: "associated"})
				})},
		},
		"SecondaryOrderAndDisassociated": {
			reason: "Secondary ranges compare as a set; disassociated ones do not count.",
			api: ec2fake.New(reads(awsVPC(withSecondary("10.2.0.0/16", "assoc-2", types.VpcCidrBlockStateCodeAssociated),
				withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated),
				withSecondary("10.3.0.0/16", "assoc-3", types.VpcCidrBlockStateCodeDisassociated)), true, true), nil),
			cr: vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.1.0.0/16", "10.2.0.0/16"} }),
			want: want{
				O:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: allReads,
				CR: vpc(withStatus(types.VpcStateAvailable), func(v *v1alpha1.VPC) {
					v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.1.0.0/16", "10.2.0.0/16"}
					v.Status.AtProvider.CIDRBlockAssociations = append(v.Status.AtProvider.CIDRBlockAssociations,
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-2", CIDRBlock: "10.2.0.0/16", State: "associated"},
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-1", CIDRBlock: "10.1.0.0/16", State: "associated"},
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-3", CIDRBlock: "10.3.0.0/16", State: "disassociated"})
				})},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, o, err, tc.cr)
		})
	}

}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.VPC]
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.VPC
		want   want
	}{
		"Success": {
			reason: "CreateVpc tags the VPC with the spec's tags and the identity in the same call, and the ID becomes the external name.",
			api:    ec2fake.New(map[string]any{"CreateVpc": &ec2.CreateVpcOutput{Vpc: &types.Vpc{VpcId: aws.String(vpcID)}}}, nil),
			cr:     vpc(noExternalName),
			want: want{Calls: []string{"CreateVpc"}, CR: vpc(creating), Inputs: []any{&ec2.CreateVpcInput{
				CidrBlock: aws.String(cidr), InstanceTenancy: types.TenancyDefault,
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: []types.Tag{
					{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}},
			}}},
		},
		"Error": {
			reason: "A failed create keeps AWS's code and records no external name.",
			api:    ec2fake.New(nil, map[string]error{"CreateVpc": ec2fake.Err("VpcLimitExceeded")}),
			cr:     vpc(noExternalName),
			want:   want{Err: errors.Wrap(ec2fake.Err("VpcLimitExceeded"), "cannot create VPC"), Calls: []string{"CreateVpc"}, CR: vpc(noExternalName)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, tc.cr,
				cmpopts.IgnoreUnexported(ec2.CreateVpcInput{}, types.TagSpecification{}, types.Tag{}))
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.VPC]
	observe := func(v types.Vpc, support, hostnames bool) *observation {
		o := &observation{vpc: v, params: fromVPC(&v)}
		o.params.EnableDNSSupport, o.params.EnableDNSHostnames = aws.Bool(support), aws.Bool(hostnames)
		return o
	}
	ignore := cmpopts.IgnoreUnexported(ec2.ModifyVpcAttributeInput{}, types.AttributeBooleanValue{}, ec2.CreateTagsInput{},
		ec2.DeleteTagsInput{}, types.Tag{}, ec2.AssociateVpcCidrBlockInput{}, ec2.DisassociateVpcCidrBlockInput{})
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *observation
		cr       *v1alpha1.VPC
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.",
			api:    ec2fake.New(nil, nil),
			cr:     vpc(),
			want:   want{Err: mr.NotObserved("VPC")},
		},
		"NothingDiffers": {
			reason:   "No writes when AWS matches the spec.",
			api:      ec2fake.New(nil, nil),
			observed: observe(awsVPC(), true, true),
			cr:       vpc(),
		},
		"PrimaryCIDRDiffers": {
			reason:   "An adopted VPC with another primary range cannot be fixed in place: the error says what to do.",
			api:      ec2fake.New(nil, nil),
			observed: observe(awsVPC(func(v *types.Vpc) { v.CidrBlock = aws.String("10.9.0.0/16") }), true, true),
			cr:       vpc(),
			want:     want{Err: errors.New("VPC vpc-0123 has the primary CIDR block 10.9.0.0/16, not 10.0.0.0/16: a VPC's primary range cannot change, create a new VPC or set spec.forProvider.cidrBlock to 10.9.0.0/16")},
		},
		"TenancyDiffers": {
			reason:   "Tenancy cannot be changed in place.",
			api:      ec2fake.New(nil, nil),
			observed: observe(awsVPC(func(v *types.Vpc) { v.InstanceTenancy = types.TenancyDedicated }), true, true),
			cr:       vpc(),
			want:     want{Err: errors.New("VPC vpc-0123 has instance tenancy dedicated, not default: create a new VPC for another tenancy")},
		},
		"EnableDNS": {
			reason:   "DNS support is enabled before DNS host names, one attribute per call.",
			api:      ec2fake.New(nil, nil),
			observed: observe(awsVPC(), false, false),
			cr:       vpc(),
			want: want{Calls: []string{"ModifyVpcAttribute", "ModifyVpcAttribute"}, Inputs: []any{
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
			}},
		},
		"DisableDNS": {
			reason:   "DNS host names are disabled before DNS support.",
			api:      ec2fake.New(nil, nil),
			observed: observe(awsVPC(), true, true),
			cr: vpc(func(v *v1alpha1.VPC) {
				v.Spec.ForProvider.EnableDNSSupport, v.Spec.ForProvider.EnableDNSHostnames = aws.Bool(false), aws.Bool(false)
			}),
			want: want{Calls: []string{"ModifyVpcAttribute", "ModifyVpcAttribute"}, Inputs: []any{
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(false)}},
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(false)}},
			}},
		},
		"ModifyError": {
			reason:   "A failed attribute change is returned with context.",
			api:      ec2fake.New(nil, map[string]error{"ModifyVpcAttribute": ec2fake.Err("InvalidParameterValue")}),
			observed: observe(awsVPC(), true, false),
			cr:       vpc(),
			want: want{Err: errors.Wrap(ec2fake.Err("InvalidParameterValue"), "cannot set enableDnsHostnames of VPC vpc-0123"),
				Calls: []string{"ModifyVpcAttribute"}, Inputs: []any{
					&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}}}},
		},
		"SecondaryRanges": {
			reason:   "Only the differences are associated and disassociated.",
			api:      ec2fake.New(nil, nil),
			observed: observe(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated), withSecondary("10.2.0.0/16", "assoc-2", types.VpcCidrBlockStateCodeAssociated)), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.3.0.0/16", "10.2.0.0/16"} }),
			want: want{Calls: []string{"DisassociateVpcCidrBlock", "AssociateVpcCidrBlock"}, Inputs: []any{
				&ec2.DisassociateVpcCidrBlockInput{AssociationId: aws.String("assoc-1")},
				&ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.3.0.0/16")},
			}},
		},
		"AssociateError": {
			reason:   "A failed association is returned with the range.",
			api:      ec2fake.New(nil, map[string]error{"AssociateVpcCidrBlock": ec2fake.Err("InvalidVpc.Range")}),
			observed: observe(awsVPC(), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.3.0.0/16"} }),
			want: want{Err: errors.Wrap(ec2fake.Err("InvalidVpc.Range"), "cannot associate CIDR block 10.3.0.0/16 with VPC vpc-0123"),
				Calls: []string{"AssociateVpcCidrBlock"}, Inputs: []any{&ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.3.0.0/16")}}},
		},
		"Tags": {
			reason:   "Extra tags are removed (never the identity tag), missing and changed ones added.",
			api:      ec2fake.New(nil, nil),
			observed: observe(awsVPC(func(v *types.Vpc) { v.Tags = append(v.Tags, types.Tag{Key: aws.String("old"), Value: aws.String("x")}) }), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.Tags = map[string]string{"team": "infra", "env": "dev"} }),
			want: want{Calls: []string{"DeleteTags", "CreateTags"}, Inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{vpcID}, Tags: []types.Tag{{Key: aws.String("old")}}},
				&ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}, {Key: aws.String("team"), Value: aws.String("infra")}}},
			}},
		},
		"TagsError": {
			reason:   "A failed tag change is returned with context.",
			api:      ec2fake.New(nil, map[string]error{"CreateTags": ec2fake.Err("TagLimitExceeded")}),
			observed: observe(awsVPC(), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.Tags = map[string]string{"team": "net", "env": "dev"} }),
			want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("TagLimitExceeded"), "cannot add tags"), "cannot update tags of VPC vpc-0123"),
				Calls: []string{"CreateTags"}, Inputs: []any{&ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, observed: tc.observed}).Update(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, nil, ignore)
		})
	}
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteVpc", &ec2.DeleteVpcInput{VpcId: aws.String(vpcID)}, func(api *ec2fake.API, cr *v1alpha1.VPC) error {
		_, err := (&external{api: api}).Delete(context.Background(), cr)
		return err
	}, cmpopts.IgnoreUnexported(ec2.DeleteVpcInput{}))
}
