package controller

import "github.com/kaws-dev/provider-aws/internal/controller/sqs/queue"

// sqsSetups are the controllers of the sqs.kaws.dev kinds.
var sqsSetups = []setupFn{queue.Setup}
