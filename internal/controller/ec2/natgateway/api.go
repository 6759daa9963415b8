package natgateway

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
)

// API is the part of the EC2 API the NATGateway controller calls.
// *ec2.Client implements it; tests use a fake.
type API interface {
	DescribeNatGateways(ctx context.Context, in *ec2.DescribeNatGatewaysInput, o ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error)
	CreateNatGateway(ctx context.Context, in *ec2.CreateNatGatewayInput, o ...func(*ec2.Options)) (*ec2.CreateNatGatewayOutput, error)
	DeleteNatGateway(ctx context.Context, in *ec2.DeleteNatGatewayInput, o ...func(*ec2.Options)) (*ec2.DeleteNatGatewayOutput, error)

	shared.TagAPI
}

var _ API = &ec2.Client{}

// NewAPI returns the EC2 client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API { return shared.NewClient(cfg) }
