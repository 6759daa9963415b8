package elasticip

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
)

// API is the part of the EC2 API the ElasticIP controller calls.
// *ec2.Client implements it; tests use a fake.
type API interface {
	DescribeAddresses(ctx context.Context, in *ec2.DescribeAddressesInput, o ...func(*ec2.Options)) (*ec2.DescribeAddressesOutput, error)
	AllocateAddress(ctx context.Context, in *ec2.AllocateAddressInput, o ...func(*ec2.Options)) (*ec2.AllocateAddressOutput, error)
	ReleaseAddress(ctx context.Context, in *ec2.ReleaseAddressInput, o ...func(*ec2.Options)) (*ec2.ReleaseAddressOutput, error)

	shared.TagAPI
}

var _ API = &ec2.Client{}

// NewAPI returns the EC2 client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API { return shared.NewClient(cfg) }
