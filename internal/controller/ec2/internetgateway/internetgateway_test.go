package internetgateway

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
		Tags:        ec2fake.Tags("team", "net", tags.KeyManagedBy, identity),
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
var kind = ec2fake.Kind[*v1alpha1.InternetGateway, *state]{What: "internet gateway", ID: igwID, NotFound: ec2kit.CodeInternetGatewayNotFound, New: func() *v1alpha1.InternetGateway { return igw() },
	Client: func(api *ec2fake.API, o *state) mr.External[*v1alpha1.InternetGateway] {
		return &external{api: api, region: region, observed: o}
	}}

type tcase = ec2fake.Case[*v1alpha1.InternetGateway, *state]

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeInternetGateways")
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.InternetGateway]
	one := []string{"DescribeInternetGateways"}
	ec2fake.Run(t, kind.Observe, map[string]tcase{
		"NoExternalNameAdoptsTagged": {
			Reason: "A gateway created before a crash is found by its identity tag; its ID is recorded and saved.",
			API:    ec2fake.New(describe(awsIGW()), nil),
			CR:     igw(noExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: one, CR: igw(withStatus(vpcID, "available", true))},
		},
		"AttachedUpToDate": {
			Reason: "A gateway attached as the spec says is Ready and up to date.",
			API:    ec2fake.New(describe(awsIGW()), nil),
			CR:     igw(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one,
				CR: igw(withStatus(vpcID, "available", true))},
		},
		"NotAttachedYet": {
			Reason: "A detached gateway whose spec names a VPC is out of date and not Ready.",
			API:    ec2fake.New(describe(awsIGW(detached)), nil),
			CR:     igw(),
			Want:   want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: igw(withStatus("", "", false))},
		},
		"DetachedWanted": {
			Reason: "A detached gateway without a VPC in the spec is Ready; detached attachments do not count; tags late-initialize.",
			API: ec2fake.New(describe(awsIGW(func(g *types.InternetGateway) {
				g.Attachments = []types.InternetGatewayAttachment{{VpcId: aws.String("vpc-old"), State: types.AttachmentStatusDetached}}
			})), nil),
			CR: igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider = v1alpha1.InternetGatewayParameters{} }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: igw(withStatus("", "", true), func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.VPCID, g.Spec.ForProvider.Region = nil, nil })},
		},
		"TagDrift": {
			Reason: "A tag removed out of band is drift.",
			API:    ec2fake.New(describe(awsIGW(func(g *types.InternetGateway) { g.Tags = g.Tags[1:] })), nil),
			CR:     igw(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one,
				CR: igw(withStatus(vpcID, "available", true))},
		},
	})
}

func TestCreate(t *testing.T) {
	input := &ec2.CreateInternetGatewayInput{TagSpecifications: ec2fake.TagSpecs(types.ResourceTypeInternetGateway, tags.KeyManagedBy, identity, "team", "net")}
	ec2fake.Run(t, kind.Create, map[string]tcase{
		"Success": {
			CR:     igw(noExternalName),
			Reason: "The ID of the new gateway becomes the external name.",
			API:    ec2fake.New(map[string]any{"CreateInternetGateway": &ec2.CreateInternetGatewayOutput{InternetGateway: &types.InternetGateway{InternetGatewayId: aws.String(igwID)}}}, nil),
			Want:   ec2fake.Want[*v1alpha1.InternetGateway]{Calls: []string{"CreateInternetGateway"}, Inputs: []any{input}, CR: igw(creating)},
		},
		"Error": {
			CR:     igw(noExternalName),
			Reason: "A failed create keeps AWS's code.",
			API:    ec2fake.Fails("CreateInternetGateway", "InternetGatewayLimitExceeded"),
			Want: ec2fake.Want[*v1alpha1.InternetGateway]{Err: errors.Wrap(ec2fake.Err("InternetGatewayLimitExceeded"), "cannot create internet gateway"),
				Calls: []string{"CreateInternetGateway"}, Inputs: []any{input}, CR: igw(noExternalName)},
		},
	})
}

func TestNotObserved(t *testing.T) { kind.TestNotObserved(t) }

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
	ec2fake.Run(t, kind.Update, map[string]tcase{
		"NothingDiffers": {Reason: "No writes when AWS matches the spec.", API: ec2fake.New(nil, nil), Observed: attachedTo(vpcID), CR: igw()},
		"Attach": {
			Reason:   "A detached gateway is attached.",
			API:      ec2fake.New(nil, nil),
			Observed: attachedTo(""),
			CR:       igw(),
			Want: want{Calls: []string{"AttachInternetGateway"}, Inputs: []any{
				&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"MoveVPC": {
			Reason:   "Changing the VPC detaches from the old one, then attaches to the new one.",
			API:      ec2fake.New(nil, nil),
			Observed: attachedTo("vpc-old"),
			CR:       igw(),
			Want: want{Calls: []string{"DetachInternetGateway", "AttachInternetGateway"}, Inputs: []any{
				&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")},
				&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"Detach": {
			Reason:   "Without a VPC in the spec, the gateway is detached; an already detached one is fine.",
			API:      ec2fake.Fails("DetachInternetGateway", ec2kit.CodeGatewayNotAttached),
			Observed: attachedTo(vpcID),
			CR:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.VPCID = nil }),
			Want: want{Calls: []string{"DetachInternetGateway"}, Inputs: []any{
				&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"DetachDependencyViolation": {
			Reason:   "A detach AWS refuses while public addresses exist says so and is retried.",
			API:      ec2fake.Fails("DetachInternetGateway", "DependencyViolation"),
			Observed: attachedTo("vpc-old"),
			CR:       igw(),
			Want: want{Err: errors.Wrap(ec2fake.Err("DependencyViolation"), "cannot detach internet gateway igw-0123 from VPC vpc-old: resources in the VPC still use it; the provider retries"),
				Calls: []string{"DetachInternetGateway"}, Inputs: []any{&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")}}},
		},
		"DetachError": {
			Reason:   "Other detach errors are returned with context.",
			API:      ec2fake.Fails("DetachInternetGateway", "X"),
			Observed: attachedTo("vpc-old"),
			CR:       igw(),
			Want: want{Err: errors.Wrap(ec2fake.Err("X"), "cannot detach internet gateway igw-0123 from VPC vpc-old"),
				Calls: []string{"DetachInternetGateway"}, Inputs: []any{&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")}}},
		},
		"AttachError": {
			Reason:   "A VPC that already has a gateway keeps AWS's code.",
			API:      ec2fake.Fails("AttachInternetGateway", "Resource.AlreadyAssociated"),
			Observed: attachedTo(""),
			CR:       igw(),
			Want: want{Err: errors.Wrap(ec2fake.Err("Resource.AlreadyAssociated"), "cannot attach internet gateway igw-0123 to VPC vpc-0123"),
				Calls: []string{"AttachInternetGateway"}, Inputs: []any{&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"Tags": {
			Reason:   "Tags are synced; the identity tag stays.",
			API:      ec2fake.New(nil, nil),
			Observed: attachedTo(vpcID),
			CR:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.Tags = map[string]string{} }),
			Want: want{Calls: []string{"DeleteTags"}, Inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{igwID}, Tags: ec2fake.Tags("team")}}},
		},
		"TagsError": {
			Reason:   "A failed tag change is returned with context.",
			API:      ec2fake.Fails("DeleteTags", "X"),
			Observed: attachedTo(vpcID),
			CR:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.Tags = map[string]string{} }),
			Want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot remove tags"), "cannot update tags of internet gateway igw-0123"),
				Calls: []string{"DeleteTags"}, Inputs: []any{&ec2.DeleteTagsInput{Resources: []string{igwID}, Tags: ec2fake.Tags("team")}}},
		},
	})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteInternetGateway", &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(igwID)})
}

// TestDeleteDetaches covers the gateways that are attached: detached first.
func TestDeleteDetaches(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.InternetGateway]
	ec2fake.Run(t, kind.Delete, map[string]tcase{
		"DetachThenDelete": {
			Reason: "An attached gateway is detached before it is deleted.", API: ec2fake.New(nil, nil),
			Observed: &state{VPCID: aws.String(vpcID)}, CR: igw(),
			Want: want{Calls: []string{"DetachInternetGateway", "DeleteInternetGateway"}, CR: igw(deleting)},
		},
		"DetachFails": {
			Reason: "A failed detach stops the delete, to be retried.", API: ec2fake.Fails("DetachInternetGateway", "DependencyViolation"),
			Observed: &state{VPCID: aws.String(vpcID)}, CR: igw(),
			Want: want{Err: errors.Wrap(ec2fake.Err("DependencyViolation"), "cannot detach internet gateway igw-0123 from VPC vpc-0123: resources in the VPC still use it; the provider retries"),
				Calls: []string{"DetachInternetGateway"}, CR: igw(deleting)},
		},
	})
}
