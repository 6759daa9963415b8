// Package dynamodbfake is the recording fake of the DynamoDB API for the
// unit tests of the DynamoDB controllers: one method per operation the
// kinds call, each answered by the embedded awsfake.Recorder (whose Check,
// CheckCalls and Sent the tests use).
package dynamodbfake

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbkit"
)

// API answers every DynamoDB operation from the Recorder's Out and Errs,
// keyed by operation name (e.g. "DescribeTable"), and records the calls.
type API struct{ awsfake.Recorder }

var _ dynamodbkit.API = &API{}

// New returns a fake that answers with out and errs, keyed by operation
// (either may be nil).
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// NotFound is DynamoDB's answer for a table that does not exist.
func NotFound() error {
	return awsfake.APIError("DynamoDB", http.StatusBadRequest, dynamodbkit.CodeNotFound)
}

// InUse is DynamoDB's answer for a table that exists already or is busy.
func InUse() error { return awsfake.APIError("DynamoDB", http.StatusBadRequest, dynamodbkit.CodeInUse) }

// Validation is DynamoDB's answer for a parameter it refuses.
func Validation() error {
	return awsfake.APIError("DynamoDB", http.StatusBadRequest, dynamodbkit.CodeValidation)
}

// AccessDenied is an error other than those DynamoDB's kinds act on.
func AccessDenied() error {
	return awsfake.APIError("DynamoDB", http.StatusBadRequest, "AccessDeniedException")
}

// CreateTable records the call and answers it.
func (a *API) CreateTable(_ context.Context, in *dynamodb.CreateTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	return awsfake.Call[dynamodb.CreateTableOutput](&a.Recorder, "CreateTable", in)
}

// DeleteTable records the call and answers it.
func (a *API) DeleteTable(_ context.Context, in *dynamodb.DeleteTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error) {
	return awsfake.Call[dynamodb.DeleteTableOutput](&a.Recorder, "DeleteTable", in)
}

// DescribeContinuousBackups records the call and answers it.
func (a *API) DescribeContinuousBackups(_ context.Context, in *dynamodb.DescribeContinuousBackupsInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeContinuousBackupsOutput, error) {
	return awsfake.Call[dynamodb.DescribeContinuousBackupsOutput](&a.Recorder, "DescribeContinuousBackups", in)
}

// DescribeTable records the call and answers it.
func (a *API) DescribeTable(_ context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	return awsfake.Call[dynamodb.DescribeTableOutput](&a.Recorder, "DescribeTable", in)
}

// DescribeTimeToLive records the call and answers it.
func (a *API) DescribeTimeToLive(_ context.Context, in *dynamodb.DescribeTimeToLiveInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	return awsfake.Call[dynamodb.DescribeTimeToLiveOutput](&a.Recorder, "DescribeTimeToLive", in)
}

// ListTagsOfResource records the call and answers it.
func (a *API) ListTagsOfResource(_ context.Context, in *dynamodb.ListTagsOfResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error) {
	return awsfake.Call[dynamodb.ListTagsOfResourceOutput](&a.Recorder, "ListTagsOfResource", in)
}

// TagResource records the call and answers it.
func (a *API) TagResource(_ context.Context, in *dynamodb.TagResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error) {
	return awsfake.Call[dynamodb.TagResourceOutput](&a.Recorder, "TagResource", in)
}

// UntagResource records the call and answers it.
func (a *API) UntagResource(_ context.Context, in *dynamodb.UntagResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.UntagResourceOutput, error) {
	return awsfake.Call[dynamodb.UntagResourceOutput](&a.Recorder, "UntagResource", in)
}

// UpdateContinuousBackups records the call and answers it.
func (a *API) UpdateContinuousBackups(_ context.Context, in *dynamodb.UpdateContinuousBackupsInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateContinuousBackupsOutput, error) {
	return awsfake.Call[dynamodb.UpdateContinuousBackupsOutput](&a.Recorder, "UpdateContinuousBackups", in)
}

// UpdateTable records the call and answers it.
func (a *API) UpdateTable(_ context.Context, in *dynamodb.UpdateTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error) {
	return awsfake.Call[dynamodb.UpdateTableOutput](&a.Recorder, "UpdateTable", in)
}

// UpdateTimeToLive records the call and answers it.
func (a *API) UpdateTimeToLive(_ context.Context, in *dynamodb.UpdateTimeToLiveInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	return awsfake.Call[dynamodb.UpdateTimeToLiveOutput](&a.Recorder, "UpdateTimeToLive", in)
}
