package bucket

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	bucketName = "logs-bucket"
	region     = "eu-west-1"
	arn        = "arn:aws:s3:::logs-bucket"
)

type bucketModifier func(*v1alpha1.Bucket)

func bucket(m ...bucketModifier) *v1alpha1.Bucket {
	b := &v1alpha1.Bucket{ObjectMeta: metav1.ObjectMeta{Name: bucketName, Namespace: "default"}}
	meta.SetExternalName(b, bucketName)
	b.Spec.ForProvider.Region = aws.String(region)
	for _, f := range m {
		f(b)
	}
	return b
}

// observed marks a bucket as observed before: its ARN is recorded.
func observed(b *v1alpha1.Bucket) { b.Status.AtProvider.ARN = arn }

// createdByProvider marks a bucket the provider created.
func createdByProvider(b *v1alpha1.Bucket) { meta.SetExternalCreateSucceeded(b, time.Now()) }

func withVersioning(s string) bucketModifier {
	return func(b *v1alpha1.Bucket) {
		b.Spec.ForProvider.Versioning = &v1alpha1.VersioningConfiguration{Status: s}
	}
}

func withTags(t map[string]string) bucketModifier {
	return func(b *v1alpha1.Bucket) { b.Spec.ForProvider.Tags = t }
}

func withPolicy(p string) bucketModifier {
	return func(b *v1alpha1.Bucket) { b.Spec.ForProvider.Policy = aws.String(p) }
}

func withLifecycle(ids ...string) bucketModifier {
	return func(b *v1alpha1.Bucket) {
		b.Spec.ForProvider.Lifecycle = &v1alpha1.LifecycleConfiguration{Rules: []v1alpha1.LifecycleRule{}}
		for _, id := range ids {
			b.Spec.ForProvider.Lifecycle.Rules = append(b.Spec.ForProvider.Lifecycle.Rules, v1alpha1.LifecycleRule{
				ID: id, Filter: &v1alpha1.LifecycleFilter{Prefix: aws.String(id + "/")},
				Transitions: []v1alpha1.LifecycleTransition{{Days: 60, StorageClass: "GLACIER"}},
			})
		}
	}
}

func awsRule(id string) types.LifecycleRule {
	return types.LifecycleRule{ID: aws.String(id), Status: types.ExpirationStatusEnabled,
		Filter:      &types.LifecycleRuleFilter{Prefix: aws.String(id + "/")},
		Transitions: []types.Transition{{Days: aws.Int32(60), StorageClass: types.TransitionStorageClassGlacier}},
		Expiration:  &types.LifecycleExpiration{ExpiredObjectDeleteMarker: aws.Bool(false)},
	}
}

func headOK() map[string]any {
	return map[string]any{"HeadBucket": &s3.HeadBucketOutput{BucketRegion: aws.String(region)}}
}

func with(m map[string]any, op string, out any) map[string]any {
	m[op] = out
	return m
}

// without returns a copy of errs without op's error.
func without(errs map[string]error, op string) map[string]error {
	out := make(map[string]error, len(errs))
	for k, v := range errs {
		if k != op {
			out[k] = v
		}
	}
	return out
}

func newTestExternal(f *fakeAPI) *external {
	return newExternal(f, &clients.Config{Region: region})
}

func TestObserve(t *testing.T) {
	type want struct {
		o      managed.ExternalObservation
		err    error
		calls  []string
		bucket *v1alpha1.Bucket
	}
	allReads := []string{"HeadBucket", "GetBucketTagging", "GetBucketVersioning", "GetBucketEncryption", "GetBucketLifecycleConfiguration",
		"GetPublicAccessBlock", "GetBucketOwnershipControls", "GetBucketPolicy", "GetBucketWebsite", "GetBucketCors"}
	notConfiguredErrs := map[string]error{
		"GetBucketTagging": awsfake.APIError("S3", 404, "NoSuchTagSet"), "GetBucketLifecycleConfiguration": awsfake.APIError("S3", 404, "NoSuchLifecycleConfiguration"),
		"GetPublicAccessBlock": awsfake.APIError("S3", 404, "NoSuchPublicAccessBlockConfiguration"), "GetBucketPolicy": awsfake.APIError("S3", 404, "NoSuchBucketPolicy"),
		"GetBucketWebsite": awsfake.APIError("S3", 404, "NoSuchWebsiteConfiguration"), "GetBucketCors": awsfake.APIError("S3", 404, "NoSuchCORSConfiguration"),
	}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.Bucket
		want   want
	}{
		"NoExternalName": {
			reason: "Without an external name there is nothing to look for.",
			api:    newFake(nil, nil),
			cr:     bucket(func(b *v1alpha1.Bucket) { meta.SetExternalName(b, "") }),
			want:   want{o: managed.ExternalObservation{}, bucket: bucket(func(b *v1alpha1.Bucket) { meta.SetExternalName(b, "") })},
		},
		"NotFound": {
			reason: "A 404 from HeadBucket means the bucket does not exist.",
			api:    newFake(nil, map[string]error{"HeadBucket": awsfake.APIError("S3", 404, "NotFound")}),
			cr:     bucket(),
			want:   want{o: managed.ExternalObservation{ResourceExists: false}, calls: []string{"HeadBucket"}, bucket: bucket()},
		},
		"HeadError": {
			reason: "Any other HeadBucket error is returned with context, keeping AWS's code.",
			api:    newFake(nil, map[string]error{"HeadBucket": awsfake.APIError("S3", 403, "AccessDenied")}),
			cr:     bucket(),
			want:   want{err: errors.Wrap(awsfake.APIError("S3", 403, "AccessDenied"), "cannot get S3 bucket"), calls: []string{"HeadBucket"}, bucket: bucket()},
		},
		"WrongRegion": {
			reason: "A bucket in another region is an error that says which region to set.",
			api:    newFake(map[string]any{"HeadBucket": &s3.HeadBucketOutput{BucketRegion: aws.String("us-west-2")}}, nil),
			cr:     bucket(),
			want: want{err: errors.New(`bucket "logs-bucket" is in region us-west-2, not eu-west-1: set spec.forProvider.region to us-west-2`),
				calls: []string{"HeadBucket"}, bucket: bucket()},
		},
		"SteadyStateReadsOnlyManaged": {
			reason: "After the first observation only HeadBucket and the managed sub-resources are read.",
			api: newFake(with(with(headOK(), "GetBucketVersioning", &s3.GetBucketVersioningOutput{Status: types.BucketVersioningStatusEnabled}),
				"GetBucketTagging", &s3.GetBucketTaggingOutput{TagSet: []types.Tag{{Key: aws.String("team"), Value: aws.String("data")}}}), nil),
			cr: bucket(observed, withVersioning("Enabled"), withTags(map[string]string{"team": "data"})),
			want: want{
				o:      managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls:  []string{"HeadBucket", "GetBucketTagging", "GetBucketVersioning"},
				bucket: bucket(observed, withVersioning("Enabled"), withTags(map[string]string{"team": "data"})),
			},
		},
		"FirstObservationLateInitializes": {
			reason: "The first observation reads every sub-resource and copies what AWS set into unset fields; the region is left to mr.",
			api: newFake(with(with(headOK(), "GetBucketEncryption", &s3.GetBucketEncryptionOutput{ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
				Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256}, BucketKeyEnabled: aws.Bool(false)}}}}),
				"GetBucketOwnershipControls", &s3.GetBucketOwnershipControlsOutput{OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced}}}}), notConfiguredErrs),
			cr: bucket(func(b *v1alpha1.Bucket) { b.Spec.ForProvider.Region = nil }),
			want: want{
				o:     managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: allReads,
				bucket: bucket(observed, func(b *v1alpha1.Bucket) {
					b.Spec.ForProvider.Region = nil
					b.Spec.ForProvider.ServerSideEncryption = &v1alpha1.ServerSideEncryption{SSEAlgorithm: "AES256", BucketKeyEnabled: aws.Bool(false)}
					b.Spec.ForProvider.ObjectOwnership = aws.String("BucketOwnerEnforced")
				}),
			},
		},
		"AdoptedTagsWithoutAWSTags": {
			reason: "An adopted bucket's tags are copied without AWS's aws:* tags, and those are no drift.",
			api: newFake(with(headOK(), "GetBucketTagging", &s3.GetBucketTaggingOutput{TagSet: []types.Tag{
				{Key: aws.String("team"), Value: aws.String("data")}, {Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("s")}}}),
				without(notConfiguredErrs, "GetBucketTagging")),
			cr: bucket(),
			want: want{
				o:      managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls:  allReads,
				bucket: bucket(observed, withTags(map[string]string{"team": "data"})),
			},
		},
		"FirstObservationOfCreatedBucket": {
			reason: "The first observation of a bucket the provider created reads only what the spec manages and what AWS configures by default.",
			api: newFake(with(headOK(), "GetBucketVersioning", &s3.GetBucketVersioningOutput{Status: types.BucketVersioningStatusEnabled}), map[string]error{"GetBucketEncryption": awsfake.APIError("S3", 404, "ServerSideEncryptionConfigurationNotFoundError"),
				"GetPublicAccessBlock": awsfake.APIError("S3", 404, "NoSuchPublicAccessBlockConfiguration"), "GetBucketOwnershipControls": awsfake.APIError("S3", 404, "OwnershipControlsNotFoundError")}),
			cr: bucket(createdByProvider, withVersioning("Enabled")),
			want: want{
				o:      managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls:  []string{"HeadBucket", "GetBucketVersioning", "GetBucketEncryption", "GetPublicAccessBlock", "GetBucketOwnershipControls"},
				bucket: bucket(createdByProvider, withVersioning("Enabled")),
			},
		},
		"Drift": {
			reason: "Versioning suspended out of band is reported as a diff.",
			api:    newFake(with(headOK(), "GetBucketVersioning", &s3.GetBucketVersioningOutput{Status: types.BucketVersioningStatusSuspended}), nil),
			cr:     bucket(observed, withVersioning("Enabled")),
			want: want{
				o:      managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				calls:  []string{"HeadBucket", "GetBucketVersioning"},
				bucket: bucket(observed, withVersioning("Enabled")),
			},
		},
		"RemovedTag": {
			reason: "A tag removed out of band is drift.",
			api:    newFake(headOK(), map[string]error{"GetBucketTagging": awsfake.APIError("S3", 404, "NoSuchTagSet")}),
			cr:     bucket(observed, withTags(map[string]string{"team": "data"})),
			want: want{
				o:      managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				calls:  []string{"HeadBucket", "GetBucketTagging"},
				bucket: bucket(observed, withTags(map[string]string{"team": "data"})),
			},
		},
		"PolicyComparedAsJSON": {
			reason: "A policy AWS returns reformatted is not drift.",
			api: newFake(with(headOK(), "GetBucketPolicy", &s3.GetBucketPolicyOutput{
				Policy: aws.String(`{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Principal":"*","Resource":"arn:aws:s3:::logs-bucket/*"}],"Version":"2012-10-17"}`)}), nil),
			cr: bucket(observed, withPolicy(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-bucket/*"}}`)),
			want: want{
				o:      managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls:  []string{"HeadBucket", "GetBucketPolicy"},
				bucket: bucket(observed, withPolicy(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-bucket/*"}}`)),
			},
		},
		"LifecycleRulesAreASet": {
			reason: "Lifecycle rules in another order, with AWS's defaults filled in, are not drift.",
			api: newFake(with(headOK(), "GetBucketLifecycleConfiguration", &s3.GetBucketLifecycleConfigurationOutput{
				Rules: []types.LifecycleRule{awsRule("b"), awsRule("a")}}), nil),
			cr: bucket(observed, withLifecycle("a", "b")),
			want: want{
				o:      managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls:  []string{"HeadBucket", "GetBucketLifecycleConfiguration"},
				bucket: bucket(observed, withLifecycle("a", "b")),
			},
		},
		"GetError": {
			reason: "A failed read of a managed sub-resource is returned with context.",
			api:    newFake(headOK(), map[string]error{"GetBucketVersioning": awsfake.APIError("S3", 403, "AccessDenied")}),
			cr:     bucket(observed, withVersioning("Enabled")),
			want: want{
				err:    errors.Wrap(awsfake.APIError("S3", 403, "AccessDenied"), "cannot get bucket versioning"),
				calls:  []string{"HeadBucket", "GetBucketVersioning"},
				bucket: bucket(observed, withVersioning("Enabled")),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := newTestExternal(tc.api)
			got, err := e.Observe(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nObserve(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.o, got, cmpopts.IgnoreFields(managed.ExternalObservation{}, "Diff", "ConnectionDetails")); diff != "" {
				t.Errorf("%s\nObserve(...): -want, +got:\n%s", tc.reason, diff)
			}
			if got.ResourceExists && (got.Diff == "") != got.ResourceUpToDate {
				t.Errorf("%s\nObserve(...): Diff %q does not match ResourceUpToDate %t", tc.reason, got.Diff, got.ResourceUpToDate)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nObserve(...): AWS calls -want, +got:\n%s", tc.reason, diff)
			}
			wantCR := tc.want.bucket
			if got.ResourceExists {
				wantCR.Status.AtProvider = v1alpha1.BucketObservation{ARN: arn, Region: region, BucketRegionalDomainName: "logs-bucket.s3.eu-west-1.amazonaws.com"}
				wantCR.SetConditions(xpv2.Available())
			}
			if diff := cmp.Diff(wantCR, tc.cr, test.EquateConditions()); diff != "" {
				t.Errorf("%s\nObserve(...): bucket -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestObserveConnectionDetails(t *testing.T) {
	f := newFake(headOK(), nil)
	e := newExternal(f, &clients.Config{Region: region, Endpoint: nil})
	got, err := e.Observe(context.Background(), bucket(observed))
	if err != nil {
		t.Fatalf("Observe(...): %v", err)
	}
	want := managed.ConnectionDetails{
		ConnectionKeyBucketName: []byte(bucketName), ConnectionKeyRegion: []byte(region),
		ConnectionKeyEndpoint: []byte("https://logs-bucket.s3.eu-west-1.amazonaws.com"), ConnectionKeyARN: []byte(arn),
	}
	if diff := cmp.Diff(want, got.ConnectionDetails); diff != "" {
		t.Errorf("Observe(...): connection details -want, +got:\n%s", diff)
	}
}

func TestCreate(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		create *s3.CreateBucketInput
	}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.Bucket
		want   want
	}{
		"CreateAndConfigure": {
			reason: "Create names the region (outside us-east-1), passes ownership and applies every sub-resource the spec sets.",
			api:    newFake(nil, nil),
			cr: bucket(withVersioning("Enabled"), withTags(map[string]string{"a": "b"}), withLifecycle("logs"), func(b *v1alpha1.Bucket) {
				b.Spec.ForProvider.ObjectOwnership = aws.String("BucketOwnerEnforced")
			}),
			want: want{
				calls: []string{"CreateBucket", "PutBucketTagging", "PutBucketVersioning", "PutBucketLifecycleConfiguration"},
				create: &s3.CreateBucketInput{Bucket: aws.String(bucketName), ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced,
					CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}},
			},
		},
		"USEast1": {
			reason: "us-east-1 takes no location constraint.",
			api:    newFake(nil, nil),
			cr:     bucket(func(b *v1alpha1.Bucket) { b.Spec.ForProvider.Region = aws.String("us-east-1") }),
			want:   want{calls: []string{"CreateBucket"}, create: &s3.CreateBucketInput{Bucket: aws.String(bucketName)}},
		},
		"AlreadyOwned": {
			reason: "A bucket we already own is not an error: creation is idempotent, and ownership is then applied too.",
			api:    newFake(nil, map[string]error{"CreateBucket": awsfake.APIError("S3", 409, "BucketAlreadyOwnedByYou")}),
			cr:     bucket(func(b *v1alpha1.Bucket) { b.Spec.ForProvider.ObjectOwnership = aws.String("ObjectWriter") }),
			want: want{calls: []string{"CreateBucket", "PutBucketOwnershipControls"}, create: &s3.CreateBucketInput{Bucket: aws.String(bucketName), ObjectOwnership: types.ObjectOwnershipObjectWriter,
				CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}}},
		},
		"CreateError": {
			reason: "A failed CreateBucket is returned with context and AWS's code.",
			api:    newFake(nil, map[string]error{"CreateBucket": awsfake.APIError("S3", 409, "BucketAlreadyExists")}),
			cr:     bucket(withVersioning("Enabled")),
			want: want{err: errors.Wrap(awsfake.APIError("S3", 409, "BucketAlreadyExists"), "cannot create S3 bucket"), calls: []string{"CreateBucket"},
				create: &s3.CreateBucketInput{Bucket: aws.String(bucketName), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}}},
		},
		"ConfigureError": {
			reason: "A failed sub-resource write fails the creation step with context.",
			api:    newFake(nil, map[string]error{"PutBucketVersioning": awsfake.APIError("S3", 403, "AccessDenied")}),
			cr:     bucket(withVersioning("Enabled")),
			want: want{err: errors.Wrap(awsfake.APIError("S3", 403, "AccessDenied"), "cannot update bucket versioning"), calls: []string{"CreateBucket", "PutBucketVersioning"},
				create: &s3.CreateBucketInput{Bucket: aws.String(bucketName), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := newExternal(tc.api, &clients.Config{Region: aws.ToString(tc.cr.Spec.ForProvider.Region)})
			_, err := e.Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nCreate(...): AWS calls -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.create, tc.api.Last("CreateBucket"), cmpopts.IgnoreUnexported(s3.CreateBucketInput{}, types.CreateBucketConfiguration{})); diff != "" {
				t.Errorf("%s\nCreate(...): CreateBucket input -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.Bucket
		// unobserved skips the Observe that runs before each Update.
		unobserved bool
		calls      []string
		err        error
	}{
		"OnlyWhatDiffers": {
			reason: "Only the drifted sub-resource is written: versioning, not the tags that match.",
			api: newFake(with(with(headOK(), "GetBucketVersioning", &s3.GetBucketVersioningOutput{Status: types.BucketVersioningStatusSuspended}),
				"GetBucketTagging", &s3.GetBucketTaggingOutput{TagSet: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}}), nil),
			cr:    bucket(observed, withVersioning("Enabled"), withTags(map[string]string{"a": "b"})),
			calls: []string{"HeadBucket", "GetBucketTagging", "GetBucketVersioning", "PutBucketVersioning"},
		},
		"RemoveAllTags": {
			reason: "An empty tag map removes the tags with DeleteBucketTagging.",
			api:    newFake(with(headOK(), "GetBucketTagging", &s3.GetBucketTaggingOutput{TagSet: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}}), nil),
			cr:     bucket(observed, withTags(map[string]string{})),
			calls:  []string{"HeadBucket", "GetBucketTagging", "DeleteBucketTagging"},
		},
		"RemoveLifecycleAndPolicy": {
			reason: "An empty rule list and an empty policy delete those configurations.",
			api: newFake(with(with(headOK(), "GetBucketLifecycleConfiguration", &s3.GetBucketLifecycleConfigurationOutput{Rules: []types.LifecycleRule{awsRule("a")}}),
				"GetBucketPolicy", &s3.GetBucketPolicyOutput{Policy: aws.String(`{"Statement":[]}`)}), nil),
			cr:    bucket(observed, withLifecycle(), withPolicy("")),
			calls: []string{"HeadBucket", "GetBucketLifecycleConfiguration", "GetBucketPolicy", "DeleteBucketLifecycle", "DeleteBucketPolicy"},
		},
		"WriteError": {
			reason: "A failed write is returned with context.",
			api:    newFake(headOK(), map[string]error{"PutBucketVersioning": awsfake.APIError("S3", 403, "AccessDenied")}),
			cr:     bucket(observed, withVersioning("Enabled")),
			calls:  []string{"HeadBucket", "GetBucketVersioning", "PutBucketVersioning"},
			err:    errors.Wrap(awsfake.APIError("S3", 403, "AccessDenied"), "cannot update bucket versioning"),
		},
		"NotObserved": {
			reason:     "Without an observation Update calls nothing: the reconciler always observes first.",
			api:        newFake(nil, nil),
			cr:         bucket(observed, withVersioning("Enabled")),
			unobserved: true,
			err:        mr.NotObserved("S3 bucket"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := newTestExternal(tc.api)
			if !tc.unobserved {
				if _, err := e.Observe(context.Background(), tc.cr); err != nil {
					t.Fatalf("Observe(...): %v", err)
				}
			}
			_, err := e.Update(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nUpdate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nUpdate(...): AWS calls -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.Bucket
		calls  []string
		err    error
	}{
		"Deleted": {
			reason: "An empty bucket is deleted.",
			api:    newFake(nil, nil),
			cr:     bucket(),
			calls:  []string{"DeleteBucket"},
		},
		"AlreadyGone": {
			reason: "A bucket that is already gone is not an error.",
			api:    newFake(nil, map[string]error{"DeleteBucket": awsfake.APIError("S3", 404, "NoSuchBucket")}),
			cr:     bucket(),
			calls:  []string{"DeleteBucket"},
		},
		"NotEmpty": {
			reason: "A bucket with objects says so and how to proceed.",
			api:    newFake(nil, map[string]error{"DeleteBucket": awsfake.APIError("S3", 409, "BucketNotEmpty")}),
			cr:     bucket(),
			calls:  []string{"DeleteBucket"},
			err:    errors.New(`bucket "logs-bucket" is not empty: delete its objects, or set spec.forProvider.forceDestroy: true to let the provider delete every object version with the bucket`),
		},
		"ForceDestroy": {
			reason: "forceDestroy deletes every version and delete marker first.",
			api: newFake(map[string]any{"ListObjectVersions": &s3.ListObjectVersionsOutput{
				Versions:      []types.ObjectVersion{{Key: aws.String("a"), VersionId: aws.String("1")}},
				DeleteMarkers: []types.DeleteMarkerEntry{{Key: aws.String("a"), VersionId: aws.String("2")}},
			}}, nil),
			cr:    bucket(func(b *v1alpha1.Bucket) { b.Spec.ForProvider.ForceDestroy = true }),
			calls: []string{"ListObjectVersions", "DeleteObjects", "DeleteBucket"},
		},
		"ForceDestroyObjectError": {
			reason: "An object that cannot be deleted stops the deletion with AWS's code and message.",
			api: newFake(map[string]any{
				"ListObjectVersions": &s3.ListObjectVersionsOutput{Versions: []types.ObjectVersion{{Key: aws.String("a"), VersionId: aws.String("1")}}},
				"DeleteObjects":      &s3.DeleteObjectsOutput{Errors: []types.Error{{Key: aws.String("a"), Code: aws.String("AccessDenied"), Message: aws.String("Access Denied")}}},
			}, nil),
			cr:    bucket(func(b *v1alpha1.Bucket) { b.Spec.ForProvider.ForceDestroy = true }),
			calls: []string{"ListObjectVersions", "DeleteObjects"},
			err:   errors.New(`cannot delete object "a" to empty the bucket: AccessDenied: Access Denied`),
		},
		"DeleteError": {
			reason: "Any other error is returned with context.",
			api:    newFake(nil, map[string]error{"DeleteBucket": awsfake.APIError("S3", 403, "AccessDenied")}),
			cr:     bucket(),
			calls:  []string{"DeleteBucket"},
			err:    errors.Wrap(awsfake.APIError("S3", 403, "AccessDenied"), "cannot delete S3 bucket"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := newTestExternal(tc.api)
			_, err := e.Delete(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, tc.api.Calls); diff != "" {
				t.Errorf("%s\nDelete(...): AWS calls -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(xpv2.Deleting(), tc.cr.GetCondition(xpv2.TypeReady), test.EquateConditions()); diff != "" {
				t.Errorf("%s\nDelete(...): Ready condition -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
