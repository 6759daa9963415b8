package instanceprofile

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the IAM API the InstanceProfile controller calls. *iam.Client
// implements it; tests use a fake.
type API interface {
	GetInstanceProfile(ctx context.Context, in *iam.GetInstanceProfileInput, o ...func(*iam.Options)) (*iam.GetInstanceProfileOutput, error)
	CreateInstanceProfile(ctx context.Context, in *iam.CreateInstanceProfileInput, o ...func(*iam.Options)) (*iam.CreateInstanceProfileOutput, error)
	DeleteInstanceProfile(ctx context.Context, in *iam.DeleteInstanceProfileInput, o ...func(*iam.Options)) (*iam.DeleteInstanceProfileOutput, error)
	AddRoleToInstanceProfile(ctx context.Context, in *iam.AddRoleToInstanceProfileInput, o ...func(*iam.Options)) (*iam.AddRoleToInstanceProfileOutput, error)
	RemoveRoleFromInstanceProfile(ctx context.Context, in *iam.RemoveRoleFromInstanceProfileInput, o ...func(*iam.Options)) (*iam.RemoveRoleFromInstanceProfileOutput, error)
	TagInstanceProfile(ctx context.Context, in *iam.TagInstanceProfileInput, o ...func(*iam.Options)) (*iam.TagInstanceProfileOutput, error)
	UntagInstanceProfile(ctx context.Context, in *iam.UntagInstanceProfileInput, o ...func(*iam.Options)) (*iam.UntagInstanceProfileOutput, error)
}

var _ API = &iam.Client{}

// NewAPI returns the IAM client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "iam", func(c *clients.Config) *iam.Client {
		return iam.NewFromConfig(c.AWS, func(o *iam.Options) { o.BaseEndpoint = c.BaseEndpoint("iam") })
	})
}
