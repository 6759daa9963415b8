// Package sqsfake is the recording fake of the SQS API for the unit tests
// of the SQS controllers: one method per operation the kinds call, each
// answered by the embedded awsfake.Recorder (whose Check, CheckCalls and
// Sent the tests use).
package sqsfake

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqskit"
)

// API answers every SQS operation from the Recorder's Out and Errs, keyed by
// operation name (e.g. "GetQueueAttributes"), and records the calls.
type API struct{ awsfake.Recorder }

var _ sqskit.API = &API{}

// New returns a fake that answers with out and errs, keyed by operation
// (either may be nil).
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// Error returns an SQS error with code, as the SDK returns it.
func Error(code string) error { return awsfake.APIError("SQS", 400, code) }

// CreateQueue records the call and answers it.
func (a *API) CreateQueue(_ context.Context, in *sqs.CreateQueueInput, _ ...func(*sqs.Options)) (*sqs.CreateQueueOutput, error) {
	return awsfake.Call[sqs.CreateQueueOutput](&a.Recorder, "CreateQueue", in)
}

// GetQueueUrl records the call and answers it.
func (a *API) GetQueueUrl(_ context.Context, in *sqs.GetQueueUrlInput, _ ...func(*sqs.Options)) (*sqs.GetQueueUrlOutput, error) { //nolint:revive // The SDK's name.
	return awsfake.Call[sqs.GetQueueUrlOutput](&a.Recorder, "GetQueueUrl", in)
}

// GetQueueAttributes records the call and answers it.
func (a *API) GetQueueAttributes(_ context.Context, in *sqs.GetQueueAttributesInput, _ ...func(*sqs.Options)) (*sqs.GetQueueAttributesOutput, error) {
	return awsfake.Call[sqs.GetQueueAttributesOutput](&a.Recorder, "GetQueueAttributes", in)
}

// SetQueueAttributes records the call and answers it.
func (a *API) SetQueueAttributes(_ context.Context, in *sqs.SetQueueAttributesInput, _ ...func(*sqs.Options)) (*sqs.SetQueueAttributesOutput, error) {
	return awsfake.Call[sqs.SetQueueAttributesOutput](&a.Recorder, "SetQueueAttributes", in)
}

// DeleteQueue records the call and answers it.
func (a *API) DeleteQueue(_ context.Context, in *sqs.DeleteQueueInput, _ ...func(*sqs.Options)) (*sqs.DeleteQueueOutput, error) {
	return awsfake.Call[sqs.DeleteQueueOutput](&a.Recorder, "DeleteQueue", in)
}

// ListQueueTags records the call and answers it.
func (a *API) ListQueueTags(_ context.Context, in *sqs.ListQueueTagsInput, _ ...func(*sqs.Options)) (*sqs.ListQueueTagsOutput, error) {
	return awsfake.Call[sqs.ListQueueTagsOutput](&a.Recorder, "ListQueueTags", in)
}

// TagQueue records the call and answers it.
func (a *API) TagQueue(_ context.Context, in *sqs.TagQueueInput, _ ...func(*sqs.Options)) (*sqs.TagQueueOutput, error) {
	return awsfake.Call[sqs.TagQueueOutput](&a.Recorder, "TagQueue", in)
}

// UntagQueue records the call and answers it.
func (a *API) UntagQueue(_ context.Context, in *sqs.UntagQueueInput, _ ...func(*sqs.Options)) (*sqs.UntagQueueOutput, error) {
	return awsfake.Call[sqs.UntagQueueOutput](&a.Recorder, "UntagQueue", in)
}
