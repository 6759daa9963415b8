package clients

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

func apiCallCount(t *testing.T, service, operation, outcome string) float64 {
	t.Helper()
	m := &dto.Metric{}
	if err := apiCalls.WithLabelValues(service, operation, outcome).Write(m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}

func TestAPICallMetrics(t *testing.T) {
	fake := newFakeSTS(t, map[string]string{testRole1: "AKIDROLE1", testRole2: "AKIDROLE2"})
	// More attempts than the Config allows: its RetryMaxAttempts must cap
	// them (RetriedError); no backoff, to keep the test fast.
	noBackoff := func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 10
			o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		})
	}

	type want struct {
		outcome  string
		requests int
	}
	cases := map[string]struct {
		reason string
		akid   string
		want   want
	}{
		"Success": {
			reason: "A successful call counts once as success.",
			akid:   "AKIDOK",
			want:   want{outcome: OutcomeSuccess, requests: 1},
		},
		"Error": {
			reason: "A failed call counts once as error.",
			akid:   "AKIDDENIED",
			want:   want{outcome: OutcomeError, requests: 1},
		},
		"RetriedError": {
			reason: "A call retried until it gives up (after MaxAttempts attempts) counts once, as error.",
			akid:   "AKIDUNAVAILABLE",
			want:   want{outcome: OutcomeError, requests: MaxAttempts},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			spec := secretSpec("aws", testNamespace)
			spec.Endpoint = &v1alpha1.Endpoint{Services: map[string]string{"sts": fake.URL()}}
			ini := []byte("[default]\naws_access_key_id = " + tc.akid + "\naws_secret_access_key = s\n")
			kube := newKube(t, newCPC("default", spec), secret(testNamespace, "aws", DefaultSecretKey, ini))
			cfg, err := NewConfigCache(kube).GetConfig(context.Background(), bucket(), nil)
			if err != nil {
				t.Fatalf("\n%s\nGetConfig(...): %v", tc.reason, err)
			}
			svc := sts.NewFromConfig(cfg.AWS, func(o *sts.Options) {
				o.BaseEndpoint = cfg.BaseEndpoint("sts")
				o.Retryer = noBackoff()
			})
			beforeReqs := len(fake.Requests())
			before := apiCallCount(t, "STS", "GetCallerIdentity", tc.want.outcome)
			_, err = svc.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
			if diff := cmp.Diff(tc.want.outcome == OutcomeError, err != nil); diff != "" {
				t.Errorf("\n%s\nGetCallerIdentity() failed (%v): -want, +got:\n%s", tc.reason, err, diff)
			}
			if diff := cmp.Diff(1.0, apiCallCount(t, "STS", "GetCallerIdentity", tc.want.outcome)-before); diff != "" {
				t.Errorf("\n%s\n%s{service=STS,operation=GetCallerIdentity,outcome=%s} increase: -want, +got:\n%s", tc.reason, MetricAPICallsName, tc.want.outcome, diff)
			}
			if diff := cmp.Diff(tc.want.requests, len(fake.Requests())-beforeReqs); diff != "" {
				t.Errorf("\n%s\nHTTP requests: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestAPICallMetricsCountCredentialCalls(t *testing.T) {
	fake := newFakeSTS(t, map[string]string{testRole1: "AKIDROLE1", testRole2: "AKIDROLE2"})
	before := apiCallCount(t, "STS", "AssumeRole", OutcomeSuccess)
	cfg, err := NewConfigCache(chainKube(t, fake.URL())).GetConfig(context.Background(), bucket(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.AWS.Credentials.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(2.0, apiCallCount(t, "STS", "AssumeRole", OutcomeSuccess)-before); diff != "" {
		t.Errorf("AssumeRole calls of a two-role chain counted: -want, +got:\n%s", diff)
	}
}

func TestAPICallMetricsRegistered(t *testing.T) {
	// Registering again, as a second init or test would, must not panic and
	// must keep the counter registered first.
	again := registerCounterVec(metrics.Registry, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: MetricAPICallsName,
		Help: "AWS API calls made by the provider, by service, operation and outcome (success or error). Retries of one call count once.",
	}, []string{"service", "operation", "outcome"}))
	if again != apiCalls {
		t.Errorf("registerCounterVec(...) twice: want the counter registered first")
	}

	apiCalls.WithLabelValues("Test", "Registered", OutcomeSuccess).Inc()
	families, err := metrics.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == MetricAPICallsName {
			return
		}
	}
	t.Errorf("%s is not in the controller-runtime metrics registry", MetricAPICallsName)
}

func TestAddAPICallMetricsIdempotent(t *testing.T) {
	cfg := aws.Config{Region: testRegion}
	cfg.APIOptions = append(cfg.APIOptions, AddAPICallMetrics, AddAPICallMetrics)
	fake := newFakeSTS(t, nil)
	svc := sts.NewFromConfig(cfg, func(o *sts.Options) {
		o.BaseEndpoint = aws.String(fake.URL())
		o.Credentials = aws.AnonymousCredentials{}
	})
	before := apiCallCount(t, "STS", "GetCallerIdentity", OutcomeSuccess)
	if _, err := svc.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(1.0, apiCallCount(t, "STS", "GetCallerIdentity", OutcomeSuccess)-before); diff != "" {
		t.Errorf("AddAPICallMetrics added twice: a call counts once: -want, +got:\n%s", diff)
	}
}
