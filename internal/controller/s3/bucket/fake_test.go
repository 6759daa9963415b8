package bucket

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
)

// fakeAPI answers every S3 operation the Bucket controller calls from its
// Recorder.
type fakeAPI struct{ awsfake.Recorder }

var _ API = &fakeAPI{}

// newFake returns a fake that answers from out and errs (either may be nil).
func newFake(out map[string]any, errs map[string]error) *fakeAPI {
	return &fakeAPI{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

func (f *fakeAPI) HeadBucket(_ context.Context, in *s3.HeadBucketInput, _ ...func(*s3.Options)) (*s3.HeadBucketOutput, error) {
	return awsfake.Call[s3.HeadBucketOutput](&f.Recorder, "HeadBucket", in)
}

func (f *fakeAPI) CreateBucket(_ context.Context, in *s3.CreateBucketInput, _ ...func(*s3.Options)) (*s3.CreateBucketOutput, error) {
	return awsfake.Call[s3.CreateBucketOutput](&f.Recorder, "CreateBucket", in)
}

func (f *fakeAPI) DeleteBucket(_ context.Context, in *s3.DeleteBucketInput, _ ...func(*s3.Options)) (*s3.DeleteBucketOutput, error) {
	return awsfake.Call[s3.DeleteBucketOutput](&f.Recorder, "DeleteBucket", in)
}

func (f *fakeAPI) GetBucketTagging(_ context.Context, in *s3.GetBucketTaggingInput, _ ...func(*s3.Options)) (*s3.GetBucketTaggingOutput, error) {
	return awsfake.Call[s3.GetBucketTaggingOutput](&f.Recorder, "GetBucketTagging", in)
}

func (f *fakeAPI) PutBucketTagging(_ context.Context, in *s3.PutBucketTaggingInput, _ ...func(*s3.Options)) (*s3.PutBucketTaggingOutput, error) {
	return awsfake.Call[s3.PutBucketTaggingOutput](&f.Recorder, "PutBucketTagging", in)
}

func (f *fakeAPI) DeleteBucketTagging(_ context.Context, in *s3.DeleteBucketTaggingInput, _ ...func(*s3.Options)) (*s3.DeleteBucketTaggingOutput, error) {
	return awsfake.Call[s3.DeleteBucketTaggingOutput](&f.Recorder, "DeleteBucketTagging", in)
}

func (f *fakeAPI) GetBucketVersioning(_ context.Context, in *s3.GetBucketVersioningInput, _ ...func(*s3.Options)) (*s3.GetBucketVersioningOutput, error) {
	return awsfake.Call[s3.GetBucketVersioningOutput](&f.Recorder, "GetBucketVersioning", in)
}

func (f *fakeAPI) PutBucketVersioning(_ context.Context, in *s3.PutBucketVersioningInput, _ ...func(*s3.Options)) (*s3.PutBucketVersioningOutput, error) {
	return awsfake.Call[s3.PutBucketVersioningOutput](&f.Recorder, "PutBucketVersioning", in)
}

func (f *fakeAPI) GetBucketEncryption(_ context.Context, in *s3.GetBucketEncryptionInput, _ ...func(*s3.Options)) (*s3.GetBucketEncryptionOutput, error) {
	return awsfake.Call[s3.GetBucketEncryptionOutput](&f.Recorder, "GetBucketEncryption", in)
}

func (f *fakeAPI) PutBucketEncryption(_ context.Context, in *s3.PutBucketEncryptionInput, _ ...func(*s3.Options)) (*s3.PutBucketEncryptionOutput, error) {
	return awsfake.Call[s3.PutBucketEncryptionOutput](&f.Recorder, "PutBucketEncryption", in)
}

func (f *fakeAPI) GetBucketLifecycleConfiguration(_ context.Context, in *s3.GetBucketLifecycleConfigurationInput, _ ...func(*s3.Options)) (*s3.GetBucketLifecycleConfigurationOutput, error) {
	return awsfake.Call[s3.GetBucketLifecycleConfigurationOutput](&f.Recorder, "GetBucketLifecycleConfiguration", in)
}

func (f *fakeAPI) PutBucketLifecycleConfiguration(_ context.Context, in *s3.PutBucketLifecycleConfigurationInput, _ ...func(*s3.Options)) (*s3.PutBucketLifecycleConfigurationOutput, error) {
	return awsfake.Call[s3.PutBucketLifecycleConfigurationOutput](&f.Recorder, "PutBucketLifecycleConfiguration", in)
}

func (f *fakeAPI) DeleteBucketLifecycle(_ context.Context, in *s3.DeleteBucketLifecycleInput, _ ...func(*s3.Options)) (*s3.DeleteBucketLifecycleOutput, error) {
	return awsfake.Call[s3.DeleteBucketLifecycleOutput](&f.Recorder, "DeleteBucketLifecycle", in)
}

func (f *fakeAPI) GetPublicAccessBlock(_ context.Context, in *s3.GetPublicAccessBlockInput, _ ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error) {
	return awsfake.Call[s3.GetPublicAccessBlockOutput](&f.Recorder, "GetPublicAccessBlock", in)
}

func (f *fakeAPI) PutPublicAccessBlock(_ context.Context, in *s3.PutPublicAccessBlockInput, _ ...func(*s3.Options)) (*s3.PutPublicAccessBlockOutput, error) {
	return awsfake.Call[s3.PutPublicAccessBlockOutput](&f.Recorder, "PutPublicAccessBlock", in)
}

func (f *fakeAPI) GetBucketOwnershipControls(_ context.Context, in *s3.GetBucketOwnershipControlsInput, _ ...func(*s3.Options)) (*s3.GetBucketOwnershipControlsOutput, error) {
	return awsfake.Call[s3.GetBucketOwnershipControlsOutput](&f.Recorder, "GetBucketOwnershipControls", in)
}

func (f *fakeAPI) PutBucketOwnershipControls(_ context.Context, in *s3.PutBucketOwnershipControlsInput, _ ...func(*s3.Options)) (*s3.PutBucketOwnershipControlsOutput, error) {
	return awsfake.Call[s3.PutBucketOwnershipControlsOutput](&f.Recorder, "PutBucketOwnershipControls", in)
}

func (f *fakeAPI) GetBucketPolicy(_ context.Context, in *s3.GetBucketPolicyInput, _ ...func(*s3.Options)) (*s3.GetBucketPolicyOutput, error) {
	return awsfake.Call[s3.GetBucketPolicyOutput](&f.Recorder, "GetBucketPolicy", in)
}

func (f *fakeAPI) PutBucketPolicy(_ context.Context, in *s3.PutBucketPolicyInput, _ ...func(*s3.Options)) (*s3.PutBucketPolicyOutput, error) {
	return awsfake.Call[s3.PutBucketPolicyOutput](&f.Recorder, "PutBucketPolicy", in)
}

func (f *fakeAPI) DeleteBucketPolicy(_ context.Context, in *s3.DeleteBucketPolicyInput, _ ...func(*s3.Options)) (*s3.DeleteBucketPolicyOutput, error) {
	return awsfake.Call[s3.DeleteBucketPolicyOutput](&f.Recorder, "DeleteBucketPolicy", in)
}

func (f *fakeAPI) GetBucketWebsite(_ context.Context, in *s3.GetBucketWebsiteInput, _ ...func(*s3.Options)) (*s3.GetBucketWebsiteOutput, error) {
	return awsfake.Call[s3.GetBucketWebsiteOutput](&f.Recorder, "GetBucketWebsite", in)
}

func (f *fakeAPI) PutBucketWebsite(_ context.Context, in *s3.PutBucketWebsiteInput, _ ...func(*s3.Options)) (*s3.PutBucketWebsiteOutput, error) {
	return awsfake.Call[s3.PutBucketWebsiteOutput](&f.Recorder, "PutBucketWebsite", in)
}

func (f *fakeAPI) GetBucketCors(_ context.Context, in *s3.GetBucketCorsInput, _ ...func(*s3.Options)) (*s3.GetBucketCorsOutput, error) {
	return awsfake.Call[s3.GetBucketCorsOutput](&f.Recorder, "GetBucketCors", in)
}

func (f *fakeAPI) PutBucketCors(_ context.Context, in *s3.PutBucketCorsInput, _ ...func(*s3.Options)) (*s3.PutBucketCorsOutput, error) {
	return awsfake.Call[s3.PutBucketCorsOutput](&f.Recorder, "PutBucketCors", in)
}

func (f *fakeAPI) DeleteBucketCors(_ context.Context, in *s3.DeleteBucketCorsInput, _ ...func(*s3.Options)) (*s3.DeleteBucketCorsOutput, error) {
	return awsfake.Call[s3.DeleteBucketCorsOutput](&f.Recorder, "DeleteBucketCors", in)
}

func (f *fakeAPI) ListObjectVersions(_ context.Context, in *s3.ListObjectVersionsInput, _ ...func(*s3.Options)) (*s3.ListObjectVersionsOutput, error) {
	return awsfake.Call[s3.ListObjectVersionsOutput](&f.Recorder, "ListObjectVersions", in)
}

func (f *fakeAPI) DeleteObjects(_ context.Context, in *s3.DeleteObjectsInput, _ ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error) {
	return awsfake.Call[s3.DeleteObjectsOutput](&f.Recorder, "DeleteObjects", in)
}
