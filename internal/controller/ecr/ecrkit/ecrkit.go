// Package ecrkit is what the ECR kinds' controllers share on top of the
// provider-wide helpers: the ECR API they call and its client, the wiring
// of a regional ECR kind, ECR's error codes, named once, and its tag codec
// on tags.Sync.
//
// A new ECR kind adds its operations to API (and to ecrfake), its codes
// here, and wires itself with Setup.
package ecrkit

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// ECR's error codes the controllers act on.
const (
	// CodeRepositoryNotFound is ECR's "no repository of that name".
	CodeRepositoryNotFound = "RepositoryNotFoundException"
	// CodeRepositoryAlreadyExists means a repository of that name exists:
	// a retried create, or one to adopt.
	CodeRepositoryAlreadyExists = "RepositoryAlreadyExistsException"
	// CodeRepositoryNotEmpty means the repository still holds images.
	CodeRepositoryNotEmpty = "RepositoryNotEmptyException"
	// CodeLifecyclePolicyNotFound means the repository has no lifecycle
	// policy.
	CodeLifecyclePolicyNotFound = "LifecyclePolicyNotFoundException"
	// CodeRepositoryPolicyNotFound means the repository has no repository
	// policy.
	CodeRepositoryPolicyNotFound = "RepositoryPolicyNotFoundException"
)

// CreationGracePeriod is how long a just-created ECR resource is trusted to
// exist while ECR does not show it: ECR shows a repository as soon as its
// create call returns, so the reconciler's default 30 s (which also delays
// deleting a young resource) is not needed.
const CreationGracePeriod = 2 * time.Second

// API is the part of the ECR API the ECR kinds call. *ecr.Client
// implements it; the unit tests use ecrfake.API. A new ECR kind adds its
// operations here and to ecrfake.
type API interface {
	Tagger

	// Repository
	DescribeRepositories(ctx context.Context, in *ecr.DescribeRepositoriesInput, o ...func(*ecr.Options)) (*ecr.DescribeRepositoriesOutput, error)
	CreateRepository(ctx context.Context, in *ecr.CreateRepositoryInput, o ...func(*ecr.Options)) (*ecr.CreateRepositoryOutput, error)
	DeleteRepository(ctx context.Context, in *ecr.DeleteRepositoryInput, o ...func(*ecr.Options)) (*ecr.DeleteRepositoryOutput, error)
	PutImageTagMutability(ctx context.Context, in *ecr.PutImageTagMutabilityInput, o ...func(*ecr.Options)) (*ecr.PutImageTagMutabilityOutput, error)
	PutImageScanningConfiguration(ctx context.Context, in *ecr.PutImageScanningConfigurationInput, o ...func(*ecr.Options)) (*ecr.PutImageScanningConfigurationOutput, error)
	GetLifecyclePolicy(ctx context.Context, in *ecr.GetLifecyclePolicyInput, o ...func(*ecr.Options)) (*ecr.GetLifecyclePolicyOutput, error)
	PutLifecyclePolicy(ctx context.Context, in *ecr.PutLifecyclePolicyInput, o ...func(*ecr.Options)) (*ecr.PutLifecyclePolicyOutput, error)
	DeleteLifecyclePolicy(ctx context.Context, in *ecr.DeleteLifecyclePolicyInput, o ...func(*ecr.Options)) (*ecr.DeleteLifecyclePolicyOutput, error)
	GetRepositoryPolicy(ctx context.Context, in *ecr.GetRepositoryPolicyInput, o ...func(*ecr.Options)) (*ecr.GetRepositoryPolicyOutput, error)
	SetRepositoryPolicy(ctx context.Context, in *ecr.SetRepositoryPolicyInput, o ...func(*ecr.Options)) (*ecr.SetRepositoryPolicyOutput, error)
	DeleteRepositoryPolicy(ctx context.Context, in *ecr.DeleteRepositoryPolicyInput, o ...func(*ecr.Options)) (*ecr.DeleteRepositoryPolicyOutput, error)
}

// Tagger reads and writes the tags of ECR resources by ARN.
type Tagger interface {
	ListTagsForResource(ctx context.Context, in *ecr.ListTagsForResourceInput, o ...func(*ecr.Options)) (*ecr.ListTagsForResourceOutput, error)
	TagResource(ctx context.Context, in *ecr.TagResourceInput, o ...func(*ecr.Options)) (*ecr.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *ecr.UntagResourceInput, o ...func(*ecr.Options)) (*ecr.UntagResourceOutput, error)
}

// NewAPI returns the ECR client of a configuration, built once per config
// and shared by every ECR kind.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "ecr", func(c *clients.Config) API {
		return newSDKClient(ecr.NewFromConfig(c.AWS, func(o *ecr.Options) { o.BaseEndpoint = c.BaseEndpoint("ecr") }))
	})
}

// Setup adds the controller of an ECR kind to mgr: obj is the kind, region
// the address of its forProvider.region and external builds its client on
// the shared ECR client of the resource's configuration. The controller
// trusts a new resource to exist for CreationGracePeriod; extra options
// follow.
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string, external func(api API) mr.External[T], extra ...managed.ReconcilerOption) error {
	return mr.Regional(mgr, o, obj, region, NewAPI, func(api API, _ string) mr.External[T] { return external(api) },
		append([]managed.ReconcilerOption{managed.WithCreationGracePeriod(CreationGracePeriod)}, extra...)...)
}

// IsNotFound reports whether ECR answered that the repository does not
// exist.
func IsNotFound(err error) bool { return awserr.IsNotFound(err, CodeRepositoryNotFound) }

// IsAlreadyExists reports whether ECR answered that a repository of the
// name exists already.
func IsAlreadyExists(err error) bool { return awserr.HasCode(err, CodeRepositoryAlreadyExists) }

// IsNotEmpty reports whether ECR answered that the repository still holds
// images.
func IsNotEmpty(err error) bool { return awserr.HasCode(err, CodeRepositoryNotEmpty) }

// FromTags returns ECR tags as a map.
func FromTags(ts []types.Tag) map[string]string {
	return tags.Map(ts, func(t types.Tag) (k, v *string) { return t.Key, t.Value })
}

// Tags returns a map as ECR tags, sorted by key; nil for no tags.
func Tags(m map[string]string) []types.Tag {
	return tags.List(m, func(k, v *string) types.Tag { return types.Tag{Key: k, Value: v} })
}

// ListTags returns the tags of the ECR resource arn.
func ListTags(ctx context.Context, api Tagger, arn *string) (map[string]string, error) {
	out, err := api.ListTagsForResource(ctx, &ecr.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil {
		return nil, err
	}
	return FromTags(out.Tags), nil
}

// SyncTags makes the tags of the ECR resource arn equal desired (see
// tags.Sync: nil desired tags are not managed; the identity tag and aws:*
// tags are never removed).
func SyncTags(ctx context.Context, api Tagger, arn *string, desired, observed map[string]string) error {
	return tags.Sync(desired, observed,
		func(add map[string]string) error {
			_, err := api.TagResource(ctx, &ecr.TagResourceInput{ResourceArn: arn, Tags: Tags(add)})
			return err
		},
		func(keys []string) error {
			_, err := api.UntagResource(ctx, &ecr.UntagResourceInput{ResourceArn: arn, TagKeys: keys})
			return err
		})
}

// Document returns the text of a policy document a Get call returned, ""
// when ECR answered notFound (the policy is not set), or the call's error.
func Document(text *string, err error, notFound string) (string, error) {
	if awserr.HasCode(err, notFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if text == nil {
		return "", nil
	}
	return *text, nil
}
