package securitygroup

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

func (f *fakeAPI) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	return call[ec2.DescribeSecurityGroupsOutput](f, "DescribeSecurityGroups", in)
}
func (f *fakeAPI) CreateSecurityGroup(_ context.Context, in *ec2.CreateSecurityGroupInput, _ ...func(*ec2.Options)) (*ec2.CreateSecurityGroupOutput, error) {
	return call[ec2.CreateSecurityGroupOutput](f, "CreateSecurityGroup", in)
}
func (f *fakeAPI) DeleteSecurityGroup(_ context.Context, in *ec2.DeleteSecurityGroupInput, _ ...func(*ec2.Options)) (*ec2.DeleteSecurityGroupOutput, error) {
	return call[ec2.DeleteSecurityGroupOutput](f, "DeleteSecurityGroup", in)
}
func (f *fakeAPI) AuthorizeSecurityGroupIngress(_ context.Context, in *ec2.AuthorizeSecurityGroupIngressInput, _ ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupIngressOutput, error) {
	return call[ec2.AuthorizeSecurityGroupIngressOutput](f, "AuthorizeSecurityGroupIngress", in)
}
func (f *fakeAPI) RevokeSecurityGroupIngress(_ context.Context, in *ec2.RevokeSecurityGroupIngressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error) {
	return call[ec2.RevokeSecurityGroupIngressOutput](f, "RevokeSecurityGroupIngress", in)
}
func (f *fakeAPI) AuthorizeSecurityGroupEgress(_ context.Context, in *ec2.AuthorizeSecurityGroupEgressInput, _ ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupEgressOutput, error) {
	return call[ec2.AuthorizeSecurityGroupEgressOutput](f, "AuthorizeSecurityGroupEgress", in)
}
func (f *fakeAPI) RevokeSecurityGroupEgress(_ context.Context, in *ec2.RevokeSecurityGroupEgressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error) {
	return call[ec2.RevokeSecurityGroupEgressOutput](f, "RevokeSecurityGroupEgress", in)
}
func (f *fakeAPI) CreateTags(_ context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	return call[ec2.CreateTagsOutput](f, "CreateTags", in)
}
func (f *fakeAPI) DeleteTags(_ context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	return call[ec2.DeleteTagsOutput](f, "DeleteTags", in)
}

var _ API = &fakeAPI{}
