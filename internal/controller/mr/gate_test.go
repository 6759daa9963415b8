package mr

import (
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	dto "github.com/prometheus/client_model/go"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/gate"
	"github.com/crossplane/crossplane-runtime/v2/pkg/logging"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"
)

var (
	gvkBucket    = schema.GroupVersionKind{Group: "s3.kaws.dev", Version: "v1alpha1", Kind: "Bucket"}
	gvkCluster   = schema.GroupVersionKind{Group: "eks.kaws.dev", Version: "v1alpha1", Kind: "Cluster"}
	gvkNodegroup = schema.GroupVersionKind{Group: "eks.kaws.dev", Version: "v1alpha1", Kind: "Nodegroup"}
)

// A crdEvent is what customresourcesgate's reconciler tells the gate about
// one CRD: its GVK is served and Established (true), or not (false).
type crdEvent struct {
	gvk         schema.GroupVersionKind
	established bool
}

// gatedKinds registers Bucket, Cluster and a Nodegroup that needs (watches)
// Cluster behind g and returns the kinds started so far.
func gatedKinds(t *testing.T, g controller.Gate) func() []string {
	t.Helper()
	var mu sync.Mutex
	var started []string
	for _, k := range []struct {
		gvk   schema.GroupVersionKind
		needs []schema.GroupVersionKind
	}{{gvk: gvkBucket}, {gvk: gvkCluster}, {gvk: gvkNodegroup, needs: []schema.GroupVersionKind{gvkCluster}}} {
		o := controller.Options{Logger: logging.NewNopLogger(), Gate: g}
		if err := startGated(o, k.gvk, k.needs, func() error {
			mu.Lock()
			defer mu.Unlock()
			started = append(started, k.gvk.Kind)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		s := append([]string(nil), started...)
		sort.Strings(s)
		return s
	}
}

// settle waits until got() returns want (the gate starts controllers in
// goroutines of their own) and returns what it returned last.
func settle(got func() []string, want []string) []string {
	deadline := time.Now().Add(2 * time.Second)
	for {
		g := got()
		if cmp.Equal(want, g) || time.Now().After(deadline) {
			if len(want) == 0 {
				time.Sleep(50 * time.Millisecond) // give a wrong start the chance to show
				g = got()
			}
			return g
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestStartGated(t *testing.T) {
	cases := map[string]struct {
		reason string
		events []crdEvent
		want   []string
	}{
		"NoCRDs": {
			reason: "No controller starts while no CRD is established.",
		},
		"OnlyS3": {
			reason: "Only the controller whose CRD is established starts.",
			events: []crdEvent{{gvk: gvkBucket, established: true}},
			want:   []string{"Bucket"},
		},
		"NotEstablished": {
			reason: "A CRD that exists but is not Established starts nothing.",
			events: []crdEvent{{gvk: gvkBucket, established: false}},
		},
		"NeedsMissing": {
			reason: "A kind starts only once every CRD it needs is established, not just its own.",
			events: []crdEvent{{gvk: gvkNodegroup, established: true}},
		},
		"NeedsMet": {
			reason: "Once its own and its needed CRDs are established, the kind starts.",
			events: []crdEvent{{gvk: gvkNodegroup, established: true}, {gvk: gvkCluster, established: true}},
			want:   []string{"Cluster", "Nodegroup"},
		},
		"EstablishedLater": {
			reason: "A CRD that becomes Established after it was seen not established starts its controller then.",
			events: []crdEvent{{gvk: gvkCluster, established: false}, {gvk: gvkBucket, established: true}, {gvk: gvkCluster, established: true}},
			want:   []string{"Bucket", "Cluster"},
		},
		"All": {
			reason: "Every CRD established (today's local stack): every controller starts.",
			events: []crdEvent{{gvk: gvkBucket, established: true}, {gvk: gvkCluster, established: true}, {gvk: gvkNodegroup, established: true}},
			want:   []string{"Bucket", "Cluster", "Nodegroup"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			g := new(gate.Gate[schema.GroupVersionKind])
			started := gatedKinds(t, g)
			for _, e := range tc.events {
				g.Set(e.gvk, e.established)
			}
			if diff := cmp.Diff(tc.want, settle(started, tc.want)); diff != "" {
				t.Errorf("%s\nstarted controllers: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestStartGatedLater(t *testing.T) {
	g := new(gate.Gate[schema.GroupVersionKind])
	started := gatedKinds(t, g)
	g.Set(gvkBucket, true)
	if diff := cmp.Diff([]string{"Bucket"}, settle(started, []string{"Bucket"})); diff != "" {
		t.Errorf("only the s3 CRD: -want, +got:\n%s", diff)
	}
	if got := startedValue(t, gvkCluster); got != 0 {
		t.Errorf("%s{Cluster} before its CRD: want 0, got %v", MetricControllersStartedName, got)
	}
	// The eks CRDs appear while the provider runs; Bucket is not started twice
	// when its CRD is seen again.
	g.Set(gvkCluster, true)
	g.Set(gvkNodegroup, true)
	g.Set(gvkBucket, true)
	want := []string{"Bucket", "Cluster", "Nodegroup"}
	if diff := cmp.Diff(want, settle(started, want)); diff != "" {
		t.Errorf("the eks CRDs added later: -want, +got:\n%s", diff)
	}
	if got := startedValue(t, gvkCluster); got != 1 {
		t.Errorf("%s{Cluster} after its CRD: want 1, got %v", MetricControllersStartedName, got)
	}
}

func TestStartGatedNoGate(t *testing.T) {
	errBoom := errors.New("boom")
	cases := map[string]struct {
		reason string
		start  error
		want   error
	}{
		"Started": {reason: "Without a gate the controller starts at once."},
		"Error": {
			reason: "Without a gate a start error is Setup's error, with the kind.",
			start:  errBoom,
			want:   errors.Wrap(errBoom, "cannot start the controller of Bucket.s3.kaws.dev"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			called := false
			err := startGated(controller.Options{Logger: logging.NewNopLogger()}, gvkBucket, nil, func() error { called = true; return tc.start })
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nstartGated(...): -want, +got:\n%s", tc.reason, diff)
			}
			if !called {
				t.Errorf("%s\nstart was not called", tc.reason)
			}
		})
	}
}

func startedValue(t *testing.T, gvk schema.GroupVersionKind) float64 {
	t.Helper()
	m := &dto.Metric{}
	if err := controllersStarted.WithLabelValues(gvk.Group, gvk.Kind).Write(m); err != nil {
		t.Fatal(err)
	}
	return m.GetGauge().GetValue()
}
