package iamkit

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

func TestDecodeDocument(t *testing.T) {
	const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::a+b/*","Condition":{"StringLike":{"aws:userid":"x y"}}}]}`
	cases := map[string]struct {
		reason string
		in     string
		want   string
	}{
		"PlainJSON":     {reason: "A document that is JSON is returned as it is.", in: doc, want: doc},
		"PathEncoded":   {reason: "RFC 3986 encoding, as IAM returns it, is decoded; a literal '+' stays.", in: url.PathEscape(doc), want: doc},
		"QueryEncoded":  {reason: "Form encoding ('+' for space, %2B for plus) is decoded too.", in: url.QueryEscape(doc), want: doc},
		"NotADocument":  {reason: "Text that decodes to no JSON is returned as it is.", in: "%7Bnope", want: "%7Bnope"},
		"InvalidEscape": {reason: "An invalid escape is returned as it is.", in: "%zz", want: "%zz"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, DecodeDocument(tc.in)); diff != "" {
				t.Errorf("%s\nDecodeDocument(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestValidateDocument(t *testing.T) {
	if err := ValidateDocument("f", `{"Version":"2012-10-17"}`); err != nil {
		t.Errorf("ValidateDocument(valid): %v", err)
	}
	err := ValidateDocument("spec.forProvider.document", `{"Version":`)
	if err == nil || err.Error() != "spec.forProvider.document is not a valid JSON policy document: fix the JSON: policy is not valid JSON: unexpected end of JSON input" {
		t.Errorf("ValidateDocument(invalid): %v", err)
	}
}

func TestTags(t *testing.T) {
	m := map[string]string{"b": "2", "a": "1"}
	want := []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}}
	if diff := cmp.Diff(want, Tags(m), cmpopts.IgnoreUnexported(types.Tag{})); diff != "" {
		t.Errorf("Tags(...): -want, +got:\n%s", diff)
	}
	if Tags(nil) != nil {
		t.Errorf("Tags(nil) is not nil")
	}
	if diff := cmp.Diff(m, FromTags(want)); diff != "" {
		t.Errorf("FromTags(...): -want, +got:\n%s", diff)
	}
}

func TestSyncTags(t *testing.T) {
	boom := errors.New("boom")
	type want struct {
		tagged   []types.Tag
		untagged []string
		err      error
	}
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		tagErr            error
		want              want
	}{
		"NotManaged": {
			reason:   "nil desired tags call nothing.",
			observed: map[string]string{"a": "1"},
		},
		"AddChangeRemove": {
			reason:   "New and changed tags are tagged as IAM tags, sorted by key; extra keys are untagged; the identity tag stays.",
			desired:  map[string]string{"b": "2", "a": "1"},
			observed: map[string]string{"a": "0", "c": "3", tags.KeyManagedBy: "x"},
			want: want{tagged: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}},
				untagged: []string{"c"}},
		},
		"TagError": {
			reason:  "A tag error keeps AWS's error, with context.",
			desired: map[string]string{"a": "1"},
			tagErr:  boom,
			want:    want{tagged: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}}, err: errors.Wrap(boom, "cannot add tags")},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got want
			got.err = SyncTags(tc.desired, tc.observed,
				func(ts []types.Tag) error { got.tagged = ts; return tc.tagErr },
				func(keys []string) error { got.untagged = keys; return nil })
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{}), cmpopts.IgnoreUnexported(types.Tag{}), test.EquateErrors()); diff != "" {
				t.Errorf("%s\nSyncTags(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestCheckPath(t *testing.T) {
	cases := map[string]struct {
		reason            string
		desired, observed *string
		want              error
	}{
		"Unset": {reason: "An unset path is not checked.", observed: aws.String("/x/")},
		"Equal": {reason: "The same path is fine.", desired: aws.String("/x/"), observed: aws.String("/x/")},
		"Differs": {reason: "Another path is an error that says what to do.", desired: aws.String("/"), observed: aws.String("/x/"),
			want: errors.New(`role "r" has path /x/ in AWS, not /: path is immutable, set spec.forProvider.path to /x/ (or create a new Role)`)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, CheckPath("role", "r", "Role", tc.desired, tc.observed), test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCheckPath(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestCodes(t *testing.T) {
	if !IsNotFound(awsfake.APIError("IAM", 404, CodeNoSuchEntity)) || IsNotFound(awsfake.APIError("IAM", 403, "AccessDenied")) || IsNotFound(nil) {
		t.Errorf("IsNotFound: only NoSuchEntity (or a 404) is not found")
	}
	if !IsAlreadyExists(awsfake.APIError("IAM", 409, CodeEntityAlreadyExists)) || IsAlreadyExists(awsfake.APIError("IAM", 409, CodeDeleteConflict)) {
		t.Errorf("IsAlreadyExists: only EntityAlreadyExists")
	}
	if !IsDeleteConflict(awsfake.APIError("IAM", 409, CodeDeleteConflict)) || IsDeleteConflict(awsfake.APIError("IAM", 409, CodeEntityAlreadyExists)) {
		t.Errorf("IsDeleteConflict: only DeleteConflict")
	}
}

func TestDate(t *testing.T) {
	if got := Date(aws.Time(time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600)))); got != "2026-01-02T02:04:05Z" {
		t.Errorf("Date(...): got %q, want 2026-01-02T02:04:05Z", got)
	}
	if Date(nil) != "" {
		t.Errorf("Date(nil) is not empty")
	}
}

func TestDiff(t *testing.T) {
	type params struct {
		L []string
		S *string
	}
	if d := Diff(&params{L: []string{}}, &params{}); d != "" {
		t.Errorf("Diff(...): an empty and an unset list are equal, got diff %s", d)
	}
	if d := Diff(&params{S: aws.String("spec")}, &params{S: aws.String("aws")}); !hasLine(d, "-", `"aws"`) || !hasLine(d, "+", `"spec"`) {
		t.Errorf("Diff(...): want AWS's value as - and the spec's as +, got:\n%s", d)
	}
}

// hasLine reports whether a line of diff starts with prefix (after spaces)
// and holds s.
func hasLine(diff, prefix, s string) bool {
	for _, l := range strings.Split(diff, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, prefix) && strings.Contains(l, s) {
			return true
		}
	}
	return false
}
