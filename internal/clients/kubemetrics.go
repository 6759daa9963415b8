package clients

import (
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
)

// MetricKubeRequestsName is the name of the counter of the provider's
// requests to the Kubernetes API server.
const MetricKubeRequestsName = "kaws_kube_api_requests_total"

// kubeRequests counts the provider's Kubernetes API requests by verb and
// resource. client-go's own rest_client_requests_total knows only the HTTP
// method and host, which cannot tell a status write from a Secret write.
var kubeRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: MetricKubeRequestsName,
	Help: "Requests the provider made to the Kubernetes API server, by verb (get, list, watch, create, update, patch, delete, deletecollection) and resource (plural.group, with /subresource).",
}, []string{"verb", "resource"})

func init() {
	kubeRequests = registerCounterVec(metrics.Registry, kubeRequests)
}

// CountKubeRequests wraps a Kubernetes client's transport so that every
// request is counted in kaws_kube_api_requests_total: pass it to
// rest.Config.Wrap.
func CountKubeRequests(rt http.RoundTripper) http.RoundTripper {
	return roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		verb, resource := KubeRequest(r.Method, r.URL.Path, r.URL.Query().Get("watch"))
		kubeRequests.WithLabelValues(verb, resource).Inc()
		return rt.RoundTrip(r)
	})
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// KubeRequest returns the verb and resource of a Kubernetes API request:
// the resource as plural.group (plural alone for the core group), with
// "/subresource" when the path names one; "" for paths that are no
// resource's (discovery, /healthz, ...). A GET of a collection is "list",
// or "watch" with watch=true; a DELETE of a collection "deletecollection".
func KubeRequest(method, path, watch string) (verb, resource string) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	var group string
	switch {
	case len(parts) >= 3 && parts[0] == "api": // /api/v1/...
		parts = parts[2:]
	case len(parts) >= 4 && parts[0] == "apis": // /apis/<group>/<version>/...
		group, parts = parts[1], parts[3:]
	default:
		return strings.ToLower(method), ""
	}
	if len(parts) >= 2 && parts[0] == "namespaces" && len(parts) != 2 {
		// /namespaces/<ns>/<resource>/...; /namespaces/<name> alone is the
		// namespace itself.
		parts = parts[2:]
	}
	named := len(parts) >= 2
	resource = parts[0]
	if group != "" {
		resource += "." + group
	}
	if len(parts) >= 3 {
		resource += "/" + parts[2]
	}
	switch method {
	case http.MethodGet:
		switch {
		case watch == "true" || watch == "1":
			verb = "watch"
		case named:
			verb = "get"
		default:
			verb = "list"
		}
	case http.MethodPost:
		verb = "create"
	case http.MethodPut:
		verb = "update"
	case http.MethodPatch:
		verb = "patch"
	case http.MethodDelete:
		verb = "delete"
		if !named {
			verb = "deletecollection"
		}
	default:
		verb = strings.ToLower(method)
	}
	return verb, resource
}
