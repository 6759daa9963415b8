package awserr

import (
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
)

func responseError(status int, code string) error {
	return &smithy.OperationError{ServiceID: "S3", OperationName: "HeadBucket", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: &smithy.GenericAPIError{Code: code, Message: "m"}},
	}}
}

func TestClassify(t *testing.T) {
	type want struct {
		code     string
		status   int
		notFound bool
	}
	cases := map[string]struct {
		reason string
		err    error
		codes  []string
		want   want
	}{
		"Nil": {
			reason: "A nil error is nothing.",
			want:   want{},
		},
		"Plain": {
			reason: "An error that did not come from AWS has no code or status.",
			err:    errors.New("boom"),
			want:   want{},
		},
		"404": {
			reason: "A 404 response is not found whatever its code.",
			err:    errors.Wrap(responseError(404, "NotFound"), "cannot head bucket"),
			want:   want{code: "NotFound", status: 404, notFound: true},
		},
		"CodeOnly": {
			reason: "A listed code is not found even with another status.",
			err:    responseError(400, "NoSuchTagSet"),
			codes:  []string{"NoSuchTagSet"},
			want:   want{code: "NoSuchTagSet", status: 400, notFound: true},
		},
		"OtherCode": {
			reason: "An unlisted code with status 403 is not a not-found.",
			err:    responseError(403, "AccessDenied"),
			codes:  []string{"NoSuchTagSet"},
			want:   want{code: "AccessDenied", status: 403, notFound: false},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := want{code: Code(tc.err), status: StatusCode(tc.err), notFound: IsNotFound(tc.err, tc.codes...)}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
