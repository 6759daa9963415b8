package clients

import (
	"context"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	"github.com/pkg/errors"
	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
)

// MetricAPICallsName is the name of the counter of AWS API calls.
const MetricAPICallsName = "kaws_aws_api_calls_total"

// Outcomes of an AWS API call, the values of the "outcome" label.
const (
	OutcomeSuccess = "success"
	OutcomeError   = "error"
)

const metricsMiddlewareID = "kaws/APICallMetrics"

// apiCalls counts AWS API calls by service, operation and outcome. It is
// registered with the controller-runtime metrics registry in init.
var apiCalls = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: MetricAPICallsName,
	Help: "AWS API calls made by the provider, by service, operation and outcome (success or error). Retries of one call count once.",
}, []string{"service", "operation", "outcome"})

func init() {
	apiCalls = registerCounterVec(metrics.Registry, apiCalls)
}

// registerCounterVec registers c with r and returns the collector to use:
// c itself, or the equal collector registered before (e.g. when a test
// binary registers twice). It never panics.
func registerCounterVec(r prometheus.Registerer, c *prometheus.CounterVec) *prometheus.CounterVec {
	err := r.Register(c)
	if err == nil {
		return c
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(*prometheus.CounterVec); ok {
			return existing
		}
	}
	// Registration failed for another reason (e.g. an inconsistent collector
	// of the same name): count anyway, just without exposing the counter.
	return c
}

// AddAPICallMetrics is an SDK API option (for aws.Config.APIOptions) that
// counts every AWS API call in the kaws_aws_api_calls_total counter. It runs
// at the end of the Initialize step, outside the retry loop, so a call that
// is retried counts once, with the outcome of its last attempt.
func AddAPICallMetrics(stack *middleware.Stack) error {
	if _, ok := stack.Initialize.Get(metricsMiddlewareID); ok {
		return nil
	}
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc(metricsMiddlewareID,
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleInitialize(ctx, in)
			outcome := OutcomeSuccess
			if err != nil {
				outcome = OutcomeError
			}
			apiCalls.WithLabelValues(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx), outcome).Inc()
			return out, md, err
		}), middleware.After)
}
