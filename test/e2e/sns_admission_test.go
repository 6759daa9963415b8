package e2e

import (
	"strings"
	"testing"
)

const (
	admSnsAPI   = "sns.kaws.dev/v1alpha1"
	admTopicFP  = `region: us-east-1`
	admSubFP    = `region: us-east-1, topicArn: "arn:aws:sns:us-east-1:123456789012:t", protocol: sqs, endpoint: "arn:aws:sqs:us-east-1:123456789012:q"`
	admSubNoEnd = `region: us-east-1, topicArn: "arn:aws:sns:us-east-1:123456789012:t", protocol: sqs`
)

// TestSNSAdmissionRules checks the API server's validation of the SNS kinds
// (CRD schema and CEL rules) without the provider (see admCase).
func TestSNSAdmissionRules(t *testing.T) {
	t.Parallel()
	cases := map[string]admCase{
		"TopicValid": {
			reason:   "A FIFO topic with content-based deduplication is accepted.",
			manifest: admMR(admSnsAPI, "Topic", admSpec(admTopicFP, "fifoTopic: true, contentBasedDeduplication: true")),
		},
		"TopicDedupNeedsFifo": {
			reason:   "Content-based deduplication needs a FIFO topic.",
			manifest: admMR(admSnsAPI, "Topic", admSpec(admTopicFP, "contentBasedDeduplication: true")),
			wantErr:  "contentBasedDeduplication needs a FIFO topic",
		},
		"TopicFifoImmutable": {
			reason:   "A topic's type cannot change.",
			manifest: admMR(admSnsAPI, "Topic", admSpec(admTopicFP, "fifoTopic: false")),
			update:   admMR(admSnsAPI, "Topic", admSpec(admTopicFP, "fifoTopic: true")),
			wantErr:  "fifoTopic is immutable: create a new Topic",
		},
		"TopicFifoRemoved": {
			reason:   "A topic's type cannot be removed once set.",
			manifest: admMR(admSnsAPI, "Topic", admSpec(admTopicFP, "fifoTopic: false")),
			update:   admMR(admSnsAPI, "Topic", admSpec(admTopicFP)),
			wantErr:  "fifoTopic cannot be removed once set",
		},
		"TopicRegionChanged": {
			reason:   "A topic's region cannot change.",
			manifest: admMR(admSnsAPI, "Topic", admSpec(admTopicFP)),
			update:   admMR(admSnsAPI, "Topic", admSpec("region: eu-west-1")),
			wantErr:  "region is immutable: create a new Topic in the other region instead",
		},
		"TopicRegionRemoved": {
			reason:   "A topic's region cannot be removed once set.",
			manifest: admMR(admSnsAPI, "Topic", admSpec(admTopicFP)),
			update:   admMR(admSnsAPI, "Topic", admSpec("displayName: x")),
			wantErr:  "region cannot be removed once set",
		},
		"TopicReservedTag": {
			reason:   "The identity tag cannot be set by users.",
			manifest: admMR(admSnsAPI, "Topic", admSpec(admTopicFP, "tags: "+admTag("kaws.dev/managed-by", "x"))),
			wantErr:  "kaws.dev/managed-by is the provider's identity tag",
		},
		"SubscriptionValid": {
			reason:   "A subscription of a queue by reference with a filter policy and scope is accepted.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubNoEnd, "endpointQueueRef: {name: q}, filterPolicy: '{}', filterPolicyScope: MessageBody, rawMessageDelivery: true")),
		},
		"SubscriptionTopicRequired": {
			reason:   "The topic is required: value, reference or selector.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(`protocol: sqs, endpoint: "arn:aws:sqs:us-east-1:123456789012:q"`)),
			wantErr:  "spec.forProvider.topicArn is required",
		},
		"SubscriptionEndpointRequired": {
			reason:   "The endpoint is required: value, or a Queue reference or selector.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubNoEnd)),
			wantErr:  "spec.forProvider.endpoint is required",
		},
		"SubscriptionProtocolRequired": {
			reason:   "The protocol is required.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(`topicArn: t, endpoint: e`)),
			wantErr:  "spec.forProvider.protocol: Required value",
		},
		"SubscriptionQueueRefNeedsSQS": {
			reason:   "A Queue reference is only for protocol sqs.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(`topicArn: t, protocol: https, endpointQueueRef: {name: q}`)),
			wantErr:  "endpointQueueRef and endpointQueueSelector need protocol sqs",
		},
		"SubscriptionScopeNeedsFilter": {
			reason:   "A filter policy scope needs a filter policy.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubFP, "filterPolicyScope: MessageBody")),
			wantErr:  "filterPolicyScope needs a filterPolicy",
		},
		"SubscriptionRawNeedsProtocol": {
			reason:   "Raw message delivery is not for email.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(`topicArn: t, protocol: email, endpoint: a@example.com, rawMessageDelivery: true`)),
			wantErr:  "rawMessageDelivery is only for the protocols",
		},
		"SubscriptionProtocolImmutable": {
			reason:   "The protocol cannot change.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubFP)),
			update:   admMR(admSnsAPI, "Subscription", admSpec(strings.Replace(admSubFP, "protocol: sqs", "protocol: lambda", 1))),
			wantErr:  "protocol is immutable: create a new Subscription",
		},
		"SubscriptionEndpointImmutable": {
			reason:   "The endpoint cannot change.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubFP)),
			update:   admMR(admSnsAPI, "Subscription", admSpec(strings.Replace(admSubFP, ":q\"", ":q2\"", 1))),
			wantErr:  "endpoint is immutable: create a new Subscription",
		},
		"SubscriptionEndpointRemoved": {
			reason:   "The endpoint cannot be removed once set (a reference alone would resolve to another queue).",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubFP)),
			update:   admMR(admSnsAPI, "Subscription", admSpec(admSubNoEnd, "endpointQueueRef: {name: q}")),
			wantErr:  "endpoint cannot be removed once set",
		},
		"SubscriptionTopicImmutable": {
			reason:   "The topic cannot change.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubFP)),
			update:   admMR(admSnsAPI, "Subscription", admSpec(strings.Replace(admSubFP, ":t\"", ":t2\"", 1))),
			wantErr:  "topicArn is immutable: create a new Subscription",
		},
		"SubscriptionRegionRemoved": {
			reason:   "A subscription's region cannot be removed once set.",
			manifest: admMR(admSnsAPI, "Subscription", admSpec(admSubFP)),
			update:   admMR(admSnsAPI, "Subscription", admSpec(strings.TrimPrefix(admSubFP, "region: us-east-1, "))),
			wantErr:  "region cannot be removed once set",
		},
	}
	admRun(t, "adm-sns-", cases)
}
