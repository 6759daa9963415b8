package podidentityassociation

import (
	"context"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// fakeAPI answers every EKS operation from out and errs, keyed by operation
// name, and records the operations called in order with their inputs.
type fakeAPI struct {
	out    map[string]any
	errs   map[string]error
	calls  []string
	inputs []any
}

func call[T any](f *fakeAPI, op string, in any) (*T, error) {
	f.calls = append(f.calls, op)
	f.inputs = append(f.inputs, in)
	if err := f.errs[op]; err != nil {
		return nil, err
	}
	if o, ok := f.out[op]; ok {
		return o.(*T), nil
	}
	return new(T), nil
}

// apiError is an error as the SDK returns it for EKS: an operation error
// wrapping an HTTP response error that carries AWS's code.
func apiError(code string, status int) error {
	return &smithy.OperationError{ServiceID: "EKS", OperationName: "op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      &smithy.GenericAPIError{Code: code, Message: code + " message"},
		},
	}}
}

func (f *fakeAPI) DescribePodIdentityAssociation(_ context.Context, in *eks.DescribePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.DescribePodIdentityAssociationOutput, error) {
	return call[eks.DescribePodIdentityAssociationOutput](f, "DescribePodIdentityAssociation", in)
}
func (f *fakeAPI) ListPodIdentityAssociations(_ context.Context, in *eks.ListPodIdentityAssociationsInput, _ ...func(*eks.Options)) (*eks.ListPodIdentityAssociationsOutput, error) {
	return call[eks.ListPodIdentityAssociationsOutput](f, "ListPodIdentityAssociations", in)
}
func (f *fakeAPI) CreatePodIdentityAssociation(_ context.Context, in *eks.CreatePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.CreatePodIdentityAssociationOutput, error) {
	return call[eks.CreatePodIdentityAssociationOutput](f, "CreatePodIdentityAssociation", in)
}
func (f *fakeAPI) UpdatePodIdentityAssociation(_ context.Context, in *eks.UpdatePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.UpdatePodIdentityAssociationOutput, error) {
	return call[eks.UpdatePodIdentityAssociationOutput](f, "UpdatePodIdentityAssociation", in)
}
func (f *fakeAPI) DeletePodIdentityAssociation(_ context.Context, in *eks.DeletePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.DeletePodIdentityAssociationOutput, error) {
	return call[eks.DeletePodIdentityAssociationOutput](f, "DeletePodIdentityAssociation", in)
}
func (f *fakeAPI) TagResource(_ context.Context, in *eks.TagResourceInput, _ ...func(*eks.Options)) (*eks.TagResourceOutput, error) {
	return call[eks.TagResourceOutput](f, "TagResource", in)
}
func (f *fakeAPI) UntagResource(_ context.Context, in *eks.UntagResourceInput, _ ...func(*eks.Options)) (*eks.UntagResourceOutput, error) {
	return call[eks.UntagResourceOutput](f, "UntagResource", in)
}

var _ API = &fakeAPI{}
