package local

import (
	"archive/tar"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	appsv1 "k8s.io/api/apps/v1"
	authnv1 "k8s.io/api/authentication/v1"
	authzv1 "k8s.io/api/authorization/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"
	pkgv1 "github.com/crossplane/crossplane/apis/v2/pkg/v1"
	pkgv1beta1 "github.com/crossplane/crossplane/apis/v2/pkg/v1beta1"
)

// runtimeContainer is the container of a DeploymentRuntimeConfig's
// Deployment template that runs the package, as Crossplane names it.
const runtimeContainer = "package-runtime"

// A pkgRuntime is this stack's package runtime for Crossplane's External
// runtime mode: what Crossplane's Deployment runtime and a kubelet do
// together, with OS processes. For the active ProviderRevision it creates
// the ServiceAccount and the Deployment Crossplane would (the RBAC manager
// binds the provider's ClusterRole to the Deployment's service account;
// nothing runs the Deployment), takes the binary out of the package's
// embedded runtime image, and runs it with a TokenRequest token of that
// service account and the arguments and environment of the Provider's
// DeploymentRuntimeConfig. It reports RuntimeHealthy on the revision, stops
// a revision's process when the revision becomes inactive, restarts a
// process that exits, and restarts it when its configuration changes.
type pkgRuntime struct {
	s      *Stack
	kube   kubernetes.Interface
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	running map[string]*runningPackage // by revision name
	lastErr map[string]string          // by revision name, logged once
}

type runningPackage struct {
	proc     *process
	hash     string // of binary, arguments and environment (a function's: its image)
	endpoint string // a function's address
}

func newPkgRuntime(s *Stack) *pkgRuntime {
	ctx, cancel := context.WithCancel(context.Background())
	return &pkgRuntime{
		s: s, kube: kubernetes.NewForConfigOrDie(s.RESTConfig), ctx: ctx, cancel: cancel, done: make(chan struct{}),
		running: map[string]*runningPackage{}, lastErr: map[string]string{},
	}
}

func (r *pkgRuntime) run() {
	defer close(r.done)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		r.sync()
		select {
		case <-r.ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (r *pkgRuntime) stop() error {
	r.cancel()
	<-r.done
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	for n, p := range r.running {
		errs = append(errs, p.proc.stop(providerStopGrace))
		delete(r.running, n)
	}
	return errors.Join(errs...)
}

// sync makes the processes match the revisions: inactive ones stopped
// first, so that two revisions never reconcile at once.
func (r *pkgRuntime) sync() {
	l := &pkgv1.ProviderRevisionList{}
	if err := r.s.Client.List(r.ctx, l); err != nil {
		r.report("", err)
		return
	}
	slices.SortFunc(l.Items, func(a, b pkgv1.ProviderRevision) int {
		// Inactive before active.
		return strings.Compare(string(b.Spec.DesiredState), string(a.Spec.DesiredState))
	})
	for i := range l.Items {
		pr := &l.Items[i]
		r.report(pr.Name, r.syncRevision(pr))
	}
	r.syncFunctions()
}

func (r *pkgRuntime) report(rev string, err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lastErr[rev] != msg && msg != "" && r.ctx.Err() == nil {
		r.s.logf("package runtime: revision %q: %s", rev, msg)
	}
	r.lastErr[rev] = msg
}

func (r *pkgRuntime) syncRevision(pr *pkgv1.ProviderRevision) error {
	if pr.Spec.DesiredState != pkgv1.PackageRevisionActive {
		r.stopRevision(pr.Name)
		return r.setHealth(pr, pkgv1.RuntimeHealthy())
	}
	if err := r.ensureServerTLS(pr); err != nil {
		return r.unhealthy(pr, err)
	}
	if pr.GetCondition(pkgv1.TypeRevisionHealthy).Status != corev1.ConditionTrue {
		return nil // Crossplane has not established the package's objects yet
	}
	want, err := r.spec(pr)
	if err != nil {
		return r.unhealthy(pr, err)
	}
	r.mu.Lock()
	cur := r.running[pr.Name]
	r.mu.Unlock()
	switch {
	case cur != nil && cur.hash == want.hash && !cur.proc.exited():
		return r.setHealth(pr, pkgv1.RuntimeHealthy())
	case cur != nil && cur.hash == want.hash:
		// Exited: restart it, as a kubelet would, with a little backoff.
		if err := r.unhealthy(pr, fmt.Errorf("the provider exited (%w); restarting it", cur.proc.waitErr)); err != nil {
			return err
		}
		time.Sleep(time.Second)
	case cur != nil:
		r.s.logf("package runtime: revision %q changed its configuration: restarting the provider", pr.Name)
	}
	r.stopRevision(pr.Name)
	if err := r.start(pr, want); err != nil {
		return r.unhealthy(pr, err)
	}
	return r.setHealth(pr, pkgv1.RuntimeHealthy())
}

func (r *pkgRuntime) unhealthy(pr *pkgv1.ProviderRevision, err error) error {
	if serr := r.setHealth(pr, pkgv1.RuntimeUnhealthy().WithMessage(err.Error())); serr != nil {
		return errors.Join(err, serr)
	}
	return err
}

func (r *pkgRuntime) stopRevision(rev string) {
	r.mu.Lock()
	p := r.running[rev]
	delete(r.running, rev)
	r.mu.Unlock()
	if p == nil {
		return
	}
	if err := p.proc.stop(providerStopGrace); err != nil {
		r.s.logf("package runtime: cannot stop revision %q: %v", rev, err)
	}
	r.s.setProvider(nil, "")
	r.s.logf("package runtime: stopped the provider of revision %q", rev)
}

// ensureServerTLS gives the revision the webhook server certificate
// Crossplane's runtime would (its establisher waits for the secret's name
// in the revision's status, to put the certificate in the CABundle of
// conversion and admission webhooks; this package serves none).
func (r *pkgRuntime) ensureServerTLS(pr tlsRevision) error {
	name := pr.GetLabels()[pkgv1.LabelParentPackage] + "-tls-server"
	if n := pr.GetObservedTLSServerSecretName(); n != nil && *n == name {
		return nil
	}
	sec := &corev1.Secret{}
	err := r.s.Client.Get(r.ctx, client.ObjectKey{Namespace: CrossplaneNamespace, Name: name}, sec)
	if kerrors.IsNotFound(err) {
		crt, key, gerr := selfSignedCert(pr.GetLabels()[pkgv1.LabelParentPackage] + "." + CrossplaneNamespace)
		if gerr != nil {
			return gerr
		}
		sec = &corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Namespace: CrossplaneNamespace, Name: name},
			Type:       corev1.SecretTypeTLS,
			Data:       map[string][]byte{corev1.TLSCertKey: crt, corev1.TLSPrivateKeyKey: key},
		}
		err = r.s.Client.Create(r.ctx, sec)
	}
	if err != nil && !kerrors.IsAlreadyExists(err) {
		return fmt.Errorf("cannot create the revision's TLS server secret: %w", err)
	}
	pr.SetObservedTLSServerSecretName(&name)
	if err := r.s.Client.Status().Update(r.ctx, pr); err != nil && !kerrors.IsConflict(err) {
		return fmt.Errorf("cannot record the revision's TLS server secret: %w", err)
	}
	return nil
}

// selfSignedCert returns a PEM certificate and key for a DNS name.
func selfSignedCert(dns string) (crt, key []byte, err error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: dns},
		DNSNames:     []string{dns},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		return nil, nil, err
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), nil
}

// setHealth sets the revision's RuntimeHealthy condition, as Crossplane's
// Deployment runtime would, when it differs.
func (r *pkgRuntime) setHealth(pr *pkgv1.ProviderRevision, c xpv2.Condition) error {
	return r.setHealthOf(pr, c)
}

// tlsRevision is a package revision whose webhook TLS secret the runtime
// provides (providers and functions).
type tlsRevision interface {
	client.Object
	GetObservedTLSServerSecretName() *string
	SetObservedTLSServerSecretName(*string)
}

// conditioned is a package revision whose conditions the runtime sets.
type conditioned interface {
	client.Object
	GetCondition(xpv2.ConditionType) xpv2.Condition
	SetConditions(...xpv2.Condition)
}

func (r *pkgRuntime) setHealthOf(pr conditioned, c xpv2.Condition) error {
	if got := pr.GetCondition(pkgv1.TypeRuntimeHealthy); got.Status == c.Status && got.Message == c.Message {
		return nil
	}
	pr.SetConditions(c)
	if err := r.s.Client.Status().Update(r.ctx, pr); err != nil && !kerrors.IsConflict(err) {
		return fmt.Errorf("cannot update the revision's status: %w", err)
	}
	return nil
}

// packageSpec is what a revision's process runs with.
type packageSpec struct {
	image          string
	serviceAccount string
	args           []string
	env            []corev1.EnvVar
	hash           string
}

// spec reads the Provider's DeploymentRuntimeConfig (by default the one
// named "default", which may not exist) for the revision's process.
func (r *pkgRuntime) spec(pr *pkgv1.ProviderRevision) (*packageSpec, error) {
	ps := &packageSpec{image: pr.Spec.Package, serviceAccount: pr.Name}
	if pr.Status.ResolvedPackage != "" {
		ps.image = pr.Status.ResolvedPackage
	}
	rc := "default"
	p := &pkgv1.Provider{}
	if err := r.s.Client.Get(r.ctx, client.ObjectKey{Name: pr.Labels[pkgv1.LabelParentPackage]}, p); err != nil {
		return nil, fmt.Errorf("cannot get the revision's Provider: %w", err)
	}
	if ref := p.Spec.RuntimeConfigReference; ref != nil && ref.Name != "" {
		rc = ref.Name
	}
	drc := &pkgv1beta1.DeploymentRuntimeConfig{}
	switch err := r.s.Client.Get(r.ctx, client.ObjectKey{Name: rc}, drc); {
	case kerrors.IsNotFound(err) && rc == "default":
	case err != nil:
		return nil, fmt.Errorf("cannot get DeploymentRuntimeConfig %q: %w", rc, err)
	default:
		if t := drc.Spec.ServiceAccountTemplate; t != nil && t.Metadata != nil && t.Metadata.Name != nil {
			ps.serviceAccount = *t.Metadata.Name
		}
		if t := drc.Spec.DeploymentTemplate; t != nil && t.Spec != nil {
			for _, c := range t.Spec.Template.Spec.Containers {
				if c.Name == runtimeContainer {
					ps.args, ps.env = c.Args, c.Env
				}
			}
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%q\n", ps.image, ps.serviceAccount, ps.args)
	for _, e := range ps.env {
		fmt.Fprintf(h, "%s=%s\n", e.Name, e.Value)
	}
	ps.hash = fmt.Sprintf("%x", h.Sum(nil))
	return ps, nil
}

// start runs the revision's provider as its service account.
func (r *pkgRuntime) start(pr *pkgv1.ProviderRevision, ps *packageSpec) error {
	begin := time.Now()
	if err := r.applyRuntimeObjects(pr, ps); err != nil {
		return err
	}
	if err := r.waitBound(pr, ps.serviceAccount); err != nil {
		return err
	}
	if err := r.waitGranted(pr, ps.serviceAccount); err != nil {
		return err
	}
	kubeconfig, err := r.serviceAccountKubeconfig(pr.Name, ps.serviceAccount)
	if err != nil {
		return err
	}
	bin, err := r.binary(ps.image)
	if err != nil {
		return err
	}
	metrics, err := freeAddr()
	if err != nil {
		return err
	}
	// Crossplane's Deployment runtime sets these on every provider pod.
	env := []string{
		"KUBECONFIG=" + kubeconfig,
		"AWS_EC2_METADATA_DISABLED=true",
		"POD_NAMESPACE=" + CrossplaneNamespace,
		"POD_NAME=" + pr.Name + "-local",
		"PROVIDER_NAME=" + pr.Labels[pkgv1.LabelParentPackage],
		"REVISION_NAME=" + pr.Name,
		"REVISION_UID=" + string(pr.UID),
	}
	for _, e := range ps.env {
		env = append(env, e.Name+"="+e.Value)
	}
	base := []string{
		"--poll=" + r.s.opts.Poll.String(),
		"--metrics-bind-address=" + metrics,
		"--health-probe-bind-address=0",
	}
	if r.s.opts.Debug {
		base = append(base, "--debug")
	}
	p, err := startProcess(procSpec{
		name: "provider", path: bin, args: mergeFlags(base, ps.args), env: env,
		logFile: filepath.Join(r.s.Dir, "provider.log"), append: true,
	})
	if err != nil {
		return err
	}
	if err := r.s.httpc.waitHTTP(r.ctx, p, "http://"+metrics+"/metrics", providerReadyTimeout); err != nil {
		_ = p.stop(time.Second)
		return fmt.Errorf("the provider is not ready: %w", err)
	}
	r.mu.Lock()
	r.running[pr.Name] = &runningPackage{proc: p, hash: ps.hash}
	r.mu.Unlock()
	r.s.setProvider(p, metrics)
	r.s.logf("package runtime: provider of revision %q up in %s (pid %d, service account %s/%s, args %v)",
		pr.Name, since(begin), p.pid(), CrossplaneNamespace, ps.serviceAccount, ps.args)
	return nil
}

// applyRuntimeObjects creates the ServiceAccount and the Deployment
// Crossplane's Deployment runtime would create, controlled by the revision.
func (r *pkgRuntime) applyRuntimeObjects(pr *pkgv1.ProviderRevision, ps *packageSpec) error {
	owner := metav1.OwnerReference{
		APIVersion: pkgv1.SchemeGroupVersion.String(), Kind: pkgv1.ProviderRevisionKind,
		Name: pr.Name, UID: pr.UID, Controller: ptr.To(true), BlockOwnerDeletion: ptr.To(true),
	}
	meta := metav1.ObjectMeta{Namespace: CrossplaneNamespace, OwnerReferences: []metav1.OwnerReference{owner}}
	sa := &corev1.ServiceAccount{ObjectMeta: *meta.DeepCopy()}
	sa.Name = ps.serviceAccount
	if err := r.s.Client.Create(r.ctx, sa); err != nil && !kerrors.IsAlreadyExists(err) {
		return fmt.Errorf("cannot create ServiceAccount %s: %w", sa.Name, err)
	}
	labels := map[string]string{"pkg.crossplane.io/revision": pr.Name}
	d := &appsv1.Deployment{ObjectMeta: *meta.DeepCopy()}
	d.Name = pr.Name
	d.Spec = appsv1.DeploymentSpec{
		Replicas: ptr.To[int32](1),
		Selector: &metav1.LabelSelector{MatchLabels: labels},
		Template: corev1.PodTemplateSpec{
			ObjectMeta: metav1.ObjectMeta{Labels: labels},
			Spec: corev1.PodSpec{
				ServiceAccountName: ps.serviceAccount,
				Containers:         []corev1.Container{{Name: runtimeContainer, Image: ps.image, Args: ps.args, Env: ps.env}},
			},
		},
	}
	cur := &appsv1.Deployment{}
	switch err := r.s.Client.Get(r.ctx, client.ObjectKeyFromObject(d), cur); {
	case kerrors.IsNotFound(err):
		if err := r.s.Client.Create(r.ctx, d); err != nil {
			return fmt.Errorf("cannot create Deployment %s: %w", d.Name, err)
		}
	case err != nil:
		return fmt.Errorf("cannot get Deployment %s: %w", d.Name, err)
	default:
		cur.Spec = d.Spec
		if err := r.s.Client.Update(r.ctx, cur); err != nil {
			return fmt.Errorf("cannot update Deployment %s: %w", d.Name, err)
		}
	}
	return nil
}

// waitBound waits until Crossplane's RBAC manager has bound the revision's
// system ClusterRole to the service account.
func (r *pkgRuntime) waitBound(pr *pkgv1.ProviderRevision, sa string) error {
	name := "crossplane:provider:" + pr.Name + ":system"
	ctx, cancel := context.WithTimeout(r.ctx, time.Minute)
	defer cancel()
	for {
		crb := &rbacv1.ClusterRoleBinding{}
		err := r.s.Client.Get(ctx, client.ObjectKey{Name: name}, crb)
		if err == nil && slices.ContainsFunc(crb.Subjects, func(s rbacv1.Subject) bool {
			return s.Kind == rbacv1.ServiceAccountKind && s.Namespace == CrossplaneNamespace && s.Name == sa
		}) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("crossplane's RBAC manager did not bind ClusterRole %q to service account %s/%s (last error: %w)", name, CrossplaneNamespace, sa, err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// waitGranted waits until the API server authorizes the service account to
// list every kind the revision defines (and CRDs, for a safe-start
// provider): the RBAC manager writes the ClusterRole from the revision's
// object references, which grow as Crossplane establishes them, and a
// kubelet would simply restart a provider that started too early. Only
// the RBAC manager's grants count: nothing is granted here.
func (r *pkgRuntime) waitGranted(pr *pkgv1.ProviderRevision, sa string) error {
	type want struct{ group, resource string }
	var wants []want
	for _, ref := range pr.Status.ObjectRefs {
		if ref.Kind != "CustomResourceDefinition" && ref.Kind != "ManagedResourceDefinition" {
			continue
		}
		plural, group, ok := strings.Cut(ref.Name, ".")
		if ok {
			wants = append(wants, want{group, plural})
		}
	}
	if slices.Contains(pr.GetCapabilities(), "safe-start") {
		wants = append(wants, want{"apiextensions.k8s.io", "customresourcedefinitions"})
	}
	user := "system:serviceaccount:" + CrossplaneNamespace + ":" + sa
	groups := []string{"system:serviceaccounts", "system:serviceaccounts:" + CrossplaneNamespace, "system:authenticated"}
	ctx, cancel := context.WithTimeout(r.ctx, time.Minute)
	defer cancel()
	for _, w := range wants {
		for {
			sar, err := r.kube.AuthorizationV1().SubjectAccessReviews().Create(ctx, &authzv1.SubjectAccessReview{Spec: authzv1.SubjectAccessReviewSpec{
				User: user, Groups: groups,
				ResourceAttributes: &authzv1.ResourceAttributes{Verb: "list", Group: w.group, Resource: w.resource},
			}}, metav1.CreateOptions{})
			if err == nil && sar.Status.Allowed {
				break
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("crossplane's RBAC manager did not grant %s list on %s.%s (last error: %w)", user, w.resource, w.group, err)
			case <-time.After(250 * time.Millisecond):
			}
		}
	}
	return nil
}

// serviceAccountKubeconfig writes a kubeconfig with a TokenRequest token of
// the service account, and returns its path.
func (r *pkgRuntime) serviceAccountKubeconfig(rev, sa string) (string, error) {
	tr, err := r.kube.CoreV1().ServiceAccounts(CrossplaneNamespace).CreateToken(r.ctx, sa, &authnv1.TokenRequest{
		Spec: authnv1.TokenRequestSpec{ExpirationSeconds: ptr.To[int64](24 * 3600)},
	}, metav1.CreateOptions{})
	if err != nil {
		return "", fmt.Errorf("cannot request a token for service account %s/%s: %w", CrossplaneNamespace, sa, err)
	}
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["local"] = &clientcmdapi.Cluster{Server: r.s.RESTConfig.Host, CertificateAuthorityData: r.s.RESTConfig.CAData}
	cfg.AuthInfos[sa] = &clientcmdapi.AuthInfo{Token: tr.Status.Token}
	cfg.Contexts["local"] = &clientcmdapi.Context{Cluster: "local", AuthInfo: sa, Namespace: CrossplaneNamespace}
	cfg.CurrentContext = "local"
	p := filepath.Join(r.s.Dir, "crossplane", "kubeconfig-"+rev)
	if err := clientcmd.WriteToFile(*cfg, p); err != nil {
		return "", fmt.Errorf("cannot write the service account's kubeconfig: %w", err)
	}
	return p, nil
}

// binary extracts the entrypoint of the package's image (the runtime image
// `crossplane xpkg build --embed-runtime-image-tarball` put in it) from the
// registry, once per image digest.
func (r *pkgRuntime) binary(image string) (string, error) {
	ref, err := name.ParseReference(image)
	if err != nil {
		return "", fmt.Errorf("cannot parse the package reference %q: %w", image, err)
	}
	img, err := remote.Image(ref, remote.WithContext(r.ctx))
	if err != nil {
		return "", fmt.Errorf("cannot pull the package %s: %w", image, err)
	}
	digest, err := img.Digest()
	if err != nil {
		return "", fmt.Errorf("cannot read the package's digest: %w", err)
	}
	out := filepath.Join(r.s.Dir, "crossplane", "runtime", digest.Hex[:12], "provider")
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return "", fmt.Errorf("cannot read the package's image config: %w", err)
	}
	if len(cf.Config.Entrypoint) == 0 {
		return "", fmt.Errorf("the package %s has no runtime image: its config has no entrypoint", image)
	}
	entry := strings.TrimPrefix(path.Clean(cf.Config.Entrypoint[0]), "/")
	fs := mutate.Extract(img)
	defer fs.Close()
	tr := tar.NewReader(fs)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return "", fmt.Errorf("the package %s's image holds no %s (its entrypoint)", image, cf.Config.Entrypoint[0])
		}
		if err != nil {
			return "", fmt.Errorf("cannot read the package's image: %w", err)
		}
		if strings.TrimPrefix(path.Clean(h.Name), "/") != entry || h.Typeflag != tar.TypeReg {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return "", err
		}
		f, err := os.OpenFile(out+".tmp", os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
		if err != nil {
			return "", err
		}
		if _, err := io.Copy(f, tr); err != nil { //nolint:gosec // our own package, from our own registry
			_ = f.Close()
			return "", fmt.Errorf("cannot extract %s: %w", entry, err)
		}
		if err := f.Close(); err != nil {
			return "", err
		}
		return out, os.Rename(out+".tmp", out)
	}
}
