package cluster

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the EKS API the Cluster controller calls. *eks.Client
// implements it; tests use a fake.
type API interface {
	DescribeCluster(ctx context.Context, in *eks.DescribeClusterInput, o ...func(*eks.Options)) (*eks.DescribeClusterOutput, error)
	CreateCluster(ctx context.Context, in *eks.CreateClusterInput, o ...func(*eks.Options)) (*eks.CreateClusterOutput, error)
	DeleteCluster(ctx context.Context, in *eks.DeleteClusterInput, o ...func(*eks.Options)) (*eks.DeleteClusterOutput, error)
	UpdateClusterConfig(ctx context.Context, in *eks.UpdateClusterConfigInput, o ...func(*eks.Options)) (*eks.UpdateClusterConfigOutput, error)
	DescribeUpdate(ctx context.Context, in *eks.DescribeUpdateInput, o ...func(*eks.Options)) (*eks.DescribeUpdateOutput, error)
	UpdateClusterVersion(ctx context.Context, in *eks.UpdateClusterVersionInput, o ...func(*eks.Options)) (*eks.UpdateClusterVersionOutput, error)
	TagResource(ctx context.Context, in *eks.TagResourceInput, o ...func(*eks.Options)) (*eks.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *eks.UntagResourceInput, o ...func(*eks.Options)) (*eks.UntagResourceOutput, error)
	ListNodegroups(ctx context.Context, in *eks.ListNodegroupsInput, o ...func(*eks.Options)) (*eks.ListNodegroupsOutput, error)
	ListAddons(ctx context.Context, in *eks.ListAddonsInput, o ...func(*eks.Options)) (*eks.ListAddonsOutput, error)
}

var _ API = &eks.Client{}

// NewAPI returns the EKS client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "eks", func(c *clients.Config) *eks.Client {
		return eks.NewFromConfig(c.AWS, func(o *eks.Options) { o.BaseEndpoint = c.BaseEndpoint("eks") })
	})
}

// NewSTS returns the STS client of a configuration (for EKS tokens), built
// once per config.
func NewSTS(cfg *clients.Config) *sts.Client {
	return clients.ServiceClient(cfg, "sts", func(c *clients.Config) *sts.Client {
		return sts.NewFromConfig(c.AWS, func(o *sts.Options) { o.BaseEndpoint = c.BaseEndpoint("sts") })
	})
}
