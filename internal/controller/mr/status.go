package mr

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"

	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// statusKeeping is the manager the managed reconciler is built with: the
// same manager, whose client keeps the status an observation set across a
// spec write (see keepStatus).
type statusKeeping struct {
	ctrl.Manager
}

// GetClient returns the manager's client with keepStatus.
func (m statusKeeping) GetClient() client.Client { return keepStatus{m.Manager.GetClient()} }

// keepStatus is a client whose Update keeps the object's in-memory status.
//
// The managed reconciler writes the spec (a late-initialization, the
// finalizer, the external-name annotations) with Update, in the middle of a
// reconcile, and then writes the status. The API server answers Update
// with the stored status, which would replace what the observation had
// just set (Available, atProvider): the status write then stores the old
// status, and the resource shows Ready only after one more observation, a
// whole round later. keepStatus decodes the server's answer (metadata and
// spec as stored, with defaults and the new resourceVersion) and puts the
// pending status back, so the status write stores what was observed.
type keepStatus struct {
	client.Client
}

// Status returns a status writer whose Update is skipped when it would
// store the status the object already has (see unchangedStatus).
func (c keepStatus) Status() client.SubResourceWriter {
	return skipUnchanged{SubResourceWriter: c.Client.Status(), reader: c.Client}
}

// skipUnchanged is a status writer that does not send a status Update that
// would change nothing.
//
// The managed reconciler writes the status at the end of every reconcile,
// also when an observation found everything up to date and changed no
// condition. The API server then stores nothing, but still decodes,
// validates and converts the request: one Kubernetes write per resource per
// poll, the whole of the provider's steady-state Kubernetes traffic.
type skipUnchanged struct {
	client.SubResourceWriter
	reader client.Reader
}

// Update writes obj's status unless the cached object of the same
// resourceVersion has that status already.
func (w skipUnchanged) Update(ctx context.Context, obj client.Object, opts ...client.SubResourceUpdateOption) error {
	if len(opts) == 0 && unchangedStatus(ctx, w.reader, obj) {
		return nil
	}
	return w.SubResourceWriter.Update(ctx, obj, opts...)
}

// unchangedStatus reports whether the reader (the manager's cache) holds obj
// at the same resourceVersion with the same status. Any doubt (a newer
// object in the cache, an error) answers false: the write goes out.
func unchangedStatus(ctx context.Context, r client.Reader, obj client.Object) bool {
	stored, ok := sameVersion(ctx, r, obj)
	if !ok {
		return false
	}
	a, errA := statusJSON(obj)
	b, errB := statusJSON(stored)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// sameVersion returns the reader's copy of obj when it has obj's
// resourceVersion.
func sameVersion(ctx context.Context, r client.Reader, obj client.Object) (client.Object, bool) {
	stored, ok := obj.DeepCopyObject().(client.Object)
	if !ok || obj.GetResourceVersion() == "" {
		return nil, false
	}
	if err := r.Get(ctx, client.ObjectKeyFromObject(obj), stored); err != nil {
		return nil, false
	}
	return stored, stored.GetResourceVersion() == obj.GetResourceVersion()
}

// statusJSON returns the JSON of obj's status.
func statusJSON(obj client.Object) ([]byte, error) {
	m, err := fields(obj)
	if err != nil {
		return nil, err
	}
	return m["status"], nil
}

// fields returns obj's top-level JSON fields.
func fields(obj client.Object) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(b, &m)
}

// SkippingNoOps is a manager whose client does not send an Update or a
// status Update that would store what the object has already (see
// skipUnchanged and unchangedObject): for reconcilers of crossplane-runtime
// that write on every reconcile, such as the ProviderConfig reconciler,
// which updates the config (its finalizer) and its status each time a usage
// is created: 1.2 writes per managed resource in a wave, to one object.
type SkippingNoOps struct {
	ctrl.Manager
}

// GetClient returns the manager's client, skipping no-op writes.
func (m SkippingNoOps) GetClient() client.Client { return m.client(m.Manager.GetClient()) }

func (SkippingNoOps) client(c client.Client) client.Client { return skipNoOps{c} }

type skipNoOps struct {
	client.Client
}

// Status returns a status writer that skips no-op status updates.
func (c skipNoOps) Status() client.SubResourceWriter {
	return skipUnchanged{SubResourceWriter: c.Client.Status(), reader: c.Client}
}

// Update writes obj unless the cached object of the same resourceVersion
// has the same metadata and spec.
func (c skipNoOps) Update(ctx context.Context, obj client.Object, opts ...client.UpdateOption) error {
	if len(opts) == 0 && unchangedObject(ctx, c.Client, obj) {
		return nil
	}
	return c.Client.Update(ctx, obj, opts...)
}

// unchangedObject reports whether the reader holds obj at the same
// resourceVersion with the same fields but its status.
func unchangedObject(ctx context.Context, r client.Reader, obj client.Object) bool {
	stored, ok := sameVersion(ctx, r, obj)
	if !ok {
		return false
	}
	a, errA := fields(obj)
	b, errB := fields(stored)
	if errA != nil || errB != nil {
		return false
	}
	for _, m := range []map[string]json.RawMessage{a, b} {
		delete(m, "status")
		delete(m, "apiVersion")
		delete(m, "kind")
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// Update writes obj's spec and metadata and keeps its in-memory status.
func (c keepStatus) Update(ctx context.Context, obj client.Object, opts ...client.UpdateOption) error {
	pending, err := json.Marshal(obj)
	if err != nil {
		return c.Client.Update(ctx, obj, opts...)
	}
	if err := c.Client.Update(ctx, obj, opts...); err != nil {
		return err
	}
	return errors.Wrap(withStatus(obj, pending), "cannot keep the status of a managed resource across a spec update")
}

// withStatus replaces obj's status by the status of pending, obj's JSON
// before the update.
func withStatus(obj client.Object, pending []byte) error {
	stored, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	var s, p map[string]json.RawMessage
	if err := json.Unmarshal(stored, &s); err != nil {
		return err
	}
	if err := json.Unmarshal(pending, &p); err != nil {
		return err
	}
	delete(s, "status")
	if st, ok := p["status"]; ok {
		s["status"] = st
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	v := reflect.ValueOf(obj).Elem()
	v.Set(reflect.Zero(v.Type()))
	return json.Unmarshal(b, obj)
}
