package controller

// ec2Setups are the controllers of the ec2.kaws.dev kinds.
var ec2Setups = []setupFn{}
