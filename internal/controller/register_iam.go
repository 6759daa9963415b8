package controller

import (
	"github.com/kaws-dev/provider-aws/internal/controller/iam/instanceprofile"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/openidconnectprovider"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/policy"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/role"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/rolepolicyattachment"
)

// iamSetups are the controllers of the iam.kaws.dev kinds.
var iamSetups = []setupFn{role.Setup, policy.Setup, rolepolicyattachment.Setup, openidconnectprovider.Setup, instanceprofile.Setup}
