// Package repository is the controller of the ECR Repository managed
// resource.
package repository

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ecr/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ecr/ecrkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Connection detail keys of a Repository.
const (
	ConnectionKeyRepositoryURI = "repositoryUri"
	ConnectionKeyARN           = "arn"
	ConnectionKeyRegistryID    = "registryId"
)

// Setup adds the Repository controller to mgr. A repository without a
// region gets its config's, pinned by mr at the first observation.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ecrkit.Setup(mgr, o, &v1alpha1.Repository{},
		func(r *v1alpha1.Repository) **string { return &r.Spec.ForProvider.Region },
		func(api ecrkit.API) mr.External[*v1alpha1.Repository] { return &external{api: api} })
}

// external reconciles one Repository with ECR. It lives for one reconcile.
type external struct {
	api ecrkit.API

	// observed is what Observe read, and arn the repository's ARN, so
	// Update writes only what differs without reading again.
	observed *v1alpha1.RepositoryParameters
	arn      *string
}

// Observe reads the repository with DescribeRepositories and, for what the
// spec manages, its tags, lifecycle policy and repository policy. The first
// observation (no ARN recorded yet) also reads those the spec leaves unset,
// to late-initialize them; later ones read only what the spec manages.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Repository) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	p := &cr.Spec.ForProvider
	if err := e.validate(ctx, p); err != nil {
		return managed.ExternalObservation{}, err
	}
	out, err := e.api.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{name}})
	if ecrkit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot describe ECR repository")
	}
	if len(out.Repositories) == 0 {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	r := out.Repositories[0]
	o := fromRepository(&r)
	if err := checkEncryption(name, p.EncryptionConfiguration, o.EncryptionConfiguration); err != nil {
		return managed.ExternalObservation{}, err
	}
	if err := e.readSubresources(ctx, name, r.RepositoryArn, p, o, cr.Status.AtProvider.ARN == ""); err != nil {
		return managed.ExternalObservation{}, err
	}
	e.observed, e.arn = o, r.RepositoryArn

	cr.Status.AtProvider = v1alpha1.RepositoryObservation{
		ARN:           aws.ToString(r.RepositoryArn),
		RepositoryURI: aws.ToString(r.RepositoryUri),
		RegistryID:    aws.ToString(r.RegistryId),
		CreatedAt:     date(r.CreatedAt),
	}
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o)
	diff := compare(p, o)
	obs := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}
	if cr.GetWriteConnectionSecretToReference() != nil {
		obs.ConnectionDetails = managed.ConnectionDetails{
			ConnectionKeyRepositoryURI: []byte(cr.Status.AtProvider.RepositoryURI),
			ConnectionKeyARN:           []byte(cr.Status.AtProvider.ARN),
			ConnectionKeyRegistryID:    []byte(cr.Status.AtProvider.RegistryID),
		}
	}
	return obs, nil
}

// readSubresources reads into o the tags, lifecycle policy and repository
// policy p manages, or all of them when all is set. What was not read stays
// nil.
func (e *external) readSubresources(ctx context.Context, name string, arn *string, p, o *v1alpha1.RepositoryParameters, all bool) error {
	rn := aws.String(name)
	if all || p.Tags != nil {
		t, err := ecrkit.ListTags(ctx, e.api, arn)
		if err != nil {
			return errors.Wrap(err, "cannot list the tags of the ECR repository")
		}
		o.Tags = t
	}
	for _, d := range e.documents(ctx, rn) {
		if !all && *d.field(p) == nil {
			continue
		}
		text, err := d.get()
		doc, err := ecrkit.Document(text, err, d.notFound)
		if err != nil {
			return errors.Wrapf(err, "cannot get the %s of the ECR repository", d.what)
		}
		*d.field(o) = &doc
	}
	return nil
}

// A document is one of the JSON policy documents of a repository, each
// read, written and deleted with its own operations: the lifecycle policy
// and the repository policy.
type document struct {
	// what names the document in errors, key its spec field.
	what, key string
	// field returns the address of the document's field in parameters.
	field func(p *v1alpha1.RepositoryParameters) **string
	// notFound is ECR's code for a repository without the document.
	notFound string
	get      func() (*string, error)
	put      func(text *string) error
	del      func() error
}

// documents are the policy documents of the repository rn.
func (e *external) documents(ctx context.Context, rn *string) []document {
	return []document{{
		what: "lifecycle policy", key: "lifecyclePolicy",
		field:    func(p *v1alpha1.RepositoryParameters) **string { return &p.LifecyclePolicy },
		notFound: ecrkit.CodeLifecyclePolicyNotFound,
		get: func() (*string, error) {
			out, err := e.api.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: rn})
			if err != nil {
				return nil, err
			}
			return out.LifecyclePolicyText, nil
		},
		put: func(text *string) error {
			_, err := e.api.PutLifecyclePolicy(ctx, &ecr.PutLifecyclePolicyInput{RepositoryName: rn, LifecyclePolicyText: text})
			return err
		},
		del: func() error {
			_, err := e.api.DeleteLifecyclePolicy(ctx, &ecr.DeleteLifecyclePolicyInput{RepositoryName: rn})
			return err
		},
	}, {
		what: "repository policy", key: "repositoryPolicy",
		field:    func(p *v1alpha1.RepositoryParameters) **string { return &p.RepositoryPolicy },
		notFound: ecrkit.CodeRepositoryPolicyNotFound,
		get: func() (*string, error) {
			out, err := e.api.GetRepositoryPolicy(ctx, &ecr.GetRepositoryPolicyInput{RepositoryName: rn})
			if err != nil {
				return nil, err
			}
			return out.PolicyText, nil
		},
		put: func(text *string) error {
			_, err := e.api.SetRepositoryPolicy(ctx, &ecr.SetRepositoryPolicyInput{RepositoryName: rn, PolicyText: text})
			return err
		},
		del: func() error {
			_, err := e.api.DeleteRepositoryPolicy(ctx, &ecr.DeleteRepositoryPolicyInput{RepositoryName: rn})
			return err
		},
	}}
}

// fromRepository returns the parameters DescribeRepositories reports.
func fromRepository(r *types.Repository) *v1alpha1.RepositoryParameters {
	o := &v1alpha1.RepositoryParameters{}
	if r.ImageTagMutability != "" {
		o.ImageTagMutability = aws.String(string(r.ImageTagMutability))
	}
	for _, f := range r.ImageTagMutabilityExclusionFilters {
		o.ImageTagMutabilityExclusionFilters = append(o.ImageTagMutabilityExclusionFilters,
			v1alpha1.ImageTagMutabilityExclusionFilter{FilterType: string(f.FilterType), Filter: aws.ToString(f.Filter)})
	}
	if r.ImageScanningConfiguration != nil {
		o.ImageScanningConfiguration = &v1alpha1.ImageScanningConfiguration{ScanOnPush: r.ImageScanningConfiguration.ScanOnPush}
	}
	if ec := r.EncryptionConfiguration; ec != nil {
		o.EncryptionConfiguration = &v1alpha1.EncryptionConfiguration{EncryptionType: string(ec.EncryptionType), KMSKey: ec.KmsKey}
	}
	return o
}

// validate rejects policy documents that are not JSON before any AWS call.
func (e *external) validate(ctx context.Context, p *v1alpha1.RepositoryParameters) error {
	for _, d := range e.documents(ctx, nil) {
		doc := *d.field(p)
		if doc == nil {
			continue
		}
		if _, err := policy.Normalize(*doc); err != nil {
			return errors.Wrapf(err, "spec.forProvider.%s is not a valid JSON document: fix the JSON", d.key)
		}
	}
	return nil
}

// checkEncryption returns an error that says what to do when the spec's
// encryption (desired; nil is unset) is not the repository's in AWS: ECR
// cannot change the encryption of a repository.
func checkEncryption(name string, desired, observed *v1alpha1.EncryptionConfiguration) error {
	if desired == nil || observed == nil {
		return nil
	}
	if desired.EncryptionType == observed.EncryptionType && (desired.KMSKey == nil || sameKey(*desired.KMSKey, aws.ToString(observed.KMSKey))) {
		return nil
	}
	has := observed.EncryptionType
	if observed.KMSKey != nil {
		has += " with KMS key " + *observed.KMSKey
	}
	return errors.Errorf("ECR repository %q is encrypted with %s in AWS: encryptionConfiguration is immutable, set spec.forProvider.encryptionConfiguration to what AWS has, or create a new Repository (and delete this one) for the other encryption", name, has)
}

// sameKey reports whether the key the spec names (an ARN, key ID or alias)
// is the key ARN AWS reports.
func sameKey(desired, observed string) bool {
	return desired == observed || strings.HasSuffix(observed, ":key/"+desired) || strings.HasSuffix(observed, ":"+desired)
}

// lateInitialize copies what AWS has into the fields the user left unset.
// An empty policy or no tags is nothing to copy.
func lateInitialize(p, o *v1alpha1.RepositoryParameters) bool {
	li := lateinit.Any(
		lateinit.Ptr(&p.ImageTagMutability, o.ImageTagMutability),
		lateinit.Slice(&p.ImageTagMutabilityExclusionFilters, o.ImageTagMutabilityExclusionFilters),
		lateinit.Ptr(&p.ImageScanningConfiguration, o.ImageScanningConfiguration),
		lateinit.Ptr(&p.LifecyclePolicy, lateinit.NonZero(o.LifecyclePolicy)),
		lateinit.Ptr(&p.RepositoryPolicy, lateinit.NonZero(o.RepositoryPolicy)),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
	oe := o.EncryptionConfiguration
	switch {
	case oe == nil:
	case p.EncryptionConfiguration == nil:
		p.EncryptionConfiguration = &v1alpha1.EncryptionConfiguration{EncryptionType: oe.EncryptionType, KMSKey: oe.KMSKey}
		li = true
	case p.EncryptionConfiguration.KMSKey == nil && oe.KMSKey != nil:
		p.EncryptionConfiguration.KMSKey = aws.String(*oe.KMSKey)
		li = true
	}
	return li
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages and can change: the
// encryption is checked by checkEncryption, exclusion filters compare as a
// set and policy documents that mean the same compare equal.
func comparable(desired, observed *v1alpha1.RepositoryParameters) (*v1alpha1.RepositoryParameters, *v1alpha1.RepositoryParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	o.Region, o.ForceDelete = d.Region, d.ForceDelete
	d.EncryptionConfiguration, o.EncryptionConfiguration = nil, nil
	lateinit.Unmanaged(&o.ImageTagMutability, d.ImageTagMutability == nil)
	lateinit.Unmanaged(&o.ImageTagMutabilityExclusionFilters, d.ImageTagMutabilityExclusionFilters == nil)
	lateinit.Unmanaged(&o.ImageScanningConfiguration, d.ImageScanningConfiguration == nil)
	for _, fs := range [][]v1alpha1.ImageTagMutabilityExclusionFilter{d.ImageTagMutabilityExclusionFilters, o.ImageTagMutabilityExclusionFilters} {
		sort.Slice(fs, func(i, j int) bool {
			return fs[i].FilterType+"\x00"+fs[i].Filter < fs[j].FilterType+"\x00"+fs[j].Filter
		})
	}
	sameDocument(&o.LifecyclePolicy, d.LifecyclePolicy)
	sameDocument(&o.RepositoryPolicy, d.RepositoryPolicy)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

// sameDocument sets the observed document to the desired one when the spec
// does not manage it (nil) or both mean the same JSON.
func sameDocument(observed **string, desired *string) {
	if desired == nil || (*observed != nil && policy.Equal(*desired, **observed)) {
		*observed = desired
	}
}

// compare returns a readable diff between AWS (-) and the spec (+), or "".
func compare(desired, observed *v1alpha1.RepositoryParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, cmpopts.EquateEmpty())
}

// Create creates the repository with everything CreateRepository accepts,
// then puts its lifecycle and repository policies. A repository of the name
// that exists already is adopted: the next observation compares and
// updates the rest.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Repository) (managed.ExternalCreation, error) {
	name := meta.GetExternalName(cr)
	p := &cr.Spec.ForProvider
	if err := e.validate(ctx, p); err != nil {
		return managed.ExternalCreation{}, err
	}
	in := &ecr.CreateRepositoryInput{
		RepositoryName:                     aws.String(name),
		ImageTagMutability:                 types.ImageTagMutability(aws.ToString(p.ImageTagMutability)),
		ImageTagMutabilityExclusionFilters: exclusionFilters(p.ImageTagMutabilityExclusionFilters),
		Tags:                               ecrkit.Tags(p.Tags),
	}
	if s := p.ImageScanningConfiguration; s != nil {
		in.ImageScanningConfiguration = &types.ImageScanningConfiguration{ScanOnPush: s.ScanOnPush}
	}
	if ec := p.EncryptionConfiguration; ec != nil {
		in.EncryptionConfiguration = &types.EncryptionConfiguration{EncryptionType: types.EncryptionType(ec.EncryptionType), KmsKey: ec.KMSKey}
	}
	_, err := e.api.CreateRepository(ctx, in)
	if ecrkit.IsAlreadyExists(err) {
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create ECR repository")
	}
	empty := aws.String("")
	return managed.ExternalCreation{}, e.putPolicies(ctx, name, p, &v1alpha1.RepositoryParameters{LifecyclePolicy: empty, RepositoryPolicy: empty})
}

func exclusionFilters(fs []v1alpha1.ImageTagMutabilityExclusionFilter) []types.ImageTagMutabilityExclusionFilter {
	if len(fs) == 0 {
		return nil
	}
	out := make([]types.ImageTagMutabilityExclusionFilter, 0, len(fs))
	for _, f := range fs {
		out = append(out, types.ImageTagMutabilityExclusionFilter{FilterType: types.ImageTagMutabilityExclusionFilterType(f.FilterType), Filter: aws.String(f.Filter)})
	}
	return out
}

// Update writes what differs between the spec and what Observe read.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Repository) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("ECR repository")
	}
	name := meta.GetExternalName(cr)
	p := &cr.Spec.ForProvider
	rn := aws.String(name)
	d, o := comparable(p, e.observed)

	if !cmp.Equal(d.ImageTagMutability, o.ImageTagMutability) || !cmp.Equal(d.ImageTagMutabilityExclusionFilters, o.ImageTagMutabilityExclusionFilters, cmpopts.EquateEmpty()) {
		mutability := aws.ToString(p.ImageTagMutability)
		if mutability == "" {
			mutability = aws.ToString(e.observed.ImageTagMutability)
		}
		_, err := e.api.PutImageTagMutability(ctx, &ecr.PutImageTagMutabilityInput{RepositoryName: rn,
			ImageTagMutability: types.ImageTagMutability(mutability), ImageTagMutabilityExclusionFilters: exclusionFilters(p.ImageTagMutabilityExclusionFilters)})
		if err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the image tag mutability of the ECR repository")
		}
	}
	if !cmp.Equal(d.ImageScanningConfiguration, o.ImageScanningConfiguration) {
		_, err := e.api.PutImageScanningConfiguration(ctx, &ecr.PutImageScanningConfigurationInput{RepositoryName: rn,
			ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: p.ImageScanningConfiguration.ScanOnPush}})
		if err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the image scanning configuration of the ECR repository")
		}
	}
	if err := e.putPolicies(ctx, name, p, e.observed); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if err := ecrkit.SyncTags(ctx, e.api, e.arn, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the ECR repository")
	}
	return managed.ExternalUpdate{}, nil
}

// putPolicies writes the policy documents p sets that differ from o: an
// empty document deletes the policy (already gone is fine).
func (e *external) putPolicies(ctx context.Context, name string, p, o *v1alpha1.RepositoryParameters) error {
	dp, do := comparable(p, o)
	for _, d := range e.documents(ctx, aws.String(name)) {
		want := *d.field(p)
		if want == nil || cmp.Equal(*d.field(dp), *d.field(do)) {
			continue
		}
		var err error
		if *want == "" {
			err = ignore(d.del(), d.notFound)
		} else {
			err = d.put(want)
		}
		if err != nil {
			return errors.Wrapf(err, "cannot update the %s of the ECR repository", d.what)
		}
	}
	return nil
}

// ignore returns nil when err has code: a policy that is already gone.
func ignore(err error, code string) error {
	if awserr.HasCode(err, code) {
		return nil
	}
	return err
}

// Delete deletes the repository, with its images when forceDelete is set.
// A repository that still holds images without forceDelete cannot be
// deleted: the error says so, and the deletion is retried.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Repository) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	name := meta.GetExternalName(cr)
	_, err := e.api.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(name), Force: cr.Spec.ForProvider.ForceDelete})
	switch {
	case err == nil, ecrkit.IsNotFound(err):
		return managed.ExternalDelete{}, nil
	case ecrkit.IsNotEmpty(err):
		return managed.ExternalDelete{}, errors.Wrapf(err, "ECR repository %q is not empty: it still holds images; delete them, or set spec.forProvider.forceDelete: true to delete them with the repository; the deletion is retried", name)
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete ECR repository")
	}
}

// date returns a time as RFC 3339 in UTC, or "" when there is none.
func date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
