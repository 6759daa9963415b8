package routetable

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

func (f *fakeAPI) DescribeRouteTables(_ context.Context, in *ec2.DescribeRouteTablesInput, _ ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	return call[ec2.DescribeRouteTablesOutput](f, "DescribeRouteTables", in)
}
func (f *fakeAPI) CreateRouteTable(_ context.Context, in *ec2.CreateRouteTableInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteTableOutput, error) {
	return call[ec2.CreateRouteTableOutput](f, "CreateRouteTable", in)
}
func (f *fakeAPI) DeleteRouteTable(_ context.Context, in *ec2.DeleteRouteTableInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteTableOutput, error) {
	return call[ec2.DeleteRouteTableOutput](f, "DeleteRouteTable", in)
}
func (f *fakeAPI) CreateRoute(_ context.Context, in *ec2.CreateRouteInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	return call[ec2.CreateRouteOutput](f, "CreateRoute", in)
}
func (f *fakeAPI) ReplaceRoute(_ context.Context, in *ec2.ReplaceRouteInput, _ ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	return call[ec2.ReplaceRouteOutput](f, "ReplaceRoute", in)
}
func (f *fakeAPI) DeleteRoute(_ context.Context, in *ec2.DeleteRouteInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	return call[ec2.DeleteRouteOutput](f, "DeleteRoute", in)
}
func (f *fakeAPI) AssociateRouteTable(_ context.Context, in *ec2.AssociateRouteTableInput, _ ...func(*ec2.Options)) (*ec2.AssociateRouteTableOutput, error) {
	return call[ec2.AssociateRouteTableOutput](f, "AssociateRouteTable", in)
}
func (f *fakeAPI) DisassociateRouteTable(_ context.Context, in *ec2.DisassociateRouteTableInput, _ ...func(*ec2.Options)) (*ec2.DisassociateRouteTableOutput, error) {
	return call[ec2.DisassociateRouteTableOutput](f, "DisassociateRouteTable", in)
}
func (f *fakeAPI) CreateTags(_ context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	return call[ec2.CreateTagsOutput](f, "CreateTags", in)
}
func (f *fakeAPI) DeleteTags(_ context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	return call[ec2.DeleteTagsOutput](f, "DeleteTags", in)
}

var _ API = &fakeAPI{}
