package local

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
	corev1 "k8s.io/api/core/v1"
	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	pkgv1 "github.com/crossplane/crossplane/apis/v2/pkg/v1"
)

// The Crossplane part of a stack (Options.Crossplane): Crossplane core with
// the External package runtime, its RBAC manager, a loopback OCI registry
// and the package runtime of this stack (runtime.go), which runs the active
// provider revision's binary as a process under the service account
// Crossplane's RBAC manager grants permissions to.
const (
	// CrossplaneNamespace is where Crossplane unpacks and runs packages.
	CrossplaneNamespace = "crossplane-system"

	crossplaneCASecret     = "crossplane-root-ca"
	crossplaneClientSecret = "crossplane-tls-client"
	crossplaneServerSecret = "crossplane-tls-server"

	crossplaneReadyTimeout = 2 * time.Minute
)

type crossplane struct {
	kcm      *process // kube-controller-manager: its garbage collector
	core     *process
	rbac     *process
	registry *http.Server
	runtime  *pkgRuntime
}

// crossplaneBinary returns the path of Crossplane core, built (or reused
// from ~/.cache/kaws) by cluster/crossplane/crossplane.sh, and the folder of
// its CRDs.
func (s *Stack) crossplaneBinary(ctx context.Context) (bin, crds string, err error) {
	script := filepath.Join(s.Root, "cluster", "crossplane", "crossplane.sh")
	return s.runScript(ctx, script)
}

// controllerManagerBinary returns the path of kube-controller-manager,
// built (or reused from ~/.cache/kaws) by cluster/controlplane/controller-manager.sh.
func (s *Stack) controllerManagerBinary(ctx context.Context) (string, error) {
	bin, _, err := s.runScript(ctx, filepath.Join(s.Root, "cluster", "controlplane", "controller-manager.sh"))
	return bin, err
}

// runScript runs a build script for its binary's path, and, for
// crossplane.sh, again with --crds for the folder of Crossplane's CRDs.
func (s *Stack) runScript(ctx context.Context, script string) (bin, crds string, err error) {
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "bash", append([]string{script}, args...)...)
		cmd.Dir = s.Root
		cmd.Stderr = s.opts.Log
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("bash %s %s: %w", script, strings.Join(args, " "), err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	if bin, err = run(); err != nil {
		return "", "", fmt.Errorf("cannot build %s: %w", filepath.Base(script), err)
	}
	if filepath.Base(script) != "crossplane.sh" {
		return bin, "", nil
	}
	if crds, err = run("--crds"); err != nil {
		return "", "", fmt.Errorf("cannot find Crossplane's CRDs: %w", err)
	}
	return bin, crds, nil
}

// CLI returns the path of the crossplane CLI (cluster/xpkg/crossplane.sh,
// built once and cached), for `crossplane xpkg push`, `xpkg install` and
// `resource trace`.
func (s *Stack) CLI(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(s.Root, "cluster", "xpkg", "crossplane.sh"))
	cmd.Dir = s.Root
	cmd.Stderr = s.opts.Log
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot build the crossplane CLI (bash cluster/xpkg/crossplane.sh): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Crossplane runs the crossplane CLI with the admin kubeconfig and returns
// its combined output.
func (s *Stack) Crossplane(ctx context.Context, args ...string) (string, error) {
	cli, err := s.CLI(ctx)
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, cli, args...)
	cmd.Dir = s.Root
	cmd.Env = append(os.Environ(), "KUBECONFIG="+s.Kubeconfig)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("crossplane %s: %w\n%s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// startRegistry serves an in-memory OCI registry (go-containerregistry's)
// on 127.0.0.1; Crossplane pulls from it over plain HTTP, which
// go-containerregistry uses for loopback registries.
func (s *Stack) startRegistry() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("cannot listen for the registry: %w", err)
	}
	f, err := os.Create(filepath.Join(s.Dir, "registry.log"))
	if err != nil {
		_ = l.Close()
		return fmt.Errorf("cannot create the registry log: %w", err)
	}
	srv := &http.Server{
		Handler:           registry.New(registry.Logger(log.New(f, "", log.LstdFlags))),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() { _ = srv.Serve(l) }()
	s.xp.registry = srv
	s.Registry = l.Addr().String()
	s.logf("registry up at %s", s.Registry)
	return nil
}

// startCrossplane initialises Crossplane (its CRDs, the TLS secrets it
// dials functions with, the default activation policy when
// Options.Activations is set), then starts core with the External package
// runtime, the RBAC manager and this stack's package runtime.
func (s *Stack) startCrossplane(ctx context.Context, bin, crds, kcm string) error {
	begin := time.Now()
	if err := s.startControllerManager(kcm); err != nil {
		return err
	}
	if err := s.Client.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: CrossplaneNamespace}}); err != nil && !kerrors.IsAlreadyExists(err) {
		return fmt.Errorf("cannot create namespace %s: %w", CrossplaneNamespace, err)
	}
	dir := filepath.Join(s.Dir, "crossplane")
	clientCerts := filepath.Join(dir, "tls", "client")
	for _, d := range []string{clientCerts, filepath.Join(dir, "xpkg")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("cannot create %s: %w", d, err)
		}
	}
	env := []string{
		"KUBECONFIG=" + s.Kubeconfig,
		"POD_NAMESPACE=" + CrossplaneNamespace,
		"ENABLE_WEBHOOKS=false",
		"CRDS_PATH=" + crds,
		"TLS_CA_SECRET_NAME=" + crossplaneCASecret,
		"TLS_CLIENT_SECRET_NAME=" + crossplaneClientSecret,
		"TLS_SERVER_SECRET_NAME=" + crossplaneServerSecret,
	}
	initArgs := []string{"core", "init"}
	for _, a := range s.opts.Activations {
		initArgs = append(initArgs, "--activation="+a)
	}
	// Init applies Crossplane's CRDs and then objects of those CRDs with a
	// client whose discovery may not know them yet: like an init container,
	// it is run again until it succeeds.
	var initErr error
	for attempt := 1; attempt <= 5; attempt++ {
		if initErr = s.runCrossplaneInit(bin, initArgs, env, filepath.Join(dir, "init.log"), attempt > 1); initErr == nil {
			break
		}
		time.Sleep(time.Second)
	}
	if initErr != nil {
		return initErr
	}
	// Core loads the client certificate it dials functions with from files,
	// as a pod would have them mounted from the secret init filled.
	if err := s.writeSecretFiles(ctx, crossplaneClientSecret, clientCerts); err != nil {
		return err
	}

	health, err := freeAddr()
	if err != nil {
		return err
	}
	metrics, err := freeAddr()
	if err != nil {
		return err
	}
	coreArgs := []string{
		"core", "start",
		"--package-runtime=External",
		"--enable-webhooks=false",
		"--xpkg-cache-dir=" + filepath.Join(dir, "xpkg"),
		"--health-probe-port=" + portOf(health),
		"--metrics-port=" + portOf(metrics),
		"--poll-interval=10s",
	}
	if os.Getenv("KAWS_CROSSPLANE_DEBUG") != "" {
		coreArgs = append(coreArgs, "--debug")
	}
	core, err := startProcess(procSpec{
		name:    "crossplane",
		path:    bin,
		args:    coreArgs,
		env:     append(env, "TLS_CLIENT_CERTS_DIR="+clientCerts),
		logFile: filepath.Join(s.Dir, "crossplane.log"),
	})
	if err != nil {
		return err
	}
	s.xp.core = core
	if err := s.httpc.waitHTTP(ctx, core, "http://"+health+"/healthz", crossplaneReadyTimeout); err != nil {
		return fmt.Errorf("crossplane core is not ready: %w", err)
	}

	rbac, err := startProcess(procSpec{
		name: "crossplane rbac-manager",
		path: bin,
		// It serves metrics on :8080, with no flag to change that: one stack
		// with Crossplane runs at a time.
		args:    []string{"rbac", "start"},
		env:     []string{"KUBECONFIG=" + s.Kubeconfig, "POD_NAMESPACE=" + CrossplaneNamespace},
		logFile: filepath.Join(s.Dir, "rbac-manager.log"),
	})
	if err != nil {
		return err
	}
	select {
	case <-rbac.done:
		return fmt.Errorf("crossplane's RBAC manager exited at once (%w)\n%s", rbac.waitErr, rbac.logTail(20))
	case <-time.After(2 * time.Second):
	}
	s.xp.rbac = rbac

	s.xp.runtime = newPkgRuntime(s)
	go s.xp.runtime.run()
	s.logf("crossplane up in %s (core pid %d, rbac-manager pid %d)", since(begin), core.pid(), rbac.pid())
	return nil
}

// startControllerManager runs kube-controller-manager with only its
// garbage collector, which deletes what a deleted object owned (Crossplane
// relies on it for a composite's composed resources), as the stack's admin.
func (s *Stack) startControllerManager(bin string) error {
	p, err := startProcess(procSpec{
		name: "kube-controller-manager",
		path: bin,
		args: []string{
			"--kubeconfig=" + s.Kubeconfig,
			"--controllers=garbagecollector",
			"--leader-elect=false",
			"--secure-port=0",
			"--concurrent-gc-syncs=5",
		},
		logFile: filepath.Join(s.Dir, "kube-controller-manager.log"),
	})
	if err != nil {
		return err
	}
	select {
	case <-p.done:
		return fmt.Errorf("kube-controller-manager exited at once (%w)\n%s", p.waitErr, p.logTail(20))
	case <-time.After(time.Second):
	}
	s.xp.kcm = p
	return nil
}

func (s *Stack) runCrossplaneInit(bin string, args, env []string, logFile string, appendLog bool) error {
	init, err := startProcess(procSpec{name: "crossplane init", path: bin, args: args, env: env, logFile: logFile, append: appendLog})
	if err != nil {
		return err
	}
	select {
	case <-init.done:
	case <-time.After(crossplaneReadyTimeout):
		_ = init.stop(time.Second)
		return fmt.Errorf("crossplane core init did not finish within %s\n%s", crossplaneReadyTimeout, init.logTail(20))
	}
	if init.waitErr != nil {
		return fmt.Errorf("crossplane core init failed: %w\n%s", init.waitErr, init.logTail(20))
	}
	return nil
}

// writeSecretFiles writes every key of a secret in CrossplaneNamespace as a
// file in dir.
func (s *Stack) writeSecretFiles(ctx context.Context, name, dir string) error {
	sec := &corev1.Secret{}
	if err := s.Client.Get(ctx, client.ObjectKey{Namespace: CrossplaneNamespace, Name: name}, sec); err != nil {
		return fmt.Errorf("cannot get secret %s/%s: %w", CrossplaneNamespace, name, err)
	}
	for k, v := range sec.Data {
		if err := os.WriteFile(filepath.Join(dir, k), v, 0o600); err != nil {
			return fmt.Errorf("cannot write %s of secret %s: %w", k, name, err)
		}
	}
	return nil
}

func (s *Stack) stopCrossplane() error {
	if s.xp == nil {
		return nil
	}
	var errs []error
	if s.xp.runtime != nil {
		errs = append(errs, s.xp.runtime.stop())
	}
	for _, p := range []*process{s.xp.rbac, s.xp.core, s.xp.kcm} {
		if p != nil {
			errs = append(errs, p.stop(10*time.Second))
		}
	}
	if s.xp.registry != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		errs = append(errs, s.xp.registry.Shutdown(ctx))
	}
	return errors.Join(errs...)
}

func portOf(addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	return port
}

// InstallProvider installs a provider package the way a user does: it
// pushes the .xpkg file to the stack's registry as provider-aws:<tag>,
// runs `crossplane xpkg install provider`, waits until the Provider is
// Installed and Healthy and its ClusterProviderConfig CRD exists, and then
// creates the ClusterProviderConfig "default" pointing at moto (Bootstrap).
// It returns the package's reference. Only with Options.Crossplane.
func (s *Stack) InstallProvider(ctx context.Context, xpkgFile, tag, name string, timeout time.Duration) (string, error) {
	if s.xp == nil {
		return "", errors.New("InstallProvider needs a stack with Options.Crossplane")
	}
	ref := s.Registry + "/provider-aws:" + tag
	if _, err := s.Crossplane(ctx, "xpkg", "push", "--package-files="+xpkgFile, ref); err != nil {
		return "", err
	}
	if _, err := s.Crossplane(ctx, "xpkg", "install", "provider", ref, name); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		p := &pkgv1.Provider{}
		crd := &extv1.CustomResourceDefinition{}
		if s.Client.Get(ctx, client.ObjectKey{Name: name}, p) == nil &&
			p.GetCondition(pkgv1.TypeHealthy).Status == corev1.ConditionTrue && s.ProviderPID() != 0 &&
			s.Client.Get(ctx, client.ObjectKey{Name: "clusterproviderconfigs.kaws.dev"}, crd) == nil {
			break
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("provider %s is not Installed and Healthy after %s: %+v", name, timeout, p.Status.Conditions)
		case <-time.After(500 * time.Millisecond):
		}
	}
	return ref, s.Bootstrap(ctx)
}
