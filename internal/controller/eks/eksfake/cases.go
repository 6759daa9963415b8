package eksfake

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// ErrBoom is the error the shared cases have EKS answer with where any
// error other than not found will do.
var ErrBoom = errors.New("boom")

// NotFound is EKS's answer for a resource that does not exist.
func NotFound() error {
	return awsfake.APIError("EKS", http.StatusNotFound, ekskit.CodeNotFound)
}

// A DeleteCase is one case of an EKS kind's Delete test. M is the kind's
// object type, e.g. *v1alpha1.Addon.
type DeleteCase[M resource.Managed] struct {
	Reason string
	// CR is the object to delete.
	CR M
	// API is the fake Delete calls.
	API *API
	// Want is the error Delete returns.
	Want error
	// Calls are the EKS operations called, in order.
	Calls []string
	// Inputs are their inputs, in the same order; not compared when nil.
	Inputs []any
}

// TestDelete runs an EKS kind's Delete cases: the kind's own (more) and the
// ones every kind shares, whose Delete is one call of op with input: deleted,
// already gone (EKS's not found, a success) and another error (wrapped with
// errDelete). Every case checks the error, the calls and that the object's
// Ready condition says Deleting. newCR returns a test object of the kind,
// del deletes cr with api.
func TestDelete[M resource.Managed](t *testing.T, op string, input any, errDelete string, newCR func() M, del func(api *API, cr M) error, more map[string]DeleteCase[M]) {
	t.Helper()
	var inputs []any
	if input != nil {
		inputs = []any{input}
	}
	cases := map[string]DeleteCase[M]{
		"Success": {Reason: "The resource is deleted.", CR: newCR(), API: &API{}, Calls: []string{op}, Inputs: inputs},
		"Gone":    {Reason: "Already gone is a success.", CR: newCR(), API: New(nil, map[string]error{op: NotFound()}), Calls: []string{op}, Inputs: inputs},
		"Error": {Reason: "Other errors are wrapped.", CR: newCR(), API: New(nil, map[string]error{op: ErrBoom}), Calls: []string{op}, Inputs: inputs,
			Want: errors.Wrap(ErrBoom, errDelete)},
	}
	for n, tc := range more {
		cases[n] = tc
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			err := del(tc.API, tc.CR)
			tc.API.CheckSent(t, tc.Reason, "Delete", tc.Want, err, tc.Calls, tc.Inputs)
			if c := tc.CR.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
				t.Errorf("%s\nReady: want Deleting, got %+v", tc.Reason, c)
			}
		})
	}
}

// CheckSent reports on t, under a test case's reason, a method's error other
// than wantErr (compared with test.EquateErrors), and the operations called
// and their inputs as awsfake's CheckCalls does (inputs not compared when
// nil).
func (a *API) CheckSent(t testing.TB, reason, method string, wantErr, err error, calls []string, inputs []any) {
	t.Helper()
	if diff := cmp.Diff(wantErr, err, test.EquateErrors()); diff != "" {
		t.Errorf("%s\n%s(...): -want error, +got error:\n%s", reason, method, diff)
	}
	a.CheckCalls(t, reason, calls, inputs)
}

// CheckOne reports on t, under a test case's reason, a method's error other
// than wantErr (compared with test.EquateErrors) and, unless in is nil (or
// a nil pointer), calls other than exactly one, with input in.
func (a *API) CheckOne(t testing.TB, reason, method string, wantErr, err error, in any) {
	t.Helper()
	if diff := cmp.Diff(wantErr, err, test.EquateErrors()); diff != "" {
		t.Errorf("%s\n%s(...): -want error, +got error:\n%s", reason, method, diff)
	}
	if v := reflect.ValueOf(in); !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
		return
	}
	if diff := cmp.Diff([]any{in}, a.Sent(), awsfake.SDKInputs()); diff != "" {
		t.Errorf("%s\n%s(...) input: -want, +got:\n%s", reason, method, diff)
	}
}

// TestNotObserved runs the Update case every EKS kind shares: Update acts
// on the observation of the same client, so without one it returns
// mr.NotObserved(what) (what names the resource, e.g. "EKS node group") and
// calls nothing. update updates a test object with api and a client that
// has observed nothing.
func TestNotObserved(t *testing.T, what string, update func(api *API) error) {
	t.Helper()
	t.Run("NotObserved", func(t *testing.T) {
		api := &API{}
		api.CheckSent(t, "Update acts on the observation of the same client; without one it is an error and nothing is called.",
			"Update", mr.NotObserved(what), update(api), nil, nil)
	})
}

// CheckObservation reports on t, under a test case's reason, an Observe's
// error other than wantErr (compared with test.EquateErrors) and an
// observation other than want; the text of its Diff is not compared.
func CheckObservation(t testing.TB, reason string, wantErr, err error, want, got managed.ExternalObservation) {
	t.Helper()
	if diff := cmp.Diff(wantErr, err, test.EquateErrors()); diff != "" {
		t.Errorf("%s\nObserve(): -want error, +got error:\n%s", reason, diff)
	}
	got.Diff = ""
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s\nObserve(): -want, +got:\n%s", reason, diff)
	}
}

// A Kind is what the cases every EKS kind's tests share need to know of
// the kind. M is its object type, e.g. *v1alpha1.Addon; O is what its
// external client keeps of an observation, which Update acts on.
type Kind[M resource.ModernManaged, O any] struct {
	// What names the resource in errors, e.g. "EKS add-on".
	What string
	// New returns a test object of the kind.
	New func() M
	// Client returns the kind's external client on api that has observed
	// observed (the zero O: nothing).
	Client func(api *API, observed O) mr.External[M]
}

// Want is what an Update case expects: the error, the EKS operations
// called, in order, and their inputs (not compared when nil).
type Want struct {
	Err    error
	Calls  []string
	Inputs []any
}

// An UpdateCase is one case of an EKS kind's Update test.
type UpdateCase[M, O any] struct {
	Reason string
	// CR is the object to update.
	CR M
	// Observed is what the client observed before the Update.
	Observed O
	// API is the fake Update calls.
	API  *API
	Want Want
}

// TestUpdate runs an EKS kind's own Update cases and the one every kind
// shares (TestNotObserved): each checks the error, the calls and their
// inputs.
func (k Kind[M, O]) TestUpdate(t *testing.T, cases map[string]UpdateCase[M, O]) {
	t.Helper()
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			tc.API.CheckSent(t, tc.Reason, "Update", tc.Want.Err, k.update(tc.API, tc.Observed, tc.CR), tc.Want.Calls, tc.Want.Inputs)
		})
	}
	TestNotObserved(t, k.What, func(api *API) error {
		var none O
		return k.update(api, none, k.New())
	})
}

func (k Kind[M, O]) update(api *API, observed O, cr M) error {
	_, err := k.Client(api, observed).Update(context.Background(), cr)
	return err
}

// TestDelete runs the kind's Delete cases as TestDelete does, with a client
// that has observed nothing.
func (k Kind[M, O]) TestDelete(t *testing.T, op string, input any, errDelete string, more map[string]DeleteCase[M]) {
	t.Helper()
	TestDelete(t, op, input, errDelete, k.New, func(api *API, cr M) error {
		var none O
		_, err := k.Client(api, none).Delete(context.Background(), cr)
		return err
	}, more)
}

// TestUpdateTags runs the Update cases every EKS kind with tags shares: on
// the kind's test object, whose spec's tags are {"team": "platform"}, and a
// client that observed the resource of ARN arn with other tags (observed
// makes that observation from its tags), tags are synced by ARN without
// another update call, and a failed tag removal is wrapped naming the
// resource and nothing else is sent.
func (k Kind[M, O]) TestUpdateTags(t *testing.T, arn string, observed func(tags map[string]string) O) {
	t.Helper()
	untag := &eks.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}}
	cases := map[string]struct {
		reason string
		api    *API
		tags   map[string]string
		err    error
		calls  []string
		inputs []any
	}{
		"Tags": {reason: "Tags are added, changed and removed by ARN, without another update call.", api: &API{},
			tags: map[string]string{"team": "x", "old": "y"}, calls: []string{"UntagResource", "TagResource"},
			inputs: []any{untag, &eks.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"team": "platform"}}}},
		"TagError": {reason: "A tag error is wrapped naming the resource, and nothing else is sent.", api: New(nil, map[string]error{"UntagResource": ErrBoom}),
			tags: map[string]string{"team": "platform", "old": "y"}, calls: []string{"UntagResource"}, inputs: []any{untag},
			err: errors.Wrap(errors.Wrap(ErrBoom, "cannot remove tags"), "cannot update the tags of the "+k.What)},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			err := k.update(tc.api, observed(tc.tags), k.New())
			tc.api.CheckSent(t, tc.reason, "Update", tc.err, err, tc.calls, tc.inputs)
		})
	}
}
