// Command function-auto-ready is a composition function that marks a
// desired composed resource ready when its observed counterpart has the
// condition Ready=True, as crossplane-contrib/function-auto-ready does.
package main

import (
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/kaws-dev/provider-aws/cluster/functions/internal/autoready"
	"github.com/kaws-dev/provider-aws/cluster/functions/internal/serve"
)

func main() {
	serve.Main("function-auto-ready", func(bool) fnv1.FunctionRunnerServiceServer {
		return &autoready.Function{}
	})
}
