package subnet

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
		Tags: ec2fake.Tags("tier", "app", tags.KeyManagedBy, identity),
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
var kind = ec2fake.Kind[*v1alpha1.Subnet, *v1alpha1.SubnetParameters]{What: "subnet", ID: subnetID, NotFound: ec2kit.CodeSubnetNotFound, New: func() *v1alpha1.Subnet { return subnet() },
	Client: func(api *ec2fake.API, o *v1alpha1.SubnetParameters) mr.External[*v1alpha1.Subnet] {
		return &external{api: api, observed: o}
	}}

type tcase = ec2fake.Case[*v1alpha1.Subnet, *v1alpha1.SubnetParameters]

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeSubnets")
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.Subnet]
	one := []string{"DescribeSubnets"}
	ec2fake.Run(t, kind.Observe, map[string]tcase{
		"NoExternalNameAdoptsTagged": {
			Reason: "A subnet created before a crash is found by its identity tag; its ID is recorded and saved.",
			API:    ec2fake.New(describe(awsSubnet()), nil),
			CR:     subnet(noExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable))},
		},
		"UpToDate": {
			Reason: "A subnet as the spec says is up to date with one read; the identity tag does not count.",
			API:    ec2fake.New(describe(awsSubnet()), nil),
			CR:     subnet(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable))},
		},
		"Pending": {
			Reason: "A pending subnet is Creating.",
			API:    ec2fake.New(describe(awsSubnet(func(s *types.Subnet) { s.State = types.SubnetStatePending })), nil),
			CR:     subnet(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStatePending))},
		},
		"LateInitialize": {
			Reason: "Unset fields are copied from AWS (not the identity tag); the region is mr's.",
			API:    ec2fake.New(describe(awsSubnet()), nil),
			CR: subnet(func(s *v1alpha1.Subnet) {
				s.Spec.ForProvider = v1alpha1.SubnetParameters{VPCID: aws.String(vpcID), CIDRBlock: cidr}
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable), func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Region = nil })},
		},
		"Drift": {
			Reason: "A public-IP setting and a tag changed out of band make the subnet out of date.",
			API: ec2fake.New(describe(awsSubnet(func(s *types.Subnet) {
				s.MapPublicIpOnLaunch = aws.Bool(true)
				s.Tags = s.Tags[1:]
			})), nil),
			CR: subnet(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				Calls: one, CR: subnet(withStatus(types.SubnetStateAvailable))},
		},
	})
}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.Subnet]
	ec2fake.Run(t, kind.Create, map[string]tcase{
		"Success": {
			Reason: "CreateSubnet tags the subnet with the spec's tags and the identity in the same call; the ID becomes the external name.",
			API:    ec2fake.New(map[string]any{"CreateSubnet": &ec2.CreateSubnetOutput{Subnet: &types.Subnet{SubnetId: aws.String(subnetID)}}}, nil),
			CR:     subnet(noExternalName),
			Want: want{Calls: []string{"CreateSubnet"}, CR: subnet(creating), Inputs: []any{&ec2.CreateSubnetInput{
				VpcId: aws.String(vpcID), CidrBlock: aws.String(cidr), AvailabilityZone: aws.String(zone),
				TagSpecifications: ec2fake.TagSpecs(types.ResourceTypeSubnet, tags.KeyManagedBy, identity, "tier", "app"),
			}}},
		},
		"NoVPC": {
			Reason: "Without a resolved VPC ID nothing is created and the error says what to set.",
			API:    ec2fake.New(nil, nil),
			CR:     subnet(noExternalName, noVPC),
			Want: want{Err: errors.New("cannot create subnet: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC"),
				CR: subnet(noExternalName, noVPC)},
		},
		"RangeError": {
			Reason: "A range outside the VPC keeps AWS's InvalidSubnet.Range code.",
			API:    ec2fake.Fails("CreateSubnet", "InvalidSubnet.Range"),
			CR:     subnet(noExternalName),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidSubnet.Range"), "cannot create subnet 10.0.1.0/24 in VPC vpc-0123"), Calls: []string{"CreateSubnet"},
				CR: subnet(noExternalName)},
		},
	})
}

func TestNotObserved(t *testing.T) { kind.TestNotObserved(t) }

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.Subnet]
	observe := func(m ...func(*types.Subnet)) *v1alpha1.SubnetParameters {
		s := awsSubnet(m...)
		return fromSubnet(&s)
	}
	ec2fake.Run(t, kind.Update, map[string]tcase{
		"NothingDiffers": {
			Reason:   "No writes when AWS matches the spec.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(),
			CR:       subnet(),
		},
		"ImmutableDiffers": {
			Reason:   "An adopted subnet in another zone cannot be fixed in place: the error says what to do.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(func(s *types.Subnet) { s.AvailabilityZone = aws.String("eu-west-1b") }),
			CR:       subnet(),
			Want:     want{Err: errors.New("subnet subnet-0123 is 10.0.1.0/24 in VPC vpc-0123, zone eu-west-1b, not 10.0.1.0/24 in VPC vpc-0123, zone eu-west-1a: these cannot change, create a new Subnet instead")},
		},
		"MapPublicIP": {
			Reason:   "mapPublicIpOnLaunch is set when it differs.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(func(s *types.Subnet) { s.MapPublicIpOnLaunch = aws.Bool(true) }),
			CR:       subnet(),
			Want: want{Calls: []string{"ModifySubnetAttribute"}, Inputs: []any{
				&ec2.ModifySubnetAttributeInput{SubnetId: aws.String(subnetID), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}}}},
		},
		"MapPublicIPError": {
			Reason:   "A failed attribute change is returned with context.",
			API:      ec2fake.Fails("ModifySubnetAttribute", "InvalidParameterValue"),
			Observed: observe(func(s *types.Subnet) { s.MapPublicIpOnLaunch = aws.Bool(true) }),
			CR:       subnet(),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidParameterValue"), "cannot set mapPublicIpOnLaunch of subnet subnet-0123"),
				Calls: []string{"ModifySubnetAttribute"}, Inputs: []any{
					&ec2.ModifySubnetAttributeInput{SubnetId: aws.String(subnetID), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}}}},
		},
		"Tags": {
			Reason: "Extra tags are removed (never the identity tag), changed ones set.",
			API:    ec2fake.New(nil, nil),
			Observed: observe(func(s *types.Subnet) {
				s.Tags = append(s.Tags, types.Tag{Key: aws.String("old"), Value: aws.String("x")})
			}),
			CR: subnet(func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Tags = map[string]string{"tier": "web"} }),
			Want: want{Calls: []string{"DeleteTags", "CreateTags"}, Inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{subnetID}, Tags: ec2fake.Tags("old")},
				&ec2.CreateTagsInput{Resources: []string{subnetID}, Tags: ec2fake.Tags("tier", "web")},
			}},
		},
		"TagsError": {
			Reason:   "A failed tag removal is returned with context.",
			API:      ec2fake.Fails("DeleteTags", "UnauthorizedOperation"),
			Observed: observe(),
			CR:       subnet(func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Tags = map[string]string{} }),
			Want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("UnauthorizedOperation"), "cannot remove tags"), "cannot update tags of subnet subnet-0123"),
				Calls: []string{"DeleteTags"}, Inputs: []any{&ec2.DeleteTagsInput{Resources: []string{subnetID}, Tags: ec2fake.Tags("tier")}}},
		},
	})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteSubnet", &ec2.DeleteSubnetInput{SubnetId: aws.String(subnetID)})
}
