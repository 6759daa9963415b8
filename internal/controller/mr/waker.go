package mr

import (
	"context"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
)

// A waker wakes a managed resource whose references could not be resolved
// as soon as a resource they point to changes, instead of leaving it to the
// reconciler's backoff.
//
// A Subnet applied together with its VPC finds the VPC without an ID; its
// reconcile fails and is retried after 1, 2, 4, 8, 16 s...: the subnet was
// Ready about 15 s after its VPC in the bench's waves. The reference
// resolver reads the resources a reference names through the waker's
// recording reader; when resolution fails, the resource waits on them; when
// the cache sees one of them change, the waiting resource is queued again at
// once (through its controller's channel source). It waits again if
// resolution still fails, so a reference that never resolves keeps the
// reconciler's backoff.
type waker struct {
	scheme *runtime.Scheme

	mu sync.Mutex
	// waiting: who waits on a target, by target; a target of a selector
	// has no name (any resource of the kind in the namespace).
	waiting map[target]map[referrer]struct{}
	// waitsOn: the targets each referrer waits on, to forget them.
	waitsOn map[referrer][]target
	// tries counts the failed resolutions of each waiting referrer, for
	// its backoff.
	tries map[referrer]int
	// queues are the channels of the controllers, by kind.
	queues map[schema.GroupKind]chan event.GenericEvent
}

type target struct {
	gk        schema.GroupKind
	namespace string
	name      string
}

type referrer struct {
	gk schema.GroupKind
	types.NamespacedName
}

func newWaker(s *runtime.Scheme) *waker {
	return &waker{scheme: s, waiting: map[target]map[referrer]struct{}{}, waitsOn: map[referrer][]target{},
		tries: map[referrer]int{}, queues: map[schema.GroupKind]chan event.GenericEvent{}}
}

var (
	wakersMu sync.Mutex
	wakers   = map[*runtime.Scheme]*waker{}
)

// wakerFor returns the waker of a manager (by its scheme): one per process
// in the provider, one per test manager in tests.
func wakerFor(s *runtime.Scheme) *waker {
	wakersMu.Lock()
	defer wakersMu.Unlock()
	if w, ok := wakers[s]; ok {
		return w
	}
	w := newWaker(s)
	wakers[s] = w
	return w
}

// queue returns the channel that queues resources of kind gk in their
// controller (a source.Channel the controller watches).
func (w *waker) queue(gk schema.GroupKind) chan event.GenericEvent {
	w.mu.Lock()
	defer w.mu.Unlock()
	if q, ok := w.queues[gk]; ok {
		return q
	}
	q := make(chan event.GenericEvent, 1024)
	w.queues[gk] = q
	return q
}

// wait records that r waits on targets (replacing what it waited on).
func (w *waker) wait(r referrer, targets []target) {
	w.mu.Lock()
	defer w.mu.Unlock()
	tries := w.tries[r]
	w.forgetLocked(r)
	w.tries[r] = tries + 1
	for _, t := range targets {
		if w.waiting[t] == nil {
			w.waiting[t] = map[referrer]struct{}{}
		}
		w.waiting[t][r] = struct{}{}
	}
	w.waitsOn[r] = targets
}

// forget records that r waits on nothing.
func (w *waker) forget(r referrer) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.forgetLocked(r)
}

func (w *waker) forgetLocked(r referrer) {
	for _, t := range w.waitsOn[r] {
		delete(w.waiting[t], r)
		if len(w.waiting[t]) == 0 {
			delete(w.waiting, t)
		}
	}
	delete(w.waitsOn, r)
	delete(w.tries, r)
}

// Backoff of a resource whose references do not resolve: 1 s after the
// first try, doubling to at most maxRefBackoff. A change of what it waits on
// wakes it sooner.
const maxRefBackoff = time.Minute

// retryAfter returns when r, which waits on references, is tried again, and
// whether it waits at all.
func (w *waker) retryAfter(r referrer) (time.Duration, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, ok := w.tries[r]
	if !ok {
		return 0, false
	}
	d := time.Second << min(n-1, 6)
	return min(d, maxRefBackoff), true
}

// refAware is the reconciler of a kind whose resources may wait on their
// references. The managed reconciler answers an unresolved reference with
// Requeue, which the workqueue delays by the resource's failure count, the
// same count its later failures are delayed by: a subnet that waited
// through five tries for its VPC then met a conflict when it wrote its spec
// and was retried a minute later. refAware answers a resource that waits on
// its references with its own backoff (retryAfter) instead, which leaves the
// workqueue's count at zero; the waker wakes it when a target changes.
type refAware struct {
	reconcile.Reconciler
	waker *waker
	gk    schema.GroupKind
}

// Reconcile reconciles req and replaces a Requeue of a resource that waits
// on its references by a RequeueAfter.
func (r refAware) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	res, err := r.Reconciler.Reconcile(ctx, req)
	if err != nil || !res.Requeue { //nolint:staticcheck // Result.Requeue is what the managed reconciler answers.
		return res, err
	}
	if d, ok := r.waker.retryAfter(referrer{gk: r.gk, NamespacedName: req.NamespacedName}); ok {
		return reconcile.Result{RequeueAfter: d}, nil
	}
	return res, err
}

// changed queues again every resource waiting on obj (by name, or on any
// resource of its kind in its namespace). They keep waiting until their
// references resolve (forget): a target changes a few times before what
// a reference reads is set (a VPC gets its finalizer, then its ID), and a
// resource that tried at the first change must still be woken by the later
// ones. Its failed tries do not delay a wake (the reconciler's backoff
// delays only its own retries).
func (w *waker) changed(obj client.Object) {
	gvk, err := apiutil.GVKForObject(obj, w.scheme)
	if err != nil {
		return
	}
	gk := gvk.GroupKind()
	w.mu.Lock()
	var (
		wake   []referrer
		queues []chan event.GenericEvent
	)
	for _, t := range []target{{gk, obj.GetNamespace(), obj.GetName()}, {gk, obj.GetNamespace(), ""}} {
		for r := range w.waiting[t] {
			wake = append(wake, r)
			queues = append(queues, w.queues[r.gk])
		}
	}
	w.mu.Unlock()
	for i, r := range wake {
		if queues[i] == nil {
			continue
		}
		u := &unstructured.Unstructured{}
		u.SetNamespace(r.Namespace)
		u.SetName(r.Name)
		select {
		case queues[i] <- event.GenericEvent{Object: u}:
		default: // a full queue: the reconciler's backoff wakes it instead
		}
	}
}

// deleted forgets what a deleted resource waited on.
func (w *waker) deleted(obj client.Object) {
	gvk, err := apiutil.GVKForObject(obj, w.scheme)
	if err != nil {
		return
	}
	w.forget(referrer{gk: gvk.GroupKind(), NamespacedName: client.ObjectKeyFromObject(obj)})
}

// recordingReader is a client.Reader that records the resources it is asked
// for: the targets of a resource's references.
type recordingReader struct {
	client.Reader
	scheme  *runtime.Scheme
	targets []target
}

func (r *recordingReader) record(obj runtime.Object, namespace, name string) {
	gvk, err := apiutil.GVKForObject(obj, r.scheme)
	if err != nil {
		return
	}
	gk := gvk.GroupKind()
	gk.Kind = trimList(gk.Kind)
	r.targets = append(r.targets, target{gk: gk, namespace: namespace, name: name})
}

// Get records the target and reads it.
func (r *recordingReader) Get(ctx context.Context, key client.ObjectKey, obj client.Object, opts ...client.GetOption) error {
	r.record(obj, key.Namespace, key.Name)
	return r.Reader.Get(ctx, key, obj, opts...)
}

// List records a selector's targets (any of the kind in the namespace) and
// lists them.
func (r *recordingReader) List(ctx context.Context, list client.ObjectList, opts ...client.ListOption) error {
	lo := &client.ListOptions{}
	lo.ApplyOptions(opts)
	r.record(list, lo.Namespace, "")
	return r.Reader.List(ctx, list, opts...)
}

func trimList(kind string) string {
	if n := len(kind) - len("List"); n > 0 && kind[n:] == "List" {
		return kind[:n]
	}
	return kind
}
