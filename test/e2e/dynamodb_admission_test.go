package e2e

import (
	"strings"
	"testing"
)

const (
	admDynamoDBAPI = "dynamodb.kaws.dev/v1alpha1"
	// admTableFP is a valid Table's forProvider (YAML flow style).
	admTableFP = `region: us-east-1, attributeDefinitions: [{attributeName: pk, attributeType: S}], keySchema: [{attributeName: pk, keyType: HASH}]`
	// admTableSK adds a sort key and a local secondary index on lsk.
	admTableSK = `region: us-east-1, attributeDefinitions: [{attributeName: pk, attributeType: S}, {attributeName: sk, attributeType: S}, {attributeName: lsk, attributeType: S}], ` +
		`keySchema: [{attributeName: pk, keyType: HASH}, {attributeName: sk, keyType: RANGE}], ` +
		`localSecondaryIndexes: [{indexName: by-lsk, keySchema: [{attributeName: pk, keyType: HASH}, {attributeName: lsk, keyType: RANGE}], projection: {projectionType: KEYS_ONLY}}]`
	admTableGSI = `globalSecondaryIndexes: [{indexName: by-email, keySchema: [{attributeName: email, keyType: HASH}], projection: {projectionType: ALL}}]`
)

// admTable returns a Table (see admMR) with forProvider {parts...}.
func admTable(parts ...string) string { return admMR(admDynamoDBAPI, "Table", admSpec(parts...)) }

// TestDynamoDBAdmissionRules checks the Table's CRD schema and CEL rules
// (see admCase).
func TestDynamoDBAdmissionRules(t *testing.T) {
	t.Parallel()
	withGSI := strings.Replace(admTableFP, "attributeType: S}]", "attributeType: S}, {attributeName: email, attributeType: S}]", 1)
	cases := map[string]admCase{
		"Valid": {reason: "A table with a key schema and its attribute is accepted.", manifest: admTable(admTableFP)},
		"KeySchemaRequired": {
			reason:   "keySchema is required, by name.",
			manifest: admTable(`attributeDefinitions: [{attributeName: pk, attributeType: S}]`),
			wantErr:  "spec.forProvider.keySchema: Required value",
		},
		"KeyAttributeUndefined": {
			reason:   "A key attribute needs an attribute definition.",
			manifest: admTable(`attributeDefinitions: [{attributeName: other, attributeType: S}], keySchema: [{attributeName: pk, keyType: HASH}]`),
			wantErr:  "every attribute of keySchema needs an entry in attributeDefinitions",
		},
		"KeySchemaOrder": {
			reason:   "A key schema is HASH, then RANGE.",
			manifest: admTable(strings.Replace(admTableSK, "keySchema: [{attributeName: pk, keyType: HASH}, {attributeName: sk, keyType: RANGE}]", "keySchema: [{attributeName: sk, keyType: RANGE}, {attributeName: pk, keyType: HASH}]", 1)),
			wantErr:  "keySchema is a HASH attribute, then optionally a RANGE attribute, in this order",
		},
		"IndexKeySchemaOrder": {
			reason:   "An index's key schema is HASH first.",
			manifest: admTable(withGSI, strings.Replace(admTableGSI, "keyType: HASH", "keyType: RANGE", 1)),
			wantErr:  "keySchema is a HASH attribute, then optionally a RANGE attribute, in this order",
		},
		"NameTooShort": {
			reason:   "A table name has at least 3 characters.",
			manifest: admMRMeta(admDynamoDBAPI, "Table", "ab", "", admSpec(admTableFP)),
			wantErr:  "metadata.name must be at least 3 characters",
		},
		"RegionRemoved": {
			reason:   "A table's region cannot be removed once set.",
			manifest: admTable(admTableFP),
			update:   admTable(strings.TrimPrefix(admTableFP, "region: us-east-1, ")),
			wantErr:  "region cannot be removed once set: a DynamoDB table cannot move between regions",
		},
		"RegionChanged": {
			reason:   "A table's region cannot change.",
			manifest: admTable(admTableFP),
			update:   admTable(strings.Replace(admTableFP, "us-east-1", "eu-west-1", 1)),
			wantErr:  "region is immutable: create a new Table in the other region instead",
		},
		"RegionZone": {
			reason:   "An availability zone is not a region.",
			manifest: admTable(strings.Replace(admTableFP, "us-east-1", "us-east-1a", 1)),
			wantErr:  "region must be an AWS region code such as us-east-1",
		},
		"KeySchemaChanged": {
			reason:   "The key schema is immutable.",
			manifest: admTable(admTableSK),
			update:   admTable(strings.Replace(admTableSK, "{attributeName: sk, keyType: RANGE}", "{attributeName: lsk, keyType: RANGE}", 1)),
			wantErr:  "keySchema is immutable: create a new Table with the other key schema instead",
		},
		"KeyTypeChanged": {
			reason:   "The type of a key attribute is immutable.",
			manifest: admTable(admTableFP),
			update:   admTable(strings.Replace(admTableFP, "attributeType: S", "attributeType: B", 1)),
			wantErr:  "the attributeType of a table key attribute is immutable: create a new Table with the other key type instead",
		},
		"LocalIndexesChanged": {
			reason:   "Local secondary indexes are immutable.",
			manifest: admTable(admTableSK),
			update:   admTable(strings.Replace(admTableSK, "KEYS_ONLY", "ALL", 1)),
			wantErr:  "localSecondaryIndexes are immutable: create a new Table with the other local secondary indexes instead",
		},
		"LocalIndexesRemoved": {
			reason:   "Local secondary indexes cannot be removed.",
			manifest: admTable(admTableSK),
			update:   admTable(admTableSK[:strings.Index(admTableSK, ", localSecondaryIndexes")]),
			wantErr:  "localSecondaryIndexes cannot be removed once set: create a new Table without them instead",
		},
		"GlobalIndexAdded": {
			reason:   "A global secondary index can be added (and billing switched) in place.",
			manifest: admTable(withGSI),
			update:   admTable(withGSI, admTableGSI, "billingMode: PAY_PER_REQUEST"),
		},
		"GlobalIndexKeyChanged": {
			reason:   "A global secondary index's key schema is immutable.",
			manifest: admTable(withGSI, admTableGSI),
			update:   admTable(withGSI, strings.Replace(admTableGSI, "keyType: HASH}]", "keyType: HASH}, {attributeName: pk, keyType: RANGE}]", 1)),
			wantErr:  "the keySchema of a global secondary index is immutable: add an index of another name",
		},
		"GlobalIndexProjectionChanged": {
			reason:   "A global secondary index's projection is immutable.",
			manifest: admTable(withGSI, admTableGSI),
			update:   admTable(withGSI, strings.Replace(admTableGSI, "projectionType: ALL", "projectionType: KEYS_ONLY", 1)),
			wantErr:  "the projection of a global secondary index is immutable: add an index of another name",
		},
		"OnDemandWithThroughput": {
			reason:   "PAY_PER_REQUEST takes no provisioned throughput.",
			manifest: admTable(admTableFP, "billingMode: PAY_PER_REQUEST, provisionedThroughput: {readCapacityUnits: 1, writeCapacityUnits: 1}"),
			wantErr:  "provisionedThroughput is for billingMode PROVISIONED: remove it with PAY_PER_REQUEST",
		},
		"ProvisionedWithoutThroughput": {
			reason:   "PROVISIONED needs provisioned throughput.",
			manifest: admTable(admTableFP, "billingMode: PROVISIONED"),
			wantErr:  "billingMode PROVISIONED needs provisionedThroughput",
		},
		"ProvisionedIndexWithoutThroughput": {
			reason:   "Every index of a PROVISIONED table needs throughput.",
			manifest: admTable(withGSI, admTableGSI, "billingMode: PROVISIONED, provisionedThroughput: {readCapacityUnits: 1, writeCapacityUnits: 1}"),
			wantErr:  "set provisionedThroughput on every global secondary index of a PROVISIONED table",
		},
		"StreamWithoutViewType": {
			reason:   "An enabled stream needs a view type.",
			manifest: admTable(admTableFP, "streamSpecification: {streamEnabled: true}"),
			wantErr:  "streamViewType is required when streamEnabled is true",
		},
		"KMSKeyWithoutEncryption": {
			reason:   "A KMS key needs enabled encryption.",
			manifest: admTable(admTableFP, "sseSpecification: {enabled: false, kmsMasterKeyIdRef: {name: k}}"),
			wantErr:  "kmsMasterKeyId needs enabled: true",
		},
		"TagsReserved": {
			reason:   "aws: tag keys are refused.",
			manifest: admTable(admTableFP, "tags: "+admTag("aws:x", "v")),
			wantErr:  "tag keys starting with aws: are reserved for AWS",
		},
	}
	admRun(t, "e2e-dynamodb-adm-", cases)
}
