package natgateway

import (
	"context"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// fakeAPI answers every EC2 operation from out and errs, keyed by operation
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

// apiError is an error as the SDK returns it for EC2: an operation error
// wrapping an HTTP 400 response error that carries AWS's code.
func apiError(code string) error {
	return &smithy.OperationError{ServiceID: "EC2", OperationName: "op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: http.StatusBadRequest}},
			Err:      &smithy.GenericAPIError{Code: code, Message: code + " message"},
		},
	}}
}

func (f *fakeAPI) DescribeNatGateways(_ context.Context, in *ec2.DescribeNatGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	return call[ec2.DescribeNatGatewaysOutput](f, "DescribeNatGateways", in)
}
func (f *fakeAPI) CreateNatGateway(_ context.Context, in *ec2.CreateNatGatewayInput, _ ...func(*ec2.Options)) (*ec2.CreateNatGatewayOutput, error) {
	return call[ec2.CreateNatGatewayOutput](f, "CreateNatGateway", in)
}
func (f *fakeAPI) DeleteNatGateway(_ context.Context, in *ec2.DeleteNatGatewayInput, _ ...func(*ec2.Options)) (*ec2.DeleteNatGatewayOutput, error) {
	return call[ec2.DeleteNatGatewayOutput](f, "DeleteNatGateway", in)
}
func (f *fakeAPI) CreateTags(_ context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	return call[ec2.CreateTagsOutput](f, "CreateTags", in)
}
func (f *fakeAPI) DeleteTags(_ context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	return call[ec2.DeleteTagsOutput](f, "DeleteTags", in)
}

var _ API = &fakeAPI{}
