package clients

import (
	"context"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

// systemCABundle is the CA file the provider's image points AWS_CA_BUNDLE at.
const systemCABundle = "/etc/ssl/certs/ca-certificates.crt"

func TestLoadAWSConfigCABundle(t *testing.T) {
	if _, err := os.Stat(systemCABundle); err != nil {
		t.Skipf("no CA file %s: %v", systemCABundle, err)
	}
	_, errMissing := os.ReadFile("/nonexistent/ca.pem")
	notPEM := writeFile(t, "not.pem", "not a certificate")

	type args struct {
		bundle       string
		defaultChain bool
	}
	cases := map[string]struct {
		reason string
		args   args
		want   error
	}{
		"SystemBundle": {
			reason: "With AWS_CA_BUNDLE set to a real CA file the SDK loads (it needs a BuildableClient for that).",
			args:   args{bundle: systemCABundle},
		},
		"SystemBundleDefaultChain": {
			reason: "The Environment source loads with AWS_CA_BUNDLE too.",
			args:   args{bundle: systemCABundle, defaultChain: true},
		},
		"NoBundle": {
			reason: "Without AWS_CA_BUNDLE the system roots are used.",
			args:   args{bundle: ""},
		},
		"MissingBundle": {
			reason: "A missing AWS_CA_BUNDLE file is an error.",
			args:   args{bundle: "/nonexistent/ca.pem"},
			want:   errors.Wrapf(errMissing, `cannot read AWS_CA_BUNDLE "/nonexistent/ca.pem"`),
		},
		"NotPEM": {
			reason: "An AWS_CA_BUNDLE file without certificates is an error.",
			args:   args{bundle: notPEM},
			want:   errors.Errorf("AWS_CA_BUNDLE %q holds no PEM certificates", notPEM),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv(envCABundle, tc.args.bundle)
			t.Setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
			t.Setenv("AWS_SECRET_ACCESS_KEY", "secret-env")
			cfg, err := loadAWSConfig(context.Background(), testRegion, tc.args.defaultChain)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Fatalf("\n%s\nloadAWSConfig(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if err != nil {
				return
			}
			shared, err := HTTPClient()
			if err != nil {
				t.Fatalf("\n%s\nHTTPClient(): %v", tc.reason, err)
			}
			if cfg.HTTPClient != shared {
				t.Errorf("\n%s\nloadAWSConfig(...).HTTPClient is not the shared HTTP client", tc.reason)
			}
			if diff := cmp.Diff(testRegion, cfg.Region); diff != "" {
				t.Errorf("\n%s\nloadAWSConfig(...).Region: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(MaxAttempts, cfg.RetryMaxAttempts); diff != "" {
				t.Errorf("\n%s\nloadAWSConfig(...).RetryMaxAttempts: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.args.defaultChain, cfg.Credentials != nil); diff != "" {
				t.Errorf("\n%s\nloadAWSConfig(...).Credentials set: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// TestSDKRefusesPlainHTTPClientWithCABundle guards the reason loadAWSConfig
// gives the SDK a BuildableClient: with AWS_CA_BUNDLE set a plain
// *http.Client makes config loading fail.
func TestSDKRefusesPlainHTTPClientWithCABundle(t *testing.T) {
	if _, err := os.Stat(systemCABundle); err != nil {
		t.Skipf("no CA file %s: %v", systemCABundle, err)
	}
	t.Setenv(envCABundle, systemCABundle)
	_, err := config.LoadDefaultConfig(context.Background(), config.WithRegion(testRegion), config.WithHTTPClient(&http.Client{}))
	if err == nil || !strings.Contains(err.Error(), "unable to add custom RootCAs HTTPClient") {
		t.Errorf("LoadDefaultConfig(plain *http.Client) with AWS_CA_BUNDLE: want the SDK's RootCAs error, got %v", err)
	}
}

func TestCABundleTrustedEndToEnd(t *testing.T) {
	if _, err := os.Stat(systemCABundle); err != nil {
		t.Skipf("no CA file %s: %v", systemCABundle, err)
	}
	fake := newFakeSTSTLS(t)
	selfSigned := writeFile(t, "ca.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.srv.Certificate().Raw})))

	cases := map[string]struct {
		reason  string
		bundle  string
		wantErr string
	}{
		"BundleTrustsServer": {
			reason: "An HTTPS endpoint whose CA is in AWS_CA_BUNDLE is trusted.",
			bundle: selfSigned,
		},
		"BundleDoesNotTrustServer": {
			reason:  "An HTTPS endpoint whose CA is not in AWS_CA_BUNDLE is refused.",
			bundle:  systemCABundle,
			wantErr: "x509",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv(envCABundle, tc.bundle)
			spec := secretSpec("aws", testNamespace)
			spec.Endpoint = &v1alpha1.Endpoint{Services: map[string]string{"sts": fake.URL()}}
			kube := newKube(t, newCPC("default", spec), secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
			cfg, err := NewConfigCache(kube).GetConfig(context.Background(), bucket(), nil)
			if err != nil {
				t.Fatalf("\n%s\nGetConfig(...): %v", tc.reason, err)
			}
			_, err = sts.NewFromConfig(cfg.AWS, func(o *sts.Options) {
				o.BaseEndpoint = cfg.BaseEndpoint("sts")
				o.RetryMaxAttempts = 1
			}).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("\n%s\nGetCallerIdentity(): %v", tc.reason, err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("\n%s\nGetCallerIdentity(): want an error containing %q, got %v", tc.reason, tc.wantErr, err)
			}
		})
	}
}

func TestHTTPClientShared(t *testing.T) {
	kube := newKube(t,
		newCPC("default", secretSpec("aws", testNamespace)),
		newPC(testNamespace, "pc", secretSpec("aws", "")),
		secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
	cc := NewConfigCache(kube)
	a, err := cc.GetConfig(context.Background(), bucket(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cc.GetConfig(context.Background(), bucket(withRef("ProviderConfig", "pc")), nil)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := HTTPClient()
	if err != nil {
		t.Fatal(err)
	}
	svc := sts.NewFromConfig(b.AWS)
	for name, c := range map[string]any{"Config a": a.AWS.HTTPClient, "Config b": b.AWS.HTTPClient, "STS client of b": svc.Options().HTTPClient} {
		if c != shared {
			t.Errorf("%s: does not use the shared HTTP client", name)
		}
	}
	c, err := httpClientFor(os.Getenv(envCABundle))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(httpMaxIdleConnsPerHost, c.buildable.GetTransport().MaxIdleConnsPerHost); diff != "" {
		t.Errorf("MaxIdleConnsPerHost: -want, +got:\n%s", diff)
	}
}

// TestHTTPClientReusesConnections makes 100 concurrent calls twice: the
// second wave must reuse the 100 connections of the first.
func TestHTTPClientReusesConnections(t *testing.T) {
	const concurrent = 100
	var (
		newConns atomic.Int32
		arrived  atomic.Int32
		barrier  = make(chan struct{})
	)
	fake := &fakeSTS{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The first wave waits until all its calls are in flight, so that
		// it opens one connection per call.
		if arrived.Add(1) == concurrent {
			close(barrier)
		}
		select {
		case <-barrier:
		case <-time.After(10 * time.Second):
		}
		fake.serve(w, r)
	}))
	_ = srv.Listener.Close()
	srv.Listener = l
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			newConns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	spec := secretSpec("aws", testNamespace)
	spec.Endpoint = &v1alpha1.Endpoint{Services: map[string]string{"sts": srv.URL}}
	kube := newKube(t, newCPC("default", spec), secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
	cfg, err := NewConfigCache(kube).GetConfig(context.Background(), bucket(), nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := sts.NewFromConfig(cfg.AWS, func(o *sts.Options) { o.BaseEndpoint = cfg.BaseEndpoint("sts") })
	wave := func() {
		var wg sync.WaitGroup
		for range concurrent {
			wg.Go(func() {
				if _, err := svc.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	wave()
	if diff := cmp.Diff(int32(concurrent), newConns.Load()); diff != "" {
		t.Fatalf("connections of the first wave: -want, +got:\n%s", diff)
	}
	// Idle connections return to the pool asynchronously.
	time.Sleep(200 * time.Millisecond)
	wave()
	if diff := cmp.Diff(int32(concurrent), newConns.Load()); diff != "" {
		t.Errorf("connections after the second wave: all reused: -want, +got:\n%s", diff)
	}
}

func TestNoIMDS(t *testing.T) {
	var hits atomic.Int32
	imds := listenLocal(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		http.NotFound(w, nil)
	}), false)
	fake := newFakeSTS(t, map[string]string{testRole1: "AKIDROLE1", testRole2: "AKIDROLE2"})
	tokenFile := writeFile(t, "token", testToken)

	cases := map[string]struct {
		reason   string
		spec     v1alpha1.ProviderConfigSpec
		wantIMDS bool
	}{
		"Secret": {
			reason: "The Secret source (with an assume-role chain) never calls instance metadata.",
			spec:   chainSpec(fake.URL()),
		},
		"WebIdentity": {
			reason: "The WebIdentity source never calls instance metadata.",
			spec: func() v1alpha1.ProviderConfigSpec {
				s := specWithSTS(v1alpha1.CredentialsSourceWebIdentity, fake.URL())
				s.Credentials.WebIdentity = &v1alpha1.WebIdentity{RoleARN: testRoleARN, TokenFile: tokenFile}
				return s
			}(),
		},
		"EnvironmentWithoutCredentials": {
			reason:   "The Environment source without credentials in the environment falls back to instance metadata: this shows the test sees IMDS calls.",
			spec:     v1alpha1.ProviderConfigSpec{Region: testRegion, Credentials: v1alpha1.ProviderCredentials{Source: v1alpha1.CredentialsSourceEnvironment}},
			wantIMDS: true,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("AWS_EC2_METADATA_DISABLED", "false")
			t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)
			hits.Store(0)
			kube := newKube(t, newCPC("default", tc.spec), secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
			cfg, err := NewConfigCache(kube).GetConfig(context.Background(), bucket(), nil)
			if err != nil {
				t.Fatalf("\n%s\nGetConfig(...): %v", tc.reason, err)
			}
			_, err = cfg.AWS.Credentials.Retrieve(context.Background())
			if !tc.wantIMDS && err != nil {
				t.Fatalf("\n%s\nRetrieve(): %v", tc.reason, err)
			}
			if diff := cmp.Diff(tc.wantIMDS, hits.Load() > 0); diff != "" {
				t.Errorf("\n%s\ninstance metadata called (%d calls): -want, +got:\n%s", tc.reason, hits.Load(), diff)
			}
		})
	}
}
