package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

func snsClient() *sns.Client { return sns.NewFromConfig(stack.AWSConfig("us-east-1")) }

// snsTopicPolicy is a topic access policy; %s is the topic's ARN.
const snsTopicPolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"publish","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"SNS:Publish","Resource":"%s"}]}`

// snsTopicPolicyReordered means the same as snsTopicPolicy, written
// differently.
const snsTopicPolicyReordered = `{"Statement":[{"Resource":"%s","Action":["SNS:Publish"],"Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Effect":"Allow","Sid":"publish"}],"Version":"2012-10-17"}`

func snsTopicYAML(name, displayName, policy, tags string) string {
	return fmt.Sprintf(`apiVersion: sns.kaws.dev/v1alpha1
kind: Topic
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    displayName: %s
    policy: '%s'
    tags: {%s}
  writeConnectionSecretToRef:
    name: %s-conn
`, name, displayName, policy, tags, name)
}

func snsTopicAttributes(ctx context.Context, arn string) (map[string]string, error) {
	out, err := snsClient().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	return out.Attributes, nil
}

func snsTopicTags(ctx context.Context, arn string) (map[string]string, error) {
	out, err := snsClient().ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	return snskit.FromTags(out.Tags), nil
}

// snsSteadyState checks that polls of the Ready objs make the read and none
// of the writes: it waits a poll (for a change just applied), then counts
// over three, while no other test makes the provider write to SNS. The
// caller must not hold writing(t, "sns").
func snsSteadyState(t *testing.T, objs []*unstructured.Unstructured, read string, writes ...string) {
	t.Helper()
	time.Sleep(pollInterval)
	l := callLock("sns")
	l.Lock()
	defer l.Unlock()
	before := map[string]float64{}
	for _, op := range writes {
		before[op] = apiCalls(t, op)
	}
	reads := apiCalls(t, read)
	time.Sleep(3 * pollInterval)
	waitReady(t, readyTimeout, objs...)
	for _, op := range writes {
		if after := apiCalls(t, op); after != before[op] {
			t.Errorf("%s calls grew from %v to %v in steady state", op, before[op], after)
		}
	}
	if after := apiCalls(t, read); after <= reads {
		t.Errorf("%s calls did not grow (%v): the resource was not polled", read, after)
	}
}

// snsTopicIs returns a waitFor condition: the topic arn's attributes and
// tags in moto satisfy ok.
func snsTopicIs(arn string, ok func(attrs, tags map[string]string) bool) func(ctx context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		attrs, err := snsTopicAttributes(ctx, arn)
		if err != nil {
			return false, err
		}
		tags, err := snsTopicTags(ctx, arn)
		if err != nil {
			return false, err
		}
		return ok(attrs, tags), nil
	}
}

func TestSNSTopicLifecycle(t *testing.T) {
	t.Parallel()
	done := writing(t, "sns")
	const name = "e2e-sns-topic"
	ctx := t.Context()
	arn := "arn:aws:sns:us-east-1:123456789012:" + name
	pol := fmt.Sprintf(snsTopicPolicy, arn)
	objs := apply(t, snsTopicYAML(name, "Orders", pol, "team: platform"))
	waitReady(t, readyTimeout, objs...)

	// Created in moto as written, the ARN in the status and the connection secret.
	attrs, err := snsTopicAttributes(ctx, arn)
	if err != nil {
		t.Fatalf("GetTopicAttributes: %v", err)
	}
	if attrs["DisplayName"] != "Orders" || !policy.Equal(attrs["Policy"], pol) {
		t.Errorf("topic in moto: display name %q, policy %s", attrs["DisplayName"], attrs["Policy"])
	}
	if tags, err := snsTopicTags(ctx, arn); err != nil || !cmp.Equal(tags, map[string]string{"team": "platform"}) {
		t.Errorf("tags in moto: %v, %v", tags, err)
	}
	if got := get(t, objs[0]).Object["status"].(map[string]any)["atProvider"].(map[string]any)["arn"]; got != arn {
		t.Errorf("status.atProvider.arn %v, want %s", got, arn)
	}
	waitFor(t, readyTimeout, "the connection secret with the topic's arn, name and region", func(ctx context.Context) (bool, error) {
		s := &corev1.Secret{}
		if err := stack.Client.Get(ctx, client.ObjectKey{Namespace: "default", Name: name + "-conn"}, s); err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		return string(s.Data["arn"]) == arn && string(s.Data["name"]) == name && string(s.Data["region"]) == "us-east-1", nil
	})

	// Update: the display name and a tag.
	apply(t, snsTopicYAML(name, "Orders2", pol, "team: platform, env: dev"))
	waitFor(t, driftTimeout, "display name Orders2 and tag env in moto", snsTopicIs(arn, func(attrs, tags map[string]string) bool {
		return attrs["DisplayName"] == "Orders2" && tags["env"] == "dev"
	}))
	waitReady(t, readyTimeout, objs...)

	// Out of band: change the display name and the policy, remove a tag.
	c := snsClient()
	if _, err := c.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("Hacked")}); err != nil {
		t.Fatal(err)
	}
	other := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"SNS:Publish","Resource":"%s"}]}`, arn)
	if _, err := c.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("Policy"), AttributeValue: aws.String(other)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"env"}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	waitFor(t, driftTimeout, "the provider to revert the out-of-band changes", snsTopicIs(arn, func(attrs, tags map[string]string) bool {
		return attrs["DisplayName"] == "Orders2" && policy.Equal(attrs["Policy"], pol) && tags["env"] == "dev"
	}))
	t.Logf("drift corrected in %s", time.Since(start).Round(100*time.Millisecond))
	waitReady(t, readyTimeout, objs...)

	// Steady state, with the same policy written differently: reads only.
	apply(t, snsTopicYAML(name, "Orders2", fmt.Sprintf(snsTopicPolicyReordered, arn), "team: platform, env: dev"))
	done()
	snsSteadyState(t, objs, "GetTopicAttributes", "SetTopicAttributes", "SNS/TagResource", "SNS/UntagResource", "CreateTopic")
	writing(t, "sns")
	t.Log("moto 5.2.1 answers GetDataProtectionPolicy and PutDataProtectionPolicy with HTTP 500: dataProtectionPolicy is covered by unit tests")

	// Delete: gone from moto.
	deleteAndWait(t, goneTimeout, objs[0])
	if _, err := snsTopicAttributes(ctx, arn); !snskit.IsNotFound(err) {
		t.Fatalf("topic still in moto after delete: %v", err)
	}
}
