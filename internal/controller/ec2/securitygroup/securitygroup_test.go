package securitygroup

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
	groupID  = "sg-0123"
	vpcID    = "vpc-0123"
	region   = "eu-west-1"
	owner    = "123456789012"
	arn      = "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123"
	identity = "default/web/uid-1"
)

type modifier func(*v1alpha1.SecurityGroup)

func https(cidrs ...string) v1alpha1.SecurityGroupRule {
	return v1alpha1.SecurityGroupRule{IPProtocol: "tcp", FromPort: aws.Int32(443), ToPort: aws.Int32(443), CIDRBlocks: cidrs}
}

func allOut() v1alpha1.SecurityGroupRule {
	return v1alpha1.SecurityGroupRule{IPProtocol: "-1", CIDRBlocks: []string{"0.0.0.0/0"}}
}

// sg is a SecurityGroup object whose spec is fully set.
func sg(m ...modifier) *v1alpha1.SecurityGroup {
	s := &v1alpha1.SecurityGroup{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", UID: "uid-1"}}
	meta.SetExternalName(s, groupID)
	s.Spec.ForProvider = v1alpha1.SecurityGroupParameters{
		Region: aws.String(region), VPCID: aws.String(vpcID), GroupName: "web", Description: "web servers",
		Ingress: []v1alpha1.SecurityGroupRule{https("10.0.0.0/16", "10.1.0.0/16")}, Egress: []v1alpha1.SecurityGroupRule{allOut()},
		Tags: map[string]string{"tier": "web"},
	}
	for _, f := range m {
		f(s)
	}
	return s
}

func noExternalName(s *v1alpha1.SecurityGroup) { meta.SetExternalName(s, "") }

func observed(s *v1alpha1.SecurityGroup) {
	s.Status.AtProvider = v1alpha1.SecurityGroupObservation{GroupID: groupID, ARN: arn, OwnerID: owner}
	s.SetConditions(xpv2.Available())
}

func awsHTTPS(cidrs ...string) types.IpPermission {
	p := types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443)}
	for _, c := range cidrs {
		p.IpRanges = append(p.IpRanges, types.IpRange{CidrIp: aws.String(c)})
	}
	return p
}

func awsAllOut() types.IpPermission {
	return types.IpPermission{IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}
}

// awsSG is the group as AWS reports it; AWS merges the two HTTPS ranges
// into one permission, in the reverse order.
func awsSG(m ...func(*types.SecurityGroup)) types.SecurityGroup {
	s := types.SecurityGroup{
		GroupId: aws.String(groupID), GroupName: aws.String("web"), Description: aws.String("web servers"), VpcId: aws.String(vpcID),
		OwnerId: aws.String(owner), SecurityGroupArn: aws.String(arn),
		IpPermissions: []types.IpPermission{awsHTTPS("10.1.0.0/16", "10.0.0.0/16")}, IpPermissionsEgress: []types.IpPermission{awsAllOut()},
		Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("web")}, {Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}},
	}
	for _, f := range m {
		f(&s)
	}
	return s
}

func describe(s ...types.SecurityGroup) map[string]any {
	return map[string]any{"DescribeSecurityGroups": &ec2.DescribeSecurityGroupsOutput{SecurityGroups: s}}
}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.SecurityGroup
	}
	one := []string{"DescribeSecurityGroups"}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.SecurityGroup
		want   want
	}{
		"NoExternalNameNothingTagged": {
			reason: "Without an ID, a group carrying the identity tag is looked for; none means it does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     sg(noExternalName),
			want:   want{calls: one, cr: sg(noExternalName)},
		},
		"IdentityFilterIgnored": {
			reason: "A resource without the identity tag is never adopted, even when the emulator ignores the tag filter.",
			api:    &fakeAPI{out: describe(awsSG(func(s *types.SecurityGroup) { s.Tags = s.Tags[:1] }))},
			cr:     sg(noExternalName),
			want:   want{calls: one, cr: sg(noExternalName)},
		},
		"NoExternalNameAdoptsTagged": {
			reason: "A group created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    &fakeAPI{out: describe(awsSG())},
			cr:     sg(noExternalName),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: one, cr: sg(observed)},
		},
		"IdentityLookupError": {
			reason: "An error of the identity-tag lookup is returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DescribeSecurityGroups": apiError("UnauthorizedOperation")}},
			cr:     sg(noExternalName),
			want: want{err: errors.Wrap(apiError("UnauthorizedOperation"), "cannot look up security group by its identity tag"),
				calls: one, cr: sg(noExternalName)},
		},
		"NotFound": {
			reason: "InvalidGroup.NotFound means the group does not exist.",
			api:    &fakeAPI{errs: map[string]error{"DescribeSecurityGroups": apiError(errNotFound)}},
			cr:     sg(),
			want:   want{calls: one, cr: sg()},
		},
		"EmptyAnswer": {
			reason: "An empty answer means the group does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     sg(),
			want:   want{calls: one, cr: sg()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"DescribeSecurityGroups": apiError("RequestLimitExceeded")}},
			cr:     sg(),
			want:   want{err: errors.Wrap(apiError("RequestLimitExceeded"), "cannot get security group sg-0123"), calls: one, cr: sg()},
		},
		"UpToDateDespiteMergingAndOrder": {
			reason: "AWS merging ranges and reordering them is not drift; neither is the identity tag.",
			api:    &fakeAPI{out: describe(awsSG())},
			cr:     sg(),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: sg(observed)},
		},
		"ProtocolNumbers": {
			reason: "Protocol numbers compare equal to their names; ICMP without ports means all types and codes.",
			api: &fakeAPI{out: describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissions = []types.IpPermission{
					{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
					{IpProtocol: aws.String("icmp"), FromPort: aws.Int32(-1), ToPort: aws.Int32(-1), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
				}
			}))},
			cr: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{
					{IPProtocol: "6", FromPort: aws.Int32(443), ToPort: aws.Int32(443), CIDRBlocks: []string{"10.0.0.0/16"}},
					{IPProtocol: "icmp", CIDRBlocks: []string{"10.0.0.0/16"}},
				}
			}),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: sg(observed, func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{
					{IPProtocol: "6", FromPort: aws.Int32(443), ToPort: aws.Int32(443), CIDRBlocks: []string{"10.0.0.0/16"}},
					{IPProtocol: "icmp", CIDRBlocks: []string{"10.0.0.0/16"}},
				}
			})},
		},
		"RuleAddedOutOfBand": {
			reason: "A rule added out of band is drift.",
			api: &fakeAPI{out: describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissions = append(s.IpPermissions, awsHTTPS("0.0.0.0/0"))
			}))},
			cr:   sg(),
			want: want{o: managed.ExternalObservation{ResourceExists: true}, calls: one, cr: sg(observed)},
		},
		"RulesNotManaged": {
			reason: "Omitted rule lists are not managed and not late-initialized; the rest is.",
			api:    &fakeAPI{out: describe(awsSG())},
			cr: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider = v1alpha1.SecurityGroupParameters{GroupName: "web", Description: "web servers"}
			}),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: sg(observed, func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Ingress, s.Spec.ForProvider.Egress = nil, nil })},
		},
		"EmptyEgress": {
			reason: "An empty egress list means no egress rules: AWS's default rule is drift.",
			api:    &fakeAPI{out: describe(awsSG())},
			cr:     sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{} }),
			want: want{o: managed.ExternalObservation{ResourceExists: true}, calls: one,
				cr: sg(observed, func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{} })},
		},
		"ARNWithoutAWSs": {
			reason: "Without an ARN from AWS, it is built from the region, owner and ID.",
			api:    &fakeAPI{out: describe(awsSG(func(s *types.SecurityGroup) { s.SecurityGroupArn = nil }))},
			cr:     sg(),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: sg(observed)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := (&external{api: tc.api, region: region}).Observe(context.Background(), tc.cr)
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
			if diff := cmp.Diff(tc.want.cr, tc.cr, test.EquateConditions()); diff != "" {
				t.Errorf("%s\nObserve(...) object: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}

	f := &fakeAPI{out: describe()}
	_, _ = (&external{api: f, region: region}).Observe(context.Background(), sg(noExternalName))
	wantIn := &ec2.DescribeSecurityGroupsInput{Filters: shared.IdentityFilter(sg())}
	if diff := cmp.Diff(wantIn, f.inputs[0], cmpopts.IgnoreUnexported(ec2.DescribeSecurityGroupsInput{}, types.Filter{})); diff != "" {
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
		cr     *v1alpha1.SecurityGroup
		want   want
	}{
		"Success": {
			reason: "CreateSecurityGroup tags the group with the spec's tags and the identity in the same call; the ID becomes the external name.",
			api:    &fakeAPI{out: map[string]any{"CreateSecurityGroup": &ec2.CreateSecurityGroupOutput{GroupId: aws.String(groupID)}}},
			cr:     sg(noExternalName),
			want: want{calls: []string{"CreateSecurityGroup"}, name: groupID, input: &ec2.CreateSecurityGroupInput{
				VpcId: aws.String(vpcID), GroupName: aws.String("web"), Description: aws.String("web servers"),
				TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroup, Tags: []types.Tag{
					{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("tier"), Value: aws.String("web")}}}},
			}},
		},
		"NoVPC": {
			reason: "Without a resolved VPC ID nothing is created.",
			api:    &fakeAPI{},
			cr:     sg(noExternalName, func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.VPCID = nil }),
			want:   want{err: errors.New("cannot create security group: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC")},
		},
		"Error": {
			reason: "A failed create keeps AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"CreateSecurityGroup": apiError("InvalidGroup.Duplicate")}},
			cr:     sg(noExternalName),
			want:   want{err: errors.Wrap(apiError("InvalidGroup.Duplicate"), "cannot create security group web in VPC vpc-0123"), calls: []string{"CreateSecurityGroup"}},
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
				if diff := cmp.Diff(tc.want.input, tc.api.inputs[0], cmpopts.IgnoreUnexported(ec2.CreateSecurityGroupInput{}, types.TagSpecification{}, types.Tag{})); diff != "" {
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
	observe := func(m ...func(*types.SecurityGroup)) *state {
		s := awsSG(m...)
		return &state{VPCID: s.VpcId, GroupName: aws.ToString(s.GroupName), Description: aws.ToString(s.Description),
			Ingress: fromIPPermissions(s.IpPermissions), Egress: fromIPPermissions(s.IpPermissionsEgress), Tags: shared.FromTags(s.Tags)}
	}
	id := aws.String(groupID)
	ignore := cmpopts.IgnoreUnexported(ec2.AuthorizeSecurityGroupIngressInput{}, ec2.RevokeSecurityGroupIngressInput{},
		ec2.AuthorizeSecurityGroupEgressInput{}, ec2.RevokeSecurityGroupEgressInput{}, types.IpPermission{}, types.IpRange{},
		types.Ipv6Range{}, ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, types.Tag{})
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *state
		cr       *v1alpha1.SecurityGroup
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.",
			api:    &fakeAPI{},
			cr:     sg(),
			want:   want{err: errors.New("cannot update security group: it was not observed first")},
		},
		"NothingDiffers": {
			reason:   "No writes when AWS matches the spec.",
			api:      &fakeAPI{},
			observed: observe(),
			cr:       sg(),
		},
		"ImmutableDiffers": {
			reason:   "An adopted group with another name cannot be fixed in place.",
			api:      &fakeAPI{},
			observed: observe(func(s *types.SecurityGroup) { s.GroupName = aws.String("other") }),
			cr:       sg(),
			want:     want{err: errors.New(`security group sg-0123 is "other" ("web servers") in VPC vpc-0123, not "web" ("web servers") in VPC vpc-0123: these cannot change, create a new SecurityGroup instead`)},
		},
		"OnlyDifferences": {
			reason: "An extra ingress range is revoked and a missing one authorized, one permission per range; egress [] revokes the default rule.",
			api:    &fakeAPI{},
			observed: observe(func(s *types.SecurityGroup) {
				s.IpPermissions = []types.IpPermission{awsHTTPS("10.0.0.0/16", "0.0.0.0/0")}
			}),
			cr: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = append(s.Spec.ForProvider.Ingress, v1alpha1.SecurityGroupRule{IPProtocol: "udp", FromPort: aws.Int32(53), ToPort: aws.Int32(53),
					IPv6CIDRBlocks: []string{"::/0"}, Description: aws.String("dns")})
				s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{}
			}),
			want: want{calls: []string{"RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupEgress"}, inputs: []any{
				&ec2.RevokeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("0.0.0.0/0")}},
				&ec2.AuthorizeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("10.1.0.0/16"),
					{IpProtocol: aws.String("udp"), FromPort: aws.Int32(53), ToPort: aws.Int32(53), Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("::/0"), Description: aws.String("dns")}}}}},
				&ec2.RevokeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}},
			}},
		},
		"AuthorizeEgress": {
			reason:   "A missing egress rule is authorized.",
			api:      &fakeAPI{},
			observed: observe(func(s *types.SecurityGroup) { s.IpPermissionsEgress = nil }),
			cr:       sg(),
			want: want{calls: []string{"AuthorizeSecurityGroupEgress"}, inputs: []any{
				&ec2.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}}}},
		},
		"RevokeIngressError": {
			reason:   "A failed revoke is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"RevokeSecurityGroupIngress": apiError("X")}},
			observed: observe(),
			cr:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{} }),
			want: want{err: errors.Wrap(apiError("X"), "cannot revoke ingress rules of security group sg-0123"), calls: []string{"RevokeSecurityGroupIngress"},
				inputs: []any{&ec2.RevokeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("10.0.0.0/16"), awsHTTPS("10.1.0.0/16")}}}},
		},
		"AuthorizeIngressError": {
			reason:   "A failed authorize keeps AWS's code.",
			api:      &fakeAPI{errs: map[string]error{"AuthorizeSecurityGroupIngress": apiError("InvalidPermission.Duplicate")}},
			observed: observe(func(s *types.SecurityGroup) { s.IpPermissions = []types.IpPermission{awsHTTPS("10.0.0.0/16")} }),
			cr:       sg(),
			want: want{err: errors.Wrap(apiError("InvalidPermission.Duplicate"), "cannot authorize ingress rules of security group sg-0123"), calls: []string{"AuthorizeSecurityGroupIngress"},
				inputs: []any{&ec2.AuthorizeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("10.1.0.0/16")}}}},
		},
		"RevokeEgressError": {
			reason:   "A failed egress revoke is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"RevokeSecurityGroupEgress": apiError("X")}},
			observed: observe(),
			cr:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{} }),
			want: want{err: errors.Wrap(apiError("X"), "cannot revoke egress rules of security group sg-0123"), calls: []string{"RevokeSecurityGroupEgress"},
				inputs: []any{&ec2.RevokeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}}}},
		},
		"AuthorizeEgressError": {
			reason:   "A failed egress authorize is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"AuthorizeSecurityGroupEgress": apiError("X")}},
			observed: observe(func(s *types.SecurityGroup) { s.IpPermissionsEgress = nil }),
			cr:       sg(),
			want: want{err: errors.Wrap(apiError("X"), "cannot authorize egress rules of security group sg-0123"), calls: []string{"AuthorizeSecurityGroupEgress"},
				inputs: []any{&ec2.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}}}},
		},
		"NotManagedRulesUntouched": {
			reason:   "Omitted rule lists are never written.",
			api:      &fakeAPI{},
			observed: observe(func(s *types.SecurityGroup) { s.IpPermissions = nil }),
			cr:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Ingress, s.Spec.ForProvider.Egress = nil, nil }),
		},
		"Tags": {
			reason:   "Tags are synced; the identity tag stays.",
			api:      &fakeAPI{},
			observed: observe(),
			cr:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Tags = map[string]string{"tier": "api"} }),
			want: want{calls: []string{"CreateTags"}, inputs: []any{
				&ec2.CreateTagsInput{Resources: []string{groupID}, Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("api")}}}}},
		},
		"TagsError": {
			reason:   "A failed tag change is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"CreateTags": apiError("X")}},
			observed: observe(),
			cr:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Tags = map[string]string{"tier": "api"} }),
			want: want{err: errors.Wrap(errors.Wrap(apiError("X"), "cannot add tags"), "cannot update tags of security group sg-0123"), calls: []string{"CreateTags"}, inputs: []any{
				&ec2.CreateTagsInput{Resources: []string{groupID}, Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("api")}}}}},
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
		"Success":  {reason: "A deleted group is done.", api: &fakeAPI{}},
		"NotFound": {reason: "An already-gone group is success.", api: &fakeAPI{errs: map[string]error{"DeleteSecurityGroup": apiError(errNotFound)}}},
		"DependencyViolation": {
			reason: "A group still in use keeps AWS's code and message and says that the provider retries.",
			api:    &fakeAPI{errs: map[string]error{"DeleteSecurityGroup": apiError("DependencyViolation")}},
			want:   errors.Wrap(apiError("DependencyViolation"), "cannot delete security group sg-0123: other resources still depend on it; the provider retries"),
		},
		"OtherError": {
			reason: "Other errors are returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DeleteSecurityGroup": apiError("X")}},
			want:   errors.Wrap(apiError("X"), "cannot delete security group sg-0123"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := sg()
			_, err := (&external{api: tc.api, region: region}).Delete(context.Background(), cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff([]string{"DeleteSecurityGroup"}, tc.api.calls); diff != "" {
				t.Errorf("%s\nDelete(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if c := cr.GetCondition(xpv2.TypeReady); c.Reason != xpv2.ReasonDeleting {
				t.Errorf("%s\nDelete(...) Ready reason: want %s, got %s", tc.reason, xpv2.ReasonDeleting, c.Reason)
			}
		})
	}
}
