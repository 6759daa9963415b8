package addon

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the EKS API the Addon controller calls. *eks.Client
// implements it; tests use a fake.
type API interface {
	DescribeUpdate(ctx context.Context, in *eks.DescribeUpdateInput, o ...func(*eks.Options)) (*eks.DescribeUpdateOutput, error)
	DescribeAddon(ctx context.Context, in *eks.DescribeAddonInput, o ...func(*eks.Options)) (*eks.DescribeAddonOutput, error)
	CreateAddon(ctx context.Context, in *eks.CreateAddonInput, o ...func(*eks.Options)) (*eks.CreateAddonOutput, error)
	UpdateAddon(ctx context.Context, in *eks.UpdateAddonInput, o ...func(*eks.Options)) (*eks.UpdateAddonOutput, error)
	DeleteAddon(ctx context.Context, in *eks.DeleteAddonInput, o ...func(*eks.Options)) (*eks.DeleteAddonOutput, error)
	TagResource(ctx context.Context, in *eks.TagResourceInput, o ...func(*eks.Options)) (*eks.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *eks.UntagResourceInput, o ...func(*eks.Options)) (*eks.UntagResourceOutput, error)
}

var _ API = &eks.Client{}

// NewAPI returns the EKS client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "eks", func(c *clients.Config) *eks.Client {
		return eks.NewFromConfig(c.AWS, func(o *eks.Options) { o.BaseEndpoint = c.BaseEndpoint("eks") })
	})
}
