package iamutil

import (
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
