package tags

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
)

func TestDiff(t *testing.T) {
	type want struct {
		add    map[string]string
		remove []string
		equal  bool
	}
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		ignore            []string
		want              want
	}{
		"Same": {
			reason:   "Equal tags need nothing.",
			desired:  map[string]string{"a": "1"},
			observed: map[string]string{"a": "1"},
			want:     want{add: map[string]string{}, equal: true},
		},
		"AddChangeRemove": {
			reason:   "A new key and a changed value are added; an extra key is removed.",
			desired:  map[string]string{"a": "1", "b": "2"},
			observed: map[string]string{"a": "0", "c": "3", "d": "4"},
			want:     want{add: map[string]string{"a": "1", "b": "2"}, remove: []string{"c", "d"}},
		},
		"IgnoredAndReserved": {
			reason:   "The identity tag and aws:* tags are never removed.",
			desired:  map[string]string{},
			observed: map[string]string{KeyManagedBy: "x", "aws:cloudformation:stack-id": "y"},
			ignore:   []string{KeyManagedBy},
			want:     want{add: map[string]string{}, equal: true},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			add, remove := Diff(tc.desired, tc.observed, tc.ignore...)
			got := want{add: add, remove: remove, equal: Equal(tc.desired, tc.observed, tc.ignore...)}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestIdentity(t *testing.T) {
	b := &v1alpha1.Bucket{ObjectMeta: metav1.ObjectMeta{Namespace: "team-a", Name: "logs", UID: "1234"}}
	want := map[string]string{"env": "dev", KeyManagedBy: "team-a/logs/1234"}
	if diff := cmp.Diff(want, WithIdentity(map[string]string{"env": "dev"}, b)); diff != "" {
		t.Errorf("WithIdentity(...): -want, +got:\n%s", diff)
	}
}
