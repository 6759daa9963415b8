package iamfake

import (
	"context"
	"net/http"
	"testing"

	"github.com/pkg/errors"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// NotFound is IAM's answer for an entity that does not exist.
func NotFound() error {
	return awsfake.APIError("IAM", http.StatusNotFound, iamkit.CodeNoSuchEntity)
}

// AccessDenied is the error the shared cases have IAM answer with where any
// error other than not found will do.
func AccessDenied() error {
	return awsfake.APIError("IAM", http.StatusForbidden, "AccessDenied")
}

// A Kind is what the cases every IAM kind's tests share need to know of the
// kind. M is its object type, e.g. *v1alpha1.Role.
type Kind[M resource.ModernManaged] struct {
	// What names the resource in errors, e.g. "IAM role".
	What string
	// New returns a test object of the kind whose Observe reads the
	// resource directly (its external name, and what else it needs, set).
	New func() M
	// Client returns the kind's external client on api, which has observed
	// nothing.
	Client func(api *API) mr.External[M]
}

// Observe observes cr with a new client on api.
func (k Kind[M]) Observe(api *API, cr M) (managed.ExternalObservation, error) {
	return k.Client(api).Observe(context.Background(), cr)
}

// An ObserveCase is one case of an IAM kind's Observe test.
type ObserveCase[M resource.Managed] = awsfake.ObserveCase[M, *API]

// ObserveWant is what an ObserveCase expects.
type ObserveWant[M resource.Managed] = awsfake.ObserveWant[M]

// TestObserve runs an IAM kind's own Observe cases (awsfake.TestObserve).
func TestObserve[M resource.Managed](t *testing.T, cases map[string]ObserveCase[M], observe func(api *API, cr M) (managed.ExternalObservation, error)) {
	t.Helper()
	awsfake.TestObserve(t, cases, observe)
}

// TestObserveGet runs the Observe cases every IAM kind shares whose first
// read is op: IAM's NoSuchEntity means that the resource does not exist,
// and another error keeps AWS's code, wrapped with errGet. Each case checks
// the error, that op is the only call, the observation and that the object
// stays as it was.
func (k Kind[M]) TestObserveGet(t *testing.T, op, errGet string) {
	t.Helper()
	k.fail(t, op, []failure{
		{name: "NotFound", reason: "NoSuchEntity means the resource does not exist.", err: NotFound()},
		{name: "GetError", reason: "Other errors keep AWS's code, with context.", err: AccessDenied(), want: errors.Wrap(AccessDenied(), errGet)},
	}, func(t *testing.T, f failure, api *API, cr M) {
		got, err := k.Observe(api, cr)
		api.Check(t, f.reason, "Observe", f.want, err, []string{op})
		awsfake.CheckObserve(t, f.reason, managed.ExternalObservation{}, got, k.New(), cr)
	})
}

// TestNoExternalName runs the Observe case of the IAM kinds that are found
// by their external name only: without one there is nothing to look for, so
// Observe calls nothing, reports that the resource does not exist and
// leaves the object as it was. newCR returns the kind's object without an
// external name; observe observes cr with api.
func TestNoExternalName[M resource.Managed](t *testing.T, newCR func() M, observe func(api *API, cr M) (managed.ExternalObservation, error)) {
	t.Helper()
	t.Run("NoExternalName", func(t *testing.T) {
		reason := "Without an external name there is nothing to look for."
		api, cr := New(nil, nil), newCR()
		got, err := observe(api, cr)
		api.Check(t, reason, "Observe", nil, err, nil)
		awsfake.CheckObserve(t, reason, managed.ExternalObservation{}, got, newCR(), cr)
	})
}

// TestNotObserved runs the Update case every IAM kind with an Update
// shares: Update acts on the observation of the same client, so without one
// it returns mr.NotObserved(k.What) and calls nothing.
func (k Kind[M]) TestNotObserved(t *testing.T) {
	t.Helper()
	t.Run("NotObserved", func(t *testing.T) {
		api := New(nil, nil)
		api.Check(t, "Without an observation Update calls nothing: the reconciler always observes first.",
			"Update", mr.NotObserved(k.What), updateErr(k.Client(api).Update(context.Background(), k.New())), nil)
	})
}

// TestDelete runs the Delete cases every IAM kind shares whose Delete ends
// with the call of op after the calls before (none, for most kinds): IAM's
// NoSuchEntity from op means the resource is already gone, a success, and
// another error keeps AWS's code, wrapped with errDelete. Each case checks
// the error, the calls and that the object's Ready condition says Deleting.
func (k Kind[M]) TestDelete(t *testing.T, before []string, op, errDelete string) {
	t.Helper()
	calls := append(append([]string{}, before...), op)
	k.fail(t, op, []failure{
		{name: "AlreadyGone", reason: "NoSuchEntity is success.", err: NotFound()},
		{name: "Error", reason: "Other errors keep AWS's code.", err: AccessDenied(), want: errors.Wrap(AccessDenied(), errDelete)},
	}, func(t *testing.T, f failure, api *API, cr M) {
		_, err := k.Client(api).Delete(context.Background(), cr)
		api.Check(t, f.reason, "Delete", f.want, err, calls)
		if c := cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
			t.Errorf("%s\nReady: want Deleting, got %+v", f.reason, c)
		}
	})
}

// A failure is one of the shared cases in which IAM answers an operation
// with err, and the call under test returns want.
type failure struct {
	name, reason string
	err, want    error
}

// fail runs a subtest per failure: check, with a fake that answers op with
// the failure's error and a test object of the kind.
func (k Kind[M]) fail(t *testing.T, op string, fs []failure, check func(t *testing.T, f failure, api *API, cr M)) {
	t.Helper()
	for _, f := range fs {
		t.Run(f.name, func(t *testing.T) { check(t, f, New(nil, map[string]error{op: f.err}), k.New()) })
	}
}

func updateErr(_ managed.ExternalUpdate, err error) error { return err }
