package controller

import (
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/elasticip"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/internetgateway"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/natgateway"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/routetable"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/securitygroup"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/subnet"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/vpc"
)

// ec2Setups are the controllers of the ec2.kaws.dev kinds.
var ec2Setups = []setupFn{vpc.Setup, subnet.Setup, securitygroup.Setup, internetgateway.Setup, routetable.Setup, elasticip.Setup, natgateway.Setup}
