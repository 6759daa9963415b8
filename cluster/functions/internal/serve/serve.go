// Package serve runs a composition function the way Crossplane's package
// runtime expects: a gRPC server with mutual TLS from the certificates in
// TLS_SERVER_CERTS_DIR (tls.crt, tls.key and the ca.crt that signs
// Crossplane's client certificate), or without TLS for `crossplane
// composition render`'s Development runtime.
package serve

import (
	"flag"
	"fmt"
	"os"

	function "github.com/crossplane/function-sdk-go"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// Main parses the flags every function of this module takes and serves fn
// until the server fails.
func Main(name string, newFn func(debug bool) fnv1.FunctionRunnerServiceServer) {
	fs := flag.NewFlagSet(name, flag.ExitOnError)
	address := fs.String("address", envOr("FUNCTION_ADDRESS", ":9443"), "Address to listen on for gRPC connections (env FUNCTION_ADDRESS).")
	certs := fs.String("tls-server-certs-dir", os.Getenv("TLS_SERVER_CERTS_DIR"), "Folder of tls.crt, tls.key and ca.crt (env TLS_SERVER_CERTS_DIR).")
	insecure := fs.Bool("insecure", false, "Serve without TLS (for crossplane composition render's Development runtime).")
	metrics := fs.String("metrics-address", envOr("METRICS_ADDRESS", ":8080"), "Address of the Prometheus metrics server; empty for none.")
	debug := fs.Bool("debug", false, "Log every request.")
	_ = fs.Parse(os.Args[1:])

	if err := function.Serve(newFn(*debug),
		function.Listen("tcp", *address),
		function.MTLSCertificates(*certs),
		function.Insecure(*insecure),
		function.WithMetricsServer(*metrics),
	); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}
