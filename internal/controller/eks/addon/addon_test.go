package addon

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

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	clusterName = "prod"
	addonName   = "vpc-cni"
	extName     = "prod/vpc-cni"
	arn         = "arn:aws:eks:us-east-1:123456789012:addon/prod/vpc-cni/x"
	roleARN     = "arn:aws:iam::123456789012:role/cni"
)

var errBoom = errors.New("boom")

type modifier func(*v1alpha1.Addon)

func addon(m ...modifier) *v1alpha1.Addon {
	a := &v1alpha1.Addon{ObjectMeta: metav1.ObjectMeta{Name: "cni", Namespace: "default"}}
	meta.SetExternalName(a, extName)
	a.Spec.ForProvider = v1alpha1.AddonParameters{
		ClusterName: aws.String(clusterName), AddonName: addonName, AddonVersion: aws.String("v1.19.2-eksbuild.1"),
		ServiceAccountRoleARN: aws.String(roleARN), ConfigurationValues: aws.String(`{"env":{"A":"1"}}`),
		ResolveConflicts: aws.String("OVERWRITE"), Tags: map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(a)
	}
	return a
}

type awsModifier func(*types.Addon)

func awsAddon(m ...awsModifier) *types.Addon {
	a := &types.Addon{
		AddonName: aws.String(addonName), ClusterName: aws.String(clusterName), AddonArn: aws.String(arn), Status: types.AddonStatusActive,
		AddonVersion: aws.String("v1.19.2-eksbuild.1"), ServiceAccountRoleArn: aws.String(roleARN),
		ConfigurationValues: aws.String(`{"env":{"A":"1"}}`), Tags: map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(a)
	}
	return a
}

func describe(a *types.Addon) map[string]any {
	return map[string]any{"DescribeAddon": &eks.DescribeAddonOutput{Addon: a}}
}

// kind is what the cases every EKS kind's tests share need to know.
var kind = eksfake.Kind[*v1alpha1.Addon, *types.Addon]{What: "EKS add-on", New: func() *v1alpha1.Addon { return addon() },
	Client: func(api *eksfake.API, o *types.Addon) mr.External[*v1alpha1.Addon] {
		return &external{api: api, observed: o}
	}}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		ready xpv2.Condition
		name  string
		spec  *v1alpha1.AddonParameters
	}
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Addon
		api    *eksfake.API
		want   want
	}{
		"NoCluster": {
			reason: "Without a cluster name nothing is read.",
			cr:     addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.ClusterName = nil }),
			api:    &eksfake.API{},
			want:   want{err: errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector"), name: extName},
		},
		"NotFound": {
			reason: "A missing add-on does not exist.",
			cr:     addon(),
			api:    eksfake.New(nil, map[string]error{"DescribeAddon": awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")}),
			want:   want{name: extName},
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     addon(),
			api:    eksfake.New(nil, map[string]error{"DescribeAddon": errBoom}),
			want:   want{err: errors.Wrap(errBoom, "cannot describe EKS add-on"), name: extName},
		},
		"UpToDate": {
			reason: "An add-on as specified is up to date.",
			cr:     addon(),
			api:    eksfake.New(describe(awsAddon()), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, ready: xpv2.Available(), name: extName},
		},
		"Adopt": {
			reason: "An add-on found by cluster and name gets the composite external name, and unset fields are late-initialized.",
			cr: addon(func(a *v1alpha1.Addon) {
				meta.SetExternalName(a, "cni")
				a.Spec.ForProvider = v1alpha1.AddonParameters{ClusterName: aws.String(clusterName), AddonName: addonName}
			}),
			api: eksfake.New(describe(awsAddon()), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, ready: xpv2.Available(), name: extName,
				spec: &v1alpha1.AddonParameters{ClusterName: aws.String(clusterName), AddonName: addonName, AddonVersion: aws.String("v1.19.2-eksbuild.1"),
					ServiceAccountRoleARN: aws.String(roleARN), Tags: map[string]string{"team": "platform"}}},
		},
		"Drift": {
			reason: "A different version is a diff.",
			cr:     addon(),
			api:    eksfake.New(describe(awsAddon(func(a *types.Addon) { a.AddonVersion = aws.String("v1.18.0-eksbuild.1") })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, ready: xpv2.Available(), name: extName},
		},
		"ValuesSameMeaning": {
			reason: "Configuration values that AWS holds in another form (YAML, other key order, spacing) but that mean the same are up to date.",
			cr:     addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.ConfigurationValues = aws.String("env:\n  A: \"1\"\n") }),
			api:    eksfake.New(describe(awsAddon(func(a *types.Addon) { a.ConfigurationValues = aws.String(`{ "env" : { "A" : "1" } }`) })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, ready: xpv2.Available(), name: extName},
		},
		"ValuesDiffer": {
			reason: "Configuration values with another value are a diff.",
			cr:     addon(),
			api:    eksfake.New(describe(awsAddon(func(a *types.Addon) { a.ConfigurationValues = aws.String(`{"env":{"A":"2"}}`) })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, ready: xpv2.Available(), name: extName},
		},
		"ValuesUnmanaged": {
			reason: "Configuration values left out of the spec are not compared.",
			cr:     addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.ConfigurationValues = nil }),
			api:    eksfake.New(describe(awsAddon(func(a *types.Addon) { a.ConfigurationValues = aws.String(`{"env":{"A":"2"}}`) })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, ready: xpv2.Available(), name: extName},
		},
		"Creating": {
			reason: "A CREATING add-on is Creating.",
			cr:     addon(),
			api:    eksfake.New(describe(awsAddon(func(a *types.Addon) { a.Status = types.AddonStatusCreating })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, ready: xpv2.Creating(), name: extName},
		},
		"Updating": {
			reason: "An UPDATING add-on is Ready=False Updating.",
			cr:     addon(),
			api:    eksfake.New(describe(awsAddon(func(a *types.Addon) { a.Status = types.AddonStatusUpdating })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, name: extName,
				ready: eksupdate.Updating("an update of the add-on is in progress; further changes wait until it is ACTIVE")},
		},
		"Deleting": {
			reason: "A DELETING add-on is Deleting and not compared.",
			cr:     addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.AddonVersion = aws.String("v2") }),
			api:    eksfake.New(describe(awsAddon(func(a *types.Addon) { a.Status = types.AddonStatusDeleting })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, ready: xpv2.Deleting(), name: extName},
		},
		"Degraded": {
			reason: "A DEGRADED add-on is Unavailable naming the status.",
			cr:     addon(),
			api: eksfake.New(describe(awsAddon(func(a *types.Addon) {
				a.Status = types.AddonStatusDegraded
				a.Health = &types.AddonHealth{Issues: []types.AddonIssue{{Code: types.AddonIssueCodeInsufficientNumberOfReplicas, Message: aws.String("0/2 ready")}}}
			})), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, name: extName,
				ready: xpv2.Unavailable().WithMessage("EKS add-on status is DEGRADED")},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			eksfake.CheckObservation(t, tc.reason, tc.want.err, err, tc.want.o, got)
			if c := tc.cr.GetCondition(xpv2.TypeReady); tc.want.ready.Type != "" && !c.Equal(tc.want.ready) {
				t.Errorf("%s\nReady: want %+v, got %+v", tc.reason, tc.want.ready, c)
			}
			if got := meta.GetExternalName(tc.cr); got != tc.want.name {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.want.name, got)
			}
			if tc.want.spec != nil {
				if diff := cmp.Diff(tc.want.spec, &tc.cr.Spec.ForProvider); diff != "" {
					t.Errorf("%s\nspec: -want, +got:\n%s", tc.reason, diff)
				}
			}
		})
	}
	cr := addon()
	api := eksfake.New(describe(awsAddon(func(a *types.Addon) {
		a.Status = types.AddonStatusDegraded
		a.Health = &types.AddonHealth{Issues: []types.AddonIssue{{Code: types.AddonIssueCodeInsufficientNumberOfReplicas, Message: aws.String("0/2 ready")}}}
	})), nil)
	if _, err := (&external{api: api}).Observe(context.Background(), cr); err != nil {
		t.Fatal(err)
	}
	wantObs := v1alpha1.AddonObservation{ARN: arn, Status: "DEGRADED", Issues: []string{"InsufficientNumberOfReplicas: 0/2 ready"}}
	if diff := cmp.Diff(wantObs, cr.Status.AtProvider); diff != "" {
		t.Errorf("atProvider: -want, +got:\n%s", diff)
	}
}

func TestSameValues(t *testing.T) {
	cases := map[string]struct {
		reason string
		a, b   string
		want   bool
	}{
		"Identical":   {reason: "The same text is the same.", a: `{"a":1}`, b: `{"a":1}`, want: true},
		"KeyOrder":    {reason: "Key order and spacing do not matter.", a: `{"a":1,"b":{"c":[1,2]}}`, b: `{ "b": {"c": [1, 2]}, "a": 1 }`, want: true},
		"YAMLAndJSON": {reason: "YAML and JSON of the same document are the same.", a: "a: 1\nb:\n  c: [1, 2]\n", b: `{"a":1,"b":{"c":[1,2]}}`, want: true},
		"ListOrder":   {reason: "List order matters.", a: `{"c":[1,2]}`, b: `{"c":[2,1]}`, want: false},
		"Types":       {reason: "A string is not a number.", a: `{"a":"1"}`, b: `{"a":1}`, want: false},
		"Empty":       {reason: "An empty document differs from a non-empty one.", a: ``, b: `{"a":1}`, want: false},
		"Unreadable":  {reason: "A document that cannot be read differs from any other text.", a: `{"a":`, b: `{"a":1}`, want: false},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			if got := sameValues(tc.a, tc.b); got != tc.want {
				t.Errorf("%s\nsameValues(%q, %q) = %t, want %t", tc.reason, tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Addon
		api    *eksfake.API
		want   error
		in     *eks.CreateAddonInput
		name   string
	}{
		"Success": {
			reason: "Everything CreateAddon accepts is sent and the external name is set.",
			cr:     addon(func(a *v1alpha1.Addon) { meta.SetExternalName(a, "cni") }),
			api:    &eksfake.API{},
			in: &eks.CreateAddonInput{ClusterName: aws.String(clusterName), AddonName: aws.String(addonName), AddonVersion: aws.String("v1.19.2-eksbuild.1"),
				ServiceAccountRoleArn: aws.String(roleARN), ConfigurationValues: aws.String(`{"env":{"A":"1"}}`), ResolveConflicts: types.ResolveConflictsOverwrite,
				Tags: map[string]string{"team": "platform"}},
			name: extName,
		},
		"NoCluster": {
			reason: "Without a cluster nothing is created.",
			cr:     addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.ClusterName = nil }),
			api:    &eksfake.API{},
			want:   errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector"),
			name:   extName,
		},
		"AlreadyExists": {
			reason: "A retried create is not an error.",
			cr:     addon(),
			api:    eksfake.New(nil, map[string]error{"CreateAddon": awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")}),
			name:   extName,
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     addon(func(a *v1alpha1.Addon) { meta.SetExternalName(a, "cni") }),
			api:    eksfake.New(nil, map[string]error{"CreateAddon": errBoom}),
			want:   errors.Wrap(errBoom, "cannot create EKS add-on"),
			name:   "cni",
		},
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
	cn, an := aws.String(clusterName), aws.String(addonName)
	versionIn := &eks.UpdateAddonInput{ClusterName: cn, AddonName: an, AddonVersion: aws.String("v1.19.2-eksbuild.1"),
		ServiceAccountRoleArn: aws.String(roleARN), ConfigurationValues: aws.String(`{"env":{"A":"1"}}`), ResolveConflicts: types.ResolveConflictsOverwrite}
	sentAt := metav1.NewTime(time.Now().Add(-time.Minute).Truncate(time.Second))
	kind.TestUpdate(t, map[string]eksfake.UpdateCase[*v1alpha1.Addon, *types.Addon]{
		"NotActive": {
			Reason:   "An add-on being updated is left alone.",
			CR:       addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.AddonVersion = aws.String("v2") }),
			Observed: awsAddon(func(a *types.Addon) { a.Status = types.AddonStatusUpdating }),
			API:      &eksfake.API{},
		},
		"NothingToDo": {Reason: "An up-to-date add-on gets no call.", CR: addon(), Observed: awsAddon(), API: &eksfake.API{}},
		"Version": {
			Reason: "A degraded add-on with another version gets one UpdateAddon.",
			CR:     addon(),
			Observed: awsAddon(func(a *types.Addon) {
				a.Status = types.AddonStatusDegraded
				a.AddonVersion = aws.String("v1.18.0-eksbuild.1")
			}),
			API: &eksfake.API{},
			Want: want{Calls: []string{"UpdateAddon"}, Inputs: []any{&eks.UpdateAddonInput{ClusterName: cn, AddonName: an, AddonVersion: aws.String("v1.19.2-eksbuild.1"),
				ServiceAccountRoleArn: aws.String(roleARN), ConfigurationValues: aws.String(`{"env":{"A":"1"}}`), ResolveConflicts: types.ResolveConflictsOverwrite}}},
		},
		"FailedNotResent": {
			Reason: "An UPDATE_FAILED add-on is not sent the same failed update again; the error keeps AWS's details.",
			CR: addon(func(a *v1alpha1.Addon) {
				a.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{ID: "u-1", Type: "add-on", Request: eksupdate.Fingerprint(versionIn), Time: sentAt}
			}),
			Observed: awsAddon(func(a *types.Addon) {
				a.Status = types.AddonStatusUpdateFailed
				a.AddonVersion = aws.String("v1.18.0-eksbuild.1")
			}),
			API: eksfake.New(map[string]any{"DescribeUpdate": &eks.DescribeUpdateOutput{Update: &types.Update{Status: types.UpdateStatusFailed,
				Errors: []types.ErrorDetail{{ErrorCode: types.ErrorCodeConfigurationConflict, ErrorMessage: aws.String("conflicts found")}}}}}, nil),
			Want: want{Calls: []string{"DescribeUpdate"}, Inputs: []any{&eks.DescribeUpdateInput{Name: cn, AddonName: an, UpdateId: aws.String("u-1")}},
				Err: errors.Errorf("the add-on update u-1 sent at %s failed: ConfigurationConflict: conflicts found; the same request is sent again after %s, or at once when the spec changes",
					sentAt.UTC().Format(time.RFC3339), sentAt.Add(eksupdate.RetryAfter).UTC().Format(time.RFC3339))},
		},
		"UpdateError": {
			Reason:   "An update error is wrapped.",
			CR:       addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.ResolveConflicts = nil }),
			Observed: awsAddon(func(a *types.Addon) { a.ConfigurationValues = nil }),
			API:      eksfake.New(nil, map[string]error{"UpdateAddon": errBoom}),
			Want: want{Calls: []string{"UpdateAddon"}, Inputs: []any{&eks.UpdateAddonInput{ClusterName: cn, AddonName: an, AddonVersion: aws.String("v1.19.2-eksbuild.1"),
				ServiceAccountRoleArn: aws.String(roleARN), ConfigurationValues: aws.String(`{"env":{"A":"1"}}`)}}, Err: errors.Wrap(errBoom, "cannot update EKS add-on")},
		},
	})
}

func TestUpdateTags(t *testing.T) {
	kind.TestUpdateTags(t, arn,
		func(tags map[string]string) *types.Addon { return awsAddon(func(o *types.Addon) { o.Tags = tags }) })
}

func TestDelete(t *testing.T) {
	inUse := awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")
	in := &eks.DeleteAddonInput{ClusterName: aws.String(clusterName), AddonName: aws.String(addonName)}
	kind.TestDelete(t, "DeleteAddon", in, "cannot delete EKS add-on", map[string]eksfake.DeleteCase[*v1alpha1.Addon]{
		"Preserve": {Reason: "preserveOnDelete keeps the Kubernetes objects.", CR: addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.PreserveOnDelete = aws.Bool(true) }), API: &eksfake.API{},
			Calls: []string{"DeleteAddon"}, Inputs: []any{&eks.DeleteAddonInput{ClusterName: aws.String(clusterName), AddonName: aws.String(addonName), Preserve: true}}},
		"InUse": {Reason: "A busy add-on is retried.", CR: addon(), API: eksfake.New(nil, map[string]error{"DeleteAddon": inUse}), Calls: []string{"DeleteAddon"},
			Want: errors.Wrap(inUse, "cannot delete EKS add-on yet (an update is in progress); the deletion is retried")},
		"NoCluster": {Reason: "Without a cluster nothing is deleted.", CR: addon(func(a *v1alpha1.Addon) { a.Spec.ForProvider.ClusterName = nil }), API: &eksfake.API{},
			Want: errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector")},
	})
}
