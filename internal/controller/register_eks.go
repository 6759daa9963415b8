package controller

import (
	"github.com/kaws-dev/provider-aws/internal/controller/eks/accessentry"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/accesspolicyassociation"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/addon"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/cluster"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/nodegroup"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/podidentityassociation"
)

// eksSetups are the controllers of the eks.kaws.dev kinds.
var eksSetups = []setupFn{
	cluster.Setup, nodegroup.Setup, addon.Setup, accessentry.Setup, accesspolicyassociation.Setup, podidentityassociation.Setup,
}
