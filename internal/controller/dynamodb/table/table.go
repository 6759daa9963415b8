// Package table is the controller of the DynamoDB Table managed resource.
package table

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/dynamodb/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbkit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// The keys of a Table's connection secret.
const (
	ConnTableName = "tableName"
	ConnARN       = "arn"
	ConnStreamARN = "streamArn"
	ConnRegion    = "region"
)

// What AWS treats as the value of a field it does not report.
const (
	defaultBillingMode = string(types.BillingModeProvisioned)
	defaultTableClass  = string(types.TableClassStandard)
)

// Setup adds the Table controller to mgr. The table name is the external
// name, known before the create and adopted when it exists: a create the
// provider did not see finish (it stopped during CreateTable) is safe to
// follow up, so the reconciler proceeds instead of refusing.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return dynamodbkit.Setup(mgr, o, &v1alpha1.Table{},
		func(t *v1alpha1.Table) **string { return &t.Spec.ForProvider.Region },
		func(api dynamodbkit.API, region string) mr.External[*v1alpha1.Table] {
			return &external{api: api, region: region, now: time.Now}
		})
}

// external reconciles one Table with DynamoDB. It lives for one reconcile.
type external struct {
	api    dynamodbkit.API
	region string
	now    func() time.Time

	// observed is what Observe read, so Update writes only what differs.
	observed *observed
}

// observed is what Observe read of a table.
type observed struct {
	table *types.TableDescription
	// params is AWS's view of the table as parameters; TimeToLive,
	// PointInTimeRecovery and Tags only when the spec manages them.
	params *v1alpha1.TableParameters
}

// Observe reads the table with DescribeTable and, when the spec manages
// them, its tags, TTL and point-in-time recovery.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Table) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	out, err := e.api.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if dynamodbkit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot describe DynamoDB table")
	}
	t := out.Table
	cr.Status.AtProvider = atProvider(t, cr.Status.AtProvider.LastUpdate)
	if t.TableStatus == types.TableStatusDeleting || meta.WasDeleted(cr) {
		// Nothing to compare on a table that is going away.
		e.observed = &observed{table: t, params: fromAWS(t)}
		cr.SetConditions(xpv2.Deleting())
		return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, nil
	}
	p := &cr.Spec.ForProvider
	o := fromAWS(t)
	if err := e.readManaged(ctx, p, t, o); err != nil {
		return managed.ExternalObservation{}, err
	}
	li := lateInitialize(p, o)
	if err := validate(p); err != nil {
		return managed.ExternalObservation{}, err
	}
	if err := immutable(name, p, o); err != nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = &observed{table: t, params: o}

	setReady(cr, t)
	diff := dynamodbkit.Diff(comparable(p, o))
	if diff == "" {
		cr.Status.AtProvider.LastUpdate = nil
	}
	obs := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}
	if cr.GetWriteConnectionSecretToReference() != nil {
		obs.ConnectionDetails = managed.ConnectionDetails{
			ConnTableName: []byte(name),
			ConnARN:       []byte(aws.ToString(t.TableArn)),
			ConnStreamARN: []byte(cr.Status.AtProvider.StreamARN),
			ConnRegion:    []byte(e.region),
		}
	}
	return obs, nil
}

// readManaged reads what DescribeTable does not report, each only when the
// spec manages it: tags, TTL and point-in-time recovery.
func (e *external) readManaged(ctx context.Context, p *v1alpha1.TableParameters, t *types.TableDescription, o *v1alpha1.TableParameters) error {
	if p.Tags != nil {
		ts, err := dynamodbkit.ListTags(ctx, e.api, t.TableArn)
		if err != nil {
			return err
		}
		o.Tags = ts
	}
	if p.TimeToLive != nil {
		out, err := e.api.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: t.TableName})
		if err != nil {
			return errors.Wrap(err, "cannot describe the time to live of the DynamoDB table")
		}
		o.TimeToLive = &v1alpha1.TimeToLive{}
		if d := out.TimeToLiveDescription; d != nil {
			o.TimeToLive.AttributeName = aws.ToString(d.AttributeName)
			o.TimeToLive.Enabled = d.TimeToLiveStatus == types.TimeToLiveStatusEnabled || d.TimeToLiveStatus == types.TimeToLiveStatusEnabling
		}
	}
	if p.PointInTimeRecovery != nil {
		out, err := e.api.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: t.TableName})
		if err != nil {
			return errors.Wrap(err, "cannot describe the continuous backups of the DynamoDB table")
		}
		o.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{}
		if d := out.ContinuousBackupsDescription; d != nil && d.PointInTimeRecoveryDescription != nil {
			o.PointInTimeRecovery.Enabled = d.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus == types.PointInTimeRecoveryStatusEnabled
			o.PointInTimeRecovery.RecoveryPeriodInDays = d.PointInTimeRecoveryDescription.RecoveryPeriodInDays
		}
	}
	return nil
}

// atProvider returns the observation of a table; last is the update
// record, kept as it is.
func atProvider(t *types.TableDescription, last *v1alpha1.LastUpdate) v1alpha1.TableObservation {
	o := v1alpha1.TableObservation{
		ARN:         aws.ToString(t.TableArn),
		TableID:     aws.ToString(t.TableId),
		TableStatus: string(t.TableStatus),
		LastUpdate:  last,
	}
	if t.CreationDateTime != nil {
		o.CreationDateTime = t.CreationDateTime.UTC().Format(time.RFC3339)
	}
	if s := t.StreamSpecification; s != nil && aws.ToBool(s.StreamEnabled) {
		o.StreamARN = aws.ToString(t.LatestStreamArn)
		o.LatestStreamLabel = aws.ToString(t.LatestStreamLabel)
	}
	for _, g := range t.GlobalSecondaryIndexes {
		o.GlobalSecondaryIndexes = append(o.GlobalSecondaryIndexes, v1alpha1.IndexObservation{
			IndexName: aws.ToString(g.IndexName), IndexStatus: string(g.IndexStatus), IndexARN: aws.ToString(g.IndexArn),
		})
	}
	return o
}

// busy returns what the table is busy with (its status, or an index's),
// or "" when it and every global secondary index are ACTIVE.
func busy(t *types.TableDescription) string {
	if t.TableStatus != types.TableStatusActive {
		return fmt.Sprintf("the table is %s", t.TableStatus)
	}
	for _, g := range t.GlobalSecondaryIndexes {
		if g.IndexStatus != types.IndexStatusActive {
			return fmt.Sprintf("global secondary index %s is %s", aws.ToString(g.IndexName), g.IndexStatus)
		}
	}
	return ""
}

// setReady sets the Ready condition: Available when the table and every
// global secondary index are ACTIVE.
func setReady(cr *v1alpha1.Table, t *types.TableDescription) {
	switch t.TableStatus {
	case types.TableStatusCreating:
		cr.SetConditions(xpv2.Creating())
	case types.TableStatusActive, types.TableStatusUpdating:
		if b := busy(t); b != "" {
			cr.SetConditions(eksupdate.Updating("updating: " + b + "; further changes wait until it is ACTIVE"))
			return
		}
		cr.SetConditions(xpv2.Available())
	default:
		cr.SetConditions(xpv2.Unavailable().WithMessage(fmt.Sprintf("DynamoDB table status is %s", t.TableStatus)))
	}
}

// fromAWS returns DynamoDB's view of a table as parameters. Throughput is
// AWS's only for PROVISIONED tables (DynamoDB keeps reporting the last
// capacities of an on-demand table), and never what AWS changes on its own
// (decreases today, warm or on-demand throughput).
func fromAWS(t *types.TableDescription) *v1alpha1.TableParameters {
	o := &v1alpha1.TableParameters{
		AttributeDefinitions:      attributes(t.AttributeDefinitions),
		KeySchema:                 keySchema(t.KeySchema),
		BillingMode:               aws.String(defaultBillingMode),
		TableClass:                aws.String(defaultTableClass),
		DeletionProtectionEnabled: aws.Bool(aws.ToBool(t.DeletionProtectionEnabled)),
	}
	if s := t.BillingModeSummary; s != nil && s.BillingMode != "" {
		o.BillingMode = aws.String(string(s.BillingMode))
	}
	provisioned := *o.BillingMode == defaultBillingMode
	if provisioned {
		o.ProvisionedThroughput = throughput(t.ProvisionedThroughput)
	}
	if s := t.TableClassSummary; s != nil && s.TableClass != "" {
		o.TableClass = aws.String(string(s.TableClass))
	}
	for _, g := range t.GlobalSecondaryIndexes {
		i := v1alpha1.GlobalSecondaryIndex{IndexName: aws.ToString(g.IndexName), KeySchema: keySchema(g.KeySchema), Projection: projection(g.Projection)}
		if provisioned {
			i.ProvisionedThroughput = throughput(g.ProvisionedThroughput)
		}
		o.GlobalSecondaryIndexes = append(o.GlobalSecondaryIndexes, i)
	}
	for _, l := range t.LocalSecondaryIndexes {
		o.LocalSecondaryIndexes = append(o.LocalSecondaryIndexes, v1alpha1.LocalSecondaryIndex{
			IndexName: aws.ToString(l.IndexName), KeySchema: keySchema(l.KeySchema), Projection: projection(l.Projection),
		})
	}
	if s := t.StreamSpecification; s != nil && aws.ToBool(s.StreamEnabled) {
		o.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: true, StreamViewType: aws.String(string(s.StreamViewType))}
	}
	if s := t.SSEDescription; s != nil && (s.Status == types.SSEStatusEnabled || s.Status == types.SSEStatusEnabling || s.Status == types.SSEStatusUpdating) {
		o.SSESpecification = &v1alpha1.SSESpecification{Enabled: true, SSEType: aws.String(string(types.SSETypeKms)), KMSMasterKeyID: s.KMSMasterKeyArn}
	}
	return o
}

func attributes(as []types.AttributeDefinition) []v1alpha1.AttributeDefinition {
	out := make([]v1alpha1.AttributeDefinition, 0, len(as))
	for _, a := range as {
		out = append(out, v1alpha1.AttributeDefinition{AttributeName: aws.ToString(a.AttributeName), AttributeType: string(a.AttributeType)})
	}
	return out
}

func keySchema(ks []types.KeySchemaElement) []v1alpha1.KeySchemaElement {
	out := make([]v1alpha1.KeySchemaElement, 0, len(ks))
	for _, k := range ks {
		out = append(out, v1alpha1.KeySchemaElement{AttributeName: aws.ToString(k.AttributeName), KeyType: string(k.KeyType)})
	}
	return out
}

func projection(p *types.Projection) v1alpha1.Projection {
	if p == nil {
		return v1alpha1.Projection{}
	}
	return v1alpha1.Projection{ProjectionType: string(p.ProjectionType), NonKeyAttributes: append([]string(nil), p.NonKeyAttributes...)}
}

func throughput(t *types.ProvisionedThroughputDescription) *v1alpha1.ProvisionedThroughput {
	if t == nil || aws.ToInt64(t.ReadCapacityUnits) == 0 {
		return nil
	}
	return &v1alpha1.ProvisionedThroughput{ReadCapacityUnits: aws.ToInt64(t.ReadCapacityUnits), WriteCapacityUnits: aws.ToInt64(t.WriteCapacityUnits)}
}

// keyAttributes returns the names of the key attributes of the table and
// of its indexes.
func keyAttributes(p *v1alpha1.TableParameters) map[string]bool {
	out := map[string]bool{}
	add := func(ks []v1alpha1.KeySchemaElement) {
		for _, k := range ks {
			out[k.AttributeName] = true
		}
	}
	add(p.KeySchema)
	for _, g := range p.GlobalSecondaryIndexes {
		add(g.KeySchema)
	}
	for _, l := range p.LocalSecondaryIndexes {
		add(l.KeySchema)
	}
	return out
}

// validate rejects, before any write, attribute definitions DynamoDB
// refuses: it wants exactly the key attributes of the table and its
// indexes.
func validate(p *v1alpha1.TableParameters) error {
	keys := keyAttributes(p)
	defined := map[string]bool{}
	var extra, missing []string
	for _, a := range p.AttributeDefinitions {
		defined[a.AttributeName] = true
		if !keys[a.AttributeName] {
			extra = append(extra, a.AttributeName)
		}
	}
	for k := range keys {
		if !defined[k] {
			missing = append(missing, k)
		}
	}
	if len(extra) == 0 && len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	sort.Strings(extra)
	msg := "spec.forProvider.attributeDefinitions must define exactly the key attributes of the table and its indexes:"
	if len(missing) > 0 {
		msg += " add " + strings.Join(missing, ", ")
	}
	if len(extra) > 0 {
		msg += " remove " + strings.Join(extra, ", ")
	}
	return errors.New(msg)
}

// immutable returns an error that says what to do when the spec asks for a
// change DynamoDB cannot make in place (admission refuses changing these
// fields; this catches a spec that never matched, e.g. an adopted table).
func immutable(name string, p, o *v1alpha1.TableParameters) error {
	create := fmt.Sprintf(": create a new Table instead (or set the spec to the table %q's)", name)
	if !cmp.Equal(p.KeySchema, o.KeySchema) {
		return errors.Errorf("keySchema %v differs from the table's %v in AWS and is immutable%s", p.KeySchema, o.KeySchema, create)
	}
	kinds := map[string]string{}
	for _, a := range o.AttributeDefinitions {
		kinds[a.AttributeName] = a.AttributeType
	}
	for _, a := range p.AttributeDefinitions {
		if t, ok := kinds[a.AttributeName]; ok && t != a.AttributeType {
			return errors.Errorf("attribute %s is of type %s in AWS, not %s; the type of a key attribute is immutable%s", a.AttributeName, t, a.AttributeType, create)
		}
	}
	if p.LocalSecondaryIndexes != nil && !cmp.Equal(normLSIs(p.LocalSecondaryIndexes), normLSIs(o.LocalSecondaryIndexes), cmpEmpty) {
		return errors.Errorf("localSecondaryIndexes differ from the table's in AWS and can only be set at creation%s", create)
	}
	have := map[string]v1alpha1.GlobalSecondaryIndex{}
	for _, g := range o.GlobalSecondaryIndexes {
		have[g.IndexName] = g
	}
	for _, g := range p.GlobalSecondaryIndexes {
		h, ok := have[g.IndexName]
		if ok && (!cmp.Equal(g.KeySchema, h.KeySchema) || !cmp.Equal(normProjection(g.Projection), normProjection(h.Projection), cmpEmpty)) {
			return errors.Errorf("global secondary index %s has another key schema or projection in AWS, which DynamoDB cannot change: add an index of another name (and remove this one) instead", g.IndexName)
		}
	}
	return nil
}

// lateInitialize copies what AWS has into the fields the user left unset.
// Nothing AWS changes on its own (item counts, sizes, warm or on-demand
// throughput, decreases today) is copied.
func lateInitialize(p, o *v1alpha1.TableParameters) bool {
	changed := lateinit.Any(
		lateinit.Ptr(&p.BillingMode, o.BillingMode),
		lateinit.Ptr(&p.TableClass, o.TableClass),
		lateinit.Ptr(&p.DeletionProtectionEnabled, o.DeletionProtectionEnabled),
		lateinit.Slice(&p.LocalSecondaryIndexes, o.LocalSecondaryIndexes),
	)
	if *p.BillingMode == defaultBillingMode && *o.BillingMode == defaultBillingMode {
		changed = lateinit.Ptr(&p.ProvisionedThroughput, o.ProvisionedThroughput) || changed
		have := map[string]*v1alpha1.ProvisionedThroughput{}
		for _, g := range o.GlobalSecondaryIndexes {
			have[g.IndexName] = g.ProvisionedThroughput
		}
		for i := range p.GlobalSecondaryIndexes {
			changed = lateinit.Ptr(&p.GlobalSecondaryIndexes[i].ProvisionedThroughput, have[p.GlobalSecondaryIndexes[i].IndexName]) || changed
		}
	}
	if p.GlobalSecondaryIndexes == nil && len(o.GlobalSecondaryIndexes) > 0 && (o.ProvisionedThroughput != nil) == (p.ProvisionedThroughput != nil) {
		p.GlobalSecondaryIndexes = append([]v1alpha1.GlobalSecondaryIndex(nil), o.GlobalSecondaryIndexes...)
		changed = true
	}
	return lateinit.Any(changed,
		lateinit.Ptr(&p.StreamSpecification, o.StreamSpecification),
		lateinit.Ptr(&p.SSESpecification, o.SSESpecification),
		lateInitAttributes(p, o))
}

// lateInitAttributes adds AWS's definitions of the key attributes of the
// spec's table and indexes (e.g. those of late-initialized indexes) that
// the spec does not define.
func lateInitAttributes(p, o *v1alpha1.TableParameters) bool {
	defined := map[string]bool{}
	for _, a := range p.AttributeDefinitions {
		defined[a.AttributeName] = true
	}
	keys := keyAttributes(p)
	changed := false
	for _, a := range o.AttributeDefinitions {
		if keys[a.AttributeName] && !defined[a.AttributeName] {
			p.AttributeDefinitions = append(p.AttributeDefinitions, a)
			changed = true
		}
	}
	return changed
}

var cmpEmpty = cmp.Comparer(func(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") })

func normProjection(p v1alpha1.Projection) v1alpha1.Projection {
	p.NonKeyAttributes = append([]string(nil), p.NonKeyAttributes...)
	sort.Strings(p.NonKeyAttributes)
	return p
}

// byName returns a copy of indexes, each with its non-key attributes
// sorted, sorted by name: indexes are a set by name.
func byName[T any](indexes []T, name func(T) string, projection func(*T) *v1alpha1.Projection) []T {
	out := make([]T, 0, len(indexes))
	for _, i := range indexes {
		p := projection(&i)
		*p = normProjection(*p)
		out = append(out, i)
	}
	sort.Slice(out, func(i, j int) bool { return name(out[i]) < name(out[j]) })
	return out
}

func normLSIs(ls []v1alpha1.LocalSecondaryIndex) []v1alpha1.LocalSecondaryIndex {
	return byName(ls, func(l v1alpha1.LocalSecondaryIndex) string { return l.IndexName },
		func(l *v1alpha1.LocalSecondaryIndex) *v1alpha1.Projection { return &l.Projection })
}

func normGSIs(gs []v1alpha1.GlobalSecondaryIndex) []v1alpha1.GlobalSecondaryIndex {
	return byName(gs, func(g v1alpha1.GlobalSecondaryIndex) string { return g.IndexName },
		func(g *v1alpha1.GlobalSecondaryIndex) *v1alpha1.Projection { return &g.Projection })
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages: sets sorted, defaults
// filled in, what AWS treats as equal made equal. Attribute definitions
// follow the indexes (DynamoDB adds and removes them with the indexes) and
// are not compared on their own; the key schema and local secondary
// indexes are checked by immutable.
func comparable(desired, observed *v1alpha1.TableParameters) (*v1alpha1.TableParameters, *v1alpha1.TableParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	d.Region, o.Region = nil, nil
	d.AttributeDefinitions, o.AttributeDefinitions = nil, nil
	d.LocalSecondaryIndexes, o.LocalSecondaryIndexes = nil, nil

	if d.BillingMode == nil && d.ProvisionedThroughput == nil {
		o.BillingMode = nil
	}
	if d.BillingMode == nil && d.ProvisionedThroughput != nil {
		d.BillingMode = aws.String(defaultBillingMode)
	}
	lateinit.Unmanaged(&o.TableClass, d.TableClass == nil)
	lateinit.Unmanaged(&o.DeletionProtectionEnabled, d.DeletionProtectionEnabled == nil)
	lateinit.Unmanaged(&o.ProvisionedThroughput, d.ProvisionedThroughput == nil && d.BillingMode == nil)

	if d.GlobalSecondaryIndexes == nil {
		o.GlobalSecondaryIndexes = nil
	} else {
		d.GlobalSecondaryIndexes, o.GlobalSecondaryIndexes = normGSIs(d.GlobalSecondaryIndexes), normGSIs(o.GlobalSecondaryIndexes)
	}

	switch s := d.StreamSpecification; {
	case s == nil:
		o.StreamSpecification = nil
	case !s.StreamEnabled:
		d.StreamSpecification = nil
	}

	switch s := d.SSESpecification; {
	case s == nil:
		o.SSESpecification = nil
	case !s.Enabled:
		d.SSESpecification = nil
	default:
		s.SSEType = aws.String(string(types.SSETypeKms))
		if o.SSESpecification != nil && sameKey(aws.ToString(s.KMSMasterKeyID), aws.ToString(o.SSESpecification.KMSMasterKeyID)) {
			s.KMSMasterKeyID = o.SSESpecification.KMSMasterKeyID
		}
		s.KMSMasterKeyIDRef, s.KMSMasterKeyIDSelector = nil, nil
	}

	if t := d.TimeToLive; t != nil && !t.Enabled && o.TimeToLive != nil && !o.TimeToLive.Enabled {
		o.TimeToLive = t // both off: the attribute does not matter
	}
	if r := d.PointInTimeRecovery; r != nil && o.PointInTimeRecovery != nil {
		if r.RecoveryPeriodInDays == nil || !r.Enabled {
			o.PointInTimeRecovery.RecoveryPeriodInDays = r.RecoveryPeriodInDays
		}
	}
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	lateinit.Unmanaged(&o.Tags, d.Tags == nil)
	return d, o
}

// sameKey reports whether the spec's KMS key (an ARN, a key ID, an alias or
// "" for the AWS managed key) is the key of the ARN DynamoDB reports. An
// alias and the AWS managed key cannot be told from the ARN: they count as
// the same.
func sameKey(spec, arn string) bool {
	switch {
	case spec == "", spec == arn, strings.HasPrefix(spec, "alias/"), strings.Contains(spec, ":alias/"):
		return true
	default:
		return strings.HasSuffix(arn, ":key/"+spec)
	}
}

// Create creates the table with everything CreateTable accepts; TTL and
// point-in-time recovery follow with the first update once it is ACTIVE.
// A table of that name that exists already is adopted: the next
// observation compares it.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Table) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalCreation{}, err
	}
	cr.SetConditions(xpv2.Creating())
	in := &dynamodb.CreateTableInput{
		TableName:                 aws.String(meta.GetExternalName(cr)),
		AttributeDefinitions:      toAttributes(p.AttributeDefinitions),
		KeySchema:                 toKeySchema(p.KeySchema),
		BillingMode:               types.BillingMode(billingMode(p)),
		ProvisionedThroughput:     toThroughput(p.ProvisionedThroughput),
		DeletionProtectionEnabled: p.DeletionProtectionEnabled,
		Tags:                      dynamodbkit.Tags(p.Tags),
	}
	if p.TableClass != nil {
		in.TableClass = types.TableClass(*p.TableClass)
	}
	for _, g := range p.GlobalSecondaryIndexes {
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
			IndexName: aws.String(g.IndexName), KeySchema: toKeySchema(g.KeySchema), Projection: toProjection(g.Projection),
			ProvisionedThroughput: toThroughput(g.ProvisionedThroughput),
		})
	}
	for _, l := range p.LocalSecondaryIndexes {
		in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
			IndexName: aws.String(l.IndexName), KeySchema: toKeySchema(l.KeySchema), Projection: toProjection(l.Projection),
		})
	}
	if s := p.StreamSpecification; s != nil && s.StreamEnabled {
		in.StreamSpecification = toStream(s)
	}
	if s := p.SSESpecification; s != nil && s.Enabled {
		in.SSESpecification = toSSE(s)
	}
	_, err := e.api.CreateTable(ctx, in)
	if dynamodbkit.IsInUse(err) {
		return managed.ExternalCreation{}, nil
	}
	return managed.ExternalCreation{}, errors.Wrap(err, "cannot create DynamoDB table")
}

// billingMode is the spec's billing mode, or the one a new table gets when
// it is unset: PROVISIONED with provisionedThroughput, else
// PAY_PER_REQUEST.
func billingMode(p *v1alpha1.TableParameters) string {
	switch {
	case p.BillingMode != nil:
		return *p.BillingMode
	case p.ProvisionedThroughput != nil:
		return string(types.BillingModeProvisioned)
	default:
		return string(types.BillingModePayPerRequest)
	}
}

func toAttributes(as []v1alpha1.AttributeDefinition) []types.AttributeDefinition {
	out := make([]types.AttributeDefinition, 0, len(as))
	for _, a := range as {
		out = append(out, types.AttributeDefinition{AttributeName: aws.String(a.AttributeName), AttributeType: types.ScalarAttributeType(a.AttributeType)})
	}
	return out
}

func toKeySchema(ks []v1alpha1.KeySchemaElement) []types.KeySchemaElement {
	out := make([]types.KeySchemaElement, 0, len(ks))
	for _, k := range ks {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(k.AttributeName), KeyType: types.KeyType(k.KeyType)})
	}
	return out
}

func toProjection(p v1alpha1.Projection) *types.Projection {
	return &types.Projection{ProjectionType: types.ProjectionType(p.ProjectionType), NonKeyAttributes: p.NonKeyAttributes}
}

func toThroughput(t *v1alpha1.ProvisionedThroughput) *types.ProvisionedThroughput {
	if t == nil {
		return nil
	}
	return &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(t.ReadCapacityUnits), WriteCapacityUnits: aws.Int64(t.WriteCapacityUnits)}
}

func toStream(s *v1alpha1.StreamSpecification) *types.StreamSpecification {
	out := &types.StreamSpecification{StreamEnabled: aws.Bool(s.StreamEnabled)}
	if s.StreamEnabled {
		out.StreamViewType = types.StreamViewType(aws.ToString(s.StreamViewType))
	}
	return out
}

func toSSE(s *v1alpha1.SSESpecification) *types.SSESpecification {
	out := &types.SSESpecification{Enabled: aws.Bool(s.Enabled)}
	if s.Enabled {
		out.SSEType = types.SSETypeKms
		out.KMSMasterKeyId = s.KMSMasterKeyID
	}
	return out
}

// Delete deletes the table. While the spec keeps deletion protection on,
// the deletion waits and says so; when the spec turns it off but AWS still
// has it on, it is turned off first.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Table) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	name := aws.String(meta.GetExternalName(cr))
	if e.observed != nil && e.observed.table.TableStatus == types.TableStatusDeleting {
		return managed.ExternalDelete{}, nil
	}
	if aws.ToBool(cr.Spec.ForProvider.DeletionProtectionEnabled) {
		return managed.ExternalDelete{}, errors.New(errProtected)
	}
	if e.observed != nil && aws.ToBool(e.observed.table.DeletionProtectionEnabled) {
		_, err := e.api.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: name, DeletionProtectionEnabled: aws.Bool(false)})
		if err != nil && !dynamodbkit.IsNotFound(err) {
			return managed.ExternalDelete{}, errors.Wrap(err, "cannot turn off the deletion protection of the DynamoDB table")
		}
	}
	_, err := e.api.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: name})
	switch {
	case err == nil, dynamodbkit.IsNotFound(err):
		return managed.ExternalDelete{}, nil
	case dynamodbkit.IsInUse(err):
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete DynamoDB table yet (it is being created or updated); the deletion is retried")
	case dynamodbkit.IsValidation(err) && strings.Contains(err.Error(), "DeletionProtection"):
		return managed.ExternalDelete{}, errors.Wrap(err, errProtected)
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete DynamoDB table")
	}
}

const errProtected = "cannot delete DynamoDB table: deletion protection is enabled; set spec.forProvider.deletionProtectionEnabled to false (the provider turns it off, then deletes the table), or remove Delete from managementPolicies to keep the table; the deletion is retried"
