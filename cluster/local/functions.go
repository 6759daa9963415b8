package local

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"

	pkgv1 "github.com/crossplane/crossplane/apis/v2/pkg/v1"
)

// functionReadyTimeout is how long a function has to accept connections.
const functionReadyTimeout = 30 * time.Second

// syncFunctions makes the function processes match the FunctionRevisions,
// as Crossplane's Deployment runtime and a kubelet would for a function
// pod and its Service: the active revision's function runs with a server
// certificate signed by Crossplane's root CA (the one core's client
// certificate chains to), listening on a free loopback port that the
// revision's status.endpoint publishes, the address core dials.
func (r *pkgRuntime) syncFunctions() {
	l := &pkgv1.FunctionRevisionList{}
	if err := r.s.Client.List(r.ctx, l); err != nil {
		r.report("functions", err)
		return
	}
	slices.SortFunc(l.Items, func(a, b pkgv1.FunctionRevision) int {
		return strings.Compare(string(b.Spec.DesiredState), string(a.Spec.DesiredState))
	})
	for i := range l.Items {
		fr := &l.Items[i]
		r.report(fr.Name, r.syncFunction(fr))
	}
}

func (r *pkgRuntime) syncFunction(fr *pkgv1.FunctionRevision) error {
	key := "function/" + fr.Name
	if fr.Spec.DesiredState != pkgv1.PackageRevisionActive {
		r.stopFunction(key)
		return r.setHealthOf(fr, pkgv1.RuntimeHealthy())
	}
	// Crossplane's establisher waits for the webhook TLS secret's name, as
	// for a provider.
	if err := r.ensureServerTLS(fr); err != nil {
		return err
	}
	image := fr.Spec.Package
	if fr.Status.ResolvedPackage != "" {
		image = fr.Status.ResolvedPackage
	}
	r.mu.Lock()
	cur := r.running[key]
	r.mu.Unlock()
	switch {
	case cur != nil && cur.hash == image && !cur.proc.exited():
		return r.publishEndpoint(fr, cur.endpoint)
	case cur != nil && cur.hash == image:
		r.s.logf("package runtime: function %q exited (%v); restarting it", fr.Name, cur.proc.waitErr)
		time.Sleep(time.Second)
	}
	r.stopFunction(key)
	p, endpoint, err := r.startFunction(fr, image)
	if err != nil {
		if serr := r.setHealthOf(fr, pkgv1.RuntimeUnhealthy().WithMessage(err.Error())); serr != nil {
			return errors.Join(err, serr)
		}
		return err
	}
	r.mu.Lock()
	r.running[key] = &runningPackage{proc: p, hash: image, endpoint: endpoint}
	r.mu.Unlock()
	return r.publishEndpoint(fr, endpoint)
}

// publishEndpoint records where the function listens and that it runs.
func (r *pkgRuntime) publishEndpoint(fr *pkgv1.FunctionRevision, endpoint string) error {
	if fr.Status.Endpoint != endpoint {
		fr.Status.Endpoint = endpoint
		fr.SetConditions(pkgv1.RuntimeHealthy())
		if err := r.s.Client.Status().Update(r.ctx, fr); err != nil && !kerrors.IsConflict(err) {
			return fmt.Errorf("cannot record the function's endpoint: %w", err)
		}
		return nil
	}
	return r.setHealthOf(fr, pkgv1.RuntimeHealthy())
}

func (r *pkgRuntime) startFunction(fr *pkgv1.FunctionRevision, image string) (*process, string, error) {
	begin := time.Now()
	bin, err := r.binary(image)
	if err != nil {
		return nil, "", err
	}
	certs := filepath.Join(r.s.Dir, "crossplane", "functions", fr.Name)
	if err := r.functionCerts(certs, fr.Labels[pkgv1.LabelParentPackage]); err != nil {
		return nil, "", err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, "", err
	}
	args := []string{"--address=" + addr, "--tls-server-certs-dir=" + certs, "--metrics-address="}
	if r.s.opts.Debug {
		args = append(args, "--debug")
	}
	name := fr.Labels[pkgv1.LabelParentPackage]
	p, err := startProcess(procSpec{
		name: "function " + name, path: bin, args: args,
		logFile: filepath.Join(r.s.Dir, "function-"+name+".log"), append: true,
	})
	if err != nil {
		return nil, "", err
	}
	if err := waitTCP(r.ctx, p, addr, functionReadyTimeout); err != nil {
		_ = p.stop(time.Second)
		return nil, "", fmt.Errorf("function %s is not listening: %w\n%s", name, err, p.logTail(10))
	}
	r.s.logf("package runtime: function %s of revision %q up in %s at %s (pid %d)", name, fr.Name, since(begin), addr, p.pid())
	return p, addr, nil
}

func (r *pkgRuntime) stopFunction(key string) {
	r.mu.Lock()
	p := r.running[key]
	delete(r.running, key)
	r.mu.Unlock()
	if p == nil {
		return
	}
	if err := p.proc.stop(5 * time.Second); err != nil {
		r.s.logf("package runtime: cannot stop %s: %v", key, err)
	}
}

// functionCerts writes tls.crt and tls.key (a server certificate for
// 127.0.0.1 and the function's Service names, signed by Crossplane's root
// CA) and ca.crt (that CA, which also signs core's client certificate)
// into dir, the layout function-sdk-go's TLS server reads.
func (r *pkgRuntime) functionCerts(dir, fn string) error {
	sec := &corev1.Secret{}
	if err := r.s.Client.Get(r.ctx, client.ObjectKey{Namespace: CrossplaneNamespace, Name: crossplaneCASecret}, sec); err != nil {
		return fmt.Errorf("cannot read Crossplane's root CA: %w", err)
	}
	// A folder written by an earlier stack (the stack's directory outlives
	// it) holds a certificate of another root CA: core would not trust it
	// and would wait for the function without a word.
	if b, err := os.ReadFile(filepath.Join(dir, "ca.crt")); err == nil && bytes.Equal(b, sec.Data[corev1.TLSCertKey]) {
		return nil
	}
	ca, err := tls.X509KeyPair(sec.Data[corev1.TLSCertKey], sec.Data[corev1.TLSPrivateKeyKey])
	if err != nil {
		return fmt.Errorf("cannot parse Crossplane's root CA: %w", err)
	}
	caCert, err := x509.ParseCertificate(ca.Certificate[0])
	if err != nil {
		return fmt.Errorf("cannot parse Crossplane's root CA: %w", err)
	}
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: fn},
		DNSNames:     []string{fn, fn + "." + CrossplaneNamespace, fn + "." + CrossplaneNamespace + ".svc", "localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &k.PublicKey, ca.PrivateKey)
	if err != nil {
		return fmt.Errorf("cannot sign the function's certificate: %w", err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"tls.crt": pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		"tls.key": pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}),
		// ca.crt last: its presence says the folder is complete.
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "ca.crt"), sec.Data[corev1.TLSCertKey], 0o600)
}

// waitTCP waits until addr accepts connections or p exits.
func waitTCP(ctx context.Context, p *process, addr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d := net.Dialer{Timeout: time.Second}
	for {
		c, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			return c.Close()
		}
		if p.exited() {
			return fmt.Errorf("it exited: %w", p.waitErr)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("nothing accepts connections at %s after %s", addr, timeout)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// InstallFunction installs a composition function package the way a user
// does: it pushes the .xpkg file to the stack's registry as <name>:<tag>,
// runs `crossplane xpkg install function`, and waits until the Function is
// Installed and Healthy and its active revision publishes an endpoint.
// Only with Options.Crossplane.
func (s *Stack) InstallFunction(ctx context.Context, xpkgFile, tag, name string, timeout time.Duration) error {
	if s.xp == nil {
		return errors.New("InstallFunction needs a stack with Options.Crossplane")
	}
	ref := s.Registry + "/" + name + ":" + tag
	if _, err := s.Crossplane(ctx, "xpkg", "push", "--package-files="+xpkgFile, ref); err != nil {
		return err
	}
	if _, err := s.Crossplane(ctx, "xpkg", "install", "function", ref, name); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		f := &pkgv1.Function{}
		revs := &pkgv1.FunctionRevisionList{}
		if s.Client.Get(ctx, client.ObjectKey{Name: name}, f) == nil && f.GetCondition(pkgv1.TypeHealthy).Status == corev1.ConditionTrue &&
			s.Client.List(ctx, revs, client.MatchingLabels{pkgv1.LabelParentPackage: name}) == nil &&
			slices.ContainsFunc(revs.Items, func(r pkgv1.FunctionRevision) bool {
				return r.Spec.DesiredState == pkgv1.PackageRevisionActive && r.Status.Endpoint != ""
			}) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("function %s is not Installed and Healthy with an endpoint after %s: %+v", name, timeout, f.Status.Conditions)
		case <-time.After(500 * time.Millisecond):
		}
	}
}
