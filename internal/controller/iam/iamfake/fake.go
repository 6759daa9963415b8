// Package iamfake is the fake IAM API of the IAM controllers' unit tests:
// every IAM operation they call, answered by an awsfake.Recorder.
package iamfake

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
)

// API answers every IAM operation the controllers call from its Recorder:
// canned outputs and errors by operation name, with every call and input
// recorded. Errors are awsfake.APIError("IAM", status, code).
type API struct{ awsfake.Recorder }

var _ iamkit.API = &API{}

// New returns a fake that answers from out and errs (either may be nil).
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// GetRole implements the IAM operation.
func (f *API) GetRole(_ context.Context, in *iam.GetRoleInput, _ ...func(*iam.Options)) (*iam.GetRoleOutput, error) {
	return awsfake.Call[iam.GetRoleOutput](&f.Recorder, "GetRole", in)
}

// CreateRole implements the IAM operation.
func (f *API) CreateRole(_ context.Context, in *iam.CreateRoleInput, _ ...func(*iam.Options)) (*iam.CreateRoleOutput, error) {
	return awsfake.Call[iam.CreateRoleOutput](&f.Recorder, "CreateRole", in)
}

// DeleteRole implements the IAM operation.
func (f *API) DeleteRole(_ context.Context, in *iam.DeleteRoleInput, _ ...func(*iam.Options)) (*iam.DeleteRoleOutput, error) {
	return awsfake.Call[iam.DeleteRoleOutput](&f.Recorder, "DeleteRole", in)
}

// UpdateRole implements the IAM operation.
func (f *API) UpdateRole(_ context.Context, in *iam.UpdateRoleInput, _ ...func(*iam.Options)) (*iam.UpdateRoleOutput, error) {
	return awsfake.Call[iam.UpdateRoleOutput](&f.Recorder, "UpdateRole", in)
}

// UpdateAssumeRolePolicy implements the IAM operation.
func (f *API) UpdateAssumeRolePolicy(_ context.Context, in *iam.UpdateAssumeRolePolicyInput, _ ...func(*iam.Options)) (*iam.UpdateAssumeRolePolicyOutput, error) {
	return awsfake.Call[iam.UpdateAssumeRolePolicyOutput](&f.Recorder, "UpdateAssumeRolePolicy", in)
}

// PutRolePermissionsBoundary implements the IAM operation.
func (f *API) PutRolePermissionsBoundary(_ context.Context, in *iam.PutRolePermissionsBoundaryInput, _ ...func(*iam.Options)) (*iam.PutRolePermissionsBoundaryOutput, error) {
	return awsfake.Call[iam.PutRolePermissionsBoundaryOutput](&f.Recorder, "PutRolePermissionsBoundary", in)
}

// DeleteRolePermissionsBoundary implements the IAM operation.
func (f *API) DeleteRolePermissionsBoundary(_ context.Context, in *iam.DeleteRolePermissionsBoundaryInput, _ ...func(*iam.Options)) (*iam.DeleteRolePermissionsBoundaryOutput, error) {
	return awsfake.Call[iam.DeleteRolePermissionsBoundaryOutput](&f.Recorder, "DeleteRolePermissionsBoundary", in)
}

// TagRole implements the IAM operation.
func (f *API) TagRole(_ context.Context, in *iam.TagRoleInput, _ ...func(*iam.Options)) (*iam.TagRoleOutput, error) {
	return awsfake.Call[iam.TagRoleOutput](&f.Recorder, "TagRole", in)
}

// UntagRole implements the IAM operation.
func (f *API) UntagRole(_ context.Context, in *iam.UntagRoleInput, _ ...func(*iam.Options)) (*iam.UntagRoleOutput, error) {
	return awsfake.Call[iam.UntagRoleOutput](&f.Recorder, "UntagRole", in)
}

// ListRolePolicies implements the IAM operation.
func (f *API) ListRolePolicies(_ context.Context, in *iam.ListRolePoliciesInput, _ ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error) {
	return awsfake.Call[iam.ListRolePoliciesOutput](&f.Recorder, "ListRolePolicies", in)
}

// GetRolePolicy implements the IAM operation.
func (f *API) GetRolePolicy(_ context.Context, in *iam.GetRolePolicyInput, _ ...func(*iam.Options)) (*iam.GetRolePolicyOutput, error) {
	return awsfake.Call[iam.GetRolePolicyOutput](&f.Recorder, "GetRolePolicy", in)
}

// PutRolePolicy implements the IAM operation.
func (f *API) PutRolePolicy(_ context.Context, in *iam.PutRolePolicyInput, _ ...func(*iam.Options)) (*iam.PutRolePolicyOutput, error) {
	return awsfake.Call[iam.PutRolePolicyOutput](&f.Recorder, "PutRolePolicy", in)
}

// DeleteRolePolicy implements the IAM operation.
func (f *API) DeleteRolePolicy(_ context.Context, in *iam.DeleteRolePolicyInput, _ ...func(*iam.Options)) (*iam.DeleteRolePolicyOutput, error) {
	return awsfake.Call[iam.DeleteRolePolicyOutput](&f.Recorder, "DeleteRolePolicy", in)
}

// ListAttachedRolePolicies implements the IAM operation.
func (f *API) ListAttachedRolePolicies(_ context.Context, in *iam.ListAttachedRolePoliciesInput, _ ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error) {
	return awsfake.Call[iam.ListAttachedRolePoliciesOutput](&f.Recorder, "ListAttachedRolePolicies", in)
}

// GetPolicy implements the IAM operation.
func (f *API) GetPolicy(_ context.Context, in *iam.GetPolicyInput, _ ...func(*iam.Options)) (*iam.GetPolicyOutput, error) {
	return awsfake.Call[iam.GetPolicyOutput](&f.Recorder, "GetPolicy", in)
}

// GetPolicyVersion implements the IAM operation.
func (f *API) GetPolicyVersion(_ context.Context, in *iam.GetPolicyVersionInput, _ ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error) {
	return awsfake.Call[iam.GetPolicyVersionOutput](&f.Recorder, "GetPolicyVersion", in)
}

// CreatePolicy implements the IAM operation.
func (f *API) CreatePolicy(_ context.Context, in *iam.CreatePolicyInput, _ ...func(*iam.Options)) (*iam.CreatePolicyOutput, error) {
	return awsfake.Call[iam.CreatePolicyOutput](&f.Recorder, "CreatePolicy", in)
}

// CreatePolicyVersion implements the IAM operation.
func (f *API) CreatePolicyVersion(_ context.Context, in *iam.CreatePolicyVersionInput, _ ...func(*iam.Options)) (*iam.CreatePolicyVersionOutput, error) {
	return awsfake.Call[iam.CreatePolicyVersionOutput](&f.Recorder, "CreatePolicyVersion", in)
}

// DeletePolicyVersion implements the IAM operation.
func (f *API) DeletePolicyVersion(_ context.Context, in *iam.DeletePolicyVersionInput, _ ...func(*iam.Options)) (*iam.DeletePolicyVersionOutput, error) {
	return awsfake.Call[iam.DeletePolicyVersionOutput](&f.Recorder, "DeletePolicyVersion", in)
}

// ListPolicyVersions implements the IAM operation.
func (f *API) ListPolicyVersions(_ context.Context, in *iam.ListPolicyVersionsInput, _ ...func(*iam.Options)) (*iam.ListPolicyVersionsOutput, error) {
	return awsfake.Call[iam.ListPolicyVersionsOutput](&f.Recorder, "ListPolicyVersions", in)
}

// DeletePolicy implements the IAM operation.
func (f *API) DeletePolicy(_ context.Context, in *iam.DeletePolicyInput, _ ...func(*iam.Options)) (*iam.DeletePolicyOutput, error) {
	return awsfake.Call[iam.DeletePolicyOutput](&f.Recorder, "DeletePolicy", in)
}

// TagPolicy implements the IAM operation.
func (f *API) TagPolicy(_ context.Context, in *iam.TagPolicyInput, _ ...func(*iam.Options)) (*iam.TagPolicyOutput, error) {
	return awsfake.Call[iam.TagPolicyOutput](&f.Recorder, "TagPolicy", in)
}

// UntagPolicy implements the IAM operation.
func (f *API) UntagPolicy(_ context.Context, in *iam.UntagPolicyInput, _ ...func(*iam.Options)) (*iam.UntagPolicyOutput, error) {
	return awsfake.Call[iam.UntagPolicyOutput](&f.Recorder, "UntagPolicy", in)
}

// ListPolicies implements the IAM operation.
func (f *API) ListPolicies(_ context.Context, in *iam.ListPoliciesInput, _ ...func(*iam.Options)) (*iam.ListPoliciesOutput, error) {
	return awsfake.Call[iam.ListPoliciesOutput](&f.Recorder, "ListPolicies", in)
}

// ListEntitiesForPolicy implements the IAM operation.
func (f *API) ListEntitiesForPolicy(_ context.Context, in *iam.ListEntitiesForPolicyInput, _ ...func(*iam.Options)) (*iam.ListEntitiesForPolicyOutput, error) {
	return awsfake.Call[iam.ListEntitiesForPolicyOutput](&f.Recorder, "ListEntitiesForPolicy", in)
}

// AttachRolePolicy implements the IAM operation.
func (f *API) AttachRolePolicy(_ context.Context, in *iam.AttachRolePolicyInput, _ ...func(*iam.Options)) (*iam.AttachRolePolicyOutput, error) {
	return awsfake.Call[iam.AttachRolePolicyOutput](&f.Recorder, "AttachRolePolicy", in)
}

// DetachRolePolicy implements the IAM operation.
func (f *API) DetachRolePolicy(_ context.Context, in *iam.DetachRolePolicyInput, _ ...func(*iam.Options)) (*iam.DetachRolePolicyOutput, error) {
	return awsfake.Call[iam.DetachRolePolicyOutput](&f.Recorder, "DetachRolePolicy", in)
}

// GetOpenIDConnectProvider implements the IAM operation.
func (f *API) GetOpenIDConnectProvider(_ context.Context, in *iam.GetOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.GetOpenIDConnectProviderOutput, error) {
	return awsfake.Call[iam.GetOpenIDConnectProviderOutput](&f.Recorder, "GetOpenIDConnectProvider", in)
}

// CreateOpenIDConnectProvider implements the IAM operation.
func (f *API) CreateOpenIDConnectProvider(_ context.Context, in *iam.CreateOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.CreateOpenIDConnectProviderOutput, error) {
	return awsfake.Call[iam.CreateOpenIDConnectProviderOutput](&f.Recorder, "CreateOpenIDConnectProvider", in)
}

// DeleteOpenIDConnectProvider implements the IAM operation.
func (f *API) DeleteOpenIDConnectProvider(_ context.Context, in *iam.DeleteOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.DeleteOpenIDConnectProviderOutput, error) {
	return awsfake.Call[iam.DeleteOpenIDConnectProviderOutput](&f.Recorder, "DeleteOpenIDConnectProvider", in)
}

// ListOpenIDConnectProviders implements the IAM operation.
func (f *API) ListOpenIDConnectProviders(_ context.Context, in *iam.ListOpenIDConnectProvidersInput, _ ...func(*iam.Options)) (*iam.ListOpenIDConnectProvidersOutput, error) {
	return awsfake.Call[iam.ListOpenIDConnectProvidersOutput](&f.Recorder, "ListOpenIDConnectProviders", in)
}

// UpdateOpenIDConnectProviderThumbprint implements the IAM operation.
func (f *API) UpdateOpenIDConnectProviderThumbprint(_ context.Context, in *iam.UpdateOpenIDConnectProviderThumbprintInput, _ ...func(*iam.Options)) (*iam.UpdateOpenIDConnectProviderThumbprintOutput, error) {
	return awsfake.Call[iam.UpdateOpenIDConnectProviderThumbprintOutput](&f.Recorder, "UpdateOpenIDConnectProviderThumbprint", in)
}

// AddClientIDToOpenIDConnectProvider implements the IAM operation.
func (f *API) AddClientIDToOpenIDConnectProvider(_ context.Context, in *iam.AddClientIDToOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.AddClientIDToOpenIDConnectProviderOutput, error) {
	return awsfake.Call[iam.AddClientIDToOpenIDConnectProviderOutput](&f.Recorder, "AddClientIDToOpenIDConnectProvider", in)
}

// RemoveClientIDFromOpenIDConnectProvider implements the IAM operation.
func (f *API) RemoveClientIDFromOpenIDConnectProvider(_ context.Context, in *iam.RemoveClientIDFromOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.RemoveClientIDFromOpenIDConnectProviderOutput, error) {
	return awsfake.Call[iam.RemoveClientIDFromOpenIDConnectProviderOutput](&f.Recorder, "RemoveClientIDFromOpenIDConnectProvider", in)
}

// TagOpenIDConnectProvider implements the IAM operation.
func (f *API) TagOpenIDConnectProvider(_ context.Context, in *iam.TagOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.TagOpenIDConnectProviderOutput, error) {
	return awsfake.Call[iam.TagOpenIDConnectProviderOutput](&f.Recorder, "TagOpenIDConnectProvider", in)
}

// UntagOpenIDConnectProvider implements the IAM operation.
func (f *API) UntagOpenIDConnectProvider(_ context.Context, in *iam.UntagOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.UntagOpenIDConnectProviderOutput, error) {
	return awsfake.Call[iam.UntagOpenIDConnectProviderOutput](&f.Recorder, "UntagOpenIDConnectProvider", in)
}

// GetInstanceProfile implements the IAM operation.
func (f *API) GetInstanceProfile(_ context.Context, in *iam.GetInstanceProfileInput, _ ...func(*iam.Options)) (*iam.GetInstanceProfileOutput, error) {
	return awsfake.Call[iam.GetInstanceProfileOutput](&f.Recorder, "GetInstanceProfile", in)
}

// CreateInstanceProfile implements the IAM operation.
func (f *API) CreateInstanceProfile(_ context.Context, in *iam.CreateInstanceProfileInput, _ ...func(*iam.Options)) (*iam.CreateInstanceProfileOutput, error) {
	return awsfake.Call[iam.CreateInstanceProfileOutput](&f.Recorder, "CreateInstanceProfile", in)
}

// DeleteInstanceProfile implements the IAM operation.
func (f *API) DeleteInstanceProfile(_ context.Context, in *iam.DeleteInstanceProfileInput, _ ...func(*iam.Options)) (*iam.DeleteInstanceProfileOutput, error) {
	return awsfake.Call[iam.DeleteInstanceProfileOutput](&f.Recorder, "DeleteInstanceProfile", in)
}

// AddRoleToInstanceProfile implements the IAM operation.
func (f *API) AddRoleToInstanceProfile(_ context.Context, in *iam.AddRoleToInstanceProfileInput, _ ...func(*iam.Options)) (*iam.AddRoleToInstanceProfileOutput, error) {
	return awsfake.Call[iam.AddRoleToInstanceProfileOutput](&f.Recorder, "AddRoleToInstanceProfile", in)
}

// RemoveRoleFromInstanceProfile implements the IAM operation.
func (f *API) RemoveRoleFromInstanceProfile(_ context.Context, in *iam.RemoveRoleFromInstanceProfileInput, _ ...func(*iam.Options)) (*iam.RemoveRoleFromInstanceProfileOutput, error) {
	return awsfake.Call[iam.RemoveRoleFromInstanceProfileOutput](&f.Recorder, "RemoveRoleFromInstanceProfile", in)
}

// TagInstanceProfile implements the IAM operation.
func (f *API) TagInstanceProfile(_ context.Context, in *iam.TagInstanceProfileInput, _ ...func(*iam.Options)) (*iam.TagInstanceProfileOutput, error) {
	return awsfake.Call[iam.TagInstanceProfileOutput](&f.Recorder, "TagInstanceProfile", in)
}

// UntagInstanceProfile implements the IAM operation.
func (f *API) UntagInstanceProfile(_ context.Context, in *iam.UntagInstanceProfileInput, _ ...func(*iam.Options)) (*iam.UntagInstanceProfileOutput, error) {
	return awsfake.Call[iam.UntagInstanceProfileOutput](&f.Recorder, "UntagInstanceProfile", in)
}
