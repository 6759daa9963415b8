package mr

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
)

func TestKeepStatus(t *testing.T) {
	s := bucketScheme(t)
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

func TestSkipUnchangedStatus(t *testing.T) {
	s := bucketScheme(t)
	stored := func() *v1alpha1.Bucket {
		b := &v1alpha1.Bucket{ObjectMeta: metav1.ObjectMeta{Name: "b", Namespace: "default"}}
		b.Status.AtProvider.ARN = "arn:aws:s3:::b"
		b.SetConditions(xpv2.Available(), xpv2.ReconcileSuccess())
		return b
	}
	cases := map[string]struct {
		reason string
		change func(ctx context.Context, c client.Client, b *v1alpha1.Bucket)
		writes int
	}{
		"Unchanged": {
			reason: "An observation that sets the conditions and atProvider the resource has already writes nothing.",
			change: func(_ context.Context, _ client.Client, b *v1alpha1.Bucket) {
				b.Status.AtProvider.ARN = "arn:aws:s3:::b"
				b.SetConditions(xpv2.Available(), xpv2.ReconcileSuccess())
			},
			writes: 0,
		},
		"ConditionChanged": {
			reason: "A condition that changes is written.",
			change: func(_ context.Context, _ client.Client, b *v1alpha1.Bucket) {
				b.SetConditions(xpv2.ReconcileError(errors.New("boom")))
			},
			writes: 1,
		},
		"AtProviderChanged": {
			reason: "An observed field that changes is written.",
			change: func(_ context.Context, _ client.Client, b *v1alpha1.Bucket) {
				b.Status.AtProvider.ARN = "arn:aws:s3:::other"
			},
			writes: 1,
		},
		"NewerInCache": {
			reason: "When the cache holds a newer version, the write goes out (and meets the conflict it should).",
			change: func(ctx context.Context, c client.Client, _ *v1alpha1.Bucket) {
				newer := &v1alpha1.Bucket{}
				if err := c.Get(ctx, client.ObjectKey{Namespace: "default", Name: "b"}, newer); err != nil {
					t.Fatal(err)
				}
				newer.SetLabels(map[string]string{"touched": "yes"})
				if err := c.Update(ctx, newer); err != nil {
					t.Fatal(err)
				}
			},
			writes: 1,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			writes := 0
			fc := fake.NewClientBuilder().WithScheme(s).WithObjects(stored()).WithStatusSubresource(&v1alpha1.Bucket{}).
				WithInterceptorFuncs(interceptor.Funcs{SubResourceUpdate: func(ctx context.Context, c client.Client, sub string, obj client.Object, opts ...client.SubResourceUpdateOption) error {
					writes++
					return c.SubResource(sub).Update(ctx, obj, opts...)
				}}).Build()
			b := &v1alpha1.Bucket{}
			if err := fc.Get(ctx, client.ObjectKey{Namespace: "default", Name: "b"}, b); err != nil {
				t.Fatal(err)
			}
			tc.change(ctx, fc, b)
			_ = keepStatus{fc}.Status().Update(ctx, b)
			if diff := cmp.Diff(tc.writes, writes); diff != "" {
				t.Errorf("%s\nstatus writes sent: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestSkipNoOpUpdate(t *testing.T) {
	s := bucketScheme(t)
	cases := map[string]struct {
		reason string
		change func(b *v1alpha1.Bucket)
		writes int
	}{
		"Unchanged": {
			reason: "An Update that stores what the object has (a finalizer that is there already) is not sent.",
			change: func(b *v1alpha1.Bucket) { b.SetFinalizers([]string{"in-use.crossplane.io"}) },
			writes: 0,
		},
		"StatusOnly": {
			reason: "A status change alone is not the Update's to write.",
			change: func(b *v1alpha1.Bucket) { b.Status.AtProvider.ARN = "arn:aws:s3:::other" },
			writes: 0,
		},
		"MetadataChanged": {
			reason: "A new finalizer is written.",
			change: func(b *v1alpha1.Bucket) { b.SetFinalizers([]string{"in-use.crossplane.io", "other"}) },
			writes: 1,
		},
		"SpecChanged": {
			reason: "A spec change is written.",
			change: func(b *v1alpha1.Bucket) { b.Spec.ForProvider.Region = aws.String("eu-west-1") },
			writes: 1,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			writes := 0
			stored := &v1alpha1.Bucket{ObjectMeta: metav1.ObjectMeta{Name: "b", Namespace: "default", Finalizers: []string{"in-use.crossplane.io"}}}
			fc := fake.NewClientBuilder().WithScheme(s).WithObjects(stored).WithStatusSubresource(&v1alpha1.Bucket{}).
				WithInterceptorFuncs(interceptor.Funcs{Update: func(ctx context.Context, c client.WithWatch, obj client.Object, opts ...client.UpdateOption) error {
					writes++
					return c.Update(ctx, obj, opts...)
				}}).Build()
			b := &v1alpha1.Bucket{}
			if err := fc.Get(ctx, client.ObjectKey{Namespace: "default", Name: "b"}, b); err != nil {
				t.Fatal(err)
			}
			tc.change(b)
			if err := (SkippingNoOps{}).client(fc).Update(ctx, b); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.writes, writes); diff != "" {
				t.Errorf("%s\nupdates sent: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// bucketScheme is a scheme that knows the S3 kinds.
func bucketScheme(t *testing.T) *runtime.Scheme {
	t.Helper()
	s := runtime.NewScheme()
	if err := v1alpha1.SchemeBuilder.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	return s
}
