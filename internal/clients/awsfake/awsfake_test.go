package awsfake

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
)

type output struct{ V string }

func TestCall(t *testing.T) {
	boom := errors.New("boom")
	cases := map[string]struct {
		reason  string
		r       *Recorder
		want    *output
		wantErr error
	}{
		"Empty": {
			reason: "An operation with no canned answer returns an empty output.",
			r:      &Recorder{},
			want:   &output{},
		},
		"Canned": {
			reason: "A canned output is returned as it is.",
			r:      &Recorder{Out: map[string]any{"Op": &output{V: "x"}}},
			want:   &output{V: "x"},
		},
		"Func": {
			reason: "A Func computes the output from the input.",
			r:      &Recorder{Out: map[string]any{"Op": Func(func(in any) (any, error) { return &output{V: in.(string)}, nil })}},
			want:   &output{V: "in"},
		},
		"Error": {
			reason:  "An error wins over an output.",
			r:       &Recorder{Out: map[string]any{"Op": &output{}}, Errs: map[string]error{"Op": boom}},
			wantErr: boom,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := Call[output](tc.r, "Op", "in")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("%s\nerror: want %v, got %v", tc.reason, tc.wantErr, err)
			}
			if diff := cmp.Diff([]string{"Op"}, tc.r.Calls); diff != "" {
				t.Errorf("%s\ncalls: -want, +got:\n%s", tc.reason, diff)
			}
			if tc.r.Input("Op", 0) != "in" || tc.r.Last("Op") != "in" || tc.r.Input("Op", 1) != nil {
				t.Errorf("%s\nthe input was not recorded", tc.reason)
			}
		})
	}
}

func TestAPIError(t *testing.T) {
	err := APIError("EC2", http.StatusBadRequest, "InvalidVpcID.NotFound")
	if got := awserr.Code(err); got != "InvalidVpcID.NotFound" {
		t.Errorf("Code: want InvalidVpcID.NotFound, got %q", got)
	}
	if got := awserr.StatusCode(err); got != http.StatusBadRequest {
		t.Errorf("StatusCode: want 400, got %d", got)
	}
}
