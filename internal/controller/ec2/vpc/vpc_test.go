package vpc

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
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

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.VPC
	}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.VPC
		want   want
	}{
		"NoExternalNameNothingTagged": {
			reason: "Without an ID, a VPC carrying the object's identity tag is looked for; none means it does not exist.",
			api:    &fakeAPI{out: map[string]any{"DescribeVpcs": describe()}},
			cr:     vpc(noExternalName),
			want:   want{o: managed.ExternalObservation{}, calls: []string{"DescribeVpcs"}, cr: vpc(noExternalName)},
		},
		"IdentityFilterIgnored": {
			reason: "A resource without the identity tag is never adopted, even when the emulator ignores the tag filter.",
			api:    &fakeAPI{out: map[string]any{"DescribeVpcs": describe(awsVPC(func(v *types.Vpc) { v.Tags = v.Tags[:1] }))}},
			cr:     vpc(noExternalName),
			want:   want{calls: []string{"DescribeVpcs"}, cr: vpc(noExternalName)},
		},
		"NoExternalNameAdoptsTagged": {
			reason: "A VPC created before a crash is found by its identity tag; its ID is recorded and saved (late-initialized).",
			api:    &fakeAPI{out: reads(awsVPC(), true, true)},
			cr:     vpc(noExternalName),
			want: want{
				o:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: allReads,
				cr:    vpc(withStatus(types.VpcStateAvailable)),
			},
		},
		"IdentityLookupError": {
			reason: "An error of the identity-tag lookup is returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DescribeVpcs": apiError("UnauthorizedOperation")}},
			cr:     vpc(noExternalName),
			want: want{err: errors.Wrap(apiError("UnauthorizedOperation"), "cannot look up VPC by its identity tag"),
				calls: []string{"DescribeVpcs"}, cr: vpc(noExternalName)},
		},
		"NotFound": {
			reason: "InvalidVpcID.NotFound means the VPC does not exist.",
			api:    &fakeAPI{errs: map[string]error{"DescribeVpcs": apiError(errNotFound)}},
			cr:     vpc(),
			want:   want{o: managed.ExternalObservation{}, calls: []string{"DescribeVpcs"}, cr: vpc()},
		},
		"EmptyAnswer": {
			reason: "An empty answer also means the VPC does not exist.",
			api:    &fakeAPI{out: map[string]any{"DescribeVpcs": describe()}},
			cr:     vpc(),
			want:   want{o: managed.ExternalObservation{}, calls: []string{"DescribeVpcs"}, cr: vpc()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code, wrapped with the VPC ID.",
			api:    &fakeAPI{errs: map[string]error{"DescribeVpcs": apiError("RequestLimitExceeded")}},
			cr:     vpc(),
			want:   want{err: errors.Wrap(apiError("RequestLimitExceeded"), "cannot get VPC vpc-0123"), calls: []string{"DescribeVpcs"}, cr: vpc()},
		},
		"AttributeError": {
			reason: "An error reading a DNS attribute is returned with context.",
			api: &fakeAPI{out: map[string]any{"DescribeVpcs": describe(awsVPC())},
				errs: map[string]error{"DescribeVpcAttribute:enableDnsSupport": apiError("RequestLimitExceeded")}},
			cr: vpc(),
			want: want{err: errors.Wrap(apiError("RequestLimitExceeded"), "cannot get attribute enableDnsSupport of VPC vpc-0123"),
				calls: allReads[:2], cr: vpc()},
		},
		"UpToDate": {
			reason: "A VPC as the spec says is up to date; the identity tag does not count as drift; three reads, no writes.",
			api:    &fakeAPI{out: reads(awsVPC(), true, true)},
			cr:     vpc(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: allReads, cr: vpc(withStatus(types.VpcStateAvailable))},
		},
		"Pending": {
			reason: "A pending VPC is Creating, not Available.",
			api:    &fakeAPI{out: reads(awsVPC(func(v *types.Vpc) { v.State = types.VpcStatePending }), true, true)},
			cr:     vpc(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: allReads, cr: vpc(withStatus(types.VpcStatePending))},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS (the identity tag is not), region from the config.",
			api:    &fakeAPI{out: reads(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated)), true, false)},
			cr:     vpc(minimalSpec),
			want: want{
				o:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: allReads,
				cr: vpc(withStatus(types.VpcStateAvailable), func(v *v1alpha1.VPC) {
					v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.1.0.0/16"}
					v.Spec.ForProvider.EnableDNSHostnames = aws.Bool(false)
					v.Status.AtProvider.CIDRBlockAssociations = append(v.Status.AtProvider.CIDRBlockAssociations,
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-1", CIDRBlock: "10.1.0.0/16", State: "associated"})
				}),
			},
		},
		"Drift": {
			reason: "DNS host names turned off, a tag removed and a secondary range added out of band make the VPC out of date.",
			api: &fakeAPI{out: reads(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated),
				func(v *types.Vpc) { v.Tags = v.Tags[1:] }), true, false)},
			cr: vpc(),
			want: want{
				o:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				calls: allReads,
				cr: vpc(withStatus(types.VpcStateAvailable), func(v *v1alpha1.VPC) {
					v.Status.AtProvider.CIDRBlockAssociations = append(v.Status.AtProvider.CIDRBlockAssociations,
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-1", CIDRBlock: "10.1.0.0/16", State: "associated"})
				}),
			},
		},
		"SecondaryOrderAndDisassociated": {
			reason: "Secondary ranges compare as a set; disassociated ones do not count.",
			api: &fakeAPI{out: reads(awsVPC(withSecondary("10.2.0.0/16", "assoc-2", types.VpcCidrBlockStateCodeAssociated),
				withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated),
				withSecondary("10.3.0.0/16", "assoc-3", types.VpcCidrBlockStateCodeDisassociated)), true, true)},
			cr: vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.1.0.0/16", "10.2.0.0/16"} }),
			want: want{
				o:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: allReads,
				cr: vpc(withStatus(types.VpcStateAvailable), func(v *v1alpha1.VPC) {
					v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.1.0.0/16", "10.2.0.0/16"}
					v.Status.AtProvider.CIDRBlockAssociations = append(v.Status.AtProvider.CIDRBlockAssociations,
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-2", CIDRBlock: "10.2.0.0/16", State: "associated"},
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-1", CIDRBlock: "10.1.0.0/16", State: "associated"},
						v1alpha1.CIDRBlockAssociation{AssociationID: "assoc-3", CIDRBlock: "10.3.0.0/16", State: "disassociated"})
				}),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, region: region}
			got, err := e.Observe(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nObserve(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.o, got, cmpopts.IgnoreFields(managed.ExternalObservation{}, "Diff")); diff != "" {
				t.Errorf("%s\nObserve(...): -want, +got:\n%s", tc.reason, diff)
			}
			if (got.Diff == "") != got.ResourceUpToDate && tc.want.err == nil && got.ResourceExists {
				t.Errorf("%s\nObserve(...): Diff %q does not match ResourceUpToDate %v", tc.reason, got.Diff, got.ResourceUpToDate)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nObserve(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.cr, tc.cr, test.EquateConditions(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nObserve(...) object: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}

	// The identity lookup filters by the object's identity tag.
	f := &fakeAPI{out: map[string]any{"DescribeVpcs": describe()}}
	_, _ = (&external{api: f, region: region}).Observe(context.Background(), vpc(noExternalName))
	wantIn := &ec2.DescribeVpcsInput{Filters: shared.IdentityFilter(vpc())}
	if diff := cmp.Diff(wantIn, f.inputs[0], cmpopts.IgnoreUnexported(ec2.DescribeVpcsInput{}, types.Filter{})); diff != "" {
		t.Errorf("identity lookup input: -want, +got:\n%s", diff)
	}
}

func TestCreate(t *testing.T) {
	type want struct {
		err   error
		calls []string
		input any
		name  string
	}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.VPC
		want   want
	}{
		"Success": {
			reason: "CreateVpc tags the VPC with the spec's tags and the identity in the same call, and the ID becomes the external name.",
			api:    &fakeAPI{out: map[string]any{"CreateVpc": &ec2.CreateVpcOutput{Vpc: &types.Vpc{VpcId: aws.String(vpcID)}}}},
			cr:     vpc(noExternalName),
			want: want{calls: []string{"CreateVpc"}, name: vpcID, input: &ec2.CreateVpcInput{
				CidrBlock: aws.String(cidr), InstanceTenancy: types.TenancyDefault,
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: []types.Tag{
					{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}},
			}},
		},
		"Error": {
			reason: "A failed create keeps AWS's code and records no external name.",
			api:    &fakeAPI{errs: map[string]error{"CreateVpc": apiError("VpcLimitExceeded")}},
			cr:     vpc(noExternalName),
			want:   want{err: errors.Wrap(apiError("VpcLimitExceeded"), "cannot create VPC"), calls: []string{"CreateVpc"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, region: region}
			_, err := e.Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nCreate(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if tc.want.input != nil {
				if diff := cmp.Diff(tc.want.input, tc.api.inputs[0], cmpopts.IgnoreUnexported(ec2.CreateVpcInput{}, types.TagSpecification{}, types.Tag{})); diff != "" {
					t.Errorf("%s\nCreate(...) input: -want, +got:\n%s", tc.reason, diff)
				}
			}
			if got := meta.GetExternalName(tc.cr); got != tc.want.name {
				t.Errorf("%s\nCreate(...) external name: want %q, got %q", tc.reason, tc.want.name, got)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		inputs []any
	}
	observe := func(v types.Vpc, support, hostnames bool) *observation {
		o := &observation{vpc: v, params: fromVPC(&v)}
		o.params.EnableDNSSupport, o.params.EnableDNSHostnames = aws.Bool(support), aws.Bool(hostnames)
		return o
	}
	ignore := cmpopts.IgnoreUnexported(ec2.ModifyVpcAttributeInput{}, types.AttributeBooleanValue{}, ec2.CreateTagsInput{},
		ec2.DeleteTagsInput{}, types.Tag{}, ec2.AssociateVpcCidrBlockInput{}, ec2.DisassociateVpcCidrBlockInput{})
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *observation
		cr       *v1alpha1.VPC
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.",
			api:    &fakeAPI{},
			cr:     vpc(),
			want:   want{err: errors.New("cannot update VPC: it was not observed first")},
		},
		"NothingDiffers": {
			reason:   "No writes when AWS matches the spec.",
			api:      &fakeAPI{},
			observed: observe(awsVPC(), true, true),
			cr:       vpc(),
		},
		"PrimaryCIDRDiffers": {
			reason:   "An adopted VPC with another primary range cannot be fixed in place: the error says what to do.",
			api:      &fakeAPI{},
			observed: observe(awsVPC(func(v *types.Vpc) { v.CidrBlock = aws.String("10.9.0.0/16") }), true, true),
			cr:       vpc(),
			want:     want{err: errors.New("VPC vpc-0123 has the primary CIDR block 10.9.0.0/16, not 10.0.0.0/16: a VPC's primary range cannot change, create a new VPC or set spec.forProvider.cidrBlock to 10.9.0.0/16")},
		},
		"TenancyDiffers": {
			reason:   "Tenancy cannot be changed in place.",
			api:      &fakeAPI{},
			observed: observe(awsVPC(func(v *types.Vpc) { v.InstanceTenancy = types.TenancyDedicated }), true, true),
			cr:       vpc(),
			want:     want{err: errors.New("VPC vpc-0123 has instance tenancy dedicated, not default: create a new VPC for another tenancy")},
		},
		"EnableDNS": {
			reason:   "DNS support is enabled before DNS host names, one attribute per call.",
			api:      &fakeAPI{},
			observed: observe(awsVPC(), false, false),
			cr:       vpc(),
			want: want{calls: []string{"ModifyVpcAttribute", "ModifyVpcAttribute"}, inputs: []any{
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}},
			}},
		},
		"DisableDNS": {
			reason:   "DNS host names are disabled before DNS support.",
			api:      &fakeAPI{},
			observed: observe(awsVPC(), true, true),
			cr: vpc(func(v *v1alpha1.VPC) {
				v.Spec.ForProvider.EnableDNSSupport, v.Spec.ForProvider.EnableDNSHostnames = aws.Bool(false), aws.Bool(false)
			}),
			want: want{calls: []string{"ModifyVpcAttribute", "ModifyVpcAttribute"}, inputs: []any{
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(false)}},
				&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(false)}},
			}},
		},
		"ModifyError": {
			reason:   "A failed attribute change is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"ModifyVpcAttribute": apiError("InvalidParameterValue")}},
			observed: observe(awsVPC(), true, false),
			cr:       vpc(),
			want: want{err: errors.Wrap(apiError("InvalidParameterValue"), "cannot set enableDnsHostnames of VPC vpc-0123"),
				calls: []string{"ModifyVpcAttribute"}, inputs: []any{
					&ec2.ModifyVpcAttributeInput{VpcId: aws.String(vpcID), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}}}},
		},
		"SecondaryRanges": {
			reason:   "Only the differences are associated and disassociated.",
			api:      &fakeAPI{},
			observed: observe(awsVPC(withSecondary("10.1.0.0/16", "assoc-1", types.VpcCidrBlockStateCodeAssociated), withSecondary("10.2.0.0/16", "assoc-2", types.VpcCidrBlockStateCodeAssociated)), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.3.0.0/16", "10.2.0.0/16"} }),
			want: want{calls: []string{"DisassociateVpcCidrBlock", "AssociateVpcCidrBlock"}, inputs: []any{
				&ec2.DisassociateVpcCidrBlockInput{AssociationId: aws.String("assoc-1")},
				&ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.3.0.0/16")},
			}},
		},
		"AssociateError": {
			reason:   "A failed association is returned with the range.",
			api:      &fakeAPI{errs: map[string]error{"AssociateVpcCidrBlock": apiError("InvalidVpc.Range")}},
			observed: observe(awsVPC(), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.SecondaryCIDRBlocks = []string{"10.3.0.0/16"} }),
			want: want{err: errors.Wrap(apiError("InvalidVpc.Range"), "cannot associate CIDR block 10.3.0.0/16 with VPC vpc-0123"),
				calls: []string{"AssociateVpcCidrBlock"}, inputs: []any{&ec2.AssociateVpcCidrBlockInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.3.0.0/16")}}},
		},
		"Tags": {
			reason:   "Extra tags are removed (never the identity tag), missing and changed ones added.",
			api:      &fakeAPI{},
			observed: observe(awsVPC(func(v *types.Vpc) { v.Tags = append(v.Tags, types.Tag{Key: aws.String("old"), Value: aws.String("x")}) }), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.Tags = map[string]string{"team": "infra", "env": "dev"} }),
			want: want{calls: []string{"DeleteTags", "CreateTags"}, inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{vpcID}, Tags: []types.Tag{{Key: aws.String("old")}}},
				&ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}, {Key: aws.String("team"), Value: aws.String("infra")}}},
			}},
		},
		"TagsError": {
			reason:   "A failed tag change is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"CreateTags": apiError("TagLimitExceeded")}},
			observed: observe(awsVPC(), true, true),
			cr:       vpc(func(v *v1alpha1.VPC) { v.Spec.ForProvider.Tags = map[string]string{"team": "net", "env": "dev"} }),
			want: want{err: errors.Wrap(errors.Wrap(apiError("TagLimitExceeded"), "cannot add tags"), "cannot update tags of VPC vpc-0123"),
				calls: []string{"CreateTags"}, inputs: []any{&ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, region: region, observed: tc.observed}
			_, err := e.Update(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nUpdate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nUpdate(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.inputs, tc.api.inputs, ignore); diff != "" {
				t.Errorf("%s\nUpdate(...) inputs: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		want   error
	}{
		"Success":  {reason: "A deleted VPC is done.", api: &fakeAPI{}},
		"NotFound": {reason: "An already-gone VPC is success.", api: &fakeAPI{errs: map[string]error{"DeleteVpc": apiError(errNotFound)}}},
		"DependencyViolation": {
			reason: "A VPC still in use yields AWS's code and message, says that the provider retries, and is returned for backoff.",
			api:    &fakeAPI{errs: map[string]error{"DeleteVpc": apiError("DependencyViolation")}},
			want:   errors.Wrap(apiError("DependencyViolation"), "cannot delete VPC vpc-0123: other resources still depend on it; the provider retries"),
		},
		"OtherError": {
			reason: "Other errors are returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DeleteVpc": apiError("UnauthorizedOperation")}},
			want:   errors.Wrap(apiError("UnauthorizedOperation"), "cannot delete VPC vpc-0123"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := vpc()
			_, err := (&external{api: tc.api, region: region}).Delete(context.Background(), cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff([]string{"DeleteVpc"}, tc.api.calls); diff != "" {
				t.Errorf("%s\nDelete(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if c := cr.GetCondition(xpv2.TypeReady); c.Reason != xpv2.ReasonDeleting {
				t.Errorf("%s\nDelete(...) Ready reason: want %s, got %s", tc.reason, xpv2.ReasonDeleting, c.Reason)
			}
		})
	}
}
