package policy

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
	policyName = "read-logs"
	policyARN  = "arn:aws:iam::123456789012:policy/read-logs"
	doc        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	// docReordered means the same as doc.
	docReordered = `{ "Statement": [ { "Resource": ["*"], "Effect": "Allow", "Action": ["s3:GetObject"] } ], "Version": "2012-10-17" }`
	otherDoc     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`
)

type policyModifier func(*v1alpha1.Policy)

func pol(m ...policyModifier) *v1alpha1.Policy {
	p := &v1alpha1.Policy{ObjectMeta: metav1.ObjectMeta{Name: policyName, Namespace: "default"}}
	meta.SetExternalName(p, policyName)
	p.Spec.ForProvider = v1alpha1.PolicyParameters{Document: doc, Path: aws.String("/"), Tags: map[string]string{"team": "platform"}}
	for _, f := range m {
		f(p)
	}
	return p
}

func withARN(p *v1alpha1.Policy) { p.Status.AtProvider.ARN = policyARN }

// kind is what the cases every IAM kind shares know of the policy: its ARN
// is recorded, so Observe and Delete act on it directly.
var kind = iamfake.Kind[*v1alpha1.Policy]{What: "IAM policy", New: func() *v1alpha1.Policy { return pol(withARN) },
	Client: func(api *iamfake.API) mr.External[*v1alpha1.Policy] { return &external{api: api} }}

func withAvailable(attachments int32) policyModifier {
	return func(p *v1alpha1.Policy) {
		p.Status.AtProvider = v1alpha1.PolicyObservation{ARN: policyARN, PolicyID: "ANPA1", DefaultVersionID: "v2", AttachmentCount: attachments}
		p.SetConditions(xpv2.Available())
	}
}

func getPolicy(m ...func(*types.Policy)) *iam.GetPolicyOutput {
	p := &types.Policy{PolicyName: aws.String(policyName), Arn: aws.String(policyARN), PolicyId: aws.String("ANPA1"), DefaultVersionId: aws.String("v2"),
		Path: aws.String("/"), AttachmentCount: aws.Int32(0), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}}
	for _, f := range m {
		f(p)
	}
	return &iam.GetPolicyOutput{Policy: p}
}

func version(d string) *iam.GetPolicyVersionOutput {
	return &iam.GetPolicyVersionOutput{PolicyVersion: &types.PolicyVersion{VersionId: aws.String("v2"), IsDefaultVersion: true, Document: aws.String(url.PathEscape(d))}}
}

func TestObserve(t *testing.T) {
	type want = iamfake.ObserveWant[*v1alpha1.Policy]
	cases := map[string]iamfake.ObserveCase[*v1alpha1.Policy]{
		"InvalidJSON": {
			Reason: "A document that is not JSON is rejected before any AWS call.",
			API:    iamfake.New(nil, nil),
			CR:     pol(func(p *v1alpha1.Policy) { p.Spec.ForProvider.Document = "{" }),
			Want: want{Err: iamkit.ValidateDocument("spec.forProvider.document", "{"),
				CR: pol(func(p *v1alpha1.Policy) { p.Spec.ForProvider.Document = "{" })},
		},
		"NotFoundByName": {
			Reason: "Without a recorded ARN the policy is looked up by name; none found means it does not exist.",
			API: iamfake.New(map[string]any{"ListPolicies": &iam.ListPoliciesOutput{Policies: []types.Policy{
				{PolicyName: aws.String("other"), Arn: aws.String("arn:aws:iam::123456789012:policy/other")}}}}, nil),
			CR:   pol(),
			Want: want{Calls: []string{"ListPolicies"}, CR: pol()},
		},
		"ListError": {
			Reason: "A failed lookup by name is returned with context.",
			API:    iamfake.New(nil, map[string]error{"ListPolicies": awsfake.APIError("IAM", 403, "AccessDenied")}),
			CR:     pol(),
			Want: want{Err: errors.Wrap(awsfake.APIError("IAM", 403, "AccessDenied"), "cannot list IAM policies to find the policy's ARN"),
				Calls: []string{"ListPolicies"}, CR: pol()},
		},
		"FoundByNameUpToDate": {
			Reason: "A policy found by name (second page) is read; a semantically equal, URL-encoded document is up to date.",
			API: iamfake.New(map[string]any{
				"ListPolicies": func(in any) (any, error) {
					if in.(*iam.ListPoliciesInput).Marker == nil {
						return &iam.ListPoliciesOutput{IsTruncated: true, Marker: aws.String("m")}, nil
					}
					return &iam.ListPoliciesOutput{Policies: []types.Policy{{PolicyName: aws.String(policyName), Arn: aws.String(policyARN)}}}, nil
				},
				"GetPolicy": getPolicy(), "GetPolicyVersion": version(doc)}, nil),
			CR: pol(func(p *v1alpha1.Policy) { p.Spec.ForProvider.Document = docReordered }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: []string{"ListPolicies", "ListPolicies", "GetPolicy", "GetPolicyVersion"},
				CR:    pol(withAvailable(0), func(p *v1alpha1.Policy) { p.Spec.ForProvider.Document = docReordered })},
		},
		"RecordedARN": {
			Reason: "A recorded ARN is read directly: two calls in steady state.",
			API:    iamfake.New(map[string]any{"GetPolicy": getPolicy(), "GetPolicyVersion": version(doc)}, nil),
			CR:     pol(withARN),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: []string{"GetPolicy", "GetPolicyVersion"}, CR: pol(withAvailable(0))},
		},
		"VersionError": {
			Reason: "A failed read of the default version is returned with context.",
			API:    iamfake.New(map[string]any{"GetPolicy": getPolicy()}, map[string]error{"GetPolicyVersion": awsfake.APIError("IAM", 500, "ServiceFailure")}),
			CR:     pol(withARN),
			Want: want{Err: errors.Wrap(awsfake.APIError("IAM", 500, "ServiceFailure"), "cannot get the default version of the IAM policy"),
				Calls: []string{"GetPolicy", "GetPolicyVersion"}, CR: pol(withARN)},
		},
		"DocumentAndTagDrift": {
			Reason: "A changed document and tags are a diff.",
			API:    iamfake.New(map[string]any{"GetPolicy": getPolicy(func(p *types.Policy) { p.Tags = nil }), "GetPolicyVersion": version(otherDoc)}, nil),
			CR:     pol(withARN),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				Calls: []string{"GetPolicy", "GetPolicyVersion"}, CR: pol(withAvailable(0))},
		},
		"TagDrift": {
			Reason: "A tag added out of band is a diff on its own.",
			API: iamfake.New(map[string]any{"GetPolicy": getPolicy(func(p *types.Policy) {
				p.Tags = append(p.Tags, types.Tag{Key: aws.String("extra"), Value: aws.String("x")})
			}), "GetPolicyVersion": version(doc)}, nil),
			CR: pol(withARN),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				Calls: []string{"GetPolicy", "GetPolicyVersion"}, CR: pol(withAvailable(0))},
		},
		"LateInitialize": {
			Reason: "Unset path, description and tags are copied from AWS.",
			API: iamfake.New(map[string]any{"GetPolicy": getPolicy(func(p *types.Policy) { p.Description = aws.String("d"); p.AttachmentCount = aws.Int32(2) }),
				"GetPolicyVersion": version(doc)}, nil),
			CR: pol(withARN, func(p *v1alpha1.Policy) { p.Spec.ForProvider = v1alpha1.PolicyParameters{Document: doc} }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"GetPolicy", "GetPolicyVersion"},
				CR:    pol(withAvailable(2), func(p *v1alpha1.Policy) { p.Spec.ForProvider.Description = aws.String("d") })},
		},
		"ImmutablePath": {
			Reason: "A path that differs from AWS's is an error that says what to do.",
			API:    iamfake.New(map[string]any{"GetPolicy": getPolicy(func(p *types.Policy) { p.Path = aws.String("/x/") }), "GetPolicyVersion": version(doc)}, nil),
			CR:     pol(withARN),
			Want: want{Err: errors.New(`policy "read-logs" has path /x/ in AWS, not /: path is immutable, set spec.forProvider.path to /x/ (or create a new Policy)`),
				Calls: []string{"GetPolicy", "GetPolicyVersion"}, CR: pol(withARN)},
		},
		"ImmutableDescription": {
			Reason: "A description that differs from AWS's is an error that says what to do.",
			API:    iamfake.New(map[string]any{"GetPolicy": getPolicy(), "GetPolicyVersion": version(doc)}, nil),
			CR:     pol(withARN, func(p *v1alpha1.Policy) { p.Spec.ForProvider.Description = aws.String("new") }),
			Want: want{Err: errors.New(`policy "read-logs" has description "" in AWS, not "new": AWS cannot change a policy's description, set spec.forProvider.description to "" (or create a new Policy)`),
				Calls: []string{"GetPolicy", "GetPolicyVersion"}, CR: pol(withARN, func(p *v1alpha1.Policy) { p.Spec.ForProvider.Description = aws.String("new") })},
		},
	}
	iamfake.TestObserve(t, cases, kind.Observe)
	// With a recorded ARN, the policy is read directly.
	kind.TestObserveGet(t, "GetPolicy", "cannot get IAM policy")
	iamfake.TestNoExternalName(t, func() *v1alpha1.Policy { return pol(func(p *v1alpha1.Policy) { meta.SetExternalName(p, "") }) }, kind.Observe)
}

func TestCreate(t *testing.T) {
	type want struct {
		err   error
		calls []string
		arn   string
	}
	cases := map[string]struct {
		reason string
		api    *iamfake.API
		cr     *v1alpha1.Policy
		want   want
	}{
		"InvalidJSON": {
			reason: "A document that is not JSON is rejected before any AWS call.",
			api:    iamfake.New(nil, nil),
			cr:     pol(func(p *v1alpha1.Policy) { p.Spec.ForProvider.Document = "nope" }),
			want:   want{err: iamkit.ValidateDocument("spec.forProvider.document", "nope")},
		},
		"Success": {
			reason: "CreatePolicy's ARN is recorded.",
			api:    iamfake.New(map[string]any{"CreatePolicy": &iam.CreatePolicyOutput{Policy: &types.Policy{Arn: aws.String(policyARN)}}}, nil),
			cr:     pol(func(p *v1alpha1.Policy) { p.Spec.ForProvider.Description = aws.String("d") }),
			want:   want{calls: []string{"CreatePolicy"}, arn: policyARN},
		},
		"AlreadyExists": {
			reason: "A retried create is success: the next observation finds the policy by name.",
			api:    iamfake.New(nil, map[string]error{"CreatePolicy": awsfake.APIError("IAM", 409, "EntityAlreadyExists")}),
			cr:     pol(),
			want:   want{calls: []string{"CreatePolicy"}},
		},
		"Malformed": {
			reason: "AWS's MalformedPolicyDocument is returned with its code.",
			api:    iamfake.New(nil, map[string]error{"CreatePolicy": awsfake.APIError("IAM", 400, "MalformedPolicyDocument")}),
			cr:     pol(),
			want:   want{err: errors.Wrap(awsfake.APIError("IAM", 400, "MalformedPolicyDocument"), "cannot create IAM policy"), calls: []string{"CreatePolicy"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Create(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Create", tc.want.err, err, tc.want.calls)
			if tc.cr.Status.AtProvider.ARN != tc.want.arn {
				t.Errorf("%s\nARN: want %q, got %q", tc.reason, tc.want.arn, tc.cr.Status.AtProvider.ARN)
			}
			if in, ok := tc.api.Input("CreatePolicy", 0).(*iam.CreatePolicyInput); ok && aws.ToString(in.PolicyDocument) != tc.cr.Spec.ForProvider.Document {
				t.Errorf("%s\nCreatePolicy document: %q", tc.reason, aws.ToString(in.PolicyDocument))
			}
		})
	}
}

func versions(n int) *iam.ListPolicyVersionsOutput {
	out := &iam.ListPolicyVersionsOutput{}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// Listed newest first, as IAM does; v1 is the oldest, the newest is default.
	for i := n; i >= 1; i-- {
		out.Versions = append(out.Versions, types.PolicyVersion{VersionId: aws.String("v" + string(rune('0'+i))), IsDefaultVersion: i == n,
			CreateDate: aws.Time(base.Add(time.Duration(i) * time.Hour))})
	}
	return out
}

func TestUpdate(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		inputs map[string]any
	}
	observed := &v1alpha1.PolicyParameters{Document: doc, Path: aws.String("/"), Description: aws.String(""), Tags: map[string]string{"team": "platform"}}
	changed := func(f func(*v1alpha1.PolicyParameters)) *v1alpha1.PolicyParameters {
		o := observed.DeepCopy()
		f(o)
		return o
	}
	// newDoc is an observation whose document differs from the spec's.
	newDoc := changed(func(o *v1alpha1.PolicyParameters) { o.Document = otherDoc })
	cases := map[string]struct {
		reason   string
		api      *iamfake.API
		cr       *v1alpha1.Policy
		observed *v1alpha1.PolicyParameters
		want     want
	}{
		"SemanticallyEqualNoWrite": {
			reason:   "A document equal to AWS's but written differently writes nothing.",
			api:      iamfake.New(nil, nil),
			cr:       pol(func(p *v1alpha1.Policy) { p.Spec.ForProvider.Document = docReordered }),
			observed: observed,
		},
		"NewVersion": {
			reason:   "A changed document becomes a new default version; with fewer than 5 versions none is deleted.",
			api:      iamfake.New(map[string]any{"ListPolicyVersions": versions(3)}, nil),
			cr:       pol(),
			observed: newDoc,
			want: want{calls: []string{"ListPolicyVersions", "CreatePolicyVersion"}, inputs: map[string]any{
				"CreatePolicyVersion": &iam.CreatePolicyVersionInput{PolicyArn: aws.String(policyARN), PolicyDocument: aws.String(doc), SetAsDefault: true}}},
		},
		"PruneAtFive": {
			reason:   "With 5 versions, the oldest non-default version is deleted before the new one is created.",
			api:      iamfake.New(map[string]any{"ListPolicyVersions": versions(5)}, nil),
			cr:       pol(),
			observed: newDoc,
			want: want{calls: []string{"ListPolicyVersions", "DeletePolicyVersion", "CreatePolicyVersion"}, inputs: map[string]any{
				"DeletePolicyVersion": &iam.DeletePolicyVersionInput{PolicyArn: aws.String(policyARN), VersionId: aws.String("v1")}}},
		},
		"PruneError": {
			reason:   "A failed pruning stops the update with context.",
			api:      iamfake.New(map[string]any{"ListPolicyVersions": versions(5)}, map[string]error{"DeletePolicyVersion": awsfake.APIError("IAM", 500, "ServiceFailure")}),
			cr:       pol(),
			observed: newDoc,
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 500, "ServiceFailure"), "cannot delete the oldest version v1 of the IAM policy to make room for a new one (AWS keeps at most 5)"),
				calls: []string{"ListPolicyVersions", "DeletePolicyVersion"}},
		},
		"ListVersionsError": {
			reason:   "A failed version list stops the update with context.",
			api:      iamfake.New(nil, map[string]error{"ListPolicyVersions": awsfake.APIError("IAM", 500, "ServiceFailure")}),
			cr:       pol(),
			observed: newDoc,
			want:     want{err: errors.Wrap(awsfake.APIError("IAM", 500, "ServiceFailure"), "cannot list the versions of the IAM policy"), calls: []string{"ListPolicyVersions"}},
		},
		"CreateVersionError": {
			reason:   "A rejected new version keeps AWS's code.",
			api:      iamfake.New(map[string]any{"ListPolicyVersions": versions(1)}, map[string]error{"CreatePolicyVersion": awsfake.APIError("IAM", 400, "MalformedPolicyDocument")}),
			cr:       pol(),
			observed: newDoc,
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 400, "MalformedPolicyDocument"), "cannot create a new default version of the IAM policy"),
				calls: []string{"ListPolicyVersions", "CreatePolicyVersion"}},
		},
		"Tags": {
			reason:   "Tags are added, changed and removed.",
			api:      iamfake.New(nil, nil),
			cr:       pol(func(p *v1alpha1.Policy) { p.Spec.ForProvider.Tags = map[string]string{"team": "data", "env": "dev"} }),
			observed: changed(func(o *v1alpha1.PolicyParameters) { o.Tags = map[string]string{"team": "platform", "old": "x"} }),
			want: want{calls: []string{"UntagPolicy", "TagPolicy"}, inputs: map[string]any{
				"UntagPolicy": &iam.UntagPolicyInput{PolicyArn: aws.String(policyARN), TagKeys: []string{"old"}},
				"TagPolicy": &iam.TagPolicyInput{PolicyArn: aws.String(policyARN), Tags: []types.Tag{
					{Key: aws.String("env"), Value: aws.String("dev")}, {Key: aws.String("team"), Value: aws.String("data")}}},
			}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, observed: tc.observed}
			if tc.observed != nil {
				e.arn = policyARN
			}
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
	entities := &iam.ListEntitiesForPolicyOutput{PolicyRoles: []types.PolicyRole{{RoleName: aws.String("eks-cluster")}},
		PolicyUsers: []types.PolicyUser{{UserName: aws.String("alice")}}, PolicyGroups: []types.PolicyGroup{{GroupName: aws.String("admins")}}}
	cases := map[string]struct {
		reason      string
		api         *iamfake.API
		cr          *v1alpha1.Policy
		attachments int32
		want        want
	}{
		"Success": {
			reason: "Non-default versions are deleted, then the policy.",
			api:    iamfake.New(map[string]any{"ListPolicyVersions": versions(2)}, nil),
			cr:     pol(withARN),
			want:   want{calls: []string{"ListPolicyVersions", "DeletePolicyVersion", "DeletePolicy"}},
		},
		"NotFoundByName": {
			reason: "A policy that cannot be found by name is gone.",
			api:    iamfake.New(nil, nil),
			cr:     pol(),
			want:   want{calls: []string{"ListPolicies"}},
		},
		"GoneAtListVersions": {
			reason: "NoSuchEntity from ListPolicyVersions is success.",
			api:    iamfake.New(nil, map[string]error{"ListPolicyVersions": awsfake.APIError("IAM", 404, "NoSuchEntity")}),
			cr:     pol(withARN),
			want:   want{calls: []string{"ListPolicyVersions"}},
		},
		"AttachedPerObservation": {
			reason:      "A policy observed as attached is not touched: the error names where it is attached, and is retried.",
			api:         iamfake.New(map[string]any{"ListEntitiesForPolicy": entities}, nil),
			cr:          pol(withARN),
			attachments: 3,
			want: want{err: errors.New("cannot delete IAM policy " + policyARN + ": it is still attached to role eks-cluster, user alice, group admins; detach it (e.g. delete the RolePolicyAttachments) and the deletion is retried (DeleteConflict)"),
				calls: []string{"ListEntitiesForPolicy"}},
		},
		"DeleteConflict": {
			reason: "AWS's DeleteConflict names the attachments and keeps the code.",
			api:    iamfake.New(map[string]any{"ListEntitiesForPolicy": entities}, map[string]error{"DeletePolicy": conflict}),
			cr:     pol(withARN),
			want: want{err: errors.Wrap(conflict, "cannot delete IAM policy "+policyARN+": it is still attached to role eks-cluster, user alice, group admins; detach it (e.g. delete the RolePolicyAttachments) and the deletion is retried"),
				calls: []string{"ListPolicyVersions", "DeletePolicy", "ListEntitiesForPolicy"}},
		},
		"DeleteVersionError": {
			reason: "A failed version deletion stops the deletion.",
			api:    iamfake.New(map[string]any{"ListPolicyVersions": versions(2)}, map[string]error{"DeletePolicyVersion": awsfake.APIError("IAM", 500, "ServiceFailure")}),
			cr:     pol(withARN),
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 500, "ServiceFailure"), "cannot delete version v1 of the IAM policy"),
				calls: []string{"ListPolicyVersions", "DeletePolicyVersion"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, attachments: tc.attachments}
			_, err := e.Delete(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Delete", tc.want.err, err, tc.want.calls)
		})
	}
	// The versions are listed (none to delete) before the policy is deleted.
	kind.TestDelete(t, []string{"ListPolicyVersions"}, "DeletePolicy", "cannot delete IAM policy")
}
