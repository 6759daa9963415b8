package main

import (
	"fmt"
	"strconv"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// A workload is what one BENCH_KIND applies: units of one or more managed
// resources, after the setup objects they depend on.
type workload struct {
	kind   string // BENCH_KIND
	plural string // for messages: "S3 buckets"
	// gvks are the kinds the wave applies (and the bench waits for).
	gvks []schema.GroupVersionKind
	// reads says what one observation reads, for the report.
	reads string
	// setup objects are applied and Ready before the wave.
	setup []func() *unstructured.Unstructured
	// unit is the wave's i-th unit: one managed resource, or a few that
	// reference each other (ec2: a VPC, its subnet and a security group).
	unit func(i int) []*unstructured.Unstructured
	// direct makes, straight at the emulator, the AWS calls the provider
	// makes to create, read back and delete unit i; for the emulator's
	// ceiling (ceiling.go).
	direct directFunc
}

// objects returns the units' managed resources until there are at least n.
func (w workload) objects(n int) []*unstructured.Unstructured {
	var out []*unstructured.Unstructured
	for i := 0; len(out) < n; i++ {
		out = append(out, w.unit(i)...)
	}
	return out
}

// mr is a managed resource of gvk named name in the bench namespace.
func mr(gvk schema.GroupVersionKind, name string, forProvider map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{"spec": map[string]any{"forProvider": forProvider}}}
	u.SetGroupVersionKind(gvk)
	u.SetName(name)
	u.SetNamespace("bench")
	return u
}

func ref(name string) map[string]any { return map[string]any{"name": name} }

const benchRegion = "us-east-1"

var (
	bucketGVK = schema.GroupVersionKind{Group: "s3.kaws.dev", Version: "v1alpha1", Kind: "Bucket"}
	queueGVK  = schema.GroupVersionKind{Group: "sqs.kaws.dev", Version: "v1alpha1", Kind: "Queue"}
	tableGVK  = schema.GroupVersionKind{Group: "dynamodb.kaws.dev", Version: "v1alpha1", Kind: "Table"}
	vpcGVK    = schema.GroupVersionKind{Group: "ec2.kaws.dev", Version: "v1alpha1", Kind: "VPC"}
	subnetGVK = schema.GroupVersionKind{Group: "ec2.kaws.dev", Version: "v1alpha1", Kind: "Subnet"}
	sgGVK     = schema.GroupVersionKind{Group: "ec2.kaws.dev", Version: "v1alpha1", Kind: "SecurityGroup"}
)

// workloads by BENCH_KIND; "" is s3.
var workloads = map[string]workload{
	"":         s3Workload,
	"s3":       s3Workload,
	"sqs":      sqsWorkload,
	"dynamodb": dynamodbWorkload,
	"ec2":      ec2Workload,
	"mixed":    mixedWorkload(),
}

// s3Workload: buckets managing four sub-resources each (tags, versioning,
// AES256 encryption, a lifecycle rule).
var s3Workload = workload{
	kind: "s3", plural: "S3 buckets", gvks: []schema.GroupVersionKind{bucketGVK},
	reads: "HeadBucket + 4 managed sub-resources",
	unit: func(i int) []*unstructured.Unstructured {
		return []*unstructured.Unstructured{mr(bucketGVK, fmt.Sprintf("bench-%04d", i), map[string]any{
			"region":               benchRegion,
			"tags":                 map[string]any{"bench": "true", "index": strconv.Itoa(i)},
			"versioning":           map[string]any{"status": "Enabled"},
			"serverSideEncryption": map[string]any{"sseAlgorithm": "AES256"},
			"lifecycle": map[string]any{"rules": []any{map[string]any{
				"id": "logs-to-glacier", "status": "Enabled", "filter": map[string]any{"prefix": "logs/"},
				"transitions": []any{map[string]any{"days": int64(60), "storageClass": "GLACIER"}},
			}}},
		})}
	},
	direct: directS3,
}

// sqsWorkload: queues with tags and a redrive policy whose dead-letter
// queue, one for all, is resolved by reference.
var sqsWorkload = workload{
	kind: "sqs", plural: "SQS queues", gvks: []schema.GroupVersionKind{queueGVK},
	reads: "GetQueueAttributes + ListQueueTags",
	setup: []func() *unstructured.Unstructured{func() *unstructured.Unstructured {
		return mr(queueGVK, "bench-dlq", map[string]any{"region": benchRegion, "messageRetentionPeriodSeconds": int64(1209600)})
	}},
	unit: func(i int) []*unstructured.Unstructured {
		return []*unstructured.Unstructured{mr(queueGVK, fmt.Sprintf("bench-%04d", i), map[string]any{
			"region": benchRegion,
			"tags":   map[string]any{"bench": "true", "index": strconv.Itoa(i)},
			"redrivePolicy": map[string]any{
				"deadLetterTargetArnRef": ref("bench-dlq"),
				"maxReceiveCount":        int64(5),
			},
		})}
	},
	direct: directSQS,
}

// dynamodbWorkload: on-demand tables with a hash key and tags.
var dynamodbWorkload = workload{
	kind: "dynamodb", plural: "DynamoDB tables", gvks: []schema.GroupVersionKind{tableGVK},
	reads: "DescribeTable + ListTagsOfResource",
	unit: func(i int) []*unstructured.Unstructured {
		return []*unstructured.Unstructured{mr(tableGVK, fmt.Sprintf("bench-%04d", i), map[string]any{
			"region":               benchRegion,
			"attributeDefinitions": []any{map[string]any{"attributeName": "id", "attributeType": "S"}},
			"keySchema":            []any{map[string]any{"attributeName": "id", "keyType": "HASH"}},
			"billingMode":          "PAY_PER_REQUEST",
			"tags":                 map[string]any{"bench": "true", "index": strconv.Itoa(i)},
		})}
	},
	direct: directDynamoDB,
}

// ec2Workload: per unit a VPC, a subnet in it and a security group in it,
// both resolving the VPC's ID by reference.
var ec2Workload = workload{
	kind: "ec2", plural: "EC2 VPCs, subnets and security groups", gvks: []schema.GroupVersionKind{vpcGVK, subnetGVK, sgGVK},
	reads: "one Describe per resource (+ 2 DescribeVpcAttribute per VPC)",
	unit: func(i int) []*unstructured.Unstructured {
		name := fmt.Sprintf("bench-%04d", i)
		tags := map[string]any{"bench": "true", "index": strconv.Itoa(i)}
		return []*unstructured.Unstructured{
			mr(vpcGVK, name, map[string]any{"region": benchRegion, "cidrBlock": "10.0.0.0/16", "tags": tags}),
			mr(subnetGVK, name, map[string]any{"region": benchRegion, "vpcIdRef": ref(name), "cidrBlock": "10.0.1.0/24",
				"availabilityZone": benchRegion + "a", "tags": tags}),
			mr(sgGVK, name, map[string]any{"region": benchRegion, "vpcIdRef": ref(name), "groupName": name, "description": "bench",
				"ingress": []any{map[string]any{"ipProtocol": "tcp", "fromPort": int64(443), "toPort": int64(443), "cidrBlocks": []any{"10.0.0.0/16"}}},
				"egress":  []any{map[string]any{"ipProtocol": "-1", "cidrBlocks": []any{"0.0.0.0/0"}}},
				"tags":    tags}),
		}
	},
	direct: directEC2,
}

// mixedWorkload: the four workloads' units in turn (bucket, queue, table,
// VPC + subnet + security group), in one wave.
func mixedWorkload() workload {
	parts := []workload{s3Workload, sqsWorkload, dynamodbWorkload, ec2Workload}
	w := workload{kind: "mixed", plural: "managed resources of S3, SQS, DynamoDB and EC2", reads: "as each kind's"}
	for _, p := range parts {
		w.gvks = append(w.gvks, p.gvks...)
		w.setup = append(w.setup, p.setup...)
	}
	w.unit = func(i int) []*unstructured.Unstructured { return parts[i%len(parts)].unit(i / len(parts)) }
	w.direct = func(c *directClients, i int) (int, error) { return parts[i%len(parts)].direct(c, i/len(parts)) }
	return w
}
