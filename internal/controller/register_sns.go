package controller

// snsSetups are the controllers of the sns.kaws.dev kinds.
var snsSetups = []setupFn{}
