package natgateway

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
		Tags:                ec2fake.Tags("team", "net", tags.KeyManagedBy, identity)}
	for _, f := range m {
		f(&g)
	}
	return g
}

func describe(g ...types.NatGateway) map[string]any {
	return map[string]any{"DescribeNatGateways": &ec2.DescribeNatGatewaysOutput{NatGateways: g}}
}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.NATGateway, *types.NatGateway]{What: "NAT gateway", ID: natID, NotFound: ec2kit.CodeNATGatewayNotFound, New: func() *v1alpha1.NATGateway { return nat() },
	Client: func(api *ec2fake.API, o *types.NatGateway) mr.External[*v1alpha1.NATGateway] {
		return &external{api: api, observed: o}
	}}

type tcase = ec2fake.Case[*v1alpha1.NATGateway, *types.NatGateway]

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeNatGateways")
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.NATGateway]
	one := []string{"DescribeNatGateways"}
	ec2fake.Run(t, kind.Observe, map[string]tcase{
		"NoExternalNameAdoptsTagged": {
			Reason: "A gateway created before a crash is found by its identity tag; its ID is recorded and saved.",
			API:    ec2fake.New(describe(awsNAT()), nil), CR: nat(noExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: nat(withStatus("available", xpv2.Available()))},
		},
		"Deleted": {
			Reason: "A gateway AWS still shows as deleted does not exist.",
			API:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleted })), nil), CR: nat(),
			Want: want{Calls: one, CR: nat()},
		},
		"Available": {
			Reason: "An available gateway with the spec's tags is Ready and up to date.",
			API:    ec2fake.New(describe(awsNAT()), nil), CR: nat(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(withStatus("available", xpv2.Available()))},
		},
		"Pending": {
			Reason: "A pending gateway is Creating.",
			API:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStatePending })), nil), CR: nat(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(withStatus("pending", xpv2.Creating()))},
		},
		"Deleting": {
			Reason: "A deleting gateway still exists and is Deleting.",
			API:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleting })), nil), CR: nat(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(withStatus("deleting", xpv2.Deleting()))},
		},
		"Failed": {
			Reason: "A failed gateway is not Ready and says why and what to do.",
			API: ec2fake.New(describe(awsNAT(func(g *types.NatGateway) {
				g.State, g.FailureCode, g.FailureMessage = types.NatGatewayStateFailed, aws.String("Gateway.NotAttached"), aws.String("no internet gateway")
			})), nil),
			CR: nat(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: nat(func(n *v1alpha1.NATGateway) {
				n.Status.AtProvider = v1alpha1.NATGatewayObservation{NATGatewayID: natID, State: "failed", VPCID: vpcID, PublicIP: "203.0.113.10", PrivateIP: "10.0.1.5",
					FailureCode: "Gateway.NotAttached", FailureMessage: "no internet gateway"}
				n.SetConditions(xpv2.Unavailable().WithMessage("the NAT gateway failed: Gateway.NotAttached: no internet gateway; delete it and create a new one"))
			})},
		},
		"LateInitialize": {
			Reason: "Subnet, allocation, connectivity type and tags are late-initialized (the region is mr's).",
			API:    ec2fake.New(describe(awsNAT()), nil), CR: nat(func(n *v1alpha1.NATGateway) { n.Spec.ForProvider = v1alpha1.NATGatewayParameters{} }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: nat(withStatus("available", xpv2.Available()), func(n *v1alpha1.NATGateway) { n.Spec.ForProvider.Region = nil })},
		},
		"TagDrift": {
			Reason: "A tag removed out of band is drift.",
			API:    ec2fake.New(describe(awsNAT(func(g *types.NatGateway) { g.Tags = g.Tags[1:] })), nil), CR: nat(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: nat(withStatus("available", xpv2.Available()))},
		},
	})
}

func TestCreate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.NATGateway]
	input := &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID), ClientToken: aws.String("uid-1"),
		ConnectivityType:  types.ConnectivityTypePublic,
		TagSpecifications: ec2fake.TagSpecs(types.ResourceTypeNatgateway, tags.KeyManagedBy, identity, "team", "net")}
	ec2fake.Run(t, kind.Create, map[string]tcase{
		"Success": {
			Reason: "CreateNatGateway carries the identity tag and the UID as client token; the ID becomes the external name.",
			API:    ec2fake.New(map[string]any{"CreateNatGateway": &ec2.CreateNatGatewayOutput{NatGateway: &types.NatGateway{NatGatewayId: aws.String(natID)}}}, nil),
			CR:     nat(noExternalName),
			Want:   want{Calls: []string{"CreateNatGateway"}, Inputs: []any{input}, CR: nat(creating)},
		},
		"NoSubnet": {
			Reason: "Without a resolved subnet nothing is created.", API: ec2fake.New(nil, nil),
			CR: nat(noExternalName, noSubnet),
			Want: want{Err: errors.New("cannot create NAT gateway: spec.forProvider.subnetId is not set; set it, or subnetIdRef or subnetIdSelector to a Subnet"),
				CR: nat(noExternalName, noSubnet)},
		},
		"Error": {
			Reason: "A failed create keeps AWS's code.",
			API:    ec2fake.Fails("CreateNatGateway", "InvalidAllocationID.NotFound"),
			CR:     nat(noExternalName),
			Want: want{Err: errors.Wrap(ec2fake.Err("InvalidAllocationID.NotFound"), "cannot create NAT gateway in subnet subnet-0123"),
				Calls: []string{"CreateNatGateway"}, Inputs: []any{input}, CR: nat(noExternalName)},
		},
	})
}

func TestNotObserved(t *testing.T) { kind.TestNotObserved(t) }

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.NATGateway]
	g := awsNAT()
	untagged := awsNAT(func(g *types.NatGateway) { g.Tags = g.Tags[1:] })
	addTeam := []any{&ec2.CreateTagsInput{Resources: []string{natID}, Tags: ec2fake.Tags("team", "net")}}
	ec2fake.Run(t, kind.Update, map[string]tcase{
		"NothingDiffers": {Reason: "No writes when the tags match.", API: ec2fake.New(nil, nil), CR: nat(), Observed: &g},
		"Tags": {Reason: "Missing tags are added.", API: ec2fake.New(nil, nil), CR: nat(), Observed: &untagged,
			Want: want{Calls: []string{"CreateTags"}, Inputs: addTeam}},
		"TagsError": {Reason: "A failed tag change is returned with context.", API: ec2fake.Fails("CreateTags", "X"), CR: nat(), Observed: &untagged,
			Want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of NAT gateway nat-0123"),
				Calls: []string{"CreateTags"}, Inputs: addTeam}},
	})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteNatGateway", &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(natID)})
}

// TestDeleteOnce covers a gateway AWS is deleting already: not asked again.
func TestDeleteOnce(t *testing.T) {
	inDeletion := awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleting })
	ec2fake.Run(t, kind.Delete, map[string]tcase{
		"AlreadyAsked": {Reason: "A gateway already deleting is not asked again.", API: ec2fake.New(nil, nil), Observed: &inDeletion, CR: nat(),
			Want: ec2fake.Want[*v1alpha1.NATGateway]{CR: nat(deleting)}},
	})
}
