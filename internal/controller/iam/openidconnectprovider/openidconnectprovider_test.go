package openidconnectprovider

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
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
	url   = "https://oidc.example.com/id/ABC"
	arn   = "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/id/ABC"
	thumb = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"
	other = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
)

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type modifier func(*v1alpha1.OpenIDConnectProvider)

func oidc(m ...modifier) *v1alpha1.OpenIDConnectProvider {
	o := &v1alpha1.OpenIDConnectProvider{ObjectMeta: metav1.ObjectMeta{Name: "oidc", Namespace: "default"}}
	o.Spec.ForProvider = v1alpha1.OpenIDConnectProviderParameters{URL: url, ClientIDList: []string{"sts.amazonaws.com"},
		ThumbprintList: []string{thumb}, Tags: map[string]string{"team": "platform"}}
	for _, f := range m {
		f(o)
	}
	return o
}

func withExternalName(o *v1alpha1.OpenIDConnectProvider) { meta.SetExternalName(o, arn) }

// kind is what the cases every IAM kind shares know of the provider: its
// ARN is the external name, so Observe reads it directly.
var kind = iamfake.Kind[*v1alpha1.OpenIDConnectProvider]{What: "IAM OpenID Connect provider",
	New:    func() *v1alpha1.OpenIDConnectProvider { return oidc(withExternalName) },
	Client: func(api *iamfake.API) mr.External[*v1alpha1.OpenIDConnectProvider] { return &external{api: api} }}

func withAvailable(o *v1alpha1.OpenIDConnectProvider) {
	o.Status.AtProvider = v1alpha1.OpenIDConnectProviderObservation{ARN: arn, CreateDate: "2026-01-02T03:04:05Z"}
	o.SetConditions(xpv2.Available())
}

func getOut(m ...func(*iam.GetOpenIDConnectProviderOutput)) *iam.GetOpenIDConnectProviderOutput {
	o := &iam.GetOpenIDConnectProviderOutput{Url: aws.String("oidc.example.com/id/ABC"), ClientIDList: []string{"sts.amazonaws.com"},
		ThumbprintList: []string{thumb}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}, CreateDate: aws.Time(created)}
	for _, f := range m {
		f(o)
	}
	return o
}

func list(arns ...string) *iam.ListOpenIDConnectProvidersOutput {
	out := &iam.ListOpenIDConnectProvidersOutput{}
	for _, a := range arns {
		out.OpenIDConnectProviderList = append(out.OpenIDConnectProviderList, types.OpenIDConnectProviderListEntry{Arn: aws.String(a)})
	}
	return out
}

func TestObserve(t *testing.T) {
	type want = iamfake.ObserveWant[*v1alpha1.OpenIDConnectProvider]
	cases := map[string]iamfake.ObserveCase[*v1alpha1.OpenIDConnectProvider]{
		"NoExternalNameNotFound": {
			Reason: "Without an external name, a provider of the url is looked for; none means it does not exist.",
			API:    iamfake.New(map[string]any{"ListOpenIDConnectProviders": list("arn:aws:iam::123456789012:oidc-provider/other.example.com")}, nil),
			CR:     oidc(),
			Want:   want{Calls: []string{"ListOpenIDConnectProviders"}, CR: oidc()},
		},
		"ListError": {
			Reason: "A failed list is returned with context.",
			API:    iamfake.New(nil, map[string]error{"ListOpenIDConnectProviders": awsfake.APIError("IAM", 403, "AccessDenied")}),
			CR:     oidc(),
			Want: want{Err: errors.Wrap(awsfake.APIError("IAM", 403, "AccessDenied"), "cannot list IAM OpenID Connect providers to find the provider of the url"),
				Calls: []string{"ListOpenIDConnectProviders"}, CR: oidc()},
		},
		"Adopt": {
			Reason: "A provider of the url is adopted: its ARN becomes the external name.",
			API:    iamfake.New(map[string]any{"ListOpenIDConnectProviders": list(arn), "GetOpenIDConnectProvider": getOut()}, nil),
			CR:     oidc(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"ListOpenIDConnectProviders", "GetOpenIDConnectProvider"}, CR: oidc(withExternalName, withAvailable)},
		},
		"OtherURL": {
			Reason: "A provider of another url is an error that says what to do.",
			API:    iamfake.New(map[string]any{"GetOpenIDConnectProvider": getOut(func(o *iam.GetOpenIDConnectProviderOutput) { o.Url = aws.String("x.example.com") })}, nil),
			CR:     oidc(withExternalName),
			Want: want{Err: errors.New("OpenID Connect provider " + arn + " has url https://x.example.com, not " + url + ": url is immutable, set spec.forProvider.url to https://x.example.com (or create a new OpenIDConnectProvider)"),
				Calls: []string{"GetOpenIDConnectProvider"}, CR: oidc(withExternalName)},
		},
		"UpToDateSetOrder": {
			Reason: "Lists AWS treats as sets are compared without order; thumbprints without case.",
			API: iamfake.New(map[string]any{"GetOpenIDConnectProvider": getOut(func(o *iam.GetOpenIDConnectProviderOutput) {
				o.ClientIDList = []string{"b", "a"}
				o.ThumbprintList = []string{other, "9E99A48A9960B14926BB7F3B02E22DA2B0AB7280"}
			})}, nil),
			CR: oidc(withExternalName, func(o *v1alpha1.OpenIDConnectProvider) {
				o.Spec.ForProvider.ClientIDList = []string{"a", "b"}
				o.Spec.ForProvider.ThumbprintList = []string{thumb, other}
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: []string{"GetOpenIDConnectProvider"},
				CR: oidc(withExternalName, withAvailable, func(o *v1alpha1.OpenIDConnectProvider) {
					o.Spec.ForProvider.ClientIDList = []string{"a", "b"}
					o.Spec.ForProvider.ThumbprintList = []string{thumb, other}
				})},
		},
		"LateInitialize": {
			Reason: "Unset client IDs, thumbprints and tags are copied from AWS.",
			API:    iamfake.New(map[string]any{"GetOpenIDConnectProvider": getOut()}, nil),
			CR: oidc(withExternalName, func(o *v1alpha1.OpenIDConnectProvider) {
				o.Spec.ForProvider = v1alpha1.OpenIDConnectProviderParameters{URL: url}
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"GetOpenIDConnectProvider"}, CR: oidc(withExternalName, withAvailable)},
		},
		"TagDrift": {
			Reason: "A changed tag is a diff on its own.",
			API: iamfake.New(map[string]any{"GetOpenIDConnectProvider": getOut(func(o *iam.GetOpenIDConnectProviderOutput) {
				o.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("other")}}
			})}, nil),
			CR: oidc(withExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, Calls: []string{"GetOpenIDConnectProvider"},
				CR: oidc(withExternalName, withAvailable)},
		},
		"Drift": {
			Reason: "Changed thumbprints, client IDs or tags are a diff.",
			API: iamfake.New(map[string]any{"GetOpenIDConnectProvider": getOut(func(o *iam.GetOpenIDConnectProviderOutput) {
				o.ThumbprintList = []string{other}
				o.Tags = nil
			})}, nil),
			CR: oidc(withExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, Calls: []string{"GetOpenIDConnectProvider"},
				CR: oidc(withExternalName, withAvailable)},
		},
	}
	iamfake.TestObserve(t, cases, kind.Observe)
	kind.TestObserveGet(t, "GetOpenIDConnectProvider", "cannot get IAM OpenID Connect provider")
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason  string
		api     *iamfake.API
		wantErr error
		wantExt string
	}{
		"Success": {
			reason:  "The ARN AWS assigns becomes the external name.",
			api:     iamfake.New(map[string]any{"CreateOpenIDConnectProvider": &iam.CreateOpenIDConnectProviderOutput{OpenIDConnectProviderArn: aws.String(arn)}}, nil),
			wantExt: arn,
		},
		"AlreadyExists": {
			reason: "A retried create is success: the next observation finds the provider by url.",
			api:    iamfake.New(nil, map[string]error{"CreateOpenIDConnectProvider": awsfake.APIError("IAM", 409, "EntityAlreadyExists")}),
		},
		"Error": {
			reason:  "Other errors keep AWS's code.",
			api:     iamfake.New(nil, map[string]error{"CreateOpenIDConnectProvider": awsfake.APIError("IAM", 400, "InvalidInput")}),
			wantErr: errors.Wrap(awsfake.APIError("IAM", 400, "InvalidInput"), "cannot create IAM OpenID Connect provider"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := oidc()
			_, err := (&external{api: tc.api}).Create(context.Background(), cr)
			tc.api.Check(t, tc.reason, "Create", tc.wantErr, err, []string{"CreateOpenIDConnectProvider"})
			if got := meta.GetExternalName(cr); got != tc.wantExt {
				t.Errorf("%s\nexternal name %q, want %q", tc.reason, got, tc.wantExt)
			}
			in := tc.api.Input("CreateOpenIDConnectProvider", 0).(*iam.CreateOpenIDConnectProviderInput)
			if aws.ToString(in.Url) != url || !cmp.Equal(in.ThumbprintList, []string{thumb}) || !cmp.Equal(in.ClientIDList, []string{"sts.amazonaws.com"}) || len(in.Tags) != 1 {
				t.Errorf("%s\nCreateOpenIDConnectProvider input: %+v", tc.reason, in)
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
	observed := &v1alpha1.OpenIDConnectProviderParameters{URL: url, ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{thumb}, Tags: map[string]string{"team": "platform"}}
	changed := func(f func(*v1alpha1.OpenIDConnectProviderParameters)) *v1alpha1.OpenIDConnectProviderParameters {
		o := observed.DeepCopy()
		f(o)
		return o
	}
	cases := map[string]struct {
		reason   string
		api      *iamfake.API
		cr       *v1alpha1.OpenIDConnectProvider
		observed *v1alpha1.OpenIDConnectProviderParameters
		want     want
	}{
		"NoChange": {
			reason:   "Equal sets in another order write nothing.",
			api:      iamfake.New(nil, nil),
			cr:       oidc(withExternalName),
			observed: observed,
		},
		"Thumbprints": {
			reason:   "Changed thumbprints are replaced with one call.",
			api:      iamfake.New(nil, nil),
			cr:       oidc(withExternalName, func(o *v1alpha1.OpenIDConnectProvider) { o.Spec.ForProvider.ThumbprintList = []string{thumb, other} }),
			observed: observed,
			want: want{calls: []string{"UpdateOpenIDConnectProviderThumbprint"}, inputs: map[string]any{
				"UpdateOpenIDConnectProviderThumbprint": &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: aws.String(arn), ThumbprintList: []string{thumb, other}}}},
		},
		"ClientIDs": {
			reason: "Missing client IDs are added and extra ones removed.",
			api:    iamfake.New(nil, nil),
			cr: oidc(withExternalName, func(o *v1alpha1.OpenIDConnectProvider) {
				o.Spec.ForProvider.ClientIDList = []string{"sts.amazonaws.com", "new"}
			}),
			observed: changed(func(o *v1alpha1.OpenIDConnectProviderParameters) {
				o.ClientIDList = []string{"sts.amazonaws.com", "old"}
			}),
			want: want{calls: []string{"AddClientIDToOpenIDConnectProvider", "RemoveClientIDFromOpenIDConnectProvider"}, inputs: map[string]any{
				"AddClientIDToOpenIDConnectProvider":      &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn), ClientID: aws.String("new")},
				"RemoveClientIDFromOpenIDConnectProvider": &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn), ClientID: aws.String("old")},
			}},
		},
		"AddClientIDError": {
			reason: "A failed client ID addition keeps AWS's code.",
			api:    iamfake.New(nil, map[string]error{"AddClientIDToOpenIDConnectProvider": awsfake.APIError("IAM", 400, "InvalidInput")}),
			cr: oidc(withExternalName, func(o *v1alpha1.OpenIDConnectProvider) {
				o.Spec.ForProvider.ClientIDList = []string{"sts.amazonaws.com", "new"}
			}),
			observed: observed,
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 400, "InvalidInput"), `cannot add client ID "new" to the IAM OpenID Connect provider`),
				calls: []string{"AddClientIDToOpenIDConnectProvider"}},
		},
		"RemoveClientIDError": {
			reason:   "A failed client ID removal keeps AWS's code.",
			api:      iamfake.New(nil, map[string]error{"RemoveClientIDFromOpenIDConnectProvider": awsfake.APIError("IAM", 400, "InvalidInput")}),
			cr:       oidc(withExternalName, func(o *v1alpha1.OpenIDConnectProvider) { o.Spec.ForProvider.ClientIDList = []string{} }),
			observed: observed,
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 400, "InvalidInput"), `cannot remove client ID "sts.amazonaws.com" from the IAM OpenID Connect provider`),
				calls: []string{"RemoveClientIDFromOpenIDConnectProvider"}},
		},
		"ThumbprintError": {
			reason:   "A failed thumbprint update keeps AWS's code.",
			api:      iamfake.New(nil, map[string]error{"UpdateOpenIDConnectProviderThumbprint": awsfake.APIError("IAM", 400, "InvalidInput")}),
			cr:       oidc(withExternalName),
			observed: changed(func(o *v1alpha1.OpenIDConnectProviderParameters) { o.ThumbprintList = []string{other} }),
			want: want{err: errors.Wrap(awsfake.APIError("IAM", 400, "InvalidInput"), "cannot update the thumbprints of the IAM OpenID Connect provider"),
				calls: []string{"UpdateOpenIDConnectProviderThumbprint"}},
		},
		"Tags": {
			reason:   "Tags are added, changed and removed.",
			api:      iamfake.New(nil, nil),
			cr:       oidc(withExternalName),
			observed: changed(func(o *v1alpha1.OpenIDConnectProviderParameters) { o.Tags = map[string]string{"old": "x"} }),
			want: want{calls: []string{"UntagOpenIDConnectProvider", "TagOpenIDConnectProvider"}, inputs: map[string]any{
				"UntagOpenIDConnectProvider": &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn), TagKeys: []string{"old"}},
				"TagOpenIDConnectProvider": &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn),
					Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}},
			}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, observed: tc.observed}).Update(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Update", tc.want.err, err, tc.want.calls)
			tc.api.CheckInputs(t, tc.reason, tc.want.inputs)
		})
	}
	kind.TestNotObserved(t)
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason  string
		api     *iamfake.API
		cr      *v1alpha1.OpenIDConnectProvider
		wantErr error
		calls   []string
	}{
		"NoExternalName": {reason: "Without an ARN nothing was created.", api: iamfake.New(nil, nil), cr: oidc()},
		"Success":        {reason: "The provider is deleted.", api: iamfake.New(nil, nil), cr: oidc(withExternalName), calls: []string{"DeleteOpenIDConnectProvider"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Delete(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Delete", tc.wantErr, err, tc.calls)
		})
	}
	kind.TestDelete(t, nil, "DeleteOpenIDConnectProvider", "cannot delete IAM OpenID Connect provider")
}
