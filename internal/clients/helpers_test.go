package clients

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis"
	s3v1alpha1 "github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

// checkAKID reports on t, with a test case's reason, credentials of cfg that
// cannot be retrieved or that hold another access key ID than want.
func checkAKID(ctx context.Context, t *testing.T, reason string, cfg *Config, want string) {
	t.Helper()
	creds, err := cfg.AWS.Credentials.Retrieve(ctx)
	if err != nil {
		t.Fatalf("\n%s\nRetrieve(): %v", reason, err)
	}
	if diff := cmp.Diff(want, creds.AccessKeyID); diff != "" {
		t.Errorf("\n%s\nRetrieve().AccessKeyID: -want, +got:\n%s", reason, diff)
	}
}

func TestMain(m *testing.M) {
	// Keep the SDK away from the developer's files and from the network:
	// anything that would reach instance metadata goes to a closed port.
	dir, err := os.MkdirTemp("", "clients-test")
	if err != nil {
		panic(err)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE":                   filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE":       filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1",
		"AWS_EC2_METADATA_DISABLED":         "true",
	} {
		_ = os.Setenv(k, v)
	}
	for _, k := range []string{
		"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS",
	} {
		_ = os.Unsetenv(k)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

const (
	testNamespace = "team-a"
	testRegion    = "eu-west-1"
	testAKID      = "AKIDBASE"
	testSecretKey = "base-secret-DO-NOT-LEAK"
)

var testCredentialsINI = []byte(fmt.Sprintf(`[default]
aws_access_key_id = %s
aws_secret_access_key = %s
`, testAKID, testSecretKey))

func testScheme(t *testing.T) *runtime.Scheme {
	t.Helper()
	s := runtime.NewScheme()
	if err := apis.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	if err := corev1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	return s
}

func newKube(t *testing.T, objs ...client.Object) client.WithWatch {
	t.Helper()
	return fake.NewClientBuilder().WithScheme(testScheme(t)).WithObjects(objs...).Build()
}

func newKubeWithInterceptor(t *testing.T, f interceptor.Funcs, objs ...client.Object) client.WithWatch {
	t.Helper()
	return fake.NewClientBuilder().WithScheme(testScheme(t)).WithObjects(objs...).WithInterceptorFuncs(f).Build()
}

type bucketOption func(b *s3v1alpha1.Bucket)

func withRef(kind, name string) bucketOption {
	return func(b *s3v1alpha1.Bucket) {
		b.Spec.ProviderConfigReference = &xpv2.ProviderConfigReference{Kind: kind, Name: name}
	}
}

func bucket(opts ...bucketOption) *s3v1alpha1.Bucket {
	b := &s3v1alpha1.Bucket{
		TypeMeta:   metav1.TypeMeta{APIVersion: s3v1alpha1.SchemeGroupVersion.String(), Kind: s3v1alpha1.BucketKind},
		ObjectMeta: metav1.ObjectMeta{Namespace: testNamespace, Name: "b", UID: types.UID("bucket-uid")},
	}
	for _, o := range opts {
		o(b)
	}
	return b
}

func secretSpec(name, namespace string) v1alpha1.ProviderConfigSpec {
	return v1alpha1.ProviderConfigSpec{
		Region: testRegion,
		Credentials: v1alpha1.ProviderCredentials{
			Source:    v1alpha1.CredentialsSourceSecret,
			SecretRef: &v1alpha1.SecretKeySelector{Name: name, Namespace: namespace},
		},
	}
}

func newPC(namespace, name string, spec v1alpha1.ProviderConfigSpec) *v1alpha1.ProviderConfig {
	return &v1alpha1.ProviderConfig{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, UID: types.UID("pc-" + namespace + "-" + name), Generation: 1},
		Spec:       spec,
	}
}

func newCPC(name string, spec v1alpha1.ProviderConfigSpec) *v1alpha1.ClusterProviderConfig {
	return &v1alpha1.ClusterProviderConfig{
		ObjectMeta: metav1.ObjectMeta{Name: name, UID: types.UID("cpc-" + name), Generation: 1},
		Spec:       spec,
	}
}

func secret(namespace, name, key string, data []byte) *corev1.Secret {
	return &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
		Data:       map[string][]byte{key: data},
	}
}

// listenLocal starts srv on 127.0.0.1 only.
func listenLocal(t *testing.T, h http.Handler, tlsServer bool) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	_ = srv.Listener.Close()
	srv.Listener = l
	if tlsServer {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv
}

// stsRequest is one request the fake STS received.
type stsRequest struct {
	Action        string
	AccessKeyID   string // of the Authorization header; empty when unsigned
	Form          url.Values
	Authorization string
}

// fakeSTS answers the STS query API: AssumeRole returns the access key
// keys[RoleArn], AssumeRoleWithWebIdentity the access key "AKIDWEB" and
// GetCallerIdentity an identity. A request with RoleArn deny or signed with
// AKIDDENIED gets AccessDenied, one signed with AKIDUNAVAILABLE a 503.
type fakeSTS struct {
	srv  *httptest.Server
	keys map[string]string

	mu       sync.Mutex
	requests []stsRequest
}

func newFakeSTS(t *testing.T, keys map[string]string) *fakeSTS {
	t.Helper()
	f := &fakeSTS{keys: keys}
	f.srv = listenLocal(t, http.HandlerFunc(f.serve), false)
	return f
}

// newFakeSTSTLS is a fakeSTS serving HTTPS with a self-signed certificate.
func newFakeSTSTLS(t *testing.T) *fakeSTS {
	t.Helper()
	f := &fakeSTS{}
	f.srv = listenLocal(t, http.HandlerFunc(f.serve), true)
	return f
}

func (f *fakeSTS) URL() string { return f.srv.URL }

func (f *fakeSTS) Requests() []stsRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]stsRequest(nil), f.requests...)
}

func (f *fakeSTS) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req := stsRequest{Action: r.PostForm.Get("Action"), Form: r.PostForm, Authorization: r.Header.Get("Authorization")}
	if _, after, ok := strings.Cut(req.Authorization, "Credential="); ok {
		req.AccessKeyID, _, _ = strings.Cut(after, "/")
	}
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()

	w.Header().Set("Content-Type", "text/xml")
	exp := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	switch {
	case req.AccessKeyID == "AKIDUNAVAILABLE":
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = fmt.Fprint(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>try again</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
	case req.Form.Get("RoleArn") == "deny" || req.AccessKeyID == "AKIDDENIED":
		w.WriteHeader(http.StatusForbidden)
		_, _ = fmt.Fprint(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
	case req.Action == "AssumeRole":
		_, _ = fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>secret-%s</SecretAccessKey><SessionToken>token</SessionToken><Expiration>%s</Expiration></Credentials><AssumedRoleUser><Arn>%s</Arn><AssumedRoleId>ARO:x</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
			f.keys[req.Form.Get("RoleArn")], f.keys[req.Form.Get("RoleArn")], exp, req.Form.Get("RoleArn"))
	case req.Action == "AssumeRoleWithWebIdentity":
		_, _ = fmt.Fprintf(w, `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>AKIDWEB</AccessKeyId><SecretAccessKey>secret-web</SecretAccessKey><SessionToken>token</SessionToken><Expiration>%s</Expiration></Credentials><AssumedRoleUser><Arn>%s</Arn><AssumedRoleId>ARO:x</AssumedRoleId></AssumedRoleUser><SubjectFromWebIdentityToken>sub</SubjectFromWebIdentityToken></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`,
			exp, req.Form.Get("RoleArn"))
	case req.Action == "GetCallerIdentity":
		_, _ = fmt.Fprint(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/test</Arn><UserId>AIDTEST</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
	default:
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprint(w, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>unknown action</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
