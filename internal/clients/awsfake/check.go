package awsfake

import (
	"go/token"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"
)

// SDKInputs compares the SDK's inputs and outputs, whose structs carry
// unexported fields (noSmithyDocumentSerde), by their exported fields.
func SDKInputs() cmp.Option { return ignoreUnexported }

var ignoreUnexported = cmp.FilterPath(func(p cmp.Path) bool {
	sf, ok := p.Last().(cmp.StructField)
	return ok && !token.IsExported(sf.Name())
}, cmp.Ignore())

// Sent returns the inputs of every call, in the order of the calls (nil when
// there was none), for tests that check a sequence of operations.
func (r *Recorder) Sent() []any {
	var out []any
	n := map[string]int{}
	for _, op := range r.Calls {
		out = append(out, r.Input(op, n[op]))
		n[op]++
	}
	return out
}

// Check reports on t, under a test case's reason, a method's error other
// than wantErr (compared with test.EquateErrors) and calls other than
// wantCalls, in order.
func (r *Recorder) Check(t testing.TB, reason, method string, wantErr, err error, wantCalls []string) {
	t.Helper()
	if diff := cmp.Diff(wantErr, err, test.EquateErrors()); diff != "" {
		t.Errorf("%s\n%s(...): -want error, +got error:\n%s", reason, method, diff)
	}
	if diff := cmp.Diff(wantCalls, r.Calls); diff != "" {
		t.Errorf("%s\n%s(...): AWS calls -want, +got:\n%s", reason, method, diff)
	}
}

// CheckCalls reports on t, under a test case's reason, how the operations
// called differ from calls and, unless inputs is nil, how their inputs (in
// call order) differ from inputs.
func (r *Recorder) CheckCalls(t testing.TB, reason string, calls []string, inputs []any) {
	t.Helper()
	if diff := cmp.Diff(calls, r.Calls); diff != "" {
		t.Errorf("%s\nAWS calls: -want, +got:\n%s", reason, diff)
	}
	if inputs == nil {
		return
	}
	if diff := cmp.Diff(inputs, r.Sent(), SDKInputs()); diff != "" {
		t.Errorf("%s\nAWS inputs: -want, +got:\n%s", reason, diff)
	}
}

// CheckInputs reports on t, under a test case's reason, each operation of
// want whose first call had another input than the wanted one.
func (r *Recorder) CheckInputs(t testing.TB, reason string, want map[string]any) {
	t.Helper()
	for op, in := range want {
		if diff := cmp.Diff(in, r.Input(op, 0), SDKInputs()); diff != "" {
			t.Errorf("%s\n%s input: -want, +got:\n%s", reason, op, diff)
		}
	}
}

// CheckObserve reports on t, under a test case's reason, what differs from
// an Observe test case's wants: the observation, whose Diff must be set
// exactly when an existing resource is not up to date (its text is not
// compared), and the managed resource Observe left (conditions without their
// transition times).
func CheckObserve(t testing.TB, reason string, want, got managed.ExternalObservation, wantMR, gotMR resource.Managed) {
	t.Helper()
	if got.ResourceExists && (got.Diff == "") != got.ResourceUpToDate {
		t.Errorf("%s\nObserve(...): diff %q does not match ResourceUpToDate %t", reason, got.Diff, got.ResourceUpToDate)
	}
	got.Diff = ""
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s\nObserve(...): -want, +got:\n%s", reason, diff)
	}
	if diff := cmp.Diff(wantMR, gotMR, cmpopts.IgnoreFields(xpv2.Condition{}, "LastTransitionTime")); diff != "" {
		t.Errorf("%s\nObserve(...): managed resource -want, +got:\n%s", reason, diff)
	}
}
