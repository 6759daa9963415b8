package nodegroup

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the EKS API the Nodegroup controller calls.
// *eks.Client implements it; tests use a fake.
type API interface {
	DescribeUpdate(ctx context.Context, in *eks.DescribeUpdateInput, o ...func(*eks.Options)) (*eks.DescribeUpdateOutput, error)
	DescribeNodegroup(ctx context.Context, in *eks.DescribeNodegroupInput, o ...func(*eks.Options)) (*eks.DescribeNodegroupOutput, error)
	CreateNodegroup(ctx context.Context, in *eks.CreateNodegroupInput, o ...func(*eks.Options)) (*eks.CreateNodegroupOutput, error)
	DeleteNodegroup(ctx context.Context, in *eks.DeleteNodegroupInput, o ...func(*eks.Options)) (*eks.DeleteNodegroupOutput, error)
	UpdateNodegroupConfig(ctx context.Context, in *eks.UpdateNodegroupConfigInput, o ...func(*eks.Options)) (*eks.UpdateNodegroupConfigOutput, error)
	UpdateNodegroupVersion(ctx context.Context, in *eks.UpdateNodegroupVersionInput, o ...func(*eks.Options)) (*eks.UpdateNodegroupVersionOutput, error)
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
