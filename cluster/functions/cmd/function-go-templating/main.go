// Command function-go-templating is a composition function that renders
// composed resources from Go templates. It reads the GoTemplate input of
// crossplane-contrib/function-go-templating (inline templates), so a
// Composition written for it runs unchanged on either.
package main

import (
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/kaws-dev/provider-aws/cluster/functions/internal/gotemplating"
	"github.com/kaws-dev/provider-aws/cluster/functions/internal/serve"
)

func main() {
	serve.Main("function-go-templating", func(debug bool) fnv1.FunctionRunnerServiceServer {
		return &gotemplating.Function{Debug: debug}
	})
}
