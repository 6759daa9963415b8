// Package awserr classifies errors returned by the AWS SDK. Every controller
// uses it, so "not found", "conflict" and "throttled" mean the same thing
// everywhere.
package awserr

import (
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/pkg/errors"
)

// Code returns AWS's error code (e.g. "NoSuchBucket", "AccessDenied"), or ""
// when err carries none.
func Code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// HasCode reports whether err carries one of the AWS error codes.
func HasCode(err error, codes ...string) bool {
	c := Code(err)
	if c == "" {
		return false
	}
	for _, want := range codes {
		if c == want {
			return true
		}
	}
	return false
}

// StatusCode returns the HTTP status of AWS's response, or 0 when there was none.
func StatusCode(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// IsNotFound reports whether AWS answered 404, or with one of codes.
func IsNotFound(err error, codes ...string) bool {
	if err == nil {
		return false
	}
	return StatusCode(err) == http.StatusNotFound || HasCode(err, codes...)
}
