package sqskit_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqskit"
)

func TestCodes(t *testing.T) {
	cases := map[string]struct {
		reason string
		err    error
		check  func(error) bool
		want   bool
	}{
		"NotFoundJSON":      {reason: "The JSON protocol's code is not found.", err: sqsfake.Error(sqskit.CodeQueueDoesNotExist), check: sqskit.IsNotFound, want: true},
		"NotFoundQuery":     {reason: "The query protocol's code is not found.", err: sqsfake.Error(sqskit.CodeNonExistentQueue), check: sqskit.IsNotFound, want: true},
		"NotFoundOther":     {reason: "Another error is not not found.", err: errors.New("boom"), check: sqskit.IsNotFound},
		"NameExistsJSON":    {reason: "QueueNameExists is a name conflict.", err: sqsfake.Error(sqskit.CodeQueueNameExists), check: sqskit.IsNameExists, want: true},
		"NameExistsQuery":   {reason: "QueueAlreadyExists is a name conflict.", err: sqsfake.Error(sqskit.CodeQueueAlreadyExists), check: sqskit.IsNameExists, want: true},
		"NameExistsOther":   {reason: "Not found is no name conflict.", err: sqsfake.Error(sqskit.CodeQueueDoesNotExist), check: sqskit.IsNameExists},
		"DeletedRecently":   {reason: "QueueDeletedRecently is a recent deletion.", err: sqsfake.Error(sqskit.CodeQueueDeletedRecently), check: sqskit.IsDeletedRecently, want: true},
		"DeletedRecentlyQ":  {reason: "The query protocol's code is a recent deletion.", err: sqsfake.Error(sqskit.CodeQueueDeletedRecentlyQuery), check: sqskit.IsDeletedRecently, want: true},
		"DeletedRecentlyNo": {reason: "A name conflict is no recent deletion.", err: sqsfake.Error(sqskit.CodeQueueNameExists), check: sqskit.IsDeletedRecently},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			if got := tc.check(tc.err); got != tc.want {
				t.Errorf("%s\nwant %t, got %t", tc.reason, tc.want, got)
			}
		})
	}
}

func TestNameOf(t *testing.T) {
	if got := sqskit.NameOf("https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo"); got != "orders.fifo" {
		t.Errorf("NameOf: want orders.fifo, got %q", got)
	}
}

func TestQueueURL(t *testing.T) {
	boom := errors.New("boom")
	cases := map[string]struct {
		reason string
		api    *sqsfake.API
		want   string
		err    error
	}{
		"Found":    {reason: "The URL of a queue is returned.", api: sqsfake.New(map[string]any{"GetQueueUrl": &sqs.GetQueueUrlOutput{QueueUrl: aws.String("u")}}, nil), want: "u"},
		"NotFound": {reason: "A queue that does not exist has no URL and no error.", api: sqsfake.New(nil, map[string]error{"GetQueueUrl": sqsfake.Error(sqskit.CodeQueueDoesNotExist)})},
		"Error":    {reason: "Other errors are wrapped.", api: sqsfake.New(nil, map[string]error{"GetQueueUrl": boom}), err: errors.Wrap(boom, "cannot get SQS queue URL")},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got, err := sqskit.QueueURL(context.Background(), tc.api, "q")
			tc.api.Check(t, tc.reason, "QueueURL", tc.err, err, []string{"GetQueueUrl"})
			if got != tc.want {
				t.Errorf("%s\nwant %q, got %q", tc.reason, tc.want, got)
			}
		})
	}
}

func TestSyncTags(t *testing.T) {
	api := &sqsfake.API{}
	err := sqskit.SyncTags(context.Background(), api, "u", map[string]string{"a": "1"}, map[string]string{"b": "2", "kaws.dev/managed-by": "x"})
	api.Check(t, "Removed tags are untagged, new ones tagged, the identity tag kept.", "SyncTags", nil, err, []string{"UntagQueue", "TagQueue"})
	api.CheckCalls(t, "The inputs name the queue URL.", []string{"UntagQueue", "TagQueue"}, []any{
		&sqs.UntagQueueInput{QueueUrl: aws.String("u"), TagKeys: []string{"b"}},
		&sqs.TagQueueInput{QueueUrl: aws.String("u"), Tags: map[string]string{"a": "1"}},
	})
}

func TestNewAPI(t *testing.T) {
	cfg := &clients.Config{AWS: aws.Config{Region: "eu-west-1"}, Region: "eu-west-1"}
	a, b := sqskit.NewAPI(cfg), sqskit.NewAPI(cfg)
	if a == nil || a != b {
		t.Errorf("NewAPI: want one client per config, got %T and %T (same: %t)", a, b, a == b)
	}
	if _, ok := a.(*sqs.Client); ok {
		t.Errorf("NewAPI: got the SDK's *sqs.Client, want the generated sdkClient (hack/sdkclient: a binary links every operation of an SDK client held in an interface)")
	}
}

func TestRememberURL(t *testing.T) {
	a, b := &sqsfake.API{}, &sqsfake.API{}
	sqskit.RememberURL(a, "orders", "https://sqs.us-east-1.amazonaws.com/1/orders")
	sqskit.RememberURL(a, "empty", "")
	cases := map[string]struct {
		reason string
		api    sqskit.API
		name   string
		want   string
	}{
		"Remembered":  {reason: "A remembered URL is known.", api: a, name: "orders", want: "https://sqs.us-east-1.amazonaws.com/1/orders"},
		"OtherClient": {reason: "URLs are remembered per client (account and region).", api: b, name: "orders"},
		"OtherName":   {reason: "An unknown name has no URL.", api: a, name: "other"},
		"Empty":       {reason: "An empty URL is not remembered.", api: a, name: "empty"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, sqskit.KnownURL(tc.api, tc.name)); diff != "" {
				t.Errorf("%s\nsqskit.KnownURL(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
	sqskit.ForgetURL(a, "orders")
	if got := sqskit.KnownURL(a, "orders"); got != "" {
		t.Errorf("KnownURL after ForgetURL: %q, want none", got)
	}
}
