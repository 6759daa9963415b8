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

// ObserveWant is what a case of a kind's Observe test expects. M is the
// kind's object type.
type ObserveWant[M resource.Managed] struct {
	// O is the observation; its Diff is not compared, but must be set
	// exactly when an existing resource is not up to date.
	O managed.ExternalObservation
	// Err is the error Observe returns.
	Err error
	// Calls are the operations called, in order.
	Calls []string
	// Inputs are their inputs, in the same order; not compared when nil.
	Inputs []any
	// CR is the object after Observe.
	CR M
}

// CheckObserveWant reports on t, under a test case's reason, what differs
// from want after an Observe that called r, returned o and err and left cr:
// the error and the calls (Check), their inputs where want has them
// (CheckCalls), the observation and the object (CheckObserve).
func CheckObserveWant[M resource.Managed](t testing.TB, reason string, r *Recorder, want ObserveWant[M], o managed.ExternalObservation, err error, cr M) {
	t.Helper()
	r.Check(t, reason, "Observe", want.Err, err, want.Calls)
	if want.Inputs != nil {
		r.CheckCalls(t, reason, want.Calls, want.Inputs)
	}
	CheckObserve(t, reason, want.O, o, want.CR, cr)
}

// A Fake is a service's fake: it embeds a Recorder.
type Fake interface{ Rec() *Recorder }

// Rec returns r: the Recorder of the fake that embeds it.
func (r *Recorder) Rec() *Recorder { return r }

// An ObserveCase is one case of a kind's Observe test. M is the kind's
// object type, A the service's fake.
type ObserveCase[M resource.Managed, A Fake] struct {
	Reason string
	// API is the fake Observe calls.
	API A
	// CR is the object to observe.
	CR   M
	Want ObserveWant[M]
}

// TestObserve runs a kind's Observe cases: each checks, as
// CheckObserveWant does, what observe (which observes cr with api) returned,
// called and left.
func TestObserve[M resource.Managed, A Fake](t *testing.T, cases map[string]ObserveCase[M, A], observe func(api A, cr M) (managed.ExternalObservation, error)) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o, err := observe(tc.API, tc.CR)
			CheckObserveWant(t, tc.Reason, tc.API.Rec(), tc.Want, o, err, tc.CR)
		})
	}
}
