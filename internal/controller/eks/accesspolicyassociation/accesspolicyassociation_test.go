package accesspolicyassociation

import (
	"context"
	"net/http"
	"testing"
	"time"

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
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
)

const (
	clusterName = "prod"
	principal   = "arn:aws:iam::123456789012:role/dev"
	policy      = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
	extName     = clusterName + "/" + principal + "/" + policy
)

var (
	errBoom = errors.New("boom")
	at      = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
)

// paged answers ListAssociatedAccessPolicies with pages in turn.
type paged struct {
	eksfake.API
	pages []*eks.ListAssociatedAccessPoliciesOutput
}

func (p *paged) ListAssociatedAccessPolicies(ctx context.Context, in *eks.ListAssociatedAccessPoliciesInput, o ...func(*eks.Options)) (*eks.ListAssociatedAccessPoliciesOutput, error) {
	cp := *in
	if _, err := p.API.ListAssociatedAccessPolicies(ctx, &cp, o...); err != nil {
		return nil, err
	}
	out := p.pages[0]
	p.pages = p.pages[1:]
	return out, nil
}

type modifier func(*v1alpha1.AccessPolicyAssociation)

func assoc(m ...modifier) *v1alpha1.AccessPolicyAssociation {
	a := &v1alpha1.AccessPolicyAssociation{ObjectMeta: metav1.ObjectMeta{Name: "view", Namespace: "default"}}
	meta.SetExternalName(a, extName)
	a.Spec.ForProvider = v1alpha1.AccessPolicyAssociationParameters{ClusterName: aws.String(clusterName), PrincipalARN: aws.String(principal), PolicyARN: policy,
		AccessScope: v1alpha1.AccessScope{Type: "namespace", Namespaces: []string{"b", "a"}}}
	for _, f := range m {
		f(a)
	}
	return a
}

func listed(ps ...types.AssociatedAccessPolicy) *eks.ListAssociatedAccessPoliciesOutput {
	return &eks.ListAssociatedAccessPoliciesOutput{AssociatedAccessPolicies: ps}
}

func view(ns ...string) types.AssociatedAccessPolicy {
	return types.AssociatedAccessPolicy{PolicyArn: aws.String(policy), AssociatedAt: &at, AccessScope: &types.AccessScope{Type: types.AccessScopeTypeNamespace, Namespaces: ns}}
}

const (
	errNoCluster   = "spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector"
	errNoPrincipal = "spec.forProvider.principalArn is not set: set it, or reference a Role with principalArnRef or principalArnSelector"
)

func TestObserve(t *testing.T) {
	other := types.AssociatedAccessPolicy{PolicyArn: aws.String("arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy")}
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.AccessPolicyAssociation
		api    ekskit.API
		want   managed.ExternalObservation
		err    error
		name   string
	}{
		"NoCluster": {
			reason: "Without a cluster nothing is read.",
			cr:     assoc(func(a *v1alpha1.AccessPolicyAssociation) { a.Spec.ForProvider.ClusterName = nil }),
			api:    &eksfake.API{}, err: errors.New(errNoCluster), name: extName,
		},
		"EntryGone": {
			reason: "A missing access entry means no association.",
			cr:     assoc(),
			api:    eksfake.New(nil, map[string]error{"ListAssociatedAccessPolicies": awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")}),
			name:   extName,
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     assoc(),
			api:    eksfake.New(nil, map[string]error{"ListAssociatedAccessPolicies": errBoom}),
			err:    errors.Wrap(errBoom, "cannot list the access policies of the EKS access entry"), name: extName,
		},
		"NotAssociated": {
			reason: "A policy not in the list does not exist.",
			cr:     assoc(),
			api:    eksfake.New(map[string]any{"ListAssociatedAccessPolicies": listed(other)}, nil),
			name:   extName,
		},
		"UpToDate": {
			reason: "The same scope is up to date; namespace order does not matter.",
			cr:     assoc(),
			api:    &paged{pages: []*eks.ListAssociatedAccessPoliciesOutput{{AssociatedAccessPolicies: []types.AssociatedAccessPolicy{other}, NextToken: aws.String("t")}, listed(view("a", "b"))}},
			want:   managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
			name:   extName,
		},
		"ScopeDiffers": {
			reason: "Another scope is a diff; the composite external name is set.",
			cr:     assoc(func(a *v1alpha1.AccessPolicyAssociation) { meta.SetExternalName(a, "view") }),
			api:    eksfake.New(map[string]any{"ListAssociatedAccessPolicies": listed(view("a"))}, nil),
			want:   managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false, ResourceLateInitialized: true},
			name:   extName,
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			eksfake.CheckObservation(t, tc.reason, tc.err, err, tc.want, got)
			if got := meta.GetExternalName(tc.cr); got != tc.name {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.name, got)
			}
			if tc.want.ResourceExists {
				if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Available()) || tc.cr.Status.AtProvider.AssociatedAt != "2026-01-02T03:04:05Z" {
					t.Errorf("%s\nwant Available with associatedAt, got %+v %+v", tc.reason, c, tc.cr.Status.AtProvider)
				}
			}
		})
	}
	// The pages are requested with the token.
	p := &paged{pages: []*eks.ListAssociatedAccessPoliciesOutput{{NextToken: aws.String("t")}, listed()}}
	if _, err := (&external{api: p}).Observe(context.Background(), assoc()); err != nil {
		t.Fatal(err)
	}
	want := []any{
		&eks.ListAssociatedAccessPoliciesInput{ClusterName: aws.String(clusterName), PrincipalArn: aws.String(principal)},
		&eks.ListAssociatedAccessPoliciesInput{ClusterName: aws.String(clusterName), PrincipalArn: aws.String(principal), NextToken: aws.String("t")},
	}
	if diff := cmp.Diff(want, p.Sent(), awsfake.SDKInputs()); diff != "" {
		t.Errorf("list inputs: -want, +got:\n%s", diff)
	}
}

func TestCreateUpdate(t *testing.T) {
	in := &eks.AssociateAccessPolicyInput{ClusterName: aws.String(clusterName), PrincipalArn: aws.String(principal), PolicyArn: aws.String(policy),
		AccessScope: &types.AccessScope{Type: types.AccessScopeTypeNamespace, Namespaces: []string{"b", "a"}}}
	nf := awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.AccessPolicyAssociation
		api    *eksfake.API
		want   error
		inputs []any
	}{
		"Success": {reason: "The policy is associated with the scope.", cr: assoc(), api: &eksfake.API{}, inputs: []any{in}},
		"NoEntry": {reason: "A missing access entry is explained.", cr: assoc(), api: eksfake.New(nil, map[string]error{"AssociateAccessPolicy": nf}), inputs: []any{in},
			want: errors.Wrap(nf, "cannot associate the access policy: the access entry of the principal does not exist yet (create an AccessEntry); retried")},
		"Error": {reason: "Other errors are wrapped.", cr: assoc(), api: eksfake.New(nil, map[string]error{"AssociateAccessPolicy": errBoom}), inputs: []any{in},
			want: errors.Wrap(errBoom, "cannot associate the access policy with the EKS access entry")},
		"NoPrincipal": {reason: "Without a principal nothing is sent.", cr: assoc(func(a *v1alpha1.AccessPolicyAssociation) { a.Spec.ForProvider.PrincipalARN = nil }),
			api: &eksfake.API{}, want: errors.New(errNoPrincipal)},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			cr := tc.cr.DeepCopy()
			meta.SetExternalName(cr, "view")
			_, err := (&external{api: tc.api}).Create(context.Background(), cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(): -want error, +got error:\n%s", tc.reason, diff)
			}
			wantName := "view"
			if tc.want == nil {
				wantName = extName
			}
			if got := meta.GetExternalName(cr); got != wantName {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, wantName, got)
			}
			api := eksfake.New(nil, tc.api.Errs)
			_, err = (&external{api: api}).Update(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nUpdate(): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.inputs, api.Sent(), awsfake.SDKInputs()); diff != "" {
				t.Errorf("%s\nUpdate inputs: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	eksfake.TestDelete(t, "DisassociateAccessPolicy", &eks.DisassociateAccessPolicyInput{ClusterName: aws.String(clusterName), PrincipalArn: aws.String(principal), PolicyArn: aws.String(policy)},
		"cannot disassociate the access policy from the EKS access entry", func() *v1alpha1.AccessPolicyAssociation { return assoc() },
		func(api *eksfake.API, cr *v1alpha1.AccessPolicyAssociation) error {
			_, err := (&external{api: api}).Delete(context.Background(), cr)
			return err
		}, map[string]eksfake.DeleteCase[*v1alpha1.AccessPolicyAssociation]{
			"NoPrincipal": {Reason: "Without a principal nothing is deleted.", CR: assoc(func(a *v1alpha1.AccessPolicyAssociation) { a.Spec.ForProvider.PrincipalARN = nil }), API: &eksfake.API{}, Want: errors.New(errNoPrincipal)},
		})
}
