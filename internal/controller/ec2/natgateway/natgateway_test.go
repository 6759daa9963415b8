package natgateway

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

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.NATGateway
	}
	one := []string{"DescribeNatGateways"}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.NATGateway
		want   want
	}{
		"NoExternalNameNothingTagged": {
			reason: "Without an ID, a gateway carrying the identity tag is looked for; none means it does not exist.",
			api:    &fakeAPI{out: describe()}, cr: nat(noExternalName),
			want: want{calls: one, cr: nat(noExternalName)},
		},
		"IdentityFilterIgnored": {
			reason: "A gateway without the identity tag is never adopted (moto ignores the tag filter of DescribeNatGateways).",
			api:    &fakeAPI{out: describe(awsNAT(func(g *types.NatGateway) { g.Tags = g.Tags[:1] }))}, cr: nat(noExternalName),
			want: want{calls: one, cr: nat(noExternalName)},
		},
		"NoExternalNameAdoptsTagged": {
			reason: "A gateway created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    &fakeAPI{out: describe(awsNAT())}, cr: nat(noExternalName),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: nat(withStatus("available", xpv2.Available()))},
		},
		"IdentityLookupError": {
			reason: "An error of the identity-tag lookup is returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DescribeNatGateways": apiError("X")}}, cr: nat(noExternalName),
			want: want{err: errors.Wrap(apiError("X"), "cannot look up NAT gateway by its identity tag"), calls: one, cr: nat(noExternalName)},
		},
		"NotFound": {
			reason: "NatGatewayNotFound means the gateway does not exist.",
			api:    &fakeAPI{errs: map[string]error{"DescribeNatGateways": apiError("NatGatewayNotFound")}}, cr: nat(),
			want: want{calls: one, cr: nat()},
		},
		"Deleted": {
			reason: "A gateway AWS still shows as deleted does not exist.",
			api:    &fakeAPI{out: describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleted }))}, cr: nat(),
			want: want{calls: one, cr: nat()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"DescribeNatGateways": apiError("X")}}, cr: nat(),
			want: want{err: errors.Wrap(apiError("X"), "cannot get NAT gateway nat-0123"), calls: one, cr: nat()},
		},
		"Available": {
			reason: "An available gateway with the spec's tags is Ready and up to date.",
			api:    &fakeAPI{out: describe(awsNAT())}, cr: nat(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: nat(withStatus("available", xpv2.Available()))},
		},
		"Pending": {
			reason: "A pending gateway is Creating.",
			api:    &fakeAPI{out: describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStatePending }))}, cr: nat(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: nat(withStatus("pending", xpv2.Creating()))},
		},
		"Deleting": {
			reason: "A deleting gateway still exists and is Deleting.",
			api:    &fakeAPI{out: describe(awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleting }))}, cr: nat(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: nat(withStatus("deleting", xpv2.Deleting()))},
		},
		"Failed": {
			reason: "A failed gateway is not Ready and says why and what to do.",
			api: &fakeAPI{out: describe(awsNAT(func(g *types.NatGateway) {
				g.State, g.FailureCode, g.FailureMessage = types.NatGatewayStateFailed, aws.String("Gateway.NotAttached"), aws.String("no internet gateway")
			}))},
			cr: nat(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: nat(func(n *v1alpha1.NATGateway) {
				n.Status.AtProvider = v1alpha1.NATGatewayObservation{NATGatewayID: natID, State: "failed", VPCID: vpcID, PublicIP: "203.0.113.10", PrivateIP: "10.0.1.5",
					FailureCode: "Gateway.NotAttached", FailureMessage: "no internet gateway"}
				n.SetConditions(xpv2.Unavailable().WithMessage("the NAT gateway failed: Gateway.NotAttached: no internet gateway; delete it and create a new one"))
			})},
		},
		"LateInitialize": {
			reason: "Region, subnet, allocation, connectivity type and tags are late-initialized.",
			api:    &fakeAPI{out: describe(awsNAT())}, cr: nat(func(n *v1alpha1.NATGateway) { n.Spec.ForProvider = v1alpha1.NATGatewayParameters{} }),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: nat(withStatus("available", xpv2.Available()))},
		},
		"TagDrift": {
			reason: "A tag removed out of band is drift.",
			api:    &fakeAPI{out: describe(awsNAT(func(g *types.NatGateway) { g.Tags = g.Tags[1:] }))}, cr: nat(),
			want: want{o: managed.ExternalObservation{ResourceExists: true}, calls: one, cr: nat(withStatus("available", xpv2.Available()))},
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
	_, _ = (&external{api: f, region: region}).Observe(context.Background(), nat(noExternalName))
	wantIn := &ec2.DescribeNatGatewaysInput{Filter: shared.IdentityFilter(nat())}
	if diff := cmp.Diff(wantIn, f.inputs[0], cmpopts.IgnoreUnexported(ec2.DescribeNatGatewaysInput{}, types.Filter{})); diff != "" {
		t.Errorf("identity lookup input: -want, +got:\n%s", diff)
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.NATGateway
		err    error
		name   string
		calls  []string
	}{
		"Success": {
			reason: "CreateNatGateway carries the identity tag and the UID as client token; the ID becomes the external name.",
			api:    &fakeAPI{out: map[string]any{"CreateNatGateway": &ec2.CreateNatGatewayOutput{NatGateway: &types.NatGateway{NatGatewayId: aws.String(natID)}}}},
			cr:     nat(noExternalName), name: natID, calls: []string{"CreateNatGateway"},
		},
		"NoSubnet": {
			reason: "Without a resolved subnet nothing is created.", api: &fakeAPI{},
			cr:  nat(noExternalName, func(n *v1alpha1.NATGateway) { n.Spec.ForProvider.SubnetID = nil }),
			err: errors.New("cannot create NAT gateway: spec.forProvider.subnetId is not set; set it, or subnetIdRef or subnetIdSelector to a Subnet"),
		},
		"Error": {
			reason: "A failed create keeps AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"CreateNatGateway": apiError("InvalidAllocationID.NotFound")}},
			cr:     nat(noExternalName), calls: []string{"CreateNatGateway"},
			err: errors.Wrap(apiError("InvalidAllocationID.NotFound"), "cannot create NAT gateway in subnet subnet-0123"),
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
				want := &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID), ClientToken: aws.String("uid-1"),
					ConnectivityType: types.ConnectivityTypePublic,
					TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeNatgateway, Tags: []types.Tag{
						{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}}}
				if diff := cmp.Diff(want, tc.api.inputs[0], cmpopts.IgnoreUnexported(ec2.CreateNatGatewayInput{}, types.TagSpecification{}, types.Tag{})); diff != "" {
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
	g := awsNAT()
	untagged := awsNAT(func(g *types.NatGateway) { g.Tags = g.Tags[1:] })
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *types.NatGateway
		err      error
		calls    []string
	}{
		"NotObserved":    {reason: "Update needs what Observe read.", api: &fakeAPI{}, err: errors.New("cannot update NAT gateway: it was not observed first")},
		"NothingDiffers": {reason: "No writes when the tags match.", api: &fakeAPI{}, observed: &g},
		"Tags":           {reason: "Missing tags are added.", api: &fakeAPI{}, observed: &untagged, calls: []string{"CreateTags"}},
		"TagsError": {reason: "A failed tag change is returned with context.", api: &fakeAPI{errs: map[string]error{"CreateTags": apiError("X")}}, observed: &untagged,
			calls: []string{"CreateTags"}, err: errors.Wrap(errors.Wrap(apiError("X"), "cannot add tags"), "cannot update tags of NAT gateway nat-0123")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region, observed: tc.observed}).Update(context.Background(), nat())
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nUpdate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nUpdate(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	deleting := awsNAT(func(g *types.NatGateway) { g.State = types.NatGatewayStateDeleting })
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *types.NatGateway
		want     error
		calls    []string
	}{
		"Success":      {reason: "A delete request is sent once.", api: &fakeAPI{}, calls: []string{"DeleteNatGateway"}},
		"AlreadyAsked": {reason: "A gateway already deleting is not asked again.", api: &fakeAPI{}, observed: &deleting},
		"NotFound": {reason: "An already-gone gateway is success.", api: &fakeAPI{errs: map[string]error{"DeleteNatGateway": apiError("NatGatewayNotFound")}},
			calls: []string{"DeleteNatGateway"}},
		"DependencyViolation": {
			reason: "A refused delete keeps AWS's code and says that the provider retries.",
			api:    &fakeAPI{errs: map[string]error{"DeleteNatGateway": apiError("DependencyViolation")}}, calls: []string{"DeleteNatGateway"},
			want: errors.Wrap(apiError("DependencyViolation"), "cannot delete NAT gateway nat-0123: other resources still depend on it; the provider retries"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := nat()
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
