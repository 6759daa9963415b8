package clients

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	dto "github.com/prometheus/client_model/go"
)

func TestKubeRequest(t *testing.T) {
	type want struct{ verb, resource string }
	cases := map[string]struct {
		reason, method, path, watch string
		want                        want
	}{
		"GetNamespacedCustomResource": {
			reason: "A GET of a named object in a namespace is a get of plural.group.",
			method: http.MethodGet, path: "/apis/s3.kaws.dev/v1alpha1/namespaces/bench/buckets/b1",
			want: want{"get", "buckets.s3.kaws.dev"},
		},
		"UpdateStatus": {
			reason: "A PUT of the status subresource is an update of plural.group/status.",
			method: http.MethodPut, path: "/apis/s3.kaws.dev/v1alpha1/namespaces/bench/buckets/b1/status",
			want: want{"update", "buckets.s3.kaws.dev/status"},
		},
		"PatchCoreSecret": {
			reason: "A core-group resource has no group suffix.",
			method: http.MethodPatch, path: "/api/v1/namespaces/default/secrets/conn",
			want: want{"patch", "secrets"},
		},
		"CreateInCollection": {
			reason: "A POST to a collection is a create.",
			method: http.MethodPost, path: "/api/v1/namespaces/default/events",
			want: want{"create", "events"},
		},
		"ListClusterScoped": {
			reason: "A GET of a cluster-scoped collection is a list.",
			method: http.MethodGet, path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
			want: want{"list", "customresourcedefinitions.apiextensions.k8s.io"},
		},
		"WatchAllNamespaces": {
			reason: "watch=true makes a collection GET a watch.",
			method: http.MethodGet, path: "/apis/sqs.kaws.dev/v1alpha1/queues", watch: "true",
			want: want{"watch", "queues.sqs.kaws.dev"},
		},
		"GetNamespace": {
			reason: "/namespaces/<name> alone is the namespace object, not a namespace prefix.",
			method: http.MethodGet, path: "/api/v1/namespaces/bench",
			want: want{"get", "namespaces"},
		},
		"DeleteCollection": {
			reason: "A DELETE of a collection is a deletecollection.",
			method: http.MethodDelete, path: "/apis/ec2.kaws.dev/v1alpha1/namespaces/bench/vpcs",
			want: want{"deletecollection", "vpcs.ec2.kaws.dev"},
		},
		"Lease": {
			reason: "Leader election's lease update counts under its resource.",
			method: http.MethodPut, path: "/apis/coordination.k8s.io/v1/namespaces/crossplane-system/leases/provider-aws",
			want: want{"update", "leases.coordination.k8s.io"},
		},
		"Discovery": {
			reason: "Discovery and other non-resource paths have no resource.",
			method: http.MethodGet, path: "/apis/s3.kaws.dev/v1alpha1",
			want: want{"get", ""},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			verb, resource := KubeRequest(tc.method, tc.path, tc.watch)
			if diff := cmp.Diff(tc.want, want{verb, resource}, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("%s\nKubeRequest(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestCountKubeRequests(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	defer srv.Close()
	count := func() float64 {
		m := &dto.Metric{}
		if err := kubeRequests.WithLabelValues("update", "widgets.test.kaws.dev/status").Write(m); err != nil {
			t.Fatal(err)
		}
		return m.GetCounter().GetValue()
	}
	before := count()
	c := &http.Client{Transport: CountKubeRequests(http.DefaultTransport)}
	for range 2 {
		req, err := http.NewRequest(http.MethodPut, srv.URL+"/apis/test.kaws.dev/v1/namespaces/ns/widgets/w/status", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	if got := count() - before; got != 2 {
		t.Errorf("two status updates through the wrapped transport: counted %v, want 2", got)
	}
}
