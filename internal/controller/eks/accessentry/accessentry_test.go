package accessentry

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

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	clusterName = "prod"
	principal   = "arn:aws:iam::123456789012:role/dev"
	extName     = "prod/arn:aws:iam::123456789012:role/dev"
	arn         = "arn:aws:eks:us-east-1:123456789012:access-entry/prod/role/123456789012/dev/x"
)

var errBoom = errors.New("boom")

type modifier func(*v1alpha1.AccessEntry)

func entry(m ...modifier) *v1alpha1.AccessEntry {
	a := &v1alpha1.AccessEntry{ObjectMeta: metav1.ObjectMeta{Name: "dev", Namespace: "default"}}
	meta.SetExternalName(a, extName)
	a.Spec.ForProvider = v1alpha1.AccessEntryParameters{
		ClusterName: aws.String(clusterName), PrincipalARN: aws.String(principal), Type: aws.String("STANDARD"),
		KubernetesGroups: []string{"viewers", "devs"}, Username: aws.String("dev"), Tags: map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(a)
	}
	return a
}

type awsModifier func(*types.AccessEntry)

func awsEntry(m ...awsModifier) *types.AccessEntry {
	a := &types.AccessEntry{AccessEntryArn: aws.String(arn), ClusterName: aws.String(clusterName), PrincipalArn: aws.String(principal),
		Type: aws.String("STANDARD"), KubernetesGroups: []string{"devs", "viewers"}, Username: aws.String("dev"), Tags: map[string]string{"team": "platform"}}
	for _, f := range m {
		f(a)
	}
	return a
}

func describe(a *types.AccessEntry) map[string]any {
	return map[string]any{"DescribeAccessEntry": &eks.DescribeAccessEntryOutput{AccessEntry: a}}
}

const (
	errNoCluster   = "spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector"
	errNoPrincipal = "spec.forProvider.principalArn is not set: set it, or reference a Role with principalArnRef or principalArnSelector"
)

// kind is what the cases every EKS kind's tests share need to know.
var kind = eksfake.Kind[*v1alpha1.AccessEntry, *types.AccessEntry]{What: "EKS access entry", New: func() *v1alpha1.AccessEntry { return entry() },
	Client: func(api *eksfake.API, o *types.AccessEntry) mr.External[*v1alpha1.AccessEntry] {
		return &external{api: api, observed: o}
	}}

func TestObserve(t *testing.T) {
	type want struct {
		o    managed.ExternalObservation
		err  error
		name string
		spec *v1alpha1.AccessEntryParameters
	}
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.AccessEntry
		api    *eksfake.API
		want   want
	}{
		"NoCluster": {
			reason: "Without a cluster nothing is read.",
			cr:     entry(func(a *v1alpha1.AccessEntry) { a.Spec.ForProvider.ClusterName = nil }),
			api:    &eksfake.API{}, want: want{err: errors.New(errNoCluster), name: extName},
		},
		"NoPrincipal": {
			reason: "Without a principal nothing is read.",
			cr:     entry(func(a *v1alpha1.AccessEntry) { a.Spec.ForProvider.PrincipalARN = nil }),
			api:    &eksfake.API{}, want: want{err: errors.New(errNoPrincipal), name: extName},
		},
		"NotFound": {
			reason: "A missing entry does not exist.",
			cr:     entry(),
			api:    eksfake.New(nil, map[string]error{"DescribeAccessEntry": awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")}),
			want:   want{name: extName},
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     entry(),
			api:    eksfake.New(nil, map[string]error{"DescribeAccessEntry": errBoom}),
			want:   want{err: errors.Wrap(errBoom, "cannot describe EKS access entry"), name: extName},
		},
		"UpToDate": {
			reason: "An entry as specified is up to date; group order does not matter.",
			cr:     entry(),
			api:    eksfake.New(describe(awsEntry()), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, name: extName},
		},
		"Drift": {
			reason: "Other groups are a diff.",
			cr:     entry(),
			api:    eksfake.New(describe(awsEntry(func(a *types.AccessEntry) { a.KubernetesGroups = []string{"admins"} })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, name: extName},
		},
		"Adopt": {
			reason: "A found entry gets the composite external name; unset fields are late-initialized.",
			cr: entry(func(a *v1alpha1.AccessEntry) {
				meta.SetExternalName(a, "dev")
				a.Spec.ForProvider = v1alpha1.AccessEntryParameters{ClusterName: aws.String(clusterName), PrincipalARN: aws.String(principal)}
			}),
			api: eksfake.New(describe(awsEntry()), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, name: extName,
				spec: &v1alpha1.AccessEntryParameters{ClusterName: aws.String(clusterName), PrincipalARN: aws.String(principal), Type: aws.String("STANDARD"),
					KubernetesGroups: []string{"devs", "viewers"}, Username: aws.String("dev"), Tags: map[string]string{"team": "platform"}}},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			eksfake.CheckObservation(t, tc.reason, tc.want.err, err, tc.want.o, got)
			if got := meta.GetExternalName(tc.cr); got != tc.want.name {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.want.name, got)
			}
			if tc.want.o.ResourceExists {
				if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Available()) || tc.cr.Status.AtProvider.ARN != arn {
					t.Errorf("%s\nwant Available with the ARN, got %+v %+v", tc.reason, c, tc.cr.Status.AtProvider)
				}
			}
			if tc.want.spec != nil {
				if diff := cmp.Diff(tc.want.spec, &tc.cr.Spec.ForProvider); diff != "" {
					t.Errorf("%s\nspec: -want, +got:\n%s", tc.reason, diff)
				}
			}
		})
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.AccessEntry
		api    *eksfake.API
		want   error
		in     *eks.CreateAccessEntryInput
		name   string
	}{
		"Success": {
			reason: "Everything CreateAccessEntry accepts is sent and the external name is set.",
			cr:     entry(func(a *v1alpha1.AccessEntry) { meta.SetExternalName(a, "dev") }),
			api:    &eksfake.API{},
			in: &eks.CreateAccessEntryInput{ClusterName: aws.String(clusterName), PrincipalArn: aws.String(principal), Type: aws.String("STANDARD"),
				KubernetesGroups: []string{"viewers", "devs"}, Username: aws.String("dev"), Tags: map[string]string{"team": "platform"}},
			name: extName,
		},
		"NoPrincipal":   {reason: "Without a principal nothing is created.", cr: entry(func(a *v1alpha1.AccessEntry) { a.Spec.ForProvider.PrincipalARN = nil }), api: &eksfake.API{}, want: errors.New(errNoPrincipal), name: extName},
		"AlreadyExists": {reason: "A retried create is not an error.", cr: entry(), api: eksfake.New(nil, map[string]error{"CreateAccessEntry": awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")}), name: extName},
		"Error": {reason: "Other errors are wrapped.", cr: entry(func(a *v1alpha1.AccessEntry) { meta.SetExternalName(a, "dev") }),
			api: eksfake.New(nil, map[string]error{"CreateAccessEntry": errBoom}), want: errors.Wrap(errBoom, "cannot create EKS access entry"), name: "dev"},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			tc.api.CheckOne(t, tc.reason, "Create", tc.want, err, tc.in)
			if got := meta.GetExternalName(tc.cr); got != tc.name {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.name, got)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = eksfake.Want
	cn, pa := aws.String(clusterName), aws.String(principal)
	kind.TestUpdate(t, map[string]eksfake.UpdateCase[*v1alpha1.AccessEntry, *types.AccessEntry]{
		"NoPrincipal": {
			Reason:   "Without a principal nothing is updated.",
			CR:       entry(func(a *v1alpha1.AccessEntry) { a.Spec.ForProvider.PrincipalARN = nil }),
			Observed: awsEntry(), API: &eksfake.API{}, Want: want{Err: errors.New(errNoPrincipal)},
		},
		"NothingToDo": {Reason: "An up-to-date entry gets no call.", CR: entry(), Observed: awsEntry(), API: &eksfake.API{}},
		"Groups": {
			Reason:   "Other groups and username are one UpdateAccessEntry.",
			CR:       entry(),
			Observed: awsEntry(func(a *types.AccessEntry) { a.KubernetesGroups = nil; a.Username = aws.String("x") }),
			API:      &eksfake.API{},
			Want: want{Calls: []string{"UpdateAccessEntry"}, Inputs: []any{&eks.UpdateAccessEntryInput{ClusterName: cn, PrincipalArn: pa,
				KubernetesGroups: []string{"viewers", "devs"}, Username: aws.String("dev")}}},
		},
		"RemoveGroups": {
			Reason:   "An empty group list removes the groups.",
			CR:       entry(func(a *v1alpha1.AccessEntry) { a.Spec.ForProvider.KubernetesGroups = []string{} }),
			Observed: awsEntry(),
			API:      &eksfake.API{},
			Want: want{Calls: []string{"UpdateAccessEntry"}, Inputs: []any{&eks.UpdateAccessEntryInput{ClusterName: cn, PrincipalArn: pa,
				KubernetesGroups: []string{}, Username: aws.String("dev")}}},
		},
		"UpdateError": {
			Reason:   "An update error is wrapped.",
			CR:       entry(),
			Observed: awsEntry(func(a *types.AccessEntry) { a.Username = aws.String("x") }),
			API:      eksfake.New(nil, map[string]error{"UpdateAccessEntry": errBoom}),
			Want: want{Calls: []string{"UpdateAccessEntry"}, Inputs: []any{&eks.UpdateAccessEntryInput{ClusterName: cn, PrincipalArn: pa,
				KubernetesGroups: []string{"viewers", "devs"}, Username: aws.String("dev")}}, Err: errors.Wrap(errBoom, "cannot update EKS access entry")},
		},
	})
}

func TestUpdateTags(t *testing.T) {
	kind.TestUpdateTags(t, arn,
		func(tags map[string]string) *types.AccessEntry {
			return awsEntry(func(o *types.AccessEntry) { o.Tags = tags })
		})
}

func TestDelete(t *testing.T) {
	kind.TestDelete(t, "DeleteAccessEntry", &eks.DeleteAccessEntryInput{ClusterName: aws.String(clusterName), PrincipalArn: aws.String(principal)},
		"cannot delete EKS access entry", map[string]eksfake.DeleteCase[*v1alpha1.AccessEntry]{
			"NoPrincipal": {Reason: "Without a principal nothing is deleted.", CR: entry(func(a *v1alpha1.AccessEntry) { a.Spec.ForProvider.PrincipalARN = nil }), API: &eksfake.API{}, Want: errors.New(errNoPrincipal)},
		})
}
