package vpc

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
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
		Tags: ec2fake.Tags("team", "net", tags.KeyManagedBy, identity),
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
var kind = ec2fake.Kind[*v1alpha1.VPC, *observation]{What: "VPC", ID: vpcID, NotFound: ec2kit.CodeVPCNotFound, New: func() *v1alpha1.VPC { return vpc() },
	Client: func(api *ec2fake.API, o *observation) mr.External[*v1alpha1.VPC] {
		return &external{api: api, observed: o}
	}}

type tcase = ec2fake.Case[*v1alpha1.VPC, *observation]

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeVpcs")
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.VPC]
	ec2fake.Run(t, kind.Observe, map[string]tcase{
		"NoExternalNameAdoptsTagged": {
			Reason: "A VPC created before a crash is found by its identity tag; its ID is recorded and saved (late-initialized).",
			API:    ec2fake.New(reads(awsVPC(), true, true), nil),
			CR:     vpc(noExternalName),
			Want: want{
				O:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: allReads,
				CR:    vpc(withStatus(types.VpcStateAvailable))},
		},
		"AttributeError": {
			Reason: "An error reading a DNS attribute is returned with context.",
			API:    ec2fake.New(map[string]any{"DescribeVpcs": describe(awsVPC())}, map[string]error{"DescribeVpcAttribute:enableDnsSupport": ec2fake.Err("RequestLimitExceeded")}),
			CR:     vpc(),
			Want: want{Err: errors.Wrap(ec2fake.Err("RequestLimitExceeded"), "cannot get attribute enableDnsSupport of VPC vpc-0123"),
				Calls: allReads[:2], CR: vpc()},
		},
		"UpToDate": {
			Reason: "A VPC as the spec says is up to date; the identity tag does not count as drift; three reads, no writes.",
			API:    ec2fake.New(reads(awsVPC(), true, true), nil),
			CR:     vpc(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: allReads, CR: vpc(withStatus(types.VpcStateAvailable))},
		},
		"Pending": {
			Reason: "A pending VPC is Creating, not Available.",
			API:    ec2fake.New(reads(awsVPC(func(v *types.Vpc) { v.State = types.VpcStatePending }), true, true), nil),
			CR:     vpc(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: allReads, CR: vpc(withStatus(types.VpcStatePending))},
		},
		"LateInitialize": {
			Reason: "Unset fields are copied from AWS (the identity tag is not); the region is mr's.",
			API:    ec2fake.New(reads(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated)), true, false), nil),
			CR:     vpc(minimalSpec),
			Want: want{
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
			Reason: "DNS host names turned off, a tag removed and a secondary range added out of band make the VPC out of date.",
			API: ec2fake.New(reads(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated),
				func(v *types.Vpc) { v.Tags = v.Tags[1:] }), true, false), nil),
			CR: vpc(),
			Want: want{
				O:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				Calls: allReads,
				CR: vpc(withStatus(types.VpcStateAvailable), func(v *v1alpha1.VPC) {
					v.Status.AtProvider.CIDRBlockAssociations = append(v.Status.AtProvider.CIDRBlockAssociations,
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-1", CIDRBlock: "10.1.0.0/16", State: "associated"})
				})},
		},
		"SecondaryOrderAndDisassociated": {
			Reason: "Secondary ranges compare as a set; disassociated ones do not count.",
			API: ec2fake.New(reads(awsVPC(withSecondary("10.2.0.0/16", "assoc-2", types.VpcCidrBlockStateCodeAssociated),
				withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated),
				withSecondary("10.3.0.0/16", "assoc-3", types.VpcCidrBlockStateCodeDisassociated)), true, true), nil),
			CR: vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.1.0.0/16", "10.2.0.0/16"} }),
			Want: want{
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
	})
}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.VPC]
	ec2fake.Run(t, kind.Create, map[string]tcase{
		"Success": {
			Reason: "CreateVpc tags the VPC with the spec's tags and the identity in the same call, and the ID becomes the external name.",
			API:    ec2fake.New(map[string]any{"CreateVpc": &ec2.CreateVpcOutput{Vpc: &types.Vpc{VpcId: aws.String(vpcID)}}}, nil),
			CR:     vpc(noExternalName),
			Want: want{Calls: []string{"CreateVpc"}, CR: vpc(creating), Inputs: []any{&ec2.CreateVpcInput{
				CidrBlock: aws.String(cidr), InstanceTenancy: types.TenancyDefault,
				TagSpecifications: ec2fake.TagSpecs(types.ResourceTypeVpc, tags.KeyManagedBy, identity, "team", "net"),
			}}},
		},
		"Error": {
			Reason: "A failed create keeps AWS's code and records no external name.",
			API:    ec2fake.Fails("CreateVpc", "VpcLimitExceeded"),
			CR:     vpc(noExternalName),
			Want:   want{Err: errors.Wrap(ec2fake.Err("VpcLimitExceeded"), "cannot create VPC"), Calls: []string{"CreateVpc"}, CR: vpc(noExternalName)},
		},
	})
}

func TestNotObserved(t *testing.T) { kind.TestNotObserved(t) }

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.VPC]
	observe := func(v types.Vpc, support, hostnames bool) *observation {
		o := &observation{vpc: v, params: fromVPC(&v)}
		o.params.EnableDNSSupport, o.params.EnableDNSHostnames = aws.Bool(support), aws.Bool(hostnames)
		return o
	}
	ec2fake.Run(t, kind.Update, map[string]tcase{
		"NothingDiffers": {
			Reason:   "No writes when AWS matches the spec.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(awsVPC(), true, true),
			CR:       vpc(),
		},
		"PrimaryCIDRDiffers": {
			Reason:   "An adopted VPC with another primary range cannot be fixed in place: the error says what to do.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(awsVPC(func(v *types.Vpc) { v.CidrBlock = aws.String("10.9.0.0/16") }), true, true),
			CR:       vpc(),
			Want:     want{Err: errors.New("VPC vpc-0123 has the primary CIDR block 10.9.0.0/16, not 10.0.0.0/16: a VPC's primary range cannot change, create a new VPC or set spec.forProvider.cidrBlock to 10.9.0.0/16")},
		},
		"TenancyDiffers": {
			Reason:   "Tenancy cannot be changed in place.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(awsVPC(func(v *types.Vpc) { v.InstanceTenancy = types.TenancyDedicated }), true, true),
			CR:       vpc(),
			Want:     want{Err: errors.New("VPC vpc-0123 has instance tenancy dedicated, not default: create a new VPC for another tenancy")},
		},
		"EnableDNS": {
			Reason:   "DNS support is enabled before DNS host names, one attribute per call.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(awsVPC(), false, false),
			CR:       vpc(),
			Want: want{Calls: []string{"ModifyVpcAttribute", "ModifyVpcAttribute"}, Inputs: []any{
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
			}},
		},
		"DisableDNS": {
			Reason:   "DNS host names are disabled before DNS support.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(awsVPC(), true, true),
			CR: vpc(func(v *v1alpha1.VPC) {
				v.Spec.ForProvider.EnableDNSSupport, v.Spec.ForProvider.EnableDNSHostnames = aws.Bool(false), aws.Bool(false)
			}),
			Want: want{Calls: []string{"ModifyVpcAttribute", "ModifyVpcAttribute"}, Inputs: []any{
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(false)}},
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(false)}},
			}},
		},
		"ModifyError": {
			Reason:   "A failed attribute change is returned with context.",
			API:      ec2fake.Fails("ModifyVpcAttribute", "InvalidParameterValue"),
			Observed: observe(awsVPC(), true, false),
			CR:       vpc(),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidParameterValue"), "cannot set enableDnsHostnames of VPC vpc-0123"),
				Calls: []string{"ModifyVpcAttribute"}, Inputs: []any{
					&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}}}},
		},
		"SecondaryRanges": {
			Reason:   "Only the differences are associated and disassociated.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated), withSecondary("10.2.0.0/16", "assoc-2", types.VpcCidrBlockStateCodeAssociated)), true, true),
			CR:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.3.0.0/16", "10.2.0.0/16"} }),
			Want: want{Calls: []string{"DisassociateVpcCidrBlock", "AssociateVpcCidrBlock"}, Inputs: []any{
				&ec2.DisassociateVpcCidrBlockInput{AssociationId: aws.String("assoc-1")},
				&ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.3.0.0/16")},
			}},
		},
		"AssociateError": {
			Reason:   "A failed association is returned with the range.",
			API:      ec2fake.Fails("AssociateVpcCidrBlock", "InvalidVpc.Range"),
			Observed: observe(awsVPC(), true, true),
			CR:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.3.0.0/16"} }),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidVpc.Range"), "cannot associate CIDR block 10.3.0.0/16 with VPC vpc-0123"),
				Calls: []string{"AssociateVpcCidrBlock"}, Inputs: []any{&ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.3.0.0/16")}}},
		},
		"Tags": {
			Reason:   "Extra tags are removed (never the identity tag), missing and changed ones added.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(awsVPC(func(v *types.Vpc) { v.Tags = append(v.Tags, types.Tag{Key: aws.String("old"), Value: aws.String("x")}) }), true, true),
			CR:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.Tags = map[string]string{"team": "infra", "env": "dev"} }),
			Want: want{Calls: []string{"DeleteTags", "CreateTags"}, Inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{vpcID}, Tags: ec2fake.Tags("old")},
				&ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: ec2fake.Tags("env", "dev", "team", "infra")},
			}},
		},
		"TagsError": {
			Reason:   "A failed tag change is returned with context.",
			API:      ec2fake.Fails("CreateTags", "TagLimitExceeded"),
			Observed: observe(awsVPC(), true, true),
			CR:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.Tags = map[string]string{"team": "net", "env": "dev"} }),
			Want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("TagLimitExceeded"), "cannot add tags"), "cannot update tags of VPC vpc-0123"),
				Calls: []string{"CreateTags"}, Inputs: []any{&ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: ec2fake.Tags("env", "dev")}}},
		},
	})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteVpc", &ec2.DeleteVpcInput{VpcId: aws.String(vpcID)})
}
