package dynamodbkit_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/kaws-dev/provider-aws/apis/dynamodb/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbfake"
	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbkit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
)

const arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"

func TestErrors(t *testing.T) {
	cases := map[string]struct {
		reason                   string
		err                      error
		notFound, inUse, invalid bool
	}{
		"NotFound":   {reason: "ResourceNotFoundException is not found.", err: dynamodbfake.NotFound(), notFound: true},
		"InUse":      {reason: "ResourceInUseException is in use.", err: dynamodbfake.InUse(), inUse: true},
		"Validation": {reason: "ValidationException is a refused parameter.", err: dynamodbfake.Validation(), invalid: true},
		"Other":      {reason: "Other errors are none of them.", err: dynamodbfake.AccessDenied()},
		"Nil":        {reason: "No error is none of them."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := []bool{dynamodbkit.IsNotFound(tc.err), dynamodbkit.IsInUse(tc.err), dynamodbkit.IsValidation(tc.err)}
			if diff := cmp.Diff([]bool{tc.notFound, tc.inUse, tc.invalid}, got); diff != "" {
				t.Errorf("%s\nIsNotFound, IsInUse, IsValidation: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestListTags(t *testing.T) {
	pages := map[string]*dynamodb.ListTagsOfResourceOutput{
		"":   {Tags: dynamodbkit.Tags(map[string]string{"a": "1"}), NextToken: aws.String("p2")},
		"p2": {Tags: dynamodbkit.Tags(map[string]string{"b": "2"})},
	}
	cases := map[string]struct {
		reason string
		api    *dynamodbfake.API
		want   map[string]string
		err    error
		calls  []string
	}{
		"Pages": {
			reason: "Every page is read.",
			api: dynamodbfake.New(map[string]any{"ListTagsOfResource": func(in any) (any, error) {
				return pages[aws.ToString(in.(*dynamodb.ListTagsOfResourceInput).NextToken)], nil
			}}, nil),
			want:  map[string]string{"a": "1", "b": "2"},
			calls: []string{"ListTagsOfResource", "ListTagsOfResource"},
		},
		"Error": {
			reason: "An error keeps AWS's code.",
			api:    dynamodbfake.New(nil, map[string]error{"ListTagsOfResource": dynamodbfake.AccessDenied()}),
			err:    errors.Wrap(dynamodbfake.AccessDenied(), "cannot list the tags of the DynamoDB resource"),
			calls:  []string{"ListTagsOfResource"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := dynamodbkit.ListTags(context.Background(), tc.api, aws.String(arn))
			tc.api.Check(t, tc.reason, "ListTags", tc.err, err, tc.calls)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nListTags: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestSyncTags(t *testing.T) {
	cases := map[string]struct {
		reason            string
		api               *dynamodbfake.API
		desired, observed map[string]string
		err               error
		inputs            []any
	}{
		"Sync": {
			reason:   "Keys to remove are untagged (never the identity tag), new and changed tags tagged.",
			api:      dynamodbfake.New(nil, nil),
			desired:  map[string]string{"a": "2", "c": "3"},
			observed: map[string]string{"a": "1", "b": "x", "kaws.dev/managed-by": "id"},
			inputs: []any{
				&dynamodb.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"b"}},
				&dynamodb.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("2")}, {Key: aws.String("c"), Value: aws.String("3")}}},
			},
		},
		"NotManaged": {
			reason:   "nil desired tags are not managed.",
			api:      dynamodbfake.New(nil, nil),
			observed: map[string]string{"a": "1"},
		},
		"Error": {
			reason:  "An error keeps AWS's code.",
			api:     dynamodbfake.New(nil, map[string]error{"TagResource": dynamodbfake.AccessDenied()}),
			desired: map[string]string{"a": "1"},
			err:     errors.Wrap(errors.Wrap(dynamodbfake.AccessDenied(), "cannot add tags"), "cannot update the tags of the DynamoDB resource"),
			inputs:  []any{&dynamodb.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := dynamodbkit.SyncTags(context.Background(), tc.api, aws.String(arn), tc.desired, tc.observed)
			var calls []string
			for _, in := range tc.inputs {
				if _, ok := in.(*dynamodb.TagResourceInput); ok {
					calls = append(calls, "TagResource")
				} else {
					calls = append(calls, "UntagResource")
				}
			}
			tc.api.Check(t, tc.reason, "SyncTags", tc.err, err, calls)
			tc.api.CheckCalls(t, tc.reason, calls, tc.inputs)
		})
	}
}

func TestHeld(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC)
	req := &dynamodb.UpdateTableInput{TableName: aws.String("orders"), TableClass: types.TableClassStandard}
	other := &dynamodb.UpdateTableInput{TableName: aws.String("orders"), TableClass: types.TableClassStandardInfrequentAccess}
	sent := dynamodbkit.Record("setting the table class", req, now.Add(-time.Minute))
	cases := map[string]struct {
		reason string
		last   *v1alpha1.LastUpdate
		req    any
		want   string
	}{
		"NeverSent": {reason: "A request with no record may be sent.", req: req},
		"Other":     {reason: "Another request may be sent.", last: sent, req: other},
		"Held": {reason: "The same request, sent within RetryAfter, is held back, saying why and until when.", last: sent, req: req,
			want: "DynamoDB accepted the request setting the table class at 2026-01-02T02:59:00Z but does not show the change; the same request is sent again after 2026-01-02T03:59:00Z, or at once when the spec changes"},
		"Expired": {reason: "The same request is sent again after RetryAfter.", last: dynamodbkit.Record("setting the table class", req, now.Add(-eksupdate.RetryAfter)), req: req},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, dynamodbkit.Held(tc.last, tc.req, now)); diff != "" {
				t.Errorf("%s\nHeld: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestTags(t *testing.T) {
	m := map[string]string{"b": "2", "a": "1"}
	ts := dynamodbkit.Tags(m)
	if diff := cmp.Diff([]string{"a", "b"}, []string{aws.ToString(ts[0].Key), aws.ToString(ts[1].Key)}); diff != "" {
		t.Errorf("Tags are sorted by key: -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff(m, dynamodbkit.FromTags(ts)); diff != "" {
		t.Errorf("FromTags(Tags(m)) is m: -want, +got:\n%s", diff)
	}
	if dynamodbkit.Tags(nil) != nil {
		t.Errorf("Tags(nil) is nil")
	}
}
