package e2e

import "testing"

func TestEKSAddonLifecycle(t *testing.T) {
	t.Skip("moto 5.2.1 lacks CreateAddon, DescribeAddon, UpdateAddon and DeleteAddon: covered by unit tests")
}
