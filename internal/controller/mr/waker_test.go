package mr

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
)

func TestWaker(t *testing.T) {
	s := runtime.NewScheme()
	if err := v1alpha1.SchemeBuilder.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	vpcGK := schema.GroupKind{Group: v1alpha1.Group, Kind: "VPC"}
	subnetGK := schema.GroupKind{Group: v1alpha1.Group, Kind: "Subnet"}
	subnet := referrer{gk: subnetGK, NamespacedName: types.NamespacedName{Namespace: "ns", Name: "a"}}
	vpc := func(ns, name string) *v1alpha1.VPC {
		return &v1alpha1.VPC{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name}}
	}

	cases := map[string]struct {
		reason  string
		targets []target
		forget  bool
		changed client.Object
		want    []string // the names queued in the Subnet controller
	}{
		"NamedTargetChanged": {
			reason:  "A resource waiting on a VPC by name is queued when that VPC changes.",
			targets: []target{{vpcGK, "ns", "net"}},
			changed: vpc("ns", "net"),
			want:    []string{"ns/a"},
		},
		"OtherVPCChanged": {
			reason:  "Another VPC's change wakes nothing.",
			targets: []target{{vpcGK, "ns", "net"}},
			changed: vpc("ns", "other"),
		},
		"OtherNamespace": {
			reason:  "A VPC of the same name in another namespace wakes nothing.",
			targets: []target{{vpcGK, "ns", "net"}},
			changed: vpc("other", "net"),
		},
		"SelectorTarget": {
			reason:  "A resource waiting on a selector (any VPC of the namespace) is queued when any VPC there changes.",
			targets: []target{{vpcGK, "ns", ""}},
			changed: vpc("ns", "whatever"),
			want:    []string{"ns/a"},
		},
		"Forgotten": {
			reason:  "A resource whose references resolved waits on nothing.",
			targets: []target{{vpcGK, "ns", "net"}},
			forget:  true,
			changed: vpc("ns", "net"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w := newWaker(s)
			q := w.queue(subnetGK)
			w.wait(subnet, tc.targets)
			if tc.forget {
				w.forget(subnet)
			}
			w.changed(tc.changed)
			var got []string
			for len(q) > 0 {
				e := <-q
				got = append(got, e.Object.GetNamespace()+"/"+e.Object.GetName())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nqueued: -want, +got:\n%s", tc.reason, diff)
			}
			// It waits until its references resolve: a later change of
			// the target wakes it again; once deleted, nothing does.
			w.changed(tc.changed)
			if len(q) != len(tc.want) {
				t.Errorf("%s\na second change queued %d, want %d", tc.reason, len(q), len(tc.want))
			}
			for len(q) > 0 {
				<-q
			}
			w.deleted(&v1alpha1.Subnet{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "a"}})
			w.changed(tc.changed)
			if len(q) != 0 {
				t.Errorf("%s\na deleted resource was queued", tc.reason)
			}
		})
	}
}

func TestRecordingReader(t *testing.T) {
	s := runtime.NewScheme()
	if err := v1alpha1.SchemeBuilder.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	r := &recordingReader{Reader: fake.NewClientBuilder().WithScheme(s).Build(), scheme: s}
	_ = r.Get(context.Background(), client.ObjectKey{Namespace: "ns", Name: "net"}, &v1alpha1.VPC{})
	_ = r.List(context.Background(), &v1alpha1.SecurityGroupList{}, client.InNamespace("ns"), client.MatchingLabels{"tier": "web"})
	want := []target{
		{schema.GroupKind{Group: v1alpha1.Group, Kind: "VPC"}, "ns", "net"},
		{schema.GroupKind{Group: v1alpha1.Group, Kind: "SecurityGroup"}, "ns", ""},
	}
	if diff := cmp.Diff(want, r.targets, cmpopts.EquateComparable(target{})); diff != "" {
		t.Errorf("the reader records the reference targets a Get names and the kind and namespace of a List: -want, +got:\n%s", diff)
	}
}

type requeueing struct{}

func (requeueing) Reconcile(context.Context, reconcile.Request) (reconcile.Result, error) {
	return reconcile.Result{Requeue: true}, nil //nolint:staticcheck // What the managed reconciler answers an unresolved reference.
}

func TestRefAware(t *testing.T) {
	gk := schema.GroupKind{Group: v1alpha1.Group, Kind: "Subnet"}
	req := reconcile.Request{NamespacedName: types.NamespacedName{Namespace: "ns", Name: "a"}}
	vpc := []target{{schema.GroupKind{Group: v1alpha1.Group, Kind: "VPC"}, "ns", "net"}}
	cases := map[string]struct {
		reason string
		waits  int // failed resolutions before the reconcile's answer
		want   reconcile.Result
	}{
		"NotWaiting": {
			reason: "A requeue for any other reason keeps the workqueue's backoff.",
			want:   reconcile.Result{Requeue: true}, //nolint:staticcheck // Kept as the managed reconciler answered it.
		},
		"FirstTry": {
			reason: "A resource that waits on its references is tried again after 1 s, not by the workqueue's failure count.",
			waits:  1, want: reconcile.Result{RequeueAfter: time.Second},
		},
		"ThirdTry": {
			reason: "Its own backoff doubles.",
			waits:  3, want: reconcile.Result{RequeueAfter: 4 * time.Second},
		},
		"Capped": {
			reason: "It never waits more than maxRefBackoff.",
			waits:  20, want: reconcile.Result{RequeueAfter: maxRefBackoff},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w := newWaker(runtime.NewScheme())
			for range tc.waits {
				w.wait(referrer{gk: gk, NamespacedName: req.NamespacedName}, vpc)
			}
			got, err := refAware{Reconciler: requeueing{}, waker: w, gk: gk}.Reconcile(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nReconcile(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
