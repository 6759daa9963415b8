package controller

// iamSetups are the controllers of the iam.kaws.dev kinds.
var iamSetups = []setupFn{}
