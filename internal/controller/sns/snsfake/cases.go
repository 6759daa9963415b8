package snsfake

import (
	"github.com/pkg/errors"

	"context"
	"testing"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// A Case is one case of an SNS kind's Observe, Create, Update or Delete
// test. M is the kind's object type, e.g. *v1alpha1.Topic.
type Case[M resource.ModernManaged] struct {
	Reason string
	// API is the fake the method calls.
	API *API
	// CR is the object the method runs on.
	CR M
	// Observe, for an Update case, observes CR first with the same client,
	// as the reconciler does; its calls are not counted.
	Observe bool

	// Want is the observation of an Observe case; its Diff is not compared,
	// but must be set exactly when an existing resource is not up to date.
	Want managed.ExternalObservation
	// WantCR is the object after an Observe case.
	WantCR M
	// Err is the error the method returns.
	Err error
	// Calls are the SNS operations called, in order.
	Calls []string
	// Inputs are their inputs, in order; nil is not compared.
	Inputs []any
	// Check, when set, checks the object after the method.
	Check func(t *testing.T, reason string, cr M)
}

// A Method runs one method of a kind's external client on cr.
type Method[M resource.ModernManaged] func(e mr.External[M], cr M) (managed.ExternalObservation, error)

// Observe, Create, Update and Delete are the Methods of the cases.
func Observe[M resource.ModernManaged](e mr.External[M], cr M) (managed.ExternalObservation, error) {
	return e.Observe(context.Background(), cr)
}

// Create runs Create.
func Create[M resource.ModernManaged](e mr.External[M], cr M) (managed.ExternalObservation, error) {
	_, err := e.Create(context.Background(), cr)
	return managed.ExternalObservation{}, err
}

// Update runs Update.
func Update[M resource.ModernManaged](e mr.External[M], cr M) (managed.ExternalObservation, error) {
	_, err := e.Update(context.Background(), cr)
	return managed.ExternalObservation{}, err
}

// Delete runs Delete; every Delete case also checks the Deleting condition.
func Delete[M resource.ModernManaged](e mr.External[M], cr M) (managed.ExternalObservation, error) {
	_, err := e.Delete(context.Background(), cr)
	return managed.ExternalObservation{}, err
}

// Run runs cases of the method name (Observe, Create, Update or Delete)
// with the external client newExternal builds on a case's fake: each
// checks the error, the calls and, where set, their inputs, the
// observation and object (Observe), the Deleting condition (Delete) and
// Check.
func Run[M resource.ModernManaged](t *testing.T, name string, method Method[M], cases map[string]Case[M], newExternal func(api *API) mr.External[M]) {
	t.Helper()
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := newExternal(tc.API)
			if tc.Observe {
				if _, err := e.Observe(context.Background(), tc.CR); err != nil {
					t.Fatalf("%s\nObserve before %s: %v", tc.Reason, name, err)
				}
				tc.API.Calls, tc.API.Inputs = nil, nil
			}
			got, err := method(e, tc.CR)
			tc.API.Check(t, tc.Reason, name, tc.Err, err, tc.Calls)
			if tc.Inputs != nil {
				tc.API.CheckCalls(t, tc.Reason, tc.Calls, tc.Inputs)
			}
			switch name {
			case "Observe":
				awsfake.CheckObserve(t, tc.Reason, tc.Want, got, tc.WantCR, tc.CR)
			case "Delete":
				if c := tc.CR.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
					t.Errorf("%s\nDelete(...): Ready condition %+v, want Deleting", tc.Reason, c)
				}
			}
			if tc.Check != nil {
				tc.Check(t, tc.Reason, tc.CR)
			}
		})
	}
}

// DeleteCases are the Delete cases every SNS kind shares: the resource is
// deleted with one call of op with input in; a resource already gone
// (NotFound) is deleted; without an ID (noID) nothing is called; another
// error keeps AWS's code, wrapped with errDelete. newCR returns an object
// with its ID, noID one without.
func DeleteCases[M resource.ModernManaged](op string, in any, errDelete string, newCR, noID func() M) map[string]Case[M] {
	return map[string]Case[M]{
		"Deleted": {Reason: "The resource is deleted by its ID.", API: New(nil, nil), CR: newCR(), Calls: []string{op}, Inputs: []any{in}},
		"Gone": {Reason: "A resource already gone is deleted.", API: New(nil, map[string]error{op: NotFound()}), CR: newCR(),
			Calls: []string{op}, Inputs: []any{in}},
		"NoID": {Reason: "Without an ID there is nothing to delete.", API: New(nil, nil), CR: noID()},
		"Error": {Reason: "Other errors keep AWS's code, with context.", API: New(nil, map[string]error{op: AuthorizationError()}), CR: newCR(),
			Err: errors.Wrap(AuthorizationError(), errDelete), Calls: []string{op}, Inputs: []any{in}},
	}
}
