package snskit_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

const arn = "arn:aws:sns:us-east-1:123456789012:orders"

var errBoom = errors.New("boom")

func TestErrors(t *testing.T) {
	cases := map[string]struct {
		reason   string
		err      error
		notFound bool
		exists   bool
	}{
		"NotFound":         {reason: "NotFound is not found.", err: snsfake.NotFound(), notFound: true},
		"ResourceNotFound": {reason: "The tagging operations' ResourceNotFound is not found.", err: awsfake.APIError("SNS", http.StatusBadRequest, "ResourceNotFound"), notFound: true},
		"AlreadyExists":    {reason: "InvalidParameter saying the topic exists is already exists.", err: errors.Wrap(snsfake.AlreadyExists(), "cannot create"), exists: true},
		"OtherInvalid":     {reason: "Another InvalidParameter is neither.", err: awsfake.APIError("SNS", http.StatusBadRequest, "InvalidParameter")},
		"Other":            {reason: "Another code is neither.", err: snsfake.AuthorizationError()},
		"NoAPI":            {reason: "An error without a code is neither.", err: errBoom},
		"NoError":          {reason: "No error is neither."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := snskit.IsNotFound(tc.err); got != tc.notFound {
				t.Errorf("%s\nIsNotFound(...) = %t, want %t", tc.reason, got, tc.notFound)
			}
			if got := snskit.IsAlreadyExists(tc.err); got != tc.exists {
				t.Errorf("%s\nIsAlreadyExists(...) = %t, want %t", tc.reason, got, tc.exists)
			}
		})
	}
}

func TestSyncTags(t *testing.T) {
	cases := map[string]struct {
		reason   string
		desired  map[string]string
		observed map[string]string
		errs     map[string]error
		err      error
		calls    []string
		inputs   []any
	}{
		"Unmanaged": {reason: "Tags omitted from the spec are not managed.", observed: map[string]string{"a": "b"}},
		"AddRemove": {
			reason:   "Keys to remove are untagged, new and changed tags tagged, by ARN; the identity tag stays.",
			desired:  map[string]string{"team": "infra"},
			observed: map[string]string{"team": "platform", "old": "x", tags.KeyManagedBy: "default/x/uid"},
			calls:    []string{"UntagResource", "TagResource"},
			inputs: []any{
				&sns.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}},
				&sns.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("infra")}}},
			},
		},
		"TagError": {
			reason:  "A tag error is wrapped.",
			desired: map[string]string{"team": "infra"},
			errs:    map[string]error{"TagResource": errBoom},
			err:     errors.Wrap(errBoom, "cannot add tags"),
			calls:   []string{"TagResource"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := snsfake.New(nil, tc.errs)
			err := snskit.SyncTags(context.Background(), api, arn, tc.desired, tc.observed)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nSyncTags(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			api.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
		})
	}
}

func TestListTags(t *testing.T) {
	api := snsfake.New(map[string]any{"ListTagsForResource": &sns.ListTagsForResourceOutput{Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}}}, nil)
	got, err := snskit.ListTags(context.Background(), api, arn)
	if err != nil || !cmp.Equal(got, map[string]string{"a": "b"}) {
		t.Errorf("ListTags: got %v, %v; want {a: b}", got, err)
	}
	api = snsfake.New(nil, map[string]error{"ListTagsForResource": errBoom})
	if _, err := snskit.ListTags(context.Background(), api, arn); cmp.Diff(errors.Wrap(errBoom, "cannot list the tags of the SNS resource"), err, test.EquateErrors()) != "" {
		t.Errorf("ListTags: want the error with context, got %v", err)
	}
}

func TestAttributes(t *testing.T) {
	a := snskit.Attributes{"B": "True", "S": "", "T": "x"}.Put("P", aws.String("v")).Put("N", nil).PutBool("Q", aws.Bool(false)).Default("S", "d").Default("T", "d")
	want := snskit.Attributes{"B": "True", "S": "d", "T": "x", "P": "v", "Q": "false"}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("Put, PutBool, Default: -want, +got:\n%s", diff)
	}
	if b := a.Bool("B"); b == nil || !*b {
		t.Errorf("Bool(B) = %v, want true", b)
	}
	if b := a.Bool("missing"); b != nil {
		t.Errorf("Bool(missing) = %v, want nil", *b)
	}
	if s := (snskit.Attributes{"E": ""}).String("E"); s != nil {
		t.Errorf("String of an empty attribute = %q, want nil", *s)
	}
}

func TestDiffAndSetChanged(t *testing.T) {
	desired := snskit.Attributes{"Policy": `{"a":["x"]}`, "Name": "n", "Gone": "g"}
	observed := snskit.Attributes{"Policy": `{ "a": "x" }`, "Name": "other", "Extra": "ignored"}
	cases := map[string]struct {
		reason  string
		json    []string
		changed []string
		err     error
		setErr  error
	}{
		"JSONByMeaning": {reason: "A JSON attribute that means the same is no change; a missing one is; other names are not compared.", json: []string{"Policy"}, changed: []string{"Gone", "Name"}},
		"JSONAsText":    {reason: "Not named as JSON, the text counts.", changed: []string{"Gone", "Name", "Policy"}},
		"SetError": {reason: "The first error stops, naming the attribute.", json: []string{"Policy"}, setErr: errBoom, changed: []string{"Gone"},
			err: errors.Wrap(errBoom, "cannot set attribute Gone of the SNS topic")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if d := snskit.Diff(desired, observed, tc.json...); d == "" {
				t.Errorf("%s\nDiff(...) = \"\", want a diff", tc.reason)
			}
			var got []string
			err := snskit.SetChanged(desired, observed, tc.json, "SNS topic", func(n, v string) error {
				if v != desired[n] {
					t.Errorf("%s\nset %s to %q, want %q", tc.reason, n, v, desired[n])
				}
				got = append(got, n)
				return tc.setErr
			})
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nSetChanged(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.changed, got); diff != "" {
				t.Errorf("%s\nSetChanged(...): attributes set -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
	if d := snskit.Diff(snskit.Attributes{"P": `{"a":1}`}, snskit.Attributes{"P": `{ "a": 1 }`, "X": "y"}, "P"); d != "" {
		t.Errorf("Diff of equal JSON: want none, got\n%s", d)
	}
}

func TestValidateJSON(t *testing.T) {
	for _, doc := range []*string{nil, aws.String(""), aws.String(`{"a":1}`)} {
		if err := snskit.ValidateJSON("f", doc); err != nil {
			t.Errorf("ValidateJSON(%v): %v, want nil", doc, err)
		}
	}
	if err := snskit.ValidateJSON("spec.forProvider.policy", aws.String("{")); err == nil {
		t.Errorf("ValidateJSON({): want an error")
	}
}

func TestNewAPI(t *testing.T) {
	cfg := &clients.Config{AWS: aws.Config{Region: "eu-west-1"}, Region: "eu-west-1"}
	a, b := snskit.NewAPI(cfg), snskit.NewAPI(cfg)
	if a == nil || a != b {
		t.Errorf("NewAPI: want one client per config, got %T and %T (same: %t)", a, b, a == b)
	}
	if _, ok := a.(*sns.Client); ok {
		t.Errorf("NewAPI: got the SDK's *sns.Client, want the generated sdkClient (hack/sdkclient: a binary links every operation of an SDK client held in an interface)")
	}
}
