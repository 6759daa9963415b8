package internetgateway

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
	igwID    = "igw-0123"
	vpcID    = "vpc-0123"
	region   = "eu-west-1"
	owner    = "123456789012"
	arn      = "arn:aws:ec2:eu-west-1:123456789012:internet-gateway/igw-0123"
	identity = "default/gw/uid-1"
)

type modifier func(*v1alpha1.InternetGateway)

func igw(m ...modifier) *v1alpha1.InternetGateway {
	g := &v1alpha1.InternetGateway{ObjectMeta: metav1.ObjectMeta{Name: "gw", Namespace: "default", UID: "uid-1"}}
	meta.SetExternalName(g, igwID)
	g.Spec.ForProvider = v1alpha1.InternetGatewayParameters{Region: aws.String(region), VPCID: aws.String(vpcID), Tags: map[string]string{"team": "net"}}
	for _, f := range m {
		f(g)
	}
	return g
}

func noExternalName(g *v1alpha1.InternetGateway) { meta.SetExternalName(g, "") }

func creating(g *v1alpha1.InternetGateway) { g.SetConditions(xpv2.Creating()) }

func deleting(g *v1alpha1.InternetGateway) { g.SetConditions(xpv2.Deleting()) }

func withStatus(vpc, state string, ready bool) modifier {
	return func(g *v1alpha1.InternetGateway) {
		g.Status.AtProvider = v1alpha1.InternetGatewayObservation{InternetGatewayID: igwID, ARN: arn, OwnerID: owner, AttachedVPCID: vpc, AttachmentState: state}
		if ready {
			g.SetConditions(xpv2.Available())
		} else {
			g.SetConditions(xpv2.Creating())
		}
	}
}

func awsIGW(m ...func(*types.InternetGateway)) types.InternetGateway {
	g := types.InternetGateway{
		InternetGatewayId: aws.String(igwID), OwnerId: aws.String(owner),
		Attachments: []types.InternetGatewayAttachment{{VpcId: aws.String(vpcID), State: types.AttachmentStatus("available")}},
		Tags:        []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}, {Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}},
	}
	for _, f := range m {
		f(&g)
	}
	return g
}

func detached(g *types.InternetGateway) { g.Attachments = nil }

func describe(g ...types.InternetGateway) map[string]any {
	return map[string]any{"DescribeInternetGateways": &ec2.DescribeInternetGatewaysOutput{InternetGateways: g}}
}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.InternetGateway]{What: "internet gateway", ID: igwID, NotFound: ec2kit.CodeInternetGatewayNotFound, New: func() *v1alpha1.InternetGateway { return igw() }}

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeInternetGateways", func(api *ec2fake.API, cr *v1alpha1.InternetGateway) (managed.ExternalObservation, error) {
		return (&external{api: api, region: region}).Observe(context.Background(), cr)
	})
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.InternetGateway]
	one := []string{"DescribeInternetGateways"}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.InternetGateway
		want   want
	}{
		"NoExternalNameAdoptsTagged": {
			reason: "A gateway created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    ec2fake.New(describe(awsIGW()), nil),
			cr:     igw(noExternalName),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: igw(withStatus(vpcID, "available", true))},
		},
		"AttachedUpToDate": {
			reason: "A gateway attached as the spec says is Ready and up to date.",
			api:    ec2fake.New(describe(awsIGW()), nil),
			cr:     igw(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one,
				CR: igw(withStatus(vpcID, "available", true))},
		},
		"NotAttachedYet": {
			reason: "A detached gateway whose spec names a VPC is out of date and not Ready.",
			api:    ec2fake.New(describe(awsIGW(detached)), nil),
			cr:     igw(),
			want:   want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: igw(withStatus("", "", false))},
		},
		"DetachedWanted": {
			reason: "A detached gateway without a VPC in the spec is Ready; detached attachments do not count; tags late-initialize.",
			api: ec2fake.New(describe(awsIGW(func(g *types.InternetGateway) {
				g.Attachments = []types.InternetGatewayAttachment{{VpcId: aws.String("vpc-old"), State: types.AttachmentStatusDetached}}
			})), nil),
			cr: igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider = v1alpha1.InternetGatewayParameters{} }),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: igw(withStatus("", "", true), func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.VPCID, g.Spec.ForProvider.Region = nil, nil })},
		},
		"TagDrift": {
			reason: "A tag removed out of band is drift.",
			api:    ec2fake.New(describe(awsIGW(func(g *types.InternetGateway) { g.Tags = g.Tags[1:] })), nil),
			cr:     igw(),
			want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one,
				CR: igw(withStatus(vpcID, "available", true))},
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
	input := &ec2.CreateInternetGatewayInput{TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeInternetGateway, Tags: []types.Tag{
		{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}}}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		want   ec2fake.Want[*v1alpha1.InternetGateway]
	}{
		"Success": {
			reason: "The ID of the new gateway becomes the external name.",
			api:    ec2fake.New(map[string]any{"CreateInternetGateway": &ec2.CreateInternetGatewayOutput{InternetGateway: &types.InternetGateway{InternetGatewayId: aws.String(igwID)}}}, nil),
			want:   ec2fake.Want[*v1alpha1.InternetGateway]{Calls: []string{"CreateInternetGateway"}, Inputs: []any{input}, CR: igw(creating)},
		},
		"Error": {
			reason: "A failed create keeps AWS's code.",
			api:    ec2fake.New(nil, map[string]error{"CreateInternetGateway": ec2fake.Err("InternetGatewayLimitExceeded")}),
			want: ec2fake.Want[*v1alpha1.InternetGateway]{Err: errors.Wrap(ec2fake.Err("InternetGatewayLimitExceeded"), "cannot create internet gateway"),
				Calls: []string{"CreateInternetGateway"}, Inputs: []any{input}, CR: igw(noExternalName)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := igw(noExternalName)
			_, err := (&external{api: tc.api, region: region}).Create(context.Background(), cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, cr,
				cmpopts.IgnoreUnexported(ec2.CreateInternetGatewayInput{}, types.TagSpecification{}, types.Tag{}))
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.InternetGateway]
	attachedTo := func(vpc string) *state {
		s := &state{Tags: map[string]string{"team": "net", tags.KeyManagedBy: identity}}
		if vpc != "" {
			s.VPCID = aws.String(vpc)
		}
		return s
	}
	id := aws.String(igwID)
	ignore := cmpopts.IgnoreUnexported(ec2.AttachInternetGatewayInput{}, ec2.DetachInternetGatewayInput{}, ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, types.Tag{})
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *state
		cr       *v1alpha1.InternetGateway
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.",
			api:    ec2fake.New(nil, nil),
			cr:     igw(),
			want:   want{Err: mr.NotObserved("internet gateway")},
		},
		"NothingDiffers": {reason: "No writes when AWS matches the spec.", api: ec2fake.New(nil, nil), observed: attachedTo(vpcID), cr: igw()},
		"Attach": {
			reason:   "A detached gateway is attached.",
			api:      ec2fake.New(nil, nil),
			observed: attachedTo(""),
			cr:       igw(),
			want: want{Calls: []string{"AttachInternetGateway"}, Inputs: []any{
				&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"MoveVPC": {
			reason:   "Changing the VPC detaches from the old one, then attaches to the new one.",
			api:      ec2fake.New(nil, nil),
			observed: attachedTo("vpc-old"),
			cr:       igw(),
			want: want{Calls: []string{"DetachInternetGateway", "AttachInternetGateway"}, Inputs: []any{
				&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")},
				&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"Detach": {
			reason:   "Without a VPC in the spec, the gateway is detached; an already detached one is fine.",
			api:      ec2fake.New(nil, map[string]error{"DetachInternetGateway": ec2fake.Err(ec2kit.CodeGatewayNotAttached)}),
			observed: attachedTo(vpcID),
			cr:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.VPCID = nil }),
			want: want{Calls: []string{"DetachInternetGateway"}, Inputs: []any{
				&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"DetachDependencyViolation": {
			reason:   "A detach AWS refuses while public addresses exist says so and is retried.",
			api:      ec2fake.New(nil, map[string]error{"DetachInternetGateway": ec2fake.Err("DependencyViolation")}),
			observed: attachedTo("vpc-old"),
			cr:       igw(),
			want: want{Err: errors.Wrap(ec2fake.Err("DependencyViolation"), "cannot detach internet gateway igw-0123 from VPC vpc-old: resources in the VPC still use it; the provider retries"),
				Calls: []string{"DetachInternetGateway"}, Inputs: []any{&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")}}},
		},
		"DetachError": {
			reason:   "Other detach errors are returned with context.",
			api:      ec2fake.New(nil, map[string]error{"DetachInternetGateway": ec2fake.Err("X")}),
			observed: attachedTo("vpc-old"),
			cr:       igw(),
			want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot detach internet gateway igw-0123 from VPC vpc-old"),
				Calls: []string{"DetachInternetGateway"}, Inputs: []any{&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")}}},
		},
		"AttachError": {
			reason:   "A VPC that already has a gateway keeps AWS's code.",
			api:      ec2fake.New(nil, map[string]error{"AttachInternetGateway": ec2fake.Err("Resource.AlreadyAssociated")}),
			observed: attachedTo(""),
			cr:       igw(),
			want: want{Err: errors.Wrap(ec2fake.Err("Resource.AlreadyAssociated"), "cannot attach internet gateway igw-0123 to VPC vpc-0123"),
				Calls: []string{"AttachInternetGateway"}, Inputs: []any{&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"Tags": {
			reason:   "Tags are synced; the identity tag stays.",
			api:      ec2fake.New(nil, nil),
			observed: attachedTo(vpcID),
			cr:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.Tags = map[string]string{} }),
			want: want{Calls: []string{"DeleteTags"}, Inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{igwID}, Tags: []types.Tag{{Key: aws.String("team")}}}}},
		},
		"TagsError": {
			reason:   "A failed tag change is returned with context.",
			api:      ec2fake.New(nil, map[string]error{"DeleteTags": ec2fake.Err("X")}),
			observed: attachedTo(vpcID),
			cr:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.Tags = map[string]string{} }),
			want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot remove tags"), "cannot update tags of internet gateway igw-0123"),
				Calls: []string{"DeleteTags"}, Inputs: []any{&ec2.DeleteTagsInput{Resources: []string{igwID}, Tags: []types.Tag{{Key: aws.String("team")}}}}},
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
	kind.TestDelete(t, "DeleteInternetGateway", &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(igwID)}, func(api *ec2fake.API, cr *v1alpha1.InternetGateway) error {
		_, err := (&external{api: api, region: region, observed: &state{}}).Delete(context.Background(), cr)
		return err
	}, cmpopts.IgnoreUnexported(ec2.DeleteInternetGatewayInput{}))
}

// TestDeleteDetaches covers the gateways that are attached: detached first.
func TestDeleteDetaches(t *testing.T) {
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed *state
		want     error
		calls    []string
	}{
		"DetachThenDelete": {
			reason: "An attached gateway is detached before it is deleted.", api: ec2fake.New(nil, nil),
			observed: &state{VPCID: aws.String(vpcID)}, calls: []string{"DetachInternetGateway", "DeleteInternetGateway"},
		},
		"DetachFails": {
			reason: "A failed detach stops the delete, to be retried.", api: ec2fake.New(nil, map[string]error{"DetachInternetGateway": ec2fake.Err("DependencyViolation")}),
			observed: &state{VPCID: aws.String(vpcID)}, calls: []string{"DetachInternetGateway"},
			want: errors.Wrap(ec2fake.Err("DependencyViolation"), "cannot detach internet gateway igw-0123 from VPC vpc-0123: resources in the VPC still use it; the provider retries"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := igw()
			_, err := (&external{api: tc.api, region: region, observed: tc.observed}).Delete(context.Background(), cr)
			ec2fake.Check(t, tc.reason, tc.api, ec2fake.Want[*v1alpha1.InternetGateway]{Err: tc.want, Calls: tc.calls, CR: igw(deleting)}, managed.ExternalObservation{}, err, cr)
		})
	}
}
