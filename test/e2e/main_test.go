// Package e2e holds the end-to-end tests: they run against the local stack
// (a real kube-apiserver with the provider's CRDs, moto, and the provider as
// a separate process), started once for the whole package by TestMain.
package e2e

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// stack is the local stack every test uses.
var stack *local.Stack

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	s, err := local.Start(context.Background(), local.Options{
		Name:   stackName(),
		Poll:   pollInterval,
		Region: "us-east-1",
		Debug:  os.Getenv("E2E_DEBUG") != "",
		Log:    os.Stderr,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: cannot start the local stack: %v\n", err)
		return 1
	}
	stack = s
	defer func() {
		if err := s.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		}
	}()
	stopOnSignal(s)
	return m.Run()
}

// stopOnSignal tears the stack down and exits on SIGINT or SIGTERM, which
// would otherwise end the test binary without running TestMain's defers.
// (A panicking test also skips them: the stack's children then die with
// this process on their own.)
func stopOnSignal(s *local.Stack) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		got := <-sig
		fmt.Fprintf(os.Stderr, "e2e: %v: tearing the stack down\n", got)
		_ = s.Stop()
		os.Exit(1)
	}()
}
