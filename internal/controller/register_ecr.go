package controller

import "github.com/kaws-dev/provider-aws/internal/controller/ecr/repository"

// ecrSetups are the controllers of the ecr.kaws.dev kinds.
var ecrSetups = []setupFn{repository.Setup}
