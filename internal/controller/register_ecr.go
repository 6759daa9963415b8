package controller

// ecrSetups are the controllers of the ecr.kaws.dev kinds.
var ecrSetups = []setupFn{}
