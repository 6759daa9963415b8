// Package tags holds the tag logic every kind shares: the difference between
// desired and observed tags, and the identity tag that lets a controller find
// a resource AWS created (and assigned an ID to) before the managed resource
// recorded that ID.
package tags

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
)

// KeyManagedBy is the tag key of a managed resource's identity.
const KeyManagedBy = "kaws.dev/managed-by"

// Identity returns the value of the identity tag of mg: namespace/name/UID.
// The UID makes it unique even when an object of the same name is recreated.
func Identity(mg resource.Object) string {
	return mg.GetNamespace() + "/" + mg.GetName() + "/" + string(mg.GetUID())
}

// Diff returns the tags to add or change and the keys to remove so that
// observed becomes desired. Keys in ignore (e.g. KeyManagedBy, or AWS's own
// aws:* tags) are never removed. The keys to remove are sorted.
func Diff(desired, observed map[string]string, ignore ...string) (add map[string]string, remove []string) {
	add = map[string]string{}
	for k, v := range desired {
		if ov, ok := observed[k]; !ok || ov != v {
			add[k] = v
		}
	}
	skip := make(map[string]bool, len(ignore))
	for _, k := range ignore {
		skip[k] = true
	}
	for k := range observed {
		if _, ok := desired[k]; !ok && !skip[k] && !isAWSReserved(k) {
			remove = append(remove, k)
		}
	}
	sort.Strings(remove)
	return add, remove
}

// Equal reports whether observed carries exactly the desired tags, ignoring
// the keys in ignore and AWS's reserved aws:* keys.
func Equal(desired, observed map[string]string, ignore ...string) bool {
	add, remove := Diff(desired, observed, ignore...)
	return len(add) == 0 && len(remove) == 0
}

// WithIdentity returns desired plus the identity tag of mg.
func WithIdentity(desired map[string]string, mg resource.Object) map[string]string {
	out := make(map[string]string, len(desired)+1)
	for k, v := range desired {
		out[k] = v
	}
	out[KeyManagedBy] = Identity(mg)
	return out
}

func isAWSReserved(k string) bool {
	return len(k) >= 4 && k[:4] == "aws:"
}

// Sync makes a resource's tags equal desired: it calls untag with the keys
// to remove (sorted) and tag with the tags to add or change, each only when
// there is something to do, untag first. nil desired tags are not managed:
// nothing is called. The identity tag and AWS's aws:* tags are never removed.
// A service supplies tag and untag with its own API's shapes.
func Sync(desired, observed map[string]string, tag func(add map[string]string) error, untag func(keys []string) error) error {
	if desired == nil {
		return nil
	}
	add, remove := Diff(desired, observed, KeyManagedBy)
	if len(remove) > 0 {
		if err := untag(remove); err != nil {
			return errors.Wrap(err, "cannot remove tags")
		}
	}
	if len(add) > 0 {
		if err := tag(add); err != nil {
			return errors.Wrap(err, "cannot add tags")
		}
	}
	return nil
}

// UpToDate reports whether observed carries exactly the desired tags; nil
// desired tags are not managed. The identity tag and aws:* tags never count.
func UpToDate(desired, observed map[string]string) bool {
	return desired == nil || Equal(desired, observed, KeyManagedBy)
}

// User returns the user's tags among observed: without the identity tag and
// AWS's aws:* tags, or nil when there are none. This is what a kind
// late-initializes into its spec, so an adopted resource's own tags never
// count against the spec's 50-tag limit.
func User(observed map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range observed {
		if k == KeyManagedBy || isAWSReserved(k) {
			continue
		}
		out[k] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// List converts a tag map to a service's tag list, sorted by key, and nil
// for no tags; tag builds the service's tag of a key and value. Every AWS
// SDK has its own Tag type of the same two fields.
func List[T any](m map[string]string, tag func(key, value *string) T) []T {
	if len(m) == 0 {
		return nil // an SDK leaves a nil list out of the request
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]T, 0, len(keys))
	for _, k := range keys {
		out = append(out, tag(aws.String(k), aws.String(m[k])))
	}
	return out
}

// Map converts a service's tag list to a map; kv returns a tag's key and
// value.
func Map[T any](ts []T, kv func(T) (key, value *string)) map[string]string {
	out := make(map[string]string, len(ts))
	for _, t := range ts {
		k, v := kv(t)
		out[aws.ToString(k)] = aws.ToString(v)
	}
	return out
}
