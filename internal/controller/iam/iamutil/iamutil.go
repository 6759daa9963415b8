// Package iamutil holds what the IAM controllers share: IAM's URL-encoded
// policy documents, its tag lists and its global error codes.
package iamutil

import (
	"encoding/json"
	"net/url"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/pkg/errors"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
)

// CodeNoSuchEntity is IAM's "not found" error code.
const CodeNoSuchEntity = "NoSuchEntity"

// CodeDeleteConflict is IAM's error code for a resource that other
// resources still depend on.
const CodeDeleteConflict = "DeleteConflict"

// IsNotFound reports whether err says the IAM entity does not exist.
func IsNotFound(err error) bool { return awserr.IsNotFound(err, CodeNoSuchEntity) }

// DecodeDocument returns a policy document as IAM returns it (URL-encoded,
// RFC 3986) in plain JSON. A document that already is JSON is returned as it is.
func DecodeDocument(doc string) string {
	if json.Valid([]byte(doc)) {
		return doc
	}
	// RFC 3986 (what AWS documents) may leave a literal '+'; form encoding
	// writes '+' for a space and %2B for a plus. A %2B and no %20 means
	// form encoding.
	unescape := url.PathUnescape
	if u := strings.ToUpper(doc); strings.Contains(u, "%2B") && !strings.Contains(u, "%20") {
		unescape = url.QueryUnescape
	}
	if d, err := unescape(doc); err == nil && json.Valid([]byte(d)) {
		return d
	}
	return doc
}

// ValidateDocument returns an error naming field when doc is not a valid
// JSON policy document.
func ValidateDocument(field, doc string) error {
	if _, err := policy.Normalize(doc); err != nil {
		return errors.Wrapf(err, "%s is not a valid JSON policy document: fix the JSON", field)
	}
	return nil
}

// FromTags returns IAM tags as a map.
func FromTags(ts []types.Tag) map[string]string {
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// Tags returns a map as IAM tags, sorted by key.
func Tags(m map[string]string) []types.Tag {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]types.Tag, 0, len(m))
	for _, k := range keys {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}
