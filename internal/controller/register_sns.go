package controller

import (
	"github.com/kaws-dev/provider-aws/internal/controller/sns/subscription"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/topic"
)

// snsSetups are the controllers of the sns.kaws.dev kinds.
var snsSetups = []setupFn{topic.Setup, subscription.Setup}
