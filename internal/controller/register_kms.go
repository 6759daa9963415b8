package controller

import (
	"github.com/kaws-dev/provider-aws/internal/controller/kms/alias"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/key"
)

// kmsSetups are the controllers of the kms.kaws.dev kinds.
var kmsSetups = []setupFn{key.Setup, alias.Setup}
