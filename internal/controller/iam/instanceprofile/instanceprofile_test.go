package instanceprofile

import (
	"context"
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
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	name = "nodes"
	arn  = "arn:aws:iam::123456789012:instance-profile/nodes"
)

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// kind is what the cases every IAM kind shares know of the instance profile.
var kind = iamfake.Kind[*v1alpha1.InstanceProfile]{What: "IAM instance profile", New: func() *v1alpha1.InstanceProfile { return profile() },
	Client: func(api *iamfake.API) mr.External[*v1alpha1.InstanceProfile] { return &external{api: api} }}

type modifier func(*v1alpha1.InstanceProfile)

func profile(m ...modifier) *v1alpha1.InstanceProfile {
	p := &v1alpha1.InstanceProfile{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}}
	meta.SetExternalName(p, name)
	p.Spec.ForProvider = v1alpha1.InstanceProfileParameters{RoleName: aws.String("node-role"), Path: aws.String("/"), Tags: map[string]string{"team": "platform"}}
	for _, f := range m {
		f(p)
	}
	return p
}

func withAvailable(p *v1alpha1.InstanceProfile) {
	p.Status.AtProvider = v1alpha1.InstanceProfileObservation{ARN: arn, InstanceProfileID: "AIPA1", CreateDate: "2026-01-02T03:04:05Z"}
	p.SetConditions(xpv2.Available())
}

func getOut(m ...func(*types.InstanceProfile)) *iam.GetInstanceProfileOutput {
	ip := &types.InstanceProfile{InstanceProfileName: aws.String(name), Arn: aws.String(arn), InstanceProfileId: aws.String("AIPA1"), CreateDate: aws.Time(created),
		Path: aws.String("/"), Roles: []types.Role{{RoleName: aws.String("node-role")}}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}}
	for _, f := range m {
		f(ip)
	}
	return &iam.GetInstanceProfileOutput{InstanceProfile: ip}
}

func TestObserve(t *testing.T) {
	type want = iamfake.ObserveWant[*v1alpha1.InstanceProfile]
	// drift is what Observe returns for a profile that differs from its spec.
	drift := want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, Calls: []string{"GetInstanceProfile"}, CR: profile(withAvailable)}
	cases := map[string]iamfake.ObserveCase[*v1alpha1.InstanceProfile]{
		"UpToDate": {
			Reason: "One read; equal role, path and tags are up to date.",
			API:    iamfake.New(map[string]any{"GetInstanceProfile": getOut()}, nil),
			CR:     profile(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: []string{"GetInstanceProfile"},
				CR: profile(withAvailable)},
		},
		"LateInitialize": {
			Reason: "Unset role, path and tags are copied from AWS.",
			API:    iamfake.New(map[string]any{"GetInstanceProfile": getOut()}, nil),
			CR:     profile(func(p *v1alpha1.InstanceProfile) { p.Spec.ForProvider = v1alpha1.InstanceProfileParameters{} }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"GetInstanceProfile"}, CR: profile(withAvailable)},
		},
		"RoleDrift": {
			Reason: "A removed role is a diff.",
			API:    iamfake.New(map[string]any{"GetInstanceProfile": getOut(func(ip *types.InstanceProfile) { ip.Roles = nil })}, nil),
			CR:     profile(),
			Want:   drift,
		},
		"TagDrift": {
			Reason: "A removed tag is a diff on its own.",
			API:    iamfake.New(map[string]any{"GetInstanceProfile": getOut(func(ip *types.InstanceProfile) { ip.Tags = nil })}, nil),
			CR:     profile(),
			Want:   drift,
		},
		"ImmutablePath": {
			Reason: "A path that differs from AWS's is an error that says what to do.",
			API:    iamfake.New(map[string]any{"GetInstanceProfile": getOut(func(ip *types.InstanceProfile) { ip.Path = aws.String("/x/") })}, nil),
			CR:     profile(),
			Want: want{Err: errors.New(`instance profile "nodes" has path /x/ in AWS, not /: path is immutable, set spec.forProvider.path to /x/ (or create a new InstanceProfile)`),
				Calls: []string{"GetInstanceProfile"}, CR: profile()},
		},
	}
	iamfake.TestObserve(t, cases, kind.Observe)
	kind.TestObserveGet(t, "GetInstanceProfile", "cannot get IAM instance profile")
	iamfake.TestNoExternalName(t, func() *v1alpha1.InstanceProfile {
		return profile(func(p *v1alpha1.InstanceProfile) { meta.SetExternalName(p, "") })
	}, kind.Observe)
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason  string
		api     *iamfake.API
		cr      *v1alpha1.InstanceProfile
		wantErr error
		calls   []string
	}{
		"Success": {reason: "The instance profile is created, then its role added.", api: iamfake.New(nil, nil), cr: profile(),
			calls: []string{"CreateInstanceProfile", "AddRoleToInstanceProfile"}},
		"NoRole": {reason: "Without a role only the instance profile is created.", api: iamfake.New(nil, nil),
			cr: profile(func(p *v1alpha1.InstanceProfile) { p.Spec.ForProvider.RoleName = nil }), calls: []string{"CreateInstanceProfile"}},
		"AlreadyExists": {reason: "A retried create is success.", api: iamfake.New(nil, map[string]error{"CreateInstanceProfile": awsfake.APIError("IAM", 409, "EntityAlreadyExists")}),
			cr: profile(), calls: []string{"CreateInstanceProfile"}},
		"CreateError": {reason: "Other errors keep AWS's code.", api: iamfake.New(nil, map[string]error{"CreateInstanceProfile": awsfake.APIError("IAM", 400, "InvalidInput")}),
			cr: profile(), calls: []string{"CreateInstanceProfile"}, wantErr: errors.Wrap(awsfake.APIError("IAM", 400, "InvalidInput"), "cannot create IAM instance profile")},
		"AddRoleError": {reason: "An unknown role surfaces AWS's NoSuchEntity.", api: iamfake.New(nil, map[string]error{"AddRoleToInstanceProfile": awsfake.APIError("IAM", 404, "NoSuchEntity")}),
			cr: profile(), calls: []string{"CreateInstanceProfile", "AddRoleToInstanceProfile"},
			wantErr: errors.Wrap(awsfake.APIError("IAM", 404, "NoSuchEntity"), "cannot add role node-role to the IAM instance profile")},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Create", tc.wantErr, err, tc.calls)
		})
	}
}

func TestUpdate(t *testing.T) {
	observed := &v1alpha1.InstanceProfileParameters{RoleName: aws.String("old-role"), Path: aws.String("/"), Tags: map[string]string{"old": "x"}}
	cases := map[string]struct {
		reason   string
		api      *iamfake.API
		cr       *v1alpha1.InstanceProfile
		observed *v1alpha1.InstanceProfileParameters
		wantErr  error
		calls    []string
	}{
		"NoChange": {reason: "Nothing differs: nothing is written.", api: iamfake.New(nil, nil), cr: profile(), observed: &profile().Spec.ForProvider},
		"Everything": {reason: "The role is replaced; tags are removed and added.", api: iamfake.New(nil, nil), cr: profile(), observed: observed,
			calls: []string{"RemoveRoleFromInstanceProfile", "AddRoleToInstanceProfile", "UntagInstanceProfile", "TagInstanceProfile"}},
		"AddRoleOnly": {reason: "An instance profile without a role gets one.", api: iamfake.New(nil, nil), cr: profile(),
			observed: &v1alpha1.InstanceProfileParameters{RoleName: aws.String(""), Tags: map[string]string{"team": "platform"}}, calls: []string{"AddRoleToInstanceProfile"}},
		"RemoveRoleError": {reason: "A failed removal keeps AWS's code.", api: iamfake.New(nil, map[string]error{"RemoveRoleFromInstanceProfile": awsfake.APIError("IAM", 403, "AccessDenied")}),
			cr: profile(), observed: observed, calls: []string{"RemoveRoleFromInstanceProfile"},
			wantErr: errors.Wrap(awsfake.APIError("IAM", 403, "AccessDenied"), "cannot remove role old-role from the IAM instance profile")},
		"TagError": {reason: "A failed tagging keeps AWS's code, with context.", api: iamfake.New(nil, map[string]error{"TagInstanceProfile": awsfake.APIError("IAM", 403, "AccessDenied")}),
			cr: profile(), observed: &v1alpha1.InstanceProfileParameters{RoleName: aws.String("node-role")}, calls: []string{"TagInstanceProfile"},
			wantErr: errors.Wrap(errors.Wrap(awsfake.APIError("IAM", 403, "AccessDenied"), "cannot add tags"), "cannot update the tags of the IAM instance profile")},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api, observed: tc.observed}).Update(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Update", tc.wantErr, err, tc.calls)
		})
	}
	kind.TestNotObserved(t)
}

func TestDelete(t *testing.T) {
	conflict := awsfake.APIError("IAM", 409, "DeleteConflict")
	cases := map[string]struct {
		reason   string
		api      *iamfake.API
		observed *v1alpha1.InstanceProfileParameters
		wantErr  error
		calls    []string
	}{
		"Success": {reason: "The role is removed, then the instance profile deleted.", api: iamfake.New(nil, nil),
			observed: &v1alpha1.InstanceProfileParameters{RoleName: aws.String("node-role")}, calls: []string{"RemoveRoleFromInstanceProfile", "DeleteInstanceProfile"}},
		"NoRole": {reason: "Without a role only the instance profile is deleted.", api: iamfake.New(nil, nil),
			observed: &v1alpha1.InstanceProfileParameters{RoleName: aws.String("")}, calls: []string{"DeleteInstanceProfile"}},
		"RemoveRoleError": {reason: "A failed removal keeps AWS's code.", api: iamfake.New(nil, map[string]error{"RemoveRoleFromInstanceProfile": awsfake.APIError("IAM", 403, "AccessDenied")}),
			observed: &v1alpha1.InstanceProfileParameters{RoleName: aws.String("node-role")}, calls: []string{"RemoveRoleFromInstanceProfile"},
			wantErr: errors.Wrap(awsfake.APIError("IAM", 403, "AccessDenied"), "cannot remove role node-role from the IAM instance profile")},
		"Conflict": {reason: "DeleteConflict says what blocks it, and is retried.", api: iamfake.New(nil, map[string]error{"DeleteInstanceProfile": conflict}),
			calls:   []string{"DeleteInstanceProfile"},
			wantErr: errors.Wrap(conflict, "cannot delete IAM instance profile: it still holds a role (removed on the next attempt) or is associated with an EC2 instance; the deletion is retried")},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api, observed: tc.observed}).Delete(context.Background(), profile())
			tc.api.Check(t, tc.reason, "Delete", tc.wantErr, err, tc.calls)
		})
	}
	kind.TestDelete(t, nil, "DeleteInstanceProfile", "cannot delete IAM instance profile")
}
