// Package policy compares IAM-style JSON policy documents semantically: key
// order, whitespace, a single value versus a one-item list, and the order of
// set-like lists do not make two documents different.
package policy

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/pkg/errors"
)

// setKeys hold values AWS treats as unordered sets that may be written as a
// single string or a list of strings.
var setKeys = map[string]bool{
	"action": true, "notaction": true, "resource": true, "notresource": true,
	"aws": true, "service": true, "federated": true, "canonicaluser": true,
}

// Normalize returns a canonical form of a JSON policy document.
func Normalize(doc string) (string, error) {
	if strings.TrimSpace(doc) == "" {
		return "", nil
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return "", errors.Wrap(err, "policy is not valid JSON")
	}
	b, err := json.Marshal(canonical(v, ""))
	return string(b), errors.Wrap(err, "cannot marshal policy")
}

// Equal reports whether two policy documents mean the same. Documents that
// are not valid JSON are equal only when they are the same text.
func Equal(a, b string) bool {
	na, errA := Normalize(a)
	nb, errB := Normalize(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return na == nb
}

func canonical(v any, key string) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			out[k] = canonical(val, k)
		}
		return out
	case []any:
		out := make([]any, 0, len(t))
		for _, val := range t {
			out = append(out, canonical(val, ""))
		}
		if strs, ok := stringsOf(out); ok {
			if len(strs) == 1 && !setKeys[strings.ToLower(key)] && !isConditionValue(key) {
				return strs[0]
			}
			sort.Strings(strs)
			return toAny(strs)
		}
		if strings.EqualFold(key, "statement") && len(out) == 1 {
			return out[0]
		}
		return out
	case string:
		if setKeys[strings.ToLower(key)] || isConditionValue(key) {
			return []any{t}
		}
		return t
	default:
		return t
	}
}

// isConditionValue is true for the keys under a condition operator, e.g.
// "aws:SourceArn"; their values are sets too.
func isConditionValue(key string) bool {
	return strings.Contains(key, ":")
}

func stringsOf(vs []any) ([]string, bool) {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		s, ok := v.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
