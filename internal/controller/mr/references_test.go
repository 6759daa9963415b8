package mr

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/apis"
	ec2v1alpha1 "github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	s3v1alpha1 "github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
)

func TestReferenceResolver(t *testing.T) {
	s := runtime.NewScheme()
	if err := apis.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	vpc := &ec2v1alpha1.VPC{ObjectMeta: metav1.ObjectMeta{Name: "net", Namespace: "default"}}
	meta.SetExternalName(vpc, "vpc-123")
	subnet := func(id *string) *ec2v1alpha1.Subnet {
		sn := &ec2v1alpha1.Subnet{ObjectMeta: metav1.ObjectMeta{Name: "a", Namespace: "default"}}
		sn.Spec.ForProvider.VPCID = id
		sn.Spec.ForProvider.VPCIDRef = &xpv2.NamespacedReference{Name: "net"}
		sn.Spec.ForProvider.CIDRBlock = "10.0.1.0/24"
		sn.Spec.ForProvider.Tags = map[string]string{"set": "earlier"}
		return sn
	}
	id := "vpc-123"

	cases := map[string]struct {
		reason  string
		mg      client.Object
		patches int
		want    *ec2v1alpha1.Subnet
	}{
		"Resolved": {
			reason:  "A newly resolved ID is saved with one merge patch that keeps every other field.",
			mg:      subnet(nil),
			patches: 1,
			want:    subnet(&id),
		},
		"Unchanged": {
			reason:  "Nothing is written when resolution changes nothing.",
			mg:      subnet(&id),
			patches: 0,
			want:    subnet(&id),
		},
		"NoReferences": {
			reason:  "A kind without references is left alone.",
			mg:      &s3v1alpha1.Bucket{ObjectMeta: metav1.ObjectMeta{Name: "b", Namespace: "default"}},
			patches: 0,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			patches := 0
			c := fake.NewClientBuilder().WithScheme(s).WithObjects(vpc.DeepCopy(), tc.mg.DeepCopyObject().(client.Object)).
				WithInterceptorFuncs(interceptor.Funcs{Patch: func(ctx context.Context, c client.WithWatch, o client.Object, p client.Patch, opts ...client.PatchOption) error {
					patches++
					return c.Patch(ctx, o, p, opts...)
				}}).Build()
			mg := tc.mg.DeepCopyObject().(client.Object)
			if err := c.Get(context.Background(), client.ObjectKeyFromObject(mg), mg); err != nil {
				t.Fatal(err)
			}
			if err := (referenceResolver{client: c}).ResolveReferences(context.Background(), mg.(resource.Managed)); err != nil {
				t.Fatalf("%s\nResolveReferences(...): %v", tc.reason, err)
			}
			if patches != tc.patches {
				t.Errorf("%s\nResolveReferences(...): %d patches, want %d", tc.reason, patches, tc.patches)
			}
			if tc.want == nil {
				return
			}
			got := &ec2v1alpha1.Subnet{}
			if err := c.Get(context.Background(), client.ObjectKeyFromObject(mg), got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want.Spec.ForProvider, got.Spec.ForProvider); diff != "" {
				t.Errorf("%s\nResolveReferences(...): stored forProvider -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
