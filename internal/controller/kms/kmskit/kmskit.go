// Package kmskit is what the KMS kinds' controllers share on top of the
// provider-wide helpers: the KMS API they call and its client, KMS's error
// codes, named once, the controller wiring of a regional KMS kind, KMS's tag
// format on tags.Sync, and the identity-tag lookup of a key whose ID AWS
// assigned but the provider did not record (FindByIdentity).
//
// A new KMS kind adds its operations to API (and to kmsfake), its codes
// here, and wires itself with Setup.
package kmskit

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// KMS's error codes the kinds act on.
const (
	// CodeNotFound: the key or alias does not exist.
	CodeNotFound = "NotFoundException"
	// CodeAlreadyExists: an alias of that name exists already.
	CodeAlreadyExists = "AlreadyExistsException"
	// CodeInvalidState: the key's state does not allow the call (e.g. it is
	// PendingDeletion, or disabled for a rotation change).
	CodeInvalidState = "KMSInvalidStateException"
)

// CreationGracePeriod is how long a just-created key or alias is trusted to
// exist while KMS does not show it yet. KMS shows a key as soon as CreateKey
// returns; a lost key ID is found by the identity tag, not created again.
const CreationGracePeriod = 10 * time.Second

// API is the part of the KMS API the KMS kinds call. *kms.Client implements
// it; the unit tests use kmsfake.API.
type API interface {
	// Key
	DescribeKey(ctx context.Context, in *kms.DescribeKeyInput, o ...func(*kms.Options)) (*kms.DescribeKeyOutput, error)
	CreateKey(ctx context.Context, in *kms.CreateKeyInput, o ...func(*kms.Options)) (*kms.CreateKeyOutput, error)
	ListKeys(ctx context.Context, in *kms.ListKeysInput, o ...func(*kms.Options)) (*kms.ListKeysOutput, error)
	UpdateKeyDescription(ctx context.Context, in *kms.UpdateKeyDescriptionInput, o ...func(*kms.Options)) (*kms.UpdateKeyDescriptionOutput, error)
	GetKeyPolicy(ctx context.Context, in *kms.GetKeyPolicyInput, o ...func(*kms.Options)) (*kms.GetKeyPolicyOutput, error)
	PutKeyPolicy(ctx context.Context, in *kms.PutKeyPolicyInput, o ...func(*kms.Options)) (*kms.PutKeyPolicyOutput, error)
	GetKeyRotationStatus(ctx context.Context, in *kms.GetKeyRotationStatusInput, o ...func(*kms.Options)) (*kms.GetKeyRotationStatusOutput, error)
	EnableKeyRotation(ctx context.Context, in *kms.EnableKeyRotationInput, o ...func(*kms.Options)) (*kms.EnableKeyRotationOutput, error)
	DisableKeyRotation(ctx context.Context, in *kms.DisableKeyRotationInput, o ...func(*kms.Options)) (*kms.DisableKeyRotationOutput, error)
	EnableKey(ctx context.Context, in *kms.EnableKeyInput, o ...func(*kms.Options)) (*kms.EnableKeyOutput, error)
	DisableKey(ctx context.Context, in *kms.DisableKeyInput, o ...func(*kms.Options)) (*kms.DisableKeyOutput, error)
	ScheduleKeyDeletion(ctx context.Context, in *kms.ScheduleKeyDeletionInput, o ...func(*kms.Options)) (*kms.ScheduleKeyDeletionOutput, error)
	ListResourceTags(ctx context.Context, in *kms.ListResourceTagsInput, o ...func(*kms.Options)) (*kms.ListResourceTagsOutput, error)
	TagResource(ctx context.Context, in *kms.TagResourceInput, o ...func(*kms.Options)) (*kms.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *kms.UntagResourceInput, o ...func(*kms.Options)) (*kms.UntagResourceOutput, error)

	// Alias
	ListAliases(ctx context.Context, in *kms.ListAliasesInput, o ...func(*kms.Options)) (*kms.ListAliasesOutput, error)
	CreateAlias(ctx context.Context, in *kms.CreateAliasInput, o ...func(*kms.Options)) (*kms.CreateAliasOutput, error)
	UpdateAlias(ctx context.Context, in *kms.UpdateAliasInput, o ...func(*kms.Options)) (*kms.UpdateAliasOutput, error)
	DeleteAlias(ctx context.Context, in *kms.DeleteAliasInput, o ...func(*kms.Options)) (*kms.DeleteAliasOutput, error)
}

// NewClient returns the KMS client of a configuration, built once per config.
func NewClient(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "kms", func(c *clients.Config) API {
		return newSDKClient(kms.NewFromConfig(c.AWS, func(o *kms.Options) { o.BaseEndpoint = c.BaseEndpoint("kms") }))
	})
}

// Setup adds the controller of a KMS kind to mgr. obj is an empty object of
// the kind, region the address of its forProvider.region, and external
// builds its external client from the KMS client of the resource's config.
// No initializer names the resource after the object (a key's ID is
// assigned by AWS; an alias's default name is set by its controller), and a
// new resource is trusted to exist for CreationGracePeriod.
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string, external func(api API) mr.External[T]) error {
	return mr.Regional(mgr, o, obj, region, func(c *clients.Config) API { return NewClient(c) },
		func(api API, _ string) mr.External[T] { return external(api) }, mr.AssignedID(CreationGracePeriod)...)
}

// IsNotFound reports whether KMS answered that the key or alias does not
// exist.
func IsNotFound(err error) bool { return awserr.IsNotFound(err, CodeNotFound) }

// IsAlreadyExists reports whether KMS answered that the alias exists: a
// retried create.
func IsAlreadyExists(err error) bool { return awserr.HasCode(err, CodeAlreadyExists) }

// Diff returns a readable diff between what KMS has (observed, -) and the
// spec (desired, +), or "" when they mean the same; empty and unset count
// as equal. Pass a kind's comparable copies.
func Diff(observed, desired any) string { return cmp.Diff(observed, desired, cmpopts.EquateEmpty()) }

// Observed is the observation of a resource that exists: up to date when
// diff (AWS -, spec +) is empty. lateInitialized is true when the spec or
// the external name changed and must be saved.
func Observed(diff string, lateInitialized bool) managed.ExternalObservation {
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: lateInitialized, Diff: diff}
}

// Date returns a KMS date as RFC 3339 in UTC, or "" when there is none.
func Date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// KeyID returns the key ID of a key ID or key ARN
// (arn:aws:kms:<region>:<account>:key/<id>); anything else (an alias) is
// returned as it is. ListAliases reports an alias's target as a key ID.
func KeyID(idOrARN string) string {
	if strings.HasPrefix(idOrARN, "arn:") {
		if i := strings.Index(idOrARN, ":key/"); i >= 0 {
			return idOrARN[i+len(":key/"):]
		}
	}
	return idOrARN
}

// Tags converts a tag map to KMS tags, sorted by key.
func Tags(m map[string]string) []types.Tag {
	return tags.List(m, func(k, v *string) types.Tag { return types.Tag{TagKey: k, TagValue: v} })
}

// FromTags converts KMS tags to a map.
func FromTags(ts []types.Tag) map[string]string {
	return tags.Map(ts, func(t types.Tag) (k, v *string) { return t.TagKey, t.TagValue })
}

// ListTags returns every tag of the key id (all pages).
func ListTags(ctx context.Context, api API, id string) (map[string]string, error) {
	var marker *string
	out := map[string]string{}
	for {
		page, err := api.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(id), Marker: marker})
		if err != nil {
			return nil, err
		}
		for k, v := range FromTags(page.Tags) {
			out[k] = v
		}
		if !page.Truncated || page.NextMarker == nil {
			return out, nil
		}
		marker = page.NextMarker
	}
}

// SyncTags makes the tags of the key id equal desired (nil: not managed)
// with tags.Sync: one UntagResource and one TagResource call at most. The
// identity tag is never removed.
func SyncTags(ctx context.Context, api API, id string, desired, observed map[string]string) error {
	err := tags.Sync(desired, observed,
		func(add map[string]string) error {
			_, err := api.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(id), Tags: Tags(add)})
			return err
		},
		func(keys []string) error {
			_, err := api.UntagResource(ctx, &kms.UntagResourceInput{KeyId: aws.String(id), TagKeys: keys})
			return err
		})
	return errors.Wrapf(err, "cannot update tags of KMS key %s", id)
}

// FindByIdentity returns the ID of the key that carries mg's identity tag,
// or "" when there is none. KMS cannot filter keys by tag: it lists every
// key of the region and reads the tags of each (ListKeys, then
// ListResourceTags per key), so a kind calls it only when a create may have
// happened without its ID being recorded, never in steady state. A key that
// disappears between the two calls is skipped.
func FindByIdentity(ctx context.Context, api API, mg resource.Object) (string, error) {
	want := tags.Identity(mg)
	var marker *string
	for {
		page, err := api.ListKeys(ctx, &kms.ListKeysInput{Marker: marker})
		if err != nil {
			return "", errors.Wrap(err, "cannot look up KMS key by its identity tag: cannot list keys")
		}
		for _, k := range page.Keys {
			id := aws.ToString(k.KeyId)
			ts, err := ListTags(ctx, api, id)
			if IsNotFound(err) {
				continue
			}
			if err != nil {
				return "", errors.Wrapf(err, "cannot look up KMS key by its identity tag: cannot list the tags of key %s", id)
			}
			if ts[tags.KeyManagedBy] == want {
				return id, nil
			}
		}
		if !page.Truncated || page.NextMarker == nil {
			return "", nil
		}
		marker = page.NextMarker
	}
}
