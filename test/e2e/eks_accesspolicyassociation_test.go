package e2e

import "testing"

func TestEKSAccessPolicyAssociationLifecycle(t *testing.T) {
	t.Skip("moto 5.2.1 lacks AssociateAccessPolicy, ListAssociatedAccessPolicies and DisassociateAccessPolicy: covered by unit tests")
}
