package rolepolicyattachment

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	roleName  = "eks-cluster"
	policyARN = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
	extName   = roleName + "/" + policyARN
)

type modifier func(*v1alpha1.RolePolicyAttachment)

func rpa(m ...modifier) *v1alpha1.RolePolicyAttachment {
	a := &v1alpha1.RolePolicyAttachment{ObjectMeta: metav1.ObjectMeta{Name: "attach", Namespace: "default"}}
	a.Spec.ForProvider.RoleName = aws.String(roleName)
	a.Spec.ForProvider.PolicyARN = aws.String(policyARN)
	for _, f := range m {
		f(a)
	}
	return a
}

func withExternalName(n string) modifier {
	return func(a *v1alpha1.RolePolicyAttachment) { meta.SetExternalName(a, n) }
}

// kind is what the cases every IAM kind shares know of the attachment.
var kind = iamfake.Kind[*v1alpha1.RolePolicyAttachment]{What: "IAM role policy attachment",
	New:    func() *v1alpha1.RolePolicyAttachment { return rpa(withExternalName(extName)) },
	Client: func(api *iamfake.API) mr.External[*v1alpha1.RolePolicyAttachment] { return &external{api: api} }}

func withAvailable(a *v1alpha1.RolePolicyAttachment) {
	a.Status.AtProvider.PolicyName = "AmazonEKSClusterPolicy"
	a.SetConditions(xpv2.Available())
}

func attached(arns ...string) *iam.ListAttachedRolePoliciesOutput {
	out := &iam.ListAttachedRolePoliciesOutput{}
	for _, a := range arns {
		out.AttachedPolicies = append(out.AttachedPolicies, types.AttachedPolicy{PolicyArn: aws.String(a), PolicyName: aws.String("AmazonEKSClusterPolicy")})
	}
	return out
}

func TestParseExternalName(t *testing.T) {
	cases := map[string]struct {
		in        string
		role, arn string
		ok        bool
	}{
		"Valid":     {in: extName, role: roleName, arn: policyARN, ok: true},
		"PathInARN": {in: "r/arn:aws:iam::123456789012:policy/team/p", role: "r", arn: "arn:aws:iam::123456789012:policy/team/p", ok: true},
		"NoSlash":   {in: "attach", role: "attach", ok: false},
		"NotAnARN":  {in: "r/p", role: "r", arn: "p", ok: false},
		"NoRole":    {in: "/" + policyARN, arn: policyARN, ok: false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r, a, ok := ParseExternalName(tc.in)
			if r != tc.role || a != tc.arn || ok != tc.ok {
				t.Errorf("ParseExternalName(%q) = %q, %q, %t; want %q, %q, %t", tc.in, r, a, ok, tc.role, tc.arn, tc.ok)
			}
		})
	}
}

func TestObserve(t *testing.T) {
	type want = iamfake.ObserveWant[*v1alpha1.RolePolicyAttachment]
	cases := map[string]iamfake.ObserveCase[*v1alpha1.RolePolicyAttachment]{
		"BadExternalName": {
			Reason: "An external name that is not <roleName>/<policyArn> is an error that says how to fix it.",
			API:    iamfake.New(nil, nil),
			CR:     rpa(withExternalName("attach")),
			Want: want{Err: errors.New(`external name "attach" is not <roleName>/<policyArn>: fix the crossplane.io/external-name annotation, or remove it`),
				CR: rpa(withExternalName("attach"))},
		},
		"Unresolved": {
			Reason: "Without a role name or policy ARN there is nothing to observe.",
			API:    iamfake.New(nil, nil),
			CR:     rpa(func(a *v1alpha1.RolePolicyAttachment) { a.Spec.ForProvider.RoleName = nil }),
			Want: want{Err: errors.New("spec.forProvider.roleName and spec.forProvider.policyArn must be set (directly or by reference)"),
				CR: rpa(func(a *v1alpha1.RolePolicyAttachment) { a.Spec.ForProvider.RoleName = nil })},
		},
		"NotAttached": {
			Reason: "A policy not among the role's attached policies is not attached.",
			API:    iamfake.New(map[string]any{"ListAttachedRolePolicies": attached("arn:aws:iam::aws:policy/Other")}, nil),
			CR:     rpa(withExternalName(extName)),
			Want:   want{Calls: []string{"ListAttachedRolePolicies"}, CR: rpa(withExternalName(extName))},
		},
		"AttachedSecondPage": {
			Reason: "The attached policies are paged through; an attached policy is up to date.",
			API: iamfake.New(map[string]any{"ListAttachedRolePolicies": func(in any) (any, error) {
				if in.(*iam.ListAttachedRolePoliciesInput).Marker == nil {
					o := attached("arn:aws:iam::aws:policy/Other")
					o.IsTruncated, o.Marker = true, aws.String("m")
					return o, nil
				}
				return attached(policyARN), nil
			}}, nil),
			CR: rpa(withExternalName(extName)),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: []string{"ListAttachedRolePolicies", "ListAttachedRolePolicies"}, CR: rpa(withExternalName(extName), withAvailable)},
		},
		"Adopted": {
			Reason: "An existing attachment without an external name is adopted: the external name is recorded.",
			API:    iamfake.New(map[string]any{"ListAttachedRolePolicies": attached(policyARN)}, nil),
			CR:     rpa(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"ListAttachedRolePolicies"}, CR: rpa(withExternalName(extName), withAvailable)},
		},
	}
	iamfake.TestObserve(t, cases, kind.Observe)
	// NoSuchEntity is for the role: without it, the attachment does not exist.
	kind.TestObserveGet(t, "ListAttachedRolePolicies", "cannot list the policies attached to the IAM role")
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason  string
		api     *iamfake.API
		cr      *v1alpha1.RolePolicyAttachment
		wantErr error
		wantExt string
		calls   []string
	}{
		"Success": {
			reason:  "The policy is attached and the external name recorded.",
			api:     iamfake.New(nil, nil),
			cr:      rpa(),
			wantExt: extName,
			calls:   []string{"AttachRolePolicy"},
		},
		"UnknownPolicy": {
			reason:  "An unknown policy ARN surfaces AWS's NoSuchEntity; no external name is recorded.",
			api:     iamfake.New(nil, map[string]error{"AttachRolePolicy": awsfake.APIError("IAM", 404, "NoSuchEntity")}),
			cr:      rpa(),
			wantErr: errors.Wrap(awsfake.APIError("IAM", 404, "NoSuchEntity"), "cannot attach policy "+policyARN+" to IAM role "+roleName),
			calls:   []string{"AttachRolePolicy"},
		},
		"BadExternalName": {
			reason:  "A malformed external name is an error.",
			api:     iamfake.New(nil, nil),
			cr:      rpa(withExternalName("x")),
			wantErr: errors.New(`external name "x" is not <roleName>/<policyArn>: fix the crossplane.io/external-name annotation, or remove it`),
			wantExt: "x",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Create(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Create", tc.wantErr, err, tc.calls)
			if got := meta.GetExternalName(tc.cr); got != tc.wantExt {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.wantExt, got)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	api := iamfake.New(nil, nil)
	if _, err := (&external{api: api}).Update(context.Background(), rpa()); err != nil || len(api.Calls) != 0 {
		t.Errorf("Update(...): %v, calls %v; want no error and no call (both fields are immutable)", err, api.Calls)
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason  string
		api     *iamfake.API
		cr      *v1alpha1.RolePolicyAttachment
		wantErr error
		calls   []string
	}{
		"Success": {reason: "The policy is detached.", api: iamfake.New(nil, nil), cr: rpa(withExternalName(extName)), calls: []string{"DetachRolePolicy"}},
		"BadExternalName": {
			reason:  "A malformed external name is an error.",
			api:     iamfake.New(nil, nil),
			cr:      rpa(withExternalName("x")),
			wantErr: errors.New(`external name "x" is not <roleName>/<policyArn>: fix the crossplane.io/external-name annotation, or remove it`),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Delete(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Delete", tc.wantErr, err, tc.calls)
		})
	}
	kind.TestDelete(t, nil, "DetachRolePolicy", "cannot detach policy "+policyARN+" from IAM role "+roleName)
}
