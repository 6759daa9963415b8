package subnet

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
	subnetID = "subnet-0123"
	vpcID    = "vpc-0123"
	region   = "eu-west-1"
	zone     = "eu-west-1a"
	cidr     = "10.0.1.0/24"
	arn      = "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0123"
	identity = "default/app-a/uid-1"
)

type modifier func(*v1alpha1.Subnet)

// subnet is a Subnet object whose spec is fully set.
func subnet(m ...modifier) *v1alpha1.Subnet {
	s := &v1alpha1.Subnet{ObjectMeta: metav1.ObjectMeta{Name: "app-a", Namespace: "default", UID: "uid-1"}}
	meta.SetExternalName(s, subnetID)
	s.Spec.ForProvider = v1alpha1.SubnetParameters{
		Region: aws.String(region), VPCID: aws.String(vpcID), CIDRBlock: cidr, AvailabilityZone: aws.String(zone),
		MapPublicIPOnLaunch: aws.Bool(false), Tags: map[string]string{"tier": "app"},
	}
	for _, f := range m {
		f(s)
	}
	return s
}

func noExternalName(s *v1alpha1.Subnet) { meta.SetExternalName(s, "") }

func noVPC(s *v1alpha1.Subnet) { s.Spec.ForProvider.VPCID = nil }

func creating(s *v1alpha1.Subnet) { s.SetConditions(xpv2.Creating()) }

func withStatus(state types.SubnetState) modifier {
	return func(s *v1alpha1.Subnet) {
		s.Status.AtProvider = v1alpha1.SubnetObservation{SubnetID: subnetID, ARN: arn, State: string(state), AvailableIPAddressCount: 251}
		if state == types.SubnetStateAvailable {
			s.SetConditions(xpv2.Available())
		} else {
			s.SetConditions(xpv2.Creating())
		}
	}
}

func awsSubnet(m ...func(*types.Subnet)) types.Subnet {
	s := types.Subnet{
		SubnetId: aws.String(subnetID), SubnetArn: aws.String(arn), State: types.SubnetStateAvailable, VpcId: aws.String(vpcID),
		CidrBlock: aws.String(cidr), AvailabilityZone: aws.String(zone), AvailableIpAddressCount: aws.Int32(251), MapPublicIpOnLaunch: aws.Bool(false),
		Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("app")}, {Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}},
	}
	for _, f := range m {
		f(&s)
	}
	return s
}

func describe(s ...types.Subnet) map[string]any {
	return map[string]any{"DescribeSubnets": &ec2.DescribeSubnetsOutput{Subnets: s}}
}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.Subnet]{What: "subnet", ID: subnetID, NotFound: ec2kit.CodeSubnetNotFound, New: func() *v1alpha1.Subnet { return subnet() }}

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeSubnets", func(api *ec2fake.API, cr *v1alpha1.Subnet) (managed.ExternalObservation, error) {
		return (&external{api: api}).Observe(context.Background(), cr)
	})
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.Subnet]
	one := []string{"DescribeSubnets"}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.Subnet
		want   want
	}{
		"NoExternalNameAdoptsTagged": {
			reason: "A subnet created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    ec2fake.New(describe(awsSubnet()), nil),
			cr:     subnet(noExternalName),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable))},
		},
		"UpToDate": {
			reason: "A subnet as the spec says is up to date with one read; the identity tag does not count.",
			api:    ec2fake.New(describe(awsSubnet()), nil),
			cr:     subnet(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable))},
		},
		"Pending": {
			reason: "A pending subnet is Creating.",
			api:    ec2fake.New(describe(awsSubnet(func(s *types.Subnet) { s.State = types.SubnetStatePending })), nil),
			cr:     subnet(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStatePending))},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS (not the identity tag); the region is mr's.",
			api:    ec2fake.New(describe(awsSubnet()), nil),
			cr: subnet(func(s *v1alpha1.Subnet) {
				s.Spec.ForProvider = v1alpha1.SubnetParameters{VPCID: aws.String(vpcID), CIDRBlock: cidr}
			}),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable), func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Region = nil })},
		},
		"Drift": {
			reason: "A public-IP setting and a tag changed out of band make the subnet out of date.",
			api: ec2fake.New(describe(awsSubnet(func(s *types.Subnet) {
				s.MapPublicIpOnLaunch = aws.Bool(true)
				s.Tags = s.Tags[1:]
			})), nil),
			cr: subnet(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable))},
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
	type want = ec2fake.Want[*v1alpha1.Subnet]
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.Subnet
		want   want
	}{
		"Success": {
			reason: "CreateSubnet tags the subnet with the spec's tags and the identity in the same call; the ID becomes the external name.",
			api:    ec2fake.New(map[string]any{"CreateSubnet": &ec2.CreateSubnetOutput{Subnet: &types.Subnet{SubnetId: aws.String(subnetID)}}}, nil),
			cr:     subnet(noExternalName),
			want: want{Calls: []string{"CreateSubnet"}, CR: subnet(creating), Inputs: []any{&ec2.CreateSubnetInput{
				VpcId: aws.String(vpcID), CidrBlock: aws.String(cidr), AvailabilityZone: aws.String(zone),
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSubnet, Tags: []types.Tag{
					{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("tier"), Value: aws.String("app")}}}},
			}}},
		},
		"NoVPC": {
			reason: "Without a resolved VPC ID nothing is created and the error says what to set.",
			api:    ec2fake.New(nil, nil),
			cr:     subnet(noExternalName, noVPC),
			want: want{Err: errors.New("cannot create subnet: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC"),
				CR: subnet(noExternalName, noVPC)},
		},
		"RangeError": {
			reason: "A range outside the VPC keeps AWS's InvalidSubnet.Range code.",
			api:    ec2fake.New(nil, map[string]error{"CreateSubnet": ec2fake.Err("InvalidSubnet.Range")}),
			cr:     subnet(noExternalName),
			want: want{Err: errors.Wrap(ec2fake.Err("InvalidSubnet.Range"), "cannot create subnet 10.0.1.0/24 in VPC vpc-0123"), Calls: []string{"CreateSubnet"},
				CR: subnet(noExternalName)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, tc.cr,
				cmpopts.IgnoreUnexported(ec2.CreateSubnetInput{}, types.TagSpecification{}, types.Tag{}))
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.Subnet]
	observe := func(m ...func(*types.Subnet)) *v1alpha1.SubnetParameters {
		s := awsSubnet(m...)
		return fromSubnet(&s)
	}
	ignore := cmpopts.IgnoreUnexported(ec2.ModifySubnetAttributeInput{}, types.AttributeBooleanValue{}, ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, types.Tag{})
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *v1alpha1.SubnetParameters
		cr       *v1alpha1.Subnet
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.",
			api:    ec2fake.New(nil, nil),
			cr:     subnet(),
			want:   want{Err: mr.NotObserved("subnet")},
		},
		"NothingDiffers": {
			reason:   "No writes when AWS matches the spec.",
			api:      ec2fake.New(nil, nil),
			observed: observe(),
			cr:       subnet(),
		},
		"ImmutableDiffers": {
			reason:   "An adopted subnet in another zone cannot be fixed in place: the error says what to do.",
			api:      ec2fake.New(nil, nil),
			observed: observe(func(s *types.Subnet) { s.AvailabilityZone = aws.String("eu-west-1b") }),
			cr:       subnet(),
			want:     want{Err: errors.New("subnet subnet-0123 is 10.0.1.0/24 in VPC vpc-0123, zone eu-west-1b, not 10.0.1.0/24 in VPC vpc-0123, zone eu-west-1a: these cannot change, create a new Subnet instead")},
		},
		"MapPublicIP": {
			reason:   "mapPublicIpOnLaunch is set when it differs.",
			api:      ec2fake.New(nil, nil),
			observed: observe(func(s *types.Subnet) { s.MapPublicIpOnLaunch = aws.Bool(true) }),
			cr:       subnet(),
			want: want{Calls: []string{"ModifySubnetAttribute"}, Inputs: []any{
				&ec2.ModifySubnetAttributeInput{SubnetId: aws.String(subnetID), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}}}},
		},
		"MapPublicIPError": {
			reason:   "A failed attribute change is returned with context.",
			api:      ec2fake.New(nil, map[string]error{"ModifySubnetAttribute": ec2fake.Err("InvalidParameterValue")}),
			observed: observe(func(s *types.Subnet) { s.MapPublicIpOnLaunch = aws.Bool(true) }),
			cr:       subnet(),
			want: want{Err: errors.Wrap(ec2fake.Err("InvalidParameterValue"), "cannot set mapPublicIpOnLaunch of subnet subnet-0123"),
				Calls: []string{"ModifySubnetAttribute"}, Inputs: []any{
					&ec2.ModifySubnetAttributeInput{SubnetId: aws.String(subnetID), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}}}},
		},
		"Tags": {
			reason: "Extra tags are removed (never the identity tag), changed ones set.",
			api:    ec2fake.New(nil, nil),
			observed: observe(func(s *types.Subnet) {
				s.Tags = append(s.Tags, types.Tag{Key: aws.String("old"), Value: aws.String("x")})
			}),
			cr: subnet(func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Tags = map[string]string{"tier": "web"} }),
			want: want{Calls: []string{"DeleteTags", "CreateTags"}, Inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{subnetID}, Tags: []types.Tag{{Key: aws.String("old")}}},
				&ec2.CreateTagsInput{Resources: []string{subnetID}, Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("web")}}},
			}},
		},
		"TagsError": {
			reason:   "A failed tag removal is returned with context.",
			api:      ec2fake.New(nil, map[string]error{"DeleteTags": ec2fake.Err("UnauthorizedOperation")}),
			observed: observe(),
			cr:       subnet(func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Tags = map[string]string{} }),
			want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("UnauthorizedOperation"), "cannot remove tags"), "cannot update tags of subnet subnet-0123"),
				Calls: []string{"DeleteTags"}, Inputs: []any{&ec2.DeleteTagsInput{Resources: []string{subnetID}, Tags: []types.Tag{{Key: aws.String("tier")}}}}},
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
	kind.TestDelete(t, "DeleteSubnet", &ec2.DeleteSubnetInput{SubnetId: aws.String(subnetID)}, func(api *ec2fake.API, cr *v1alpha1.Subnet) error {
		_, err := (&external{api: api}).Delete(context.Background(), cr)
		return err
	}, cmpopts.IgnoreUnexported(ec2.DeleteSubnetInput{}))
}
