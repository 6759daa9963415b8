package e2e

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// appConnectionKeys are the keys each kind of the apps bundle documents for
// its connection secret (docs/connection-secrets.md).
var appConnectionKeys = map[string][]string{
	"Table": {"arn", "region", "streamArn", "tableName"},
	"Queue": {"arn", "name", "region", "url"},
}

// TestAppConnectionSecrets applies examples/apps/orders as a user would: a
// DynamoDB table, a queue with its dead-letter queue, and a Deployment that
// reads their connection secrets with envFrom. No pod runs in the local
// stack, so it checks what a pod would get: every secret the Deployment
// names exists with the documented keys, the values are the resources' real
// names, ARNs and URL in moto, and every key the Deployment names exists.
func TestAppConnectionSecrets(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	// It creates a table and queues: the DynamoDB and SQS steady-state
	// checks must not count those writes.
	writing(t, "dynamodb", "sqs")
	files, err := local.YAMLFiles(filepath.Join(examplesDir(), "apps", "orders"))
	if err != nil {
		t.Fatal(err)
	}
	var objs, managed []*unstructured.Unstructured
	var deploy *unstructured.Unstructured
	for _, f := range files {
		for _, o := range applyFile(t, f) {
			objs = append(objs, o)
			switch {
			case o.GetKind() == "Deployment":
				deploy = o
			default:
				managed = append(managed, o)
			}
		}
	}
	if deploy == nil || len(managed) != 3 {
		t.Fatalf("examples/apps/orders: want a Deployment and 3 managed resources, got %d objects", len(objs))
	}
	waitReady(t, readyTimeout, managed...)

	// Each connection secret holds exactly the documented keys.
	secrets := map[string]map[string]string{}
	for _, o := range managed {
		ref, ok, _ := unstructured.NestedString(o.Object, "spec", "writeConnectionSecretToRef", "name")
		if !ok {
			continue
		}
		var data map[string]string
		waitFor(t, readyTimeout, "connection secret "+ref, func(ctx context.Context) (bool, error) {
			s := &corev1.Secret{}
			if err := stack.Client.Get(ctx, client.ObjectKey{Namespace: o.GetNamespace(), Name: ref}, s); err != nil {
				return false, client.IgnoreNotFound(err)
			}
			data = map[string]string{}
			for k, v := range s.Data {
				data[k] = string(v)
			}
			return true, nil
		})
		keys := make([]string, 0, len(data))
		for k := range data {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if diff := cmp.Diff(appConnectionKeys[o.GetKind()], keys); diff != "" {
			t.Errorf("keys of secret %s of %s (-want +got):\n%s", ref, local.Describe(o), diff)
		}
		secrets[ref] = data
	}

	// The values are the real resources'.
	cfg := stack.AWSConfig("us-east-1")
	table, err := dynamodb.NewFromConfig(cfg).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("kaws-example-orders")})
	if err != nil {
		t.Fatalf("DescribeTable: %v", err)
	}
	wantTable := map[string]string{"tableName": "kaws-example-orders", "arn": aws.ToString(table.Table.TableArn), "region": "us-east-1", "streamArn": aws.ToString(table.Table.LatestStreamArn)}
	if diff := cmp.Diff(wantTable, secrets["orders-table"]); diff != "" {
		t.Errorf("secret orders-table (-moto +secret):\n%s", diff)
	}
	q := sqs.NewFromConfig(cfg)
	url, err := q.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("kaws-example-orders")})
	if err != nil {
		t.Fatalf("GetQueueUrl: %v", err)
	}
	attrs, err := q.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: url.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatalf("GetQueueAttributes: %v", err)
	}
	wantQueue := map[string]string{"name": "kaws-example-orders", "url": aws.ToString(url.QueueUrl), "arn": attrs.Attributes["QueueArn"], "region": "us-east-1"}
	if diff := cmp.Diff(wantQueue, secrets["orders-queue"]); diff != "" {
		t.Errorf("secret orders-queue (-moto +secret):\n%s", diff)
	}

	// The Deployment was accepted, and everything it reads exists.
	d := &corev1.PodTemplateSpec{}
	tmpl, _, _ := unstructured.NestedMap(get(t, deploy).Object, "spec", "template")
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(tmpl, d); err != nil {
		t.Fatal(err)
	}
	for _, c := range d.Spec.Containers {
		for _, ef := range c.EnvFrom {
			if ef.SecretRef == nil {
				continue
			}
			if _, ok := secrets[ef.SecretRef.Name]; !ok {
				t.Errorf("container %s reads secret %s with envFrom, which no resource of the bundle writes", c.Name, ef.SecretRef.Name)
			}
		}
		for _, e := range c.Env {
			if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
				continue
			}
			r := e.ValueFrom.SecretKeyRef
			if _, ok := secrets[r.Name][r.Key]; !ok {
				t.Errorf("container %s reads key %s of secret %s into %s: the secret has no such key", c.Name, r.Key, r.Name, e.Name)
			}
		}
	}

	// Delete: the Deployment, then the resources; gone from moto.
	deleteAndWait(t, goneTimeout, deploy)
	for i := len(managed) - 1; i >= 0; i-- {
		deleteAndWait(t, goneTimeout, managed[i])
	}
	if _, err := q.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("kaws-example-orders")}); err == nil {
		t.Error("queue kaws-example-orders still in moto after delete")
	}
}
