package accesspolicyassociation

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the EKS API the AccessPolicyAssociation controller
// calls. *eks.Client implements it; tests use a fake.
type API interface {
	ListAssociatedAccessPolicies(ctx context.Context, in *eks.ListAssociatedAccessPoliciesInput, o ...func(*eks.Options)) (*eks.ListAssociatedAccessPoliciesOutput, error)
	AssociateAccessPolicy(ctx context.Context, in *eks.AssociateAccessPolicyInput, o ...func(*eks.Options)) (*eks.AssociateAccessPolicyOutput, error)
	DisassociateAccessPolicy(ctx context.Context, in *eks.DisassociateAccessPolicyInput, o ...func(*eks.Options)) (*eks.DisassociateAccessPolicyOutput, error)
}

var _ API = &eks.Client{}

// NewAPI returns the EKS client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "eks", func(c *clients.Config) *eks.Client {
		return eks.NewFromConfig(c.AWS, func(o *eks.Options) { o.BaseEndpoint = c.BaseEndpoint("eks") })
	})
}
