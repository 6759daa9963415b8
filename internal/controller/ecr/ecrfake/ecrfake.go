// Package ecrfake is the recording fake of the ECR API for the unit tests
// of the ECR controllers: one method per operation the kinds call, each
// answered by the embedded awsfake.Recorder (whose Check, CheckCalls and
// Sent the tests use), and ECR's errors as the SDK returns them.
package ecrfake

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/ecr"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/ecr/ecrkit"
)

// API answers every ECR operation from the Recorder's Out and Errs, keyed by
// operation name (e.g. "DescribeRepositories"), and records the calls.
type API struct{ awsfake.Recorder }

var _ ecrkit.API = &API{}

// New returns a fake that answers with out and errs, keyed by operation
// (either may be nil).
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// Error is ECR's answer with code (a 400, as ECR answers its exceptions).
func Error(code string) error { return awsfake.APIError("ECR", http.StatusBadRequest, code) }

// AccessDenied is an error other than the codes the controllers act on.
func AccessDenied() error {
	return awsfake.APIError("ECR", http.StatusForbidden, "AccessDeniedException")
}

// CreateRepository records the call and answers it.
func (a *API) CreateRepository(_ context.Context, in *ecr.CreateRepositoryInput, _ ...func(*ecr.Options)) (*ecr.CreateRepositoryOutput, error) {
	return awsfake.Call[ecr.CreateRepositoryOutput](&a.Recorder, "CreateRepository", in)
}

// DeleteLifecyclePolicy records the call and answers it.
func (a *API) DeleteLifecyclePolicy(_ context.Context, in *ecr.DeleteLifecyclePolicyInput, _ ...func(*ecr.Options)) (*ecr.DeleteLifecyclePolicyOutput, error) {
	return awsfake.Call[ecr.DeleteLifecyclePolicyOutput](&a.Recorder, "DeleteLifecyclePolicy", in)
}

// DeleteRepository records the call and answers it.
func (a *API) DeleteRepository(_ context.Context, in *ecr.DeleteRepositoryInput, _ ...func(*ecr.Options)) (*ecr.DeleteRepositoryOutput, error) {
	return awsfake.Call[ecr.DeleteRepositoryOutput](&a.Recorder, "DeleteRepository", in)
}

// DeleteRepositoryPolicy records the call and answers it.
func (a *API) DeleteRepositoryPolicy(_ context.Context, in *ecr.DeleteRepositoryPolicyInput, _ ...func(*ecr.Options)) (*ecr.DeleteRepositoryPolicyOutput, error) {
	return awsfake.Call[ecr.DeleteRepositoryPolicyOutput](&a.Recorder, "DeleteRepositoryPolicy", in)
}

// DescribeRepositories records the call and answers it.
func (a *API) DescribeRepositories(_ context.Context, in *ecr.DescribeRepositoriesInput, _ ...func(*ecr.Options)) (*ecr.DescribeRepositoriesOutput, error) {
	return awsfake.Call[ecr.DescribeRepositoriesOutput](&a.Recorder, "DescribeRepositories", in)
}

// GetLifecyclePolicy records the call and answers it.
func (a *API) GetLifecyclePolicy(_ context.Context, in *ecr.GetLifecyclePolicyInput, _ ...func(*ecr.Options)) (*ecr.GetLifecyclePolicyOutput, error) {
	return awsfake.Call[ecr.GetLifecyclePolicyOutput](&a.Recorder, "GetLifecyclePolicy", in)
}

// GetRepositoryPolicy records the call and answers it.
func (a *API) GetRepositoryPolicy(_ context.Context, in *ecr.GetRepositoryPolicyInput, _ ...func(*ecr.Options)) (*ecr.GetRepositoryPolicyOutput, error) {
	return awsfake.Call[ecr.GetRepositoryPolicyOutput](&a.Recorder, "GetRepositoryPolicy", in)
}

// ListTagsForResource records the call and answers it.
func (a *API) ListTagsForResource(_ context.Context, in *ecr.ListTagsForResourceInput, _ ...func(*ecr.Options)) (*ecr.ListTagsForResourceOutput, error) {
	return awsfake.Call[ecr.ListTagsForResourceOutput](&a.Recorder, "ListTagsForResource", in)
}

// PutImageScanningConfiguration records the call and answers it.
func (a *API) PutImageScanningConfiguration(_ context.Context, in *ecr.PutImageScanningConfigurationInput, _ ...func(*ecr.Options)) (*ecr.PutImageScanningConfigurationOutput, error) {
	return awsfake.Call[ecr.PutImageScanningConfigurationOutput](&a.Recorder, "PutImageScanningConfiguration", in)
}

// PutImageTagMutability records the call and answers it.
func (a *API) PutImageTagMutability(_ context.Context, in *ecr.PutImageTagMutabilityInput, _ ...func(*ecr.Options)) (*ecr.PutImageTagMutabilityOutput, error) {
	return awsfake.Call[ecr.PutImageTagMutabilityOutput](&a.Recorder, "PutImageTagMutability", in)
}

// PutLifecyclePolicy records the call and answers it.
func (a *API) PutLifecyclePolicy(_ context.Context, in *ecr.PutLifecyclePolicyInput, _ ...func(*ecr.Options)) (*ecr.PutLifecyclePolicyOutput, error) {
	return awsfake.Call[ecr.PutLifecyclePolicyOutput](&a.Recorder, "PutLifecyclePolicy", in)
}

// SetRepositoryPolicy records the call and answers it.
func (a *API) SetRepositoryPolicy(_ context.Context, in *ecr.SetRepositoryPolicyInput, _ ...func(*ecr.Options)) (*ecr.SetRepositoryPolicyOutput, error) {
	return awsfake.Call[ecr.SetRepositoryPolicyOutput](&a.Recorder, "SetRepositoryPolicy", in)
}

// TagResource records the call and answers it.
func (a *API) TagResource(_ context.Context, in *ecr.TagResourceInput, _ ...func(*ecr.Options)) (*ecr.TagResourceOutput, error) {
	return awsfake.Call[ecr.TagResourceOutput](&a.Recorder, "TagResource", in)
}

// UntagResource records the call and answers it.
func (a *API) UntagResource(_ context.Context, in *ecr.UntagResourceInput, _ ...func(*ecr.Options)) (*ecr.UntagResourceOutput, error) {
	return awsfake.Call[ecr.UntagResourceOutput](&a.Recorder, "UntagResource", in)
}
