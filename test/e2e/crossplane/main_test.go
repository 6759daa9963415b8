// Package crossplane is the e2e suite against the stack with Crossplane:
// Crossplane core and its RBAC manager, the provider installed from its
// package by Crossplane, composition functions and the examples'
// compositions. Its own test binary, so that `go test ./test/e2e/...` runs
// it beside the suite of test/e2e (which shares no stack with it).
package crossplane

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"github.com/kaws-dev/provider-aws/test/e2e/e2ekit"
)

// Shared with the suite of test/e2e.
const (
	readyTimeout = e2ekit.ReadyTimeout
	pollInterval = e2ekit.PollInterval
	pollEvery    = e2ekit.PollEvery
)

var (
	waitFor            = e2ekit.WaitFor
	stackName          = e2ekit.StackName
	eksToken           = e2ekit.EKSToken
	eksCheckToken      = e2ekit.EKSCheckToken
	controllersStarted = e2ekit.ControllersStarted
	ec2VPCYAML         = e2ekit.EC2VPCYAML
)

func TestMain(m *testing.M) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		got := <-sig
		fmt.Fprintf(os.Stderr, "e2e: %v: tearing the stack down\n", got)
		_ = stopCrossplaneStack()
		os.Exit(1)
	}()
	code := m.Run()
	if err := stopCrossplaneStack(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
	}
	os.Exit(code)
}
