package podidentityassociation

import (
	"context"
	"net/http"
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
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	clusterName = "prod"
	id          = "a-123"
	arn         = "arn:aws:eks:us-east-1:123456789012:podidentityassociation/prod/a-123"
	roleARN     = "arn:aws:iam::123456789012:role/app"
	errNoCl     = "spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector"
)

var errBoom = errors.New("boom")

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

// kind is what the cases every EKS kind's tests share need to know.
var kind = eksfake.Kind[*v1alpha1.PodIdentityAssociation, *types.PodIdentityAssociation]{What: "EKS pod identity association", New: func() *v1alpha1.PodIdentityAssociation { return pia() },
	Client: func(api *eksfake.API, o *types.PodIdentityAssociation) mr.External[*v1alpha1.PodIdentityAssociation] {
		return &external{api: api, observed: o}
	}}

func TestObserve(t *testing.T) {
	noName := func(a *v1alpha1.PodIdentityAssociation) { meta.SetExternalName(a, "") }
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.PodIdentityAssociation
		api    *eksfake.API
		want   managed.ExternalObservation
		err    error
		calls  []string
		name   string
	}{
		"NoCluster": {reason: "Without a cluster nothing is read.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), api: &eksfake.API{}, err: errors.New(errNoCl), name: id},
		"NoIDNotFound": {
			reason: "Without an ID and no association of the service account, nothing exists.",
			cr:     pia(noName), api: eksfake.New(map[string]any{"ListPodIdentityAssociations": found()}, nil),
			calls: []string{"ListPodIdentityAssociations"},
		},
		"NoIDClusterGone": {
			reason: "Without an ID and no cluster, nothing exists.",
			cr:     pia(noName), api: eksfake.New(nil, map[string]error{"ListPodIdentityAssociations": awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")}),
			calls: []string{"ListPodIdentityAssociations"},
		},
		"NoIDListError": {
			reason: "A list error is wrapped.",
			cr:     pia(noName), api: eksfake.New(nil, map[string]error{"ListPodIdentityAssociations": errBoom}),
			calls: []string{"ListPodIdentityAssociations"}, err: errors.Wrap(errBoom, "cannot list the pod identity associations of the EKS cluster"),
		},
		"Adopt": {
			reason: "Without an ID the service account's association is found and its ID saved.",
			cr:     pia(noName), api: eksfake.New(map[string]any{"ListPodIdentityAssociations": found(id), "DescribePodIdentityAssociation": &eks.DescribePodIdentityAssociationOutput{Association: awsPIA()}}, nil),
			calls: []string{"ListPodIdentityAssociations", "DescribePodIdentityAssociation"}, name: id,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
		},
		"NotFound": {
			reason: "A deleted association does not exist.",
			cr:     pia(), api: eksfake.New(nil, map[string]error{"DescribePodIdentityAssociation": awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")}),
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     pia(), api: eksfake.New(nil, map[string]error{"DescribePodIdentityAssociation": errBoom}),
			calls: []string{"DescribePodIdentityAssociation"}, name: id, err: errors.Wrap(errBoom, "cannot describe EKS pod identity association"),
		},
		"OtherServiceAccount": {
			reason: "An ID of another service account's association is an error saying what to fix.",
			cr:     pia(), api: eksfake.New(describe(awsPIA(func(a *types.PodIdentityAssociation) { a.ServiceAccount = aws.String("other") })), nil),
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
			err: errors.New("pod identity association a-123 is for service account apps/other, not apps/app: fix spec.forProvider or the external name"),
		},
		"UpToDate": {
			reason: "An association as specified is up to date.",
			cr:     pia(), api: eksfake.New(describe(awsPIA()), nil),
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
		},
		"Drift": {
			reason: "Another role is a diff.",
			cr:     pia(), api: eksfake.New(describe(awsPIA(func(a *types.PodIdentityAssociation) { a.RoleArn = aws.String("arn:aws:iam::1:role/x") })), nil),
			calls: []string{"DescribePodIdentityAssociation"}, name: id,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Observe", tc.err, err, tc.calls)
			got.Diff = ""
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nObserve(): -want, +got:\n%s", tc.reason, diff)
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
	inUse := awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.PodIdentityAssociation
		api    *eksfake.API
		want   error
		name   string
		first  any
	}{
		"Success": {
			reason: "The association is created and its ID saved.",
			cr: pia(func(a *v1alpha1.PodIdentityAssociation) {
				a.Spec.ForProvider.TargetRoleARN = aws.String("arn:aws:iam::2:role/t")
			}),
			api:  eksfake.New(map[string]any{"CreatePodIdentityAssociation": &eks.CreatePodIdentityAssociationOutput{Association: awsPIA(func(a *types.PodIdentityAssociation) { a.AssociationId = aws.String("a-new") })}}, nil),
			name: "a-new",
			first: &eks.CreatePodIdentityAssociationInput{ClusterName: aws.String(clusterName), Namespace: aws.String("apps"), ServiceAccount: aws.String("app"),
				RoleArn: aws.String(roleARN), DisableSessionTags: aws.Bool(false), Tags: map[string]string{"team": "platform"}, TargetRoleArn: aws.String("arn:aws:iam::2:role/t")},
		},
		"NoCluster": {reason: "Without a cluster nothing is created.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), api: &eksfake.API{}, want: errors.New(errNoCl), name: id},
		"NoRole": {reason: "Without a role nothing is created.", cr: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.RoleARN = nil }), api: &eksfake.API{}, name: id,
			want: errors.New("spec.forProvider.roleArn is not set: set it, or reference a Role with roleArnRef or roleArnSelector")},
		"AlreadyExistsAdopted": {
			reason: "A create whose ID was not saved adopts the existing association.",
			cr:     pia(func(a *v1alpha1.PodIdentityAssociation) { meta.SetExternalName(a, "") }),
			api:    eksfake.New(map[string]any{"ListPodIdentityAssociations": found("a-old")}, map[string]error{"CreatePodIdentityAssociation": inUse}),
			name:   "a-old",
		},
		"AlreadyExistsOther": {
			reason: "A conflict that cannot be resolved is an error.",
			cr:     pia(func(a *v1alpha1.PodIdentityAssociation) { meta.SetExternalName(a, "") }),
			api:    eksfake.New(map[string]any{"ListPodIdentityAssociations": found()}, map[string]error{"CreatePodIdentityAssociation": inUse}),
			want:   errors.Wrap(inUse, "cannot create EKS pod identity association: the service account already has one"),
		},
		"Error": {reason: "Other errors are wrapped.", cr: pia(), api: eksfake.New(nil, map[string]error{"CreatePodIdentityAssociation": errBoom}), name: id,
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
				if diff := cmp.Diff(tc.first, tc.api.Sent()[0], awsfake.SDKInputs()); diff != "" {
					t.Errorf("%s\ninput: -want, +got:\n%s", tc.reason, diff)
				}
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = eksfake.Want
	kind.TestUpdate(t, map[string]eksfake.UpdateCase[*v1alpha1.PodIdentityAssociation, *types.PodIdentityAssociation]{
		"NoCluster":   {Reason: "Without a cluster nothing is updated.", CR: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), Observed: awsPIA(), API: &eksfake.API{}, Want: want{Err: errors.New(errNoCl)}},
		"NothingToDo": {Reason: "An up-to-date association gets no call.", CR: pia(), Observed: awsPIA(), API: &eksfake.API{}},
		"Role": {
			Reason: "Another role is one UpdatePodIdentityAssociation.", CR: pia(),
			Observed: awsPIA(func(a *types.PodIdentityAssociation) { a.RoleArn = aws.String("arn:aws:iam::1:role/x") }), API: &eksfake.API{},
			Want: want{Calls: []string{"UpdatePodIdentityAssociation"}, Inputs: []any{&eks.UpdatePodIdentityAssociationInput{ClusterName: aws.String(clusterName),
				AssociationId: aws.String(id), RoleArn: aws.String(roleARN), DisableSessionTags: aws.Bool(false)}}},
		},
		"UpdateError": {
			Reason: "An update error is wrapped.", CR: pia(),
			Observed: awsPIA(func(a *types.PodIdentityAssociation) { a.DisableSessionTags = aws.Bool(true) }),
			API:      eksfake.New(nil, map[string]error{"UpdatePodIdentityAssociation": errBoom}),
			Want: want{Calls: []string{"UpdatePodIdentityAssociation"}, Inputs: []any{&eks.UpdatePodIdentityAssociationInput{ClusterName: aws.String(clusterName),
				AssociationId: aws.String(id), RoleArn: aws.String(roleARN), DisableSessionTags: aws.Bool(false)}}, Err: errors.Wrap(errBoom, "cannot update EKS pod identity association")},
		},
	})
}

func TestUpdateTags(t *testing.T) {
	kind.TestUpdateTags(t, arn,
		func(tags map[string]string) *types.PodIdentityAssociation {
			return awsPIA(func(o *types.PodIdentityAssociation) { o.Tags = tags })
		})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeletePodIdentityAssociation", &eks.DeletePodIdentityAssociationInput{ClusterName: aws.String(clusterName), AssociationId: aws.String(id)},
		"cannot delete EKS pod identity association", map[string]eksfake.DeleteCase[*v1alpha1.PodIdentityAssociation]{
			"NoCluster": {Reason: "Without a cluster nothing is deleted.", CR: pia(func(a *v1alpha1.PodIdentityAssociation) { a.Spec.ForProvider.ClusterName = nil }), API: &eksfake.API{}, Want: errors.New(errNoCl)},
		})
}
