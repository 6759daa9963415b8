package table

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/dynamodb/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbkit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// A step is one UpdateTable request: DynamoDB takes one change of
// throughput, stream, or one global secondary index at a time, and none
// while the table or an index is not ACTIVE.
type step struct {
	// what the step does, e.g. "creating global secondary index by-email
	// (1 of 2 index changes)".
	what string
	in   *dynamodb.UpdateTableInput
}

// Update writes what differs between the spec and what Observe read: the
// tags, TTL and point-in-time recovery, then at most one UpdateTable step,
// and only while the table and its indexes are ACTIVE. The Ready condition
// names the step.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Table) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("DynamoDB table")
	}
	t := e.observed.table
	if busy(t) != "" {
		// Observe's Ready condition says what the table waits for.
		return managed.ExternalUpdate{}, nil
	}
	p := &cr.Spec.ForProvider
	d, o := comparable(p, e.observed.params)
	name := aws.String(meta.GetExternalName(cr))

	if err := dynamodbkit.SyncTags(ctx, e.api, t.TableArn, p.Tags, e.observed.params.Tags); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if err := e.updateTTL(ctx, name, d.TimeToLive, o.TimeToLive); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if d.PointInTimeRecovery != nil && !cmp.Equal(d.PointInTimeRecovery, o.PointInTimeRecovery) {
		in := &dynamodb.UpdateContinuousBackupsInput{TableName: name, PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: aws.Bool(d.PointInTimeRecovery.Enabled),
		}}
		if d.PointInTimeRecovery.Enabled {
			in.PointInTimeRecoverySpecification.RecoveryPeriodInDays = d.PointInTimeRecovery.RecoveryPeriodInDays
		}
		if _, err := e.api.UpdateContinuousBackups(ctx, in); err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the point-in-time recovery of the DynamoDB table")
		}
	}

	var held string
	for _, s := range plan(name, p, d, o, e.observed.params.GlobalSecondaryIndexes) {
		if h := dynamodbkit.Held(cr.Status.AtProvider.LastUpdate, s.in, e.now()); h != "" {
			held = h
			continue
		}
		if _, err := e.api.UpdateTable(ctx, s.in); err != nil {
			return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot update DynamoDB table (%s)", s.what)
		}
		cr.Status.AtProvider.LastUpdate = dynamodbkit.Record(s.what, s.in, e.now())
		cr.SetConditions(eksupdate.Updating("updating: " + s.what))
		return managed.ExternalUpdate{}, nil
	}
	if held != "" {
		return managed.ExternalUpdate{}, errors.New(held)
	}
	return managed.ExternalUpdate{}, nil
}

// updateTTL turns TTL on or off as the spec says. A TTL on another
// attribute is turned off first; the next update turns it on.
func (e *external) updateTTL(ctx context.Context, name *string, d, o *v1alpha1.TimeToLive) error {
	if d == nil || cmp.Equal(d, o) {
		return nil
	}
	spec := &types.TimeToLiveSpecification{Enabled: aws.Bool(d.Enabled), AttributeName: aws.String(d.AttributeName)}
	if o != nil && o.Enabled {
		// Off, on the attribute AWS has: DynamoDB turns off only that one.
		spec = &types.TimeToLiveSpecification{Enabled: aws.Bool(false), AttributeName: aws.String(o.AttributeName)}
	}
	_, err := e.api.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: name, TimeToLiveSpecification: spec})
	return errors.Wrap(err, "cannot update the time to live of the DynamoDB table")
}

// plan returns the UpdateTable steps that make the table (o, comparable)
// match the spec (d, comparable; p as written), in the order they are
// sent (indexes are the global secondary indexes AWS has): billing mode and table throughput first (switching to PROVISIONED
// gives every index its throughput in the same request, as DynamoDB
// requires), then the stream, encryption, table class and deletion
// protection, then one global secondary index per step: deletions,
// creations, then throughput updates.
func plan(name *string, p, d, o *v1alpha1.TableParameters, indexes []v1alpha1.GlobalSecondaryIndex) []step { //nolint:gocyclo // One branch per field DynamoDB updates on its own.
	var steps []step
	add := func(what string, in *dynamodb.UpdateTableInput) {
		in.TableName = name
		steps = append(steps, step{what: what, in: in})
	}
	provisioned := aws.ToString(d.BillingMode) == defaultBillingMode
	if d.BillingMode != nil && (!cmp.Equal(d.BillingMode, o.BillingMode) || (provisioned && !cmp.Equal(d.ProvisionedThroughput, o.ProvisionedThroughput))) {
		in := &dynamodb.UpdateTableInput{BillingMode: types.BillingMode(*d.BillingMode), ProvisionedThroughput: toThroughput(d.ProvisionedThroughput)}
		what := "setting the provisioned throughput"
		if !cmp.Equal(d.BillingMode, o.BillingMode) {
			what = "switching the billing mode to " + *d.BillingMode
			if provisioned {
				in.GlobalSecondaryIndexUpdates = switchIndexes(d, normGSIs(indexes))
			}
		}
		add(what, in)
	}
	if !cmp.Equal(d.StreamSpecification, o.StreamSpecification) {
		switch {
		case d.StreamSpecification != nil && o.StreamSpecification != nil:
			// DynamoDB cannot change the view type of an enabled stream.
			add("turning the stream off to change its view type", &dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
		case d.StreamSpecification != nil:
			add("turning the stream on", &dynamodb.UpdateTableInput{StreamSpecification: toStream(d.StreamSpecification)})
		default:
			add("turning the stream off", &dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
		}
	}
	if p.SSESpecification != nil && !cmp.Equal(d.SSESpecification, o.SSESpecification) {
		add("setting the server-side encryption", &dynamodb.UpdateTableInput{SSESpecification: toSSE(p.SSESpecification)})
	}
	if d.TableClass != nil && !cmp.Equal(d.TableClass, o.TableClass) {
		add("setting the table class to "+*d.TableClass, &dynamodb.UpdateTableInput{TableClass: types.TableClass(*d.TableClass)})
	}
	if d.DeletionProtectionEnabled != nil && !cmp.Equal(d.DeletionProtectionEnabled, o.DeletionProtectionEnabled) {
		add(fmt.Sprintf("setting deletion protection to %t", *d.DeletionProtectionEnabled), &dynamodb.UpdateTableInput{DeletionProtectionEnabled: d.DeletionProtectionEnabled})
	}
	if d.GlobalSecondaryIndexes != nil {
		idx := indexSteps(p, d, o)
		for i, s := range idx {
			add(fmt.Sprintf("%s (%d of %d index changes)", s.what, i+1, len(idx)), s.in)
		}
	}
	return steps
}

// switchIndexes returns the throughput of every index AWS has (indexes),
// for a switch to PROVISIONED: the spec's, or for an index the spec does
// not list (deleted by a later step, or not managed) the table's.
func switchIndexes(d *v1alpha1.TableParameters, indexes []v1alpha1.GlobalSecondaryIndex) []types.GlobalSecondaryIndexUpdate {
	want := map[string]*v1alpha1.ProvisionedThroughput{}
	for _, g := range d.GlobalSecondaryIndexes {
		want[g.IndexName] = g.ProvisionedThroughput
	}
	var out []types.GlobalSecondaryIndexUpdate
	for _, g := range indexes {
		t, ok := want[g.IndexName]
		if !ok || t == nil {
			t = d.ProvisionedThroughput
		}
		out = append(out, types.GlobalSecondaryIndexUpdate{Update: &types.UpdateGlobalSecondaryIndexAction{
			IndexName: aws.String(g.IndexName), ProvisionedThroughput: toThroughput(t),
		}})
	}
	return out
}

// indexSteps returns one step per global secondary index that differs:
// deletions, then creations, then throughput updates, each by name.
func indexSteps(p, d, o *v1alpha1.TableParameters) []step {
	want := map[string]v1alpha1.GlobalSecondaryIndex{}
	for _, g := range d.GlobalSecondaryIndexes {
		want[g.IndexName] = g
	}
	have := map[string]v1alpha1.GlobalSecondaryIndex{}
	for _, g := range o.GlobalSecondaryIndexes {
		have[g.IndexName] = g
	}
	var del, create, update []step
	for _, g := range o.GlobalSecondaryIndexes {
		if _, ok := want[g.IndexName]; !ok {
			del = append(del, step{what: "deleting global secondary index " + g.IndexName, in: &dynamodb.UpdateTableInput{
				GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String(g.IndexName)}}},
			}})
		}
	}
	provisioned := aws.ToString(d.BillingMode) == defaultBillingMode
	for _, g := range d.GlobalSecondaryIndexes {
		h, ok := have[g.IndexName]
		switch {
		case !ok:
			c := &types.CreateGlobalSecondaryIndexAction{IndexName: aws.String(g.IndexName), KeySchema: toKeySchema(g.KeySchema), Projection: toProjection(g.Projection)}
			if provisioned {
				c.ProvisionedThroughput = toThroughput(g.ProvisionedThroughput)
			}
			create = append(create, step{what: "creating global secondary index " + g.IndexName, in: &dynamodb.UpdateTableInput{
				AttributeDefinitions:        indexAttributes(p, g),
				GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: c}},
			}})
		case provisioned && g.ProvisionedThroughput != nil && !cmp.Equal(g.ProvisionedThroughput, h.ProvisionedThroughput):
			update = append(update, step{what: "updating the throughput of global secondary index " + g.IndexName, in: &dynamodb.UpdateTableInput{
				GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{
					IndexName: aws.String(g.IndexName), ProvisionedThroughput: toThroughput(g.ProvisionedThroughput),
				}}},
			}})
		}
	}
	return append(append(del, create...), update...)
}

// indexAttributes returns the definitions of the key attributes of the
// table and of a new index, as UpdateTable wants them with the index.
func indexAttributes(p *v1alpha1.TableParameters, g v1alpha1.GlobalSecondaryIndex) []types.AttributeDefinition {
	keys := map[string]bool{}
	for _, k := range append(append([]v1alpha1.KeySchemaElement(nil), p.KeySchema...), g.KeySchema...) {
		keys[k.AttributeName] = true
	}
	var as []v1alpha1.AttributeDefinition
	for _, a := range p.AttributeDefinitions {
		if keys[a.AttributeName] {
			as = append(as, a)
		}
	}
	sort.Slice(as, func(i, j int) bool { return as[i].AttributeName < as[j].AttributeName })
	return toAttributes(as)
}
