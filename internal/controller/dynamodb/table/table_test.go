package table

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/dynamodb/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbfake"
	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbkit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	tableName = "orders"
	tableARN  = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
	streamARN = tableARN + "/stream/2026-01-02T03:04:05.000"
	keyARN    = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyID     = "1234abcd-12ab-34cd-56ef-1234567890ab"
	region    = "us-east-1"
)

var (
	created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	now     = time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)
)

type tableModifier func(*v1alpha1.Table)

// table returns a Table whose every field is set, as after late
// initialization: an on-demand table keyed by pk.
func table(m ...tableModifier) *v1alpha1.Table {
	t := &v1alpha1.Table{ObjectMeta: metav1.ObjectMeta{Name: tableName, Namespace: "default"}}
	meta.SetExternalName(t, tableName)
	t.Spec.ForProvider = v1alpha1.TableParameters{
		Region:                    aws.String(region),
		AttributeDefinitions:      []v1alpha1.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}},
		KeySchema:                 []v1alpha1.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}},
		BillingMode:               aws.String("PAY_PER_REQUEST"),
		TableClass:                aws.String("STANDARD"),
		DeletionProtectionEnabled: aws.Bool(false),
	}
	for _, f := range m {
		f(t)
	}
	return t
}

func withParams(f func(p *v1alpha1.TableParameters)) tableModifier {
	return func(t *v1alpha1.Table) { f(&t.Spec.ForProvider) }
}

func withStatus(t *v1alpha1.Table) {
	t.Status.AtProvider = v1alpha1.TableObservation{ARN: tableARN, TableID: "id-1", TableStatus: "ACTIVE", CreationDateTime: "2026-01-02T03:04:05Z"}
}

func withAvailable(t *v1alpha1.Table) {
	withStatus(t)
	t.SetConditions(xpv2.Available())
}

func withCondition(c xpv2.Condition) tableModifier {
	return func(t *v1alpha1.Table) { t.SetConditions(c) }
}

var byEmail = v1alpha1.GlobalSecondaryIndex{
	IndexName:  "by-email",
	KeySchema:  []v1alpha1.KeySchemaElement{{AttributeName: "email", KeyType: "HASH"}},
	Projection: v1alpha1.Projection{ProjectionType: "INCLUDE", NonKeyAttributes: []string{"name", "age"}},
}

var byDate = v1alpha1.GlobalSecondaryIndex{
	IndexName:  "by-date",
	KeySchema:  []v1alpha1.KeySchemaElement{{AttributeName: "date", KeyType: "HASH"}},
	Projection: v1alpha1.Projection{ProjectionType: "ALL"},
}

func pt(r, w int64) *v1alpha1.ProvisionedThroughput {
	return &v1alpha1.ProvisionedThroughput{ReadCapacityUnits: r, WriteCapacityUnits: w}
}

func withGSIs(gs ...v1alpha1.GlobalSecondaryIndex) tableModifier {
	return withParams(func(p *v1alpha1.TableParameters) {
		p.GlobalSecondaryIndexes = append([]v1alpha1.GlobalSecondaryIndex{}, gs...)
		for _, g := range gs {
			p.AttributeDefinitions = append(p.AttributeDefinitions, v1alpha1.AttributeDefinition{AttributeName: g.KeySchema[0].AttributeName, AttributeType: "S"})
		}
	})
}

func withProvisioned(r, w int64) tableModifier {
	return withParams(func(p *v1alpha1.TableParameters) {
		p.BillingMode = aws.String("PROVISIONED")
		p.ProvisionedThroughput = pt(r, w)
	})
}

func awsGSI(g v1alpha1.GlobalSecondaryIndex, m ...func(*types.GlobalSecondaryIndexDescription)) types.GlobalSecondaryIndexDescription {
	d := types.GlobalSecondaryIndexDescription{
		IndexName: aws.String(g.IndexName), IndexArn: aws.String(tableARN + "/index/" + g.IndexName), IndexStatus: types.IndexStatusActive,
		KeySchema:  toKeySchema(g.KeySchema),
		Projection: toProjection(g.Projection),
		// What AWS changes on its own, never compared nor copied.
		ItemCount: aws.Int64(42), IndexSizeBytes: aws.Int64(4242),
		ProvisionedThroughput: &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(0), WriteCapacityUnits: aws.Int64(0), NumberOfDecreasesToday: aws.Int64(3)},
		WarmThroughput:        &types.GlobalSecondaryIndexWarmThroughputDescription{ReadUnitsPerSecond: aws.Int64(12000), WriteUnitsPerSecond: aws.Int64(4000)},
		OnDemandThroughput:    &types.OnDemandThroughput{MaxReadRequestUnits: aws.Int64(-1)},
	}
	if g.ProvisionedThroughput != nil {
		d.ProvisionedThroughput.ReadCapacityUnits = aws.Int64(g.ProvisionedThroughput.ReadCapacityUnits)
		d.ProvisionedThroughput.WriteCapacityUnits = aws.Int64(g.ProvisionedThroughput.WriteCapacityUnits)
	}
	for _, f := range m {
		f(&d)
	}
	return d
}

// awsTable is the table of table() as DynamoDB describes it, with what
// AWS changes on its own.
func awsTable(m ...func(*types.TableDescription)) *types.TableDescription {
	t := &types.TableDescription{
		TableName: aws.String(tableName), TableArn: aws.String(tableARN), TableId: aws.String("id-1"), TableStatus: types.TableStatusActive,
		CreationDateTime:     aws.Time(created),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingModeSummary:   &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest},
		// DynamoDB keeps reporting the capacity of an on-demand table.
		ProvisionedThroughput:     &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5), NumberOfDecreasesToday: aws.Int64(1), LastIncreaseDateTime: aws.Time(created)},
		DeletionProtectionEnabled: aws.Bool(false),
		ItemCount:                 aws.Int64(1000), TableSizeBytes: aws.Int64(123456),
		WarmThroughput:     &types.TableWarmThroughputDescription{ReadUnitsPerSecond: aws.Int64(12000), WriteUnitsPerSecond: aws.Int64(4000)},
		OnDemandThroughput: &types.OnDemandThroughput{MaxReadRequestUnits: aws.Int64(-1)},
	}
	for _, f := range m {
		f(t)
	}
	return t
}

func awsProvisioned(r, w int64) func(*types.TableDescription) {
	return func(t *types.TableDescription) {
		t.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModeProvisioned}
		t.ProvisionedThroughput = &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(r), WriteCapacityUnits: aws.Int64(w), NumberOfDecreasesToday: aws.Int64(2)}
	}
}

func awsGSIs(gs ...types.GlobalSecondaryIndexDescription) func(*types.TableDescription) {
	return func(t *types.TableDescription) {
		t.GlobalSecondaryIndexes = gs
		for _, g := range gs {
			t.AttributeDefinitions = append(t.AttributeDefinitions, types.AttributeDefinition{AttributeName: g.KeySchema[0].AttributeName, AttributeType: types.ScalarAttributeTypeS})
		}
	}
}

func awsStream(view types.StreamViewType) func(*types.TableDescription) {
	return func(t *types.TableDescription) {
		t.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}
		t.LatestStreamArn = aws.String(streamARN)
		t.LatestStreamLabel = aws.String("2026-01-02T03:04:05.000")
	}
}

func describe(t *types.TableDescription) map[string]any {
	return map[string]any{"DescribeTable": &dynamodb.DescribeTableOutput{Table: t}}
}

func merge(ms ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func ttlOut(status types.TimeToLiveStatus, attr string) map[string]any {
	return map[string]any{"DescribeTimeToLive": &dynamodb.DescribeTimeToLiveOutput{TimeToLiveDescription: &types.TimeToLiveDescription{TimeToLiveStatus: status, AttributeName: aws.String(attr)}}}
}

func pitrOut(status types.PointInTimeRecoveryStatus) map[string]any {
	return map[string]any{"DescribeContinuousBackups": &dynamodb.DescribeContinuousBackupsOutput{ContinuousBackupsDescription: &types.ContinuousBackupsDescription{
		ContinuousBackupsStatus: types.ContinuousBackupsStatusEnabled,
		PointInTimeRecoveryDescription: &types.PointInTimeRecoveryDescription{PointInTimeRecoveryStatus: status, RecoveryPeriodInDays: aws.Int32(35),
			EarliestRestorableDateTime: aws.Time(now), LatestRestorableDateTime: aws.Time(now)},
	}}}
}

func tagsOut(kv ...string) map[string]any {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return map[string]any{"ListTagsOfResource": &dynamodb.ListTagsOfResourceOutput{Tags: dynamodbkit.Tags(m)}}
}

func newExternal(api *dynamodbfake.API) *external {
	return &external{api: api, region: region, now: func() time.Time { return now }}
}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.Table
	}
	upToDate := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	drift := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}
	one := []string{"DescribeTable"}
	cases := map[string]struct {
		reason string
		api    *dynamodbfake.API
		cr     *v1alpha1.Table
		want   want
	}{
		"NoExternalName": {
			reason: "Without an external name there is nothing to look for.",
			api:    dynamodbfake.New(nil, nil),
			cr:     table(func(t *v1alpha1.Table) { meta.SetExternalName(t, "") }),
			want:   want{cr: table(func(t *v1alpha1.Table) { meta.SetExternalName(t, "") })},
		},
		"NotFound": {
			reason: "ResourceNotFoundException means the table does not exist.",
			api:    dynamodbfake.New(nil, map[string]error{"DescribeTable": dynamodbfake.NotFound()}),
			cr:     table(),
			want:   want{calls: one, cr: table()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code, with context.",
			api:    dynamodbfake.New(nil, map[string]error{"DescribeTable": dynamodbfake.AccessDenied()}),
			cr:     table(),
			want:   want{err: errors.Wrap(dynamodbfake.AccessDenied(), "cannot describe DynamoDB table"), calls: one, cr: table()},
		},
		"UpToDate": {
			reason: "A plain table costs one DescribeTable; what AWS changes on its own (counts, sizes, warm throughput, the capacity an on-demand table reports) is no drift.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr:     table(),
			want:   want{o: upToDate, calls: one, cr: table(withAvailable)},
		},
		"ConnectionDetails": {
			reason: "With a connection secret, Observe returns tableName, arn, streamArn and region.",
			api:    dynamodbfake.New(describe(awsTable(awsStream(types.StreamViewTypeNewImage))), nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: true, StreamViewType: aws.String("NEW_IMAGE")}
			}), func(t *v1alpha1.Table) {
				t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders"})
			}),
			want: want{
				o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ConnectionDetails: managed.ConnectionDetails{
					"tableName": []byte(tableName), "arn": []byte(tableARN), "streamArn": []byte(streamARN), "region": []byte(region),
				}},
				calls: one,
				cr: table(withAvailable, withParams(func(p *v1alpha1.TableParameters) {
					p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: true, StreamViewType: aws.String("NEW_IMAGE")}
				}), func(t *v1alpha1.Table) {
					t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders"})
					t.Status.AtProvider.StreamARN = streamARN
					t.Status.AtProvider.LatestStreamLabel = "2026-01-02T03:04:05.000"
				}),
			},
		},
		"ConnectionDetailsNoStream": {
			reason: "Without an enabled stream, streamArn is the empty string (DynamoDB keeps reporting the last stream's ARN).",
			api: dynamodbfake.New(describe(awsTable(func(t *types.TableDescription) {
				t.LatestStreamArn = aws.String(streamARN)
			})), nil),
			cr: table(func(t *v1alpha1.Table) {
				t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders"})
			}),
			want: want{
				o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ConnectionDetails: managed.ConnectionDetails{
					"tableName": []byte(tableName), "arn": []byte(tableARN), "streamArn": []byte(""), "region": []byte(region),
				}},
				calls: one,
				cr: table(withAvailable, func(t *v1alpha1.Table) {
					t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders"})
				}),
			},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS: billing mode, table class, deletion protection, indexes, stream and encryption; nothing AWS keeps changing.",
			api: dynamodbfake.New(describe(awsTable(awsGSIs(awsGSI(byEmail)), awsStream(types.StreamViewTypeKeysOnly), func(t *types.TableDescription) {
				t.DeletionProtectionEnabled = aws.Bool(true)
				t.TableClassSummary = &types.TableClassSummary{TableClass: types.TableClassStandardInfrequentAccess, LastUpdateDateTime: aws.Time(created)}
				t.SSEDescription = &types.SSEDescription{Status: types.SSEStatusEnabled, SSEType: types.SSETypeKms, KMSMasterKeyArn: aws.String(keyARN)}
				t.LocalSecondaryIndexes = []types.LocalSecondaryIndexDescription{{IndexName: aws.String("lsi"), KeySchema: []types.KeySchemaElement{
					{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
				}, Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}, ItemCount: aws.Int64(3)}}
				t.AttributeDefinitions = append(t.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeS})
			})), nil),
			cr: table(func(t *v1alpha1.Table) {
				p := &t.Spec.ForProvider
				p.BillingMode, p.TableClass, p.DeletionProtectionEnabled = nil, nil, nil
				p.AttributeDefinitions = append(p.AttributeDefinitions, v1alpha1.AttributeDefinition{AttributeName: "sk", AttributeType: "S"}, v1alpha1.AttributeDefinition{AttributeName: "email", AttributeType: "S"})
			}),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: table(withAvailable, func(t *v1alpha1.Table) {
					p := &t.Spec.ForProvider
					p.AttributeDefinitions = append(p.AttributeDefinitions, v1alpha1.AttributeDefinition{AttributeName: "sk", AttributeType: "S"}, v1alpha1.AttributeDefinition{AttributeName: "email", AttributeType: "S"})
					p.TableClass = aws.String("STANDARD_INFREQUENT_ACCESS")
					p.DeletionProtectionEnabled = aws.Bool(true)
					p.GlobalSecondaryIndexes = []v1alpha1.GlobalSecondaryIndex{byEmail}
					p.LocalSecondaryIndexes = []v1alpha1.LocalSecondaryIndex{{IndexName: "lsi", KeySchema: []v1alpha1.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}}, Projection: v1alpha1.Projection{ProjectionType: "KEYS_ONLY"}}}
					p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: true, StreamViewType: aws.String("KEYS_ONLY")}
					p.SSESpecification = &v1alpha1.SSESpecification{Enabled: true, SSEType: aws.String("KMS"), KMSMasterKeyID: aws.String(keyARN)}
					t.Status.AtProvider.StreamARN = streamARN
					t.Status.AtProvider.LatestStreamLabel = "2026-01-02T03:04:05.000"
					t.Status.AtProvider.GlobalSecondaryIndexes = []v1alpha1.IndexObservation{{IndexName: "by-email", IndexStatus: "ACTIVE", IndexARN: tableARN + "/index/by-email"}}
				})},
		},
		"LateInitializeProvisioned": {
			reason: "A PROVISIONED table's capacities, and its indexes', are copied; the decreases today are not.",
			api:    dynamodbfake.New(describe(awsTable(awsProvisioned(5, 5), awsGSIs(awsGSI(v1alpha1.GlobalSecondaryIndex{IndexName: byDate.IndexName, KeySchema: byDate.KeySchema, Projection: byDate.Projection, ProvisionedThroughput: pt(2, 1)})))), nil),
			cr: table(withGSIs(byDate), withParams(func(p *v1alpha1.TableParameters) {
				p.BillingMode = nil
			})),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: table(withAvailable, withProvisioned(5, 5), withGSIs(v1alpha1.GlobalSecondaryIndex{IndexName: byDate.IndexName, KeySchema: byDate.KeySchema, Projection: byDate.Projection, ProvisionedThroughput: pt(2, 1)}), func(t *v1alpha1.Table) {
					t.Status.AtProvider.GlobalSecondaryIndexes = []v1alpha1.IndexObservation{{IndexName: "by-date", IndexStatus: "ACTIVE", IndexARN: tableARN + "/index/by-date"}}
				})},
		},
		"LateInitializeIndexAttributes": {
			reason: "An adopted table's indexes come with the definitions of their key attributes, so a spec of the table key alone is valid.",
			api:    dynamodbfake.New(describe(awsTable(awsGSIs(awsGSI(byDate)))), nil),
			cr:     table(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one,
				cr: table(withAvailable, withGSIs(byDate), func(t *v1alpha1.Table) {
					t.Status.AtProvider.GlobalSecondaryIndexes = []v1alpha1.IndexObservation{{IndexName: "by-date", IndexStatus: "ACTIVE", IndexARN: tableARN + "/index/by-date"}}
				})},
		},
		"IndexesAsASet": {
			reason: "Indexes in another order, with their non-key attributes in another order, are up to date.",
			api: dynamodbfake.New(describe(awsTable(awsGSIs(awsGSI(byDate), awsGSI(byEmail, func(g *types.GlobalSecondaryIndexDescription) {
				g.Projection.NonKeyAttributes = []string{"age", "name"}
			})))), nil),
			cr: table(withGSIs(byEmail, byDate)),
			want: want{o: upToDate, calls: one, cr: table(withAvailable, withGSIs(byEmail, byDate), func(t *v1alpha1.Table) {
				t.Status.AtProvider.GlobalSecondaryIndexes = []v1alpha1.IndexObservation{
					{IndexName: "by-date", IndexStatus: "ACTIVE", IndexARN: tableARN + "/index/by-date"},
					{IndexName: "by-email", IndexStatus: "ACTIVE", IndexARN: tableARN + "/index/by-email"},
				}
			})},
		},
		"MissingIndexDrift": {
			reason: "An index of the spec that AWS does not have is a diff.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr:     table(withGSIs(byEmail)),
			want:   want{o: drift, calls: one, cr: table(withAvailable, withGSIs(byEmail))},
		},
		"EquivalentSettings": {
			reason: "A disabled stream or encryption in the spec matches AWS's none, and a KMS key ID matches its ARN.",
			api: dynamodbfake.New(describe(awsTable(func(t *types.TableDescription) {
				t.SSEDescription = &types.SSEDescription{Status: types.SSEStatusEnabled, SSEType: types.SSETypeKms, KMSMasterKeyArn: aws.String(keyARN)}
			})), nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: false}
				p.SSESpecification = &v1alpha1.SSESpecification{Enabled: true, KMSMasterKeyID: aws.String(keyID)}
			})),
			want: want{o: upToDate, calls: one, cr: table(withAvailable, withParams(func(p *v1alpha1.TableParameters) {
				p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: false}
				p.SSESpecification = &v1alpha1.SSESpecification{Enabled: true, KMSMasterKeyID: aws.String(keyID)}
			}))},
		},
		"SettingsDrift": {
			reason: "Changed billing mode, class or deletion protection is a diff.",
			api: dynamodbfake.New(describe(awsTable(func(t *types.TableDescription) {
				t.DeletionProtectionEnabled = aws.Bool(true)
			})), nil),
			cr:   table(),
			want: want{o: drift, calls: one, cr: table(withAvailable)},
		},
		"ManagedSubResources": {
			reason: "Tags, TTL and point-in-time recovery are read when the spec manages them, and compared.",
			api:    dynamodbfake.New(merge(describe(awsTable()), tagsOut("team", "a", "kaws.dev/managed-by", "x", "aws:cloudformation:stack-name", "s"), ttlOut(types.TimeToLiveStatusEnabled, "exp"), pitrOut(types.PointInTimeRecoveryStatusEnabled)), nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.Tags = map[string]string{"team": "a"}
				p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "exp"}
				p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{Enabled: true}
			})),
			want: want{o: upToDate, calls: []string{"DescribeTable", "ListTagsOfResource", "DescribeTimeToLive", "DescribeContinuousBackups"},
				cr: table(withAvailable, withParams(func(p *v1alpha1.TableParameters) {
					p.Tags = map[string]string{"team": "a"}
					p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "exp"}
					p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{Enabled: true}
				}))},
		},
		"SubResourceDrift": {
			reason: "TTL and point-in-time recovery turned off out of band are a diff.",
			api:    dynamodbfake.New(merge(describe(awsTable()), ttlOut(types.TimeToLiveStatusDisabled, ""), pitrOut(types.PointInTimeRecoveryStatusDisabled)), nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "exp"}
				p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{Enabled: true, RecoveryPeriodInDays: aws.Int32(7)}
			})),
			want: want{o: drift, calls: []string{"DescribeTable", "DescribeTimeToLive", "DescribeContinuousBackups"},
				cr: table(withAvailable, withParams(func(p *v1alpha1.TableParameters) {
					p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "exp"}
					p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{Enabled: true, RecoveryPeriodInDays: aws.Int32(7)}
				}))},
		},
		"TTLOffEitherAttribute": {
			reason: "A TTL that is off in the spec and in AWS is up to date whatever the attribute.",
			api:    dynamodbfake.New(merge(describe(awsTable()), ttlOut(types.TimeToLiveStatusDisabled, "")), nil),
			cr:     table(withParams(func(p *v1alpha1.TableParameters) { p.TimeToLive = &v1alpha1.TimeToLive{AttributeName: "exp"} })),
			want: want{o: upToDate, calls: []string{"DescribeTable", "DescribeTimeToLive"},
				cr: table(withAvailable, withParams(func(p *v1alpha1.TableParameters) { p.TimeToLive = &v1alpha1.TimeToLive{AttributeName: "exp"} }))},
		},
		"ListTagsError": {
			reason: "An error listing tags keeps AWS's code.",
			api:    dynamodbfake.New(describe(awsTable()), map[string]error{"ListTagsOfResource": dynamodbfake.AccessDenied()}),
			cr:     table(withParams(func(p *v1alpha1.TableParameters) { p.Tags = map[string]string{} })),
			want: want{err: errors.Wrap(dynamodbfake.AccessDenied(), "cannot list the tags of the DynamoDB resource"), calls: []string{"DescribeTable", "ListTagsOfResource"},
				cr: table(withStatus, withParams(func(p *v1alpha1.TableParameters) { p.Tags = map[string]string{} }))},
		},
		"TTLError": {
			reason: "An error reading the TTL keeps AWS's code.",
			api:    dynamodbfake.New(describe(awsTable()), map[string]error{"DescribeTimeToLive": dynamodbfake.AccessDenied()}),
			cr:     table(withParams(func(p *v1alpha1.TableParameters) { p.TimeToLive = &v1alpha1.TimeToLive{AttributeName: "exp"} })),
			want: want{err: errors.Wrap(dynamodbfake.AccessDenied(), "cannot describe the time to live of the DynamoDB table"), calls: []string{"DescribeTable", "DescribeTimeToLive"},
				cr: table(withStatus, withParams(func(p *v1alpha1.TableParameters) { p.TimeToLive = &v1alpha1.TimeToLive{AttributeName: "exp"} }))},
		},
		"PITRError": {
			reason: "An error reading the continuous backups keeps AWS's code.",
			api:    dynamodbfake.New(describe(awsTable()), map[string]error{"DescribeContinuousBackups": dynamodbfake.AccessDenied()}),
			cr:     table(withParams(func(p *v1alpha1.TableParameters) { p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{} })),
			want: want{err: errors.Wrap(dynamodbfake.AccessDenied(), "cannot describe the continuous backups of the DynamoDB table"), calls: []string{"DescribeTable", "DescribeContinuousBackups"},
				cr: table(withStatus, withParams(func(p *v1alpha1.TableParameters) { p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{} }))},
		},
		"InvalidAttributes": {
			reason: "Attribute definitions that are not exactly the key attributes are refused with what to fix.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr: table(withGSIs(byEmail), withParams(func(p *v1alpha1.TableParameters) {
				p.AttributeDefinitions = []v1alpha1.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "unused", AttributeType: "N"}}
			})),
			want: want{err: errors.New("spec.forProvider.attributeDefinitions must define exactly the key attributes of the table and its indexes: add email remove unused"), calls: one,
				cr: table(withStatus, withGSIs(byEmail), withParams(func(p *v1alpha1.TableParameters) {
					p.AttributeDefinitions = []v1alpha1.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "unused", AttributeType: "N"}}
				}))},
		},
		"ImmutableKeySchema": {
			reason: "A key schema other than the table's cannot be updated: the error says what to do.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.KeySchema = []v1alpha1.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}}
				p.AttributeDefinitions = []v1alpha1.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}}
			})),
			want: want{err: errors.New(`keySchema [{id HASH}] differs from the table's [{pk HASH}] in AWS and is immutable: create a new Table instead (or set the spec to the table "orders"'s)`), calls: one,
				cr: table(withStatus, withParams(func(p *v1alpha1.TableParameters) {
					p.KeySchema = []v1alpha1.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}}
					p.AttributeDefinitions = []v1alpha1.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}}
				}))},
		},
		"ImmutableAttributeType": {
			reason: "A key attribute of another type cannot be updated.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr:     table(withParams(func(p *v1alpha1.TableParameters) { p.AttributeDefinitions[0].AttributeType = "N" })),
			want: want{err: errors.New(`attribute pk is of type S in AWS, not N; the type of a key attribute is immutable: create a new Table instead (or set the spec to the table "orders"'s)`), calls: one,
				cr: table(withStatus, withParams(func(p *v1alpha1.TableParameters) { p.AttributeDefinitions[0].AttributeType = "N" }))},
		},
		"ImmutableLocalIndexes": {
			reason: "Local secondary indexes other than the table's cannot be added.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.LocalSecondaryIndexes = []v1alpha1.LocalSecondaryIndex{{IndexName: "lsi", KeySchema: []v1alpha1.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}}}}
			})),
			want: want{err: errors.New(`localSecondaryIndexes differ from the table's in AWS and can only be set at creation: create a new Table instead (or set the spec to the table "orders"'s)`), calls: one,
				cr: table(withStatus, withParams(func(p *v1alpha1.TableParameters) {
					p.LocalSecondaryIndexes = []v1alpha1.LocalSecondaryIndex{{IndexName: "lsi", KeySchema: []v1alpha1.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}}}}
				}))},
		},
		"ImmutableIndexProjection": {
			reason: "A global secondary index with another projection in AWS cannot be updated.",
			api: dynamodbfake.New(describe(awsTable(awsGSIs(awsGSI(byDate, func(g *types.GlobalSecondaryIndexDescription) {
				g.Projection.ProjectionType = types.ProjectionTypeKeysOnly
			})))), nil),
			cr: table(withGSIs(byDate)),
			want: want{err: errors.New("global secondary index by-date has another key schema or projection in AWS, which DynamoDB cannot change: add an index of another name (and remove this one) instead"), calls: one,
				cr: table(withStatus, withGSIs(byDate), func(t *v1alpha1.Table) {
					t.Status.AtProvider.GlobalSecondaryIndexes = []v1alpha1.IndexObservation{{IndexName: "by-date", IndexStatus: "ACTIVE", IndexARN: tableARN + "/index/by-date"}}
				})},
		},
		"Creating": {
			reason: "A table being created is not Ready.",
			api:    dynamodbfake.New(describe(awsTable(func(t *types.TableDescription) { t.TableStatus = types.TableStatusCreating })), nil),
			cr:     table(),
			want: want{o: upToDate, calls: one, cr: table(withStatus, withCondition(xpv2.Creating()), func(t *v1alpha1.Table) {
				t.Status.AtProvider.TableStatus = "CREATING"
			})},
		},
		"IndexCreating": {
			reason: "An ACTIVE table with an index being created is not Ready, and says which index.",
			api:    dynamodbfake.New(describe(awsTable(awsGSIs(awsGSI(byDate, func(g *types.GlobalSecondaryIndexDescription) { g.IndexStatus = types.IndexStatusCreating })))), nil),
			cr:     table(withGSIs(byDate)),
			want: want{o: upToDate, calls: one, cr: table(withStatus, withGSIs(byDate), withCondition(eksupdate.Updating("updating: global secondary index by-date is CREATING; further changes wait until it is ACTIVE")), func(t *v1alpha1.Table) {
				t.Status.AtProvider.GlobalSecondaryIndexes = []v1alpha1.IndexObservation{{IndexName: "by-date", IndexStatus: "CREATING", IndexARN: tableARN + "/index/by-date"}}
			})},
		},
		"Updating": {
			reason: "A table being updated is not Ready.",
			api:    dynamodbfake.New(describe(awsTable(func(t *types.TableDescription) { t.TableStatus = types.TableStatusUpdating })), nil),
			cr:     table(),
			want: want{o: upToDate, calls: one, cr: table(withStatus, withCondition(eksupdate.Updating("updating: the table is UPDATING; further changes wait until it is ACTIVE")), func(t *v1alpha1.Table) {
				t.Status.AtProvider.TableStatus = "UPDATING"
			})},
		},
		"Unavailable": {
			reason: "A table in another status is Unavailable, naming it.",
			api:    dynamodbfake.New(describe(awsTable(func(t *types.TableDescription) { t.TableStatus = types.TableStatusArchived })), nil),
			cr:     table(),
			want: want{o: upToDate, calls: one, cr: table(withStatus, withCondition(xpv2.Unavailable().WithMessage("DynamoDB table status is ARCHIVED")), func(t *v1alpha1.Table) {
				t.Status.AtProvider.TableStatus = "ARCHIVED"
			})},
		},
		"Deleting": {
			reason: "A table being deleted exists and is not compared.",
			api:    dynamodbfake.New(describe(awsTable(func(t *types.TableDescription) { t.TableStatus = types.TableStatusDeleting })), nil),
			cr:     table(withParams(func(p *v1alpha1.TableParameters) { p.Tags = map[string]string{"a": "b"} })),
			want: want{o: upToDate, calls: one, cr: table(withStatus, withCondition(xpv2.Deleting()), withParams(func(p *v1alpha1.TableParameters) { p.Tags = map[string]string{"a": "b"} }), func(t *v1alpha1.Table) {
				t.Status.AtProvider.TableStatus = "DELETING"
			})},
		},
		"ClearsLastUpdate": {
			reason: "Once the table matches the spec, the record of the last update is cleared.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr: table(func(t *v1alpha1.Table) {
				t.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{Step: "x", Request: "y"}
			}),
			want: want{o: upToDate, calls: one, cr: table(withAvailable)},
		},
		"KeepsLastUpdate": {
			reason: "While the table differs from the spec, the record of the last update is kept.",
			api:    dynamodbfake.New(describe(awsTable()), nil),
			cr: table(withProvisioned(1, 1), func(t *v1alpha1.Table) {
				t.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{Step: "x", Request: "y"}
			}),
			want: want{o: drift, calls: one, cr: table(withAvailable, withProvisioned(1, 1), func(t *v1alpha1.Table) {
				t.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{Step: "x", Request: "y"}
			})},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := newExternal(tc.api).Observe(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Observe", tc.want.err, err, tc.want.calls)
			awsfake.CheckObserve(t, tc.reason, tc.want.o, got, tc.want.cr, tc.cr)
		})
	}
}

// observedExternal returns an external that observed t (with the
// sub-resources extra sets), as Observe leaves it for Update and Delete.
func observedExternal(api *dynamodbfake.API, t *types.TableDescription, extra ...func(*v1alpha1.TableParameters)) *external {
	e := newExternal(api)
	o := fromAWS(t)
	for _, f := range extra {
		f(o)
	}
	e.observed = &observed{table: t, params: o}
	return e
}

func TestUpdate(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		inputs []any
		ready  xpv2.Condition
		last   *v1alpha1.LastUpdate
	}
	name := aws.String(tableName)
	update := func(in dynamodb.UpdateTableInput) *dynamodb.UpdateTableInput { in.TableName = name; return &in }
	record := func(what string, in *dynamodb.UpdateTableInput) *v1alpha1.LastUpdate {
		return dynamodbkit.Record(what, in, now)
	}
	gsiEmailPT := v1alpha1.GlobalSecondaryIndex{IndexName: byEmail.IndexName, KeySchema: byEmail.KeySchema, Projection: byEmail.Projection, ProvisionedThroughput: pt(2, 2)}
	createEmail := update(dynamodb.UpdateTableInput{
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("email"), AttributeType: types.ScalarAttributeTypeS}, {AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName: aws.String("by-email"), KeySchema: toKeySchema(byEmail.KeySchema), Projection: toProjection(normProjection(byEmail.Projection)),
		}}},
	})
	toProvisioned := update(dynamodb.UpdateTableInput{
		BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: toThroughput(pt(5, 5)),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("by-email"), ProvisionedThroughput: toThroughput(pt(2, 2))}}},
	})
	cases := map[string]struct {
		reason string
		api    *dynamodbfake.API
		e      func(api *dynamodbfake.API) *external
		cr     *v1alpha1.Table
		want   want
	}{
		"NotObserved": {
			reason: "Without an observation Update calls nothing: the reconciler always observes first.",
			api:    dynamodbfake.New(nil, nil),
			e:      newExternal,
			cr:     table(),
			want:   want{err: mr.NotObserved("DynamoDB table")},
		},
		"Busy": {
			reason: "While an index is not ACTIVE nothing is written (Observe's condition says what the table waits for).",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(awsGSIs(awsGSI(byDate, func(g *types.GlobalSecondaryIndexDescription) { g.IndexStatus = types.IndexStatusDeleting }))))
			},
			cr: table(withGSIs(byEmail)),
		},
		"NothingToDo": {
			reason: "A table that matches the spec gets no write.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr:     table(),
		},
		"TagsTTLAndPITR": {
			reason: "Tags, TTL and point-in-time recovery are written with their own operations, before any UpdateTable.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(), func(p *v1alpha1.TableParameters) {
					p.Tags = map[string]string{"old": "x", "kaws.dev/managed-by": "id"}
					p.TimeToLive = &v1alpha1.TimeToLive{}
					p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{RecoveryPeriodInDays: aws.Int32(35)}
				})
			},
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.Tags = map[string]string{"team": "a"}
				p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "exp"}
				p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{Enabled: true, RecoveryPeriodInDays: aws.Int32(7)}
			})),
			want: want{
				calls: []string{"UntagResource", "TagResource", "UpdateTimeToLive", "UpdateContinuousBackups"},
				inputs: []any{
					&dynamodb.UntagResourceInput{ResourceArn: aws.String(tableARN), TagKeys: []string{"old"}},
					&dynamodb.TagResourceInput{ResourceArn: aws.String(tableARN), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}}},
					&dynamodb.UpdateTimeToLiveInput{TableName: name, TimeToLiveSpecification: &types.TimeToLiveSpecification{Enabled: aws.Bool(true), AttributeName: aws.String("exp")}},
					&dynamodb.UpdateContinuousBackupsInput{TableName: name, PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(true), RecoveryPeriodInDays: aws.Int32(7)}},
				},
			},
		},
		"TTLOtherAttribute": {
			reason: "A TTL on another attribute is turned off first, on the attribute AWS has.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(), func(p *v1alpha1.TableParameters) {
					p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "old"}
				})
			},
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "exp"}
			})),
			want: want{calls: []string{"UpdateTimeToLive"}, inputs: []any{
				&dynamodb.UpdateTimeToLiveInput{TableName: name, TimeToLiveSpecification: &types.TimeToLiveSpecification{Enabled: aws.Bool(false), AttributeName: aws.String("old")}},
			}},
		},
		"TagError": {
			reason: "An error tagging keeps AWS's code.",
			api:    dynamodbfake.New(nil, map[string]error{"TagResource": dynamodbfake.AccessDenied()}),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(), func(p *v1alpha1.TableParameters) { p.Tags = map[string]string{} })
			},
			cr: table(withParams(func(p *v1alpha1.TableParameters) { p.Tags = map[string]string{"a": "b"} })),
			want: want{err: errors.Wrap(errors.Wrap(dynamodbfake.AccessDenied(), "cannot add tags"), "cannot update the tags of the DynamoDB resource"),
				calls: []string{"TagResource"}},
		},
		"TTLError": {
			reason: "An error updating TTL keeps AWS's code.",
			api:    dynamodbfake.New(nil, map[string]error{"UpdateTimeToLive": dynamodbfake.Validation()}),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(), func(p *v1alpha1.TableParameters) { p.TimeToLive = &v1alpha1.TimeToLive{} })
			},
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.TimeToLive = &v1alpha1.TimeToLive{Enabled: true, AttributeName: "exp"}
			})),
			want: want{err: errors.Wrap(dynamodbfake.Validation(), "cannot update the time to live of the DynamoDB table"), calls: []string{"UpdateTimeToLive"}},
		},
		"PITRError": {
			reason: "An error updating point-in-time recovery keeps AWS's code.",
			api:    dynamodbfake.New(nil, map[string]error{"UpdateContinuousBackups": dynamodbfake.AccessDenied()}),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(), func(p *v1alpha1.TableParameters) { p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{} })
			},
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.PointInTimeRecovery = &v1alpha1.PointInTimeRecovery{Enabled: true}
			})),
			want: want{err: errors.Wrap(dynamodbfake.AccessDenied(), "cannot update the point-in-time recovery of the DynamoDB table"), calls: []string{"UpdateContinuousBackups"}},
		},
		"SwitchToProvisioned": {
			reason: "Switching to PROVISIONED is one UpdateTable with the table's and every index's throughput; the index changes wait.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(awsGSIs(awsGSI(byEmail))))
			},
			cr: table(withProvisioned(5, 5), withGSIs(gsiEmailPT)),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{toProvisioned},
				ready: eksupdate.Updating("updating: switching the billing mode to PROVISIONED"),
				last:  record("switching the billing mode to PROVISIONED", toProvisioned)},
		},
		"SwitchToOnDemand": {
			reason: "Switching to PAY_PER_REQUEST drops the throughput.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(awsProvisioned(5, 5), awsGSIs(awsGSI(gsiEmailPT))))
			},
			cr: table(withGSIs(byEmail)),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{BillingMode: types.BillingModePayPerRequest})},
				ready: eksupdate.Updating("updating: switching the billing mode to PAY_PER_REQUEST"),
				last:  record("switching the billing mode to PAY_PER_REQUEST", update(dynamodb.UpdateTableInput{BillingMode: types.BillingModePayPerRequest}))},
		},
		"Throughput": {
			reason: "Changed table capacities are one UpdateTable.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable(awsProvisioned(5, 5))) },
			cr:     table(withProvisioned(10, 5)),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: toThroughput(pt(10, 5))})},
				ready: eksupdate.Updating("updating: setting the provisioned throughput"),
				last:  record("setting the provisioned throughput", update(dynamodb.UpdateTableInput{BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: toThroughput(pt(10, 5))}))},
		},
		"IndexesOneAtATime": {
			reason: "Index changes go one per update, deletions first, and the condition counts them.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable(awsGSIs(awsGSI(byDate)))) },
			cr:     table(withGSIs(byEmail)),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("by-date")}}}})},
				ready: eksupdate.Updating("updating: deleting global secondary index by-date (1 of 2 index changes)"),
				last:  record("deleting global secondary index by-date (1 of 2 index changes)", update(dynamodb.UpdateTableInput{GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("by-date")}}}}))},
		},
		"CreateIndex": {
			reason: "A new index is created with the definitions of its and the table's key attributes.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr:     table(withGSIs(byEmail)),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{createEmail},
				ready: eksupdate.Updating("updating: creating global secondary index by-email (1 of 1 index changes)"),
				last:  record("creating global secondary index by-email (1 of 1 index changes)", createEmail)},
		},
		"IndexThroughput": {
			reason: "An index's changed capacities are updated in place.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(awsProvisioned(5, 5), awsGSIs(awsGSI(gsiEmailPT))))
			},
			cr: table(withProvisioned(5, 5), withGSIs(v1alpha1.GlobalSecondaryIndex{IndexName: byEmail.IndexName, KeySchema: byEmail.KeySchema, Projection: byEmail.Projection, ProvisionedThroughput: pt(3, 3)})),
			want: want{calls: []string{"UpdateTable"},
				inputs: []any{update(dynamodb.UpdateTableInput{GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("by-email"), ProvisionedThroughput: toThroughput(pt(3, 3))}}}})},
				ready:  eksupdate.Updating("updating: updating the throughput of global secondary index by-email (1 of 1 index changes)"),
				last:   record("updating the throughput of global secondary index by-email (1 of 1 index changes)", update(dynamodb.UpdateTableInput{GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("by-email"), ProvisionedThroughput: toThroughput(pt(3, 3))}}}}))},
		},
		"StreamViewType": {
			reason: "DynamoDB cannot change an enabled stream's view type: it is turned off first.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(awsStream(types.StreamViewTypeKeysOnly)))
			},
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: true, StreamViewType: aws.String("NEW_IMAGE")}
			})),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})},
				ready: eksupdate.Updating("updating: turning the stream off to change its view type"),
				last:  record("turning the stream off to change its view type", update(dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}}))},
		},
		"StreamOn": {
			reason: "A stream is turned on with its view type.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: true, StreamViewType: aws.String("NEW_IMAGE")}
			})),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewImage}})},
				ready: eksupdate.Updating("updating: turning the stream on"),
				last:  record("turning the stream on", update(dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewImage}}))},
		},
		"StreamOff": {
			reason: "A stream the spec turns off is turned off.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(awsStream(types.StreamViewTypeKeysOnly)))
			},
			cr: table(withParams(func(p *v1alpha1.TableParameters) { p.StreamSpecification = &v1alpha1.StreamSpecification{} })),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})},
				ready: eksupdate.Updating("updating: turning the stream off"),
				last:  record("turning the stream off", update(dynamodb.UpdateTableInput{StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}}))},
		},
		"Encryption": {
			reason: "Encryption with a KMS key is one UpdateTable.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.SSESpecification = &v1alpha1.SSESpecification{Enabled: true, KMSMasterKeyID: aws.String(keyARN)}
			})),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{SSESpecification: &types.SSESpecification{Enabled: aws.Bool(true), SSEType: types.SSETypeKms, KMSMasterKeyId: aws.String(keyARN)}})},
				ready: eksupdate.Updating("updating: setting the server-side encryption"),
				last:  record("setting the server-side encryption", update(dynamodb.UpdateTableInput{SSESpecification: &types.SSESpecification{Enabled: aws.Bool(true), SSEType: types.SSETypeKms, KMSMasterKeyId: aws.String(keyARN)}}))},
		},
		"TableClassAndProtection": {
			reason: "Table class and deletion protection are separate steps, the class first: one per update.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.TableClass = aws.String("STANDARD_INFREQUENT_ACCESS")
				p.DeletionProtectionEnabled = aws.Bool(true)
			})),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess})},
				ready: eksupdate.Updating("updating: setting the table class to STANDARD_INFREQUENT_ACCESS"),
				last:  record("setting the table class to STANDARD_INFREQUENT_ACCESS", update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess}))},
		},
		"HeldBackTriesNext": {
			reason: "A request DynamoDB accepted without showing its change is held back; the next step is sent.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.TableClass = aws.String("STANDARD_INFREQUENT_ACCESS")
				p.DeletionProtectionEnabled = aws.Bool(true)
			}), func(t *v1alpha1.Table) {
				t.Status.AtProvider.LastUpdate = dynamodbkit.Record("setting the table class to STANDARD_INFREQUENT_ACCESS", update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess}), now.Add(-time.Minute))
			}),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{DeletionProtectionEnabled: aws.Bool(true)})},
				ready: eksupdate.Updating("updating: setting deletion protection to true"),
				last:  record("setting deletion protection to true", update(dynamodb.UpdateTableInput{DeletionProtectionEnabled: aws.Bool(true)}))},
		},
		"HeldBack": {
			reason: "When every step is held back, Update returns why and writes nothing: the reconciler backs off.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr: table(withParams(func(p *v1alpha1.TableParameters) { p.TableClass = aws.String("STANDARD_INFREQUENT_ACCESS") }), func(t *v1alpha1.Table) {
				t.Status.AtProvider.LastUpdate = dynamodbkit.Record("setting the table class to STANDARD_INFREQUENT_ACCESS", update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess}), now.Add(-time.Minute))
			}),
			want: want{err: errors.New("DynamoDB accepted the request setting the table class to STANDARD_INFREQUENT_ACCESS at 2026-01-02T23:59:00Z but does not show the change; the same request is sent again after 2026-01-03T00:59:00Z, or at once when the spec changes"),
				last: dynamodbkit.Record("setting the table class to STANDARD_INFREQUENT_ACCESS", update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess}), now.Add(-time.Minute))},
		},
		"HeldBackExpired": {
			reason: "After eksupdate.RetryAfter the same request is sent again.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr: table(withParams(func(p *v1alpha1.TableParameters) { p.TableClass = aws.String("STANDARD_INFREQUENT_ACCESS") }), func(t *v1alpha1.Table) {
				t.Status.AtProvider.LastUpdate = dynamodbkit.Record("setting the table class to STANDARD_INFREQUENT_ACCESS", update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess}), now.Add(-eksupdate.RetryAfter))
			}),
			want: want{calls: []string{"UpdateTable"}, inputs: []any{update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess})},
				ready: eksupdate.Updating("updating: setting the table class to STANDARD_INFREQUENT_ACCESS"),
				last:  record("setting the table class to STANDARD_INFREQUENT_ACCESS", update(dynamodb.UpdateTableInput{TableClass: types.TableClassStandardInfrequentAccess}))},
		},
		"UpdateTableError": {
			reason: "An UpdateTable error keeps AWS's code and names the step.",
			api:    dynamodbfake.New(nil, map[string]error{"UpdateTable": dynamodbfake.Validation()}),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr:     table(withGSIs(byEmail)),
			want: want{err: errors.Wrap(dynamodbfake.Validation(), "cannot update DynamoDB table (creating global secondary index by-email (1 of 1 index changes))"),
				calls: []string{"UpdateTable"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := tc.e(tc.api).Update(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Update", tc.want.err, err, tc.want.calls)
			if tc.want.inputs != nil {
				tc.api.CheckCalls(t, tc.reason, tc.want.calls, tc.want.inputs)
			}
			if tc.want.ready.Type == "" {
				tc.want.ready = xpv2.Condition{Type: xpv2.TypeReady, Status: corev1.ConditionUnknown}
			}
			if diff := cmp.Diff(tc.want.ready, tc.cr.GetCondition(xpv2.TypeReady), cmpopts.IgnoreFields(xpv2.Condition{}, "LastTransitionTime")); diff != "" {
				t.Errorf("%s\nReady: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.last, tc.cr.Status.AtProvider.LastUpdate); diff != "" {
				t.Errorf("%s\nlastUpdate: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *dynamodbfake.API
		cr     *v1alpha1.Table
		err    error
		calls  []string
		input  *dynamodb.CreateTableInput
	}{
		"Everything": {
			reason: "CreateTable gets everything it accepts.",
			api:    dynamodbfake.New(nil, nil),
			cr: table(withProvisioned(5, 5), withGSIs(v1alpha1.GlobalSecondaryIndex{IndexName: "by-date", KeySchema: byDate.KeySchema, Projection: byDate.Projection, ProvisionedThroughput: pt(1, 1)}), withParams(func(p *v1alpha1.TableParameters) {
				p.KeySchema = append(p.KeySchema, v1alpha1.KeySchemaElement{AttributeName: "sk", KeyType: "RANGE"})
				p.AttributeDefinitions = append(p.AttributeDefinitions, v1alpha1.AttributeDefinition{AttributeName: "sk", AttributeType: "N"})
				p.LocalSecondaryIndexes = []v1alpha1.LocalSecondaryIndex{{IndexName: "lsi", KeySchema: []v1alpha1.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}}, Projection: v1alpha1.Projection{ProjectionType: "KEYS_ONLY"}}}
				p.StreamSpecification = &v1alpha1.StreamSpecification{StreamEnabled: true, StreamViewType: aws.String("NEW_AND_OLD_IMAGES")}
				p.SSESpecification = &v1alpha1.SSESpecification{Enabled: true, KMSMasterKeyID: aws.String(keyARN)}
				p.DeletionProtectionEnabled = aws.Bool(true)
				p.Tags = map[string]string{"team": "a"}
			})),
			calls: []string{"CreateTable"},
			input: &dynamodb.CreateTableInput{
				TableName: aws.String(tableName),
				AttributeDefinitions: []types.AttributeDefinition{
					{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
					{AttributeName: aws.String("date"), AttributeType: types.ScalarAttributeTypeS},
					{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
				},
				KeySchema:             []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange}},
				BillingMode:           types.BillingModeProvisioned,
				ProvisionedThroughput: toThroughput(pt(5, 5)),
				GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("by-date"), KeySchema: toKeySchema(byDate.KeySchema),
					Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}, ProvisionedThroughput: toThroughput(pt(1, 1))}},
				LocalSecondaryIndexes: []types.LocalSecondaryIndex{{IndexName: aws.String("lsi"), KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange}},
					Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}}},
				StreamSpecification:       &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages},
				SSESpecification:          &types.SSESpecification{Enabled: aws.Bool(true), SSEType: types.SSETypeKms, KMSMasterKeyId: aws.String(keyARN)},
				TableClass:                types.TableClassStandard,
				DeletionProtectionEnabled: aws.Bool(true),
				Tags:                      []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}},
			},
		},
		"DefaultOnDemand": {
			reason: "Without billing mode and throughput a new table is PAY_PER_REQUEST; a disabled stream or encryption is left out.",
			api:    dynamodbfake.New(nil, nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.BillingMode, p.TableClass, p.DeletionProtectionEnabled = nil, nil, nil
				p.StreamSpecification = &v1alpha1.StreamSpecification{}
				p.SSESpecification = &v1alpha1.SSESpecification{}
			})),
			calls: []string{"CreateTable"},
			input: &dynamodb.CreateTableInput{
				TableName:            aws.String(tableName),
				AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
				KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
				BillingMode:          types.BillingModePayPerRequest,
			},
		},
		"DefaultProvisioned": {
			reason: "Without billing mode but with throughput a new table is PROVISIONED.",
			api:    dynamodbfake.New(nil, nil),
			cr: table(withParams(func(p *v1alpha1.TableParameters) {
				p.BillingMode, p.TableClass, p.DeletionProtectionEnabled = nil, nil, nil
				p.ProvisionedThroughput = pt(1, 2)
			})),
			calls: []string{"CreateTable"},
			input: &dynamodb.CreateTableInput{
				TableName:             aws.String(tableName),
				AttributeDefinitions:  []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
				KeySchema:             []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
				BillingMode:           types.BillingModeProvisioned,
				ProvisionedThroughput: toThroughput(pt(1, 2)),
			},
		},
		"AlreadyExists": {
			reason: "A table of that name exists already (a retried create, or one to adopt): success; the next observation compares it.",
			api:    dynamodbfake.New(nil, map[string]error{"CreateTable": dynamodbfake.InUse()}),
			cr:     table(),
			calls:  []string{"CreateTable"},
		},
		"Error": {
			reason: "Other errors keep AWS's code, with context.",
			api:    dynamodbfake.New(nil, map[string]error{"CreateTable": dynamodbfake.Validation()}),
			cr:     table(),
			err:    errors.Wrap(dynamodbfake.Validation(), "cannot create DynamoDB table"),
			calls:  []string{"CreateTable"},
		},
		"Invalid": {
			reason: "Attribute definitions DynamoDB refuses are refused before any call.",
			api:    dynamodbfake.New(nil, nil),
			cr:     table(withParams(func(p *v1alpha1.TableParameters) { p.AttributeDefinitions = nil })),
			err:    errors.New("spec.forProvider.attributeDefinitions must define exactly the key attributes of the table and its indexes: add pk"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := newExternal(tc.api).Create(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Create", tc.err, err, tc.calls)
			if tc.input != nil {
				tc.api.CheckInputs(t, tc.reason, map[string]any{"CreateTable": tc.input})
			}
			if tc.err == nil || len(tc.calls) > 0 {
				if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Creating()) {
					t.Errorf("%s\nReady: want Creating, got %+v", tc.reason, c)
				}
			}
		})
	}
}

func TestDelete(t *testing.T) {
	name := aws.String(tableName)
	cases := map[string]struct {
		reason string
		api    *dynamodbfake.API
		e      func(api *dynamodbfake.API) *external
		cr     *v1alpha1.Table
		err    error
		calls  []string
		inputs []any
	}{
		"Delete": {
			reason: "The table is deleted.",
			api:    dynamodbfake.New(nil, nil),
			e:      func(api *dynamodbfake.API) *external { return observedExternal(api, awsTable()) },
			cr:     table(),
			calls:  []string{"DeleteTable"},
			inputs: []any{&dynamodb.DeleteTableInput{TableName: name}},
		},
		"AlreadyDeleting": {
			reason: "A table DynamoDB is deleting is not deleted again.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(func(t *types.TableDescription) { t.TableStatus = types.TableStatusDeleting }))
			},
			cr: table(),
		},
		"Protected": {
			reason: "While the spec keeps deletion protection on, Delete says so and calls nothing.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(func(t *types.TableDescription) { t.DeletionProtectionEnabled = aws.Bool(true) }))
			},
			cr:  table(withParams(func(p *v1alpha1.TableParameters) { p.DeletionProtectionEnabled = aws.Bool(true) })),
			err: errors.New(errProtected),
		},
		"UnprotectFirst": {
			reason: "Deletion protection that the spec turns off but AWS still has is turned off first.",
			api:    dynamodbfake.New(nil, nil),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(func(t *types.TableDescription) { t.DeletionProtectionEnabled = aws.Bool(true) }))
			},
			cr:     table(),
			calls:  []string{"UpdateTable", "DeleteTable"},
			inputs: []any{&dynamodb.UpdateTableInput{TableName: name, DeletionProtectionEnabled: aws.Bool(false)}, &dynamodb.DeleteTableInput{TableName: name}},
		},
		"UnprotectError": {
			reason: "An error turning deletion protection off keeps AWS's code.",
			api:    dynamodbfake.New(nil, map[string]error{"UpdateTable": dynamodbfake.InUse()}),
			e: func(api *dynamodbfake.API) *external {
				return observedExternal(api, awsTable(func(t *types.TableDescription) { t.DeletionProtectionEnabled = aws.Bool(true) }))
			},
			cr:    table(),
			err:   errors.Wrap(dynamodbfake.InUse(), "cannot turn off the deletion protection of the DynamoDB table"),
			calls: []string{"UpdateTable"},
		},
		"AlreadyGone": {
			reason: "ResourceNotFoundException is success.",
			api:    dynamodbfake.New(nil, map[string]error{"DeleteTable": dynamodbfake.NotFound()}),
			e:      newExternal,
			cr:     table(),
			calls:  []string{"DeleteTable"},
		},
		"InUse": {
			reason: "A table being created or updated cannot be deleted yet: retried.",
			api:    dynamodbfake.New(nil, map[string]error{"DeleteTable": dynamodbfake.InUse()}),
			e:      newExternal,
			cr:     table(),
			err:    errors.Wrap(dynamodbfake.InUse(), "cannot delete DynamoDB table yet (it is being created or updated); the deletion is retried"),
			calls:  []string{"DeleteTable"},
		},
		"ProtectedInAWS": {
			reason: "DynamoDB's refusal because of deletion protection says what to do.",
			api: dynamodbfake.New(nil, map[string]error{"DeleteTable": errors.Wrap(dynamodbfake.Validation(),
				"Table 'orders' can't be deleted while DeletionProtectionEnabled is set to True")}),
			e:     newExternal,
			cr:    table(),
			err:   errors.Wrap(errors.Wrap(dynamodbfake.Validation(), "Table 'orders' can't be deleted while DeletionProtectionEnabled is set to True"), errProtected),
			calls: []string{"DeleteTable"},
		},
		"Error": {
			reason: "Other errors keep AWS's code.",
			api:    dynamodbfake.New(nil, map[string]error{"DeleteTable": dynamodbfake.AccessDenied()}),
			e:      newExternal,
			cr:     table(),
			err:    errors.Wrap(dynamodbfake.AccessDenied(), "cannot delete DynamoDB table"),
			calls:  []string{"DeleteTable"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := tc.e(tc.api).Delete(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Delete", tc.err, err, tc.calls)
			if tc.inputs != nil {
				tc.api.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
			}
			if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
				t.Errorf("%s\nReady: want Deleting, got %+v", tc.reason, c)
			}
		})
	}
}
