package e2e

import "testing"

func TestEKSAccessEntryLifecycle(t *testing.T) {
	t.Skip("moto 5.2.1 lacks CreateAccessEntry, DescribeAccessEntry, UpdateAccessEntry and DeleteAccessEntry: covered by unit tests")
}
