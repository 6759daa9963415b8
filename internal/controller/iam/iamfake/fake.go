// Package iamfake is a recording fake of the IAM API for the unit tests of
// the IAM controllers.
package iamfake

import (
	"context"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// API answers every IAM operation from Out and Errs, keyed by operation name,
// and records the operations called, in order, with their inputs.
type API struct {
	// Out holds an operation's output, or a func(input any) (any, error)
	// that computes it from the input.
	Out map[string]any
	// Errs holds an operation's error.
	Errs map[string]error
	// Calls are the operations called, in order.
	Calls []string
	// Inputs are the inputs of every call, by operation, in order.
	Inputs map[string][]any
}

// Input returns the input of the i-th call of op, or nil.
func (f *API) Input(op string, i int) any {
	if i < len(f.Inputs[op]) {
		return f.Inputs[op][i]
	}
	return nil
}

func call[T any](f *API, op string, in any) (*T, error) {
	f.Calls = append(f.Calls, op)
	if f.Inputs == nil {
		f.Inputs = map[string][]any{}
	}
	f.Inputs[op] = append(f.Inputs[op], in)
	if err := f.Errs[op]; err != nil {
		return nil, err
	}
	switch o := f.Out[op].(type) {
	case nil:
		return new(T), nil
	case func(any) (any, error):
		v, err := o(in)
		if err != nil {
			return nil, err
		}
		return v.(*T), nil //nolint:forcetypeassert // Tests set the right type.
	default:
		return o.(*T), nil //nolint:forcetypeassert // Tests set the right type.
	}
}

// APIError is an error as the SDK returns it: an operation error wrapping an
// HTTP response error that carries AWS's code.
func APIError(status int, code string) error {
	return &smithy.OperationError{ServiceID: "IAM", OperationName: "op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      &smithy.GenericAPIError{Code: code, Message: code + " message"},
		},
	}}
}

// GetRole implements the IAM operation.
func (f *API) GetRole(_ context.Context, in *iam.GetRoleInput, _ ...func(*iam.Options)) (*iam.GetRoleOutput, error) {
	return call[iam.GetRoleOutput](f, "GetRole", in)
}

// CreateRole implements the IAM operation.
func (f *API) CreateRole(_ context.Context, in *iam.CreateRoleInput, _ ...func(*iam.Options)) (*iam.CreateRoleOutput, error) {
	return call[iam.CreateRoleOutput](f, "CreateRole", in)
}

// DeleteRole implements the IAM operation.
func (f *API) DeleteRole(_ context.Context, in *iam.DeleteRoleInput, _ ...func(*iam.Options)) (*iam.DeleteRoleOutput, error) {
	return call[iam.DeleteRoleOutput](f, "DeleteRole", in)
}

// UpdateRole implements the IAM operation.
func (f *API) UpdateRole(_ context.Context, in *iam.UpdateRoleInput, _ ...func(*iam.Options)) (*iam.UpdateRoleOutput, error) {
	return call[iam.UpdateRoleOutput](f, "UpdateRole", in)
}

// UpdateAssumeRolePolicy implements the IAM operation.
func (f *API) UpdateAssumeRolePolicy(_ context.Context, in *iam.UpdateAssumeRolePolicyInput, _ ...func(*iam.Options)) (*iam.UpdateAssumeRolePolicyOutput, error) {
	return call[iam.UpdateAssumeRolePolicyOutput](f, "UpdateAssumeRolePolicy", in)
}

// PutRolePermissionsBoundary implements the IAM operation.
func (f *API) PutRolePermissionsBoundary(_ context.Context, in *iam.PutRolePermissionsBoundaryInput, _ ...func(*iam.Options)) (*iam.PutRolePermissionsBoundaryOutput, error) {
	return call[iam.PutRolePermissionsBoundaryOutput](f, "PutRolePermissionsBoundary", in)
}

// DeleteRolePermissionsBoundary implements the IAM operation.
func (f *API) DeleteRolePermissionsBoundary(_ context.Context, in *iam.DeleteRolePermissionsBoundaryInput, _ ...func(*iam.Options)) (*iam.DeleteRolePermissionsBoundaryOutput, error) {
	return call[iam.DeleteRolePermissionsBoundaryOutput](f, "DeleteRolePermissionsBoundary", in)
}

// TagRole implements the IAM operation.
func (f *API) TagRole(_ context.Context, in *iam.TagRoleInput, _ ...func(*iam.Options)) (*iam.TagRoleOutput, error) {
	return call[iam.TagRoleOutput](f, "TagRole", in)
}

// UntagRole implements the IAM operation.
func (f *API) UntagRole(_ context.Context, in *iam.UntagRoleInput, _ ...func(*iam.Options)) (*iam.UntagRoleOutput, error) {
	return call[iam.UntagRoleOutput](f, "UntagRole", in)
}

// ListRolePolicies implements the IAM operation.
func (f *API) ListRolePolicies(_ context.Context, in *iam.ListRolePoliciesInput, _ ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error) {
	return call[iam.ListRolePoliciesOutput](f, "ListRolePolicies", in)
}

// GetRolePolicy implements the IAM operation.
func (f *API) GetRolePolicy(_ context.Context, in *iam.GetRolePolicyInput, _ ...func(*iam.Options)) (*iam.GetRolePolicyOutput, error) {
	return call[iam.GetRolePolicyOutput](f, "GetRolePolicy", in)
}

// PutRolePolicy implements the IAM operation.
func (f *API) PutRolePolicy(_ context.Context, in *iam.PutRolePolicyInput, _ ...func(*iam.Options)) (*iam.PutRolePolicyOutput, error) {
	return call[iam.PutRolePolicyOutput](f, "PutRolePolicy", in)
}

// DeleteRolePolicy implements the IAM operation.
func (f *API) DeleteRolePolicy(_ context.Context, in *iam.DeleteRolePolicyInput, _ ...func(*iam.Options)) (*iam.DeleteRolePolicyOutput, error) {
	return call[iam.DeleteRolePolicyOutput](f, "DeleteRolePolicy", in)
}

// ListAttachedRolePolicies implements the IAM operation.
func (f *API) ListAttachedRolePolicies(_ context.Context, in *iam.ListAttachedRolePoliciesInput, _ ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error) {
	return call[iam.ListAttachedRolePoliciesOutput](f, "ListAttachedRolePolicies", in)
}

// GetPolicy implements the IAM operation.
func (f *API) GetPolicy(_ context.Context, in *iam.GetPolicyInput, _ ...func(*iam.Options)) (*iam.GetPolicyOutput, error) {
	return call[iam.GetPolicyOutput](f, "GetPolicy", in)
}

// GetPolicyVersion implements the IAM operation.
func (f *API) GetPolicyVersion(_ context.Context, in *iam.GetPolicyVersionInput, _ ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error) {
	return call[iam.GetPolicyVersionOutput](f, "GetPolicyVersion", in)
}

// CreatePolicy implements the IAM operation.
func (f *API) CreatePolicy(_ context.Context, in *iam.CreatePolicyInput, _ ...func(*iam.Options)) (*iam.CreatePolicyOutput, error) {
	return call[iam.CreatePolicyOutput](f, "CreatePolicy", in)
}

// CreatePolicyVersion implements the IAM operation.
func (f *API) CreatePolicyVersion(_ context.Context, in *iam.CreatePolicyVersionInput, _ ...func(*iam.Options)) (*iam.CreatePolicyVersionOutput, error) {
	return call[iam.CreatePolicyVersionOutput](f, "CreatePolicyVersion", in)
}

// DeletePolicyVersion implements the IAM operation.
func (f *API) DeletePolicyVersion(_ context.Context, in *iam.DeletePolicyVersionInput, _ ...func(*iam.Options)) (*iam.DeletePolicyVersionOutput, error) {
	return call[iam.DeletePolicyVersionOutput](f, "DeletePolicyVersion", in)
}

// ListPolicyVersions implements the IAM operation.
func (f *API) ListPolicyVersions(_ context.Context, in *iam.ListPolicyVersionsInput, _ ...func(*iam.Options)) (*iam.ListPolicyVersionsOutput, error) {
	return call[iam.ListPolicyVersionsOutput](f, "ListPolicyVersions", in)
}

// DeletePolicy implements the IAM operation.
func (f *API) DeletePolicy(_ context.Context, in *iam.DeletePolicyInput, _ ...func(*iam.Options)) (*iam.DeletePolicyOutput, error) {
	return call[iam.DeletePolicyOutput](f, "DeletePolicy", in)
}

// TagPolicy implements the IAM operation.
func (f *API) TagPolicy(_ context.Context, in *iam.TagPolicyInput, _ ...func(*iam.Options)) (*iam.TagPolicyOutput, error) {
	return call[iam.TagPolicyOutput](f, "TagPolicy", in)
}

// UntagPolicy implements the IAM operation.
func (f *API) UntagPolicy(_ context.Context, in *iam.UntagPolicyInput, _ ...func(*iam.Options)) (*iam.UntagPolicyOutput, error) {
	return call[iam.UntagPolicyOutput](f, "UntagPolicy", in)
}

// ListPolicies implements the IAM operation.
func (f *API) ListPolicies(_ context.Context, in *iam.ListPoliciesInput, _ ...func(*iam.Options)) (*iam.ListPoliciesOutput, error) {
	return call[iam.ListPoliciesOutput](f, "ListPolicies", in)
}

// ListEntitiesForPolicy implements the IAM operation.
func (f *API) ListEntitiesForPolicy(_ context.Context, in *iam.ListEntitiesForPolicyInput, _ ...func(*iam.Options)) (*iam.ListEntitiesForPolicyOutput, error) {
	return call[iam.ListEntitiesForPolicyOutput](f, "ListEntitiesForPolicy", in)
}

// AttachRolePolicy implements the IAM operation.
func (f *API) AttachRolePolicy(_ context.Context, in *iam.AttachRolePolicyInput, _ ...func(*iam.Options)) (*iam.AttachRolePolicyOutput, error) {
	return call[iam.AttachRolePolicyOutput](f, "AttachRolePolicy", in)
}

// DetachRolePolicy implements the IAM operation.
func (f *API) DetachRolePolicy(_ context.Context, in *iam.DetachRolePolicyInput, _ ...func(*iam.Options)) (*iam.DetachRolePolicyOutput, error) {
	return call[iam.DetachRolePolicyOutput](f, "DetachRolePolicy", in)
}

// GetOpenIDConnectProvider implements the IAM operation.
func (f *API) GetOpenIDConnectProvider(_ context.Context, in *iam.GetOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.GetOpenIDConnectProviderOutput, error) {
	return call[iam.GetOpenIDConnectProviderOutput](f, "GetOpenIDConnectProvider", in)
}

// CreateOpenIDConnectProvider implements the IAM operation.
func (f *API) CreateOpenIDConnectProvider(_ context.Context, in *iam.CreateOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.CreateOpenIDConnectProviderOutput, error) {
	return call[iam.CreateOpenIDConnectProviderOutput](f, "CreateOpenIDConnectProvider", in)
}

// DeleteOpenIDConnectProvider implements the IAM operation.
func (f *API) DeleteOpenIDConnectProvider(_ context.Context, in *iam.DeleteOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.DeleteOpenIDConnectProviderOutput, error) {
	return call[iam.DeleteOpenIDConnectProviderOutput](f, "DeleteOpenIDConnectProvider", in)
}

// ListOpenIDConnectProviders implements the IAM operation.
func (f *API) ListOpenIDConnectProviders(_ context.Context, in *iam.ListOpenIDConnectProvidersInput, _ ...func(*iam.Options)) (*iam.ListOpenIDConnectProvidersOutput, error) {
	return call[iam.ListOpenIDConnectProvidersOutput](f, "ListOpenIDConnectProviders", in)
}

// UpdateOpenIDConnectProviderThumbprint implements the IAM operation.
func (f *API) UpdateOpenIDConnectProviderThumbprint(_ context.Context, in *iam.UpdateOpenIDConnectProviderThumbprintInput, _ ...func(*iam.Options)) (*iam.UpdateOpenIDConnectProviderThumbprintOutput, error) {
	return call[iam.UpdateOpenIDConnectProviderThumbprintOutput](f, "UpdateOpenIDConnectProviderThumbprint", in)
}

// AddClientIDToOpenIDConnectProvider implements the IAM operation.
func (f *API) AddClientIDToOpenIDConnectProvider(_ context.Context, in *iam.AddClientIDToOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.AddClientIDToOpenIDConnectProviderOutput, error) {
	return call[iam.AddClientIDToOpenIDConnectProviderOutput](f, "AddClientIDToOpenIDConnectProvider", in)
}

// RemoveClientIDFromOpenIDConnectProvider implements the IAM operation.
func (f *API) RemoveClientIDFromOpenIDConnectProvider(_ context.Context, in *iam.RemoveClientIDFromOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.RemoveClientIDFromOpenIDConnectProviderOutput, error) {
	return call[iam.RemoveClientIDFromOpenIDConnectProviderOutput](f, "RemoveClientIDFromOpenIDConnectProvider", in)
}

// TagOpenIDConnectProvider implements the IAM operation.
func (f *API) TagOpenIDConnectProvider(_ context.Context, in *iam.TagOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.TagOpenIDConnectProviderOutput, error) {
	return call[iam.TagOpenIDConnectProviderOutput](f, "TagOpenIDConnectProvider", in)
}

// UntagOpenIDConnectProvider implements the IAM operation.
func (f *API) UntagOpenIDConnectProvider(_ context.Context, in *iam.UntagOpenIDConnectProviderInput, _ ...func(*iam.Options)) (*iam.UntagOpenIDConnectProviderOutput, error) {
	return call[iam.UntagOpenIDConnectProviderOutput](f, "UntagOpenIDConnectProvider", in)
}

// GetInstanceProfile implements the IAM operation.
func (f *API) GetInstanceProfile(_ context.Context, in *iam.GetInstanceProfileInput, _ ...func(*iam.Options)) (*iam.GetInstanceProfileOutput, error) {
	return call[iam.GetInstanceProfileOutput](f, "GetInstanceProfile", in)
}

// CreateInstanceProfile implements the IAM operation.
func (f *API) CreateInstanceProfile(_ context.Context, in *iam.CreateInstanceProfileInput, _ ...func(*iam.Options)) (*iam.CreateInstanceProfileOutput, error) {
	return call[iam.CreateInstanceProfileOutput](f, "CreateInstanceProfile", in)
}

// DeleteInstanceProfile implements the IAM operation.
func (f *API) DeleteInstanceProfile(_ context.Context, in *iam.DeleteInstanceProfileInput, _ ...func(*iam.Options)) (*iam.DeleteInstanceProfileOutput, error) {
	return call[iam.DeleteInstanceProfileOutput](f, "DeleteInstanceProfile", in)
}

// AddRoleToInstanceProfile implements the IAM operation.
func (f *API) AddRoleToInstanceProfile(_ context.Context, in *iam.AddRoleToInstanceProfileInput, _ ...func(*iam.Options)) (*iam.AddRoleToInstanceProfileOutput, error) {
	return call[iam.AddRoleToInstanceProfileOutput](f, "AddRoleToInstanceProfile", in)
}

// RemoveRoleFromInstanceProfile implements the IAM operation.
func (f *API) RemoveRoleFromInstanceProfile(_ context.Context, in *iam.RemoveRoleFromInstanceProfileInput, _ ...func(*iam.Options)) (*iam.RemoveRoleFromInstanceProfileOutput, error) {
	return call[iam.RemoveRoleFromInstanceProfileOutput](f, "RemoveRoleFromInstanceProfile", in)
}

// TagInstanceProfile implements the IAM operation.
func (f *API) TagInstanceProfile(_ context.Context, in *iam.TagInstanceProfileInput, _ ...func(*iam.Options)) (*iam.TagInstanceProfileOutput, error) {
	return call[iam.TagInstanceProfileOutput](f, "TagInstanceProfile", in)
}

// UntagInstanceProfile implements the IAM operation.
func (f *API) UntagInstanceProfile(_ context.Context, in *iam.UntagInstanceProfileInput, _ ...func(*iam.Options)) (*iam.UntagInstanceProfileOutput, error) {
	return call[iam.UntagInstanceProfileOutput](f, "UntagInstanceProfile", in)
}
