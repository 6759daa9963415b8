package main

import (
	"fmt"
	"strconv"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// A workload is what one BENCH_KIND applies: n resources of one kind, after
// the setup objects they depend on.
type workload struct {
	kind   string // BENCH_KIND
	plural string // for messages: "S3 buckets"
	gvk    schema.GroupVersionKind
	// reads says what one observation reads, for the report.
	reads string
	// setup objects are applied and Ready before the wave.
	setup []func() *unstructured.Unstructured
	// object is the wave's i-th resource.
	object func(i int) *unstructured.Unstructured
}

// empty is an object of the workload's kind, for DeleteAllOf.
func (w workload) empty() *unstructured.Unstructured {
	u := &unstructured.Unstructured{}
	u.SetGroupVersionKind(w.gvk)
	return u
}

// mr is a managed resource of gvk named name in the bench namespace.
func mr(gvk schema.GroupVersionKind, name string, forProvider map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{"spec": map[string]any{"forProvider": forProvider}}}
	u.SetGroupVersionKind(gvk)
	u.SetName(name)
	u.SetNamespace("bench")
	return u
}

var (
	bucketGVK = schema.GroupVersionKind{Group: "s3.kaws.dev", Version: "v1alpha1", Kind: "Bucket"}
	queueGVK  = schema.GroupVersionKind{Group: "sqs.kaws.dev", Version: "v1alpha1", Kind: "Queue"}
)

// workloads by BENCH_KIND; "" is s3.
var workloads = map[string]workload{
	"":    s3Workload,
	"s3":  s3Workload,
	"sqs": sqsWorkload,
}

// s3Workload: buckets managing four sub-resources each (tags, versioning,
// AES256 encryption, a lifecycle rule).
var s3Workload = workload{
	kind: "s3", plural: "S3 buckets", gvk: bucketGVK,
	reads: "HeadBucket + 4 managed sub-resources",
	object: func(i int) *unstructured.Unstructured {
		return mr(bucketGVK, fmt.Sprintf("bench-%04d", i), map[string]any{
			"region":               "us-east-1",
			"tags":                 map[string]any{"bench": "true", "index": strconv.Itoa(i)},
			"versioning":           map[string]any{"status": "Enabled"},
			"serverSideEncryption": map[string]any{"sseAlgorithm": "AES256"},
			"lifecycle": map[string]any{"rules": []any{map[string]any{
				"id": "logs-to-glacier", "status": "Enabled", "filter": map[string]any{"prefix": "logs/"},
				"transitions": []any{map[string]any{"days": int64(60), "storageClass": "GLACIER"}},
			}}},
		})
	},
}

// sqsWorkload: queues with tags and a redrive policy whose dead-letter
// queue, one for all, is resolved by reference.
var sqsWorkload = workload{
	kind: "sqs", plural: "SQS queues", gvk: queueGVK,
	reads: "GetQueueAttributes + ListQueueTags",
	setup: []func() *unstructured.Unstructured{func() *unstructured.Unstructured {
		return mr(queueGVK, "bench-dlq", map[string]any{"region": "us-east-1", "messageRetentionPeriodSeconds": int64(1209600)})
	}},
	object: func(i int) *unstructured.Unstructured {
		return mr(queueGVK, fmt.Sprintf("bench-%04d", i), map[string]any{
			"region": "us-east-1",
			"tags":   map[string]any{"bench": "true", "index": strconv.Itoa(i)},
			"redrivePolicy": map[string]any{
				"deadLetterTargetArnRef": map[string]any{"name": "bench-dlq"},
				"maxReceiveCount":        int64(5),
			},
		})
	},
}
