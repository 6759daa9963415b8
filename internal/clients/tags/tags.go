// Package tags holds the tag logic every kind shares: the difference between
// desired and observed tags, and the identity tag that lets a controller find
// a resource AWS created (and assigned an ID to) before the managed resource
// recorded that ID.
package tags

import (
	"sort"

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
