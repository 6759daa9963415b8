package podidentityassociation

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
)

const (
	clusterName = "prod"
	id          = "a-123"
	arn         = "arn:aws:eks:us-east-1:123456789012:podidentityassociation/prod/a-123"
	roleARN     = "arn:aws:iam::123456789012:role/app"
	errNoCl     = "spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector"
)

var errBoom = errors.New("boom")

func exporter() cmp.Option { return cmp.Exporter(func(reflect.Type) bool { return true }) }

type modifier func(*v1alpha1.PodIdentityAssociation)

func pia(m ...modifier) *v1alpha1.PodIdentityAssociation {
	a := &v1alpha1.PodIdentityAssociation{ObjectMeta: metav1.ObjectMeta{Name: "app", Namespace: "default"}}
	meta.SetExternalName(a, id)
	a.Spec.ForProvider = v1alpha1.PodIdentityAssociationParameters{ClusterName: aws.String(clusterName), Namespace: "apps", ServiceAccount: "app",
		RoleARN: aws.String(roleARN), DisableSessionTags: aws.Bool(false), Tags: map[string]string{"team": "platform"}}
	for _, f := range m {
		f(a)
	}
	return a
}

type awsModifier func(*types.PodIdentityAssociation)

func awsPIA(m ...awsModifier) *types.PodIdentityAssociation {
	a := &types.PodIdentityAssociation{AssociationId: aws.String(id), AssociationArn: aws.String(arn), ClusterName: aws.String(clusterName),
		Namespace: aws.String("apps"), ServiceAccount: aws.String("app"), RoleArn: aws.String(roleARN), DisableSessionTags: aws.Bool(false),
		ExternalId: aws.String("ext"), Tags: map[string]string{"team": "platform"}}
	for _, f := range m {
		f(a)
	}
	return a
}

func describe(a *types.PodIdentityAssociation) map[string]any {
	return map[string]any{"DescribePodIdentityAssociation": &eks.DescribePodIdentityAssociationOutput{Association: a}}
}

func found(ids ...string) *eks.ListPodIdentityAssociationsOutput {
	out := &eks.ListPodIdentityAssociationsOutput{}
	for _, i := range ids {
		out.Associations = append(out.Associations, types.PodIdentityAssociationSummary{AssociationId: aws.String(i), Namespace: aws.String("apps"), ServiceAccount: aws.String("app")})
	}
	return out
}

func TestObserve(t *testing.T) {
	noName := func(a *v1alpha1.PodIdentityAssociation) { meta.SetExternalName(a, "") }
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.PodIdentityAssociation
		api    *fakeAPI
		want   managed.ExternalObservation
		err    error
		calls  []string
		name   string
	}{
		"NoCluster": {reason: "Without a cluster nothing is read.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), api: &fakeAPI{}, err: errors.New(errNoCl), name: id},
		"NoIDNotFound": {
			reason: "Without an ID and no association of the service account, nothing exists.",
			cr:     pia(noName), api: &fakeAPI{out: map[string]any{"ListPodIdentityAssociations": found()}},
			calls: []string{"ListPodIdentityAssociations"},
		},
		"NoIDClusterGone": {
			reason: "Without an ID and no cluster, nothing exists.",
			cr:     pia(noName), api: &fakeAPI{errs: map[string]error{"ListPodIdentityAssociations": apiError(codeNotFound, http.StatusNotFound)}},
			calls: []string{"ListPodIdentityAssociations"},
		},
		"NoIDListError": {
			reason: "A list error is wrapped.",
			cr:     pia(noName), api: &fakeAPI{errs: map[string]error{"ListPodIdentityAssociations": errBoom}},
			calls: []string{"ListPodIdentityAssociations"}, err: errors.Wrap(errBoom, "cannot list the pod identity associations of the EKS cluster"),
		},
		"Adopt": {
			reason: "Without an ID the service account's association is found and its ID saved.",
			cr:     pia(noName), api: &fakeAPI{out: map[string]any{"ListPodIdentityAssociations": found(id), "DescribePodIdentityAssociation": &eks.DescribePodIdentityAssociationOutput{Association: awsPIA()}}},
			calls: []string{"ListPodIdentityAssociations", "DescribePodIdentityAssociation"}, name: id,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
		},
		"NotFound": {
			reason: "A deleted association does not exist.",
			cr:     pia(), api: &fakeAPI{errs: map[string]error{"DescribePodIdentityAssociation": apiError(codeNotFound, http.StatusNotFound)}},
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     pia(), api: &fakeAPI{errs: map[string]error{"DescribePodIdentityAssociation": errBoom}},
			calls: []string{"DescribePodIdentityAssociation"}, name: id, err: errors.Wrap(errBoom, "cannot describe EKS pod identity association"),
		},
		"OtherServiceAccount": {
			reason: "An ID of another service account's association is an error saying what to fix.",
			cr:     pia(), api: &fakeAPI{out: describe(awsPIA(func(a *types.PodIdentityAssociation) { a.ServiceAccount = aws.String("other") }))},
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
			err: errors.New("pod identity association a-123 is for service account apps/other, not apps/app: fix spec.forProvider or the external name"),
		},
		"UpToDate": {
			reason: "An association as specified is up to date.",
			cr:     pia(), api: &fakeAPI{out: describe(awsPIA())},
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
		},
		"Drift": {
			reason: "Another role is a diff.",
			cr:     pia(), api: &fakeAPI{out: describe(awsPIA(func(a *types.PodIdentityAssociation) { a.RoleArn = aws.String("arn:aws:iam::1:role/x") }))},
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nObserve(): -want error, +got error:\n%s", tc.reason, diff)
			}
			got.Diff = ""
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nObserve(): -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\ncalls: -want, +got:\n%s", tc.reason, diff)
			}
			if got := meta.GetExternalName(tc.cr); got != tc.name {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.name, got)
			}
			if tc.want.ResourceExists {
				want := v1alpha1.PodIdentityAssociationObservation{AssociationID: id, ARN: arn, ExternalID: "ext"}
				if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Available()) || tc.cr.Status.AtProvider != want {
					t.Errorf("%s\nwant Available with %+v, got %+v %+v", tc.reason, want, c, tc.cr.Status.AtProvider)
				}
			}
		})
	}
}

func TestCreate(t *testing.T) {
	inUse := apiError("ResourceInUseException", http.StatusConflict)
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.PodIdentityAssociation
		api    *fakeAPI
		want   error
		name   string
		first  any
	}{
		"Success": {
			reason: "The association is created and its ID saved.",
			cr: pia(func(a *v1alpha1.PodIdentityAssociation) {
				a.Spec.ForProvider.TargetRoleARN = aws.String("arn:aws:iam::2:role/t")
			}),
			api:  &fakeAPI{out: map[string]any{"CreatePodIdentityAssociation": &eks.CreatePodIdentityAssociationOutput{Association: awsPIA(func(a *types.PodIdentityAssociation) { a.AssociationId = aws.String("a-new") })}}},
			name: "a-new",
			first: &eks.CreatePodIdentityAssociationInput{ClusterName: aws.String(clusterName), Namespace: aws.String("apps"), ServiceAccount: aws.String("app"),
				RoleArn: aws.String(roleARN), DisableSessionTags: aws.Bool(false), Tags: map[string]string{"team": "platform"}, TargetRoleArn: aws.String("arn:aws:iam::2:role/t")},
		},
		"NoCluster": {reason: "Without a cluster nothing is created.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), api: &fakeAPI{}, want: errors.New(errNoCl), name: id},
		"NoRole": {reason: "Without a role nothing is created.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.RoleARN = nil }), api: &fakeAPI{}, name: id,
			want: errors.New("spec.forProvider.roleArn is not set: set it, or reference a Role with roleArnRef or roleArnSelector")},
		"AlreadyExistsAdopted": {
			reason: "A create whose ID was not saved adopts the existing association.",
			cr:     pia(func(a *v1alpha1.PodIdentityAssociation) { meta.SetExternalName(a, "") }),
			api:    &fakeAPI{errs: map[string]error{"CreatePodIdentityAssociation": inUse}, out: map[string]any{"ListPodIdentityAssociations": found("a-old")}},
			name:   "a-old",
		},
		"AlreadyExistsOther": {
			reason: "A conflict that cannot be resolved is an error.",
			cr:     pia(func(a *v1alpha1.PodIdentityAssociation) { meta.SetExternalName(a, "") }),
			api:    &fakeAPI{errs: map[string]error{"CreatePodIdentityAssociation": inUse}, out: map[string]any{"ListPodIdentityAssociations": found()}},
			want:   errors.Wrap(inUse, "cannot create EKS pod identity association: the service account already has one"),
		},
		"Error": {reason: "Other errors are wrapped.", cr: pia(), api: &fakeAPI{errs: map[string]error{"CreatePodIdentityAssociation": errBoom}}, name: id,
			want: errors.Wrap(errBoom, "cannot create EKS pod identity association")},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(): -want error, +got error:\n%s", tc.reason, diff)
			}
			if got := meta.GetExternalName(tc.cr); got != tc.name {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.name, got)
			}
			if tc.first != nil {
				if diff := cmp.Diff(tc.first, tc.api.inputs[0], exporter()); diff != "" {
					t.Errorf("%s\ninput: -want, +got:\n%s", tc.reason, diff)
				}
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
	cases := map[string]struct {
		reason   string
		cr       *v1alpha1.PodIdentityAssociation
		observed *types.PodIdentityAssociation
		api      *fakeAPI
		want     want
	}{
		"ObserveFirst": {
			reason: "Without an observation Update observes; a gone association is an error.",
			cr:     pia(), api: &fakeAPI{errs: map[string]error{"DescribePodIdentityAssociation": apiError(codeNotFound, http.StatusNotFound)}},
			want: want{calls: []string{"DescribePodIdentityAssociation"}, inputs: []any{&eks.DescribePodIdentityAssociationInput{ClusterName: aws.String(clusterName), AssociationId: aws.String(id)}},
				err: errors.New(`EKS pod identity association "a-123" does not exist`)},
		},
		"ObserveError": {
			reason: "An observation error is returned.",
			cr:     pia(), api: &fakeAPI{errs: map[string]error{"DescribePodIdentityAssociation": errBoom}},
			want: want{calls: []string{"DescribePodIdentityAssociation"}, inputs: []any{&eks.DescribePodIdentityAssociationInput{ClusterName: aws.String(clusterName), AssociationId: aws.String(id)}},
				err: errors.Wrap(errBoom, "cannot describe EKS pod identity association")},
		},
		"NoCluster":   {reason: "Without a cluster nothing is updated.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), observed: awsPIA(), api: &fakeAPI{}, want: want{err: errors.New(errNoCl)}},
		"NothingToDo": {reason: "An up-to-date association gets no call.", cr: pia(), observed: awsPIA(), api: &fakeAPI{}},
		"Tags": {
			reason: "Tags are synced.", cr: pia(), observed: awsPIA(func(a *types.PodIdentityAssociation) { a.Tags = map[string]string{"team": "x", "old": "y"} }), api: &fakeAPI{},
			want: want{calls: []string{"UntagResource", "TagResource"}, inputs: []any{
				&eks.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}},
				&eks.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"team": "platform"}}}},
		},
		"UntagError": {
			reason: "Tag errors are wrapped.", cr: pia(), observed: awsPIA(func(a *types.PodIdentityAssociation) { a.Tags = map[string]string{"team": "platform", "old": "y"} }),
			api: &fakeAPI{errs: map[string]error{"UntagResource": errBoom}},
			want: want{calls: []string{"UntagResource"}, inputs: []any{&eks.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}}},
				err: errors.Wrap(errBoom, "cannot remove tags of the EKS pod identity association")},
		},
		"TagError": {
			reason: "Tag errors are wrapped.", cr: pia(), observed: awsPIA(func(a *types.PodIdentityAssociation) { a.Tags = nil }),
			api: &fakeAPI{errs: map[string]error{"TagResource": errBoom}},
			want: want{calls: []string{"TagResource"}, inputs: []any{&eks.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"team": "platform"}}},
				err: errors.Wrap(errBoom, "cannot tag the EKS pod identity association")},
		},
		"Role": {
			reason: "Another role is one UpdatePodIdentityAssociation.", cr: pia(),
			observed: awsPIA(func(a *types.PodIdentityAssociation) { a.RoleArn = aws.String("arn:aws:iam::1:role/x") }), api: &fakeAPI{},
			want: want{calls: []string{"UpdatePodIdentityAssociation"}, inputs: []any{&eks.UpdatePodIdentityAssociationInput{ClusterName: aws.String(clusterName),
				AssociationId: aws.String(id), RoleArn: aws.String(roleARN), DisableSessionTags: aws.Bool(false)}}},
		},
		"UpdateError": {
			reason: "An update error is wrapped.", cr: pia(),
			observed: awsPIA(func(a *types.PodIdentityAssociation) { a.DisableSessionTags = aws.Bool(true) }),
			api:      &fakeAPI{errs: map[string]error{"UpdatePodIdentityAssociation": errBoom}},
			want: want{calls: []string{"UpdatePodIdentityAssociation"}, inputs: []any{&eks.UpdatePodIdentityAssociationInput{ClusterName: aws.String(clusterName),
				AssociationId: aws.String(id), RoleArn: aws.String(roleARN), DisableSessionTags: aws.Bool(false)}}, err: errors.Wrap(errBoom, "cannot update EKS pod identity association")},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api, observed: tc.observed}).Update(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nUpdate(): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\ncalls: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.inputs, tc.api.inputs, exporter()); diff != "" {
				t.Errorf("%s\ninputs: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.PodIdentityAssociation
		api    *fakeAPI
		want   error
	}{
		"Success":   {reason: "The association is deleted.", cr: pia(), api: &fakeAPI{}},
		"Gone":      {reason: "Already gone is a success.", cr: pia(), api: &fakeAPI{errs: map[string]error{"DeletePodIdentityAssociation": apiError(codeNotFound, http.StatusNotFound)}}},
		"Error":     {reason: "Other errors are wrapped.", cr: pia(), api: &fakeAPI{errs: map[string]error{"DeletePodIdentityAssociation": errBoom}}, want: errors.Wrap(errBoom, "cannot delete EKS pod identity association")},
		"NoCluster": {reason: "Without a cluster nothing is deleted.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), api: &fakeAPI{}, want: errors.New(errNoCl)},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Delete(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(): -want error, +got error:\n%s", tc.reason, diff)
			}
			if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
				t.Errorf("%s\nReady: want Deleting, got %+v", tc.reason, c)
			}
		})
	}
}
