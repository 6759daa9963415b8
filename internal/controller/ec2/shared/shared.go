// Package shared holds what the EC2 kinds' controllers share on top of the
// provider-wide helpers: EC2's tag format, the identity-tag lookup that makes
// creation leak-free, and EC2's error codes for "not found" and "still in use".
package shared

import (
	"context"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// CreationGracePeriod is how long the reconciler trusts a just-created
// resource to exist even when EC2 (eventually consistent) does not show it
// yet, instead of creating it again. The runtime's default is 30 s. A
// shorter one is safe here: a resource whose ID was recorded is looked up by
// ID, and EC2's read-after-create lag is a few seconds; a resource whose ID
// was lost is found by its identity tag, not re-created. It also does not
// hold back the deletion of a young resource for long.
const CreationGracePeriod = 10 * time.Second

// TagAPI is the part of the EC2 API that syncs tags.
type TagAPI interface {
	CreateTags(ctx context.Context, in *ec2.CreateTagsInput, o ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error)
	DeleteTags(ctx context.Context, in *ec2.DeleteTagsInput, o ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error)
}

// NewClient returns the EC2 client of a configuration, built once per config.
func NewClient(cfg *clients.Config) *ec2.Client {
	return clients.ServiceClient(cfg, "ec2", func(c *clients.Config) *ec2.Client {
		return ec2.NewFromConfig(c.AWS, func(o *ec2.Options) {
			o.BaseEndpoint = c.BaseEndpoint("ec2")
		})
	})
}

// Tags converts a tag map to EC2 tags, sorted by key.
func Tags(m map[string]string) []types.Tag {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]types.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}

// FromTags converts EC2 tags to a map.
func FromTags(ts []types.Tag) map[string]string {
	out := make(map[string]string, len(ts))
	for _, t := range ts {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

// TagSpecifications tags a new resource of type rt with the spec's tags plus
// the identity of mg, in the create call itself: a resource never exists
// without the tag that lets the provider find it again.
func TagSpecifications(rt types.ResourceType, desired map[string]string, mg resource.Object) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: rt, Tags: Tags(tags.WithIdentity(desired, mg))}}
}

// IdentityFilter selects the resources that carry mg's identity tag.
func IdentityFilter(mg resource.Object) []types.Filter {
	return []types.Filter{{Name: aws.String("tag:" + tags.KeyManagedBy), Values: []string{tags.Identity(mg)}}}
}

// HasIdentity reports whether ts carries mg's identity tag. Lookups by the
// identity filter check it too: an emulator that ignores the filter must not
// make the provider adopt somebody else's resource.
func HasIdentity(ts []types.Tag, mg resource.Object) bool {
	for _, t := range ts {
		if aws.ToString(t.Key) == tags.KeyManagedBy && aws.ToString(t.Value) == tags.Identity(mg) {
			return true
		}
	}
	return false
}

// LateInitTags returns the user's tags among observed, without the identity
// tag and AWS's aws:* tags, or nil when there are none.
func LateInitTags(observed map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range observed {
		if k == tags.KeyManagedBy || (len(k) >= 4 && k[:4] == "aws:") {
			continue
		}
		out[k] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// TagsUpToDate reports whether observed carries exactly the desired tags;
// nil desired tags are not managed. The identity tag never counts.
func TagsUpToDate(desired, observed map[string]string) bool {
	return desired == nil || tags.Equal(desired, observed, tags.KeyManagedBy)
}

// SyncTags makes the tags of resource id equal desired (nil: not managed),
// with one CreateTags and one DeleteTags call at most. The identity tag is
// never removed.
func SyncTags(ctx context.Context, api TagAPI, id string, desired, observed map[string]string) error {
	if desired == nil {
		return nil
	}
	add, remove := tags.Diff(desired, observed, tags.KeyManagedBy)
	if len(remove) > 0 {
		del := make([]types.Tag, 0, len(remove))
		for _, k := range remove {
			del = append(del, types.Tag{Key: aws.String(k)})
		}
		if _, err := api.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: del}); err != nil {
			return errors.Wrap(err, "cannot remove tags")
		}
	}
	if len(add) > 0 {
		if _, err := api.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: Tags(add)}); err != nil {
			return errors.Wrap(err, "cannot add tags")
		}
	}
	return nil
}

// IsDependencyViolation reports whether AWS refused to delete a resource
// because others still depend on it.
func IsDependencyViolation(err error) bool {
	return awserr.HasCode(err, "DependencyViolation")
}

// DeleteError wraps an error of a delete call. A dependency violation keeps
// AWS's code and message (which names the blocker where AWS says it) and
// says that the provider retries; the reconciler retries with backoff.
func DeleteError(err error, what, id string) error {
	if IsDependencyViolation(err) {
		return errors.Wrapf(err, "cannot delete %s %s: other resources still depend on it; the provider retries", what, id)
	}
	return errors.Wrapf(err, "cannot delete %s %s", what, id)
}
