package ec2kit

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
)

// A Lookup describes how one EC2 kind finds its resource: by the ID recorded
// as the external name, or, when none was recorded, by the identity tag.
type Lookup[R any] struct {
	// What names the resource in errors, e.g. "VPC", "NAT gateway".
	What string
	// NotFound are the error codes that mean the ID does not exist.
	NotFound []string
	// Describe lists the resources with the given IDs, or those matching
	// filters when ids is nil.
	Describe func(ctx context.Context, ids []string, filters []types.Filter) ([]R, error)
	// ID returns a resource's ID, recorded as the external name of an
	// adopted resource.
	ID func(r *R) *string
	// Tags returns a resource's tags.
	Tags func(r *R) []types.Tag
	// Gone, when set, reports a resource AWS still lists but that no longer
	// counts (a deleted NAT gateway).
	Gone func(r *R) bool
}

// Find returns the resource of mg, or nil when there is none. adopted is
// true when it was found by its identity tag, not by its recorded ID: Find
// then records its ID as mg's external name. The identity tag is verified on every result,
// not only filtered by: an emulator that ignores tag: filters must not make
// the provider adopt somebody else's resource.
func (l Lookup[R]) Find(ctx context.Context, mg resource.Object) (r *R, adopted bool, err error) {
	id := meta.GetExternalName(mg)
	var out []R
	if id != "" {
		out, err = l.Describe(ctx, []string{id}, nil)
	} else {
		// The provider may have created the resource and stopped before it
		// recorded the ID: look for the one tagged with this object's
		// identity before creating another.
		out, err = l.Describe(ctx, nil, IdentityFilter(mg))
	}
	if awserr.HasCode(err, l.NotFound...) {
		return nil, false, nil
	}
	if err != nil {
		if id == "" {
			return nil, false, errors.Wrapf(err, "cannot look up %s by its identity tag", l.What)
		}
		return nil, false, errors.Wrapf(err, "cannot get %s %s", l.What, id)
	}
	for i := range out {
		r := &out[i]
		if l.Gone != nil && l.Gone(r) {
			continue
		}
		if id != "" {
			return r, false, nil
		}
		if HasIdentity(l.Tags(r), mg) {
			meta.SetExternalName(mg, aws.ToString(l.ID(r)))
			return r, true, nil
		}
	}
	return nil, false, nil
}

// Items returns the resources of a Describe call's output, for a Lookup's
// Describe: out's items when the call succeeded, else err.
func Items[O, R any](out *O, err error, items func(*O) []R) ([]R, error) {
	if err != nil {
		return nil, err
	}
	return items(out), nil
}
