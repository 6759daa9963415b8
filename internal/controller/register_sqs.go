package controller

// sqsSetups are the controllers of the sqs.kaws.dev kinds.
var sqsSetups = []setupFn{}
