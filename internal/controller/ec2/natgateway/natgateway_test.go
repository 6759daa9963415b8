package natgateway

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
	natID    = "nat-0123"
	subnetID = "subnet-0123"
	allocID  = "eipalloc-0123"
	vpcID    = "vpc-0123"
	region   = "eu-west-1"
	identity = "default/nat/uid-1"
)

type modifier func(*v1alpha1.NATGateway)

func nat(m ...modifier) *v1alpha1.NATGateway {
	n := &v1alpha1.NATGateway{ObjectMeta: metav1.ObjectMeta{Name: "nat", Namespace: "default", UID: "uid-1"}}
	meta.SetExternalName(n, natID)
	n.Spec.ForProvider = v1alpha1.NATGatewayParameters{Region: aws.String(region), SubnetID: aws.String(subnetID), AllocationID: aws.String(allocID),
		ConnectivityType: "public", Tags: map[string]string{"team": "net"}}
	for _, f := range m {
		f(n)
	}
	return n
}

func noExternalName(n *v1alpha1.NATGateway) { meta.SetExternalName(n, "") }

func noSubnet(n *v1alpha1.NATGateway) { n.Spec.ForProvider.SubnetID = nil }

func creating(n *v1alpha1.NATGateway) { n.SetConditions(xpv2.Creating()) }

func deleting(n *v1alpha1.NATGateway) { n.SetConditions(xpv2.Deleting()) }

func withStatus(state string, c xpv2.Condition) modifier {
	return func(n *v1alpha1.NATGateway) {
		n.Status.AtProvider = v1alpha1.NATGatewayObservation{NATGatewayID: natID, State: state, VPCID: vpcID, PublicIP: "203.0.113.10", PrivateIP: "10.0.1.5"}
		n.SetConditions(c)
	}
}

func awsNAT(m ...func(*types.NatGateway)) types.NatGateway {
	g := types.NatGateway{NatGatewayId: aws.String(natID), State: types.NatGatewayStateAvailable, SubnetId: aws.String(subnetID), VpcId: aws.String(vpcID),
		ConnectivityType:    types.ConnectivityTypePublic,
		NatGatewayAddresses: []types.NatGatewayAddress{{AllocationId: aws.String(allocID), PublicIp: aws.String("203.0.113.10"), PrivateIp: aws.String("10.0.1.5")}},
		Tags:                []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}, {Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}}}
	for _, f := range m {
		f(&g)
	}
	return g
}

func describe(g ...types.NatGateway) map[string]any {
	return map[string]any{"DescribeNatGateways": &ec2.DescribeNatGatewaysOutput{NatGateways: g}}
}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.NATGateway]{What: "NAT gateway", ID: natID, NotFound: ec2kit.CodeNATGatewayNotFound, New: func() *v1alpha1.NATGateway { return nat() }}

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeNatGateways", func(api *ec2fake.API, cr *v1alpha1.NATGateway) (managed.ExternalObservation, error) {
		return (&external{api: api}).Observe(context.Background(), cr)
	})
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.NATGateway]
	one := []string{"DescribeNatGateways"}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.NATGateway
		want   want
	}{
		"NoExternalNameAdoptsTagged": {
			reason: "A gateway created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    ec2fake.New(describe(awsNAT()), nil), cr: nat(noExternalName),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: nat(withStatus("available", xpv2.Available()))},
		},
		"Deleted": {
			reason: "A gateway AWS still shows as deleted does not exist.",
			api:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleted })), nil), cr: nat(),
			want: want{Calls: one, CR: nat()},
		},
		"Available": {
			reason: "An available gateway with the spec's tags is Ready and up to date.",
			api:    ec2fake.New(describe(awsNAT()), nil), cr: nat(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(withStatus("available", xpv2.Available()))},
		},
		"Pending": {
			reason: "A pending gateway is Creating.",
			api:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStatePending })), nil), cr: nat(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(withStatus("pending", xpv2.Creating()))},
		},
		"Deleting": {
			reason: "A deleting gateway still exists and is Deleting.",
			api:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleting })), nil), cr: nat(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(withStatus("deleting", xpv2.Deleting()))},
		},
		"Failed": {
			reason: "A failed gateway is not Ready and says why and what to do.",
			api: ec2fake.New(describe(awsNAT(func(g *types.NatGateway) {
				g.State, g.FailureCode, g.FailureMessage = types.NatGatewayStateFailed, aws.String("Gateway.NotAttached"), aws.String("no internet gateway")
			})), nil),
			cr: nat(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(func(n *v1alpha1.NATGateway) {
				n.Status.AtProvider = v1alpha1.NATGatewayObservation{NATGatewayID: natID, State: "failed", VPCID: vpcID, PublicIP: "203.0.113.10", PrivateIP: "10.0.1.5",
					FailureCode: "Gateway.NotAttached", FailureMessage: "no internet gateway"}
				n.SetConditions(xpv2.Unavailable().WithMessage("the NAT gateway failed: Gateway.NotAttached: no internet gateway; delete it and create a new one"))
			})},
		},
		"LateInitialize": {
			reason: "Subnet, allocation, connectivity type and tags are late-initialized (the region is mr's).",
			api:    ec2fake.New(describe(awsNAT()), nil), cr: nat(func(n *v1alpha1.NATGateway) { n.Spec.ForProvider = v1alpha1.NATGatewayParameters{} }),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: nat(withStatus("available", xpv2.Available()), func(n *v1alpha1.NATGateway) { n.Spec.ForProvider.Region = nil })},
		},
		"TagDrift": {
			reason: "A tag removed out of band is drift.",
			api:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.Tags = g.Tags[1:] })), nil), cr: nat(),
			want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: nat(withStatus("available", xpv2.Available()))},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, o, err, tc.cr)
		})
	}

}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.NATGateway]
	input := &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID), ClientToken: aws.String("uid-1"),
		ConnectivityType: types.ConnectivityTypePublic,
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeNatgateway, Tags: []types.Tag{
			{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}}}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.NATGateway
		want   want
	}{
		"Success": {
			reason: "CreateNatGateway carries the identity tag and the UID as client token; the ID becomes the external name.",
			api:    ec2fake.New(map[string]any{"CreateNatGateway": &ec2.CreateNatGatewayOutput{NatGateway: &types.NatGateway{NatGatewayId: aws.String(natID)}}}, nil),
			cr:     nat(noExternalName),
			want:   want{Calls: []string{"CreateNatGateway"}, Inputs: []any{input}, CR: nat(creating)},
		},
		"NoSubnet": {
			reason: "Without a resolved subnet nothing is created.", api: ec2fake.New(nil, nil),
			cr: nat(noExternalName, noSubnet),
			want: want{Err: errors.New("cannot create NAT gateway: spec.forProvider.subnetId is not set; set it, or subnetIdRef or subnetIdSelector to a Subnet"),
				CR: nat(noExternalName, noSubnet)},
		},
		"Error": {
			reason: "A failed create keeps AWS's code.",
			api:    ec2fake.New(nil, map[string]error{"CreateNatGateway": ec2fake.Err("InvalidAllocationID.NotFound")}),
			cr:     nat(noExternalName),
			want: want{Err: errors.Wrap(ec2fake.Err("InvalidAllocationID.NotFound"), "cannot create NAT gateway in subnet subnet-0123"),
				Calls: []string{"CreateNatGateway"}, Inputs: []any{input}, CR: nat(noExternalName)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, tc.cr,
				cmpopts.IgnoreUnexported(ec2.CreateNatGatewayInput{}, types.TagSpecification{}, types.Tag{}))
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.NATGateway]
	g := awsNAT()
	untagged := awsNAT(func(g *types.NatGateway) { g.Tags = g.Tags[1:] })
	addTeam := []any{&ec2.CreateTagsInput{Resources: []string{natID}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}}}}
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *types.NatGateway
		want     want
	}{
		"NotObserved":    {reason: "Update needs what Observe read.", api: ec2fake.New(nil, nil), want: want{Err: mr.NotObserved("NAT gateway")}},
		"NothingDiffers": {reason: "No writes when the tags match.", api: ec2fake.New(nil, nil), observed: &g},
		"Tags": {reason: "Missing tags are added.", api: ec2fake.New(nil, nil), observed: &untagged,
			want: want{Calls: []string{"CreateTags"}, Inputs: addTeam}},
		"TagsError": {reason: "A failed tag change is returned with context.", api: ec2fake.New(nil, map[string]error{"CreateTags": ec2fake.Err("X")}), observed: &untagged,
			want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of NAT gateway nat-0123"),
				Calls: []string{"CreateTags"}, Inputs: addTeam}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, observed: tc.observed}).Update(context.Background(), nat())
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, nil, cmpopts.IgnoreUnexported(ec2.CreateTagsInput{}, types.Tag{}))
		})
	}
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteNatGateway", &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(natID)}, func(api *ec2fake.API, cr *v1alpha1.NATGateway) error {
		_, err := (&external{api: api}).Delete(context.Background(), cr)
		return err
	}, cmpopts.IgnoreUnexported(ec2.DeleteNatGatewayInput{}))
}

// TestDeleteOnce covers a gateway AWS is deleting already: not asked again.
func TestDeleteOnce(t *testing.T) {
	inDeletion := awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleting })
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *types.NatGateway
		want     error
		calls    []string
	}{
		"AlreadyAsked": {reason: "A gateway already deleting is not asked again.", api: ec2fake.New(nil, nil), observed: &inDeletion},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := nat()
			_, err := (&external{api: tc.api, observed: tc.observed}).Delete(context.Background(), cr)
			ec2fake.Check(t, tc.reason, tc.api, ec2fake.Want[*v1alpha1.NATGateway]{Err: tc.want, Calls: tc.calls, CR: nat(deleting)}, managed.ExternalObservation{}, err, cr)
		})
	}
}
