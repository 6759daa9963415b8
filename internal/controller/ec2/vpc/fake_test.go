package vpc

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

func (f *fakeAPI) DescribeVpcs(_ context.Context, in *ec2.DescribeVpcsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error) {
	return call[ec2.DescribeVpcsOutput](f, "DescribeVpcs", in)
}
func (f *fakeAPI) CreateVpc(_ context.Context, in *ec2.CreateVpcInput, _ ...func(*ec2.Options)) (*ec2.CreateVpcOutput, error) {
	return call[ec2.CreateVpcOutput](f, "CreateVpc", in)
}
func (f *fakeAPI) DeleteVpc(_ context.Context, in *ec2.DeleteVpcInput, _ ...func(*ec2.Options)) (*ec2.DeleteVpcOutput, error) {
	return call[ec2.DeleteVpcOutput](f, "DeleteVpc", in)
}
func (f *fakeAPI) DescribeVpcAttribute(_ context.Context, in *ec2.DescribeVpcAttributeInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcAttributeOutput, error) {
	return call[ec2.DescribeVpcAttributeOutput](f, "DescribeVpcAttribute:"+string(in.Attribute), in)
}
func (f *fakeAPI) ModifyVpcAttribute(_ context.Context, in *ec2.ModifyVpcAttributeInput, _ ...func(*ec2.Options)) (*ec2.ModifyVpcAttributeOutput, error) {
	return call[ec2.ModifyVpcAttributeOutput](f, "ModifyVpcAttribute", in)
}
func (f *fakeAPI) AssociateVpcCidrBlock(_ context.Context, in *ec2.AssociateVpcCidrBlockInput, _ ...func(*ec2.Options)) (*ec2.AssociateVpcCidrBlockOutput, error) {
	return call[ec2.AssociateVpcCidrBlockOutput](f, "AssociateVpcCidrBlock", in)
}
func (f *fakeAPI) DisassociateVpcCidrBlock(_ context.Context, in *ec2.DisassociateVpcCidrBlockInput, _ ...func(*ec2.Options)) (*ec2.DisassociateVpcCidrBlockOutput, error) {
	return call[ec2.DisassociateVpcCidrBlockOutput](f, "DisassociateVpcCidrBlock", in)
}
func (f *fakeAPI) CreateTags(_ context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	return call[ec2.CreateTagsOutput](f, "CreateTags", in)
}
func (f *fakeAPI) DeleteTags(_ context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	return call[ec2.DeleteTagsOutput](f, "DeleteTags", in)
}

var _ API = &fakeAPI{}
