package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

func iamClient() *iam.Client { return iam.NewFromConfig(stack.AWSConfig("us-east-1")) }

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
