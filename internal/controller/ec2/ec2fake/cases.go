package ec2fake

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/pkg/errors"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// A Kind is what the cases every EC2 kind's tests share need to know of
// the kind. M is its object type, e.g. *v1alpha1.VPC; O is what its
// external client keeps of an observation, which Update acts on.
type Kind[M resource.ModernManaged, O any] struct {
	// What names the resource in errors, e.g. "VPC".
	What string
	// ID is the external name of the objects New returns.
	ID string
	// NotFound is EC2's code for an ID that does not exist.
	NotFound string
	// New returns a test object of the kind with the external name ID.
	New func() M
	// Client returns the kind's external client on api that has observed
	// observed (the zero O: nothing).
	Client func(api *API, observed O) mr.External[M]
}

// A Case is one case of an EC2 kind's table test of one method of its
// external client.
type Case[M, O any] struct {
	Reason string
	// API is the fake the method calls.
	API *API
	// Observed is what the client observed before an Update.
	Observed O
	// CR is the object the method runs on.
	CR M
	// Want is what the call returns and leaves.
	Want Want[M]
}

// A Method calls one method of a kind's external client, built on api (and,
// for Update, observed), on cr. Methods other than Observe return a zero
// observation.
type Method[M, O any] func(api *API, observed O, cr M) (managed.ExternalObservation, error)

// Observe is the Method that observes cr.
func (k Kind[M, O]) Observe(api *API, observed O, cr M) (managed.ExternalObservation, error) {
	return k.Client(api, observed).Observe(context.Background(), cr)
}

// Create is the Method that creates cr.
func (k Kind[M, O]) Create(api *API, observed O, cr M) (managed.ExternalObservation, error) {
	_, err := k.Client(api, observed).Create(context.Background(), cr)
	return managed.ExternalObservation{}, err
}

// Update is the Method that updates cr.
func (k Kind[M, O]) Update(api *API, observed O, cr M) (managed.ExternalObservation, error) {
	_, err := k.Client(api, observed).Update(context.Background(), cr)
	return managed.ExternalObservation{}, err
}

// Delete is the Method that deletes cr.
func (k Kind[M, O]) Delete(api *API, observed O, cr M) (managed.ExternalObservation, error) {
	_, err := k.Client(api, observed).Delete(context.Background(), cr)
	return managed.ExternalObservation{}, err
}

// Run runs an EC2 kind's cases of one method: each calls method with the
// case's fake, observation and object, and reports what differs from Want
// as Check does; inputs are compared by their exported fields.
func Run[M, O any](t *testing.T, method Method[M, O], cases map[string]Case[M, O]) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o, err := method(tc.API, tc.Observed, tc.CR)
			Check(t, tc.Reason, tc.API, tc.Want, o, err, tc.CR, awsfake.SDKInputs())
		})
	}
}

// TestLookup runs the cases every EC2 kind's Observe shares, on top of
// ec2kit.Lookup's own tests: the kind's not-found code and an empty answer
// of describe (the operation Observe calls first) mean that the resource
// does not exist, and another error is returned naming the resource. The
// object stays as it was.
func (k Kind[M, O]) TestLookup(t *testing.T, describe string) {
	t.Helper()
	nf := k.New()
	Run(t, k.Observe, map[string]Case[M, O]{
		"NotFound":    {Reason: k.NotFound + " means the resource does not exist.", API: Fails(describe, k.NotFound), CR: k.New(), Want: Want[M]{Calls: []string{describe}, CR: nf}},
		"EmptyAnswer": {Reason: "An empty answer means the resource does not exist.", API: New(nil, nil), CR: k.New(), Want: Want[M]{Calls: []string{describe}, CR: nf}},
		"DescribeError": {Reason: "Other errors keep AWS's code, wrapped with the resource's ID.", API: Fails(describe, "RequestLimitExceeded"), CR: k.New(),
			Want: Want[M]{Err: errors.Wrapf(Err("RequestLimitExceeded"), "cannot get %s %s", k.What, k.ID), Calls: []string{describe}, CR: nf}},
	})
}

// TestDelete runs the cases every EC2 kind shares whose Delete is one call
// of op with input: deleted, already gone (the kind's not-found code),
// blocked by other resources (AWS's code, and the provider retries), and
// another error. The object's Ready condition says Deleting.
func (k Kind[M, O]) TestDelete(t *testing.T, op string, input any) {
	t.Helper()
	deleting := k.New()
	deleting.SetConditions(xpv2.Deleting())
	want := func(err error) Want[M] {
		return Want[M]{Err: err, Calls: []string{op}, Inputs: []any{input}, CR: deleting}
	}
	Run(t, k.Delete, map[string]Case[M, O]{
		"Deleted":  {Reason: "A deleted resource is done.", API: New(nil, nil), CR: k.New(), Want: want(nil)},
		"NotFound": {Reason: "A resource that is already gone is done.", API: Fails(op, k.NotFound), CR: k.New(), Want: want(nil)},
		"DependencyViolation": {Reason: "A resource still in use keeps AWS's code and message and says that the provider retries.",
			API: Fails(op, "DependencyViolation"), CR: k.New(),
			Want: want(errors.Wrapf(Err("DependencyViolation"), "cannot delete %s %s: other resources still depend on it; the provider retries", k.What, k.ID))},
		"OtherError": {Reason: "Other errors are returned naming the resource.", API: Fails(op, "UnauthorizedOperation"), CR: k.New(),
			Want: want(errors.Wrapf(Err("UnauthorizedOperation"), "cannot delete %s %s", k.What, k.ID))},
	})
}

// TestNotObserved runs the Update case every EC2 kind shares: Update acts
// on what Observe read with the same client, so without an observation it
// returns mr.NotObserved(k.What) and calls nothing.
func (k Kind[M, O]) TestNotObserved(t *testing.T) {
	t.Helper()
	Run(t, k.Update, map[string]Case[M, O]{
		"NotObserved": {Reason: "Update needs what Observe read.", API: New(nil, nil), CR: k.New(), Want: Want[M]{Err: mr.NotObserved(k.What)}},
	})
}

// Fails returns a fake whose operation op fails with EC2's code.
func Fails(op, code string) *API { return New(nil, map[string]error{op: Err(code)}) }

// Tags returns EC2 tags of key-value pairs, in order: Tags("team", "net").
// A key without a value (an odd last key) is a tag key alone, as
// DeleteTags takes it.
func Tags(kv ...string) []types.Tag {
	out := make([]types.Tag, 0, (len(kv)+1)/2)
	for i := 0; i < len(kv); i += 2 {
		t := types.Tag{Key: aws.String(kv[i])}
		if i+1 < len(kv) {
			t.Value = aws.String(kv[i+1])
		}
		out = append(out, t)
	}
	return out
}

// TagSpecs is the TagSpecifications of a create call that tags a resource
// of type rt with the pairs kv, in order (ec2kit.TagSpecifications puts the
// identity tag first).
func TagSpecs(rt types.ResourceType, kv ...string) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: rt, Tags: Tags(kv...)}}
}
