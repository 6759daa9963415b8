// Package snsfake is the fake SNS API of the SNS controllers' unit tests:
// every SNS operation they call, answered by an awsfake.Recorder.
package snsfake

import (
	"net/http"

	"context"
	"github.com/aws/smithy-go"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

// API answers every SNS operation the controllers call from its Recorder:
// canned outputs and errors by operation name, with every call and input
// recorded. Errors are awsfake.APIError("SNS", status, code).
type API struct{ awsfake.Recorder }

var _ snskit.API = &API{}

// New returns a fake that answers from out and errs (either may be nil).
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// CreateTopic implements the SNS operation.
func (f *API) CreateTopic(_ context.Context, in *sns.CreateTopicInput, _ ...func(*sns.Options)) (*sns.CreateTopicOutput, error) {
	return awsfake.Call[sns.CreateTopicOutput](&f.Recorder, "CreateTopic", in)
}

// DeleteTopic implements the SNS operation.
func (f *API) DeleteTopic(_ context.Context, in *sns.DeleteTopicInput, _ ...func(*sns.Options)) (*sns.DeleteTopicOutput, error) {
	return awsfake.Call[sns.DeleteTopicOutput](&f.Recorder, "DeleteTopic", in)
}

// GetTopicAttributes implements the SNS operation.
func (f *API) GetTopicAttributes(_ context.Context, in *sns.GetTopicAttributesInput, _ ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error) {
	return awsfake.Call[sns.GetTopicAttributesOutput](&f.Recorder, "GetTopicAttributes", in)
}

// SetTopicAttributes implements the SNS operation.
func (f *API) SetTopicAttributes(_ context.Context, in *sns.SetTopicAttributesInput, _ ...func(*sns.Options)) (*sns.SetTopicAttributesOutput, error) {
	return awsfake.Call[sns.SetTopicAttributesOutput](&f.Recorder, "SetTopicAttributes", in)
}

// ListTopics implements the SNS operation.
func (f *API) ListTopics(_ context.Context, in *sns.ListTopicsInput, _ ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	return awsfake.Call[sns.ListTopicsOutput](&f.Recorder, "ListTopics", in)
}

// GetDataProtectionPolicy implements the SNS operation.
func (f *API) GetDataProtectionPolicy(_ context.Context, in *sns.GetDataProtectionPolicyInput, _ ...func(*sns.Options)) (*sns.GetDataProtectionPolicyOutput, error) {
	return awsfake.Call[sns.GetDataProtectionPolicyOutput](&f.Recorder, "GetDataProtectionPolicy", in)
}

// PutDataProtectionPolicy implements the SNS operation.
func (f *API) PutDataProtectionPolicy(_ context.Context, in *sns.PutDataProtectionPolicyInput, _ ...func(*sns.Options)) (*sns.PutDataProtectionPolicyOutput, error) {
	return awsfake.Call[sns.PutDataProtectionPolicyOutput](&f.Recorder, "PutDataProtectionPolicy", in)
}

// ListTagsForResource implements the SNS operation.
func (f *API) ListTagsForResource(_ context.Context, in *sns.ListTagsForResourceInput, _ ...func(*sns.Options)) (*sns.ListTagsForResourceOutput, error) {
	return awsfake.Call[sns.ListTagsForResourceOutput](&f.Recorder, "ListTagsForResource", in)
}

// TagResource implements the SNS operation.
func (f *API) TagResource(_ context.Context, in *sns.TagResourceInput, _ ...func(*sns.Options)) (*sns.TagResourceOutput, error) {
	return awsfake.Call[sns.TagResourceOutput](&f.Recorder, "TagResource", in)
}

// UntagResource implements the SNS operation.
func (f *API) UntagResource(_ context.Context, in *sns.UntagResourceInput, _ ...func(*sns.Options)) (*sns.UntagResourceOutput, error) {
	return awsfake.Call[sns.UntagResourceOutput](&f.Recorder, "UntagResource", in)
}

// Subscribe implements the SNS operation.
func (f *API) Subscribe(_ context.Context, in *sns.SubscribeInput, _ ...func(*sns.Options)) (*sns.SubscribeOutput, error) {
	return awsfake.Call[sns.SubscribeOutput](&f.Recorder, "Subscribe", in)
}

// Unsubscribe implements the SNS operation.
func (f *API) Unsubscribe(_ context.Context, in *sns.UnsubscribeInput, _ ...func(*sns.Options)) (*sns.UnsubscribeOutput, error) {
	return awsfake.Call[sns.UnsubscribeOutput](&f.Recorder, "Unsubscribe", in)
}

// GetSubscriptionAttributes implements the SNS operation.
func (f *API) GetSubscriptionAttributes(_ context.Context, in *sns.GetSubscriptionAttributesInput, _ ...func(*sns.Options)) (*sns.GetSubscriptionAttributesOutput, error) {
	return awsfake.Call[sns.GetSubscriptionAttributesOutput](&f.Recorder, "GetSubscriptionAttributes", in)
}

// SetSubscriptionAttributes implements the SNS operation.
func (f *API) SetSubscriptionAttributes(_ context.Context, in *sns.SetSubscriptionAttributesInput, _ ...func(*sns.Options)) (*sns.SetSubscriptionAttributesOutput, error) {
	return awsfake.Call[sns.SetSubscriptionAttributesOutput](&f.Recorder, "SetSubscriptionAttributes", in)
}

// ListSubscriptionsByTopic implements the SNS operation.
func (f *API) ListSubscriptionsByTopic(_ context.Context, in *sns.ListSubscriptionsByTopicInput, _ ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	return awsfake.Call[sns.ListSubscriptionsByTopicOutput](&f.Recorder, "ListSubscriptionsByTopic", in)
}

// NotFound is SNS's answer for a topic or subscription that does not exist.
func NotFound() error { return awsfake.APIError("SNS", http.StatusNotFound, snskit.CodeNotFound) }

// AuthorizationError is the error the tests have SNS answer with where any
// error other than not found will do.
func AuthorizationError() error {
	return awsfake.APIError("SNS", http.StatusForbidden, "AuthorizationError")
}

// AlreadyExists is SNS's answer to a create of a topic (or subscription)
// that exists with other attributes or tags.
func AlreadyExists() error {
	return &smithy.OperationError{ServiceID: "SNS", OperationName: "op", Err: &smithy.GenericAPIError{
		Code: snskit.CodeInvalidParameter, Message: "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
	}}
}
