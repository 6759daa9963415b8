package controller

import "github.com/kaws-dev/provider-aws/internal/controller/dynamodb/table"

// dynamodbSetups are the controllers of the dynamodb.kaws.dev kinds.
var dynamodbSetups = []setupFn{table.Setup}
