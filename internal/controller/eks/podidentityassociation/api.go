package podidentityassociation

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// API is the part of the EKS API the PodIdentityAssociation controller
// calls. *eks.Client implements it; tests use a fake.
type API interface {
	DescribePodIdentityAssociation(ctx context.Context, in *eks.DescribePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.DescribePodIdentityAssociationOutput, error)
	ListPodIdentityAssociations(ctx context.Context, in *eks.ListPodIdentityAssociationsInput, o ...func(*eks.Options)) (*eks.ListPodIdentityAssociationsOutput, error)
	CreatePodIdentityAssociation(ctx context.Context, in *eks.CreatePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.CreatePodIdentityAssociationOutput, error)
	UpdatePodIdentityAssociation(ctx context.Context, in *eks.UpdatePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.UpdatePodIdentityAssociationOutput, error)
	DeletePodIdentityAssociation(ctx context.Context, in *eks.DeletePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.DeletePodIdentityAssociationOutput, error)
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
