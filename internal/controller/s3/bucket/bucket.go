// Package bucket is the controller of the S3 Bucket managed resource, the
// pattern every other kind of the provider follows.
package bucket

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awsarn"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Connection detail keys of a Bucket.
const (
	ConnectionKeyBucketName = "bucketName"
	ConnectionKeyRegion     = "region"
	ConnectionKeyEndpoint   = "endpoint"
	ConnectionKeyARN        = "arn"
)

// AWS error codes that mean "this sub-resource is not configured".
var notConfigured = []string{
	"NoSuchTagSet", "NoSuchLifecycleConfiguration", "ServerSideEncryptionConfigurationNotFoundError",
	"NoSuchPublicAccessBlockConfiguration", "OwnershipControlsNotFoundError", "NoSuchBucketPolicy",
	"NoSuchWebsiteConfiguration", "NoSuchCORSConfiguration",
}

// Setup adds the Bucket controller to mgr. A bucket without a region gets
// its config's, pinned by mr at the first observation.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.Bucket]{
		Object: &v1alpha1.Bucket{},
		Region: func(b *v1alpha1.Bucket) **string { return &b.Spec.ForProvider.Region },
		NewClient: func(cfg *clients.Config, _ *v1alpha1.Bucket) mr.External[*v1alpha1.Bucket] {
			return newExternal(NewAPI(cfg), cfg)
		},
	},
		// HeadBucket sees a bucket as soon as CreateBucket returns, and
		// CreateBucket is idempotent for its owner, so there is no need to
		// wait long for a new bucket to appear (the default is 30 s, which
		// also delays deleting a young bucket).
		managed.WithCreationGracePeriod(creationGracePeriod),
	)
}

const creationGracePeriod = 2 * time.Second

func newExternal(api API, cfg *clients.Config) *external {
	e := &external{api: api, region: cfg.Region}
	if ep := cfg.BaseEndpoint("s3"); ep != nil {
		e.endpoint = *ep
	}
	return e
}

// external reconciles one Bucket with S3. It lives for one reconcile.
type external struct {
	api      API
	region   string
	endpoint string // endpoint override, if any

	// observed is what Observe read, so Update changes only what differs
	// without reading again.
	observed *v1alpha1.BucketParameters
}

// Observe reads the bucket and the sub-resources its spec manages. The first
// observation of a resource (no ARN recorded yet) also reads the
// sub-resources the spec leaves unset, to late-initialize them; later ones
// read only what the spec manages.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Bucket) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	head, err := e.api.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)})
	if awserr.IsNotFound(err, "NoSuchBucket") {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get S3 bucket")
	}
	if r := aws.ToString(head.BucketRegion); r != "" && r != e.region {
		return managed.ExternalObservation{}, errors.Errorf("bucket %q is in region %s, not %s: set spec.forProvider.region to %s", name, r, e.region, r)
	}

	p := &cr.Spec.ForProvider
	// The ARN is recorded by the first observation that persists its status.
	// (A late-initializing observation updates the spec, which resets the
	// status, so the next observation reads as widely once more.)
	s := managedOnly
	if cr.Status.AtProvider.ARN == "" {
		s = everything
		if !meta.GetExternalCreateSucceeded(cr).IsZero() {
			s = withDefaults
		}
	}
	observed, err := e.read(ctx, name, p, s)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = observed

	lateInitialized := lateInitialize(p, observed)
	cr.Status.AtProvider = e.observation(name)
	cr.SetConditions(xpv2.Available())

	diff := compare(p, observed)
	return managed.ExternalObservation{
		ResourceExists:          true,
		ResourceUpToDate:        diff == "",
		ResourceLateInitialized: lateInitialized,
		Diff:                    diff,
		ConnectionDetails:       e.connectionDetails(name),
	}, nil
}

func (e *external) observation(name string) v1alpha1.BucketObservation {
	return v1alpha1.BucketObservation{
		ARN:                      fmt.Sprintf("arn:%s:s3:::%s", awsarn.Partition(e.region), name),
		Region:                   e.region,
		BucketRegionalDomainName: fmt.Sprintf("%s.s3.%s.%s", name, e.region, awsarn.DNSSuffix(e.region)),
	}
}

func (e *external) connectionDetails(name string) managed.ConnectionDetails {
	o := e.observation(name)
	endpoint := "https://" + o.BucketRegionalDomainName
	if e.endpoint != "" {
		endpoint = strings.TrimSuffix(e.endpoint, "/") + "/" + name
	}
	return managed.ConnectionDetails{
		ConnectionKeyBucketName: []byte(name),
		ConnectionKeyRegion:     []byte(e.region),
		ConnectionKeyEndpoint:   []byte(endpoint),
		ConnectionKeyARN:        []byte(o.ARN),
	}
}

// scope says which sub-resources Observe reads.
type scope int

const (
	// managedOnly reads the sub-resources the spec manages: every poll after
	// the first.
	managedOnly scope = iota
	// withDefaults also reads the sub-resources AWS configures by default
	// (encryption, object ownership, public access block): the first
	// observation of a bucket the provider created, which holds nothing else
	// the provider did not write.
	withDefaults
	// everything reads every sub-resource: the first observation of an
	// adopted or imported bucket.
	everything
)

// read returns AWS's view of the sub-resources p manages, plus those the
// scope adds. A sub-resource that was not read stays nil.
func (e *external) read(ctx context.Context, name string, p *v1alpha1.BucketParameters, s scope) (*v1alpha1.BucketParameters, error) { //nolint:gocyclo // One branch per sub-resource.
	b := aws.String(name)
	o := &v1alpha1.BucketParameters{}
	all, defaults := s == everything, s >= withDefaults
	if all || p.Tags != nil {
		out, err := e.api.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket tags")
		}
		o.Tags = map[string]string{}
		if out != nil {
			o.Tags = fromTagSet(out.TagSet)
		}
	}
	if all || p.Versioning != nil {
		out, err := e.api.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
		if err != nil {
			return nil, errors.Wrap(err, "cannot get bucket versioning")
		}
		if out.Status != "" {
			o.Versioning = &v1alpha1.VersioningConfiguration{Status: string(out.Status)}
		}
	}
	if defaults || p.ServerSideEncryption != nil {
		out, err := e.api.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket encryption")
		}
		if out != nil {
			o.ServerSideEncryption = fromEncryption(out.ServerSideEncryptionConfiguration)
		}
	}
	if all || p.Lifecycle != nil {
		out, err := e.api.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket lifecycle configuration")
		}
		o.Lifecycle = &v1alpha1.LifecycleConfiguration{Rules: []v1alpha1.LifecycleRule{}}
		if out != nil {
			o.Lifecycle.Rules = fromLifecycleRules(out.Rules)
		}
	}
	if defaults || p.PublicAccessBlock != nil {
		out, err := e.api.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket public access block")
		}
		o.PublicAccessBlock = &v1alpha1.PublicAccessBlock{}
		if out != nil {
			o.PublicAccessBlock = fromPublicAccessBlock(out.PublicAccessBlockConfiguration)
		}
	}
	if defaults || p.ObjectOwnership != nil {
		out, err := e.api.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket ownership controls")
		}
		if out != nil && out.OwnershipControls != nil && len(out.OwnershipControls.Rules) > 0 {
			o.ObjectOwnership = aws.String(string(out.OwnershipControls.Rules[0].ObjectOwnership))
		}
	}
	if all || p.Policy != nil {
		out, err := e.api.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket policy")
		}
		o.Policy = aws.String("")
		if out != nil {
			o.Policy = aws.String(aws.ToString(out.Policy))
		}
	}
	if all || p.Website != nil {
		out, err := e.api.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket website configuration")
		}
		if out != nil {
			o.Website = fromWebsite(&websiteOutput{index: out.IndexDocument, errorDoc: out.ErrorDocument})
		}
	}
	if all || p.CORS != nil {
		out, err := e.api.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: b})
		if err := ignoreNotConfigured(err); err != nil {
			return nil, errors.Wrap(err, "cannot get bucket CORS configuration")
		}
		o.CORS = &v1alpha1.CORSConfiguration{Rules: []v1alpha1.CORSRule{}}
		if out != nil {
			o.CORS.Rules = fromCORSRules(out.CORSRules)
		}
	}
	return o, nil
}

func ignoreNotConfigured(err error) error {
	if awserr.HasCode(err, notConfigured...) {
		return nil
	}
	return err
}

// lateInitialize copies what AWS has configured into the fields the user
// left unset, so they are managed from now on. It reports whether it changed
// p. The region is mr's to pin; what AWS reports as empty (no tags, no
// lifecycle rules, an open public access block, no policy, no CORS rules)
// is nothing to copy.
func lateInitialize(p, o *v1alpha1.BucketParameters) bool {
	var lifecycle *v1alpha1.LifecycleConfiguration
	if o.Lifecycle != nil && len(o.Lifecycle.Rules) > 0 {
		lifecycle = o.Lifecycle
	}
	var cors *v1alpha1.CORSConfiguration
	if o.CORS != nil && len(o.CORS.Rules) > 0 {
		cors = o.CORS
	}
	return lateinit.Any(
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
		lateinit.Ptr(&p.Versioning, o.Versioning),
		lateinit.Ptr(&p.ServerSideEncryption, o.ServerSideEncryption),
		lateinit.Ptr(&p.Lifecycle, lifecycle),
		lateinit.Ptr(&p.PublicAccessBlock, lateinit.NonZero(o.PublicAccessBlock)),
		lateinit.Ptr(&p.ObjectOwnership, o.ObjectOwnership),
		lateinit.Ptr(&p.Policy, lateinit.NonZero(o.Policy)),
		lateinit.Ptr(&p.Website, o.Website),
		lateinit.Ptr(&p.CORS, cors),
	)
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages.
func comparable(desired, observed *v1alpha1.BucketParameters) (*v1alpha1.BucketParameters, *v1alpha1.BucketParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	o.Region, o.ForceDestroy = d.Region, d.ForceDestroy
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	lateinit.Unmanaged(&o.Versioning, d.Versioning == nil)
	lateinit.Unmanaged(&o.ServerSideEncryption, d.ServerSideEncryption == nil)
	lateinit.Unmanaged(&o.Lifecycle, d.Lifecycle == nil)
	lateinit.Unmanaged(&o.PublicAccessBlock, d.PublicAccessBlock == nil)
	lateinit.Unmanaged(&o.ObjectOwnership, d.ObjectOwnership == nil)
	if d.Policy == nil {
		o.Policy = nil
	} else if o.Policy != nil && policy.Equal(*d.Policy, *o.Policy) {
		o.Policy = d.Policy
	}
	lateinit.Unmanaged(&o.Website, d.Website == nil)
	lateinit.Unmanaged(&o.CORS, d.CORS == nil)
	normalize(d)
	normalize(o)
	return d, o
}

var equateEmpty = cmpopts.EquateEmpty()

// compare returns a readable diff between AWS (-) and the spec (+), or "".
func compare(desired, observed *v1alpha1.BucketParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, equateEmpty)
}

// Create creates the bucket and applies every sub-resource the spec sets.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Bucket) (managed.ExternalCreation, error) {
	name := meta.GetExternalName(cr)
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if oo := cr.Spec.ForProvider.ObjectOwnership; oo != nil {
		in.ObjectOwnership = types.ObjectOwnership(*oo)
	}
	if e.region != "us-east-1" {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(e.region)}
	}
	_, err := e.api.CreateBucket(ctx, in)
	if err != nil && !awserr.HasCode(err, "BucketAlreadyOwnedByYou") {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create S3 bucket")
	}
	// Ownership was part of CreateBucket; everything else is applied now so
	// the bucket is configured before the first observation.
	created := &v1alpha1.BucketParameters{ObjectOwnership: cr.Spec.ForProvider.ObjectOwnership}
	if err != nil {
		created = nil
	}
	return managed.ExternalCreation{ConnectionDetails: e.connectionDetails(name)}, e.apply(ctx, name, &cr.Spec.ForProvider, created)
}

// Update changes the sub-resources that differ from what Observe read.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Bucket) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("S3 bucket")
	}
	return managed.ExternalUpdate{}, e.apply(ctx, meta.GetExternalName(cr), &cr.Spec.ForProvider, e.observed)
}

// apply writes every sub-resource that p sets and that differs from o. A nil
// o means nothing is known about the bucket: everything p sets is written.
func (e *external) apply(ctx context.Context, name string, p, o *v1alpha1.BucketParameters) error {
	b := aws.String(name)
	var d *v1alpha1.BucketParameters
	if o == nil {
		d, _ = comparable(p, &v1alpha1.BucketParameters{})
		o = &v1alpha1.BucketParameters{} // nothing equals, so everything set is written
	} else {
		d, o = comparable(p, o)
	}
	// One write per sub-resource p sets that differs from o, in this order.
	writes := []struct {
		what              string
		set               bool
		desired, observed any
		write             func() error
	}{
		{"tags", p.Tags != nil, d.Tags, o.Tags, func() error {
			if len(p.Tags) == 0 {
				return errOf(e.api.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: b}))
			}
			return errOf(e.api.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: &types.Tagging{TagSet: tagSet(p.Tags)}}))
		}},
		{"versioning", p.Versioning != nil, d.Versioning, o.Versioning, func() error {
			return errOf(e.api.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
				VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatus(p.Versioning.Status)}}))
		}},
		{"encryption", p.ServerSideEncryption != nil, d.ServerSideEncryption, o.ServerSideEncryption, func() error {
			return errOf(e.api.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: encryptionConfig(p.ServerSideEncryption)}))
		}},
		{"lifecycle configuration", p.Lifecycle != nil, d.Lifecycle, o.Lifecycle, func() error {
			if len(p.Lifecycle.Rules) == 0 {
				return errOf(e.api.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: b}))
			}
			return errOf(e.api.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b,
				LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: lifecycleRules(p.Lifecycle.Rules)}}))
		}},
		{"public access block", p.PublicAccessBlock != nil, d.PublicAccessBlock, o.PublicAccessBlock, func() error {
			return errOf(e.api.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b, PublicAccessBlockConfiguration: publicAccessBlock(p.PublicAccessBlock)}))
		}},
		{"ownership controls", p.ObjectOwnership != nil, d.ObjectOwnership, o.ObjectOwnership, func() error {
			return errOf(e.api.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: &types.OwnershipControls{
				Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnership(*p.ObjectOwnership)}}}}))
		}},
		{"policy", p.Policy != nil, d.Policy, o.Policy, func() error {
			if *p.Policy == "" {
				return errOf(e.api.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: b}))
			}
			return errOf(e.api.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: p.Policy}))
		}},
		{"website configuration", p.Website != nil, d.Website, o.Website, func() error {
			return errOf(e.api.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: b, WebsiteConfiguration: websiteConfig(p.Website)}))
		}},
		{"CORS configuration", p.CORS != nil, d.CORS, o.CORS, func() error {
			if len(p.CORS.Rules) == 0 {
				return errOf(e.api.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: b}))
			}
			return errOf(e.api.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: &types.CORSConfiguration{CORSRules: corsRules(p.CORS.Rules)}}))
		}},
	}
	for _, w := range writes {
		if !w.set || cmp.Equal(w.desired, w.observed, equateEmpty) {
			continue
		}
		if err := w.write(); err != nil {
			return errors.Wrap(err, "cannot update bucket "+w.what)
		}
	}
	return nil
}

// errOf returns the error of an SDK call, whose output a write does not need.
func errOf[T any](_ T, err error) error { return err }

// Delete deletes the bucket, first emptying it when forceDestroy is set.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Bucket) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	name := meta.GetExternalName(cr)
	if cr.Spec.ForProvider.ForceDestroy {
		if err := e.empty(ctx, name); err != nil {
			return managed.ExternalDelete{}, err
		}
	}
	_, err := e.api.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	switch {
	case err == nil, awserr.IsNotFound(err, "NoSuchBucket"):
		return managed.ExternalDelete{}, nil
	case awserr.HasCode(err, "BucketNotEmpty"):
		return managed.ExternalDelete{}, errors.Errorf("bucket %q is not empty: delete its objects, or set spec.forProvider.forceDestroy: true to let the provider delete every object version with the bucket", name)
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete S3 bucket")
	}
}

// empty deletes every object version and delete marker of a bucket.
func (e *external) empty(ctx context.Context, name string) error {
	p := s3.NewListObjectVersionsPaginator(e.api, &s3.ListObjectVersionsInput{Bucket: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if awserr.IsNotFound(err, "NoSuchBucket") {
			return nil
		}
		if err != nil {
			return errors.Wrap(err, "cannot list object versions to empty the bucket")
		}
		ids := make([]types.ObjectIdentifier, 0, len(page.Versions)+len(page.DeleteMarkers))
		for _, v := range page.Versions {
			ids = append(ids, types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
		}
		for _, m := range page.DeleteMarkers {
			ids = append(ids, types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
		}
		if len(ids) == 0 {
			continue
		}
		out, err := e.api.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(name), Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
		if err != nil {
			return errors.Wrap(err, "cannot delete objects to empty the bucket")
		}
		if len(out.Errors) > 0 {
			f := out.Errors[0]
			return errors.Errorf("cannot delete object %q to empty the bucket: %s: %s", aws.ToString(f.Key), aws.ToString(f.Code), aws.ToString(f.Message))
		}
	}
	return nil
}
