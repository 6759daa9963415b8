package controller

// eksSetups are the controllers of the eks.kaws.dev kinds.
var eksSetups = []setupFn{}
