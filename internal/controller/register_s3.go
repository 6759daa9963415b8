package controller

import "github.com/kaws-dev/provider-aws/internal/controller/s3/bucket"

// s3Setups are the controllers of the s3.kaws.dev kinds.
var s3Setups = []setupFn{bucket.Setup}
