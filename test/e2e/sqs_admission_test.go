package e2e

import (
	"strings"
	"testing"
)

const admSqsAPI = "sqs.kaws.dev/v1alpha1"

// sqsAdm returns a paused, Observe-only Queue named name (see admMR) with
// forProvider {parts...}.
func sqsAdm(name string, parts ...string) string {
	return admMRMeta(admSqsAPI, "Queue", name, "", admSpec(parts...))
}

// TestSQSAdmissionRules checks the API server's validation of Queues (CRD
// schema and CEL rules) without the provider (see admCase). Each case names
// its queue: the name rules are what some cases check.
func TestSQSAdmissionRules(t *testing.T) {
	t.Parallel()
	const dlqRef = "redrivePolicy: {deadLetterTargetArnRef: {name: dlq}, maxReceiveCount: 3}"
	cases := map[string]admCase{
		"Standard": {reason: "A standard queue with every attribute is accepted.",
			manifest: sqsAdm("adm-sqs-std", "region: us-east-1, visibilityTimeoutSeconds: 60, messageRetentionPeriodSeconds: 60, delaySeconds: 900, maximumMessageSize: 1024, receiveMessageWaitTimeSeconds: 20",
				dlqRef, "redriveAllowPolicy: {redrivePermission: denyAll}, sqsManagedSseEnabled: true, policy: '{}', tags: {team: a}")},
		"FIFO": {reason: "A FIFO queue named .fifo with FIFO attributes is accepted.",
			manifest: sqsAdm("adm-sqs-fifo.fifo", "fifoQueue: true, contentBasedDeduplication: true, deduplicationScope: messageGroup, fifoThroughputLimit: perMessageGroupId")},
		"FIFONameWithoutSuffix": {reason: "A FIFO queue's name must end in .fifo.",
			manifest: sqsAdm("adm-sqs-fifo-nosuffix", "fifoQueue: true"), wantErr: "set spec.forProvider.fifoQueue: true exactly when metadata.name ends in .fifo"},
		"SuffixWithoutFIFO": {reason: "A name ending in .fifo needs fifoQueue: true.",
			manifest: sqsAdm("adm-sqs-nofifo.fifo"), wantErr: "set spec.forProvider.fifoQueue: true exactly when metadata.name ends in .fifo"},
		"DotInName": {reason: "A dot elsewhere than in .fifo is no queue name.",
			manifest: sqsAdm("adm.sqs.dot"), wantErr: "metadata.name may contain a dot only in a .fifo suffix"},
		"NameTooLong": {reason: "A queue name is at most 80 characters.",
			manifest: sqsAdm("adm-sqs-" + strings.Repeat("a", 73)), wantErr: "metadata.name must be at most 80 characters"},
		"FIFOAttributesOnStandard": {reason: "FIFO attributes need a FIFO queue.",
			manifest: sqsAdm("adm-sqs-dedup", "contentBasedDeduplication: true"), wantErr: "contentBasedDeduplication, deduplicationScope and fifoThroughputLimit are for FIFO queues only"},
		"FIFOImmutable": {reason: "fifoQueue cannot change.",
			manifest: sqsAdm("adm-sqs-type", "fifoQueue: false"), update: sqsAdm("adm-sqs-type", "fifoQueue: true"), wantErr: "fifoQueue is immutable"},
		"FIFORemoved": {reason: "fifoQueue cannot be removed once set.",
			manifest: sqsAdm("adm-sqs-type-rm", "fifoQueue: false"), update: sqsAdm("adm-sqs-type-rm", "delaySeconds: 1"), wantErr: "fifoQueue cannot be removed once set"},
		"RegionChanged": {reason: "A queue's region cannot change.",
			manifest: sqsAdm("adm-sqs-region", "region: us-east-1"), update: sqsAdm("adm-sqs-region", "region: eu-west-1"), wantErr: "region is immutable: create a new Queue"},
		"RegionRemoved": {reason: "A queue's region cannot be removed once set.",
			manifest: sqsAdm("adm-sqs-region-rm", "region: us-east-1"), update: sqsAdm("adm-sqs-region-rm", "delaySeconds: 1"), wantErr: "region cannot be removed once set"},
		"RegionZone": {reason: "An availability zone is not a region.",
			manifest: sqsAdm("adm-sqs-zone", "region: us-east-1a"), wantErr: "region must be an AWS region code"},
		"AttributesUpdated": {reason: "Attributes change in place.",
			manifest: sqsAdm("adm-sqs-upd", "region: us-east-1, delaySeconds: 1"), update: sqsAdm("adm-sqs-upd", "region: us-east-1, delaySeconds: 2, visibilityTimeoutSeconds: 5")},
		"VisibilityTooLong": {reason: "The visibility timeout is at most 12 hours.",
			manifest: sqsAdm("adm-sqs-vis", "visibilityTimeoutSeconds: 43201"), wantErr: "spec.forProvider.visibilityTimeoutSeconds"},
		"RetentionTooShort": {reason: "The retention period is at least 60 s.",
			manifest: sqsAdm("adm-sqs-ret", "messageRetentionPeriodSeconds: 59"), wantErr: "spec.forProvider.messageRetentionPeriodSeconds"},
		"RedriveWithoutTarget": {reason: "A redrive policy needs its dead-letter queue.",
			manifest: sqsAdm("adm-sqs-rd", "redrivePolicy: {maxReceiveCount: 3}"), wantErr: "set redrivePolicy.maxReceiveCount and one of deadLetterTargetArn"},
		"RedriveWithoutCount": {reason: "A redrive policy needs its max receive count.",
			manifest: sqsAdm("adm-sqs-rd-count", "redrivePolicy: {deadLetterTargetArn: x}"), wantErr: "or set redrivePolicy: {} to remove the queue's redrive policy"},
		"RedriveEmpty": {reason: "An empty redrive policy (none) is accepted.",
			manifest: sqsAdm("adm-sqs-rd-none", "redrivePolicy: {}")},
		"RedriveCountTooHigh": {reason: "maxReceiveCount is at most 1000.",
			manifest: sqsAdm("adm-sqs-rdc", "redrivePolicy: {deadLetterTargetArn: x, maxReceiveCount: 1001}"), wantErr: "spec.forProvider.redrivePolicy.maxReceiveCount"},
		"ByQueueWithoutSources": {reason: "byQueue needs source queues.",
			manifest: sqsAdm("adm-sqs-bq", "redriveAllowPolicy: {redrivePermission: byQueue}"), wantErr: "redriveAllowPolicy.sourceQueueArns is required with redrivePermission byQueue"},
		"AllowAllWithSources": {reason: "allowAll takes no source queues.",
			manifest: sqsAdm("adm-sqs-aa", "redriveAllowPolicy: {redrivePermission: allowAll, sourceQueueArns: [a]}"), wantErr: "redriveAllowPolicy.sourceQueueArns is required with redrivePermission byQueue"},
		"ByQueue": {reason: "byQueue with source queues is accepted.",
			manifest: sqsAdm("adm-sqs-bq-ok", "redriveAllowPolicy: {redrivePermission: byQueue, sourceQueueArns: [a, b]}")},
		"SSEBoth": {reason: "SSE-SQS and a KMS key exclude each other.",
			manifest: sqsAdm("adm-sqs-sse", "sqsManagedSseEnabled: true, kmsMasterKeyId: alias/aws/sqs"), wantErr: "set sqsManagedSseEnabled: false to use the KMS key"},
		"SSEBothRef": {reason: "SSE-SQS and a KMS key reference exclude each other.",
			manifest: sqsAdm("adm-sqs-sse-ref", "sqsManagedSseEnabled: true, kmsMasterKeyIdRef: {name: k}"), wantErr: "set sqsManagedSseEnabled: false to use the KMS key"},
		"KMS": {reason: "A KMS key with SSE-SQS off and a reuse period is accepted.",
			manifest: sqsAdm("adm-sqs-kms", "sqsManagedSseEnabled: false, kmsMasterKeyIdRef: {name: k}, kmsDataKeyReusePeriodSeconds: 600")},
		"ReuseWithoutKMS": {reason: "A data key reuse period needs a KMS key.",
			manifest: sqsAdm("adm-sqs-reuse", "kmsDataKeyReusePeriodSeconds: 600"), wantErr: "kmsDataKeyReusePeriodSeconds needs a KMS key"},
		"ReservedTag": {reason: "aws: tags are AWS's.",
			manifest: sqsAdm("adm-sqs-tag", "tags: "+admTag("aws:x", "v")), wantErr: "tag keys starting with aws: are reserved for AWS"},
	}
	admRun(t, "adm-sqs-", cases)
}
