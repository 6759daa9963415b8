package shared

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

func apiError(code string) error {
	return &smithy.OperationError{ServiceID: "EC2", OperationName: "op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: http.StatusBadRequest}},
			Err:      &smithy.GenericAPIError{Code: code, Message: code + " message"},
		},
	}}
}

type fakeTags struct {
	errs   map[string]error
	calls  []string
	inputs []any
}

func (f *fakeTags) CreateTags(_ context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	f.calls, f.inputs = append(f.calls, "CreateTags"), append(f.inputs, in)
	return &ec2.CreateTagsOutput{}, f.errs["CreateTags"]
}

func (f *fakeTags) DeleteTags(_ context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	f.calls, f.inputs = append(f.calls, "DeleteTags"), append(f.inputs, in)
	return &ec2.DeleteTagsOutput{}, f.errs["DeleteTags"]
}

func TestSyncTags(t *testing.T) {
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		errs              map[string]error
		want              error
		calls             []string
	}{
		"NotManaged": {reason: "nil desired tags are not managed.", observed: map[string]string{"a": "1"}},
		"Equal": {reason: "The identity tag is never removed; equal tags need no call.",
			desired: map[string]string{"a": "1"}, observed: map[string]string{"a": "1", tags.KeyManagedBy: "x"}},
		"AddAndRemove": {reason: "Removals first, then additions.",
			desired: map[string]string{"a": "2"}, observed: map[string]string{"a": "1", "b": "1"}, calls: []string{"DeleteTags", "CreateTags"}},
		"DeleteError": {reason: "A failed removal is returned.", desired: map[string]string{}, observed: map[string]string{"b": "1"},
			errs: map[string]error{"DeleteTags": apiError("X")}, want: errors.Wrap(apiError("X"), "cannot remove tags"), calls: []string{"DeleteTags"}},
		"CreateError": {reason: "A failed addition is returned.", desired: map[string]string{"a": "1"},
			errs: map[string]error{"CreateTags": apiError("X")}, want: errors.Wrap(apiError("X"), "cannot add tags"), calls: []string{"CreateTags"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := &fakeTags{errs: tc.errs}
			err := SyncTags(context.Background(), f, "id", tc.desired, tc.observed)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nSyncTags(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, f.calls); diff != "" {
				t.Errorf("%s\nSyncTags(...) calls: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestLateInitTags(t *testing.T) {
	if got := LateInitTags(map[string]string{tags.KeyManagedBy: "x", "aws:cloudformation:stack": "y"}); got != nil {
		t.Errorf("LateInitTags(identity and aws:* only): got %v, want nil", got)
	}
	want := map[string]string{"a": "1"}
	if diff := cmp.Diff(want, LateInitTags(map[string]string{"a": "1", tags.KeyManagedBy: "x"})); diff != "" {
		t.Errorf("LateInitTags(...): -want, +got:\n%s", diff)
	}
}

func TestTagSpecifications(t *testing.T) {
	got := Tags(map[string]string{"b": "2", "a": "1"})
	want := []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(types.Tag{})); diff != "" {
		t.Errorf("Tags(...): -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"a": "1", "b": "2"}, FromTags(got)); diff != "" {
		t.Errorf("FromTags(...): -want, +got:\n%s", diff)
	}
}

func TestDeleteError(t *testing.T) {
	cases := map[string]struct {
		err  error
		want error
	}{
		"DependencyViolation": {err: apiError("DependencyViolation"),
			want: errors.Wrap(apiError("DependencyViolation"), "cannot delete VPC vpc-1: other resources still depend on it; the provider retries")},
		"Other": {err: apiError("X"), want: errors.Wrap(apiError("X"), "cannot delete VPC vpc-1")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, DeleteError(tc.err, "VPC", "vpc-1"), test.EquateErrors()); diff != "" {
				t.Errorf("DeleteError(...): -want, +got:\n%s", diff)
			}
		})
	}
}
