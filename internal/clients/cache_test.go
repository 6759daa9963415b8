package clients

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

const (
	testRole1 = "arn:aws:iam::111111111111:role/first"
	testRole2 = "arn:aws:iam::222222222222:role/second"
)

// chainSpec is a Secret source (access key AKIDBASE) followed by two roles,
// STS being fake.
func chainSpec(stsURL string) v1alpha1.ProviderConfigSpec {
	s := secretSpec("aws", testNamespace)
	s.Endpoint = &v1alpha1.Endpoint{URL: "http://127.0.0.1:1", Services: map[string]string{"sts": stsURL}}
	s.Credentials.AssumeRoleChain = []v1alpha1.AssumeRole{
		{
			RoleARN:           testRole1,
			ExternalID:        aws.String("ext-123"),
			Tags:              []v1alpha1.Tag{{Key: "team", Value: "platform"}, {Key: "env", Value: "prod"}},
			TransitiveTagKeys: []string{"team"},
		},
		{RoleARN: testRole2, RoleSessionName: "second-session"},
	}
	return s
}

func chainKube(t *testing.T, stsURL string) client.WithWatch {
	t.Helper()
	return newKube(t,
		newCPC("default", chainSpec(stsURL)),
		secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
}

func countActions(reqs []stsRequest, action string) int {
	n := 0
	for _, r := range reqs {
		if r.Action == action {
			n++
		}
	}
	return n
}

// summary is what a test checks of an STS request.
func summary(r stsRequest) map[string]string {
	m := map[string]string{"Action": r.Action, "SignedWith": r.AccessKeyID}
	for k := range r.Form {
		if k != "Action" && k != "Version" {
			m[k] = r.Form.Get(k)
		}
	}
	return m
}

// nextGeneration stands for a spec change of the ClusterProviderConfig
// "default": its generation goes up by one.
func nextGeneration(ctx context.Context, t *testing.T, kube client.Client) {
	t.Helper()
	cpc := &v1alpha1.ClusterProviderConfig{}
	if err := kube.Get(ctx, types.NamespacedName{Name: "default"}, cpc); err != nil {
		t.Fatal(err)
	}
	cpc.Generation++
	if err := kube.Update(ctx, cpc); err != nil {
		t.Fatal(err)
	}
}

func TestAssumeRoleChain(t *testing.T) {
	fake := newFakeSTS(t, map[string]string{testRole1: "AKIDROLE1", testRole2: "AKIDROLE2"})
	kube := chainKube(t, fake.URL())
	cc := NewConfigCache(kube)
	ctx := context.Background()

	cfg, err := cc.GetConfig(ctx, bucket(), nil)
	if err != nil {
		t.Fatalf("GetConfig(...): %v", err)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("GetConfig(...): %d STS calls, want none before the credentials are used", n)
	}
	checkAKID(ctx, t, "the credentials of the last role", cfg, "AKIDROLE2")

	want := []map[string]string{
		{
			"Action":                     "AssumeRole",
			"SignedWith":                 testAKID,
			"RoleArn":                    testRole1,
			"RoleSessionName":            DefaultRoleSessionName,
			"ExternalId":                 "ext-123",
			"DurationSeconds":            "3600",
			"Tags.member.1.Key":          "team",
			"Tags.member.1.Value":        "platform",
			"Tags.member.2.Key":          "env",
			"Tags.member.2.Value":        "prod",
			"TransitiveTagKeys.member.1": "team",
		},
		{
			"Action":          "AssumeRole",
			"SignedWith":      "AKIDROLE1",
			"RoleArn":         testRole2,
			"RoleSessionName": "second-session",
			"DurationSeconds": "3600",
		},
	}
	var got []map[string]string
	for _, r := range fake.Requests() {
		got = append(got, summary(r))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("STS calls: the chain in order, each signed with the credentials of the one before: -want, +got:\n%s", diff)
	}

	// A steady-state reconcile: same Config, no STS call.
	for range 3 {
		again, err := cc.GetConfig(ctx, bucket(), nil)
		if err != nil {
			t.Fatalf("GetConfig(...) again: %v", err)
		}
		if again != cfg {
			t.Errorf("GetConfig(...) again: got a new *Config, want the cached one")
		}
		if _, err := again.AWS.Credentials.Retrieve(ctx); err != nil {
			t.Fatalf("Retrieve() again: %v", err)
		}
		svc := ServiceClient(again, "sts", func(c *Config) *sts.Client {
			return sts.NewFromConfig(c.AWS, func(o *sts.Options) { o.BaseEndpoint = c.BaseEndpoint("sts") })
		})
		if _, err := svc.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
			t.Fatalf("GetCallerIdentity(): %v", err)
		}
	}
	reqs := fake.Requests()
	if diff := cmp.Diff(2, countActions(reqs, "AssumeRole")); diff != "" {
		t.Errorf("AssumeRole calls after steady-state reconciles: -want, +got:\n%s", diff)
	}
	if got := reqs[len(reqs)-1]; got.Action != "GetCallerIdentity" || got.AccessKeyID != "AKIDROLE2" {
		t.Errorf("API calls must be signed with the last role's credentials, got %s signed with %q", got.Action, got.AccessKeyID)
	}

	// A new generation of the ClusterProviderConfig: a new Config, the
	// chain assumed again, the stale Config evicted.
	nextGeneration(ctx, t, kube)
	rebuilt, err := cc.GetConfig(ctx, bucket(), nil)
	if err != nil {
		t.Fatalf("GetConfig(...) after a generation change: %v", err)
	}
	if rebuilt == cfg {
		t.Fatalf("GetConfig(...) after a generation change: got the stale *Config, want a new one")
	}
	if _, err := rebuilt.AWS.Credentials.Retrieve(ctx); err != nil {
		t.Fatalf("Retrieve() after a generation change: %v", err)
	}
	if diff := cmp.Diff(4, countActions(fake.Requests(), "AssumeRole")); diff != "" {
		t.Errorf("AssumeRole calls after a generation change: -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff(1, cc.store.len()); diff != "" {
		t.Errorf("cached Configs after a generation change: the stale one is evicted: -want, +got:\n%s", diff)
	}
}

func TestCredentialsSharedAcrossRegions(t *testing.T) {
	fake := newFakeSTS(t, map[string]string{testRole1: "AKIDROLE1", testRole2: "AKIDROLE2"})
	kube := chainKube(t, fake.URL())
	cc := NewConfigCache(kube)
	ctx := context.Background()

	var cfgs []*Config
	for _, region := range []*string{nil, aws.String("us-west-2"), aws.String("ap-southeast-2")} {
		cfg, err := cc.GetConfig(ctx, bucket(), region)
		if err != nil {
			t.Fatalf("GetConfig(..., %v): %v", aws.ToString(region), err)
		}
		checkAKID(ctx, t, "every region gets the last role's credentials", cfg, "AKIDROLE2")
		cfgs = append(cfgs, cfg)
	}
	if diff := cmp.Diff(3, cc.store.len()); diff != "" {
		t.Errorf("cached Configs: one per region: -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff([]string{"eu-west-1", "us-west-2", "ap-southeast-2"}, []string{cfgs[0].Region, cfgs[1].Region, cfgs[2].Region}); diff != "" {
		t.Errorf("Config regions: -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff(2, countActions(fake.Requests(), "AssumeRole")); diff != "" {
		t.Errorf("AssumeRole calls for three regions: the chain once, not once per region: -want, +got:\n%s", diff)
	}

	// A new generation: new credentials for every region, the old ones
	// forgotten.
	nextGeneration(ctx, t, kube)
	for _, region := range []*string{nil, aws.String("us-west-2")} {
		cfg, err := cc.GetConfig(ctx, bucket(), region)
		if err != nil {
			t.Fatalf("GetConfig(..., %v) after a generation change: %v", aws.ToString(region), err)
		}
		checkAKID(ctx, t, "after a generation change", cfg, "AKIDROLE2")
	}
	if diff := cmp.Diff(4, countActions(fake.Requests(), "AssumeRole")); diff != "" {
		t.Errorf("AssumeRole calls after a generation change, two regions: the chain once more: -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff(1, len(cc.store.creds)); diff != "" {
		t.Errorf("cached credentials after a generation change: the stale ones are evicted: -want, +got:\n%s", diff)
	}
}

func TestAssumeRoleChainError(t *testing.T) {
	fake := newFakeSTS(t, map[string]string{testRole1: "AKIDROLE1"})
	spec := chainSpec(fake.URL())
	spec.Credentials.AssumeRoleChain[1].RoleARN = "deny"
	kube := newKube(t, newCPC("default", spec), secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
	cfg, err := NewConfigCache(kube).GetConfig(context.Background(), bucket(), nil)
	if err != nil {
		t.Fatalf("GetConfig(...): %v", err)
	}
	_, err = cfg.AWS.Credentials.Retrieve(context.Background())
	if err == nil {
		t.Fatal("Retrieve(): want an error when a role of the chain cannot be assumed")
	}
	for _, s := range []string{testSecretKey, "secret-AKIDROLE1"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("Retrieve(): error %q contains a secret", err)
		}
	}
}

func TestConfigCacheKey(t *testing.T) {
	ctx := context.Background()
	type args struct {
		change func(t *testing.T, kube client.Client)
		region *string
	}
	type want struct {
		same   bool
		akid   string
		cached int
	}
	cases := map[string]struct {
		reason string
		args   args
		want   want
	}{
		"Unchanged": {
			reason: "Nothing changed: the cached Config is returned.",
			args:   args{change: func(*testing.T, client.Client) {}},
			want:   want{same: true, akid: testAKID, cached: 1},
		},
		"UnrelatedSecretChange": {
			reason: "Another Secret changing does not matter.",
			args: args{change: func(t *testing.T, kube client.Client) {
				if err := kube.Create(ctx, secret(testNamespace, "other", DefaultSecretKey, []byte("x"))); err != nil {
					t.Fatal(err)
				}
			}},
			want: want{same: true, akid: testAKID, cached: 1},
		},
		"SecretRotated": {
			reason: "A new resourceVersion of the credentials Secret builds a new Config with the new keys.",
			args: args{change: func(t *testing.T, kube client.Client) {
				s := &corev1.Secret{}
				if err := kube.Get(ctx, types.NamespacedName{Namespace: testNamespace, Name: "aws"}, s); err != nil {
					t.Fatal(err)
				}
				s.Data[DefaultSecretKey] = []byte("[default]\naws_access_key_id = AKIDROTATED\naws_secret_access_key = s\n")
				if err := kube.Update(ctx, s); err != nil {
					t.Fatal(err)
				}
			}},
			want: want{akid: "AKIDROTATED", cached: 1},
		},
		"GenerationChanged": {
			reason: "A new generation of the provider config builds a new Config.",
			args: args{change: func(t *testing.T, kube client.Client) {
				nextGeneration(ctx, t, kube)
			}},
			want: want{akid: testAKID, cached: 1},
		},
		"Recreated": {
			reason: "A provider config deleted and created again (new UID) builds a new Config.",
			args: args{change: func(t *testing.T, kube client.Client) {
				if err := kube.Delete(ctx, newCPC("default", v1alpha1.ProviderConfigSpec{})); err != nil {
					t.Fatal(err)
				}
				pc := newCPC("default", secretSpec("aws", testNamespace))
				pc.UID = "recreated"
				if err := kube.Create(ctx, pc); err != nil {
					t.Fatal(err)
				}
			}},
			want: want{akid: testAKID, cached: 1},
		},
		"OtherRegion": {
			reason: "Another region is another Config; both stay cached.",
			args:   args{change: func(*testing.T, client.Client) {}, region: aws.String("us-east-2")},
			want:   want{akid: testAKID, cached: 2},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			kube := newKube(t,
				newCPC("default", secretSpec("aws", testNamespace)),
				secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
			cc := NewConfigCache(kube)
			first, err := cc.GetConfig(ctx, bucket(), nil)
			if err != nil {
				t.Fatalf("\n%s\nGetConfig(...): %v", tc.reason, err)
			}
			tc.args.change(t, kube)
			second, err := cc.GetConfig(ctx, bucket(), tc.args.region)
			if err != nil {
				t.Fatalf("\n%s\nGetConfig(...) after the change: %v", tc.reason, err)
			}
			if diff := cmp.Diff(tc.want.same, first == second); diff != "" {
				t.Errorf("\n%s\nsame *Config: -want, +got:\n%s", tc.reason, diff)
			}
			checkAKID(ctx, t, tc.reason, second, tc.want.akid)
			if diff := cmp.Diff(tc.want.cached, cc.store.len()); diff != "" {
				t.Errorf("\n%s\ncached Configs: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestConfigCacheConcurrent(t *testing.T) {
	fake := newFakeSTS(t, map[string]string{testRole1: "AKIDROLE1", testRole2: "AKIDROLE2"})
	cc := NewConfigCache(chainKube(t, fake.URL()))
	ctx := context.Background()

	const reconciles = 200
	cfgs := make([]*Config, reconciles)
	errs := make([]error, reconciles)
	var wg sync.WaitGroup
	for i := range reconciles {
		wg.Go(func() {
			// A controller never reconciles one object concurrently: 200
			// different buckets.
			mg := bucket()
			mg.Name = fmt.Sprintf("b-%d", i)
			mg.UID = types.UID(fmt.Sprintf("bucket-%d", i))
			cfgs[i], errs[i] = cc.GetConfig(ctx, mg, nil)
			if errs[i] == nil {
				_, errs[i] = cfgs[i].AWS.Credentials.Retrieve(ctx)
			}
		})
	}
	wg.Wait()
	for i := range reconciles {
		if errs[i] != nil {
			t.Fatalf("reconcile %d: %v", i, errs[i])
		}
		if cfgs[i] != cfgs[0] {
			t.Fatalf("reconcile %d: got another *Config than reconcile 0, want one shared Config", i)
		}
	}
	if diff := cmp.Diff(2, countActions(fake.Requests(), "AssumeRole")); diff != "" {
		t.Errorf("AssumeRole calls of %d concurrent reconciles: -want, +got:\n%s", reconciles, diff)
	}
}

func TestConfigStore(t *testing.T) {
	errBoom := errors.New("boom")
	key := cacheKey{configID: configID{kind: "ClusterProviderConfig", name: "default"}, revision: revision{uid: "u", generation: 1}, region: testRegion}
	type want struct {
		err    error
		builds int
		cached int
	}
	cases := map[string]struct {
		reason string
		build  func(ctx context.Context) (*Config, error)
		want   want
	}{
		"Success": {
			reason: "A successful build is cached: the second get does not build.",
			build:  func(context.Context) (*Config, error) { return &Config{}, nil },
			want:   want{builds: 1, cached: 1},
		},
		"Error": {
			reason: "A failed build is not cached: the second get builds again.",
			build:  func(context.Context) (*Config, error) { return nil, errBoom },
			want:   want{err: errBoom, builds: 2, cached: 0},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := newConfigStore()
			builds := 0
			build := func(ctx context.Context) (*Config, error) {
				builds++
				return tc.build(ctx)
			}
			var err error
			for range 2 {
				_, err = s.get(context.Background(), key, build)
			}
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("\n%s\nget(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.builds, builds); diff != "" {
				t.Errorf("\n%s\nbuilds: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.cached, s.len()); diff != "" {
				t.Errorf("\n%s\ncached: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestConfigStoreBuildPanics(t *testing.T) {
	s := newConfigStore()
	key := cacheKey{region: testRegion}
	func() {
		defer func() { _ = recover() }()
		_, _ = s.get(context.Background(), key, func(context.Context) (*Config, error) { panic("boom") })
	}()
	cfg, err := s.get(context.Background(), key, func(context.Context) (*Config, error) { return &Config{}, nil })
	if err != nil || cfg == nil {
		t.Errorf("get(...) after a build panicked: want a new build, got %v, %v", cfg, err)
	}
}

func TestConfigStoreWaiterContext(t *testing.T) {
	s := newConfigStore()
	key := cacheKey{region: testRegion}
	release := make(chan struct{})
	started := make(chan struct{})
	go func() {
		_, _ = s.get(context.Background(), key, func(context.Context) (*Config, error) {
			close(started)
			<-release
			return &Config{}, nil
		})
	}()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.get(ctx, key, func(context.Context) (*Config, error) {
		t.Error("a waiter must not build")
		return nil, nil
	})
	if diff := cmp.Diff(context.Canceled, err, test.EquateErrors()); diff != "" {
		t.Errorf("get(...) waiting with a cancelled context: -want error, +got error:\n%s", diff)
	}
	close(release)
}
