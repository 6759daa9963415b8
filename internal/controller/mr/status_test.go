package mr

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
)

func TestKeepStatus(t *testing.T) {
	s := runtime.NewScheme()
	if err := v1alpha1.SchemeBuilder.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	stored := func() *v1alpha1.Bucket {
		b := &v1alpha1.Bucket{ObjectMeta: metav1.ObjectMeta{Name: "b", Namespace: "default"}}
		b.Status.AtProvider.ARN = "arn:aws:s3:::stored"
		b.SetConditions(xpv2.Creating())
		return b
	}
	observed := func(b *v1alpha1.Bucket) {
		b.Spec.ForProvider.Region = aws.String("us-east-1") // late-initialized
		b.Status.AtProvider.ARN = "arn:aws:s3:::b"
		b.SetConditions(xpv2.Available())
	}

	cases := map[string]struct {
		reason string
		c      func(client.Client) client.Client
		want   string // the in-memory ARN after the update
	}{
		"Kept": {
			reason: "Across a spec update, keepStatus keeps the status the observation set.",
			c:      func(c client.Client) client.Client { return keepStatus{c} },
			want:   "arn:aws:s3:::b",
		},
		"PlainClient": {
			reason: "A plain client replaces it by the stored status: what keepStatus is for (this case proves the test can tell).",
			c:      func(c client.Client) client.Client { return c },
			want:   "arn:aws:s3:::stored",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fc := fake.NewClientBuilder().WithScheme(s).WithObjects(stored()).WithStatusSubresource(&v1alpha1.Bucket{}).Build()
			b := &v1alpha1.Bucket{}
			if err := fc.Get(context.Background(), client.ObjectKey{Namespace: "default", Name: "b"}, b); err != nil {
				t.Fatal(err)
			}
			rv := b.GetResourceVersion()
			observed(b)
			if err := tc.c(fc).Update(context.Background(), b); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, b.Status.AtProvider.ARN); diff != "" {
				t.Errorf("%s\nstatus.atProvider.arn after Update: -want, +got:\n%s", tc.reason, diff)
			}
			if b.GetResourceVersion() == rv {
				t.Errorf("%s\nresourceVersion %s not taken from the server's answer", tc.reason, rv)
			}
			if got := aws.ToString(b.Spec.ForProvider.Region); got != "us-east-1" {
				t.Errorf("%s\nspec.forProvider.region after Update: %q, want the written us-east-1", tc.reason, got)
			}
			// The status write after the update stores the kept status.
			if err := fc.Status().Update(context.Background(), b); err != nil {
				t.Fatal(err)
			}
			got := &v1alpha1.Bucket{}
			if err := fc.Get(context.Background(), client.ObjectKey{Namespace: "default", Name: "b"}, got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got.Status.AtProvider.ARN); diff != "" {
				t.Errorf("%s\nstored status.atProvider.arn after the status write: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
