package queue

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/kaws-dev/provider-aws/apis/sqs/v1alpha1"
)

// The attributes of a queue, by their SQS names.
const (
	attrFifo         = string(types.QueueAttributeNameFifoQueue)
	attrContentDedup = string(types.QueueAttributeNameContentBasedDeduplication)
	attrDedupScope   = string(types.QueueAttributeNameDeduplicationScope)
	attrThroughput   = string(types.QueueAttributeNameFifoThroughputLimit)
	attrVisibility   = string(types.QueueAttributeNameVisibilityTimeout)
	attrRetention    = string(types.QueueAttributeNameMessageRetentionPeriod)
	attrDelay        = string(types.QueueAttributeNameDelaySeconds)
	attrMaxSize      = string(types.QueueAttributeNameMaximumMessageSize)
	attrReceiveWait  = string(types.QueueAttributeNameReceiveMessageWaitTimeSeconds)
	attrRedrive      = string(types.QueueAttributeNameRedrivePolicy)
	attrRedriveAllow = string(types.QueueAttributeNameRedriveAllowPolicy)
	attrSSE          = string(types.QueueAttributeNameSqsManagedSseEnabled)
	attrKMSKey       = string(types.QueueAttributeNameKmsMasterKeyId)
	attrKMSReuse     = string(types.QueueAttributeNameKmsDataKeyReusePeriodSeconds)
	attrPolicy       = string(types.QueueAttributeNamePolicy)
)

// redrive is the JSON of a RedrivePolicy attribute. maxReceiveCount comes
// back as a number or a string.
type redrive struct {
	DeadLetterTargetARN string      `json:"deadLetterTargetArn"`
	MaxReceiveCount     json.Number `json:"maxReceiveCount"`
}

// redriveAllow is the JSON of a RedriveAllowPolicy attribute.
type redriveAllow struct {
	RedrivePermission string   `json:"redrivePermission"`
	SourceQueueARNs   []string `json:"sourceQueueArns,omitempty"`
}

// toAttributes returns the attributes of the set fields of p; an empty
// string removes a policy or the KMS key.
func toAttributes(p *v1alpha1.QueueParameters) map[string]string {
	a := map[string]string{}
	putBool(a, attrFifo, p.FifoQueue)
	putBool(a, attrContentDedup, p.ContentBasedDeduplication)
	putString(a, attrDedupScope, p.DeduplicationScope)
	putString(a, attrThroughput, p.FifoThroughputLimit)
	putInt(a, attrVisibility, p.VisibilityTimeoutSeconds)
	putInt(a, attrRetention, p.MessageRetentionPeriodSeconds)
	putInt(a, attrDelay, p.DelaySeconds)
	putInt(a, attrMaxSize, p.MaximumMessageSize)
	putInt(a, attrReceiveWait, p.ReceiveMessageWaitTimeSeconds)
	if r := p.RedrivePolicy; r != nil {
		b, _ := json.Marshal(map[string]any{"deadLetterTargetArn": aws.ToString(r.DeadLetterTargetARN), "maxReceiveCount": r.MaxReceiveCount}) //nolint:errchkjson // A map of a string and an int always marshals.
		a[attrRedrive] = string(b)
	}
	if r := p.RedriveAllowPolicy; r != nil {
		b, _ := json.Marshal(redriveAllow{RedrivePermission: r.RedrivePermission, SourceQueueARNs: r.SourceQueueARNs}) //nolint:errchkjson // Strings always marshal.
		a[attrRedriveAllow] = string(b)
	}
	putBool(a, attrSSE, p.SQSManagedSSEEnabled)
	putString(a, attrKMSKey, p.KMSMasterKeyID)
	putInt(a, attrKMSReuse, p.KMSDataKeyReusePeriodSeconds)
	putString(a, attrPolicy, p.Policy)
	return a
}

func putBool(a map[string]string, k string, v *bool) {
	if v != nil {
		a[k] = strconv.FormatBool(*v)
	}
}

func putInt(a map[string]string, k string, v *int32) {
	if v != nil {
		a[k] = strconv.FormatInt(int64(*v), 10)
	}
}

func putString(a map[string]string, k string, v *string) {
	if v != nil {
		a[k] = *v
	}
}

// fromAttributes returns a queue's attributes and tags as parameters. An
// attribute AWS does not report is nil, except the queue type (a standard
// queue reports no FifoQueue), the KMS key and the policy ("": none).
func fromAttributes(a map[string]string, t map[string]string) *v1alpha1.QueueParameters {
	p := &v1alpha1.QueueParameters{
		FifoQueue:                     aws.Bool(a[attrFifo] == "true"),
		ContentBasedDeduplication:     getBool(a, attrContentDedup),
		DeduplicationScope:            getString(a, attrDedupScope),
		FifoThroughputLimit:           getString(a, attrThroughput),
		VisibilityTimeoutSeconds:      getInt(a, attrVisibility),
		MessageRetentionPeriodSeconds: getInt(a, attrRetention),
		DelaySeconds:                  getInt(a, attrDelay),
		MaximumMessageSize:            getInt(a, attrMaxSize),
		ReceiveMessageWaitTimeSeconds: getInt(a, attrReceiveWait),
		SQSManagedSSEEnabled:          getBool(a, attrSSE),
		KMSMasterKeyID:                aws.String(a[attrKMSKey]),
		KMSDataKeyReusePeriodSeconds:  getInt(a, attrKMSReuse),
		Policy:                        aws.String(a[attrPolicy]),
		Tags:                          t,
	}
	if s := a[attrRedrive]; s != "" {
		var r redrive
		_ = json.Unmarshal([]byte(s), &r) // Not JSON: an empty policy, which differs from any spec.
		n, _ := strconv.ParseInt(r.MaxReceiveCount.String(), 10, 32)
		p.RedrivePolicy = &v1alpha1.RedrivePolicy{DeadLetterTargetARN: aws.String(r.DeadLetterTargetARN), MaxReceiveCount: int32(n)}
	}
	if s := a[attrRedriveAllow]; s != "" {
		var r redriveAllow
		_ = json.Unmarshal([]byte(s), &r) // Not JSON: an empty policy, which differs from any spec.
		p.RedriveAllowPolicy = &v1alpha1.RedriveAllowPolicy{RedrivePermission: r.RedrivePermission, SourceQueueARNs: r.SourceQueueARNs}
	}
	return p
}

func getBool(a map[string]string, k string) *bool {
	v, ok := a[k]
	if !ok {
		return nil
	}
	b, _ := strconv.ParseBool(v)
	return &b
}

func getInt(a map[string]string, k string) *int32 {
	v, ok := a[k]
	if !ok {
		return nil
	}
	n, _ := strconv.ParseInt(v, 10, 32)
	return aws.Int32(int32(n))
}

func getString(a map[string]string, k string) *string {
	v, ok := a[k]
	if !ok {
		return nil
	}
	return &v
}

// sortSources sorts the source queue ARNs of a redrive allow policy: SQS
// treats them as a set.
func sortSources(r *v1alpha1.RedriveAllowPolicy) {
	if r != nil {
		sort.Strings(r.SourceQueueARNs)
	}
}
