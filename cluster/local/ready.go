package local

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

const readyPollInterval = 500 * time.Millisecond

// WaitReady polls until every object has the conditions Ready=True and
// Synced=True. After timeout it returns an error that lists each object
// that is not, with its conditions' reasons and messages. Each poll lists
// the objects' kinds per namespace, so waiting for many objects is cheap.
func (s *Stack) WaitReady(ctx context.Context, objs []*unstructured.Unstructured, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var pending []string
	for {
		cur, err := s.notReady(ctx, objs)
		if err == nil {
			if pending = cur; len(pending) == 0 {
				return nil
			}
		}
		if err != nil || !time.Now().Before(deadline) {
			return notReadyError(pending, len(objs), timeout, err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(readyPollInterval):
		}
	}
}

func notReadyError(pending []string, total int, timeout time.Duration, err error) error {
	if len(pending) == 0 {
		return fmt.Errorf("cannot check whether %d objects are Ready: %w", total, err)
	}
	msg := fmt.Sprintf("%d of %d objects not Ready and Synced after %s", len(pending), total, timeout)
	if err != nil {
		msg = fmt.Sprintf("%d of %d objects not Ready and Synced (%v)", len(pending), total, err)
	}
	return errors.New(msg + ":\n  " + strings.Join(pending, "\n  "))
}

// notReady describes the objects that are not Ready and Synced, or not
// readable. It fails only when ctx ends.
func (s *Stack) notReady(ctx context.Context, objs []*unstructured.Unstructured) ([]string, error) {
	type group struct {
		gvk schema.GroupVersionKind
		ns  string
	}
	current := map[group]map[string]*unstructured.Unstructured{}
	listErr := map[group]error{}
	var pending []string
	for _, o := range objs {
		g := group{gvk: o.GroupVersionKind(), ns: o.GetNamespace()}
		if _, done := current[g]; !done {
			current[g], listErr[g] = s.list(ctx, g.gvk, g.ns)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		cur, found := current[g][o.GetName()]
		switch {
		case listErr[g] != nil:
			pending = append(pending, fmt.Sprintf("%s: %v", Describe(o), listErr[g]))
		case !found:
			pending = append(pending, Describe(o)+": not found")
		case !IsReady(cur):
			pending = append(pending, Describe(o)+": "+FormatConditions(cur))
		}
	}
	return pending, nil
}

// list returns the objects of a kind in a namespace (all of them for a
// cluster-scoped kind), by name.
func (s *Stack) list(ctx context.Context, gvk schema.GroupVersionKind, ns string) (map[string]*unstructured.Unstructured, error) {
	l := &unstructured.UnstructuredList{}
	l.SetGroupVersionKind(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
	if err := s.Client.List(ctx, l, client.InNamespace(ns)); err != nil {
		return nil, err
	}
	byName := make(map[string]*unstructured.Unstructured, len(l.Items))
	for i := range l.Items {
		byName[l.Items[i].GetName()] = &l.Items[i]
	}
	return byName, nil
}

// Describe names an object as "Kind namespace/name".
func Describe(o *unstructured.Unstructured) string {
	if o.GetNamespace() == "" {
		return o.GetKind() + " " + o.GetName()
	}
	return o.GetKind() + " " + o.GetNamespace() + "/" + o.GetName()
}

// A Condition of an object's status.conditions.
type Condition struct {
	Type, Status, Reason, Message string
}

// Conditions returns an object's status.conditions.
func Conditions(o *unstructured.Unstructured) []Condition {
	list, _, _ := unstructured.NestedSlice(o.Object, "status", "conditions")
	conds := make([]Condition, 0, len(list))
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		str := func(k string) string { v, _ := m[k].(string); return v }
		conds = append(conds, Condition{Type: str("type"), Status: str("status"), Reason: str("reason"), Message: str("message")})
	}
	return conds
}

// ConditionOf returns the condition of the given type; its Status is ""
// when the object has no such condition.
func ConditionOf(o *unstructured.Unstructured, condType string) Condition {
	for _, c := range Conditions(o) {
		if c.Type == condType {
			return c
		}
	}
	return Condition{Type: condType}
}

// IsReady reports whether an object has the conditions Ready=True and
// Synced=True.
func IsReady(o *unstructured.Unstructured) bool {
	return ConditionOf(o, "Ready").Status == "True" && ConditionOf(o, "Synced").Status == "True"
}

// FormatConditions renders an object's conditions on one line, e.g.
// "Synced=True (ReconcileSuccess); Ready=False (Creating: waiting)".
func FormatConditions(o *unstructured.Unstructured) string {
	conds := Conditions(o)
	if len(conds) == 0 {
		return "no conditions yet"
	}
	parts := make([]string, len(conds))
	for i, c := range conds {
		detail := c.Reason
		if c.Message != "" {
			detail += ": " + c.Message
		}
		parts[i] = fmt.Sprintf("%s=%s (%s)", c.Type, c.Status, detail)
	}
	return strings.Join(parts, "; ")
}
