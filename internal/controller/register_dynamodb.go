package controller

// dynamodbSetups are the controllers of the dynamodb.kaws.dev kinds.
var dynamodbSetups = []setupFn{}
