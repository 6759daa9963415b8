package autoready

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/types/known/structpb"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

func res(t *testing.T, conds ...map[string]any) *fnv1.Resource {
	t.Helper()
	cs := make([]any, len(conds))
	for i, c := range conds {
		cs[i] = c
	}
	s, err := structpb.NewStruct(map[string]any{"kind": "VPC", "status": map[string]any{"conditions": cs}})
	if err != nil {
		t.Fatal(err)
	}
	return &fnv1.Resource{Resource: s}
}

func TestRunFunction(t *testing.T) {
	ready := map[string]any{"type": "Ready", "status": "True"}
	creating := map[string]any{"type": "Ready", "status": "False", "reason": "Creating"}
	syncErr := map[string]any{"type": "Synced", "status": "False", "reason": "ReconcileError", "message": "cannot create subnet: InvalidSubnet.Range"}

	type want struct {
		ready map[string]fnv1.Ready
		cond  *fnv1.Condition
	}
	cases := map[string]struct {
		reason   string
		desired  map[string]*fnv1.Resource
		observed map[string]*fnv1.Resource
		want     want
	}{
		"AllReady": {
			reason:   "Resources observed Ready=True are marked ready and the composite's condition is True.",
			desired:  map[string]*fnv1.Resource{"vpc": res(t)},
			observed: map[string]*fnv1.Resource{"vpc": res(t, ready)},
			want: want{ready: map[string]fnv1.Ready{"vpc": fnv1.Ready_READY_TRUE},
				cond: &fnv1.Condition{Type: ConditionResourcesReady, Status: fnv1.Status_STATUS_CONDITION_TRUE, Reason: "Available", Target: fnv1.Target_TARGET_COMPOSITE.Enum()}},
		},
		"SomeNotReady": {
			reason:   "The condition names each resource that is not ready with what its conditions say, a sync error before Ready.",
			desired:  map[string]*fnv1.Resource{"vpc": res(t), "subnet": res(t), "igw": res(t)},
			observed: map[string]*fnv1.Resource{"vpc": res(t, creating), "subnet": res(t, creating, syncErr)},
			want: want{ready: map[string]fnv1.Ready{"vpc": fnv1.Ready_READY_UNSPECIFIED, "subnet": fnv1.Ready_READY_UNSPECIFIED, "igw": fnv1.Ready_READY_UNSPECIFIED},
				cond: &fnv1.Condition{Type: ConditionResourcesReady, Status: fnv1.Status_STATUS_CONDITION_FALSE, Reason: "Waiting", Target: fnv1.Target_TARGET_COMPOSITE.Enum(),
					Message: ptr("3 of 3 composed resources not ready: igw: not created yet; subnet: Synced=False ReconcileError: cannot create subnet: InvalidSubnet.Range; vpc: Ready=False Creating")}},
		},
		"EarlierStepSaysReady": {
			reason:   "A resource an earlier step marked ready counts as ready, even before it exists.",
			desired:  map[string]*fnv1.Resource{"secret": {Resource: res(t).Resource, Ready: fnv1.Ready_READY_TRUE}},
			observed: map[string]*fnv1.Resource{},
			want: want{ready: map[string]fnv1.Ready{"secret": fnv1.Ready_READY_TRUE},
				cond: &fnv1.Condition{Type: ConditionResourcesReady, Status: fnv1.Status_STATUS_CONDITION_TRUE, Reason: "Available", Target: fnv1.Target_TARGET_COMPOSITE.Enum()}},
		},
		"EarlierStepDecides": {
			reason:   "A readiness an earlier step set is kept.",
			desired:  map[string]*fnv1.Resource{"vpc": {Resource: res(t).Resource, Ready: fnv1.Ready_READY_FALSE}},
			observed: map[string]*fnv1.Resource{"vpc": res(t, ready)},
			want: want{ready: map[string]fnv1.Ready{"vpc": fnv1.Ready_READY_FALSE},
				cond: &fnv1.Condition{Type: ConditionResourcesReady, Status: fnv1.Status_STATUS_CONDITION_FALSE, Reason: "Waiting", Target: fnv1.Target_TARGET_COMPOSITE.Enum(),
					Message: ptr("1 of 1 composed resources not ready: vpc: Ready=True, but an earlier step of the pipeline marked it not ready")}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			req := &fnv1.RunFunctionRequest{Desired: &fnv1.State{Resources: tc.desired}, Observed: &fnv1.State{Resources: tc.observed}}
			rsp, err := (&Function{}).RunFunction(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]fnv1.Ready{}
			for n, r := range rsp.GetDesired().GetResources() {
				got[n] = r.GetReady()
			}
			if diff := cmp.Diff(tc.want.ready, got); diff != "" {
				t.Errorf("%s\nreadiness: -want, +got:\n%s", tc.reason, diff)
			}
			if len(rsp.GetConditions()) != 1 {
				t.Fatalf("%s\nwant one condition, got %v", tc.reason, rsp.GetConditions())
			}
			c := rsp.GetConditions()[0]
			if diff := cmp.Diff(tc.want.cond.String(), c.String()); diff != "" {
				t.Errorf("%s\ncondition: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func ptr(s string) *string { return &s }
