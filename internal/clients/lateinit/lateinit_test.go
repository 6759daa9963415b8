package lateinit

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

type params struct {
	P *int
	V string
	S []string
	M map[string]string
}

func ptr[T any](v T) *T { return &v }

func TestLateInit(t *testing.T) {
	cases := map[string]struct {
		reason      string
		spec, aws   params
		want        params
		wantChanged bool
	}{
		"Unset": {
			reason:      "Unset fields take what AWS has.",
			aws:         params{P: ptr(1), V: "v", S: []string{"a"}, M: map[string]string{"k": "v"}},
			want:        params{P: ptr(1), V: "v", S: []string{"a"}, M: map[string]string{"k": "v"}},
			wantChanged: true,
		},
		"Set": {
			reason: "Fields the user set are kept, even empty ones.",
			spec:   params{P: ptr(2), V: "w", S: []string{}, M: map[string]string{}},
			aws:    params{P: ptr(1), V: "v", S: []string{"a"}, M: map[string]string{"k": "v"}},
			want:   params{P: ptr(2), V: "w", S: []string{}, M: map[string]string{}},
		},
		"NothingInAWS": {
			reason: "Nothing reported, nothing copied.",
			aws:    params{S: []string{}, M: map[string]string{}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := tc.spec
			changed := Any(Ptr(&got.P, tc.aws.P), Value(&got.V, tc.aws.V), Slice(&got.S, tc.aws.S), Map(&got.M, tc.aws.M))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
			if changed != tc.wantChanged {
				t.Errorf("%s\nchanged: want %t, got %t", tc.reason, tc.wantChanged, changed)
			}
			if tc.aws.P != nil && got.P == tc.aws.P {
				t.Errorf("%s\nPtr aliases AWS's value instead of copying it", tc.reason)
			}
		})
	}
}

func TestNonZero(t *testing.T) {
	cases := map[string]struct {
		reason string
		in     *string
		want   *string
	}{
		"Nil":   {reason: "Nothing reported stays nothing."},
		"Zero":  {reason: "An empty value is nothing to late-initialize.", in: ptr("")},
		"Value": {reason: "A value is kept.", in: ptr("d"), want: ptr("d")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, NonZero(tc.in)); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestUnmanaged(t *testing.T) {
	observed := params{P: ptr(1), V: "v", S: []string{"s"}, M: map[string]string{"k": "v"}}
	cases := map[string]struct {
		reason string
		unset  bool
		want   params
	}{
		"Unset":   {reason: "Fields the spec leaves unset are cleared, whatever their type.", unset: true},
		"Managed": {reason: "Fields the spec sets keep what AWS has.", want: observed},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o := observed
			Unmanaged(&o.P, tc.unset)
			Unmanaged(&o.V, tc.unset)
			Unmanaged(&o.S, tc.unset)
			Unmanaged(&o.M, tc.unset)
			if diff := cmp.Diff(tc.want, o); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
