package role

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamfake"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamutil"
)

const (
	roleName = "eks-cluster"
	roleARN  = "arn:aws:iam::123456789012:role/eks-cluster"
	trust    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	// trustReordered means the same as trust.
	trustReordered = `{ "Statement": { "Action": ["sts:AssumeRole"], "Effect": "Allow",
		"Principal": {"Service": ["eks.amazonaws.com"]} }, "Version": "2012-10-17" }`
	otherTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	describe   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`
	// describeReordered means the same as describe.
	describeReordered = `{"Statement":[{"Resource":["*"],"Action":["ec2:Describe*"],"Effect":"Allow"}],"Version":"2012-10-17"}`
)

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type roleModifier func(*v1alpha1.Role)

// role returns a Role whose every field is set, as after late initialization.
func role(m ...roleModifier) *v1alpha1.Role {
	r := &v1alpha1.Role{ObjectMeta: metav1.ObjectMeta{Name: roleName, Namespace: "default"}}
	meta.SetExternalName(r, roleName)
	r.Spec.ForProvider = v1alpha1.RoleParameters{
		AssumeRolePolicy:   trust,
		MaxSessionDuration: aws.Int32(3600),
		Path:               aws.String("/"),
		Tags:               map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(r)
	}
	return r
}

func withStatus(r *v1alpha1.Role) {
	r.Status.AtProvider = v1alpha1.RoleObservation{ARN: roleARN, RoleID: "AROA1", CreateDate: "2026-01-02T03:04:05Z"}
}

func withAvailable(r *v1alpha1.Role) {
	withStatus(r)
	r.SetConditions(availableCondition())
}

func withInline(ps ...v1alpha1.InlinePolicy) roleModifier {
	return func(r *v1alpha1.Role) {
		r.Spec.ForProvider.InlinePolicies = append([]v1alpha1.InlinePolicy{}, ps...)
	}
}

// awsRole is the role as IAM returns it: documents URL-encoded.
func awsRole(m ...func(*types.Role)) *iam.GetRoleOutput {
	r := &types.Role{
		RoleName: aws.String(roleName), Arn: aws.String(roleARN), RoleId: aws.String("AROA1"), CreateDate: aws.Time(created),
		AssumeRolePolicyDocument: aws.String(url.QueryEscape(trust)),
		MaxSessionDuration:       aws.Int32(3600), Path: aws.String("/"),
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}},
	}
	for _, f := range m {
		f(r)
	}
	return &iam.GetRoleOutput{Role: r}
}

func inlineOut(docs map[string]string) map[string]any {
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	return map[string]any{
		"ListRolePolicies": &iam.ListRolePoliciesOutput{PolicyNames: names},
		"GetRolePolicy": func(in any) (any, error) {
			n := aws.ToString(in.(*iam.GetRolePolicyInput).PolicyName)
			return &iam.GetRolePolicyOutput{PolicyName: aws.String(n), PolicyDocument: aws.String(url.PathEscape(docs[n]))}, nil
		},
	}
}

func merge(ms ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func ignoreConditionTimes() cmp.Option {
	return cmpopts.IgnoreFields(metav1.Condition{}, "LastTransitionTime")
}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		role  *v1alpha1.Role
	}
	cases := map[string]struct {
		reason string
		api    *iamfake.API
		cr     *v1alpha1.Role
		want   want
	}{
		"NoExternalName": {
			reason: "Without an external name there is nothing to look for.",
			api:    &iamfake.API{},
			cr:     role(func(r *v1alpha1.Role) { meta.SetExternalName(r, "") }),
			want:   want{role: role(func(r *v1alpha1.Role) { meta.SetExternalName(r, "") })},
		},
		"InvalidJSON": {
			reason: "A trust policy that is not JSON is rejected before any AWS call.",
			api:    &iamfake.API{},
			cr:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = `{"Version": ` }),
			want: want{err: iamutil.ValidateDocument("spec.forProvider.assumeRolePolicy", `{"Version": `),
				role: role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = `{"Version": ` })},
		},
		"InvalidInlineJSON": {
			reason: "An inline policy that is not JSON is rejected before any AWS call.",
			api:    &iamfake.API{},
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "bad", Policy: "nope"})),
			want: want{err: iamutil.ValidateDocument("the policy of spec.forProvider.inlinePolicies bad", "nope"),
				role: role(withInline(v1alpha1.InlinePolicy{Name: "bad", Policy: "nope"}))},
		},
		"NotFound": {
			reason: "NoSuchEntity means the role does not exist.",
			api:    &iamfake.API{Errs: map[string]error{"GetRole": iamfake.APIError(404, "NoSuchEntity")}},
			cr:     role(),
			want:   want{o: managed.ExternalObservation{ResourceExists: false}, calls: []string{"GetRole"}, role: role()},
		},
		"GetError": {
			reason: "Other errors keep AWS's code, with context.",
			api:    &iamfake.API{Errs: map[string]error{"GetRole": iamfake.APIError(403, "AccessDenied")}},
			cr:     role(),
			want:   want{err: errors.Wrap(iamfake.APIError(403, "AccessDenied"), "cannot get IAM role"), calls: []string{"GetRole"}, role: role()},
		},
		"UpToDateSemanticallyEqual": {
			reason: "A URL-encoded trust policy that means the same as the spec's, with other key order and list forms, is up to date: one read, no diff.",
			api:    &iamfake.API{Out: map[string]any{"GetRole": awsRole()}},
			cr:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = trustReordered }),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"GetRole"},
				role: role(withAvailable, func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = trustReordered })},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS: path, maxSessionDuration, description, permissions boundary, tags.",
			api: &iamfake.API{Out: map[string]any{"GetRole": awsRole(func(r *types.Role) {
				r.Description = aws.String("d")
				r.PermissionsBoundary = &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: aws.String("arn:aws:iam::aws:policy/PowerUserAccess")}
			})}},
			cr: role(func(r *v1alpha1.Role) {
				r.Spec.ForProvider = v1alpha1.RoleParameters{AssumeRolePolicy: trust}
			}),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: []string{"GetRole"},
				role: role(withAvailable, func(r *v1alpha1.Role) {
					r.Spec.ForProvider.Description = aws.String("d")
					r.Spec.ForProvider.PermissionsBoundary = aws.String("arn:aws:iam::aws:policy/PowerUserAccess")
				})},
		},
		"Drift": {
			reason: "A changed trust policy, session duration and removed tag are a diff.",
			api: &iamfake.API{Out: map[string]any{"GetRole": awsRole(func(r *types.Role) {
				r.AssumeRolePolicyDocument = aws.String(url.QueryEscape(otherTrust))
				r.MaxSessionDuration = aws.Int32(7200)
				r.Tags = nil
			})}},
			cr: role(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, calls: []string{"GetRole"},
				role: role(withAvailable)},
		},
		"ImmutablePath": {
			reason: "A path that differs from AWS's cannot be updated: the error says what to do.",
			api:    &iamfake.API{Out: map[string]any{"GetRole": awsRole(func(r *types.Role) { r.Path = aws.String("/svc/") })}},
			cr:     role(),
			want: want{err: errors.New(`role "eks-cluster" has path /svc/ in AWS, not /: path is immutable, set spec.forProvider.path to /svc/ (or create a new Role)`),
				calls: []string{"GetRole"}, role: role()},
		},
		"InlineEqual": {
			reason: "Inline policies are listed and read when the spec manages them, and compared semantically.",
			api:    &iamfake.API{Out: merge(map[string]any{"GetRole": awsRole()}, inlineOut(map[string]string{"describe": describe}))},
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describeReordered})),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"GetRole", "ListRolePolicies", "GetRolePolicy"},
				role: role(withAvailable, withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describeReordered}))},
		},
		"InlineExtra": {
			reason: "An inline policy the spec does not list is a diff when the spec manages inline policies.",
			api:    &iamfake.API{Out: merge(map[string]any{"GetRole": awsRole()}, inlineOut(map[string]string{"other": describe}))},
			cr:     role(withInline()),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, calls: []string{"GetRole", "ListRolePolicies", "GetRolePolicy"},
				role: role(withAvailable, withInline())},
		},
		"InlineListError": {
			reason: "A failed list of inline policies is returned with context.",
			api:    &iamfake.API{Out: map[string]any{"GetRole": awsRole()}, Errs: map[string]error{"ListRolePolicies": iamfake.APIError(500, "ServiceFailure")}},
			cr:     role(withInline()),
			want: want{err: errors.Wrap(iamfake.APIError(500, "ServiceFailure"), "cannot list the inline policies of the IAM role"),
				calls: []string{"GetRole", "ListRolePolicies"}, role: role(withInline())},
		},
		"InlineGetError": {
			reason: "A failed read of an inline policy is returned with context.",
			api: &iamfake.API{Out: map[string]any{"GetRole": awsRole(), "ListRolePolicies": &iam.ListRolePoliciesOutput{PolicyNames: []string{"p"}}},
				Errs: map[string]error{"GetRolePolicy": iamfake.APIError(500, "ServiceFailure")}},
			cr: role(withInline()),
			want: want{err: errors.Wrap(iamfake.APIError(500, "ServiceFailure"), `cannot get inline policy "p" of the IAM role`),
				calls: []string{"GetRole", "ListRolePolicies", "GetRolePolicy"}, role: role(withInline())},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			got, err := e.Observe(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nObserve(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if got.Diff != "" && tc.want.o.ResourceUpToDate {
				t.Errorf("%s\nObserve(...): unexpected diff %s", tc.reason, got.Diff)
			}
			if !got.ResourceUpToDate && got.ResourceExists && got.Diff == "" {
				t.Errorf("%s\nObserve(...): not up to date without a diff", tc.reason)
			}
			got.Diff = ""
			if diff := cmp.Diff(tc.want.o, got); diff != "" {
				t.Errorf("%s\nObserve(...): -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nAWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.role, tc.cr, ignoreConditionTimes()); diff != "" {
				t.Errorf("%s\nRole: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestCreate(t *testing.T) {
	type want struct {
		err   error
		calls []string
		input *iam.CreateRoleInput
	}
	cases := map[string]struct {
		reason string
		api    *iamfake.API
		cr     *v1alpha1.Role
		want   want
	}{
		"InvalidJSON": {
			reason: "A trust policy that is not JSON is rejected before any AWS call.",
			api:    &iamfake.API{},
			cr:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = "{" }),
			want:   want{err: iamutil.ValidateDocument("spec.forProvider.assumeRolePolicy", "{")},
		},
		"Success": {
			reason: "CreateRole carries every field it accepts; inline policies are put after it.",
			api:    &iamfake.API{},
			cr: role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe}), func(r *v1alpha1.Role) {
				r.Spec.ForProvider.Description = aws.String("d")
				r.Spec.ForProvider.PermissionsBoundary = aws.String("arn:aws:iam::aws:policy/PowerUserAccess")
			}),
			want: want{calls: []string{"CreateRole", "PutRolePolicy"}, input: &iam.CreateRoleInput{
				RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust), MaxSessionDuration: aws.Int32(3600),
				Path: aws.String("/"), Description: aws.String("d"), PermissionsBoundary: aws.String("arn:aws:iam::aws:policy/PowerUserAccess"),
				Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}},
			}},
		},
		"Malformed": {
			reason: "AWS's MalformedPolicyDocument is returned with its code.",
			api:    &iamfake.API{Errs: map[string]error{"CreateRole": iamfake.APIError(400, "MalformedPolicyDocument")}},
			cr:     role(),
			want: want{err: errors.Wrap(iamfake.APIError(400, "MalformedPolicyDocument"), "cannot create IAM role"), calls: []string{"CreateRole"},
				input: &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust), MaxSessionDuration: aws.Int32(3600),
					Path: aws.String("/"), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}}},
		},
		"AlreadyExists": {
			reason: "A retried create is success; the next observation reconciles the rest.",
			api:    &iamfake.API{Errs: map[string]error{"CreateRole": iamfake.APIError(409, "EntityAlreadyExists")}},
			cr:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.Tags = nil }),
			want: want{calls: []string{"CreateRole"}, input: &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust),
				MaxSessionDuration: aws.Int32(3600), Path: aws.String("/")}},
		},
		"PutInlineError": {
			reason: "A failed inline policy put is returned with its name.",
			api:    &iamfake.API{Errs: map[string]error{"PutRolePolicy": iamfake.APIError(400, "MalformedPolicyDocument")}},
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe}), func(r *v1alpha1.Role) { r.Spec.ForProvider.Tags = nil }),
			want: want{err: errors.Wrap(iamfake.APIError(400, "MalformedPolicyDocument"), `cannot put inline policy "describe" of the IAM role`),
				calls: []string{"CreateRole", "PutRolePolicy"}, input: &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust),
					MaxSessionDuration: aws.Int32(3600), Path: aws.String("/")}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nAWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if tc.want.input != nil {
				if diff := cmp.Diff(tc.want.input, tc.api.Input("CreateRole", 0), cmpopts.IgnoreUnexported(iam.CreateRoleInput{}, types.Tag{})); diff != "" {
					t.Errorf("%s\nCreateRole input: -want, +got:\n%s", tc.reason, diff)
				}
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		inputs map[string]any
	}
	cases := map[string]struct {
		reason   string
		api      *iamfake.API
		cr       *v1alpha1.Role
		observed *v1alpha1.RoleParameters
		want     want
	}{
		"SemanticallyEqualNoWrite": {
			reason:   "An equal trust policy written differently, and equal everything else, writes nothing.",
			api:      &iamfake.API{},
			cr:       role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = trustReordered }),
			observed: &role().Spec.ForProvider,
			want:     want{},
		},
		"Everything": {
			reason: "Each differing field is written with its own call; tags are added and removed; inline policies put and deleted.",
			api:    &iamfake.API{},
			cr: role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe}, v1alpha1.InlinePolicy{Name: "same", Policy: describeReordered}), func(r *v1alpha1.Role) {
				r.Spec.ForProvider.MaxSessionDuration = aws.Int32(7200)
				r.Spec.ForProvider.PermissionsBoundary = aws.String("arn:aws:iam::aws:policy/PowerUserAccess")
				r.Spec.ForProvider.Tags = map[string]string{"team": "platform", "env": "dev"}
			}),
			observed: &v1alpha1.RoleParameters{AssumeRolePolicy: otherTrust, MaxSessionDuration: aws.Int32(3600), Path: aws.String("/"),
				PermissionsBoundary: aws.String(""), Tags: map[string]string{"team": "platform", "old": "x"},
				InlinePolicies: []v1alpha1.InlinePolicy{{Name: "same", Policy: describe}, {Name: "gone", Policy: describe}}},
			want: want{
				calls: []string{"UpdateAssumeRolePolicy", "UpdateRole", "PutRolePermissionsBoundary", "UntagRole", "TagRole", "PutRolePolicy", "DeleteRolePolicy"},
				inputs: map[string]any{
					"UpdateAssumeRolePolicy":     &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(roleName), PolicyDocument: aws.String(trust)},
					"UpdateRole":                 &iam.UpdateRoleInput{RoleName: aws.String(roleName), MaxSessionDuration: aws.Int32(7200)},
					"PutRolePermissionsBoundary": &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String(roleName), PermissionsBoundary: aws.String("arn:aws:iam::aws:policy/PowerUserAccess")},
					"UntagRole":                  &iam.UntagRoleInput{RoleName: aws.String(roleName), TagKeys: []string{"old"}},
					"TagRole":                    &iam.TagRoleInput{RoleName: aws.String(roleName), Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}},
					"PutRolePolicy":              &iam.PutRolePolicyInput{RoleName: aws.String(roleName), PolicyName: aws.String("describe"), PolicyDocument: aws.String(describe)},
					"DeleteRolePolicy":           &iam.DeleteRolePolicyInput{RoleName: aws.String(roleName), PolicyName: aws.String("gone")},
				},
			},
		},
		"RemoveBoundary": {
			reason: "An empty permissionsBoundary deletes the boundary.",
			api:    &iamfake.API{},
			cr:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.PermissionsBoundary = aws.String("") }),
			observed: func() *v1alpha1.RoleParameters {
				p := role().Spec.ForProvider
				p.PermissionsBoundary = aws.String("arn:b")
				return &p
			}(),
			want: want{calls: []string{"DeleteRolePermissionsBoundary"}},
		},
		"UpdateTrustError": {
			reason: "A failed trust policy update keeps AWS's code.",
			api:    &iamfake.API{Errs: map[string]error{"UpdateAssumeRolePolicy": iamfake.APIError(400, "MalformedPolicyDocument")}},
			cr:     role(),
			observed: func() *v1alpha1.RoleParameters {
				p := role().Spec.ForProvider
				p.AssumeRolePolicy = otherTrust
				return &p
			}(),
			want: want{err: errors.Wrap(iamfake.APIError(400, "MalformedPolicyDocument"), "cannot update the assume role policy of the IAM role"),
				calls: []string{"UpdateAssumeRolePolicy"}},
		},
		"NotObservedReads": {
			reason: "Without an observation from this reconcile, Update reads first.",
			api:    &iamfake.API{Out: map[string]any{"GetRole": awsRole(func(r *types.Role) { r.MaxSessionDuration = aws.Int32(7200) })}},
			cr:     role(),
			want: want{calls: []string{"GetRole", "UpdateRole"}, inputs: map[string]any{
				"UpdateRole": &iam.UpdateRoleInput{RoleName: aws.String(roleName), MaxSessionDuration: aws.Int32(3600)}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, observed: tc.observed}
			_, err := e.Update(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nUpdate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nAWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			for op, in := range tc.want.inputs {
				if diff := cmp.Diff(in, tc.api.Input(op, 0), cmpopts.IgnoreUnexported(
					iam.UpdateAssumeRolePolicyInput{}, iam.UpdateRoleInput{}, iam.PutRolePermissionsBoundaryInput{}, iam.UntagRoleInput{},
					iam.TagRoleInput{}, types.Tag{}, iam.PutRolePolicyInput{}, iam.DeleteRolePolicyInput{})); diff != "" {
					t.Errorf("%s\n%s input: -want, +got:\n%s", tc.reason, op, diff)
				}
			}
		})
	}
}

func TestDelete(t *testing.T) {
	type want struct {
		err   error
		calls []string
	}
	conflict := iamfake.APIError(409, "DeleteConflict")
	cases := map[string]struct {
		reason string
		api    *iamfake.API
		cr     *v1alpha1.Role
		want   want
	}{
		"Success": {
			reason: "The managed inline policies are deleted, then the role.",
			api:    &iamfake.API{},
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe})),
			want:   want{calls: []string{"DeleteRolePolicy", "DeleteRole"}},
		},
		"AlreadyGone": {
			reason: "NoSuchEntity is success, for inline policies and for the role.",
			api: &iamfake.API{Errs: map[string]error{"DeleteRolePolicy": iamfake.APIError(404, "NoSuchEntity"),
				"DeleteRole": iamfake.APIError(404, "NoSuchEntity")}},
			cr:   role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe})),
			want: want{calls: []string{"DeleteRolePolicy", "DeleteRole"}},
		},
		"DeleteInlineError": {
			reason: "A failed inline policy deletion stops the deletion.",
			api:    &iamfake.API{Errs: map[string]error{"DeleteRolePolicy": iamfake.APIError(500, "ServiceFailure")}},
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe})),
			want: want{err: errors.Wrap(iamfake.APIError(500, "ServiceFailure"), `cannot delete inline policy "describe" of the IAM role`),
				calls: []string{"DeleteRolePolicy"}},
		},
		"DeleteConflict": {
			reason: "A role with attached policies names them in the error, which is retried.",
			api: &iamfake.API{Errs: map[string]error{"DeleteRole": conflict}, Out: map[string]any{
				"ListAttachedRolePolicies": &iam.ListAttachedRolePoliciesOutput{AttachedPolicies: []types.AttachedPolicy{
					{PolicyArn: aws.String("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")}}},
				"ListRolePolicies": &iam.ListRolePoliciesOutput{PolicyNames: []string{"unmanaged"}},
			}},
			cr: role(),
			want: want{err: errors.Wrap(conflict, `cannot delete IAM role "eks-cluster": it still has attached policy arn:aws:iam::aws:policy/AmazonEKSClusterPolicy, inline policy unmanaged; detach them (e.g. delete their RolePolicyAttachments) and the deletion is retried`),
				calls: []string{"DeleteRole", "ListAttachedRolePolicies", "ListRolePolicies"}},
		},
		"DeleteConflictUnknown": {
			reason: "A conflict without attached or inline policies says other resources block it.",
			api:    &iamfake.API{Errs: map[string]error{"DeleteRole": conflict}},
			cr:     role(),
			want: want{err: errors.Wrap(conflict, `cannot delete IAM role "eks-cluster": it still has other resources (e.g. instance profiles); detach them (e.g. delete their RolePolicyAttachments) and the deletion is retried`),
				calls: []string{"DeleteRole", "ListAttachedRolePolicies", "ListRolePolicies"}},
		},
		"DeleteError": {
			reason: "Other errors keep AWS's code.",
			api:    &iamfake.API{Errs: map[string]error{"DeleteRole": iamfake.APIError(403, "AccessDenied")}},
			cr:     role(),
			want:   want{err: errors.Wrap(iamfake.APIError(403, "AccessDenied"), "cannot delete IAM role"), calls: []string{"DeleteRole"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Delete(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nAWS calls: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
