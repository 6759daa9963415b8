package local

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const (
	providerReadyTimeout = 60 * time.Second
	providerStopGrace    = 30 * time.Second
)

// buildProvider builds cmd/provider into _output/<Name>/provider. With
// $KAWS_PROVIDER_BINARY set, that binary is used instead and nothing is built.
func (s *Stack) buildProvider(ctx context.Context) error {
	if bin := os.Getenv("KAWS_PROVIDER_BINARY"); bin != "" {
		s.providerBin = bin
		s.logf("using the provider binary %s (KAWS_PROVIDER_BINARY)", bin)
		return nil
	}
	begin := time.Now()
	s.providerBin = filepath.Join(s.Dir, "provider") // per stack: concurrent stacks never share a binary
	// Built as a release image builds it (Makefile's build target): no symbol
	// tables, which also keeps the binary's resident pages down.
	cmd := exec.CommandContext(ctx, "go", "build", "-buildvcs=false", "-trimpath", "-ldflags=-s -w", "-o", s.providerBin, "./cmd/provider")
	cmd.Dir = s.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("cannot build the provider (go build ./cmd/provider): %w\n%s", err, strings.TrimSpace(string(out)))
	}
	s.logf("provider built in %s", since(begin))
	return nil
}

// StartProvider starts the provider process again after StopProvider. A
// --flag=value in extraArgs overrides the stack's own value of that flag
// (e.g. "--poll=1s"); the others are added.
func (s *Stack) StartProvider(extraArgs ...string) error {
	return s.startProvider(context.Background(), extraArgs)
}

func (s *Stack) startProvider(ctx context.Context, extraArgs []string) error {
	if s.opts.Crossplane {
		return errors.New("with Crossplane, the stack's package runtime starts the provider of the active revision")
	}
	s.providerMu.Lock()
	defer s.providerMu.Unlock()
	if s.provider != nil && !s.provider.exited() {
		return fmt.Errorf("the provider is already running (pid %d): call StopProvider first", s.provider.pid())
	}
	begin := time.Now()
	if s.providerMetrics == "" {
		addr, err := freeAddr()
		if err != nil {
			return err
		}
		s.providerMetrics = addr
	}
	p, err := startProcess(procSpec{
		name: "provider",
		path: s.providerBin,
		args: s.providerArgs(extraArgs),
		env: []string{
			"KUBECONFIG=" + s.Kubeconfig,
			"AWS_EC2_METADATA_DISABLED=true", // never reach out for instance credentials
		},
		logFile: filepath.Join(s.Dir, "provider.log"),
		append:  s.provider != nil, // keep the log of earlier runs
	})
	if err != nil {
		return err
	}
	s.provider = p
	if err := s.httpc.waitHTTP(ctx, p, s.metricsURL(), providerReadyTimeout); err != nil {
		return fmt.Errorf("the provider is not ready: %w", err)
	}
	s.logf("provider up in %s (pid %d, metrics %s)", since(begin), p.pid(), s.metricsURL())
	return nil
}

// providerArgs are the stack's flags, overridden or extended by
// Options.ProviderArgs and then by extra.
func (s *Stack) providerArgs(extra []string) []string {
	args := []string{
		"--poll=" + s.opts.Poll.String(),
		"--metrics-bind-address=" + s.providerMetrics,
		"--health-probe-bind-address=0",
	}
	if s.opts.Debug {
		args = append(args, "--debug")
	}
	args = mergeFlags(args, s.opts.ProviderArgs)
	return mergeFlags(args, extra)
}

// mergeFlags returns base with every --flag[=value] of overrides replacing
// the same flag in base; other overrides are appended. The provider's flag
// parser rejects a repeated flag.
func mergeFlags(base, overrides []string) []string {
	out := make([]string, 0, len(base)+len(overrides))
	for _, b := range base {
		if !hasFlag(overrides, flagName(b)) {
			out = append(out, b)
		}
	}
	return append(out, overrides...)
}

func flagName(arg string) string {
	if !strings.HasPrefix(arg, "--") {
		return ""
	}
	name, _, _ := strings.Cut(arg, "=")
	return name
}

func hasFlag(args []string, name string) bool {
	if name == "" {
		return false
	}
	for _, a := range args {
		if flagName(a) == name {
			return true
		}
	}
	return false
}

// setProvider records the process the package runtime started (nil when it
// stopped it), for ProviderPID, ProviderMetrics and ProviderLogTail.
func (s *Stack) setProvider(p *process, metrics string) {
	s.providerMu.Lock()
	defer s.providerMu.Unlock()
	s.provider = p
	if p != nil {
		s.providerMetrics = metrics
	}
}

// StopProvider stops the provider process (SIGTERM, then SIGKILL after 30s).
// It does nothing when the provider is not running.
func (s *Stack) StopProvider() error {
	s.providerMu.Lock()
	defer s.providerMu.Unlock()
	if s.provider == nil || s.opts.Crossplane {
		return nil // the package runtime stops what it started
	}
	return s.provider.stop(providerStopGrace)
}

// ProviderPID returns the pid of the provider process, or 0 when it is not
// running.
func (s *Stack) ProviderPID() int {
	s.providerMu.Lock()
	defer s.providerMu.Unlock()
	if s.provider == nil || s.provider.exited() {
		return 0
	}
	return s.provider.pid()
}

// ProviderMetrics returns the provider's Prometheus metrics as text.
func (s *Stack) ProviderMetrics(ctx context.Context) (string, error) {
	if s.providerMetrics == "" {
		return "", errors.New("the provider has not been started")
	}
	b, err := s.httpc.do(ctx, http.MethodGet, s.metricsURL())
	if err != nil {
		return "", fmt.Errorf("cannot get the provider's metrics: %w", err)
	}
	return string(b), nil
}

// ProviderHTTP returns the body of a GET of path on the provider's metrics
// address (e.g. /debug/pprof/goroutine?debug=1 with --enable-pprof).
func (s *Stack) ProviderHTTP(ctx context.Context, path string) ([]byte, error) {
	if s.providerMetrics == "" {
		return nil, errors.New("the provider has not been started")
	}
	return s.httpc.do(ctx, http.MethodGet, "http://"+s.providerMetrics+path)
}

func (s *Stack) metricsURL() string { return "http://" + s.providerMetrics + "/metrics" }

// ProviderLogTail returns the last n lines of the provider's log.
func (s *Stack) ProviderLogTail(n int) string {
	return tailFile(filepath.Join(s.Dir, "provider.log"), n)
}
