package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/go-logr/logr"
	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	ctrllog "sigs.k8s.io/controller-runtime/pkg/log"

	xpextv1alpha1 "github.com/crossplane/crossplane/apis/v2/apiextensions/v1alpha1"
	pkgv1 "github.com/crossplane/crossplane/apis/v2/pkg/v1"
	pkgv1beta1 "github.com/crossplane/crossplane/apis/v2/pkg/v1beta1"

	"github.com/kaws-dev/provider-aws/apis"
)

// startControlPlane starts etcd and kube-apiserver with the provider's CRDs
// installed, and writes the admin user's kubeconfig.
func (s *Stack) startControlPlane(ctx context.Context) error {
	begin := time.Now()
	assets, err := s.assetsDir(ctx)
	if err != nil {
		return err
	}
	if s.cpLog, err = os.Create(filepath.Join(s.Dir, "controlplane.log")); err != nil {
		return fmt.Errorf("cannot create the control plane log: %w", err)
	}
	crds, err := s.crdPaths()
	if err != nil {
		return err
	}
	s.env = &envtest.Environment{
		BinaryAssetsDirectory:    assets,
		CRDDirectoryPaths:        crds,
		ErrorIfCRDPathMissing:    true,
		ControlPlaneStartTimeout: 2 * time.Minute,
	}
	if s.opts.Crossplane {
		// Crossplane installs its own CRDs (core init) and the provider's
		// (from the package).
		s.env.CRDDirectoryPaths, s.env.ErrorIfCRDPathMissing = nil, false
		// envtest then logs through controller-runtime's logger, which
		// complains with a stack trace when no one set it.
		ctrllog.SetLogger(logr.Discard())
	}
	api := s.env.ControlPlane.GetAPIServer()
	api.Out, api.Err = s.cpLog, s.cpLog
	s.env.ControlPlane.Etcd = &envtest.Etcd{Out: s.cpLog, Err: s.cpLog}

	_, err = s.env.Start()
	// envtest starts etcd and kube-apiserver without a parent-death signal:
	// guard them even when Start failed half-way.
	s.guard = startOrphanGuard(s.envTempDirs())
	if err != nil {
		return fmt.Errorf("cannot start the control plane (assets %s, log %s): %w", assets, s.cpLog.Name(), err)
	}
	if err := s.connectAdmin(); err != nil {
		return err
	}
	s.logf("control plane up in %s (%s)", since(begin), s.RESTConfig.Host)
	return nil
}

// crdPaths returns the CRDs to install: package/crds, or the files of it
// Options.CRDFilter accepts.
func (s *Stack) crdPaths() ([]string, error) {
	dir := filepath.Join(s.Root, "package", "crds")
	if s.opts.CRDFilter == nil {
		return []string{dir}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot list the CRDs: %w", err)
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && s.opts.CRDFilter(e.Name()) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("Options.CRDFilter accepts none of the CRDs in %s", dir)
	}
	return paths, nil
}

// assetsDir returns $KUBEBUILDER_ASSETS, or else the directory that
// cluster/controlplane/build.sh prints (it builds the binaries when they are
// not cached yet, which takes minutes).
func (s *Stack) assetsDir(ctx context.Context) (string, error) {
	if dir := os.Getenv("KUBEBUILDER_ASSETS"); dir != "" {
		return dir, nil
	}
	s.logf("KUBEBUILDER_ASSETS is unset: running cluster/controlplane/build.sh")
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(s.Root, "cluster", "controlplane", "build.sh"))
	cmd.Dir = s.Root
	cmd.Stderr = s.opts.Log
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot get the control plane binaries (bash cluster/controlplane/build.sh): %w", err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", errors.New("cluster/controlplane/build.sh printed no directory")
	}
	return dir, nil
}

// connectAdmin adds a system:masters user, writes its kubeconfig to
// <Dir>/kubeconfig and builds the stack's client.
func (s *Stack) connectAdmin() error {
	admin, err := s.env.AddUser(envtest.User{Name: "kaws-admin", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return fmt.Errorf("cannot add the admin user to the control plane: %w", err)
	}
	kc, err := admin.KubeConfig()
	if err != nil {
		return fmt.Errorf("cannot build the admin kubeconfig: %w", err)
	}
	s.Kubeconfig = filepath.Join(s.Dir, "kubeconfig")
	if err := os.WriteFile(s.Kubeconfig, kc, 0o600); err != nil {
		return fmt.Errorf("cannot write the admin kubeconfig: %w", err)
	}
	s.RESTConfig = admin.Config()
	// client-go's default of 5 requests per second would make applying and
	// waiting for a few hundred objects (the bench) crawl.
	s.RESTConfig.QPS, s.RESTConfig.Burst = 200, 400
	scheme, err := newScheme()
	if err != nil {
		return err
	}
	if s.Client, err = client.New(s.RESTConfig, client.Options{Scheme: scheme}); err != nil {
		return fmt.Errorf("cannot create the Kubernetes client: %w", err)
	}
	return nil
}

func newScheme() (*runtime.Scheme, error) {
	scheme := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		return nil, fmt.Errorf("cannot add the Kubernetes kinds to the scheme: %w", err)
	}
	if err := apis.AddToScheme(scheme); err != nil {
		return nil, fmt.Errorf("cannot add the provider's kinds to the scheme: %w", err)
	}
	for _, add := range []func(*runtime.Scheme) error{extv1.AddToScheme, pkgv1.AddToScheme, pkgv1beta1.AddToScheme, xpextv1alpha1.AddToScheme} {
		if err := add(scheme); err != nil {
			return nil, fmt.Errorf("cannot add Crossplane's kinds to the scheme: %w", err)
		}
	}
	return scheme, nil
}

func (s *Stack) stopControlPlane() error {
	s.guard.disarm()
	var err error
	if s.env != nil {
		if err = s.env.Stop(); err != nil {
			err = fmt.Errorf("cannot stop the control plane: %w", err)
		}
	}
	if s.cpLog != nil {
		_ = s.cpLog.Close()
	}
	return err
}

// envTempDirs returns the temporary directories envtest made (etcd's data,
// certificates), which envtest removes only in Stop.
func (s *Stack) envTempDirs() []string {
	var dirs []string
	for _, d := range []string{
		s.env.ControlPlane.Etcd.DataDir,
		s.env.ControlPlane.GetAPIServer().CertDir,
		s.env.WebhookInstallOptions.LocalServingCertDir,
	} {
		if d != "" && strings.HasPrefix(d, os.TempDir()+string(filepath.Separator)) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// An orphanGuard kills the control plane's processes and removes envtest's
// temporary directories when this process dies without Stop (a panicking
// test, go test's timeout, SIGKILL): envtest starts etcd and kube-apiserver
// in process groups of their own and without a parent-death signal. The
// guard is a shell that blocks reading a pipe only this process holds open;
// when this process dies, the read returns and the shell cleans up.
type orphanGuard struct {
	cmd *exec.Cmd
	w   *os.File
}

// startOrphanGuard guards the etcd and kube-apiserver children of this
// process and the given directories. It returns nil when there is nothing
// to guard or no guard could be started (teardown then relies on Stop).
func startOrphanGuard(dirs []string) *orphanGuard {
	pids := childPIDs("etcd", "kube-apiserver")
	if len(pids) == 0 {
		return nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil
	}
	defer r.Close()
	groups := make([]string, len(pids))
	for i, pid := range pids {
		groups[i] = fmt.Sprintf("-%d", pid)
	}
	// dash's kill takes no "--" before negative pids (process groups).
	script := "read -r _; kill -KILL " + strings.Join(groups, " ") + ` 2>/dev/null; sleep 1; rm -rf -- "$@"`
	cmd := exec.Command("sh", append([]string{"-c", script, "kaws-stack-guard"}, dirs...)...)
	cmd.Stdin = r
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // not reached by a Ctrl-C of the terminal
	if err := cmd.Start(); err != nil {
		_ = w.Close()
		return nil
	}
	return &orphanGuard{cmd: cmd, w: w}
}

// disarm stops the guard without letting it kill anything.
func (g *orphanGuard) disarm() {
	if g == nil {
		return
	}
	_ = g.cmd.Process.Kill()
	_ = g.cmd.Wait()
	_ = g.w.Close()
}

// childPIDs returns the pids of this process's children with one of the
// given command names.
func childPIDs(names ...string) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var pids []int
	for _, e := range entries {
		var pid int
		if _, err := fmt.Sscan(e.Name(), &pid); err != nil {
			continue
		}
		comm, ppid, ok := procStat(pid)
		if ok && ppid == self && slices.Contains(names, comm) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// procStat reads the command name and parent pid of a process from
// /proc/<pid>/stat ("pid (comm) state ppid ...").
func procStat(pid int) (comm string, ppid int, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return "", 0, false
	}
	open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if open < 0 || end < open {
		return "", 0, false
	}
	var state string
	if _, err := fmt.Sscan(string(b[end+1:]), &state, &ppid); err != nil {
		return "", 0, false
	}
	return string(b[open+1 : end]), ppid, true
}
