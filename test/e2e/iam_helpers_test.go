package e2e

import (
	"bufio"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

func iamClient() *iam.Client { return iam.NewFromConfig(stack.AWSConfig("us-east-1")) }

// iamAPICalls returns how many IAM calls of an operation the provider has
// made, by its kaws_aws_api_calls_total counter.
func iamAPICalls(t *testing.T, op string) float64 {
	t.Helper()
	m, err := stack.ProviderMetrics(t.Context())
	if err != nil {
		t.Fatalf("provider metrics: %v", err)
	}
	var n float64
	sc := bufio.NewScanner(strings.NewReader(m))
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasPrefix(l, "kaws_aws_api_calls_total{") || !strings.Contains(l, `operation="`+op+`"`) {
			continue
		}
		f := strings.Fields(l)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", l, err)
		}
		n += v
	}
	return n
}

// iamWaitSyncedMessage waits until the Synced condition of o is False with
// a message containing each of want.
func iamWaitSyncedMessage(t *testing.T, o *unstructured.Unstructured, want ...string) string {
	t.Helper()
	var msg string
	waitFor(t, readyTimeout, local.Describe(o)+" Synced=False with "+strings.Join(want, ", "), func(ctx context.Context) (bool, error) {
		cur, err := stack.Get(ctx, o)
		if err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		c := local.ConditionOf(cur, "Synced")
		msg = c.Message
		if c.Status != "False" {
			return false, nil
		}
		for _, w := range want {
			if !strings.Contains(c.Message, w) {
				return false, nil
			}
		}
		return true, nil
	})
	return msg
}
