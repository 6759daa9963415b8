package routetable

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
)

// API is the part of the EC2 API the RouteTable controller calls.
// *ec2.Client implements it; tests use a fake.
type API interface {
	DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, o ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error)
	CreateRouteTable(ctx context.Context, in *ec2.CreateRouteTableInput, o ...func(*ec2.Options)) (*ec2.CreateRouteTableOutput, error)
	DeleteRouteTable(ctx context.Context, in *ec2.DeleteRouteTableInput, o ...func(*ec2.Options)) (*ec2.DeleteRouteTableOutput, error)

	CreateRoute(ctx context.Context, in *ec2.CreateRouteInput, o ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error)
	ReplaceRoute(ctx context.Context, in *ec2.ReplaceRouteInput, o ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error)
	DeleteRoute(ctx context.Context, in *ec2.DeleteRouteInput, o ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error)

	AssociateRouteTable(ctx context.Context, in *ec2.AssociateRouteTableInput, o ...func(*ec2.Options)) (*ec2.AssociateRouteTableOutput, error)
	DisassociateRouteTable(ctx context.Context, in *ec2.DisassociateRouteTableInput, o ...func(*ec2.Options)) (*ec2.DisassociateRouteTableOutput, error)

	shared.TagAPI
}

var _ API = &ec2.Client{}

// NewAPI returns the EC2 client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API { return shared.NewClient(cfg) }
