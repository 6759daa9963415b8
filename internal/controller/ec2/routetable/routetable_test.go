package routetable

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

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.RouteTable
	}
	one := []string{"DescribeRouteTables"}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.RouteTable
		want   want
	}{
		"NoExternalNameNothingTagged": {
			reason: "Without an ID, a table carrying the identity tag is looked for; none means it does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     rt(noExternalName),
			want:   want{calls: one, cr: rt(noExternalName)},
		},
		"IdentityFilterIgnored": {
			reason: "A resource without the identity tag is never adopted, even when the emulator ignores the tag filter.",
			api:    &fakeAPI{out: describe(awsRT(func(r *types.RouteTable) { r.Tags = r.Tags[:1] }))},
			cr:     rt(noExternalName),
			want:   want{calls: one, cr: rt(noExternalName)},
		},
		"NoExternalNameAdoptsTagged": {
			reason: "A table created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    &fakeAPI{out: describe(awsRT())},
			cr:     rt(noExternalName),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: one, cr: rt(observed)},
		},
		"IdentityLookupError": {
			reason: "An error of the identity-tag lookup is returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DescribeRouteTables": apiError("X")}},
			cr:     rt(noExternalName),
			want:   want{err: errors.Wrap(apiError("X"), "cannot look up route table by its identity tag"), calls: one, cr: rt(noExternalName)},
		},
		"NotFound": {
			reason: "InvalidRouteTableID.NotFound means the table does not exist.",
			api:    &fakeAPI{errs: map[string]error{"DescribeRouteTables": apiError(errNotFound)}},
			cr:     rt(),
			want:   want{calls: one, cr: rt()},
		},
		"EmptyAnswer": {
			reason: "An empty answer means the table does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     rt(),
			want:   want{calls: one, cr: rt()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"DescribeRouteTables": apiError("X")}},
			cr:     rt(),
			want:   want{err: errors.Wrap(apiError("X"), "cannot get route table rtb-0123"), calls: one, cr: rt()},
		},
		"UpToDate": {
			reason: "Local and propagated routes, the main association and the identity tag do not count; subnets compare as a set.",
			api:    &fakeAPI{out: describe(awsRT())},
			cr:     rt(),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: rt(observed)},
		},
		"RouteAddedOutOfBand": {
			reason: "A route added out of band is drift.",
			api: &fakeAPI{out: describe(awsRT(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")})
			}))},
			cr:   rt(),
			want: want{o: managed.ExternalObservation{ResourceExists: true}, calls: one, cr: rt(observed)},
		},
		"NotManagedLateInit": {
			reason: "Omitted routes and subnets are not managed nor copied; region, VPC and tags are late-initialized.",
			api: &fakeAPI{out: describe(awsRT(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")})
			}))},
			cr: rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider = v1alpha1.RouteTableParameters{} }),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: rt(observed, func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes, r.Spec.ForProvider.SubnetIDs = nil, nil })},
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
	_, _ = (&external{api: f, region: region}).Observe(context.Background(), rt(noExternalName))
	wantIn := &ec2.DescribeRouteTablesInput{Filters: shared.IdentityFilter(rt())}
	if diff := cmp.Diff(wantIn, f.inputs[0], cmpopts.IgnoreUnexported(ec2.DescribeRouteTablesInput{}, types.Filter{})); diff != "" {
		t.Errorf("identity lookup input: -want, +got:\n%s", diff)
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.RouteTable
		err    error
		name   string
		calls  []string
	}{
		"Success": {
			reason: "CreateRouteTable tags the table with the identity; its ID becomes the external name.",
			api:    &fakeAPI{out: map[string]any{"CreateRouteTable": &ec2.CreateRouteTableOutput{RouteTable: &types.RouteTable{RouteTableId: aws.String(rtID)}}}},
			cr:     rt(noExternalName), name: rtID, calls: []string{"CreateRouteTable"},
		},
		"NoVPC": {
			reason: "Without a resolved VPC ID nothing is created.",
			api:    &fakeAPI{},
			cr:     rt(noExternalName, func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.VPCID = nil }),
			err:    errors.New("cannot create route table: spec.forProvider.vpcId is not set; set it, or vpcIdRef or vpcIdSelector to a VPC"),
		},
		"Error": {
			reason: "A failed create keeps AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"CreateRouteTable": apiError("RouteTableLimitExceeded")}},
			cr:     rt(noExternalName), calls: []string{"CreateRouteTable"},
			err: errors.Wrap(apiError("RouteTableLimitExceeded"), "cannot create route table in VPC vpc-0123"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region}).Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nCreate(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if len(tc.api.inputs) > 0 {
				want := &ec2.CreateRouteTableInput{VpcId: aws.String(vpcID), TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeRouteTable, Tags: []types.Tag{
					{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("tier"), Value: aws.String("public")}}}}}
				if diff := cmp.Diff(want, tc.api.inputs[0], cmpopts.IgnoreUnexported(ec2.CreateRouteTableInput{}, types.TagSpecification{}, types.Tag{})); diff != "" {
					t.Errorf("%s\nCreate(...) input: -want, +got:\n%s", tc.reason, diff)
				}
			}
			if got := meta.GetExternalName(tc.cr); got != tc.name {
				t.Errorf("%s\nCreate(...) external name: want %q, got %q", tc.reason, tc.name, got)
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
	observe := func(m ...func(*types.RouteTable)) *state {
		r := awsRT(m...)
		return fromRouteTable(&r)
	}
	id := aws.String(rtID)
	ignore := cmpopts.IgnoreUnexported(ec2.CreateRouteInput{}, ec2.ReplaceRouteInput{}, ec2.DeleteRouteInput{}, ec2.AssociateRouteTableInput{},
		ec2.DisassociateRouteTableInput{}, ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, types.Tag{})
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *state
		cr       *v1alpha1.RouteTable
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.", api: &fakeAPI{}, cr: rt(),
			want: want{err: errors.New("cannot update route table: it was not observed first")},
		},
		"NothingDiffers": {reason: "No writes when AWS matches the spec.", api: &fakeAPI{}, observed: observe(), cr: rt()},
		"OtherVPC": {
			reason: "An adopted table in another VPC cannot be fixed in place.", api: &fakeAPI{},
			observed: observe(func(r *types.RouteTable) { r.VpcId = aws.String("vpc-other") }), cr: rt(),
			want: want{err: errors.New("route table rtb-0123 is in VPC vpc-other, not vpc-0123: a route table cannot move, create a new RouteTable instead")},
		},
		"Routes": {
			reason: "A missing route is created, a changed target replaced, an extra route deleted.",
			api:    &fakeAPI{},
			observed: observe(func(r *types.RouteTable) {
				r.Routes = append(r.Routes, types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), NatGatewayId: aws.String("nat-1")},
					types.Route{DestinationCidrBlock: aws.String("100.64.0.0/10"), GatewayId: aws.String("igw-old")})
			}),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "100.64.0.0/10", GatewayID: aws.String(igwID)}, {DestinationCIDRBlock: "8.8.8.8/32", GatewayID: aws.String(igwID)}}
			}),
			want: want{calls: []string{"ReplaceRoute", "CreateRoute", "DeleteRoute", "DeleteRoute"}, inputs: []any{
				&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("100.64.0.0/10"), GatewayId: aws.String(igwID)},
				&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("8.8.8.8/32"), GatewayId: aws.String(igwID)},
				&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0")},
				&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("192.168.0.0/16")},
			}},
		},
		"NATRoutes": {
			reason:   "A NAT gateway target is created, or replaces a gateway target.",
			api:      &fakeAPI{},
			observed: observe(),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "0.0.0.0/0", NATGatewayID: aws.String("nat-1")}, {DestinationCIDRBlock: "10.9.0.0/16", NATGatewayID: aws.String("nat-1")}}
			}),
			want: want{calls: []string{"ReplaceRoute", "CreateRoute"}, inputs: []any{
				&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")},
				&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("10.9.0.0/16"), NatGatewayId: aws.String("nat-1")},
			}},
		},
		"NATRouteUpToDate": {
			reason: "A NAT route already in place needs no write.",
			api:    &fakeAPI{},
			observed: observe(func(r *types.RouteTable) {
				r.Routes[1] = types.Route{DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")}
			}),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.Routes = []v1alpha1.Route{{DestinationCIDRBlock: "0.0.0.0/0", NATGatewayID: aws.String("nat-1")}}
			}),
		},
		"UnresolvedGateway": {
			reason: "A route without a gateway ID yet is an error that says what to set.", api: &fakeAPI{}, observed: observe(),
			cr:   rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes[0].GatewayID = nil }),
			want: want{err: errors.New("cannot route 0.0.0.0/0 in route table rtb-0123: its target is not set yet; set gatewayId or natGatewayId, or a reference or selector to an InternetGateway or NATGateway")},
		},
		"CreateRouteError": {
			reason:   "A failed route creation keeps AWS's code.",
			api:      &fakeAPI{errs: map[string]error{"CreateRoute": apiError("InvalidGatewayID.NotFound")}},
			observed: observe(func(r *types.RouteTable) { r.Routes = r.Routes[:1] }),
			cr:       rt(),
			want: want{err: errors.Wrap(apiError("InvalidGatewayID.NotFound"), "cannot create route 0.0.0.0/0 to igw-0123 in route table rtb-0123"), calls: []string{"CreateRoute"},
				inputs: []any{&ec2.CreateRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}}},
		},
		"ReplaceRouteError": {
			reason:   "A failed replace is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"ReplaceRoute": apiError("X")}},
			observed: observe(func(r *types.RouteTable) { r.Routes[1].GatewayId = aws.String("igw-old") }),
			cr:       rt(),
			want: want{err: errors.Wrap(apiError("X"), "cannot replace route 0.0.0.0/0 with one to igw-0123 in route table rtb-0123"), calls: []string{"ReplaceRoute"},
				inputs: []any{&ec2.ReplaceRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}}},
		},
		"DeleteRouteError": {
			reason:   "A failed route deletion is returned with context; an already-gone route is fine.",
			api:      &fakeAPI{errs: map[string]error{"DeleteRoute": apiError("X")}},
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes = []v1alpha1.Route{} }),
			want: want{err: errors.Wrap(apiError("X"), "cannot delete route 0.0.0.0/0 from route table rtb-0123"), calls: []string{"DeleteRoute"},
				inputs: []any{&ec2.DeleteRouteInput{RouteTableId: id, DestinationCidrBlock: aws.String("0.0.0.0/0")}}},
		},
		"Subnets": {
			reason:   "A missing subnet is associated, an extra one disassociated; an already-gone association is fine.",
			api:      &fakeAPI{errs: map[string]error{"DisassociateRouteTable": apiError(errAssociationNotFound)}},
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.SubnetIDs = []string{"subnet-a", "subnet-c"} }),
			want: want{calls: []string{"AssociateRouteTable", "DisassociateRouteTable"}, inputs: []any{
				&ec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: aws.String("subnet-c")},
				&ec2.DisassociateRouteTableInput{AssociationId: aws.String("rtbassoc-b")},
			}},
		},
		"AssociateError": {
			reason:   "A subnet associated with another table keeps AWS's code.",
			api:      &fakeAPI{errs: map[string]error{"AssociateRouteTable": apiError("Resource.AlreadyAssociated")}},
			observed: observe(),
			cr: rt(func(r *v1alpha1.RouteTable) {
				r.Spec.ForProvider.SubnetIDs = []string{"subnet-a", "subnet-b", "subnet-c"}
			}),
			want: want{err: errors.Wrap(apiError("Resource.AlreadyAssociated"), "cannot associate subnet subnet-c with route table rtb-0123"), calls: []string{"AssociateRouteTable"},
				inputs: []any{&ec2.AssociateRouteTableInput{RouteTableId: id, SubnetId: aws.String("subnet-c")}}},
		},
		"DisassociateError": {
			reason:   "A failed disassociation is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"DisassociateRouteTable": apiError("X")}},
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.SubnetIDs = []string{"subnet-a"} }),
			want: want{err: errors.Wrap(apiError("X"), "cannot disassociate subnet subnet-b from route table rtb-0123"), calls: []string{"DisassociateRouteTable"},
				inputs: []any{&ec2.DisassociateRouteTableInput{AssociationId: aws.String("rtbassoc-b")}}},
		},
		"NotManaged": {
			reason:   "Omitted routes and subnets are never written.",
			api:      &fakeAPI{},
			observed: observe(func(r *types.RouteTable) { r.Routes, r.Associations = nil, nil }),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Routes, r.Spec.ForProvider.SubnetIDs = nil, nil }),
		},
		"Tags": {
			reason:   "Tags are synced; the identity tag stays.",
			api:      &fakeAPI{errs: map[string]error{"CreateTags": apiError("X")}},
			observed: observe(),
			cr:       rt(func(r *v1alpha1.RouteTable) { r.Spec.ForProvider.Tags = map[string]string{"tier": "edge"} }),
			want: want{err: errors.Wrap(errors.Wrap(apiError("X"), "cannot add tags"), "cannot update tags of route table rtb-0123"), calls: []string{"CreateTags"}, inputs: []any{
				&ec2.CreateTagsInput{Resources: []string{rtID}, Tags: []types.Tag{{Key: aws.String("tier"), Value: aws.String("edge")}}}}},
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
	withSubnets := func() *state { r := awsRT(); return fromRouteTable(&r) }
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *state
		want     error
		calls    []string
	}{
		"DisassociateThenDelete": {
			reason: "Subnets are disassociated before the table is deleted.", api: &fakeAPI{}, observed: withSubnets(),
			calls: []string{"DisassociateRouteTable", "DisassociateRouteTable", "DeleteRouteTable"},
		},
		"NotFound": {
			reason: "An already-gone table is success.", api: &fakeAPI{errs: map[string]error{"DeleteRouteTable": apiError(errNotFound)}},
			calls: []string{"DeleteRouteTable"},
		},
		"DisassociateFails": {
			reason: "A failed disassociation stops the delete, to be retried.", api: &fakeAPI{errs: map[string]error{"DisassociateRouteTable": apiError("X")}},
			observed: withSubnets(), calls: []string{"DisassociateRouteTable"},
			want: errors.Wrap(apiError("X"), "cannot disassociate subnet subnet-a from route table rtb-0123"),
		},
		"DependencyViolation": {
			reason: "A table still in use keeps AWS's code and message and says that the provider retries.",
			api:    &fakeAPI{errs: map[string]error{"DeleteRouteTable": apiError("DependencyViolation")}}, calls: []string{"DeleteRouteTable"},
			want: errors.Wrap(apiError("DependencyViolation"), "cannot delete route table rtb-0123: other resources still depend on it; the provider retries"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := rt()
			_, err := (&external{api: tc.api, region: region, observed: tc.observed}).Delete(context.Background(), cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nDelete(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if c := cr.GetCondition(xpv2.TypeReady); c.Reason != xpv2.ReasonDeleting {
				t.Errorf("%s\nDelete(...) Ready reason: want %s, got %s", tc.reason, xpv2.ReasonDeleting, c.Reason)
			}
		})
	}
}
