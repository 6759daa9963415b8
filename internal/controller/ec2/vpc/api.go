package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
)

// API is the part of the EC2 API the VPC controller calls. *ec2.Client
// implements it; tests use a fake.
type API interface {
	DescribeVpcs(ctx context.Context, in *ec2.DescribeVpcsInput, o ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error)
	CreateVpc(ctx context.Context, in *ec2.CreateVpcInput, o ...func(*ec2.Options)) (*ec2.CreateVpcOutput, error)
	DeleteVpc(ctx context.Context, in *ec2.DeleteVpcInput, o ...func(*ec2.Options)) (*ec2.DeleteVpcOutput, error)

	DescribeVpcAttribute(ctx context.Context, in *ec2.DescribeVpcAttributeInput, o ...func(*ec2.Options)) (*ec2.DescribeVpcAttributeOutput, error)
	ModifyVpcAttribute(ctx context.Context, in *ec2.ModifyVpcAttributeInput, o ...func(*ec2.Options)) (*ec2.ModifyVpcAttributeOutput, error)

	AssociateVpcCidrBlock(ctx context.Context, in *ec2.AssociateVpcCidrBlockInput, o ...func(*ec2.Options)) (*ec2.AssociateVpcCidrBlockOutput, error)
	DisassociateVpcCidrBlock(ctx context.Context, in *ec2.DisassociateVpcCidrBlockInput, o ...func(*ec2.Options)) (*ec2.DisassociateVpcCidrBlockOutput, error)

	shared.TagAPI
}

var _ API = &ec2.Client{}

// NewAPI returns the EC2 client of a configuration, built once per config.
func NewAPI(cfg *clients.Config) API { return shared.NewClient(cfg) }
