package policy

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the IAM API the Policy controller calls. *iam.Client
// implements it; tests use a fake.
type API interface {
	GetPolicy(ctx context.Context, in *iam.GetPolicyInput, o ...func(*iam.Options)) (*iam.GetPolicyOutput, error)
	GetPolicyVersion(ctx context.Context, in *iam.GetPolicyVersionInput, o ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error)
	CreatePolicy(ctx context.Context, in *iam.CreatePolicyInput, o ...func(*iam.Options)) (*iam.CreatePolicyOutput, error)
	CreatePolicyVersion(ctx context.Context, in *iam.CreatePolicyVersionInput, o ...func(*iam.Options)) (*iam.CreatePolicyVersionOutput, error)
	DeletePolicyVersion(ctx context.Context, in *iam.DeletePolicyVersionInput, o ...func(*iam.Options)) (*iam.DeletePolicyVersionOutput, error)
	ListPolicyVersions(ctx context.Context, in *iam.ListPolicyVersionsInput, o ...func(*iam.Options)) (*iam.ListPolicyVersionsOutput, error)
	DeletePolicy(ctx context.Context, in *iam.DeletePolicyInput, o ...func(*iam.Options)) (*iam.DeletePolicyOutput, error)
	TagPolicy(ctx context.Context, in *iam.TagPolicyInput, o ...func(*iam.Options)) (*iam.TagPolicyOutput, error)
	UntagPolicy(ctx context.Context, in *iam.UntagPolicyInput, o ...func(*iam.Options)) (*iam.UntagPolicyOutput, error)
	ListPolicies(ctx context.Context, in *iam.ListPoliciesInput, o ...func(*iam.Options)) (*iam.ListPoliciesOutput, error)
	ListEntitiesForPolicy(ctx context.Context, in *iam.ListEntitiesForPolicyInput, o ...func(*iam.Options)) (*iam.ListEntitiesForPolicyOutput, error)
}

var _ API = &iam.Client{}

// NewAPI returns the IAM client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "iam", func(c *clients.Config) *iam.Client {
		return iam.NewFromConfig(c.AWS, func(o *iam.Options) { o.BaseEndpoint = c.BaseEndpoint("iam") })
	})
}
