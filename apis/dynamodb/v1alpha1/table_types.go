package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// AttributeDefinition is the type of a key attribute of the table or of
// one of its indexes.
type AttributeDefinition struct {
	// AttributeName is the attribute's name.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	AttributeName string `json:"attributeName"`
	// AttributeType is S (string), N (number) or B (binary).
	// +kubebuilder:validation:Enum=S;N;B
	AttributeType string `json:"attributeType"`
}

// KeySchemaElement is one attribute of a primary key.
type KeySchemaElement struct {
	// AttributeName is the attribute's name; it needs an entry in
	// attributeDefinitions.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	AttributeName string `json:"attributeName"`
	// KeyType is HASH (the partition key) or RANGE (the sort key).
	// +kubebuilder:validation:Enum=HASH;RANGE
	KeyType string `json:"keyType"`
}

// ProvisionedThroughput is the capacity of a PROVISIONED table or index.
type ProvisionedThroughput struct {
	// ReadCapacityUnits per second, at least 1.
	// +kubebuilder:validation:Minimum=1
	ReadCapacityUnits int64 `json:"readCapacityUnits"`
	// WriteCapacityUnits per second, at least 1.
	// +kubebuilder:validation:Minimum=1
	WriteCapacityUnits int64 `json:"writeCapacityUnits"`
}

// Projection is what an index copies from the table.
// +kubebuilder:validation:XValidation:rule="!has(self.nonKeyAttributes) || self.projectionType == 'INCLUDE'",message="nonKeyAttributes are for projectionType INCLUDE only"
type Projection struct {
	// ProjectionType is ALL, KEYS_ONLY or INCLUDE (the keys and
	// nonKeyAttributes).
	// +kubebuilder:validation:Enum=ALL;KEYS_ONLY;INCLUDE
	ProjectionType string `json:"projectionType"`
	// NonKeyAttributes copied into the index with projectionType INCLUDE.
	// Compared as a set.
	// +optional
	// +kubebuilder:validation:MaxItems=100
	// +listType=set
	NonKeyAttributes []string `json:"nonKeyAttributes,omitempty"`
}

// GlobalSecondaryIndex is an index with its own partition (and sort) key.
type GlobalSecondaryIndex struct {
	// IndexName, unique within the table.
	// +kubebuilder:validation:MinLength=3
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9_.-]+$`
	IndexName string `json:"indexName"`
	// KeySchema of the index: a HASH attribute and an optional RANGE
	// attribute, each in attributeDefinitions. Immutable: add an index of
	// another name (and remove this one) instead.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=2
	// +kubebuilder:validation:XValidation:rule="self[0].keyType == 'HASH' && (size(self) == 1 || self[1].keyType == 'RANGE')",message="keySchema is a HASH attribute, then optionally a RANGE attribute, in this order"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="the keySchema of a global secondary index is immutable: add an index of another name with the new key schema (and remove this one) instead"
	KeySchema []KeySchemaElement `json:"keySchema"`
	// Projection of the index. Immutable: add an index of another name
	// (and remove this one) instead.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="the projection of a global secondary index is immutable: add an index of another name with the new projection (and remove this one) instead"
	Projection Projection `json:"projection"`
	// ProvisionedThroughput of the index: required when the table is
	// PROVISIONED, refused when it is PAY_PER_REQUEST. Updated in place.
	// +optional
	ProvisionedThroughput *ProvisionedThroughput `json:"provisionedThroughput,omitempty"`
}

// LocalSecondaryIndex is an index with the table's partition key and
// another sort key. Local secondary indexes exist only from the table's
// creation on.
type LocalSecondaryIndex struct {
	// IndexName, unique within the table.
	// +kubebuilder:validation:MinLength=3
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9_.-]+$`
	IndexName string `json:"indexName"`
	// KeySchema of the index: the table's HASH attribute and a RANGE
	// attribute.
	// +kubebuilder:validation:MinItems=2
	// +kubebuilder:validation:MaxItems=2
	// +kubebuilder:validation:XValidation:rule="self[0].keyType == 'HASH' && (size(self) == 1 || self[1].keyType == 'RANGE')",message="keySchema is a HASH attribute, then optionally a RANGE attribute, in this order"
	KeySchema []KeySchemaElement `json:"keySchema"`
	// Projection of the index.
	Projection Projection `json:"projection"`
}

// StreamSpecification turns on DynamoDB Streams.
// +kubebuilder:validation:XValidation:rule="!self.streamEnabled || has(self.streamViewType)",message="streamViewType is required when streamEnabled is true"
type StreamSpecification struct {
	// StreamEnabled turns the stream on or off.
	StreamEnabled bool `json:"streamEnabled"`
	// StreamViewType is what the stream records of a changed item:
	// KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES. Changing it
	// turns the stream off and on again (a new stream ARN).
	// +optional
	// +kubebuilder:validation:Enum=KEYS_ONLY;NEW_IMAGE;OLD_IMAGE;NEW_AND_OLD_IMAGES
	StreamViewType *string `json:"streamViewType,omitempty"`
}

// SSESpecification is the server-side encryption of the table.
// +kubebuilder:validation:XValidation:rule="self.enabled || (!has(self.kmsMasterKeyId) && !has(self.kmsMasterKeyIdRef) && !has(self.kmsMasterKeyIdSelector))",message="kmsMasterKeyId needs enabled: true"
type SSESpecification struct {
	// Enabled: true encrypts with a KMS key (kmsMasterKeyId, or the AWS
	// managed key aws/dynamodb); false with a key DynamoDB owns (the
	// default).
	Enabled bool `json:"enabled"`
	// SSEType is KMS, the only type DynamoDB accepts.
	// +optional
	// +kubebuilder:validation:Enum=KMS
	SSEType *string `json:"sseType,omitempty"`
	// KMSMasterKeyID is the ARN or ID of the KMS key (DynamoDB reports its
	// ARN). Omitted with enabled: true: the AWS managed key aws/dynamodb.
	// Set it, or resolve it from a Key with kmsMasterKeyIdRef or
	// kmsMasterKeyIdSelector. An alias is accepted but not compared.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/kms/v1alpha1.Key
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	KMSMasterKeyID *string `json:"kmsMasterKeyId,omitempty"`
	// KMSMasterKeyIDRef references a Key to set kmsMasterKeyId (its ARN).
	// +optional
	KMSMasterKeyIDRef *xpv2.NamespacedReference `json:"kmsMasterKeyIdRef,omitempty"`
	// KMSMasterKeyIDSelector selects a Key by labels to set kmsMasterKeyId.
	// +optional
	KMSMasterKeyIDSelector *xpv2.NamespacedSelector `json:"kmsMasterKeyIdSelector,omitempty"`
}

// TimeToLive expires items by a timestamp attribute.
type TimeToLive struct {
	// Enabled turns TTL on or off.
	Enabled bool `json:"enabled"`
	// AttributeName holds each item's expiry time (epoch seconds).
	// Changing it while enabled turns TTL off and on again, which AWS
	// allows once an hour.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	AttributeName string `json:"attributeName"`
}

// PointInTimeRecovery is the continuous backup of the table.
type PointInTimeRecovery struct {
	// Enabled turns point-in-time recovery on or off.
	Enabled bool `json:"enabled"`
	// RecoveryPeriodInDays, 1 to 35, of an enabled recovery. Omitted: not
	// managed (AWS's default is 35).
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=35
	RecoveryPeriodInDays *int32 `json:"recoveryPeriodInDays,omitempty"`
}

// TableParameters are the configurable fields of a Table.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a DynamoDB table cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.localSecondaryIndexes) || !has(oldSelf.localSecondaryIndexes)",message="localSecondaryIndexes cannot be removed once set: create a new Table without them instead"
// +kubebuilder:validation:XValidation:rule="self.keySchema.all(k, self.attributeDefinitions.exists(a, a.attributeName == k.attributeName))",message="every attribute of keySchema needs an entry in attributeDefinitions"
// +kubebuilder:validation:XValidation:rule="oldSelf.keySchema.all(k, !oldSelf.attributeDefinitions.exists(o, o.attributeName == k.attributeName) || self.attributeDefinitions.exists(a, a.attributeName == k.attributeName && oldSelf.attributeDefinitions.exists(o, o.attributeName == k.attributeName && o.attributeType == a.attributeType)))",message="the attributeType of a table key attribute is immutable: create a new Table with the other key type instead"
// +kubebuilder:validation:XValidation:rule="!has(self.billingMode) || self.billingMode != 'PAY_PER_REQUEST' || !has(self.provisionedThroughput)",message="provisionedThroughput is for billingMode PROVISIONED: remove it with PAY_PER_REQUEST"
// +kubebuilder:validation:XValidation:rule="!has(self.billingMode) || self.billingMode != 'PROVISIONED' || has(self.provisionedThroughput)",message="billingMode PROVISIONED needs provisionedThroughput"
// +kubebuilder:validation:XValidation:rule="!has(self.globalSecondaryIndexes) || self.globalSecondaryIndexes.all(g, has(g.provisionedThroughput) == has(self.provisionedThroughput))",message="set provisionedThroughput on every global secondary index of a PROVISIONED table (one with provisionedThroughput), and on none of a PAY_PER_REQUEST table"
type TableParameters struct {
	// Region of the table, e.g. us-east-1. Defaults to the
	// ProviderConfig's region and is then written here (the provider writes
	// it at the first observation). Immutable, and cannot be removed once
	// set: a table cannot move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Table in the other region instead"
	Region *string `json:"region,omitempty"`

	// AttributeDefinitions are the types of the key attributes of the table
	// and of its indexes: exactly those (DynamoDB refuses others). Compared
	// as a set by name. The type of a table key attribute is immutable.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=50
	// +listType=map
	// +listMapKey=attributeName
	AttributeDefinitions []AttributeDefinition `json:"attributeDefinitions"`

	// KeySchema is the primary key: a HASH attribute and an optional RANGE
	// attribute. Immutable: create a new Table to change it.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=2
	// +kubebuilder:validation:XValidation:rule="self[0].keyType == 'HASH' && (size(self) == 1 || self[1].keyType == 'RANGE')",message="keySchema is a HASH attribute, then optionally a RANGE attribute, in this order"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="keySchema is immutable: create a new Table with the other key schema instead"
	KeySchema []KeySchemaElement `json:"keySchema"`

	// BillingMode is PAY_PER_REQUEST (on demand) or PROVISIONED (with
	// provisionedThroughput). Omitted: a new table is PROVISIONED when
	// provisionedThroughput is set, else PAY_PER_REQUEST, and AWS's mode is
	// written here on first observation. Switching is done in place (AWS
	// allows it once a day per direction).
	// +optional
	// +kubebuilder:validation:Enum=PAY_PER_REQUEST;PROVISIONED
	BillingMode *string `json:"billingMode,omitempty"`

	// ProvisionedThroughput of a PROVISIONED table. Updated in place.
	// +optional
	ProvisionedThroughput *ProvisionedThroughput `json:"provisionedThroughput,omitempty"`

	// GlobalSecondaryIndexes of the table, by name. Omitted: AWS's indexes
	// are written here on first observation. Set: exactly these indexes; an
	// index is created, updated (its provisionedThroughput) or deleted one
	// at a time, as DynamoDB requires, each step reported in the Ready
	// condition.
	// +optional
	// +kubebuilder:validation:MaxItems=20
	// +listType=map
	// +listMapKey=indexName
	GlobalSecondaryIndexes []GlobalSecondaryIndex `json:"globalSecondaryIndexes,omitempty"`

	// LocalSecondaryIndexes of the table, by name: set at creation only.
	// Immutable, and cannot be removed once set: create a new Table to
	// change them. Omitted: AWS's indexes are written here on first
	// observation.
	// +optional
	// +kubebuilder:validation:MaxItems=5
	// +listType=map
	// +listMapKey=indexName
	// +kubebuilder:validation:XValidation:rule="self.all(x, x in oldSelf) && oldSelf.all(x, x in self)",message="localSecondaryIndexes are immutable: create a new Table with the other local secondary indexes instead"
	LocalSecondaryIndexes []LocalSecondaryIndex `json:"localSecondaryIndexes,omitempty"`

	// StreamSpecification of the table's DynamoDB stream. Omitted: AWS's
	// stream (when enabled) is written here on first observation.
	// +optional
	StreamSpecification *StreamSpecification `json:"streamSpecification,omitempty"`

	// SSESpecification is the server-side encryption. Omitted: AWS's
	// encryption (when a KMS key) is written here on first observation;
	// a new table is encrypted with a key DynamoDB owns.
	// +optional
	SSESpecification *SSESpecification `json:"sseSpecification,omitempty"`

	// TableClass is STANDARD or STANDARD_INFREQUENT_ACCESS. Omitted: AWS's
	// class is written here on first observation (a new table is STANDARD).
	// +optional
	// +kubebuilder:validation:Enum=STANDARD;STANDARD_INFREQUENT_ACCESS
	TableClass *string `json:"tableClass,omitempty"`

	// DeletionProtectionEnabled keeps the table from being deleted: while
	// true, deleting the Table waits, saying so in its conditions, until
	// it is set to false. Omitted: AWS's setting is written here on first
	// observation (false for a new table).
	// +optional
	DeletionProtectionEnabled *bool `json:"deletionProtectionEnabled,omitempty"`

	// TimeToLive of the table's items. Omitted: not managed and not read.
	// +optional
	TimeToLive *TimeToLive `json:"timeToLive,omitempty"`

	// PointInTimeRecovery of the table. Omitted: not managed and not read.
	// +optional
	PointInTimeRecovery *PointInTimeRecovery `json:"pointInTimeRecovery,omitempty"`

	// Tags of the table. Omitted: not managed and not read. Set: exactly
	// these tags, others are removed. At most 50 tags (keys of 1 to 128
	// characters, values of at most 256); keys starting with aws: and the
	// key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// IndexObservation is what AWS reports about a global secondary index.
type IndexObservation struct {
	// IndexName of the index.
	IndexName string `json:"indexName"`
	// IndexStatus is CREATING, UPDATING, DELETING or ACTIVE.
	IndexStatus string `json:"indexStatus,omitempty"`
	// IndexARN of the index.
	IndexARN string `json:"indexArn,omitempty"`
}

// LastUpdate is the last UpdateTable request the provider sent, so the
// same request is not sent again on every poll when DynamoDB accepts it
// but does not show its change.
type LastUpdate struct {
	// Step is what the request changes, e.g. "creating global secondary
	// index by-email".
	Step string `json:"step"`
	// Request is the fingerprint of the request.
	Request string `json:"request"`
	// Time the request was sent.
	Time metav1.Time `json:"time"`
}

// TableObservation is what AWS reports about a table.
type TableObservation struct {
	// ARN of the table, e.g.
	// arn:aws:dynamodb:us-east-1:123456789012:table/orders.
	ARN string `json:"arn,omitempty"`
	// TableID is the unique ID AWS assigned to the table.
	TableID string `json:"tableId,omitempty"`
	// TableStatus is CREATING, UPDATING, DELETING, ACTIVE,
	// INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING or ARCHIVED.
	TableStatus string `json:"tableStatus,omitempty"`
	// StreamARN is the ARN of the table's stream while it is enabled.
	StreamARN string `json:"streamArn,omitempty"`
	// LatestStreamLabel is the label of the table's stream while it is
	// enabled.
	LatestStreamLabel string `json:"latestStreamLabel,omitempty"`
	// CreationDateTime of the table, RFC 3339.
	CreationDateTime string `json:"creationDateTime,omitempty"`
	// GlobalSecondaryIndexes are the table's indexes and their status.
	// +optional
	GlobalSecondaryIndexes []IndexObservation `json:"globalSecondaryIndexes,omitempty"`
	// LastUpdate is the last UpdateTable request the provider sent; it is
	// cleared once the table matches the spec.
	// +optional
	LastUpdate *LastUpdate `json:"lastUpdate,omitempty"`
}

// A TableSpec defines the desired state of a Table.
type TableSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              TableParameters `json:"forProvider"`
}

// A TableStatus represents the observed state of a Table.
type TableStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 TableObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Table is a DynamoDB table. Its external name (the
// crossplane.io/external-name annotation) is the table name and defaults to
// metadata.name; set it to adopt an existing table of another name (with
// managementPolicies: [Observe] to import it without changing it). The
// table is Ready when it and every global secondary index are ACTIVE.
// Its connection secret (spec.writeConnectionSecretToRef) holds tableName,
// arn, streamArn (the empty string while the table has no enabled stream)
// and region.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="STATUS",type="string",JSONPath=".status.atProvider.tableStatus"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) >= 3",message="metadata.name must be at least 3 characters, the minimum of a DynamoDB table name: it is the table name by default, and the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations)"
type Table struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   TableSpec   `json:"spec"`
	Status TableStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// TableList contains a list of Table.
type TableList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Table `json:"items"`
}

func init() { SchemeBuilder.Register(&Table{}, &TableList{}) }
