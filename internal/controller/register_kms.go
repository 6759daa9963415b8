package controller

// kmsSetups are the controllers of the kms.kaws.dev kinds.
var kmsSetups = []setupFn{}
