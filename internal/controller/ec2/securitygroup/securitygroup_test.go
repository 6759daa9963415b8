package securitygroup

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

func noVPC(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.VPCID = nil }

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
		Tags: ec2fake.Tags("tier", "web", tags.KeyManagedBy, identity),
	}
	for _, f := range m {
		f(&s)
	}
	return s
}

// awsFromGroup is a permission from (or to) security groups, as AWS reports
// it: with the owner's account.
func awsFromGroup(proto string, from, to *int32, groups ...string) types.IpPermission {
	p := types.IpPermission{IpProtocol: aws.String(proto), FromPort: from, ToPort: to}
	for _, g := range groups {
		p.UserIdGroupPairs = append(p.UserIdGroupPairs, types.UserIdGroupPair{GroupId: aws.String(g), UserId: aws.String(owner)})
	}
	return p
}

func describe(s ...types.SecurityGroup) map[string]any {
	return map[string]any{"DescribeSecurityGroups": &ec2.DescribeSecurityGroupsOutput{SecurityGroups: s}}
}

// otherProtocols are rules of protocols by number, and names in upper case.
func otherProtocols() []v1alpha1.SecurityGroupRule {
	return []v1alpha1.SecurityGroupRule{
		{IPProtocol: "50", CIDRBlocks: []string{"10.0.0.0/16"}},
		{IPProtocol: "47", FromPort: aws.Int32(1), ToPort: aws.Int32(2), CIDRBlocks: []string{"10.0.0.0/16"}},
		{IPProtocol: "TCP", FromPort: aws.Int32(443), ToPort: aws.Int32(443), CIDRBlocks: []string{"10.0.0.0/16"}},
		{IPProtocol: "58", IPv6CIDRBlocks: []string{"::/0"}},
	}
}

func TestProtocol(t *testing.T) {
	cases := map[string]string{
		"tcp": "tcp", "TCP": "tcp", "6": "tcp", "17": "udp", "UDP": "udp", "1": "icmp", "58": "icmpv6", "ICMPv6": "icmpv6",
		"-1": "-1", "50": "50", "050": "50", "0": "0", "255": "255",
	}
	for in, want := range cases {
		if got := protocol(in); got != want {
			t.Errorf("protocol(%q): want %q, got %q", in, want, got)
		}
	}
}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.SecurityGroup, *state]{What: "security group", ID: groupID, NotFound: ec2kit.CodeSecurityGroupNotFound, New: func() *v1alpha1.SecurityGroup { return sg() },
	Client: func(api *ec2fake.API, o *state) mr.External[*v1alpha1.SecurityGroup] {
		return &external{api: api, region: region, observed: o}
	}}

type tcase = ec2fake.Case[*v1alpha1.SecurityGroup, *state]

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeSecurityGroups")
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.SecurityGroup]
	one := []string{"DescribeSecurityGroups"}
	// drift is what Observe returns for a group whose rules differ from the spec.
	drift := want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: sg(observed)}
	ec2fake.Run(t, kind.Observe, map[string]tcase{
		"NoExternalNameAdoptsTagged": {
			Reason: "A group created before a crash is found by its identity tag; its ID is recorded and saved.",
			API:    ec2fake.New(describe(awsSG()), nil),
			CR:     sg(noExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: sg(observed)},
		},
		"UpToDateDespiteMergingAndOrder": {
			Reason: "AWS merging ranges and reordering them is not drift; neither is the identity tag.",
			API:    ec2fake.New(describe(awsSG()), nil),
			CR:     sg(),
			Want:   want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: sg(observed)},
		},
		"ProtocolNumbers": {
			Reason: "Protocol numbers compare equal to their names; ICMP without ports means all types and codes.",
			API: ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissions = []types.IpPermission{
					{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
					{IpProtocol: aws.String("icmp"), FromPort: aws.Int32(-1), ToPort: aws.Int32(-1), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
				}
			})), nil),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{
					{IPProtocol: "6", FromPort: aws.Int32(443), ToPort: aws.Int32(443), CIDRBlocks: []string{"10.0.0.0/16"}},
					{IPProtocol: "icmp", CIDRBlocks: []string{"10.0.0.0/16"}},
				}
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: sg(observed, func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{
					{IPProtocol: "6", FromPort: aws.Int32(443), ToPort: aws.Int32(443), CIDRBlocks: []string{"10.0.0.0/16"}},
					{IPProtocol: "icmp", CIDRBlocks: []string{"10.0.0.0/16"}},
				}
			})},
		},
		"GroupsAndPrefixLists": {
			Reason: "Rules naming security groups and prefix lists compare like ranges: as a set, whatever the grouping and AWS's owner IDs.",
			API: ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) {
				db := awsFromGroup("tcp", aws.Int32(5432), aws.Int32(5432), "sg-batch", "sg-app")
				db.PrefixListIds = []types.PrefixListId{{PrefixListId: aws.String("pl-1")}}
				s.IpPermissions = append(s.IpPermissions, db, awsFromGroup("-1", nil, nil, "sg-admin"))
				s.IpPermissionsEgress = append(s.IpPermissionsEgress, awsFromGroup("tcp", aws.Int32(443), aws.Int32(443), "sg-proxy"))
			})), nil),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				p := &s.Spec.ForProvider
				p.Ingress = append(p.Ingress,
					v1alpha1.SecurityGroupRule{IPProtocol: "-1", SecurityGroupIDs: []string{"sg-admin"}},
					v1alpha1.SecurityGroupRule{IPProtocol: "tcp", FromPort: aws.Int32(5432), ToPort: aws.Int32(5432), SecurityGroupIDs: []string{"sg-app", "sg-batch"}, PrefixListIDs: []string{"pl-1"}})
				p.Egress = append(p.Egress, v1alpha1.SecurityGroupRule{IPProtocol: "tcp", FromPort: aws.Int32(443), ToPort: aws.Int32(443), SecurityGroupIDs: []string{"sg-proxy"}})
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: sg(observed, func(s *v1alpha1.SecurityGroup) {
				p := &s.Spec.ForProvider
				p.Ingress = append(p.Ingress,
					v1alpha1.SecurityGroupRule{IPProtocol: "-1", SecurityGroupIDs: []string{"sg-admin"}},
					v1alpha1.SecurityGroupRule{IPProtocol: "tcp", FromPort: aws.Int32(5432), ToPort: aws.Int32(5432), SecurityGroupIDs: []string{"sg-app", "sg-batch"}, PrefixListIDs: []string{"pl-1"}})
				p.Egress = append(p.Egress, v1alpha1.SecurityGroupRule{IPProtocol: "tcp", FromPort: aws.Int32(443), ToPort: aws.Int32(443), SecurityGroupIDs: []string{"sg-proxy"}})
			})},
		},
		"GroupRuleAddedOutOfBand": {
			Reason: "A rule from a security group added out of band is drift, not ignored.",
			API: ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissions = append(s.IpPermissions, awsFromGroup("tcp", aws.Int32(22), aws.Int32(22), "sg-other"))
			})), nil),
			CR:   sg(),
			Want: drift,
		},
		"PrefixListRuleAddedOutOfBand": {
			Reason: "A rule from a prefix list added out of band is drift, not ignored.",
			API: ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissionsEgress = append(s.IpPermissionsEgress, types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
					PrefixListIds: []types.PrefixListId{{PrefixListId: aws.String("pl-1")}}})
			})), nil),
			CR:   sg(),
			Want: drift,
		},
		"OtherProtocols": {
			Reason: "Protocol names compare in any case; AWS reports other protocols by number and without ports, which they do not have.",
			API: ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissions = []types.IpPermission{
					{IpProtocol: aws.String("50"), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
					{IpProtocol: aws.String("47"), FromPort: aws.Int32(-1), ToPort: aws.Int32(-1), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
					{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
					{IpProtocol: aws.String("icmpv6"), FromPort: aws.Int32(-1), ToPort: aws.Int32(-1), Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("::/0")}}},
				}
			})), nil),
			CR: sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Ingress = otherProtocols() }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one,
				CR: sg(observed, func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Ingress = otherProtocols() })},
		},
		"OtherProtocolDiffers": {
			Reason: "Protocols that differ by number are drift.",
			API: ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissions = []types.IpPermission{{IpProtocol: aws.String("51"), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}}}
			})), nil),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{{IPProtocol: "50", CIDRBlocks: []string{"10.0.0.0/16"}}}
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: sg(observed, func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{{IPProtocol: "50", CIDRBlocks: []string{"10.0.0.0/16"}}}
			})},
		},
		"RuleAddedOutOfBand": {
			Reason: "A rule added out of band is drift.",
			API: ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) {
				s.IpPermissions = append(s.IpPermissions, awsHTTPS("0.0.0.0/0"))
			})), nil),
			CR:   sg(),
			Want: drift,
		},
		"RulesNotManaged": {
			Reason: "Omitted rule lists are not managed and not late-initialized; the rest is (the region is mr's).",
			API:    ec2fake.New(describe(awsSG()), nil),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider = v1alpha1.SecurityGroupParameters{GroupName: "web", Description: "web servers"}
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: sg(observed, func(s *v1alpha1.SecurityGroup) {
					s.Spec.ForProvider.Ingress, s.Spec.ForProvider.Egress, s.Spec.ForProvider.Region = nil, nil, nil
				})},
		},
		"EmptyEgress": {
			Reason: "An empty egress list means no egress rules: AWS's default rule is drift.",
			API:    ec2fake.New(describe(awsSG()), nil),
			CR:     sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{} }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one,
				CR: sg(observed, func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{} })},
		},
		"ARNWithoutAWSs": {
			Reason: "Without an ARN from AWS, it is built from the region, owner and ID.",
			API:    ec2fake.New(describe(awsSG(func(s *types.SecurityGroup) { s.SecurityGroupArn = nil })), nil),
			CR:     sg(),
			Want:   want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: sg(observed)},
		},
	})
}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.SecurityGroup]
	ec2fake.Run(t, kind.Create, map[string]tcase{
		"Success": {
			Reason: "CreateSecurityGroup tags the group with the spec's tags and the identity in the same call; the ID becomes the external name.",
			API:    ec2fake.New(map[string]any{"CreateSecurityGroup": &ec2.CreateSecurityGroupOutput{GroupId: aws.String(groupID)}}, nil),
			CR:     sg(noExternalName),
			Want: want{Calls: []string{"CreateSecurityGroup"}, CR: sg(), Inputs: []any{&ec2.CreateSecurityGroupInput{
				VpcId: aws.String(vpcID), GroupName: aws.String("web"), Description: aws.String("web servers"),
				TagSpecifications: ec2fake.TagSpecs(types.ResourceTypeSecurityGroup, tags.KeyManagedBy, identity, "tier", "web"),
			}}},
		},
		"NoVPC": {
			Reason: "Without a resolved VPC ID nothing is created.",
			API:    ec2fake.New(nil, nil),
			CR:     sg(noExternalName, noVPC),
			Want: want{Err: errors.New("cannot create security group: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC"),
				CR: sg(noExternalName, noVPC)},
		},
		"Error": {
			Reason: "A failed create keeps AWS's code.",
			API:    ec2fake.Fails("CreateSecurityGroup", "InvalidGroup.Duplicate"),
			CR:     sg(noExternalName),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidGroup.Duplicate"), "cannot create security group web in VPC vpc-0123"), Calls: []string{"CreateSecurityGroup"},
				CR: sg(noExternalName)},
		},
	})
}

func TestNotObserved(t *testing.T) { kind.TestNotObserved(t) }

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.SecurityGroup]
	observe := func(m ...func(*types.SecurityGroup)) *state {
		s := awsSG(m...)
		return &state{VPCID: s.VpcId, GroupName: aws.ToString(s.GroupName), Description: aws.ToString(s.Description),
			Ingress: fromIPPermissions(s.IpPermissions), Egress: fromIPPermissions(s.IpPermissionsEgress), Tags: ec2kit.FromTags(s.Tags)}
	}
	id := aws.String(groupID)
	ec2fake.Run(t, kind.Update, map[string]tcase{
		"NothingDiffers": {
			Reason:   "No writes when AWS matches the spec.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(),
			CR:       sg(),
		},
		"ImmutableDiffers": {
			Reason:   "An adopted group with another name cannot be fixed in place.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(func(s *types.SecurityGroup) { s.GroupName = aws.String("other") }),
			CR:       sg(),
			Want:     want{Err: errors.New(`security group sg-0123 is "other" ("web servers") in VPC vpc-0123, not "web" ("web servers") in VPC vpc-0123: these cannot change, create a new SecurityGroup instead`)},
		},
		"OnlyDifferences": {
			Reason: "An extra ingress range is revoked and a missing one authorized, one permission per range; egress [] revokes the default rule.",
			API:    ec2fake.New(nil, nil),
			Observed: observe(func(s *types.SecurityGroup) {
				s.IpPermissions = []types.IpPermission{awsHTTPS("10.0.0.0/16", "0.0.0.0/0")}
			}),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = append(s.Spec.ForProvider.Ingress, v1alpha1.SecurityGroupRule{IPProtocol: "udp", FromPort: aws.Int32(53), ToPort: aws.Int32(53),
					IPv6CIDRBlocks: []string{"::/0"}, Description: aws.String("dns")})
				s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{}
			}),
			Want: want{Calls: []string{"RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupEgress"}, Inputs: []any{
				&ec2.RevokeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("0.0.0.0/0")}},
				&ec2.AuthorizeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("10.1.0.0/16"),
					{IpProtocol: aws.String("udp"), FromPort: aws.Int32(53), ToPort: aws.Int32(53), Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("::/0"), Description: aws.String("dns")}}}}},
				&ec2.RevokeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}},
			}},
		},
		"DescriptionOnly": {
			Reason: "A rule whose description alone changed is updated in place, never revoked and authorized again (that would cut its traffic).",
			API:    ec2fake.New(nil, nil),
			Observed: observe(func(s *types.SecurityGroup) {
				p := awsHTTPS("10.0.0.0/16", "10.1.0.0/16")
				p.IpRanges[0].Description = aws.String("old")
				s.IpPermissions = []types.IpPermission{p}
			}),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{https("10.1.0.0/16"), https("10.0.0.0/16")}
				s.Spec.ForProvider.Ingress[1].Description = aws.String("new")
			}),
			Want: want{Calls: []string{"UpdateSecurityGroupRuleDescriptionsIngress"}, Inputs: []any{
				&ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{GroupId: id, IpPermissions: []types.IpPermission{{
					IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
					IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16"), Description: aws.String("new")}}}}},
			}},
		},
		"DescriptionError": {
			Reason: "A failed description update is returned with context.",
			API:    ec2fake.Fails("UpdateSecurityGroupRuleDescriptionsEgress", "X"),
			Observed: observe(func(s *types.SecurityGroup) {
				p := awsAllOut()
				p.IpRanges[0].Description = aws.String("old")
				s.IpPermissionsEgress = []types.IpPermission{p}
			}),
			CR: sg(),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot update descriptions of egress rules of security group sg-0123"),
				Calls: []string{"UpdateSecurityGroupRuleDescriptionsEgress"}, Inputs: []any{
					&ec2.UpdateSecurityGroupRuleDescriptionsEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}},
				}},
		},
		"GroupAndPrefixListRules": {
			Reason: "Rules naming groups and prefix lists are revoked and authorized like ranges, one source per permission; other protocols are sent with the ports 0-0.",
			API:    ec2fake.New(nil, nil),
			Observed: observe(func(s *types.SecurityGroup) {
				s.IpPermissions = append(s.IpPermissions, awsFromGroup("tcp", aws.Int32(5432), aws.Int32(5432), "sg-old", "sg-app"))
			}),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Ingress = append(s.Spec.ForProvider.Ingress,
					v1alpha1.SecurityGroupRule{IPProtocol: "TCP", FromPort: aws.Int32(5432), ToPort: aws.Int32(5432), SecurityGroupIDs: []string{"sg-app", "sg-new"}, PrefixListIDs: []string{"pl-1"}},
					v1alpha1.SecurityGroupRule{IPProtocol: "50", FromPort: aws.Int32(1), ToPort: aws.Int32(2), CIDRBlocks: []string{"10.0.0.0/16"}, Description: aws.String("esp")})
			}),
			Want: want{Calls: []string{"RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress"}, Inputs: []any{
				&ec2.RevokeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{
					{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String("sg-old")}}}}},
				&ec2.AuthorizeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{
					{IpProtocol: aws.String("50"), FromPort: aws.Int32(0), ToPort: aws.Int32(0), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16"), Description: aws.String("esp")}}},
					{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432), PrefixListIds: []types.PrefixListId{{PrefixListId: aws.String("pl-1")}}},
					{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String("sg-new")}}}}},
			}},
		},
		"AllProtocolsToGroup": {
			Reason:   "An egress rule of all protocols to a group is authorized without ports.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(),
			CR: sg(func(s *v1alpha1.SecurityGroup) {
				s.Spec.ForProvider.Egress = append(s.Spec.ForProvider.Egress, v1alpha1.SecurityGroupRule{IPProtocol: "-1", SecurityGroupIDs: []string{"sg-db"}})
			}),
			Want: want{Calls: []string{"AuthorizeSecurityGroupEgress"}, Inputs: []any{
				&ec2.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{
					{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String("sg-db")}}}}},
			}},
		},
		"AuthorizeEgress": {
			Reason:   "A missing egress rule is authorized.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(func(s *types.SecurityGroup) { s.IpPermissionsEgress = nil }),
			CR:       sg(),
			Want: want{Calls: []string{"AuthorizeSecurityGroupEgress"}, Inputs: []any{
				&ec2.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}}}},
		},
		"RevokeIngressError": {
			Reason:   "A failed revoke is returned with context.",
			API:      ec2fake.Fails("RevokeSecurityGroupIngress", "X"),
			Observed: observe(),
			CR:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Ingress = []v1alpha1.SecurityGroupRule{} }),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot revoke ingress rules of security group sg-0123"), Calls: []string{"RevokeSecurityGroupIngress"},
				Inputs: []any{&ec2.RevokeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("10.0.0.0/16"), awsHTTPS("10.1.0.0/16")}}}},
		},
		"AuthorizeIngressError": {
			Reason:   "A failed authorize keeps AWS's code.",
			API:      ec2fake.Fails("AuthorizeSecurityGroupIngress", "InvalidPermission.Duplicate"),
			Observed: observe(func(s *types.SecurityGroup) { s.IpPermissions = []types.IpPermission{awsHTTPS("10.0.0.0/16")} }),
			CR:       sg(),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidPermission.Duplicate"), "cannot authorize ingress rules of security group sg-0123"), Calls: []string{"AuthorizeSecurityGroupIngress"},
				Inputs: []any{&ec2.AuthorizeSecurityGroupIngressInput{GroupId: id, IpPermissions: []types.IpPermission{awsHTTPS("10.1.0.0/16")}}}},
		},
		"RevokeEgressError": {
			Reason:   "A failed egress revoke is returned with context.",
			API:      ec2fake.Fails("RevokeSecurityGroupEgress", "X"),
			Observed: observe(),
			CR:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Egress = []v1alpha1.SecurityGroupRule{} }),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot revoke egress rules of security group sg-0123"), Calls: []string{"RevokeSecurityGroupEgress"},
				Inputs: []any{&ec2.RevokeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}}}},
		},
		"AuthorizeEgressError": {
			Reason:   "A failed egress authorize is returned with context.",
			API:      ec2fake.Fails("AuthorizeSecurityGroupEgress", "X"),
			Observed: observe(func(s *types.SecurityGroup) { s.IpPermissionsEgress = nil }),
			CR:       sg(),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot authorize egress rules of security group sg-0123"), Calls: []string{"AuthorizeSecurityGroupEgress"},
				Inputs: []any{&ec2.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: []types.IpPermission{awsAllOut()}}}},
		},
		"NotManagedRulesUntouched": {
			Reason:   "Omitted rule lists are never written.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(func(s *types.SecurityGroup) { s.IpPermissions = nil }),
			CR:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Ingress, s.Spec.ForProvider.Egress = nil, nil }),
		},
		"Tags": {
			Reason:   "Tags are synced; the identity tag stays.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(),
			CR:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Tags = map[string]string{"tier": "api"} }),
			Want: want{Calls: []string{"CreateTags"}, Inputs: []any{
				&ec2.CreateTagsInput{Resources: []string{groupID}, Tags: ec2fake.Tags("tier", "api")}}},
		},
		"TagsError": {
			Reason:   "A failed tag change is returned with context.",
			API:      ec2fake.Fails("CreateTags", "X"),
			Observed: observe(),
			CR:       sg(func(s *v1alpha1.SecurityGroup) { s.Spec.ForProvider.Tags = map[string]string{"tier": "api"} }),
			Want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of security group sg-0123"), Calls: []string{"CreateTags"}, Inputs: []any{
				&ec2.CreateTagsInput{Resources: []string{groupID}, Tags: ec2fake.Tags("tier", "api")}}},
		},
	})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteSecurityGroup", &ec2.DeleteSecurityGroupInput{GroupId: aws.String(groupID)})
}
