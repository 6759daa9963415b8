package routetable

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
	rtID     = "rtb-0123"
	vpcID    = "vpc-0123"
	igwID    = "igw-0123"
	region   = "eu-west-1"
	owner    = "123456789012"
	arn      = "arn:aws:ec2:eu-west-1:123456789012:route-table/rtb-0123"
	identity = "default/public/uid-1"
)

type modifier func(*v1alpha1.RouteTable)

func rt(m ...modifier) *v1alpha1.RouteTable {
	r := &v1alpha1.RouteTable{ObjectMeta: metav1.ObjectMeta{Name: "public", Namespace: "default", UID: "uid-1"}}
	meta.SetExternalName(r, rtID)
	r.Spec.ForProvider = v1alpha1.RouteTableParameters{
		Region: aws.String(region), VPCID: aws.String(vpcID),
		Routes:    []v1alpha1.Route{{DestinationCIDRBlock: "0.0.0.0/0", GatewayID: aws.String(igwID)}},
		SubnetIDs: []string{"subnet-b", "subnet-a"}, Tags: map[string]string{"tier": "public"},
	}
	for _, f := range m {
		f(r)
	}
	return r
}

func noExternalName(r *v1alpha1.RouteTable) { meta.SetExternalName(r, "") }

func noVPC(r *v1alpha1.RouteTable) { r.Spec.ForProvider.VPCID = nil }

func deleting(r *v1alpha1.RouteTable) { r.SetConditions(xpv2.Deleting()) }

func observed(r *v1alpha1.RouteTable) {
	r.Status.AtProvider = v1alpha1.RouteTableObservation{RouteTableID: rtID, ARN: arn, OwnerID: owner, Associations: []v1alpha1.RouteTableAssociation{
		{AssociationID: "rtbassoc-a", SubnetID: "subnet-a"}, {AssociationID: "rtbassoc-b", SubnetID: "subnet-b"}}}
	r.SetConditions(xpv2.Available())
}

func assoc(subnet, id string) types.RouteTableAssociation {
	return types.RouteTableAssociation{SubnetId: aws.String(subnet), RouteTableAssociationId: aws.String(id), Main: aws.Bool(false),
		AssociationState: &types.RouteTableAssociationState{State: types.RouteTableAssociationStateCodeAssociated}}
}

func awsRT(m ...func(*types.RouteTable)) types.RouteTable {
	r := types.RouteTable{
		RouteTableId: aws.String(rtID), VpcId: aws.String(vpcID), OwnerId: aws.String(owner),
		Routes: []types.Route{
			{DestinationCidrBlock: aws.String("10.0.0.0/16"), GatewayId: aws.String("local"), Origin: types.RouteOriginCreateRouteTable},
			{DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID), Origin: types.RouteOriginCreateRoute},
			{DestinationCidrBlock: aws.String("172.16.0.0/12"), GatewayId: aws.String("vgw-1"), Origin: types.RouteOriginEnableVgwRoutePropagation},
		},
		Associations: []types.RouteTableAssociation{assoc("subnet-a", "rtbassoc-a"), assoc("subnet-b", "rtbassoc-b"),
			{Main: aws.Bool(true), RouteTableAssociationId: aws.String("rtbassoc-main")}},
		Tags: ec2fake.Tags("tier", "public", tags.KeyManagedBy, identity),
	}
	for _, f := range m {
		f(&r)
	}
	return r
}

func describe(r ...types.RouteTable) map[string]any {
	return map[string]any{"DescribeRouteTables": &ec2.DescribeRouteTablesOutput{RouteTables: r}}
}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.RouteTable, *state]{What: "route table", ID: rtID, NotFound: ec2kit.CodeRouteTableNotFound, New: func() *v1alpha1.RouteTable { return rt() },
	Client: func(api *ec2fake.API, o *state) mr.External[*v1alpha1.RouteTable] {
		return &external{api: api, region: region, observed: o}
	}}

type tcase = ec2fake.Case[*v1alpha1.RouteTable, *state]

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeRouteTables")
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.RouteTable]
	one := []string{"DescribeRouteTables"}
	ec2fake.Run(t, kind.Observe, map[string]tcase{
		"NoExternalNameAdoptsTagged": {
			Reason: "A table created before a crash is found by its identity tag; its ID is recorded and saved.",
			API:    ec2fake.New(describe(awsRT()), nil),
			CR:     rt(noExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: rt(observed)},
		},
		"UpToDate": {
			Reason: "Local and propagated routes, the main association and the identity tag do not count; subnets compare as a set.",
			API:    ec2fake.New(describe(awsRT()), nil),
			CR:     rt(),
			Want:   want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: rt(observed)},
		},
		"RouteAddedOutOfBand": {
			Reason: "A route added out of band is drift.",
			API: ec2fake.New(describe(awsRT(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")})
			})), nil),
			CR:   rt(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: rt(observed)},
		},
		"NotManagedLateInit": {
			Reason: "Omitted routes and subnets are not managed nor copied; VPC and tags are late-initialized (the region is mr's).",
			API: ec2fake.New(describe(awsRT(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")})
			})), nil),
			CR: rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider = v1alpha1.RouteTableParameters{} }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: rt(observed, func(r *v1alpha1.RouteTable) {
					r.Spec.ForProvider.Routes, r.Spec.ForProvider.SubnetIDs, r.Spec.ForProvider.Region = nil, nil, nil
				})},
		},
	})
}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.RouteTable]
	input := &ec2.CreateRouteTableInput{VpcId: aws.String(vpcID), TagSpecifications: ec2fake.TagSpecs(types.ResourceTypeRouteTable, tags.KeyManagedBy, identity, "tier", "public")}
	ec2fake.Run(t, kind.Create, map[string]tcase{
		"Success": {
			Reason: "CreateRouteTable tags the table with the identity; its ID becomes the external name.",
			API:    ec2fake.New(map[string]any{"CreateRouteTable": &ec2.CreateRouteTableOutput{RouteTable: &types.RouteTable{RouteTableId: aws.String(rtID)}}}, nil),
			CR:     rt(noExternalName),
			Want:   want{Calls: []string{"CreateRouteTable"}, Inputs: []any{input}, CR: rt()},
		},
		"NoVPC": {
			Reason: "Without a resolved VPC ID nothing is created.",
			API:    ec2fake.New(nil, nil),
			CR:     rt(noExternalName, noVPC),
			Want:   want{Err: errors.New("cannot create route table: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC"), CR: rt(noExternalName, noVPC)},
		},
		"Error": {
			Reason: "A failed create keeps AWS's code.",
			API:    ec2fake.Fails("CreateRouteTable", "RouteTableLimitExceeded"),
			CR:     rt(noExternalName),
			Want: want{Err: errors.Wrap(ec2fake.Err("RouteTableLimitExceeded"), "cannot create route table in VPC vpc-0123"),
				Calls: []string{"CreateRouteTable"}, Inputs: []any{input}, CR: rt(noExternalName)},
		},
	})
}

func TestNotObserved(t *testing.T) { kind.TestNotObserved(t) }

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.RouteTable]
	observe := func(m ...func(*types.RouteTable)) *state {
		r := awsRT(m...)
		return fromRouteTable(&r)
	}
	id := aws.String(rtID)
	ec2fake.Run(t, kind.Update, map[string]tcase{
		"NothingDiffers": {Reason: "No writes when AWS matches the spec.", API: ec2fake.New(nil, nil), Observed: observe(), CR: rt()},
		"OtherVPC": {
			Reason: "An adopted table in another VPC cannot be fixed in place.", API: ec2fake.New(nil, nil),
			Observed: observe(func(r *types.RouteTable) { r.VpcId = aws.String("vpc-other") }), CR: rt(),
			Want: want{Err: errors.New("route table rtb-0123 is in VPC vpc-other, not vpc-0123: a route table cannot move, create a new RouteTable instead")},
		},
		"Routes": {
			Reason: "A missing route is created, a changed target replaced, an extra route deleted.",
			API:    ec2fake.New(nil, nil),
			Observed: observe(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")},
					types.Route{DestinationCidrBlock: aws.String("100.64.0.0/10"), GatewayId: aws.String("igw-old")})
			}),
			CR: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "100.64.0.0/10", GatewayID: aws.String(igwID)}, {DestinationCIDRBlock: "8.8.8.8/32", GatewayID: aws.String(igwID)}}
			}),
			Want: want{Calls: []string{"ReplaceRoute", "CreateRoute", "DeleteRoute", "DeleteRoute"}, Inputs: []any{
				&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("100.64.0.0/10"), GatewayId: aws.String(igwID)},
				&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("8.8.8.8/32"), GatewayId: aws.String(igwID)},
				&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0")},
				&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("192.168.0.0/16")},
			}},
		},
		"NATRoutes": {
			Reason:   "A NAT gateway target is created, or replaces a gateway target.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(),
			CR: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "0.0.0.0/0", NATGatewayID: aws.String("nat-1")}, {DestinationCIDRBlock: "10.9.0.0/16", NATGatewayID: aws.String("nat-1")}}
			}),
			Want: want{Calls: []string{"ReplaceRoute", "CreateRoute"}, Inputs: []any{
				&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")},
				&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("10.9.0.0/16"), NatGatewayId: aws.String("nat-1")},
			}},
		},
		"NATRouteUpToDate": {
			Reason: "A NAT route already in place needs no write.",
			API:    ec2fake.New(nil, nil),
			Observed: observe(func(r *types.RouteTable) {
				r.Routes[1] = types.Route{DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")}
			}),
			CR: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "0.0.0.0/0", NATGatewayID: aws.String("nat-1")}}
			}),
		},
		"UnresolvedGateway": {
			Reason: "A route without a gateway ID yet is an error that says what to set.", API: ec2fake.New(nil, nil), Observed: observe(),
			CR:   rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes[0].GatewayID = nil }),
			Want: want{Err: errors.New("cannot route 0.0.0.0/0 in route table rtb-0123: its target is not set yet; set gatewayId or natGatewayId, or a reference or selector to an InternetGateway or NATGateway")},
		},
		"CreateRouteError": {
			Reason:   "A failed route creation keeps AWS's code.",
			API:      ec2fake.Fails("CreateRoute", "InvalidGatewayID.NotFound"),
			Observed: observe(func(r *types.RouteTable) { r.Routes = r.Routes[:1] }),
			CR:       rt(),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidGatewayID.NotFound"), "cannot create route 0.0.0.0/0 to igw-0123 in route table rtb-0123"), Calls: []string{"CreateRoute"},
				Inputs: []any{&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}}},
		},
		"ReplaceRouteError": {
			Reason:   "A failed replace is returned with context.",
			API:      ec2fake.Fails("ReplaceRoute", "X"),
			Observed: observe(func(r *types.RouteTable) { r.Routes[1].GatewayId = aws.String("igw-old") }),
			CR:       rt(),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot replace route 0.0.0.0/0 with one to igw-0123 in route table rtb-0123"), Calls: []string{"ReplaceRoute"},
				Inputs: []any{&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}}},
		},
		"DeleteRouteError": {
			Reason:   "A failed route deletion is returned with context; an already-gone route is fine.",
			API:      ec2fake.Fails("DeleteRoute", "X"),
			Observed: observe(),
			CR:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes = []v1alpha1.Route{} }),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot delete route 0.0.0.0/0 from route table rtb-0123"), Calls: []string{"DeleteRoute"},
				Inputs: []any{&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0")}}},
		},
		"Subnets": {
			Reason:   "A missing subnet is associated, an extra one disassociated; an already-gone association is fine.",
			API:      ec2fake.Fails("DisassociateRouteTable", ec2kit.CodeAssociationNotFound),
			Observed: observe(),
			CR:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.SubnetIDs = []string{"subnet-a", "subnet-c"} }),
			Want: want{Calls: []string{"AssociateRouteTable", "DisassociateRouteTable"}, Inputs: []any{
				&ec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: aws.String("subnet-c")},
				&ec2.DisassociateRouteTableInput{AssociationId: aws.String("rtbassoc-b")},
			}},
		},
		"AssociateError": {
			Reason:   "A subnet associated with another table keeps AWS's code.",
			API:      ec2fake.Fails("AssociateRouteTable", "Resource.AlreadyAssociated"),
			Observed: observe(),
			CR: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.SubnetIDs = []string{"subnet-a", "subnet-b", "subnet-c"}
			}),
			Want: want{Err: errors.Wrap(ec2fake.Err("Resource.AlreadyAssociated"), "cannot associate subnet subnet-c with route table rtb-0123"), Calls: []string{"AssociateRouteTable"},
				Inputs: []any{&ec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: aws.String("subnet-c")}}},
		},
		"DisassociateError": {
			Reason:   "A failed disassociation is returned with context.",
			API:      ec2fake.Fails("DisassociateRouteTable", "X"),
			Observed: observe(),
			CR:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.SubnetIDs = []string{"subnet-a"} }),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot disassociate subnet subnet-b from route table rtb-0123"), Calls: []string{"DisassociateRouteTable"},
				Inputs: []any{&ec2.DisassociateRouteTableInput{AssociationId: aws.String("rtbassoc-b")}}},
		},
		"NotManaged": {
			Reason:   "Omitted routes and subnets are never written.",
			API:      ec2fake.New(nil, nil),
			Observed: observe(func(r *types.RouteTable) { r.Routes, r.Associations = nil, nil }),
			CR:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes, r.Spec.ForProvider.SubnetIDs = nil, nil }),
		},
		"Tags": {
			Reason:   "Tags are synced; the identity tag stays.",
			API:      ec2fake.Fails("CreateTags", "X"),
			Observed: observe(),
			CR:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Tags = map[string]string{"tier": "edge"} }),
			Want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of route table rtb-0123"), Calls: []string{"CreateTags"}, Inputs: []any{
				&ec2.CreateTagsInput{Resources: []string{rtID}, Tags: ec2fake.Tags("tier", "edge")}}},
		},
	})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteRouteTable", &ec2.DeleteRouteTableInput{RouteTableId: aws.String(rtID)})
}

// TestDeleteDisassociates covers tables with subnets: disassociated first.
func TestDeleteDisassociates(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.RouteTable]
	withSubnets := func() *state { r := awsRT(); return fromRouteTable(&r) }
	ec2fake.Run(t, kind.Delete, map[string]tcase{
		"DisassociateThenDelete": {
			Reason: "Subnets are disassociated before the table is deleted.", API: ec2fake.New(nil, nil), Observed: withSubnets(), CR: rt(),
			Want: want{Calls: []string{"DisassociateRouteTable", "DisassociateRouteTable", "DeleteRouteTable"}, CR: rt(deleting)},
		},
		"DisassociateFails": {
			Reason: "A failed disassociation stops the delete, to be retried.", API: ec2fake.Fails("DisassociateRouteTable", "X"),
			Observed: withSubnets(), CR: rt(),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot disassociate subnet subnet-a from route table rtb-0123"),
				Calls: []string{"DisassociateRouteTable"}, CR: rt(deleting)},
		},
	})
}
