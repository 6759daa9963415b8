package mr

import (
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
