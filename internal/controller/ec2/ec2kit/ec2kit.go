// Package ec2kit is what the EC2 kinds' controllers share on top of the
// provider-wide helpers: the EC2 API they call and its client, EC2's error
// codes, named once, the controller wiring of a kind whose ID AWS assigns,
// EC2's tag format on tags.Sync, the identity-tag lookup that makes creation
// leak-free (Lookup), and the errors of a delete that other resources block.
//
// A new EC2 kind adds its operations to API (and to ec2fake), its codes
// here, and wires itself with Setup.
package ec2kit

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// EC2's error codes the kinds act on.
const (
	// CodeVPCNotFound: a VPC ID that does not exist.
	CodeVPCNotFound = "InvalidVpcID.NotFound"
	// CodeSubnetNotFound: a subnet ID that does not exist.
	CodeSubnetNotFound = "InvalidSubnetID.NotFound"
	// CodeSecurityGroupNotFound: a security group ID that does not exist.
	CodeSecurityGroupNotFound = "InvalidGroup.NotFound"
	// CodeInternetGatewayNotFound: an internet gateway ID that does not exist.
	CodeInternetGatewayNotFound = "InvalidInternetGatewayID.NotFound"
	// CodeGatewayNotAttached: a detach names a VPC the gateway is not
	// attached to.
	CodeGatewayNotAttached = "Gateway.NotAttached"
	// CodeRouteTableNotFound: a route table ID that does not exist.
	CodeRouteTableNotFound = "InvalidRouteTableID.NotFound"
	// CodeRouteNotFound: a route table has no route to a destination.
	CodeRouteNotFound = "InvalidRoute.NotFound"
	// CodeAssociationNotFound: a route table association that does not exist.
	CodeAssociationNotFound = "InvalidAssociationID.NotFound"
	// CodeAllocationNotFound: an Elastic IP allocation ID that does not exist.
	CodeAllocationNotFound = "InvalidAllocationID.NotFound"
	// CodeAddressInUse: an Elastic IP that is still associated (AWS answers
	// this, AuthFailure or DependencyViolation).
	CodeAddressInUse = "InvalidIPAddress.InUse"
	// CodeAuthFailure: among others, releasing an associated Elastic IP.
	CodeAuthFailure = "AuthFailure"
	// CodeNATGatewayNotFound and CodeNATGatewayIDNotFound: a NAT gateway ID
	// that does not exist (AWS answers one or the other).
	CodeNATGatewayNotFound   = "NatGatewayNotFound"
	CodeNATGatewayIDNotFound = "InvalidNatGatewayID.NotFound"
	// CodeDependencyViolation: other resources still depend on the one a
	// call deletes or detaches.
	CodeDependencyViolation = "DependencyViolation"
)

// CreationGracePeriod is how long the reconciler trusts a just-created
// resource to exist even when EC2 (eventually consistent) does not show it
// yet, instead of creating it again. The runtime's default is 30 s. A
// shorter one is safe here: a resource whose ID was recorded is looked up by
// ID, and EC2's read-after-create lag is a few seconds; a resource whose ID
// was lost is found by its identity tag, not re-created. It also does not
// hold back the deletion of a young resource for long.
const CreationGracePeriod = 10 * time.Second

// TagAPI is the part of the EC2 API that syncs tags.
type TagAPI interface {
	CreateTags(ctx context.Context, in *ec2.CreateTagsInput, o ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error)
	DeleteTags(ctx context.Context, in *ec2.DeleteTagsInput, o ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error)
}

// API is the part of the EC2 API the EC2 kinds call. *ec2.Client implements
// it; the unit tests use ec2fake.API.
type API interface {
	DescribeVpcs(ctx context.Context, in *ec2.DescribeVpcsInput, o ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error)
	CreateVpc(ctx context.Context, in *ec2.CreateVpcInput, o ...func(*ec2.Options)) (*ec2.CreateVpcOutput, error)
	DeleteVpc(ctx context.Context, in *ec2.DeleteVpcInput, o ...func(*ec2.Options)) (*ec2.DeleteVpcOutput, error)
	DescribeVpcAttribute(ctx context.Context, in *ec2.DescribeVpcAttributeInput, o ...func(*ec2.Options)) (*ec2.DescribeVpcAttributeOutput, error)
	ModifyVpcAttribute(ctx context.Context, in *ec2.ModifyVpcAttributeInput, o ...func(*ec2.Options)) (*ec2.ModifyVpcAttributeOutput, error)
	AssociateVpcCidrBlock(ctx context.Context, in *ec2.AssociateVpcCidrBlockInput, o ...func(*ec2.Options)) (*ec2.AssociateVpcCidrBlockOutput, error)
	DisassociateVpcCidrBlock(ctx context.Context, in *ec2.DisassociateVpcCidrBlockInput, o ...func(*ec2.Options)) (*ec2.DisassociateVpcCidrBlockOutput, error)

	DescribeSubnets(ctx context.Context, in *ec2.DescribeSubnetsInput, o ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error)
	CreateSubnet(ctx context.Context, in *ec2.CreateSubnetInput, o ...func(*ec2.Options)) (*ec2.CreateSubnetOutput, error)
	DeleteSubnet(ctx context.Context, in *ec2.DeleteSubnetInput, o ...func(*ec2.Options)) (*ec2.DeleteSubnetOutput, error)
	ModifySubnetAttribute(ctx context.Context, in *ec2.ModifySubnetAttributeInput, o ...func(*ec2.Options)) (*ec2.ModifySubnetAttributeOutput, error)

	DescribeSecurityGroups(ctx context.Context, in *ec2.DescribeSecurityGroupsInput, o ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error)
	CreateSecurityGroup(ctx context.Context, in *ec2.CreateSecurityGroupInput, o ...func(*ec2.Options)) (*ec2.CreateSecurityGroupOutput, error)
	DeleteSecurityGroup(ctx context.Context, in *ec2.DeleteSecurityGroupInput, o ...func(*ec2.Options)) (*ec2.DeleteSecurityGroupOutput, error)
	AuthorizeSecurityGroupIngress(ctx context.Context, in *ec2.AuthorizeSecurityGroupIngressInput, o ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupIngressOutput, error)
	RevokeSecurityGroupIngress(ctx context.Context, in *ec2.RevokeSecurityGroupIngressInput, o ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error)
	UpdateSecurityGroupRuleDescriptionsIngress(ctx context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsIngressInput, o ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput, error)
	UpdateSecurityGroupRuleDescriptionsEgress(ctx context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsEgressInput, o ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsEgressOutput, error)
	AuthorizeSecurityGroupEgress(ctx context.Context, in *ec2.AuthorizeSecurityGroupEgressInput, o ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupEgressOutput, error)
	RevokeSecurityGroupEgress(ctx context.Context, in *ec2.RevokeSecurityGroupEgressInput, o ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error)

	DescribeInternetGateways(ctx context.Context, in *ec2.DescribeInternetGatewaysInput, o ...func(*ec2.Options)) (*ec2.DescribeInternetGatewaysOutput, error)
	CreateInternetGateway(ctx context.Context, in *ec2.CreateInternetGatewayInput, o ...func(*ec2.Options)) (*ec2.CreateInternetGatewayOutput, error)
	DeleteInternetGateway(ctx context.Context, in *ec2.DeleteInternetGatewayInput, o ...func(*ec2.Options)) (*ec2.DeleteInternetGatewayOutput, error)
	AttachInternetGateway(ctx context.Context, in *ec2.AttachInternetGatewayInput, o ...func(*ec2.Options)) (*ec2.AttachInternetGatewayOutput, error)
	DetachInternetGateway(ctx context.Context, in *ec2.DetachInternetGatewayInput, o ...func(*ec2.Options)) (*ec2.DetachInternetGatewayOutput, error)

	DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, o ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error)
	CreateRouteTable(ctx context.Context, in *ec2.CreateRouteTableInput, o ...func(*ec2.Options)) (*ec2.CreateRouteTableOutput, error)
	DeleteRouteTable(ctx context.Context, in *ec2.DeleteRouteTableInput, o ...func(*ec2.Options)) (*ec2.DeleteRouteTableOutput, error)
	CreateRoute(ctx context.Context, in *ec2.CreateRouteInput, o ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error)
	ReplaceRoute(ctx context.Context, in *ec2.ReplaceRouteInput, o ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error)
	DeleteRoute(ctx context.Context, in *ec2.DeleteRouteInput, o ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error)
	AssociateRouteTable(ctx context.Context, in *ec2.AssociateRouteTableInput, o ...func(*ec2.Options)) (*ec2.AssociateRouteTableOutput, error)
	DisassociateRouteTable(ctx context.Context, in *ec2.DisassociateRouteTableInput, o ...func(*ec2.Options)) (*ec2.DisassociateRouteTableOutput, error)

	DescribeAddresses(ctx context.Context, in *ec2.DescribeAddressesInput, o ...func(*ec2.Options)) (*ec2.DescribeAddressesOutput, error)
	AllocateAddress(ctx context.Context, in *ec2.AllocateAddressInput, o ...func(*ec2.Options)) (*ec2.AllocateAddressOutput, error)
	ReleaseAddress(ctx context.Context, in *ec2.ReleaseAddressInput, o ...func(*ec2.Options)) (*ec2.ReleaseAddressOutput, error)

	DescribeNatGateways(ctx context.Context, in *ec2.DescribeNatGatewaysInput, o ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error)
	CreateNatGateway(ctx context.Context, in *ec2.CreateNatGatewayInput, o ...func(*ec2.Options)) (*ec2.CreateNatGatewayOutput, error)
	DeleteNatGateway(ctx context.Context, in *ec2.DeleteNatGatewayInput, o ...func(*ec2.Options)) (*ec2.DeleteNatGatewayOutput, error)

	TagAPI
}

// NewClient returns the EC2 client of a configuration, built once per config.
func NewClient(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "ec2", func(c *clients.Config) API {
		return newSDKClient(ec2.NewFromConfig(c.AWS, func(o *ec2.Options) {
			o.BaseEndpoint = c.BaseEndpoint("ec2")
		}))
	})
}

// Setup adds the controller of an EC2 kind to mgr. obj is an empty object
// of the kind, region the address of its forProvider.region, and external
// builds its external client from the EC2 client of the resource's config
// and that config's region. AWS assigns the ID of every EC2 kind, so the
// controller runs with mr.AssignedID(CreationGracePeriod).
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string, external func(api API, region string) mr.External[T], extra ...managed.ReconcilerOption) error {
	return mr.Regional(mgr, o, obj, region, func(c *clients.Config) API { return NewClient(c) }, external,
		append(mr.AssignedID(CreationGracePeriod), extra...)...)
}

// Observed is the observation of a resource that exists. It is up to date
// when diff (AWS -, spec +) is empty. A resource that was adopted (found by
// its identity tag) counts as late-initialized: its newly recorded ID must
// be saved.
func Observed(diff string, lateInitialized, adopted bool) managed.ExternalObservation {
	return managed.ExternalObservation{
		ResourceExists:          true,
		ResourceUpToDate:        diff == "",
		ResourceLateInitialized: lateInitialized || adopted,
		Diff:                    diff,
	}
}

// Diff returns a readable diff between what AWS has (observed, -) and the
// spec (desired, +), or "" when they are equal. Empty and unset lists and
// maps are equal. Each kind first restricts observed to what the spec
// manages (ObservedTags for the tags).
func Diff(observed, desired any) string {
	return cmp.Diff(observed, desired, cmpopts.EquateEmpty())
}

// ObservedTags returns a resource's observed tags as Diff should see them:
// desired when they are up to date (tags.UpToDate: the identity tag and
// aws:* tags do not count, nil desired tags are not managed), else the
// user's tags among them (tags.User), so a diff shows only what differs.
func ObservedTags[M ~map[string]string](desired, observed M) M {
	if tags.UpToDate(desired, observed) {
		return desired
	}
	return M(tags.User(observed))
}

// Tags converts a tag map to EC2 tags, sorted by key.
func Tags(m map[string]string) []types.Tag {
	return tags.List(m, func(k, v *string) types.Tag { return types.Tag{Key: k, Value: v} })
}

// FromTags converts EC2 tags to a map.
func FromTags(ts []types.Tag) map[string]string {
	return tags.Map(ts, func(t types.Tag) (k, v *string) { return t.Key, t.Value })
}

// TagSpecifications tags a new resource of type rt with the spec's tags plus
// the identity of mg, in the create call itself: a resource never exists
// without the tag that lets the provider find it again.
func TagSpecifications(rt types.ResourceType, desired map[string]string, mg resource.Object) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: rt, Tags: Tags(tags.WithIdentity(desired, mg))}}
}

// IdentityFilter selects the resources that carry mg's identity tag.
func IdentityFilter(mg resource.Object) []types.Filter {
	return []types.Filter{{Name: aws.String("tag:" + tags.KeyManagedBy), Values: []string{tags.Identity(mg)}}}
}

// HasIdentity reports whether ts carries mg's identity tag. Lookups by the
// identity filter check it too: an emulator that ignores the filter must not
// make the provider adopt somebody else's resource.
func HasIdentity(ts []types.Tag, mg resource.Object) bool {
	for _, t := range ts {
		if aws.ToString(t.Key) == tags.KeyManagedBy && aws.ToString(t.Value) == tags.Identity(mg) {
			return true
		}
	}
	return false
}

// SyncTags makes the tags of the resource id (a what, e.g. "VPC") equal
// desired (nil: not managed) with tags.Sync: one DeleteTags and one
// CreateTags call at most. The identity tag is never removed.
func SyncTags(ctx context.Context, api TagAPI, what, id string, desired, observed map[string]string) error {
	err := tags.Sync(desired, observed,
		func(add map[string]string) error {
			_, err := api.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: Tags(add)})
			return err
		},
		func(keys []string) error {
			del := make([]types.Tag, 0, len(keys))
			for _, k := range keys {
				del = append(del, types.Tag{Key: aws.String(k)})
			}
			_, err := api.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: del})
			return err
		})
	return errors.Wrapf(err, "cannot update tags of %s %s", what, id)
}

// IsDependencyViolation reports whether AWS refused to delete a resource
// because others still depend on it.
func IsDependencyViolation(err error) bool {
	return awserr.HasCode(err, CodeDependencyViolation)
}

// DeleteError is the outcome of a call that deletes the resource id (a
// what, e.g. "VPC"): nil when it succeeded or AWS answered one of the
// notFound codes (already gone). A dependency violation keeps AWS's code
// and message (which names the blocker where AWS says it) and says that the
// provider retries; the reconciler retries with backoff.
func DeleteError(err error, what, id string, notFound ...string) error {
	switch {
	case err == nil, awserr.HasCode(err, notFound...):
		return nil
	case IsDependencyViolation(err):
		return errors.Wrapf(err, "cannot delete %s %s: other resources still depend on it; the provider retries", what, id)
	}
	return errors.Wrapf(err, "cannot delete %s %s", what, id)
}
