package rolepolicyattachment

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the IAM API the RolePolicyAttachment controller calls. *iam.Client
// implements it; tests use a fake.
type API interface {
	ListAttachedRolePolicies(ctx context.Context, in *iam.ListAttachedRolePoliciesInput, o ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error)
	AttachRolePolicy(ctx context.Context, in *iam.AttachRolePolicyInput, o ...func(*iam.Options)) (*iam.AttachRolePolicyOutput, error)
	DetachRolePolicy(ctx context.Context, in *iam.DetachRolePolicyInput, o ...func(*iam.Options)) (*iam.DetachRolePolicyOutput, error)
}

var _ API = &iam.Client{}

// NewAPI returns the IAM client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "iam", func(c *clients.Config) *iam.Client {
		return iam.NewFromConfig(c.AWS, func(o *iam.Options) { o.BaseEndpoint = c.BaseEndpoint("iam") })
	})
}
