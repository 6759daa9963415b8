// Command check-xpkg checks a built provider package: one Provider, exactly
// the CRDs of package/crds, and a runtime image that starts the provider.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/kaws-dev/provider-aws/cluster/xpkg/runtimeimage"
)

func main() {
	crds := flag.String("crds", "package/crds", "directory of the CRDs the package must hold")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: check-xpkg [-crds DIR] PACKAGE.xpkg")
		os.Exit(2)
	}
	p, err := runtimeimage.Check(flag.Arg(0), *crds)
	if err != nil {
		fmt.Fprintln(os.Stderr, "check-xpkg:", err)
		os.Exit(1)
	}
	fi, _ := os.Stat(flag.Arg(0))
	fmt.Printf("check-xpkg: %s: Provider %s, %d CRDs, %d examples, runtime %v (%.1f MB)\n",
		flag.Arg(0), p.Provider, len(p.CRDs), p.Examples, p.Entrypoint, float64(fi.Size())/1e6)
}
