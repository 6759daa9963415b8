package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqskit"
)

func sqsClient() *sqs.Client { return sqs.NewFromConfig(stack.AWSConfig("us-east-1")) }

// sqsAttributes returns the attributes and tags of the queue name, or nil
// attributes when it does not exist.
func sqsAttributes(ctx context.Context, name string) (map[string]string, map[string]string, error) {
	url, err := sqskit.QueueURL(ctx, sqsClient(), name)
	if err != nil || url == "" {
		return nil, nil, err
	}
	a, err := sqsClient().GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
	if err != nil {
		return nil, nil, err
	}
	tg, err := sqsClient().ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(url)})
	if err != nil {
		return nil, nil, err
	}
	return a.Attributes, tg.Tags, nil
}

func sqsURL(t *testing.T, name string) string {
	t.Helper()
	url, err := sqskit.QueueURL(t.Context(), sqsClient(), name)
	if err != nil || url == "" {
		t.Fatalf("queue %s in moto: %q, %v", name, url, err)
	}
	return url
}

const sqsPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"}]}`

// sqsPolicyReordered means the same as sqsPolicy, written differently.
const sqsPolicyReordered = `{"Statement":{"Resource":"*","Action":["sqs:SendMessage"],"Principal":{"Service":["sns.amazonaws.com"]},"Effect":"Allow"},"Version":"2012-10-17"}`

// sqsQueuesYAML is a FIFO dead-letter queue, a FIFO queue that references it,
// and a standard queue with a connection secret.
func sqsQueuesYAML(visibility int, tags, pol string) string {
	return fmt.Sprintf(`apiVersion: sqs.kaws.dev/v1alpha1
kind: Queue
metadata:
  name: e2e-sqs-dlq.fifo
  namespace: default
spec:
  forProvider:
    fifoQueue: true
---
apiVersion: sqs.kaws.dev/v1alpha1
kind: Queue
metadata:
  name: e2e-sqs-orders.fifo
  namespace: default
spec:
  forProvider:
    fifoQueue: true
    contentBasedDeduplication: true
    visibilityTimeoutSeconds: %d
    redrivePolicy: {deadLetterTargetArnRef: {name: e2e-sqs-dlq.fifo}, maxReceiveCount: 4}
    policy: '%s'
    tags: {%s}
---
apiVersion: sqs.kaws.dev/v1alpha1
kind: Queue
metadata:
  name: e2e-sqs-std
  namespace: default
spec:
  forProvider:
    delaySeconds: 2
    tags: {%s}
  writeConnectionSecretToRef: {name: e2e-sqs-std-conn}
`, visibility, pol, tags, tags)
}

func TestSQSQueueLifecycle(t *testing.T) {
	t.Parallel()
	done := writing(t, "sqs")
	ctx := t.Context()
	const fifo, dlq, std = "e2e-sqs-orders.fifo", "e2e-sqs-dlq.fifo", "e2e-sqs-std"
	objs := apply(t, sqsQueuesYAML(45, "team: platform", sqsPolicy))
	waitReady(t, readyTimeout, objs...)

	// Created in moto as written, the DLQ by reference.
	a, tg, err := sqsAttributes(ctx, fifo)
	if err != nil || a == nil {
		t.Fatalf("queue %s in moto: %v, %v", fifo, a, err)
	}
	dlqAttrs, _, err := sqsAttributes(ctx, dlq)
	if err != nil || dlqAttrs == nil {
		t.Fatalf("queue %s in moto: %v, %v", dlq, dlqAttrs, err)
	}
	var rp struct {
		DeadLetterTargetArn string      `json:"deadLetterTargetArn"`
		MaxReceiveCount     json.Number `json:"maxReceiveCount"`
	}
	if err := json.Unmarshal([]byte(a["RedrivePolicy"]), &rp); err != nil || rp.DeadLetterTargetArn != dlqAttrs["QueueArn"] || rp.MaxReceiveCount.String() != "4" {
		t.Errorf("redrive policy in moto: %q (%v), want the DLQ %s and 4", a["RedrivePolicy"], err, dlqAttrs["QueueArn"])
	}
	if a["FifoQueue"] != "true" || a["ContentBasedDeduplication"] != "true" || a["VisibilityTimeout"] != "45" || !policy.Equal(a["Policy"], sqsPolicy) {
		t.Errorf("attributes in moto: %v", a)
	}
	if !cmp.Equal(tg, map[string]string{"team": "platform"}) {
		t.Errorf("tags in moto: %v", tg)
	}
	cur := get(t, objs[1])
	at, _, _ := unstructured.NestedStringMap(cur.Object, "status", "atProvider")
	if at["arn"] != a["QueueArn"] || at["url"] != sqsURL(t, fifo) {
		t.Errorf("status.atProvider %v, want arn %s and url %s", at, a["QueueArn"], sqsURL(t, fifo))
	}
	// Late-initialized: AWS's defaults are in the spec now.
	if v, _, _ := unstructured.NestedInt64(cur.Object, "spec", "forProvider", "messageRetentionPeriodSeconds"); v != 345600 {
		t.Errorf("messageRetentionPeriodSeconds late-initialized to %d, want 345600", v)
	}

	// The standard queue's connection secret holds the documented keys.
	sec := &corev1.Secret{}
	if err := stack.Client.Get(ctx, client.ObjectKey{Namespace: "default", Name: "e2e-sqs-std-conn"}, sec); err != nil {
		t.Fatalf("connection secret: %v", err)
	}
	stdAttrs, _, err := sqsAttributes(ctx, std)
	if err != nil || stdAttrs == nil || stdAttrs["DelaySeconds"] != "2" {
		t.Fatalf("queue %s in moto: %v, %v", std, stdAttrs, err)
	}
	want := map[string]string{"url": sqsURL(t, std), "arn": stdAttrs["QueueArn"], "name": std, "region": "us-east-1"}
	got := map[string]string{}
	for k, v := range sec.Data {
		got[k] = string(v)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("connection secret: -want, +got:\n%s", diff)
	}

	// Update: visibility timeout and a tag.
	objs = apply(t, sqsQueuesYAML(60, "team: platform, env: dev", sqsPolicy))
	waitFor(t, driftTimeout, "visibility 60 and tag env in moto", func(ctx context.Context) (bool, error) {
		a, tg, err := sqsAttributes(ctx, fifo)
		return err == nil && a["VisibilityTimeout"] == "60" && tg["env"] == "dev", err
	})
	waitReady(t, readyTimeout, objs...)

	// Out of band: another visibility timeout, the policy and a tag removed.
	url := sqsURL(t, fifo)
	if _, err := sqsClient().SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"VisibilityTimeout": "10", "Policy": ""}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sqsClient().UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: aws.String(url), TagKeys: []string{"env"}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	waitFor(t, driftTimeout, "the provider to revert the out-of-band changes", func(ctx context.Context) (bool, error) {
		a, tg, err := sqsAttributes(ctx, fifo)
		return err == nil && a["VisibilityTimeout"] == "60" && policy.Equal(a["Policy"], sqsPolicy) && tg["env"] == "dev", err
	})
	t.Logf("drift corrected in %s", time.Since(start).Round(100*time.Millisecond))
	waitReady(t, readyTimeout, objs...)

	// Steady state, with the same policy written differently: only reads,
	// and no GetQueueUrl (the URL is known), over several polls, while no
	// other test makes the provider write to SQS.
	writes := []string{"CreateQueue", "SetQueueAttributes", "TagQueue", "UntagQueue", "DeleteQueue", "GetQueueUrl"}
	apply(t, sqsQueuesYAML(60, "team: platform, env: dev", sqsPolicyReordered))
	time.Sleep(pollInterval)
	done()
	steady(t, "sqs", func() {
		before := map[string]float64{}
		for _, op := range append(writes, "GetQueueAttributes", "ListQueueTags") {
			before[op] = apiCalls(t, op)
		}
		time.Sleep(4 * pollInterval)
		waitReady(t, readyTimeout, objs...)
		for _, op := range writes {
			if after := apiCalls(t, op); after != before[op] {
				t.Errorf("%s calls grew from %v to %v in steady state", op, before[op], after)
			}
		}
		reads := apiCalls(t, "GetQueueAttributes") - before["GetQueueAttributes"] + apiCalls(t, "ListQueueTags") - before["ListQueueTags"]
		t.Logf("steady state: %v reads (GetQueueAttributes + ListQueueTags) for 3 queues over about 4 polls", reads)
	})
	writing(t, "sqs")

	// An empty redrive policy removes the dead-letter queue. It replaces
	// the whole field: an apply of {} would keep the deadLetterTargetArn the
	// reference resolved (another field manager's).
	cur = get(t, objs[1])
	if err := unstructured.SetNestedMap(cur.Object, map[string]any{}, "spec", "forProvider", "redrivePolicy"); err != nil {
		t.Fatal(err)
	}
	if err := stack.Client.Update(ctx, cur); err != nil {
		t.Fatalf("update redrivePolicy to {}: %v", err)
	}
	waitFor(t, driftTimeout, "no redrive policy in moto", func(ctx context.Context) (bool, error) {
		a, _, err := sqsAttributes(ctx, fifo)
		return err == nil && a["RedrivePolicy"] == "", err
	})
	waitReady(t, readyTimeout, objs...)

	// Delete: gone from moto.
	for _, o := range []*unstructured.Unstructured{objs[1], objs[2], objs[0]} {
		deleteAndWait(t, goneTimeout, o)
	}
	for _, n := range []string{fifo, dlq, std} {
		if url, err := sqskit.QueueURL(ctx, sqsClient(), n); err != nil || url != "" {
			t.Errorf("queue %s still in moto after delete: %q, %v", n, url, err)
		}
	}
	t.Log("moto 5.2.1 re-creates a deleted queue name at once: QueueDeletedRecently (AWS's 60 s) is covered by unit tests")
	t.Log("moto 5.2.1 does not keep the RedriveAllowPolicy attribute (CreateQueue and SetQueueAttributes accept it, GetQueueAttributes never returns it): redriveAllowPolicy is covered by unit tests")
}

func TestSQSQueueImport(t *testing.T) {
	t.Parallel()
	writing(t, "sqs")
	ctx := t.Context()
	const name = "e2e-sqs-import"
	out, err := sqsClient().CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: map[string]string{"VisibilityTimeout": "77"}, Tags: map[string]string{"owner": "other"}})
	if err != nil {
		t.Fatal(err)
	}
	// Observe only, by external name: the queue is read, never written.
	objs := apply(t, `apiVersion: sqs.kaws.dev/v1alpha1
kind: Queue
metadata:
  name: e2e-sqs-imported
  namespace: default
  annotations: {crossplane.io/external-name: `+name+`}
spec:
  managementPolicies: ["Observe"]
  forProvider:
    visibilityTimeoutSeconds: 30
`)
	waitReady(t, readyTimeout, objs...)
	cur := get(t, objs[0])
	if u, _, _ := unstructured.NestedString(cur.Object, "status", "atProvider", "url"); u != aws.ToString(out.QueueUrl) {
		t.Errorf("status.atProvider.url %q, want %q", u, aws.ToString(out.QueueUrl))
	}
	deleteAndWait(t, goneTimeout, objs[0])
	a, tg, err := sqsAttributes(ctx, name)
	if err != nil || a["VisibilityTimeout"] != "77" || tg["owner"] != "other" {
		t.Errorf("observed-only queue changed or deleted in moto: %v %v %v", a, tg, err)
	}

	// Adopted by external name with full management: the spec wins.
	objs = apply(t, `apiVersion: sqs.kaws.dev/v1alpha1
kind: Queue
metadata:
  name: e2e-sqs-adopted
  namespace: default
  annotations: {crossplane.io/external-name: `+name+`}
spec:
  forProvider:
    visibilityTimeoutSeconds: 30
`)
	waitReady(t, readyTimeout, objs...)
	waitFor(t, driftTimeout, "the adopted queue's visibility timeout 30 in moto", func(ctx context.Context) (bool, error) {
		a, _, err := sqsAttributes(ctx, name)
		return err == nil && a["VisibilityTimeout"] == "30", err
	})
	if v, _, _ := unstructured.NestedStringMap(get(t, objs[0]).Object, "spec", "forProvider", "tags"); v["owner"] != "other" {
		t.Errorf("the adopted queue's tags were not late-initialized: %v", v)
	}
	deleteAndWait(t, goneTimeout, objs[0])
	if url, err := sqskit.QueueURL(ctx, sqsClient(), name); err != nil || url != "" {
		t.Errorf("adopted queue still in moto after delete: %q, %v", url, err)
	}
}

// TestSQSQueueNoLeakWhenProviderDiesAfterCreate kills the provider right
// after CreateQueue, before the reconciler records the creation: the
// restarted provider finds the queue by its name and makes no second
// CreateQueue. It restarts the provider, so it does not run in parallel.
func TestSQSQueueNoLeakWhenProviderDiesAfterCreate(t *testing.T) {
	const name = "e2e-sqs-crash"
	ctx := t.Context()
	objs := crashAfterCreate(t, "Queue", "apiVersion: sqs.kaws.dev/v1alpha1\nkind: Queue\nmetadata:\n  name: "+name+"\n  namespace: default\nspec:\n  forProvider:\n    delaySeconds: 3\n", "CreateQueue",
		func(ctx context.Context) (bool, error) {
			a, _, err := sqsAttributes(ctx, name)
			return a["DelaySeconds"] == "3", err
		})
	deleteAndWait(t, goneTimeout, objs[0])
	if url, err := sqskit.QueueURL(ctx, sqsClient(), name); err != nil || url != "" {
		t.Errorf("queue %s still in moto after delete: %q, %v", name, url, err)
	}
}
