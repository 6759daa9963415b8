// Package routetable is the controller of the EC2 RouteTable managed
// resource.
package routetable

import (
	"context"
	"fmt"
	"sort"
	"strings"

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
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the RouteTable controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ec2kit.Setup(mgr, o, &v1alpha1.RouteTable{}, func(r *v1alpha1.RouteTable) **string { return &r.Spec.ForProvider.Region },
		func(api ec2kit.API, region string) mr.External[*v1alpha1.RouteTable] {
			return &external{api: api, region: region}
		})
}

// external reconciles one RouteTable with EC2. It lives for one reconcile.
type external struct {
	api ec2kit.API
	// region is the region of the client, for the table's ARN.
	region string

	// observed is what Observe read, so Update and Delete change only what
	// differs.
	observed *state
}

// lookup finds the route table of an object: by its ID, else by its
// identity tag.
func lookup(api ec2kit.API) ec2kit.Lookup[types.RouteTable] {
	return ec2kit.Lookup[types.RouteTable]{What: "route table", NotFound: []string{ec2kit.CodeRouteTableNotFound},
		Describe: func(ctx context.Context, ids []string, f []types.Filter) ([]types.RouteTable, error) {
			out, err := api.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: ids, Filters: f})
			return ec2kit.Items(out, err, func(o *ec2.DescribeRouteTablesOutput) []types.RouteTable { return o.RouteTables })
		},
		ID:   func(r *types.RouteTable) *string { return r.RouteTableId },
		Tags: func(r *types.RouteTable) []types.Tag { return r.Tags },
	}
}

// state is a route table in comparable form.
type state struct {
	VPCID *string
	// Routes maps each destination to its target: a gateway ID, or
	// "<kind>:<id>" for targets this kind does not manage. The local route
	// and propagated routes are left out.
	Routes map[string]string
	// Subnets maps each associated subnet to its association ID.
	Subnets map[string]string
	Tags    map[string]string
}

// Observe reads the route table with its routes and associations in one
// call (by ID, or by identity tag when the ID was never recorded).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.RouteTable) (managed.ExternalObservation, error) {
	rt, adopted, err := lookup(e.api).Find(ctx, cr)
	if err != nil || rt == nil {
		return managed.ExternalObservation{}, err
	}
	id := aws.ToString(rt.RouteTableId)
	o := fromRouteTable(rt)
	e.observed = o

	p := &cr.Spec.ForProvider
	lateInitialized := lateinit.Any(lateinit.Ptr(&p.VPCID, o.VPCID), lateinit.Map(&p.Tags, tags.User(o.Tags)))

	at := v1alpha1.RouteTableObservation{RouteTableID: id, OwnerID: aws.ToString(rt.OwnerId),
		ARN: fmt.Sprintf("arn:%s:ec2:%s:%s:route-table/%s", awsarn.Partition(e.region), e.region, aws.ToString(rt.OwnerId), id)}
	for _, s := range sortedKeys(o.Subnets) {
		at.Associations = append(at.Associations, v1alpha1.RouteTableAssociation{AssociationID: o.Subnets[s], SubnetID: s})
	}
	cr.Status.AtProvider = at
	cr.SetConditions(xpv2.Available())

	return ec2kit.Observed(compare(p, o), lateInitialized, adopted), nil
}

func fromRouteTable(rt *types.RouteTable) *state {
	o := &state{VPCID: rt.VpcId, Routes: map[string]string{}, Subnets: map[string]string{}, Tags: ec2kit.FromTags(rt.Tags)}
	for _, r := range rt.Routes {
		dst := aws.ToString(r.DestinationCidrBlock)
		if dst == "" || aws.ToString(r.GatewayId) == "local" || r.Origin == types.RouteOriginEnableVgwRoutePropagation {
			continue
		}
		o.Routes[dst] = target(r)
	}
	for _, a := range rt.Associations {
		if aws.ToBool(a.Main) || a.SubnetId == nil {
			continue
		}
		if a.AssociationState != nil && a.AssociationState.State != types.RouteTableAssociationStateCodeAssociated &&
			a.AssociationState.State != types.RouteTableAssociationStateCodeAssociating {
			continue
		}
		o.Subnets[aws.ToString(a.SubnetId)] = aws.ToString(a.RouteTableAssociationId)
	}
	return o
}

// target names a route's target: the gateway ID for gateway routes.
func target(r types.Route) string {
	switch {
	case r.GatewayId != nil:
		return aws.ToString(r.GatewayId)
	case r.NatGatewayId != nil:
		return natPrefix + aws.ToString(r.NatGatewayId)
	case r.TransitGatewayId != nil:
		return "transit-gateway:" + aws.ToString(r.TransitGatewayId)
	case r.VpcPeeringConnectionId != nil:
		return "vpc-peering-connection:" + aws.ToString(r.VpcPeeringConnectionId)
	case r.NetworkInterfaceId != nil:
		return "network-interface:" + aws.ToString(r.NetworkInterfaceId)
	case r.InstanceId != nil:
		return "instance:" + aws.ToString(r.InstanceId)
	}
	return "other"
}

// comparable is what compare compares: routes by destination, subnets as a
// sorted set.
type comparable struct {
	VPCID   *string
	Routes  map[string]string
	Subnets []string
	Tags    map[string]string
}

func desiredRoutes(p *v1alpha1.RouteTableParameters) map[string]string {
	out := make(map[string]string, len(p.Routes))
	for _, r := range p.Routes {
		out[r.DestinationCIDRBlock] = desiredTarget(r)
	}
	return out
}

// desiredTarget names a route's target as target does: "" when it is not
// resolved yet.
func desiredTarget(r v1alpha1.Route) string {
	if r.NATGatewayID != nil {
		return natPrefix + *r.NATGatewayID
	}
	return aws.ToString(r.GatewayID)
}

const natPrefix = "nat-gateway:"

// compare returns a readable diff between AWS (-) and the spec (+), or "",
// restricted to what the spec manages.
func compare(p *v1alpha1.RouteTableParameters, observed *state) string {
	d := comparable{VPCID: p.VPCID, Tags: p.Tags}
	o := comparable{VPCID: observed.VPCID, Tags: observed.Tags}
	lateinit.Unmanaged(&o.VPCID, d.VPCID == nil)
	if p.Routes != nil {
		d.Routes, o.Routes = desiredRoutes(p), observed.Routes
	}
	if p.SubnetIDs != nil {
		d.Subnets = append([]string{}, p.SubnetIDs...)
		sort.Strings(d.Subnets)
		o.Subnets = sortedKeys(observed.Subnets)
	}
	o.Tags = ec2kit.ObservedTags(d.Tags, o.Tags)
	return ec2kit.Diff(o, d)
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Create creates the route table, tagged with the spec's tags and the
// object's identity in the same call, and records its ID. The next
// reconcile adds the routes and associations.
func (e *external) Create(ctx context.Context, cr *v1alpha1.RouteTable) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if p.VPCID == nil {
		return managed.ExternalCreation{}, errors.New("cannot create route table: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC")
	}
	out, err := e.api.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{
		VpcId:             p.VPCID,
		TagSpecifications: ec2kit.TagSpecifications(types.ResourceTypeRouteTable, p.Tags, cr),
	})
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrapf(err, "cannot create route table in VPC %s", aws.ToString(p.VPCID))
	}
	meta.SetExternalName(cr, aws.ToString(out.RouteTable.RouteTableId))
	return managed.ExternalCreation{}, nil
}

// Update creates, replaces and deletes routes, associates and
// disassociates subnets, and syncs the tags: only what differs.
func (e *external) Update(ctx context.Context, cr *v1alpha1.RouteTable) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("route table")
	}
	id := meta.GetExternalName(cr)
	p, o := &cr.Spec.ForProvider, e.observed
	if p.VPCID != nil && aws.ToString(p.VPCID) != aws.ToString(o.VPCID) {
		return managed.ExternalUpdate{}, errors.Errorf("route table %s is in VPC %s, not %s: a route table cannot move, create a new RouteTable instead", id, aws.ToString(o.VPCID), aws.ToString(p.VPCID))
	}
	if p.Routes != nil {
		if err := e.updateRoutes(ctx, id, p.Routes, o.Routes); err != nil {
			return managed.ExternalUpdate{}, err
		}
	}
	if p.SubnetIDs != nil {
		if err := e.updateSubnets(ctx, id, p.SubnetIDs, o.Subnets); err != nil {
			return managed.ExternalUpdate{}, err
		}
	}
	return managed.ExternalUpdate{}, ec2kit.SyncTags(ctx, e.api, "route table", id, p.Tags, o.Tags)
}

func (e *external) updateRoutes(ctx context.Context, id string, desired []v1alpha1.Route, observed map[string]string) error {
	want := map[string]bool{}
	for _, r := range desired {
		dst := r.DestinationCIDRBlock
		want[dst] = true
		tgt := desiredTarget(r)
		if tgt == "" {
			return errors.Errorf("cannot route %s in route table %s: its target is not set yet; set gatewayId or natGatewayId, or a reference or selector to an InternetGateway or NATGateway", dst, id)
		}
		have, ok := observed[dst]
		switch {
		case !ok:
			if _, err := e.api.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String(dst), GatewayId: r.GatewayID, NatGatewayId: r.NATGatewayID}); err != nil {
				return errors.Wrapf(err, "cannot create route %s to %s in route table %s", dst, strings.TrimPrefix(tgt, natPrefix), id)
			}
		case have != tgt:
			if _, err := e.api.ReplaceRoute(ctx, &ec2.ReplaceRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String(dst), GatewayId: r.GatewayID, NatGatewayId: r.NATGatewayID}); err != nil {
				return errors.Wrapf(err, "cannot replace route %s with one to %s in route table %s", dst, strings.TrimPrefix(tgt, natPrefix), id)
			}
		}
	}
	for _, dst := range sortedKeys(observed) {
		if want[dst] {
			continue
		}
		if _, err := e.api.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String(dst)}); err != nil && !awserr.HasCode(err, ec2kit.CodeRouteNotFound) {
			return errors.Wrapf(err, "cannot delete route %s from route table %s", dst, id)
		}
	}
	return nil
}

func (e *external) updateSubnets(ctx context.Context, id string, desired []string, observed map[string]string) error {
	want := map[string]bool{}
	for _, s := range desired {
		want[s] = true
		if _, ok := observed[s]; ok {
			continue
		}
		if _, err := e.api.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(id), SubnetId: aws.String(s)}); err != nil {
			return errors.Wrapf(err, "cannot associate subnet %s with route table %s", s, id)
		}
	}
	for _, s := range sortedKeys(observed) {
		if want[s] {
			continue
		}
		if err := e.disassociate(ctx, id, s, observed[s]); err != nil {
			return err
		}
	}
	return nil
}

func (e *external) disassociate(ctx context.Context, id, subnet, association string) error {
	_, err := e.api.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(association)})
	if err != nil && !awserr.HasCode(err, ec2kit.CodeAssociationNotFound) {
		return errors.Wrapf(err, "cannot disassociate subnet %s from route table %s", subnet, id)
	}
	return nil
}

// Delete disassociates the table's subnets (they fall back to the VPC's
// main route table), then deletes it.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.RouteTable) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	if e.observed != nil {
		for _, s := range sortedKeys(e.observed.Subnets) {
			if err := e.disassociate(ctx, id, s, e.observed.Subnets[s]); err != nil {
				return managed.ExternalDelete{}, err
			}
		}
	}
	_, err := e.api.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(id)})
	return managed.ExternalDelete{}, ec2kit.DeleteError(err, "route table", id, ec2kit.CodeRouteTableNotFound)
}
