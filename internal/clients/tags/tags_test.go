package tags

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

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

func TestSync(t *testing.T) {
	boom := errors.New("boom")
	type want struct {
		tagged   map[string]string
		untagged []string
		err      error
	}
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		tagErr, untagErr  error
		want              want
	}{
		"NotManaged": {
			reason:   "nil desired tags are not managed: nothing is called.",
			observed: map[string]string{"a": "1"},
		},
		"UpToDate": {
			reason:   "Equal tags call nothing; the identity and aws:* tags never count.",
			desired:  map[string]string{"a": "1"},
			observed: map[string]string{"a": "1", KeyManagedBy: "x", "aws:eks:cluster-name": "c"},
		},
		"AddChangeRemove": {
			reason:   "Removed keys are untagged and new or changed ones tagged.",
			desired:  map[string]string{"a": "1", "b": "2"},
			observed: map[string]string{"a": "0", "c": "3", KeyManagedBy: "x"},
			want:     want{tagged: map[string]string{"a": "1", "b": "2"}, untagged: []string{"c"}},
		},
		"UntagError": {
			reason:   "An untag error is returned with context, and nothing is tagged after it.",
			desired:  map[string]string{"a": "1"},
			observed: map[string]string{"c": "3"},
			untagErr: boom,
			want:     want{untagged: []string{"c"}, err: errors.Wrap(boom, "cannot remove tags")},
		},
		"TagError": {
			reason:  "A tag error is returned with context.",
			desired: map[string]string{"a": "1"},
			tagErr:  boom,
			want:    want{tagged: map[string]string{"a": "1"}, err: errors.Wrap(boom, "cannot add tags")},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got want
			got.err = Sync(tc.desired, tc.observed,
				func(add map[string]string) error { got.tagged = add; return tc.tagErr },
				func(keys []string) error { got.untagged = keys; return tc.untagErr })
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{}), test.EquateErrors()); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestUser(t *testing.T) {
	cases := map[string]struct {
		reason   string
		observed map[string]string
		want     map[string]string
	}{
		"OnlyOwn": {
			reason:   "The identity tag and aws:* tags are not the user's.",
			observed: map[string]string{KeyManagedBy: "x", "aws:cloudformation:stack-id": "y"},
		},
		"Mixed": {
			reason:   "The user's tags are kept.",
			observed: map[string]string{KeyManagedBy: "x", "team": "a"},
			want:     map[string]string{"team": "a"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, User(tc.observed)); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// tag stands for a service SDK's tag type.
type tag struct{ Key, Value *string }

func TestListAndMap(t *testing.T) {
	cases := map[string]struct {
		reason string
		m      map[string]string
		want   []string
	}{
		"Empty": {
			reason: "No tags are no list (nil), which the SDKs leave out of a request.",
		},
		"SortedByKey": {
			reason: "The list is sorted by key, and converts back to the same map.",
			m:      map[string]string{"b": "2", "a": "1", "c": ""},
			want:   []string{"a=1", "b=2", "c="},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			l := List(tc.m, func(k, v *string) tag { return tag{Key: k, Value: v} })
			var got []string
			for _, x := range l {
				got = append(got, *x.Key+"="+*x.Value)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nList: -want, +got:\n%s", tc.reason, diff)
			}
			back := Map(l, func(x tag) (k, v *string) { return x.Key, x.Value })
			if diff := cmp.Diff(tc.m, back, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nMap: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
