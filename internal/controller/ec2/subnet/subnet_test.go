package subnet

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

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.Subnet
	}
	one := []string{"DescribeSubnets"}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.Subnet
		want   want
	}{
		"NoExternalNameNothingTagged": {
			reason: "Without an ID, a subnet carrying the identity tag is looked for; none means it does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     subnet(noExternalName),
			want:   want{calls: one, cr: subnet(noExternalName)},
		},
		"IdentityFilterIgnored": {
			reason: "A resource without the identity tag is never adopted, even when the emulator ignores the tag filter.",
			api:    &fakeAPI{out: describe(awsSubnet(func(s *types.Subnet) { s.Tags = s.Tags[:1] }))},
			cr:     subnet(noExternalName),
			want:   want{calls: one, cr: subnet(noExternalName)},
		},
		"NoExternalNameAdoptsTagged": {
			reason: "A subnet created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    &fakeAPI{out: describe(awsSubnet())},
			cr:     subnet(noExternalName),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: one, cr: subnet(withStatus(types.SubnetStateAvailable))},
		},
		"IdentityLookupError": {
			reason: "An error of the identity-tag lookup is returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DescribeSubnets": apiError("UnauthorizedOperation")}},
			cr:     subnet(noExternalName),
			want: want{err: errors.Wrap(apiError("UnauthorizedOperation"), "cannot look up subnet by its identity tag"),
				calls: one, cr: subnet(noExternalName)},
		},
		"NotFound": {
			reason: "InvalidSubnetID.NotFound means the subnet does not exist.",
			api:    &fakeAPI{errs: map[string]error{"DescribeSubnets": apiError(errNotFound)}},
			cr:     subnet(),
			want:   want{calls: one, cr: subnet()},
		},
		"EmptyAnswer": {
			reason: "An empty answer means the subnet does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     subnet(),
			want:   want{calls: one, cr: subnet()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code, wrapped with the subnet ID.",
			api:    &fakeAPI{errs: map[string]error{"DescribeSubnets": apiError("RequestLimitExceeded")}},
			cr:     subnet(),
			want:   want{err: errors.Wrap(apiError("RequestLimitExceeded"), "cannot get subnet subnet-0123"), calls: one, cr: subnet()},
		},
		"UpToDate": {
			reason: "A subnet as the spec says is up to date with one read; the identity tag does not count.",
			api:    &fakeAPI{out: describe(awsSubnet())},
			cr:     subnet(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: one, cr: subnet(withStatus(types.SubnetStateAvailable))},
		},
		"Pending": {
			reason: "A pending subnet is Creating.",
			api:    &fakeAPI{out: describe(awsSubnet(func(s *types.Subnet) { s.State = types.SubnetStatePending }))},
			cr:     subnet(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: one, cr: subnet(withStatus(types.SubnetStatePending))},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS (not the identity tag); the region from the config.",
			api:    &fakeAPI{out: describe(awsSubnet())},
			cr: subnet(func(s *v1alpha1.Subnet) {
				s.Spec.ForProvider = v1alpha1.SubnetParameters{VPCID: aws.String(vpcID), CIDRBlock: cidr}
			}),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: one, cr: subnet(withStatus(types.SubnetStateAvailable))},
		},
		"Drift": {
			reason: "A public-IP setting and a tag changed out of band make the subnet out of date.",
			api: &fakeAPI{out: describe(awsSubnet(func(s *types.Subnet) {
				s.MapPublicIpOnLaunch = aws.Bool(true)
				s.Tags = s.Tags[1:]
			}))},
			cr: subnet(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				calls: one, cr: subnet(withStatus(types.SubnetStateAvailable))},
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
			if got.ResourceExists && (got.Diff == "") != got.ResourceUpToDate {
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

	f := &fakeAPI{out: describe()}
	_, _ = (&external{api: f, region: region}).Observe(context.Background(), subnet(noExternalName))
	wantIn := &ec2.DescribeSubnetsInput{Filters: shared.IdentityFilter(subnet())}
	if diff := cmp.Diff(wantIn, f.inputs[0], cmpopts.IgnoreUnexported(ec2.DescribeSubnetsInput{}, types.Filter{})); diff != "" {
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
		cr     *v1alpha1.Subnet
		want   want
	}{
		"Success": {
			reason: "CreateSubnet tags the subnet with the spec's tags and the identity in the same call; the ID becomes the external name.",
			api:    &fakeAPI{out: map[string]any{"CreateSubnet": &ec2.CreateSubnetOutput{Subnet: &types.Subnet{SubnetId: aws.String(subnetID)}}}},
			cr:     subnet(noExternalName),
			want: want{calls: []string{"CreateSubnet"}, name: subnetID, input: &ec2.CreateSubnetInput{
				VpcId: aws.String(vpcID), CidrBlock: aws.String(cidr), AvailabilityZone: aws.String(zone),
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSubnet, Tags: []types.Tag{
					{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("tier"), Value: aws.String("app")}}}},
			}},
		},
		"NoVPC": {
			reason: "Without a resolved VPC ID nothing is created and the error says what to set.",
			api:    &fakeAPI{},
			cr:     subnet(noExternalName, func(s *v1alpha1.Subnet) { s.Spec.ForProvider.VPCID = nil }),
			want:   want{err: errors.New("cannot create subnet: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC")},
		},
		"RangeError": {
			reason: "A range outside the VPC keeps AWS's InvalidSubnet.Range code.",
			api:    &fakeAPI{errs: map[string]error{"CreateSubnet": apiError("InvalidSubnet.Range")}},
			cr:     subnet(noExternalName),
			want:   want{err: errors.Wrap(apiError("InvalidSubnet.Range"), "cannot create subnet 10.0.1.0/24 in VPC vpc-0123"), calls: []string{"CreateSubnet"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region}).Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nCreate(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if tc.want.input != nil {
				if diff := cmp.Diff(tc.want.input, tc.api.inputs[0], cmpopts.IgnoreUnexported(ec2.CreateSubnetInput{}, types.TagSpecification{}, types.Tag{})); diff != "" {
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
	observe := func(m ...func(*types.Subnet)) *v1alpha1.SubnetParameters {
		s := awsSubnet(m...)
		return fromSubnet(&s)
	}
	ignore := cmpopts.IgnoreUnexported(ec2.ModifySubnetAttributeInput{}, types.AttributeBooleanValue{}, ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, types.Tag{})
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *v1alpha1.SubnetParameters
		cr       *v1alpha1.Subnet
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.",
			api:    &fakeAPI{},
			cr:     subnet(),
			want:   want{err: errors.New("cannot update subnet: it was not observed first")},
		},
		"NothingDiffers": {
			reason:   "No writes when AWS matches the spec.",
			api:      &fakeAPI{},
			observed: observe(),
			cr:       subnet(),
		},
		"ImmutableDiffers": {
			reason:   "An adopted subnet in another zone cannot be fixed in place: the error says what to do.",
			api:      &fakeAPI{},
			observed: observe(func(s *types.Subnet) { s.AvailabilityZone = aws.String("eu-west-1b") }),
			cr:       subnet(),
			want:     want{err: errors.New("subnet subnet-0123 is 10.0.1.0/24 in VPC vpc-0123, zone eu-west-1b, not 10.0.1.0/24 in VPC vpc-0123, zone eu-west-1a: these cannot change, create a new Subnet instead")},
		},
		"MapPublicIP": {
			reason:   "mapPublicIpOnLaunch is set when it differs.",
			api:      &fakeAPI{},
			observed: observe(func(s *types.Subnet) { s.MapPublicIpOnLaunch = aws.Bool(true) }),
			cr:       subnet(),
			want: want{calls: []string{"ModifySubnetAttribute"}, inputs: []any{
				&ec2.ModifySubnetAttributeInput{SubnetId: aws.String(subnetID), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}}}},
		},
		"MapPublicIPError": {
			reason:   "A failed attribute change is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"ModifySubnetAttribute": apiError("InvalidParameterValue")}},
			observed: observe(func(s *types.Subnet) { s.MapPublicIpOnLaunch = aws.Bool(true) }),
			cr:       subnet(),
			want: want{err: errors.Wrap(apiError("InvalidParameterValue"), "cannot set mapPublicIpOnLaunch of subnet subnet-0123"),
				calls: []string{"ModifySubnetAttribute"}, inputs: []any{
					&ec2.ModifySubnetAttributeInput{SubnetId: aws.String(subnetID), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}}}},
		},
		"Tags": {
			reason: "Extra tags are removed (never the identity tag), changed ones set.",
			api:    &fakeAPI{},
			observed: observe(func(s *types.Subnet) {
				s.Tags = append(s.Tags, types.Tag{Key: aws.String("old"), Value: aws.String("x")})
			}),
			cr: subnet(func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Tags = map[string]string{"tier": "web"} }),
			want: want{calls: []string{"DeleteTags", "CreateTags"}, inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{subnetID}, Tags: []types.Tag{{Key: aws.String("old")}}},
				&ec2.CreateTagsInput{Resources: []string{subnetID}, Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("web")}}},
			}},
		},
		"TagsError": {
			reason:   "A failed tag removal is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"DeleteTags": apiError("UnauthorizedOperation")}},
			observed: observe(),
			cr:       subnet(func(s *v1alpha1.Subnet) { s.Spec.ForProvider.Tags = map[string]string{} }),
			want: want{err: errors.Wrap(errors.Wrap(apiError("UnauthorizedOperation"), "cannot remove tags"), "cannot update tags of subnet subnet-0123"),
				calls: []string{"DeleteTags"}, inputs: []any{&ec2.DeleteTagsInput{Resources: []string{subnetID}, Tags: []types.Tag{{Key: aws.String("tier")}}}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region, observed: tc.observed}).Update(context.Background(), tc.cr)
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
		"Success":  {reason: "A deleted subnet is done.", api: &fakeAPI{}},
		"NotFound": {reason: "An already-gone subnet is success.", api: &fakeAPI{errs: map[string]error{"DeleteSubnet": apiError(errNotFound)}}},
		"DependencyViolation": {
			reason: "A subnet still in use keeps AWS's code and message and says that the provider retries.",
			api:    &fakeAPI{errs: map[string]error{"DeleteSubnet": apiError("DependencyViolation")}},
			want:   errors.Wrap(apiError("DependencyViolation"), "cannot delete subnet subnet-0123: other resources still depend on it; the provider retries"),
		},
		"OtherError": {
			reason: "Other errors are returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DeleteSubnet": apiError("UnauthorizedOperation")}},
			want:   errors.Wrap(apiError("UnauthorizedOperation"), "cannot delete subnet subnet-0123"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := subnet()
			_, err := (&external{api: tc.api, region: region}).Delete(context.Background(), cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff([]string{"DeleteSubnet"}, tc.api.calls); diff != "" {
				t.Errorf("%s\nDelete(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if c := cr.GetCondition(xpv2.TypeReady); c.Reason != xpv2.ReasonDeleting {
				t.Errorf("%s\nDelete(...) Ready reason: want %s, got %s", tc.reason, xpv2.ReasonDeleting, c.Reason)
			}
		})
	}
}
