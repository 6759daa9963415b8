package internetgateway

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

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.InternetGateway
	}
	one := []string{"DescribeInternetGateways"}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.InternetGateway
		want   want
	}{
		"NoExternalNameNothingTagged": {
			reason: "Without an ID, a gateway carrying the identity tag is looked for; none means it does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     igw(noExternalName),
			want:   want{calls: one, cr: igw(noExternalName)},
		},
		"IdentityFilterIgnored": {
			reason: "A resource without the identity tag is never adopted, even when the emulator ignores the tag filter.",
			api:    &fakeAPI{out: describe(awsIGW(func(g *types.InternetGateway) { g.Tags = g.Tags[:1] }))},
			cr:     igw(noExternalName),
			want:   want{calls: one, cr: igw(noExternalName)},
		},
		"NoExternalNameAdoptsTagged": {
			reason: "A gateway created before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    &fakeAPI{out: describe(awsIGW())},
			cr:     igw(noExternalName),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: one, cr: igw(withStatus(vpcID, "available", true))},
		},
		"IdentityLookupError": {
			reason: "An error of the identity-tag lookup is returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DescribeInternetGateways": apiError("X")}},
			cr:     igw(noExternalName),
			want:   want{err: errors.Wrap(apiError("X"), "cannot look up internet gateway by its identity tag"), calls: one, cr: igw(noExternalName)},
		},
		"NotFound": {
			reason: "InvalidInternetGatewayID.NotFound means the gateway does not exist.",
			api:    &fakeAPI{errs: map[string]error{"DescribeInternetGateways": apiError(errNotFound)}},
			cr:     igw(),
			want:   want{calls: one, cr: igw()},
		},
		"EmptyAnswer": {
			reason: "An empty answer means the gateway does not exist.",
			api:    &fakeAPI{out: describe()},
			cr:     igw(),
			want:   want{calls: one, cr: igw()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"DescribeInternetGateways": apiError("X")}},
			cr:     igw(),
			want:   want{err: errors.Wrap(apiError("X"), "cannot get internet gateway igw-0123"), calls: one, cr: igw()},
		},
		"AttachedUpToDate": {
			reason: "A gateway attached as the spec says is Ready and up to date.",
			api:    &fakeAPI{out: describe(awsIGW())},
			cr:     igw(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one,
				cr: igw(withStatus(vpcID, "available", true))},
		},
		"NotAttachedYet": {
			reason: "A detached gateway whose spec names a VPC is out of date and not Ready.",
			api:    &fakeAPI{out: describe(awsIGW(detached))},
			cr:     igw(),
			want:   want{o: managed.ExternalObservation{ResourceExists: true}, calls: one, cr: igw(withStatus("", "", false))},
		},
		"DetachedWanted": {
			reason: "A detached gateway without a VPC in the spec is Ready; detached attachments do not count; tags late-initialize.",
			api: &fakeAPI{out: describe(awsIGW(func(g *types.InternetGateway) {
				g.Attachments = []types.InternetGatewayAttachment{{VpcId: aws.String("vpc-old"), State: types.AttachmentStatusDetached}}
			}))},
			cr: igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider = v1alpha1.InternetGatewayParameters{} }),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: igw(withStatus("", "", true), func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.VPCID = nil })},
		},
		"TagDrift": {
			reason: "A tag removed out of band is drift.",
			api:    &fakeAPI{out: describe(awsIGW(func(g *types.InternetGateway) { g.Tags = g.Tags[1:] }))},
			cr:     igw(),
			want: want{o: managed.ExternalObservation{ResourceExists: true}, calls: one,
				cr: igw(withStatus(vpcID, "available", true))},
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
	_, _ = (&external{api: f, region: region}).Observe(context.Background(), igw(noExternalName))
	wantIn := &ec2.DescribeInternetGatewaysInput{Filters: shared.IdentityFilter(igw())}
	if diff := cmp.Diff(wantIn, f.inputs[0], cmpopts.IgnoreUnexported(ec2.DescribeInternetGatewaysInput{}, types.Filter{})); diff != "" {
		t.Errorf("identity lookup input: -want, +got:\n%s", diff)
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		err    error
		name   string
	}{
		"Success": {
			reason: "The ID of the new gateway becomes the external name.",
			api:    &fakeAPI{out: map[string]any{"CreateInternetGateway": &ec2.CreateInternetGatewayOutput{InternetGateway: &types.InternetGateway{InternetGatewayId: aws.String(igwID)}}}},
			name:   igwID,
		},
		"Error": {
			reason: "A failed create keeps AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"CreateInternetGateway": apiError("InternetGatewayLimitExceeded")}},
			err:    errors.Wrap(apiError("InternetGatewayLimitExceeded"), "cannot create internet gateway"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := igw(noExternalName)
			_, err := (&external{api: tc.api, region: region}).Create(context.Background(), cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			want := &ec2.CreateInternetGatewayInput{TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeInternetGateway, Tags: []types.Tag{
				{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}}}
			if diff := cmp.Diff(want, tc.api.inputs[0], cmpopts.IgnoreUnexported(ec2.CreateInternetGatewayInput{}, types.TagSpecification{}, types.Tag{})); diff != "" {
				t.Errorf("%s\nCreate(...) input: -want, +got:\n%s", tc.reason, diff)
			}
			if got := meta.GetExternalName(cr); got != tc.name {
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
		api      *fakeAPI
		observed *state
		cr       *v1alpha1.InternetGateway
		want     want
	}{
		"NotObserved": {
			reason: "Update needs what Observe read.",
			api:    &fakeAPI{},
			cr:     igw(),
			want:   want{err: errors.New("cannot update internet gateway: it was not observed first")},
		},
		"NothingDiffers": {reason: "No writes when AWS matches the spec.", api: &fakeAPI{}, observed: attachedTo(vpcID), cr: igw()},
		"Attach": {
			reason:   "A detached gateway is attached.",
			api:      &fakeAPI{},
			observed: attachedTo(""),
			cr:       igw(),
			want: want{calls: []string{"AttachInternetGateway"}, inputs: []any{
				&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"MoveVPC": {
			reason:   "Changing the VPC detaches from the old one, then attaches to the new one.",
			api:      &fakeAPI{},
			observed: attachedTo("vpc-old"),
			cr:       igw(),
			want: want{calls: []string{"DetachInternetGateway", "AttachInternetGateway"}, inputs: []any{
				&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")},
				&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"Detach": {
			reason:   "Without a VPC in the spec, the gateway is detached; an already detached one is fine.",
			api:      &fakeAPI{errs: map[string]error{"DetachInternetGateway": apiError(errNotAttached)}},
			observed: attachedTo(vpcID),
			cr:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.VPCID = nil }),
			want: want{calls: []string{"DetachInternetGateway"}, inputs: []any{
				&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"DetachDependencyViolation": {
			reason:   "A detach AWS refuses while public addresses exist says so and is retried.",
			api:      &fakeAPI{errs: map[string]error{"DetachInternetGateway": apiError("DependencyViolation")}},
			observed: attachedTo("vpc-old"),
			cr:       igw(),
			want: want{err: errors.Wrap(apiError("DependencyViolation"), "cannot detach internet gateway igw-0123 from VPC vpc-old: resources in the VPC still use it; the provider retries"),
				calls: []string{"DetachInternetGateway"}, inputs: []any{&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")}}},
		},
		"DetachError": {
			reason:   "Other detach errors are returned with context.",
			api:      &fakeAPI{errs: map[string]error{"DetachInternetGateway": apiError("X")}},
			observed: attachedTo("vpc-old"),
			cr:       igw(),
			want: want{err: errors.Wrap(apiError("X"), "cannot detach internet gateway igw-0123 from VPC vpc-old"),
				calls: []string{"DetachInternetGateway"}, inputs: []any{&ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String("vpc-old")}}},
		},
		"AttachError": {
			reason:   "A VPC that already has a gateway keeps AWS's code.",
			api:      &fakeAPI{errs: map[string]error{"AttachInternetGateway": apiError("Resource.AlreadyAssociated")}},
			observed: attachedTo(""),
			cr:       igw(),
			want: want{err: errors.Wrap(apiError("Resource.AlreadyAssociated"), "cannot attach internet gateway igw-0123 to VPC vpc-0123"),
				calls: []string{"AttachInternetGateway"}, inputs: []any{&ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}}},
		},
		"Tags": {
			reason:   "Tags are synced; the identity tag stays.",
			api:      &fakeAPI{},
			observed: attachedTo(vpcID),
			cr:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.Tags = map[string]string{} }),
			want: want{calls: []string{"DeleteTags"}, inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{igwID}, Tags: []types.Tag{{Key: aws.String("team")}}}}},
		},
		"TagsError": {
			reason:   "A failed tag change is returned with context.",
			api:      &fakeAPI{errs: map[string]error{"DeleteTags": apiError("X")}},
			observed: attachedTo(vpcID),
			cr:       igw(func(g *v1alpha1.InternetGateway) { g.Spec.ForProvider.Tags = map[string]string{} }),
			want: want{err: errors.Wrap(errors.Wrap(apiError("X"), "cannot remove tags"), "cannot update tags of internet gateway igw-0123"),
				calls: []string{"DeleteTags"}, inputs: []any{&ec2.DeleteTagsInput{Resources: []string{igwID}, Tags: []types.Tag{{Key: aws.String("team")}}}}},
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
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed *state
		want     error
		calls    []string
	}{
		"DetachThenDelete": {
			reason: "An attached gateway is detached before it is deleted.", api: &fakeAPI{},
			observed: &state{VPCID: aws.String(vpcID)}, calls: []string{"DetachInternetGateway", "DeleteInternetGateway"},
		},
		"Detached": {reason: "A detached gateway is just deleted.", api: &fakeAPI{}, observed: &state{}, calls: []string{"DeleteInternetGateway"}},
		"NotFound": {
			reason: "An already-gone gateway is success.", api: &fakeAPI{errs: map[string]error{"DeleteInternetGateway": apiError(errNotFound)}},
			observed: &state{}, calls: []string{"DeleteInternetGateway"},
		},
		"DetachFails": {
			reason: "A failed detach stops the delete, to be retried.", api: &fakeAPI{errs: map[string]error{"DetachInternetGateway": apiError("DependencyViolation")}},
			observed: &state{VPCID: aws.String(vpcID)}, calls: []string{"DetachInternetGateway"},
			want: errors.Wrap(apiError("DependencyViolation"), "cannot detach internet gateway igw-0123 from VPC vpc-0123: resources in the VPC still use it; the provider retries"),
		},
		"DependencyViolation": {
			reason: "A gateway still in use keeps AWS's code and message and says that the provider retries.",
			api:    &fakeAPI{errs: map[string]error{"DeleteInternetGateway": apiError("DependencyViolation")}}, observed: &state{}, calls: []string{"DeleteInternetGateway"},
			want: errors.Wrap(apiError("DependencyViolation"), "cannot delete internet gateway igw-0123: other resources still depend on it; the provider retries"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := igw()
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
