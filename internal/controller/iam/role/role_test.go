package role

import (
	"context"
	"net/url"
	"testing"
	"time"

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
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
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

// kind is what the cases every IAM kind shares know of the role.
var kind = iamfake.Kind[*v1alpha1.Role]{What: "IAM role", New: func() *v1alpha1.Role { return role() },
	Client: func(api *iamfake.API) mr.External[*v1alpha1.Role] { return &external{api: api} }}

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
	r.SetConditions(xpv2.Available())
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

func TestObserve(t *testing.T) {
	type want = iamfake.ObserveWant[*v1alpha1.Role]
	// drift is what Observe returns for a role that differs from its spec.
	drift := want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, Calls: []string{"GetRole"}, CR: role(withAvailable)}
	cases := map[string]iamfake.ObserveCase[*v1alpha1.Role]{
		"InvalidJSON": {
			Reason: "A trust policy that is not JSON is rejected before any AWS call.",
			API:    iamfake.New(nil, nil),
			CR:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = `{"Version": ` }),
			Want: want{Err: iamkit.ValidateDocument("spec.forProvider.assumeRolePolicy", `{"Version": `),
				CR: role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = `{"Version": ` })},
		},
		"InvalidInlineJSON": {
			Reason: "An inline policy that is not JSON is rejected before any AWS call.",
			API:    iamfake.New(nil, nil),
			CR:     role(withInline(v1alpha1.InlinePolicy{Name: "bad", Policy: "nope"})),
			Want: want{Err: iamkit.ValidateDocument("the policy of spec.forProvider.inlinePolicies bad", "nope"),
				CR: role(withInline(v1alpha1.InlinePolicy{Name: "bad", Policy: "nope"}))},
		},
		"UpToDateSemanticallyEqual": {
			Reason: "A URL-encoded trust policy that means the same as the spec's, with other key order and list forms, is up to date: one read, no diff.",
			API:    iamfake.New(map[string]any{"GetRole": awsRole()}, nil),
			CR:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = trustReordered }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: []string{"GetRole"},
				CR: role(withAvailable, func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = trustReordered })},
		},
		"LateInitialize": {
			Reason: "Unset fields are copied from AWS: path, maxSessionDuration, description, permissions boundary, tags.",
			API: iamfake.New(map[string]any{"GetRole": awsRole(func(r *types.Role) {
				r.Description = aws.String("d")
				r.PermissionsBoundary = &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: aws.String("arn:aws:iam::aws:policy/PowerUserAccess")}
			})}, nil),
			CR: role(func(r *v1alpha1.Role) {
				r.Spec.ForProvider = v1alpha1.RoleParameters{AssumeRolePolicy: trust}
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: []string{"GetRole"},
				CR: role(withAvailable, func(r *v1alpha1.Role) {
					r.Spec.ForProvider.Description = aws.String("d")
					r.Spec.ForProvider.PermissionsBoundary = aws.String("arn:aws:iam::aws:policy/PowerUserAccess")
				})},
		},
		"AWSTagsNotTheUsers": {
			Reason: "AWS's aws:* tags are not copied into the spec and are no drift: only the user's tags are.",
			API: iamfake.New(map[string]any{"GetRole": awsRole(func(r *types.Role) {
				r.Tags = append(r.Tags, types.Tag{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("s")})
			})}, nil),
			CR: role(func(r *v1alpha1.Role) { r.Spec.ForProvider.Tags = nil }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: []string{"GetRole"},
				CR: role(withAvailable)},
		},
		"TagDrift": {
			Reason: "A tag changed and one added out of band are a diff on their own.",
			API: iamfake.New(map[string]any{"GetRole": awsRole(func(r *types.Role) {
				r.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("other")}, {Key: aws.String("extra"), Value: aws.String("x")}}
			})}, nil),
			CR:   role(),
			Want: drift,
		},
		"Drift": {
			Reason: "A changed trust policy, session duration and removed tag are a diff.",
			API: iamfake.New(map[string]any{"GetRole": awsRole(func(r *types.Role) {
				r.AssumeRolePolicyDocument = aws.String(url.QueryEscape(otherTrust))
				r.MaxSessionDuration = aws.Int32(7200)
				r.Tags = nil
			})}, nil),
			CR:   role(),
			Want: drift,
		},
		"ImmutablePath": {
			Reason: "A path that differs from AWS's cannot be updated: the error says what to do.",
			API:    iamfake.New(map[string]any{"GetRole": awsRole(func(r *types.Role) { r.Path = aws.String("/svc/") })}, nil),
			CR:     role(),
			Want: want{Err: errors.New(`role "eks-cluster" has path /svc/ in AWS, not /: path is immutable, set spec.forProvider.path to /svc/ (or create a new Role)`),
				Calls: []string{"GetRole"}, CR: role()},
		},
		"InlineEqual": {
			Reason: "Inline policies are listed and read when the spec manages them, and compared semantically.",
			API:    iamfake.New(merge(map[string]any{"GetRole": awsRole()}, inlineOut(map[string]string{"describe": describe})), nil),
			CR:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describeReordered})),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: []string{"GetRole", "ListRolePolicies", "GetRolePolicy"},
				CR: role(withAvailable, withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describeReordered}))},
		},
		"InlineExtra": {
			Reason: "An inline policy the spec does not list is a diff when the spec manages inline policies.",
			API:    iamfake.New(merge(map[string]any{"GetRole": awsRole()}, inlineOut(map[string]string{"other": describe})), nil),
			CR:     role(withInline()),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, Calls: []string{"GetRole", "ListRolePolicies", "GetRolePolicy"},
				CR: role(withAvailable, withInline())},
		},
		"InlineListError": {
			Reason: "A failed list of inline policies is returned with context.",
			API:    iamfake.New(map[string]any{"GetRole": awsRole()}, map[string]error{"ListRolePolicies": awsfake.APIError("IAM", 500, "ServiceFailure")}),
			CR:     role(withInline()),
			Want: want{Err: errors.Wrap(awsfake.APIError("IAM", 500, "ServiceFailure"), "cannot list the inline policies of the IAM role"),
				Calls: []string{"GetRole", "ListRolePolicies"}, CR: role(withInline())},
		},
		"InlineGetError": {
			Reason: "A failed read of an inline policy is returned with context.",
			API:    iamfake.New(map[string]any{"GetRole": awsRole(), "ListRolePolicies": &iam.ListRolePoliciesOutput{PolicyNames: []string{"p"}}}, map[string]error{"GetRolePolicy": awsfake.APIError("IAM", 500, "ServiceFailure")}),
			CR:     role(withInline()),
			Want: want{Err: errors.Wrap(awsfake.APIError("IAM", 500, "ServiceFailure"), `cannot get inline policy "p" of the IAM role`),
				Calls: []string{"GetRole", "ListRolePolicies", "GetRolePolicy"}, CR: role(withInline())},
		},
	}
	iamfake.TestObserve(t, cases, kind.Observe)
	kind.TestObserveGet(t, "GetRole", "cannot get IAM role")
	iamfake.TestNoExternalName(t, func() *v1alpha1.Role { return role(func(r *v1alpha1.Role) { meta.SetExternalName(r, "") }) }, kind.Observe)
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
			api:    iamfake.New(nil, nil),
			cr:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = "{" }),
			want:   want{err: iamkit.ValidateDocument("spec.forProvider.assumeRolePolicy", "{")},
		},
		"Success": {
			reason: "CreateRole carries every field it accepts; inline policies are put after it.",
			api:    iamfake.New(nil, nil),
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
			api:    iamfake.New(nil, map[string]error{"CreateRole": awsfake.APIError("IAM", 400, "MalformedPolicyDocument")}),
			cr:     role(),
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 400, "MalformedPolicyDocument"), "cannot create IAM role"), calls: []string{"CreateRole"},
				input: &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust), MaxSessionDuration: aws.Int32(3600),
					Path: aws.String("/"), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}}},
		},
		"AlreadyExists": {
			reason: "A retried create is success; the next observation reconciles the rest.",
			api:    iamfake.New(nil, map[string]error{"CreateRole": awsfake.APIError("IAM", 409, "EntityAlreadyExists")}),
			cr:     role(func(r *v1alpha1.Role) { r.Spec.ForProvider.Tags = nil }),
			want: want{calls: []string{"CreateRole"}, input: &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust),
				MaxSessionDuration: aws.Int32(3600), Path: aws.String("/")}},
		},
		"PutInlineError": {
			reason: "A failed inline policy put is returned with its name.",
			api:    iamfake.New(nil, map[string]error{"PutRolePolicy": awsfake.APIError("IAM", 400, "MalformedPolicyDocument")}),
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe}), func(r *v1alpha1.Role) { r.Spec.ForProvider.Tags = nil }),
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 400, "MalformedPolicyDocument"), `cannot put inline policy "describe" of the IAM role`),
				calls: []string{"CreateRole", "PutRolePolicy"}, input: &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust),
					MaxSessionDuration: aws.Int32(3600), Path: aws.String("/")}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Create(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Create", tc.want.err, err, tc.want.calls)
			if tc.want.input != nil {
				tc.api.CheckInputs(t, tc.reason, map[string]any{"CreateRole": tc.want.input})
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
			api:      iamfake.New(nil, nil),
			cr:       role(func(r *v1alpha1.Role) { r.Spec.ForProvider.AssumeRolePolicy = trustReordered }),
			observed: &role().Spec.ForProvider,
			want:     want{},
		},
		"Everything": {
			reason: "Each differing field is written with its own call; tags are added and removed; inline policies put and deleted.",
			api:    iamfake.New(nil, nil),
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
			api:    iamfake.New(nil, nil),
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
			api:    iamfake.New(nil, map[string]error{"UpdateAssumeRolePolicy": awsfake.APIError("IAM", 400, "MalformedPolicyDocument")}),
			cr:     role(),
			observed: func() *v1alpha1.RoleParameters {
				p := role().Spec.ForProvider
				p.AssumeRolePolicy = otherTrust
				return &p
			}(),
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 400, "MalformedPolicyDocument"), "cannot update the assume role policy of the IAM role"),
				calls: []string{"UpdateAssumeRolePolicy"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, observed: tc.observed}
			_, err := e.Update(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Update", tc.want.err, err, tc.want.calls)
			tc.api.CheckInputs(t, tc.reason, tc.want.inputs)
		})
	}
	kind.TestNotObserved(t)
}

func TestDelete(t *testing.T) {
	type want struct {
		err   error
		calls []string
	}
	conflict := awsfake.APIError("IAM", 409, "DeleteConflict")
	cases := map[string]struct {
		reason string
		api    *iamfake.API
		cr     *v1alpha1.Role
		want   want
	}{
		"Success": {
			reason: "The managed inline policies are deleted, then the role.",
			api:    iamfake.New(nil, nil),
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe})),
			want:   want{calls: []string{"DeleteRolePolicy", "DeleteRole"}},
		},
		"AlreadyGoneWithInline": {
			reason: "NoSuchEntity is success, for inline policies and for the role.",
			api: iamfake.New(nil, map[string]error{"DeleteRolePolicy": awsfake.APIError("IAM", 404, "NoSuchEntity"),
				"DeleteRole": awsfake.APIError("IAM", 404, "NoSuchEntity")}),
			cr:   role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe})),
			want: want{calls: []string{"DeleteRolePolicy", "DeleteRole"}},
		},
		"DeleteInlineError": {
			reason: "A failed inline policy deletion stops the deletion.",
			api:    iamfake.New(nil, map[string]error{"DeleteRolePolicy": awsfake.APIError("IAM", 500, "ServiceFailure")}),
			cr:     role(withInline(v1alpha1.InlinePolicy{Name: "describe", Policy: describe})),
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 500, "ServiceFailure"), `cannot delete inline policy "describe" of the IAM role`),
				calls: []string{"DeleteRolePolicy"}},
		},
		"DeleteConflict": {
			reason: "A role with attached policies names them in the error, which is retried.",
			api: iamfake.New(map[string]any{
				"ListAttachedRolePolicies": &iam.ListAttachedRolePoliciesOutput{AttachedPolicies: []types.AttachedPolicy{
					{PolicyArn: aws.String("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")}}},
				"ListRolePolicies": &iam.ListRolePoliciesOutput{PolicyNames: []string{"unmanaged"}},
			}, map[string]error{"DeleteRole": conflict}),
			cr: role(),
			want: want{err: errors.Wrap(conflict, `cannot delete IAM role "eks-cluster": it still has attached policy arn:aws:iam::aws:policy/AmazonEKSClusterPolicy, inline policy unmanaged; detach them (e.g. delete their RolePolicyAttachments) and the deletion is retried`),
				calls: []string{"DeleteRole", "ListAttachedRolePolicies", "ListRolePolicies"}},
		},
		"DeleteConflictUnknown": {
			reason: "A conflict without attached or inline policies says other resources block it.",
			api:    iamfake.New(nil, map[string]error{"DeleteRole": conflict}),
			cr:     role(),
			want: want{err: errors.Wrap(conflict, `cannot delete IAM role "eks-cluster": it still has other resources (e.g. instance profiles); detach them (e.g. delete their RolePolicyAttachments) and the deletion is retried`),
				calls: []string{"DeleteRole", "ListAttachedRolePolicies", "ListRolePolicies"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Delete(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Delete", tc.want.err, err, tc.want.calls)
		})
	}
	kind.TestDelete(t, nil, "DeleteRole", "cannot delete IAM role")
}
