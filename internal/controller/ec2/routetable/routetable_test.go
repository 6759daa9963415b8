package routetable

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
		Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("public")}, {Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}},
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
var kind = ec2fake.Kind[*v1alpha1.RouteTable]{What: "route table", ID: rtID, NotFound: ec2kit.CodeRouteTableNotFound, New: func() *v1alpha1.RouteTable { return rt() }}

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeRouteTables", func(api *ec2fake.API, cr *v1alpha1.RouteTable) (managed.ExternalObservation, error) {
		return (&external{api: api, region: region}).Observe(context.Background(), cr)
	})
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.RouteTable]
	one := []string{"DescribeRouteTables"}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.RouteTable
		want   want
	}{
		"NoExternalNameAdoptsTagged": {
			reason: "A table created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    ec2fake.New(describe(awsRT()), nil),
			cr:     rt(noExternalName),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: rt(observed)},
		},
		"UpToDate": {
			reason: "Local and propagated routes, the main association and the identity tag do not count; subnets compare as a set.",
			api:    ec2fake.New(describe(awsRT()), nil),
			cr:     rt(),
			want:   want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: rt(observed)},
		},
		"RouteAddedOutOfBand": {
			reason: "A route added out of band is drift.",
			api: ec2fake.New(describe(awsRT(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")})
			})), nil),
			cr:   rt(),
			want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: rt(observed)},
		},
		"NotManagedLateInit": {
			reason: "Omitted routes and subnets are not managed nor copied; VPC and tags are late-initialized (the region is mr's).",
			api: ec2fake.New(describe(awsRT(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")})
			})), nil),
			cr: rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider = v1alpha1.RouteTableParameters{} }),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: rt(observed, func(r *v1alpha1.RouteTable) {
					r.Spec.ForProvider.Routes, r.Spec.ForProvider.SubnetIDs, r.Spec.ForProvider.Region = nil, nil, nil
				})},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o, err := (&external{api: tc.api, region: region}).Observe(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, o, err, tc.cr)
		})
	}

}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.RouteTable]
	input := &ec2.CreateRouteTableInput{VpcId: aws.String(vpcID), TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeRouteTable, Tags: []types.Tag{
		{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("tier"), Value: aws.String("public")}}}}}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.RouteTable
		want   want
	}{
		"Success": {
			reason: "CreateRouteTable tags the table with the identity; its ID becomes the external name.",
			api:    ec2fake.New(map[string]any{"CreateRouteTable": &ec2.CreateRouteTableOutput{RouteTable: &types.RouteTable{RouteTableId: aws.String(rtID)}}}, nil),
			cr:     rt(noExternalName),
			want:   want{Calls: []string{"CreateRouteTable"}, Inputs: []any{input}, CR: rt()},
		},
		"NoVPC": {
			reason: "Without a resolved VPC ID nothing is created.",
			api:    ec2fake.New(nil, nil),
			cr:     rt(noExternalName, noVPC),
			want:   want{Err: errors.New("cannot create route table: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC"), CR: rt(noExternalName, noVPC)},
		},
		"Error": {
			reason: "A failed create keeps AWS's code.",
			api:    ec2fake.New(nil, map[string]error{"CreateRouteTable": ec2fake.Err("RouteTableLimitExceeded")}),
			cr:     rt(noExternalName),
			want: want{Err: errors.Wrap(ec2fake.Err("RouteTableLimitExceeded"), "cannot create route table in VPC vpc-0123"),
				Calls: []string{"CreateRouteTable"}, Inputs: []any{input}, CR: rt(noExternalName)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region}).Create(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, tc.cr,
				cmpopts.IgnoreUnexported(ec2.CreateRouteTableInput{}, types.TagSpecification{}, types.Tag{}))
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.RouteTable]
	observe := func(m ...func(*types.RouteTable)) *state {
		r := awsRT(m...)
		return fromRouteTable(&r)
	}
	id := aws.String(rtID)
	ignore := cmpopts.IgnoreUnexported(ec2.CreateRouteInput{}, ec2.ReplaceRouteInput{}, ec2.DeleteRouteInput{}, ec2.AssociateRouteTableInput{},
		ec2.DisassociateRouteTableInput{}, ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, types.Tag{})
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *state
		cr       *v1alpha1.RouteTable
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.", api: ec2fake.New(nil, nil), cr: rt(),
			want: want{Err: mr.NotObserved("route table")},
		},
		"NothingDiffers": {reason: "No writes when AWS matches the spec.", api: ec2fake.New(nil, nil), observed: observe(), cr: rt()},
		"OtherVPC": {
			reason: "An adopted table in another VPC cannot be fixed in place.", api: ec2fake.New(nil, nil),
			observed: observe(func(r *types.RouteTable) { r.VpcId = aws.String("vpc-other") }), cr: rt(),
			want: want{Err: errors.New("route table rtb-0123 is in VPC vpc-other, not vpc-0123: a route table cannot move, create a new RouteTable instead")},
		},
		"Routes": {
			reason: "A missing route is created, a changed target replaced, an extra route deleted.",
			api:    ec2fake.New(nil, nil),
			observed: observe(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")},
					types.Route{DestinationCidrBlock: aws.String("100.64.0.0/10"), GatewayId: aws.String("igw-old")})
			}),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "100.64.0.0/10", GatewayID: aws.String(igwID)}, {DestinationCIDRBlock: "8.8.8.8/32", GatewayID: aws.String(igwID)}}
			}),
			want: want{Calls: []string{"ReplaceRoute", "CreateRoute", "DeleteRoute", "DeleteRoute"}, Inputs: []any{
				&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("100.64.0.0/10"), GatewayId: aws.String(igwID)},
				&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("8.8.8.8/32"), GatewayId: aws.String(igwID)},
				&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0")},
				&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("192.168.0.0/16")},
			}},
		},
		"NATRoutes": {
			reason:   "A NAT gateway target is created, or replaces a gateway target.",
			api:      ec2fake.New(nil, nil),
			observed: observe(),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "0.0.0.0/0", NATGatewayID: aws.String("nat-1")}, {DestinationCIDRBlock: "10.9.0.0/16", NATGatewayID: aws.String("nat-1")}}
			}),
			want: want{Calls: []string{"ReplaceRoute", "CreateRoute"}, Inputs: []any{
				&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")},
				&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("10.9.0.0/16"), NatGatewayId: aws.String("nat-1")},
			}},
		},
		"NATRouteUpToDate": {
			reason: "A NAT route already in place needs no write.",
			api:    ec2fake.New(nil, nil),
			observed: observe(func(r *types.RouteTable) {
				r.Routes[1] = types.Route{DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")}
			}),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "0.0.0.0/0", NATGatewayID: aws.String("nat-1")}}
			}),
		},
		"UnresolvedGateway": {
			reason: "A route without a gateway ID yet is an error that says what to set.", api: ec2fake.New(nil, nil), observed: observe(),
			cr:   rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes[0].GatewayID = nil }),
			want: want{Err: errors.New("cannot route 0.0.0.0/0 in route table rtb-0123: its target is not set yet; set gatewayId or natGatewayId, or a reference or selector to an InternetGateway or NATGateway")},
		},
		"CreateRouteError": {
			reason:   "A failed route creation keeps AWS's code.",
			api:      ec2fake.New(nil, map[string]error{"CreateRoute": ec2fake.Err("InvalidGatewayID.NotFound")}),
			observed: observe(func(r *types.RouteTable) { r.Routes = r.Routes[:1] }),
			cr:       rt(),
			want: want{Err: errors.Wrap(ec2fake.Err("InvalidGatewayID.NotFound"), "cannot create route 0.0.0.0/0 to igw-0123 in route table rtb-0123"), Calls: []string{"CreateRoute"},
				Inputs: []any{&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}}},
		},
		"ReplaceRouteError": {
			reason:   "A failed replace is returned with context.",
			api:      ec2fake.New(nil, map[string]error{"ReplaceRoute": ec2fake.Err("X")}),
			observed: observe(func(r *types.RouteTable) { r.Routes[1].GatewayId = aws.String("igw-old") }),
			cr:       rt(),
			want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot replace route 0.0.0.0/0 with one to igw-0123 in route table rtb-0123"), Calls: []string{"ReplaceRoute"},
				Inputs: []any{&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}}},
		},
		"DeleteRouteError": {
			reason:   "A failed route deletion is returned with context; an already-gone route is fine.",
			api:      ec2fake.New(nil, map[string]error{"DeleteRoute": ec2fake.Err("X")}),
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes = []v1alpha1.Route{} }),
			want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot delete route 0.0.0.0/0 from route table rtb-0123"), Calls: []string{"DeleteRoute"},
				Inputs: []any{&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0")}}},
		},
		"Subnets": {
			reason:   "A missing subnet is associated, an extra one disassociated; an already-gone association is fine.",
			api:      ec2fake.New(nil, map[string]error{"DisassociateRouteTable": ec2fake.Err(ec2kit.CodeAssociationNotFound)}),
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.SubnetIDs = []string{"subnet-a", "subnet-c"} }),
			want: want{Calls: []string{"AssociateRouteTable", "DisassociateRouteTable"}, Inputs: []any{
				&ec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: aws.String("subnet-c")},
				&ec2.DisassociateRouteTableInput{AssociationId: aws.String("rtbassoc-b")},
			}},
		},
		"AssociateError": {
			reason:   "A subnet associated with another table keeps AWS's code.",
			api:      ec2fake.New(nil, map[string]error{"AssociateRouteTable": ec2fake.Err("Resource.AlreadyAssociated")}),
			observed: observe(),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.SubnetIDs = []string{"subnet-a", "subnet-b", "subnet-c"}
			}),
			want: want{Err: errors.Wrap(ec2fake.Err("Resource.AlreadyAssociated"), "cannot associate subnet subnet-c with route table rtb-0123"), Calls: []string{"AssociateRouteTable"},
				Inputs: []any{&ec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: aws.String("subnet-c")}}},
		},
		"DisassociateError": {
			reason:   "A failed disassociation is returned with context.",
			api:      ec2fake.New(nil, map[string]error{"DisassociateRouteTable": ec2fake.Err("X")}),
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.SubnetIDs = []string{"subnet-a"} }),
			want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot disassociate subnet subnet-b from route table rtb-0123"), Calls: []string{"DisassociateRouteTable"},
				Inputs: []any{&ec2.DisassociateRouteTableInput{AssociationId: aws.String("rtbassoc-b")}}},
		},
		"NotManaged": {
			reason:   "Omitted routes and subnets are never written.",
			api:      ec2fake.New(nil, nil),
			observed: observe(func(r *types.RouteTable) { r.Routes, r.Associations = nil, nil }),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes, r.Spec.ForProvider.SubnetIDs = nil, nil }),
		},
		"Tags": {
			reason:   "Tags are synced; the identity tag stays.",
			api:      ec2fake.New(nil, map[string]error{"CreateTags": ec2fake.Err("X")}),
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Tags = map[string]string{"tier": "edge"} }),
			want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of route table rtb-0123"), Calls: []string{"CreateTags"}, Inputs: []any{
				&ec2.CreateTagsInput{Resources: []string{rtID}, Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("edge")}}}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region, observed: tc.observed}).Update(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, nil, ignore)
		})
	}
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteRouteTable", &ec2.DeleteRouteTableInput{RouteTableId: aws.String(rtID)}, func(api *ec2fake.API, cr *v1alpha1.RouteTable) error {
		_, err := (&external{api: api, region: region}).Delete(context.Background(), cr)
		return err
	}, cmpopts.IgnoreUnexported(ec2.DeleteRouteTableInput{}))
}

// TestDeleteDisassociates covers tables with subnets: disassociated first.
func TestDeleteDisassociates(t *testing.T) {
	withSubnets := func() *state { r := awsRT(); return fromRouteTable(&r) }
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *state
		want     error
		calls    []string
	}{
		"DisassociateThenDelete": {
			reason: "Subnets are disassociated before the table is deleted.", api: ec2fake.New(nil, nil), observed: withSubnets(),
			calls: []string{"DisassociateRouteTable", "DisassociateRouteTable", "DeleteRouteTable"},
		},
		"DisassociateFails": {
			reason: "A failed disassociation stops the delete, to be retried.", api: ec2fake.New(nil, map[string]error{"DisassociateRouteTable": ec2fake.Err("X")}),
			observed: withSubnets(), calls: []string{"DisassociateRouteTable"},
			want: errors.Wrap(ec2fake.Err("X"), "cannot disassociate subnet subnet-a from route table rtb-0123"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := rt()
			_, err := (&external{api: tc.api, region: region, observed: tc.observed}).Delete(context.Background(), cr)
			ec2fake.Check(t, tc.reason, tc.api, ec2fake.Want[*v1alpha1.RouteTable]{Err: tc.want, Calls: tc.calls, CR: rt(deleting)}, managed.ExternalObservation{}, err, cr)
		})
	}
}
