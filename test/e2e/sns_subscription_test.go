package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

// snsSubscriptionYAML is a Topic, a Queue and a Subscription of the queue to
// the topic, both by reference.
func snsSubscriptionYAML(prefix string, raw bool, filter string) string {
	return fmt.Sprintf(`apiVersion: sns.kaws.dev/v1alpha1
kind: Topic
metadata:
  name: %[1]s-topic
  namespace: default
spec:
  forProvider:
    region: us-east-1
---
apiVersion: sqs.kaws.dev/v1alpha1
kind: Queue
metadata:
  name: %[1]s-queue
  namespace: default
spec:
  forProvider:
    region: us-east-1
---
apiVersion: sns.kaws.dev/v1alpha1
kind: Subscription
metadata:
  name: %[1]s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    topicArnRef:
      name: %[1]s-topic
    protocol: sqs
    endpointQueueRef:
      name: %[1]s-queue
    rawMessageDelivery: %[2]t
    filterPolicy: '%[3]s'
`, prefix, raw, filter)
}

func snsSubscriptionAttributes(ctx context.Context, arn string) (map[string]string, error) {
	out, err := snsClient().GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	return out.Attributes, nil
}

func TestSNSSubscriptionLifecycle(t *testing.T) {
	t.Parallel()
	done := writing(t, "sns", "sqs")
	const name = "e2e-sns-sub"
	ctx := t.Context()
	topicARN := "arn:aws:sns:us-east-1:123456789012:" + name + "-topic"
	queueARN := "arn:aws:sqs:us-east-1:123456789012:" + name + "-queue"
	filter := `{"event":["order_placed"]}`
	objs := apply(t, snsSubscriptionYAML(name, true, filter))
	waitReady(t, readyTimeout, objs...)
	sub := objs[2]

	// Subscribed in moto as written: the queue by its ARN, the external name the subscription ARN.
	arn := get(t, sub).GetAnnotations()["crossplane.io/external-name"]
	attrs, err := snsSubscriptionAttributes(ctx, arn)
	if err != nil {
		t.Fatalf("GetSubscriptionAttributes(%q): %v", arn, err)
	}
	if attrs["TopicArn"] != topicARN || attrs["Protocol"] != "sqs" || attrs["Endpoint"] != queueARN {
		t.Errorf("subscription in moto: topic %q, protocol %q, endpoint %q; want %s, sqs, %s", attrs["TopicArn"], attrs["Protocol"], attrs["Endpoint"], topicARN, queueARN)
	}
	if attrs["RawMessageDelivery"] != "true" || !policy.Equal(attrs["FilterPolicy"], filter) || attrs["PendingConfirmation"] != "false" {
		t.Errorf("subscription attributes in moto: %v", attrs)
	}
	if ep, _, _ := unstructured.NestedString(get(t, sub).Object, "spec", "forProvider", "endpoint"); ep != queueARN {
		t.Errorf("spec.forProvider.endpoint %q, want the queue's ARN %s", ep, queueARN)
	}

	// Update: the filter policy and raw delivery.
	filter2 := `{"event":["order_placed","order_shipped"]}`
	apply(t, snsSubscriptionYAML(name, false, filter2))
	waitFor(t, driftTimeout, "the new filter policy and raw delivery off in moto", func(ctx context.Context) (bool, error) {
		attrs, err := snsSubscriptionAttributes(ctx, arn)
		return err == nil && attrs["RawMessageDelivery"] == "false" && policy.Equal(attrs["FilterPolicy"], filter2), err
	})
	waitReady(t, readyTimeout, objs...)

	// Out of band: raw delivery on and another filter policy. The provider reverts both.
	c := snsClient()
	for n, v := range map[string]string{"RawMessageDelivery": "true", "FilterPolicy": `{"event":["x"]}`} {
		if _, err := c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(arn), AttributeName: aws.String(n), AttributeValue: aws.String(v)}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	waitFor(t, driftTimeout, "the provider to revert the out-of-band changes", func(ctx context.Context) (bool, error) {
		attrs, err := snsSubscriptionAttributes(ctx, arn)
		return err == nil && attrs["RawMessageDelivery"] == "false" && policy.Equal(attrs["FilterPolicy"], filter2), err
	})
	t.Logf("drift corrected in %s", time.Since(start).Round(100*time.Millisecond))
	waitReady(t, readyTimeout, objs...)

	// Steady state, with the same filter policy written differently: reads only.
	apply(t, snsSubscriptionYAML(name, false, `{ "event": [ "order_placed", "order_shipped" ] }`))
	done()
	snsSteadyState(t, objs, "GetSubscriptionAttributes", "SetSubscriptionAttributes", "Subscribe", "ListSubscriptionsByTopic")
	writing(t, "sns", "sqs")
	t.Log("moto 5.2.1 confirms every subscription at once (PendingConfirmation false, also for email and http): the pending-confirmation condition is covered by unit tests")

	// Delete: unsubscribed in moto; then the queue and the topic.
	deleteAndWait(t, goneTimeout, sub)
	if _, err := snsSubscriptionAttributes(ctx, arn); !snskit.IsNotFound(err) {
		t.Fatalf("subscription still in moto after delete: %v", err)
	}
	deleteAndWait(t, goneTimeout, objs[1])
	deleteAndWait(t, goneTimeout, objs[0])
}

func TestSNSImport(t *testing.T) {
	t.Parallel()
	writing(t, "sns")
	ctx := t.Context()
	const topicName = "e2e-sns-import"
	c := snsClient()
	tout, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(topicName), Attributes: map[string]string{"DisplayName": "Theirs"}})
	if err != nil {
		t.Fatal(err)
	}
	topicARN := aws.ToString(tout.TopicArn)
	sout, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: tout.TopicArn, Protocol: aws.String("sqs"), Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:e2e-sns-import-q"), ReturnSubscriptionArn: true,
		Attributes: map[string]string{"RawMessageDelivery": "true"}})
	if err != nil {
		t.Fatal(err)
	}
	subARN := aws.ToString(sout.SubscriptionArn)

	// Observe only, by external name: read, never written or deleted.
	objs := apply(t, snsImportYAML("imported", `managementPolicies: ["Observe"]`, topicName, subARN, topicARN, ""))
	waitReady(t, readyTimeout, objs...)
	if a, _, _ := unstructured.NestedString(get(t, objs[0]).Object, "status", "atProvider", "arn"); a != topicARN {
		t.Errorf("imported topic's status.atProvider.arn %q, want %s", a, topicARN)
	}
	if a, _, _ := unstructured.NestedString(get(t, objs[1]).Object, "status", "atProvider", "arn"); a != subARN {
		t.Errorf("imported subscription's status.atProvider.arn %q, want %s", a, subARN)
	}
	deleteAndWait(t, goneTimeout, objs[1])
	deleteAndWait(t, goneTimeout, objs[0])
	if attrs, err := snsTopicAttributes(ctx, topicARN); err != nil || attrs["DisplayName"] != "Theirs" {
		t.Errorf("observed-only topic changed or deleted in moto: %v, %v", attrs, err)
	}
	if attrs, err := snsSubscriptionAttributes(ctx, subARN); err != nil || attrs["RawMessageDelivery"] != "true" {
		t.Errorf("observed-only subscription changed or deleted in moto: %v, %v", attrs, err)
	}

	// Adopted by external name with full management: the spec wins, and delete deletes.
	objs = apply(t, snsImportYAML("adopted", "", topicName, subARN, topicARN, "rawMessageDelivery: false"))
	waitReady(t, readyTimeout, objs...)
	waitFor(t, driftTimeout, "the adopted topic's display name and subscription's raw delivery in moto", func(ctx context.Context) (bool, error) {
		ta, err := snsTopicAttributes(ctx, topicARN)
		if err != nil {
			return false, err
		}
		sa, err := snsSubscriptionAttributes(ctx, subARN)
		return err == nil && ta["DisplayName"] == "Ours" && sa["RawMessageDelivery"] == "false", err
	})
	deleteAndWait(t, goneTimeout, objs[1])
	if _, err := snsSubscriptionAttributes(ctx, subARN); !snskit.IsNotFound(err) {
		t.Errorf("adopted subscription still in moto after delete: %v", err)
	}
	deleteAndWait(t, goneTimeout, objs[0])
	if _, err := snsTopicAttributes(ctx, topicARN); !snskit.IsNotFound(err) {
		t.Errorf("adopted topic still in moto after delete: %v", err)
	}
}

// snsImportYAML is a Topic and a Subscription of the import test, named
// e2e-sns-<what>-topic and -sub, by external name, with the spec's extra
// (YAML) and the subscription's extra forProvider field subExtra.
func snsImportYAML(what, extra, topicName, subARN, topicARN, subExtra string) string {
	return fmt.Sprintf(`apiVersion: sns.kaws.dev/v1alpha1
kind: Topic
metadata:
  name: e2e-sns-%[1]s-topic
  namespace: default
  annotations: {crossplane.io/external-name: %[3]s}
spec:
  %[2]s
  forProvider:
    displayName: Ours
---
apiVersion: sns.kaws.dev/v1alpha1
kind: Subscription
metadata:
  name: e2e-sns-%[1]s-sub
  namespace: default
  annotations: {crossplane.io/external-name: '%[4]s'}
spec:
  %[2]s
  forProvider:
    topicArn: %[5]s
    protocol: sqs
    endpoint: arn:aws:sqs:us-east-1:123456789012:e2e-sns-import-q
    %[6]s
`, what, extra, topicName, subARN, topicARN, subExtra)
}

// snsSubscriptionsOf returns the ARNs of the subscriptions of topic in moto.
func snsSubscriptionsOf(ctx context.Context, topic string) ([]string, error) {
	out, err := snsClient().ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic)})
	if err != nil {
		return nil, err
	}
	arns := make([]string, 0, len(out.Subscriptions))
	for _, s := range out.Subscriptions {
		arns = append(arns, aws.ToString(s.SubscriptionArn))
	}
	return arns, nil
}

// TestSNSSubscriptionNoLeakWhenProviderDiesAfterCreate kills the provider
// right after Subscribe, before the subscription's ARN is saved: the
// restarted provider finds the subscription by protocol and endpoint
// instead of subscribing again. Not parallel: it restarts the provider.
func TestSNSSubscriptionNoLeakWhenProviderDiesAfterCreate(t *testing.T) {
	const name = "e2e-sns-crash"
	ctx := t.Context()
	tout, err := snsClient().CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	topic := aws.ToString(tout.TopicArn)
	t.Cleanup(func() {
		_, _ = snsClient().DeleteTopic(context.Background(), &sns.DeleteTopicInput{TopicArn: aws.String(topic)})
	})
	t.Setenv(mr.EnvCrashAfterCreate, "Subscription")
	t.Cleanup(func() {
		// Back to the normal provider for the next tests.
		_ = os.Unsetenv(mr.EnvCrashAfterCreate)
		restartProvider(t)
	})
	restartProvider(t)

	objs := apply(t, fmt.Sprintf(`apiVersion: sns.kaws.dev/v1alpha1
kind: Subscription
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    topicArn: %s
    protocol: sqs
    endpoint: arn:aws:sqs:us-east-1:123456789012:%s
`, name, topic, name))
	waitFor(t, time.Minute, "the provider to exit after Subscribe", func(context.Context) (bool, error) {
		return stack.ProviderPID() == 0, nil
	})
	if !strings.Contains(stack.ProviderLogTail(50), mr.EnvCrashAfterCreate+": created default/"+name) {
		t.Fatalf("the provider exited without the crash hook's line:\n%s", stack.ProviderLogTail(30))
	}
	if n := get(t, objs[0]).GetAnnotations()["crossplane.io/external-name"]; n != "" {
		t.Fatalf("external name after the crash: got %q, want none (the crash is before it is saved)", n)
	}
	if arns, err := snsSubscriptionsOf(ctx, topic); err != nil || len(arns) != 1 {
		t.Fatalf("subscriptions of the topic in moto after the crash: %v, %v; want 1", arns, err)
	}

	t.Setenv(mr.EnvCrashAfterCreate, "")
	restartProvider(t)
	waitReady(t, readyTimeout, objs...)
	arns, err := snsSubscriptionsOf(ctx, topic)
	if err != nil || len(arns) != 1 {
		t.Fatalf("subscriptions of the topic in moto: %v, %v; want exactly 1", arns, err)
	}
	if got := get(t, objs[0]).GetAnnotations()["crossplane.io/external-name"]; got != arns[0] {
		t.Errorf("external name: got %q, want the found subscription %q", got, arns[0])
	}
	deleteAndWait(t, goneTimeout, objs[0])
	if arns, err := snsSubscriptionsOf(ctx, topic); err != nil || len(arns) != 0 {
		t.Errorf("subscriptions of the topic in moto after delete: %v, %v; want none", arns, err)
	}
}
