package bucket

import (
	"context"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// fakeAPI answers every S3 operation from out and errs, keyed by operation
// name, and records the operations called in order.
type fakeAPI struct {
	out    map[string]any
	errs   map[string]error
	calls  []string
	inputs map[string]any // inputs of write operations, for assertions
}

func call[T any](f *fakeAPI, op string) (*T, error) {
	f.calls = append(f.calls, op)
	if err := f.errs[op]; err != nil {
		return nil, err
	}
	if o, ok := f.out[op]; ok {
		return o.(*T), nil
	}
	return new(T), nil
}

// apiError is an error as the SDK returns it: an operation error wrapping an
// HTTP response error that carries AWS's code.
func apiError(status int, code string) error {
	return &smithy.OperationError{ServiceID: "S3", OperationName: "op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      &smithy.GenericAPIError{Code: code, Message: code + " message"},
		},
	}}
}

func (f *fakeAPI) HeadBucket(_ context.Context, _ *s3.HeadBucketInput, _ ...func(*s3.Options)) (*s3.HeadBucketOutput, error) {
	return call[s3.HeadBucketOutput](f, "HeadBucket")
}
func (f *fakeAPI) CreateBucket(_ context.Context, in *s3.CreateBucketInput, _ ...func(*s3.Options)) (*s3.CreateBucketOutput, error) {
	f.record("CreateBucket", in)
	return call[s3.CreateBucketOutput](f, "CreateBucket")
}
func (f *fakeAPI) DeleteBucket(_ context.Context, _ *s3.DeleteBucketInput, _ ...func(*s3.Options)) (*s3.DeleteBucketOutput, error) {
	return call[s3.DeleteBucketOutput](f, "DeleteBucket")
}
func (f *fakeAPI) GetBucketTagging(_ context.Context, _ *s3.GetBucketTaggingInput, _ ...func(*s3.Options)) (*s3.GetBucketTaggingOutput, error) {
	return call[s3.GetBucketTaggingOutput](f, "GetBucketTagging")
}
func (f *fakeAPI) PutBucketTagging(_ context.Context, in *s3.PutBucketTaggingInput, _ ...func(*s3.Options)) (*s3.PutBucketTaggingOutput, error) {
	f.record("PutBucketTagging", in)
	return call[s3.PutBucketTaggingOutput](f, "PutBucketTagging")
}
func (f *fakeAPI) DeleteBucketTagging(_ context.Context, _ *s3.DeleteBucketTaggingInput, _ ...func(*s3.Options)) (*s3.DeleteBucketTaggingOutput, error) {
	return call[s3.DeleteBucketTaggingOutput](f, "DeleteBucketTagging")
}
func (f *fakeAPI) GetBucketVersioning(_ context.Context, _ *s3.GetBucketVersioningInput, _ ...func(*s3.Options)) (*s3.GetBucketVersioningOutput, error) {
	return call[s3.GetBucketVersioningOutput](f, "GetBucketVersioning")
}
func (f *fakeAPI) PutBucketVersioning(_ context.Context, in *s3.PutBucketVersioningInput, _ ...func(*s3.Options)) (*s3.PutBucketVersioningOutput, error) {
	f.record("PutBucketVersioning", in)
	return call[s3.PutBucketVersioningOutput](f, "PutBucketVersioning")
}
func (f *fakeAPI) GetBucketEncryption(_ context.Context, _ *s3.GetBucketEncryptionInput, _ ...func(*s3.Options)) (*s3.GetBucketEncryptionOutput, error) {
	return call[s3.GetBucketEncryptionOutput](f, "GetBucketEncryption")
}
func (f *fakeAPI) PutBucketEncryption(_ context.Context, in *s3.PutBucketEncryptionInput, _ ...func(*s3.Options)) (*s3.PutBucketEncryptionOutput, error) {
	f.record("PutBucketEncryption", in)
	return call[s3.PutBucketEncryptionOutput](f, "PutBucketEncryption")
}
func (f *fakeAPI) GetBucketLifecycleConfiguration(_ context.Context, _ *s3.GetBucketLifecycleConfigurationInput, _ ...func(*s3.Options)) (*s3.GetBucketLifecycleConfigurationOutput, error) {
	return call[s3.GetBucketLifecycleConfigurationOutput](f, "GetBucketLifecycleConfiguration")
}
func (f *fakeAPI) PutBucketLifecycleConfiguration(_ context.Context, in *s3.PutBucketLifecycleConfigurationInput, _ ...func(*s3.Options)) (*s3.PutBucketLifecycleConfigurationOutput, error) {
	f.record("PutBucketLifecycleConfiguration", in)
	return call[s3.PutBucketLifecycleConfigurationOutput](f, "PutBucketLifecycleConfiguration")
}
func (f *fakeAPI) DeleteBucketLifecycle(_ context.Context, _ *s3.DeleteBucketLifecycleInput, _ ...func(*s3.Options)) (*s3.DeleteBucketLifecycleOutput, error) {
	return call[s3.DeleteBucketLifecycleOutput](f, "DeleteBucketLifecycle")
}
func (f *fakeAPI) GetPublicAccessBlock(_ context.Context, _ *s3.GetPublicAccessBlockInput, _ ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error) {
	return call[s3.GetPublicAccessBlockOutput](f, "GetPublicAccessBlock")
}
func (f *fakeAPI) PutPublicAccessBlock(_ context.Context, in *s3.PutPublicAccessBlockInput, _ ...func(*s3.Options)) (*s3.PutPublicAccessBlockOutput, error) {
	f.record("PutPublicAccessBlock", in)
	return call[s3.PutPublicAccessBlockOutput](f, "PutPublicAccessBlock")
}
func (f *fakeAPI) GetBucketOwnershipControls(_ context.Context, _ *s3.GetBucketOwnershipControlsInput, _ ...func(*s3.Options)) (*s3.GetBucketOwnershipControlsOutput, error) {
	return call[s3.GetBucketOwnershipControlsOutput](f, "GetBucketOwnershipControls")
}
func (f *fakeAPI) PutBucketOwnershipControls(_ context.Context, in *s3.PutBucketOwnershipControlsInput, _ ...func(*s3.Options)) (*s3.PutBucketOwnershipControlsOutput, error) {
	f.record("PutBucketOwnershipControls", in)
	return call[s3.PutBucketOwnershipControlsOutput](f, "PutBucketOwnershipControls")
}
func (f *fakeAPI) GetBucketPolicy(_ context.Context, _ *s3.GetBucketPolicyInput, _ ...func(*s3.Options)) (*s3.GetBucketPolicyOutput, error) {
	return call[s3.GetBucketPolicyOutput](f, "GetBucketPolicy")
}
func (f *fakeAPI) PutBucketPolicy(_ context.Context, in *s3.PutBucketPolicyInput, _ ...func(*s3.Options)) (*s3.PutBucketPolicyOutput, error) {
	f.record("PutBucketPolicy", in)
	return call[s3.PutBucketPolicyOutput](f, "PutBucketPolicy")
}
func (f *fakeAPI) DeleteBucketPolicy(_ context.Context, _ *s3.DeleteBucketPolicyInput, _ ...func(*s3.Options)) (*s3.DeleteBucketPolicyOutput, error) {
	return call[s3.DeleteBucketPolicyOutput](f, "DeleteBucketPolicy")
}
func (f *fakeAPI) GetBucketWebsite(_ context.Context, _ *s3.GetBucketWebsiteInput, _ ...func(*s3.Options)) (*s3.GetBucketWebsiteOutput, error) {
	return call[s3.GetBucketWebsiteOutput](f, "GetBucketWebsite")
}
func (f *fakeAPI) PutBucketWebsite(_ context.Context, in *s3.PutBucketWebsiteInput, _ ...func(*s3.Options)) (*s3.PutBucketWebsiteOutput, error) {
	f.record("PutBucketWebsite", in)
	return call[s3.PutBucketWebsiteOutput](f, "PutBucketWebsite")
}
func (f *fakeAPI) GetBucketCors(_ context.Context, _ *s3.GetBucketCorsInput, _ ...func(*s3.Options)) (*s3.GetBucketCorsOutput, error) {
	return call[s3.GetBucketCorsOutput](f, "GetBucketCors")
}
func (f *fakeAPI) PutBucketCors(_ context.Context, in *s3.PutBucketCorsInput, _ ...func(*s3.Options)) (*s3.PutBucketCorsOutput, error) {
	f.record("PutBucketCors", in)
	return call[s3.PutBucketCorsOutput](f, "PutBucketCors")
}
func (f *fakeAPI) DeleteBucketCors(_ context.Context, _ *s3.DeleteBucketCorsInput, _ ...func(*s3.Options)) (*s3.DeleteBucketCorsOutput, error) {
	return call[s3.DeleteBucketCorsOutput](f, "DeleteBucketCors")
}
func (f *fakeAPI) ListObjectVersions(_ context.Context, _ *s3.ListObjectVersionsInput, _ ...func(*s3.Options)) (*s3.ListObjectVersionsOutput, error) {
	return call[s3.ListObjectVersionsOutput](f, "ListObjectVersions")
}
func (f *fakeAPI) DeleteObjects(_ context.Context, in *s3.DeleteObjectsInput, _ ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error) {
	f.record("DeleteObjects", in)
	return call[s3.DeleteObjectsOutput](f, "DeleteObjects")
}

var _ API = &fakeAPI{}

func (f *fakeAPI) record(op string, in any) {
	if f.inputs == nil {
		f.inputs = map[string]any{}
	}
	f.inputs[op] = in
}
