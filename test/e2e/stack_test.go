package e2e

import (
	"strings"
	"testing"
)

// TestStackProviderRestart checks what other tests rely on: the provider
// serves metrics and can be restarted with other flags (and back).
func TestStackProviderRestart(t *testing.T) {
	if _, err := stack.ProviderMetrics(t.Context()); err != nil {
		t.Fatal(err)
	}
	before := stack.ProviderPID()
	restartProvider(t, "--max-reconcile-rate=7")
	if pid := stack.ProviderPID(); pid == 0 || pid == before {
		t.Fatalf("provider pid after restart: %d (before: %d)", pid, before)
	}
	if !strings.Contains(stack.ProviderLogTail(200), "--max-reconcile-rate=7") {
		t.Errorf("the provider log does not show the restart with --max-reconcile-rate=7")
	}
	restartProvider(t) // back to the stack's flags for the tests that follow
}
