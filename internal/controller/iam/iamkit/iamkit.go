// Package iamkit is what the IAM kinds' controllers share on top of the
// provider-wide helpers: the IAM API they call and its client, the wiring of
// a global kind, IAM's error codes, named once, its URL-encoded policy
// documents, its tag format on tags.Sync, and the immutable path of roles,
// policies and instance profiles.
//
// A new IAM kind adds its operations to API (and to iamfake), its codes
// here, and wires itself with Setup.
package iamkit

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// IAM's error codes the controllers act on.
const (
	// CodeNoSuchEntity is IAM's "not found".
	CodeNoSuchEntity = "NoSuchEntity"
	// CodeDeleteConflict means other resources still depend on the entity.
	CodeDeleteConflict = "DeleteConflict"
	// CodeEntityAlreadyExists means an entity of that name (or URL) exists.
	CodeEntityAlreadyExists = "EntityAlreadyExists"
)

// CreationGracePeriod is how long a just-created IAM entity is trusted to
// exist while IAM does not show it: IAM shows an entity as soon as its
// create call returns, so the reconciler's default 30 s (which also delays
// deleting a young entity) is not needed.
const CreationGracePeriod = 2 * time.Second

// API is the part of the IAM API the IAM kinds call. *iam.Client implements
// it; the unit tests use iamfake.API. A new IAM kind adds its operations
// here and to iamfake.
type API interface {
	// Role
	GetRole(ctx context.Context, in *iam.GetRoleInput, o ...func(*iam.Options)) (*iam.GetRoleOutput, error)
	CreateRole(ctx context.Context, in *iam.CreateRoleInput, o ...func(*iam.Options)) (*iam.CreateRoleOutput, error)
	DeleteRole(ctx context.Context, in *iam.DeleteRoleInput, o ...func(*iam.Options)) (*iam.DeleteRoleOutput, error)
	UpdateRole(ctx context.Context, in *iam.UpdateRoleInput, o ...func(*iam.Options)) (*iam.UpdateRoleOutput, error)
	UpdateAssumeRolePolicy(ctx context.Context, in *iam.UpdateAssumeRolePolicyInput, o ...func(*iam.Options)) (*iam.UpdateAssumeRolePolicyOutput, error)
	PutRolePermissionsBoundary(ctx context.Context, in *iam.PutRolePermissionsBoundaryInput, o ...func(*iam.Options)) (*iam.PutRolePermissionsBoundaryOutput, error)
	DeleteRolePermissionsBoundary(ctx context.Context, in *iam.DeleteRolePermissionsBoundaryInput, o ...func(*iam.Options)) (*iam.DeleteRolePermissionsBoundaryOutput, error)
	TagRole(ctx context.Context, in *iam.TagRoleInput, o ...func(*iam.Options)) (*iam.TagRoleOutput, error)
	UntagRole(ctx context.Context, in *iam.UntagRoleInput, o ...func(*iam.Options)) (*iam.UntagRoleOutput, error)
	ListRolePolicies(ctx context.Context, in *iam.ListRolePoliciesInput, o ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error)
	GetRolePolicy(ctx context.Context, in *iam.GetRolePolicyInput, o ...func(*iam.Options)) (*iam.GetRolePolicyOutput, error)
	PutRolePolicy(ctx context.Context, in *iam.PutRolePolicyInput, o ...func(*iam.Options)) (*iam.PutRolePolicyOutput, error)
	DeleteRolePolicy(ctx context.Context, in *iam.DeleteRolePolicyInput, o ...func(*iam.Options)) (*iam.DeleteRolePolicyOutput, error)
	ListAttachedRolePolicies(ctx context.Context, in *iam.ListAttachedRolePoliciesInput, o ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error)

	// Policy
	GetPolicy(ctx context.Context, in *iam.GetPolicyInput, o ...func(*iam.Options)) (*iam.GetPolicyOutput, error)
	GetPolicyVersion(ctx context.Context, in *iam.GetPolicyVersionInput, o ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error)
	CreatePolicy(ctx context.Context, in *iam.CreatePolicyInput, o ...func(*iam.Options)) (*iam.CreatePolicyOutput, error)
	CreatePolicyVersion(ctx context.Context, in *iam.CreatePolicyVersionInput, o ...func(*iam.Options)) (*iam.CreatePolicyVersionOutput, error)
	DeletePolicyVersion(ctx context.Context, in *iam.DeletePolicyVersionInput, o ...func(*iam.Options)) (*iam.DeletePolicyVersionOutput, error)
	ListPolicyVersions(ctx context.Context, in *iam.ListPolicyVersionsInput, o ...func(*iam.Options)) (*iam.ListPolicyVersionsOutput, error)
	DeletePolicy(ctx context.Context, in *iam.DeletePolicyInput, o ...func(*iam.Options)) (*iam.DeletePolicyOutput, error)
	TagPolicy(ctx context.Context, in *iam.TagPolicyInput, o ...func(*iam.Options)) (*iam.TagPolicyOutput, error)
	UntagPolicy(ctx context.Context, in *iam.UntagPolicyInput, o ...func(*iam.Options)) (*iam.UntagPolicyOutput, error)
	ListPolicies(ctx context.Context, in *iam.ListPoliciesInput, o ...func(*iam.Options)) (*iam.ListPoliciesOutput, error)
	ListEntitiesForPolicy(ctx context.Context, in *iam.ListEntitiesForPolicyInput, o ...func(*iam.Options)) (*iam.ListEntitiesForPolicyOutput, error)

	// RolePolicyAttachment
	AttachRolePolicy(ctx context.Context, in *iam.AttachRolePolicyInput, o ...func(*iam.Options)) (*iam.AttachRolePolicyOutput, error)
	DetachRolePolicy(ctx context.Context, in *iam.DetachRolePolicyInput, o ...func(*iam.Options)) (*iam.DetachRolePolicyOutput, error)

	// OpenIDConnectProvider
	GetOpenIDConnectProvider(ctx context.Context, in *iam.GetOpenIDConnectProviderInput, o ...func(*iam.Options)) (*iam.GetOpenIDConnectProviderOutput, error)
	CreateOpenIDConnectProvider(ctx context.Context, in *iam.CreateOpenIDConnectProviderInput, o ...func(*iam.Options)) (*iam.CreateOpenIDConnectProviderOutput, error)
	DeleteOpenIDConnectProvider(ctx context.Context, in *iam.DeleteOpenIDConnectProviderInput, o ...func(*iam.Options)) (*iam.DeleteOpenIDConnectProviderOutput, error)
	ListOpenIDConnectProviders(ctx context.Context, in *iam.ListOpenIDConnectProvidersInput, o ...func(*iam.Options)) (*iam.ListOpenIDConnectProvidersOutput, error)
	UpdateOpenIDConnectProviderThumbprint(ctx context.Context, in *iam.UpdateOpenIDConnectProviderThumbprintInput, o ...func(*iam.Options)) (*iam.UpdateOpenIDConnectProviderThumbprintOutput, error)
	AddClientIDToOpenIDConnectProvider(ctx context.Context, in *iam.AddClientIDToOpenIDConnectProviderInput, o ...func(*iam.Options)) (*iam.AddClientIDToOpenIDConnectProviderOutput, error)
	RemoveClientIDFromOpenIDConnectProvider(ctx context.Context, in *iam.RemoveClientIDFromOpenIDConnectProviderInput, o ...func(*iam.Options)) (*iam.RemoveClientIDFromOpenIDConnectProviderOutput, error)
	TagOpenIDConnectProvider(ctx context.Context, in *iam.TagOpenIDConnectProviderInput, o ...func(*iam.Options)) (*iam.TagOpenIDConnectProviderOutput, error)
	UntagOpenIDConnectProvider(ctx context.Context, in *iam.UntagOpenIDConnectProviderInput, o ...func(*iam.Options)) (*iam.UntagOpenIDConnectProviderOutput, error)

	// InstanceProfile
	GetInstanceProfile(ctx context.Context, in *iam.GetInstanceProfileInput, o ...func(*iam.Options)) (*iam.GetInstanceProfileOutput, error)
	CreateInstanceProfile(ctx context.Context, in *iam.CreateInstanceProfileInput, o ...func(*iam.Options)) (*iam.CreateInstanceProfileOutput, error)
	DeleteInstanceProfile(ctx context.Context, in *iam.DeleteInstanceProfileInput, o ...func(*iam.Options)) (*iam.DeleteInstanceProfileOutput, error)
	AddRoleToInstanceProfile(ctx context.Context, in *iam.AddRoleToInstanceProfileInput, o ...func(*iam.Options)) (*iam.AddRoleToInstanceProfileOutput, error)
	RemoveRoleFromInstanceProfile(ctx context.Context, in *iam.RemoveRoleFromInstanceProfileInput, o ...func(*iam.Options)) (*iam.RemoveRoleFromInstanceProfileOutput, error)
	TagInstanceProfile(ctx context.Context, in *iam.TagInstanceProfileInput, o ...func(*iam.Options)) (*iam.TagInstanceProfileOutput, error)
	UntagInstanceProfile(ctx context.Context, in *iam.UntagInstanceProfileInput, o ...func(*iam.Options)) (*iam.UntagInstanceProfileOutput, error)
}

// NewClient returns the IAM client of a configuration, built once per config.
func NewClient(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "iam", func(c *clients.Config) API {
		return newSDKClient(iam.NewFromConfig(c.AWS, func(o *iam.Options) { o.BaseEndpoint = c.BaseEndpoint("iam") }))
	})
}

// Setup adds the controller of an IAM kind to mgr. obj is an empty object of
// the kind, and external builds its external client from the IAM client of
// the resource's config. IAM is global: a kind has no region (the
// ProviderConfig's region only signs requests). The controller trusts a
// new entity to exist for CreationGracePeriod; extra options follow (e.g.
// mr.AssignedID for a kind whose external name Create records).
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, external func(api API) mr.External[T], extra ...managed.ReconcilerOption) error {
	return mr.Setup(mgr, o, mr.Kind[T]{
		Object:    obj,
		NewClient: func(cfg *clients.Config, _ T) mr.External[T] { return external(NewClient(cfg)) },
	}, append([]managed.ReconcilerOption{managed.WithCreationGracePeriod(CreationGracePeriod)}, extra...)...)
}

// Diff returns a readable diff between the spec (desired, +) and what IAM
// has (observed, -), or "" when they mean the same; empty and unset count
// as equal. Pass a kind's comparable copies: iamkit.Diff(comparable(p, o)).
func Diff(desired, observed any) string { return cmp.Diff(observed, desired, cmpopts.EquateEmpty()) }

// Observed is the observation of an entity that exists: up to date when
// diff (AWS -, spec +) is empty.
func Observed(diff string, lateInitialized bool) managed.ExternalObservation {
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: lateInitialized, Diff: diff}
}

// IsNotFound reports whether err says the IAM entity does not exist.
func IsNotFound(err error) bool { return awserr.IsNotFound(err, CodeNoSuchEntity) }

// IsAlreadyExists reports whether err says the entity exists already: a
// retried create.
func IsAlreadyExists(err error) bool { return awserr.HasCode(err, CodeEntityAlreadyExists) }

// IsDeleteConflict reports whether err says other resources still depend on
// the entity.
func IsDeleteConflict(err error) bool { return awserr.HasCode(err, CodeDeleteConflict) }

// DecodeDocument returns a policy document as IAM returns it (URL-encoded,
// RFC 3986) in plain JSON. A document that already is JSON is returned as it is.
func DecodeDocument(doc string) string {
	if json.Valid([]byte(doc)) {
		return doc
	}
	// RFC 3986 (what AWS documents) may leave a literal '+'; form encoding
	// writes '+' for a space and %2B for a plus. A %2B and no %20 means
	// form encoding.
	unescape := url.PathUnescape
	if u := strings.ToUpper(doc); strings.Contains(u, "%2B") && !strings.Contains(u, "%20") {
		unescape = url.QueryUnescape
	}
	if d, err := unescape(doc); err == nil && json.Valid([]byte(d)) {
		return d
	}
	return doc
}

// ValidateDocument returns an error naming field when doc is not a valid
// JSON policy document.
func ValidateDocument(field, doc string) error {
	if _, err := policy.Normalize(doc); err != nil {
		return errors.Wrapf(err, "%s is not a valid JSON policy document: fix the JSON", field)
	}
	return nil
}

// FromTags returns IAM tags as a map.
func FromTags(ts []types.Tag) map[string]string {
	return tags.Map(ts, func(t types.Tag) (k, v *string) { return t.Key, t.Value })
}

// Tags returns a map as IAM tags, sorted by key.
func Tags(m map[string]string) []types.Tag {
	return tags.List(m, func(k, v *string) types.Tag { return types.Tag{Key: k, Value: v} })
}

// SyncTags makes an entity's tags the desired ones with tags.Sync: tag gets
// the new and changed tags as IAM tags, untag the keys to remove. IAM tags
// each entity type with its own pair of operations (TagRole and UntagRole,
// TagPolicy and UntagPolicy, ...); tag and untag call them. nil desired tags
// are not managed.
func SyncTags(desired, observed map[string]string, tag func([]types.Tag) error, untag func(keys []string) error) error {
	return tags.Sync(desired, observed, func(add map[string]string) error { return tag(Tags(add)) }, untag)
}

// CheckPath returns an error that says what to do when the spec's path
// (desired; nil is unset) is not the entity's path in IAM: IAM cannot
// change the path of a role, policy or instance profile. entity is what
// the error calls the entity ("role"), kind the managed resource's kind.
func CheckPath(entity, name, kind string, desired, observed *string) error {
	if desired == nil || observed == nil || *desired == *observed {
		return nil
	}
	return errors.Errorf("%s %q has path %s in AWS, not %s: path is immutable, set spec.forProvider.path to %s (or create a new %s)", entity, name, *observed, *desired, *observed, kind)
}

// Date returns an IAM creation date as RFC 3339 in UTC, or "" when there is none.
func Date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
