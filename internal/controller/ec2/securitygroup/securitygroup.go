// Package securitygroup is the controller of the EC2 SecurityGroup managed
// resource.
package securitygroup

import (
	"context"
	"fmt"

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
	"github.com/kaws-dev/provider-aws/internal/clients/awsarn"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the SecurityGroup controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ec2kit.Setup(mgr, o, &v1alpha1.SecurityGroup{}, func(s *v1alpha1.SecurityGroup) **string { return &s.Spec.ForProvider.Region },
		func(api ec2kit.API, region string) mr.External[*v1alpha1.SecurityGroup] {
			return &external{api: api, region: region}
		})
}

// external reconciles one SecurityGroup with EC2. It lives for one reconcile.
type external struct {
	api ec2kit.API
	// region is the region of the client, for the group's ARN when AWS
	// reports none.
	region string

	// observed is what Observe read, so Update changes only what differs.
	observed *state
}

// lookup finds the security group of an object: by its ID, else by its
// identity tag.
func lookup(api ec2kit.API) ec2kit.Lookup[types.SecurityGroup] {
	return ec2kit.Lookup[types.SecurityGroup]{What: "security group", NotFound: []string{ec2kit.CodeSecurityGroupNotFound},
		Describe: func(ctx context.Context, ids []string, f []types.Filter) ([]types.SecurityGroup, error) {
			out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: ids, Filters: f})
			return ec2kit.Items(out, err, func(o *ec2.DescribeSecurityGroupsOutput) []types.SecurityGroup { return o.SecurityGroups })
		},
		ID:   func(g *types.SecurityGroup) *string { return g.GroupId },
		Tags: func(g *types.SecurityGroup) []types.Tag { return g.Tags },
	}
}

// state is a security group in comparable form.
type state struct {
	VPCID       *string
	GroupName   string
	Description string
	Ingress     []permission
	Egress      []permission
	Tags        map[string]string
}

// Observe reads the security group and its rules with one call (by ID, or
// by identity tag when the ID was never recorded).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.SecurityGroup) (managed.ExternalObservation, error) {
	sg, adopted, err := lookup(e.api).Find(ctx, cr)
	if err != nil || sg == nil {
		return managed.ExternalObservation{}, err
	}
	id := aws.ToString(sg.GroupId)
	o := &state{
		VPCID: sg.VpcId, GroupName: aws.ToString(sg.GroupName), Description: aws.ToString(sg.Description),
		Ingress: fromIPPermissions(sg.IpPermissions), Egress: fromIPPermissions(sg.IpPermissionsEgress), Tags: ec2kit.FromTags(sg.Tags),
	}
	e.observed = o

	p := &cr.Spec.ForProvider
	// Rules are not late-initialized: an omitted rule list means "not
	// managed".
	lateInitialized := lateinit.Any(lateinit.Ptr(&p.VPCID, o.VPCID), lateinit.Map(&p.Tags, tags.User(o.Tags)))
	arn := aws.ToString(sg.SecurityGroupArn)
	if arn == "" {
		arn = fmt.Sprintf("arn:%s:ec2:%s:%s:security-group/%s", awsarn.Partition(e.region), e.region, aws.ToString(sg.OwnerId), id)
	}
	cr.Status.AtProvider = v1alpha1.SecurityGroupObservation{GroupID: id, ARN: arn, OwnerID: aws.ToString(sg.OwnerId)}
	cr.SetConditions(xpv2.Available())

	return ec2kit.Observed(compare(p, o), lateInitialized, adopted), nil
}

// desiredState is the spec in comparable form.
func desiredState(p *v1alpha1.SecurityGroupParameters) *state {
	d := &state{VPCID: p.VPCID, GroupName: p.GroupName, Description: p.Description, Tags: p.Tags}
	if p.Ingress != nil {
		d.Ingress = fromRules(p.Ingress)
	}
	if p.Egress != nil {
		d.Egress = fromRules(p.Egress)
	}
	return d
}

// compare returns a readable diff between AWS (-) and the spec (+), or "",
// restricted to what the spec manages.
func compare(p *v1alpha1.SecurityGroupParameters, observed *state) string {
	d := desiredState(p)
	o := *observed
	lateinit.Unmanaged(&o.VPCID, d.VPCID == nil)
	lateinit.Unmanaged(&o.Ingress, p.Ingress == nil)
	lateinit.Unmanaged(&o.Egress, p.Egress == nil)
	o.Tags = ec2kit.ObservedTags(d.Tags, o.Tags)
	return ec2kit.Diff(&o, d)
}

// Create creates the security group, tagged with the spec's tags and the
// object's identity in the same call, and records its ID. The next
// reconcile applies the rules.
func (e *external) Create(ctx context.Context, cr *v1alpha1.SecurityGroup) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if p.VPCID == nil {
		return managed.ExternalCreation{}, errors.New("cannot create security group: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC")
	}
	out, err := e.api.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		VpcId:             p.VPCID,
		GroupName:         aws.String(p.GroupName),
		Description:       aws.String(p.Description),
		TagSpecifications: ec2kit.TagSpecifications(types.ResourceTypeSecurityGroup, p.Tags, cr),
	})
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrapf(err, "cannot create security group %s in VPC %s", p.GroupName, aws.ToString(p.VPCID))
	}
	meta.SetExternalName(cr, aws.ToString(out.GroupId))
	return managed.ExternalCreation{}, nil
}

// Update revokes the rules AWS has and the spec does not, authorizes those
// the spec has and AWS does not, and syncs the tags.
func (e *external) Update(ctx context.Context, cr *v1alpha1.SecurityGroup) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("security group")
	}
	id := meta.GetExternalName(cr)
	p, o := &cr.Spec.ForProvider, e.observed
	if p.GroupName != o.GroupName || p.Description != o.Description || (p.VPCID != nil && aws.ToString(p.VPCID) != aws.ToString(o.VPCID)) {
		return managed.ExternalUpdate{}, errors.Errorf("security group %s is %q (%q) in VPC %s, not %q (%q) in VPC %s: these cannot change, create a new SecurityGroup instead",
			id, o.GroupName, o.Description, aws.ToString(o.VPCID), p.GroupName, p.Description, aws.ToString(p.VPCID))
	}
	d := desiredState(p)
	if p.Ingress != nil {
		if err := e.syncRules(ctx, id, false, d.Ingress, o.Ingress); err != nil {
			return managed.ExternalUpdate{}, err
		}
	}
	if p.Egress != nil {
		if err := e.syncRules(ctx, id, true, d.Egress, o.Egress); err != nil {
			return managed.ExternalUpdate{}, err
		}
	}
	return managed.ExternalUpdate{}, ec2kit.SyncTags(ctx, e.api, "security group", id, p.Tags, o.Tags)
}

// Delete deletes the security group. While network interfaces or other
// groups' rules still use it, AWS answers DependencyViolation and the
// reconciler retries with backoff.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.SecurityGroup) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	_, err := e.api.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)})
	return managed.ExternalDelete{}, ec2kit.DeleteError(err, "security group", id, ec2kit.CodeSecurityGroupNotFound)
}

// syncRules makes the ingress (or egress) rules of group id the desired ones:
// it revokes the observed rules the spec does not have, then authorizes the
// desired rules AWS does not have. A rule whose description alone changed is
// updated in place, so its traffic is never cut for a moment.
func (e *external) syncRules(ctx context.Context, id string, egress bool, desired, observed []permission) error {
	direction := "ingress"
	if egress {
		direction = "egress"
	}
	revoke, authorize := difference(observed, desired), difference(desired, observed)
	described, revoke, authorize := redescribed(revoke, authorize)
	if len(described) > 0 {
		if err := e.describeRules(ctx, id, egress, ipPermissions(described)); err != nil {
			return errors.Wrapf(err, "cannot update descriptions of %s rules of security group %s", direction, id)
		}
	}
	if len(revoke) > 0 {
		if err := e.sendRules(ctx, id, egress, false, ipPermissions(revoke)); err != nil {
			return errors.Wrapf(err, "cannot revoke %s rules of security group %s", direction, id)
		}
	}
	if len(authorize) > 0 {
		if err := e.sendRules(ctx, id, egress, true, ipPermissions(authorize)); err != nil {
			return errors.Wrapf(err, "cannot authorize %s rules of security group %s", direction, id)
		}
	}
	return nil
}

// describeRules sets the descriptions of ingress (or egress) rules of group id.
func (e *external) describeRules(ctx context.Context, id string, egress bool, ps []types.IpPermission) error {
	gid := aws.String(id)
	if egress {
		_, err := e.api.UpdateSecurityGroupRuleDescriptionsEgress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsEgressInput{GroupId: gid, IpPermissions: ps})
		return err
	}
	_, err := e.api.UpdateSecurityGroupRuleDescriptionsIngress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{GroupId: gid, IpPermissions: ps})
	return err
}

// sendRules authorizes (or revokes) ingress (or egress) rules of group id.
func (e *external) sendRules(ctx context.Context, id string, egress, authorize bool, ps []types.IpPermission) error {
	gid := aws.String(id)
	var err error
	switch {
	case egress && authorize:
		_, err = e.api.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: gid, IpPermissions: ps})
	case egress:
		_, err = e.api.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: gid, IpPermissions: ps})
	case authorize:
		_, err = e.api.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: gid, IpPermissions: ps})
	default:
		_, err = e.api.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: gid, IpPermissions: ps})
	}
	return err
}
