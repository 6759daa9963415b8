// Package local brings up the provider's local stack: a Kubernetes control
// plane (envtest: etcd and kube-apiserver) with the provider's CRDs, moto as
// the AWS emulator and the provider itself as a separate OS process, wired
// together by a ClusterProviderConfig named "default" that points at moto.
//
// The demo (cluster/local/cmd/demo), the bench (cluster/local/cmd/bench) and
// the end-to-end tests (test/e2e) all start their stack with Start.
package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// Options configure a Stack.
type Options struct {
	// Name of the stack's directory under _output (e.g. "e2e", "demo",
	// "bench"); it holds the admin kubeconfig and the processes' logs.
	Name string
	// Poll is the provider's --poll interval. Defaults to 10m.
	Poll time.Duration
	// ProviderArgs are extra provider flags. A --flag=value here overrides
	// the stack's own value of that flag.
	ProviderArgs []string
	// Debug runs the provider with --debug.
	Debug bool
	// Log receives the stack's progress lines. Defaults to io.Discard.
	Log io.Writer
	// Region of the ClusterProviderConfig. Defaults to us-east-1.
	Region string
	// Crossplane brings the stack up the way a user's cluster is: Crossplane
	// core (with the External package runtime) and its RBAC manager run,
	// a loopback OCI registry (Stack.Registry) holds packages, and this
	// stack is the package runtime that runs the active provider revision.
	// The provider's CRDs are not installed and no provider runs until a
	// package is installed (`crossplane xpkg install`); call Bootstrap once
	// the package's ClusterProviderConfig CRD exists.
	Crossplane bool
	// Activations are the entries of the ManagedResourceActivationPolicy
	// "default" that `crossplane core init` creates (e.g. "*.s3.kaws.dev");
	// none by default, so that no managed resource CRD is created until a
	// policy activates it. Only with Crossplane.
	Activations []string
	// CRDFilter, when set, installs only the CRDs of package/crds whose
	// file name it accepts (e.g. "s3.kaws.dev_buckets.yaml"); the
	// ProviderConfig CRDs (kaws.dev_*) must be among them. Defaults to all.
	CRDFilter func(file string) bool
}

func (o Options) withDefaults() (Options, error) {
	if o.Name == "" {
		return o, errors.New("options: Name is required (the directory under _output)")
	}
	if o.Poll == 0 {
		o.Poll = 10 * time.Minute
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	o.Log = &syncWriter{w: o.Log} // the stack logs from several goroutines
	if o.Region == "" {
		o.Region = "us-east-1"
	}
	return o, nil
}

// A Stack is a running local stack. Always Stop it, also when Start's
// caller fails: Stop is idempotent.
type Stack struct {
	// Client talks to the control plane as the admin user; its scheme knows
	// the Kubernetes and the provider's kinds.
	Client client.Client
	// RESTConfig of the admin user.
	RESTConfig *rest.Config
	// Kubeconfig is the absolute path of the admin user's kubeconfig.
	Kubeconfig string
	// MotoURL is the base URL of moto, e.g. http://127.0.0.1:40123.
	MotoURL string
	// Dir is the stack's absolute output directory, _output/<Name>.
	Dir string
	// Root is the absolute path of the repository.
	Root string
	// Registry is the host:port of the loopback OCI registry (only with
	// Options.Crossplane), e.g. 127.0.0.1:40125.
	Registry string

	opts Options

	env   *envtest.Environment
	cpLog *os.File
	guard *orphanGuard
	moto  *process
	httpc httpClient

	providerBin     string
	providerMetrics string // host:port of the provider's metrics endpoint
	providerMu      sync.Mutex
	provider        *process

	xp *crossplane // with Options.Crossplane

	stopOnce sync.Once
	stopErr  error
}

// Start brings the stack up: control plane, moto and the provider build run
// in parallel, then the credentials and ClusterProviderConfig "default" are
// created and the provider is started. On error everything already started
// is stopped again.
func Start(ctx context.Context, o Options) (*Stack, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	root, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	s := &Stack{
		Root:  root,
		Dir:   filepath.Join(root, "_output", o.Name),
		opts:  o,
		httpc: newHTTPClient(),
	}
	if err := s.start(ctx); err != nil {
		if stopErr := s.Stop(); stopErr != nil {
			err = fmt.Errorf("%w (and tearing down failed: %w)", err, stopErr)
		}
		return nil, err
	}
	return s, nil
}

func (s *Stack) start(ctx context.Context) error {
	begin := time.Now()
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the stack directory: %w", err)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return s.startControlPlane(gctx) })
	g.Go(func() error { return s.startMoto(gctx) })
	if !s.opts.Crossplane {
		g.Go(func() error { return s.buildProvider(gctx) })
	}
	var xpBin, xpCRDs, kcmBin string
	if s.opts.Crossplane {
		s.xp = &crossplane{}
		g.Go(func() (err error) { xpBin, xpCRDs, err = s.crossplaneBinary(gctx); return err })
		g.Go(func() (err error) { kcmBin, err = s.controllerManagerBinary(gctx); return err })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if s.opts.Crossplane {
		if err := s.startRegistry(); err != nil {
			return err
		}
		if err := s.startCrossplane(ctx, xpBin, xpCRDs, kcmBin); err != nil {
			return err
		}
		s.logf("stack %q up in %s with Crossplane (logs and kubeconfig in %s)", s.opts.Name, since(begin), s.Dir)
		return nil
	}
	if err := s.bootstrap(ctx); err != nil {
		return err
	}
	if err := s.startProvider(ctx, nil); err != nil {
		return err
	}
	s.logf("stack %q up in %s (logs and kubeconfig in %s)", s.opts.Name, since(begin), s.Dir)
	return nil
}

// Stop stops the provider, moto and the control plane. It is idempotent and
// safe on a partly started stack.
func (s *Stack) Stop() error {
	s.stopOnce.Do(func() {
		begin := time.Now()
		s.stopErr = errors.Join(
			s.stopCrossplane(),
			s.StopProvider(),
			s.stopMoto(),
			s.stopControlPlane(),
		)
		s.logf("stack %q stopped in %s", s.opts.Name, since(begin))
	})
	return s.stopErr
}

func (s *Stack) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, "[stack] "+format+"\n", args...)
}

// syncWriter serialises writes to a writer.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

func since(t time.Time) time.Duration {
	return time.Since(t).Round(10 * time.Millisecond)
}

// RepoRoot returns the repository's root: the first directory upwards from
// the working directory that holds a go.mod of this module.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("cannot get the working directory: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if isModuleRoot(d) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("cannot find the repository root: no go.mod of %s above %s", modulePath, dir)
		}
	}
}

const modulePath = "github.com/kaws-dev/provider-aws"

func isModuleRoot(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	first, _, _ := bytes.Cut(b, []byte("\n"))
	return string(bytes.TrimSpace(first)) == "module "+modulePath
}

// PIDs returns the pids of the stack's running processes by name:
// "provider", "moto", and the control plane's "kube-apiserver" and "etcd".
func (s *Stack) PIDs() map[string]int {
	out := map[string]int{}
	if p := s.ProviderPID(); p != 0 {
		out["provider"] = p
	}
	if s.moto != nil && !s.moto.exited() {
		out["moto"] = s.moto.pid()
	}
	for _, pid := range childPIDs("kube-apiserver", "etcd") {
		if comm, _, ok := procStat(pid); ok {
			out[comm] = pid
		}
	}
	return out
}
