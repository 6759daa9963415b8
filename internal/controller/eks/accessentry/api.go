package accessentry

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the EKS API the AccessEntry controller calls.
// *eks.Client implements it; tests use a fake.
type API interface {
	DescribeAccessEntry(ctx context.Context, in *eks.DescribeAccessEntryInput, o ...func(*eks.Options)) (*eks.DescribeAccessEntryOutput, error)
	CreateAccessEntry(ctx context.Context, in *eks.CreateAccessEntryInput, o ...func(*eks.Options)) (*eks.CreateAccessEntryOutput, error)
	UpdateAccessEntry(ctx context.Context, in *eks.UpdateAccessEntryInput, o ...func(*eks.Options)) (*eks.UpdateAccessEntryOutput, error)
	DeleteAccessEntry(ctx context.Context, in *eks.DeleteAccessEntryInput, o ...func(*eks.Options)) (*eks.DeleteAccessEntryOutput, error)
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
