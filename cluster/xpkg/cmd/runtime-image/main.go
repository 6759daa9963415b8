// Command runtime-image writes the runtime image of the provider (or of a
// composition function: -path, -title) as a tarball,
// for `crossplane xpkg build --embed-runtime-image-tarball`.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"

	"github.com/kaws-dev/provider-aws/cluster/xpkg/runtimeimage"
)

func main() {
	o := runtimeimage.Options{}
	flag.StringVar(&o.Binary, "binary", "", "path of the provider binary (linux, CGO_ENABLED=0)")
	flag.StringVar(&o.CABundle, "ca-bundle", "/etc/ssl/certs/ca-certificates.crt", "PEM CA bundle to install in the image")
	flag.StringVar(&o.Arch, "arch", runtime.GOARCH, "the binary's GOARCH")
	flag.StringVar(&o.Version, "version", "dev", "version label of the image")
	flag.StringVar(&o.Path, "path", runtimeimage.BinaryPath, "where the binary lives in the image (its entrypoint)")
	flag.StringVar(&o.Title, "title", "provider-aws", "title label of the image")
	tag := flag.String("tag", "provider-aws:dev", "tag of the image in the tarball")
	out := flag.String("out", "", "path of the image tarball to write")
	flag.Parse()
	if o.Binary == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "runtime-image: -binary and -out are required")
		os.Exit(2)
	}
	img, err := runtimeimage.Build(o)
	if err == nil {
		err = runtimeimage.Write(*out, *tag, img)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "runtime-image:", err)
		os.Exit(1)
	}
	d, _ := img.Digest()
	fmt.Printf("runtime-image: wrote %s (%s, %s)\n", *out, *tag, d)
}
