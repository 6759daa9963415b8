package clients

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

const (
	testRoleARN  = "arn:aws:iam::123456789012:role/provider"
	testRoleARN2 = "arn:aws:iam::123456789012:role/second"
	testToken    = "header.payload.signature-DO-NOT-LEAK"
)

func specWithSTS(source v1alpha1.CredentialsSource, stsURL string) v1alpha1.ProviderConfigSpec {
	return v1alpha1.ProviderConfigSpec{
		Region:      testRegion,
		Credentials: v1alpha1.ProviderCredentials{Source: source},
		// Every other service goes to a closed port: only STS may be called.
		Endpoint: &v1alpha1.Endpoint{URL: "http://127.0.0.1:1", Services: map[string]string{"sts": stsURL}},
	}
}

func TestWebIdentitySources(t *testing.T) {
	fake := newFakeSTS(t, nil)
	tokenFile := writeFile(t, "token", testToken)

	type args struct {
		env  map[string]string
		spec func(v1alpha1.ProviderConfigSpec) v1alpha1.ProviderConfigSpec
		src  v1alpha1.CredentialsSource
	}
	type want struct {
		err  error
		form map[string]string
		akid string
	}
	cases := map[string]struct {
		reason string
		args   args
		want   want
	}{
		"IRSAFromEnvironment": {
			reason: "IRSA takes the role ARN and token file from the environment EKS sets.",
			args: args{
				src: v1alpha1.CredentialsSourceIRSA,
				env: map[string]string{EnvRoleARN: testRoleARN, EnvWebIdentityTokenFile: tokenFile},
			},
			want: want{akid: "AKIDWEB", form: map[string]string{"RoleArn": testRoleARN, "WebIdentityToken": testToken, "RoleSessionName": DefaultRoleSessionName}},
		},
		"IRSASpecOverridesEnvironment": {
			reason: "IRSA prefers webIdentity of the spec over the environment.",
			args: args{
				src: v1alpha1.CredentialsSourceIRSA,
				env: map[string]string{EnvRoleARN: "arn:aws:iam::123456789012:role/env", EnvWebIdentityTokenFile: "/nonexistent"},
				spec: func(s v1alpha1.ProviderConfigSpec) v1alpha1.ProviderConfigSpec {
					s.Credentials.WebIdentity = &v1alpha1.WebIdentity{RoleARN: testRoleARN, TokenFile: tokenFile, RoleSessionName: "custom"}
					return s
				},
			},
			want: want{akid: "AKIDWEB", form: map[string]string{"RoleArn": testRoleARN, "WebIdentityToken": testToken, "RoleSessionName": "custom"}},
		},
		"IRSAMissing": {
			reason: "IRSA without role ARN and token file anywhere is an error.",
			args:   args{src: v1alpha1.CredentialsSourceIRSA},
			want: want{err: errors.Wrap(errors.Errorf("IRSA needs a role ARN and a token file: set credentials.webIdentity.roleARN and tokenFile, or run the provider with %s and %s (an EKS service account annotated with eks.amazonaws.com/role-arn)", EnvRoleARN, EnvWebIdentityTokenFile),
				`cannot configure the credentials of ClusterProviderConfig "default"`)},
		},
		"WebIdentityFromSpec": {
			reason: "WebIdentity takes role ARN and token file from the spec, ignoring the environment.",
			args: args{
				src: v1alpha1.CredentialsSourceWebIdentity,
				env: map[string]string{EnvRoleARN: "arn:aws:iam::123456789012:role/env"},
				spec: func(s v1alpha1.ProviderConfigSpec) v1alpha1.ProviderConfigSpec {
					s.Credentials.WebIdentity = &v1alpha1.WebIdentity{RoleARN: testRoleARN, TokenFile: tokenFile}
					return s
				},
			},
			want: want{akid: "AKIDWEB", form: map[string]string{"RoleArn": testRoleARN, "WebIdentityToken": testToken, "RoleSessionName": DefaultRoleSessionName}},
		},
		"WebIdentityMissing": {
			reason: "WebIdentity does not fall back to the environment.",
			args: args{
				src: v1alpha1.CredentialsSourceWebIdentity,
				env: map[string]string{EnvRoleARN: testRoleARN, EnvWebIdentityTokenFile: tokenFile},
			},
			want: want{err: errors.Wrap(errors.New("credentials.webIdentity.roleARN and tokenFile are required when credentials.source is WebIdentity"),
				`cannot configure the credentials of ClusterProviderConfig "default"`)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for k, v := range tc.args.env {
				t.Setenv(k, v)
			}
			spec := specWithSTS(tc.args.src, fake.URL())
			if tc.args.spec != nil {
				spec = tc.args.spec(spec)
			}
			before := len(fake.Requests())
			ctx := context.Background()
			cfg, err := NewConfigCache(newKube(t, newCPC("default", spec))).GetConfig(ctx, bucket(), nil)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Fatalf("\n%s\nGetConfig(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if err != nil {
				return
			}
			if n := len(fake.Requests()) - before; n != 0 {
				t.Errorf("\n%s\nGetConfig(...): made %d STS calls, want none before credentials are used", tc.reason, n)
			}
			checkAKID(ctx, t, tc.reason, cfg, tc.want.akid)
			reqs := fake.Requests()[before:]
			if len(reqs) != 1 {
				t.Fatalf("\n%s\nRetrieve(): %d STS calls, want 1", tc.reason, len(reqs))
			}
			got := map[string]string{}
			for k := range tc.want.form {
				got[k] = reqs[0].Form.Get(k)
			}
			if diff := cmp.Diff(tc.want.form, got); diff != "" {
				t.Errorf("\n%s\nAssumeRoleWithWebIdentity request: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff("AssumeRoleWithWebIdentity", reqs[0].Action); diff != "" {
				t.Errorf("\n%s\nSTS action: -want, +got:\n%s", tc.reason, diff)
			}
			if reqs[0].Authorization != "" {
				t.Errorf("\n%s\nAssumeRoleWithWebIdentity must not be signed, got Authorization %q", tc.reason, reqs[0].Authorization)
			}
		})
	}
}

func TestWebIdentityTokenFileErrorHidesNothingSecret(t *testing.T) {
	fake := newFakeSTS(t, nil)
	spec := specWithSTS(v1alpha1.CredentialsSourceWebIdentity, fake.URL())
	spec.Credentials.WebIdentity = &v1alpha1.WebIdentity{RoleARN: testRoleARN, TokenFile: "/nonexistent/token"}
	cfg, err := NewConfigCache(newKube(t, newCPC("default", spec))).GetConfig(context.Background(), bucket(), nil)
	if err != nil {
		t.Fatalf("GetConfig(...): %v", err)
	}
	_, err = cfg.AWS.Credentials.Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/token") {
		t.Errorf("Retrieve(): want an error naming the token file, got %v", err)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Errorf("Retrieve(): %d STS calls without a token, want 0", n)
	}
}

// fakeAgent is an EKS Pod Identity agent.
type fakeAgent struct {
	mu    sync.Mutex
	auths []string
}

func (a *fakeAgent) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	a.auths = append(a.auths, r.Header.Get("Authorization"))
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{
		"AccessKeyId":     "AKIDPOD",
		"SecretAccessKey": "secret-pod",
		"Token":           "token-pod",
		"Expiration":      time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
	})
}

func TestPodIdentitySource(t *testing.T) {
	agent := &fakeAgent{}
	srv := listenLocal(t, agent, false)
	tokenFile := writeFile(t, "eks-pod-identity-token", testToken+"\n")

	type args struct {
		env map[string]string
		pi  *v1alpha1.PodIdentity
	}
	type want struct {
		err  error
		auth string
		akid string
	}
	wrap := func(err error) error {
		return errors.Wrap(err, `cannot configure the credentials of ClusterProviderConfig "default"`)
	}
	cases := map[string]struct {
		reason string
		args   args
		want   want
	}{
		"FromEnvironment": {
			reason: "PodIdentity takes endpoint and token file from the environment EKS sets, and sends the token.",
			args:   args{env: map[string]string{EnvContainerCredentialsURI: srv.URL + "/v1/credentials", EnvContainerAuthTokenFile: tokenFile}},
			want:   want{auth: testToken, akid: "AKIDPOD"},
		},
		"FromSpec": {
			reason: "PodIdentity prefers endpoint and token file of the spec.",
			args: args{
				env: map[string]string{EnvContainerCredentialsURI: "http://127.0.0.1:1/", EnvContainerAuthTokenFile: "/nonexistent"},
				pi:  &v1alpha1.PodIdentity{Endpoint: srv.URL + "/v1/credentials", TokenFile: tokenFile},
			},
			want: want{auth: testToken, akid: "AKIDPOD"},
		},
		"NoEndpoint": {
			reason: "PodIdentity without endpoint is an error.",
			want:   want{err: wrap(errors.Errorf("PodIdentity needs an endpoint: set credentials.podIdentity.endpoint or run the provider with %s (an EKS Pod Identity association)", EnvContainerCredentialsURI))},
		},
		"RemoteHTTPEndpointRefused": {
			reason: "The token is never sent in clear text to a host that is not loopback or the ECS/EKS agent.",
			args:   args{pi: &v1alpha1.PodIdentity{Endpoint: "http://203.0.113.7/creds", TokenFile: tokenFile}},
			want:   want{err: wrap(errors.Errorf(`invalid pod identity endpoint "http://203.0.113.7/creds": an http endpoint must be a loopback address or the ECS/EKS agent (169.254.170.2, 169.254.170.23, fd00:ec2::23)`))},
		},
		"EKSAgentAllowed": {
			reason: "The EKS Pod Identity agent address is allowed (the provider is only built, not called).",
			args:   args{pi: &v1alpha1.PodIdentity{Endpoint: "http://169.254.170.23/v1/credentials"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for k, v := range tc.args.env {
				t.Setenv(k, v)
			}
			spec := v1alpha1.ProviderConfigSpec{Region: testRegion, Credentials: v1alpha1.ProviderCredentials{Source: v1alpha1.CredentialsSourcePodIdentity, PodIdentity: tc.args.pi}}
			ctx := context.Background()
			cfg, err := NewConfigCache(newKube(t, newCPC("default", spec))).GetConfig(ctx, bucket(), nil)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Fatalf("\n%s\nGetConfig(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if err != nil || tc.want.akid == "" {
				return
			}
			agent.mu.Lock()
			before := len(agent.auths)
			agent.mu.Unlock()
			checkAKID(ctx, t, tc.reason, cfg, tc.want.akid)
			agent.mu.Lock()
			auths := append([]string(nil), agent.auths[before:]...)
			agent.mu.Unlock()
			if diff := cmp.Diff([]string{tc.want.auth}, auths); diff != "" {
				t.Errorf("\n%s\nAuthorization headers the agent got: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestEnvironmentSource(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret-env")
	spec := v1alpha1.ProviderConfigSpec{Region: testRegion, Credentials: v1alpha1.ProviderCredentials{Source: v1alpha1.CredentialsSourceEnvironment}}
	cfg, err := NewConfigCache(newKube(t, newCPC("default", spec))).GetConfig(context.Background(), bucket(), nil)
	if err != nil {
		t.Fatalf("GetConfig(...): %v", err)
	}
	checkAKID(context.Background(), t, "Environment source", cfg, "AKIDENV")
}

func TestSecretSourceIgnoresEnvironment(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret-env")
	// A profile of the process, with other credentials, is not used either.
	t.Setenv("AWS_PROFILE", "process")
	t.Setenv("AWS_CONFIG_FILE", writeFile(t, "config", "[profile process]\nregion = us-west-2\n"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", writeFile(t, "credentials", "[process]\naws_access_key_id = AKIDFILE\naws_secret_access_key = secret-file\n"))
	kube := newKube(t,
		newCPC("default", secretSpec("aws", testNamespace)),
		secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
	cfg, err := NewConfigCache(kube).GetConfig(context.Background(), bucket(), nil)
	if err != nil {
		t.Fatalf("GetConfig(...): %v", err)
	}
	checkAKID(context.Background(), t, "Secret source", cfg, testAKID)
	if diff := cmp.Diff(testRegion, cfg.AWS.Region); diff != "" {
		t.Errorf("Secret source: AWS.Region: -want, +got:\n%s", diff)
	}
}
