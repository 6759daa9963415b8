package elasticip

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
)

const (
	allocID  = "eipalloc-0123"
	region   = "eu-west-1"
	publicIP = "203.0.113.10"
	identity = "default/nat/uid-1"
)

type modifier func(*v1alpha1.ElasticIP)

func eip(m ...modifier) *v1alpha1.ElasticIP {
	a := &v1alpha1.ElasticIP{ObjectMeta: metav1.ObjectMeta{Name: "nat", Namespace: "default", UID: "uid-1"}}
	meta.SetExternalName(a, allocID)
	a.Spec.ForProvider = v1alpha1.ElasticIPParameters{Region: aws.String(region), Domain: "vpc", Tags: map[string]string{"team": "net"}}
	for _, f := range m {
		f(a)
	}
	return a
}

func noExternalName(a *v1alpha1.ElasticIP) { meta.SetExternalName(a, "") }

func observed(a *v1alpha1.ElasticIP) {
	a.Status.AtProvider = v1alpha1.ElasticIPObservation{AllocationID: allocID, PublicIP: publicIP}
	a.SetConditions(xpv2.Available())
}

func awsEIP(m ...func(*types.Address)) types.Address {
	a := types.Address{AllocationId: aws.String(allocID), PublicIp: aws.String(publicIP), Domain: types.DomainTypeVpc,
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}, {Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}}}
	for _, f := range m {
		f(&a)
	}
	return a
}

func describe(a ...types.Address) map[string]any {
	return map[string]any{"DescribeAddresses": &ec2.DescribeAddressesOutput{Addresses: a}}
}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.ElasticIP
	}
	one := []string{"DescribeAddresses"}
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		cr     *v1alpha1.ElasticIP
		want   want
	}{
		"NoExternalNameNothingTagged": {
			reason: "Without an ID, an address carrying the identity tag is looked for; none means it does not exist.",
			api:    &fakeAPI{out: describe()}, cr: eip(noExternalName),
			want: want{calls: one, cr: eip(noExternalName)},
		},
		"IdentityFilterIgnored": {
			reason: "An address without the identity tag is never adopted.",
			api:    &fakeAPI{out: describe(awsEIP(func(a *types.Address) { a.Tags = a.Tags[:1] }))}, cr: eip(noExternalName),
			want: want{calls: one, cr: eip(noExternalName)},
		},
		"NoExternalNameAdoptsTagged": {
			reason: "An address allocated before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    &fakeAPI{out: describe(awsEIP())}, cr: eip(noExternalName),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one, cr: eip(observed)},
		},
		"IdentityLookupError": {
			reason: "An error of the identity-tag lookup is returned with context.",
			api:    &fakeAPI{errs: map[string]error{"DescribeAddresses": apiError("X")}}, cr: eip(noExternalName),
			want: want{err: errors.Wrap(apiError("X"), "cannot look up Elastic IP by its identity tag"), calls: one, cr: eip(noExternalName)},
		},
		"NotFound": {
			reason: "InvalidAllocationID.NotFound means the address does not exist.",
			api:    &fakeAPI{errs: map[string]error{"DescribeAddresses": apiError(errNotFound)}}, cr: eip(),
			want: want{calls: one, cr: eip()},
		},
		"EmptyAnswer": {
			reason: "An empty answer means the address does not exist.",
			api:    &fakeAPI{out: describe()}, cr: eip(),
			want: want{calls: one, cr: eip()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"DescribeAddresses": apiError("X")}}, cr: eip(),
			want: want{err: errors.Wrap(apiError("X"), "cannot get Elastic IP eipalloc-0123"), calls: one, cr: eip()},
		},
		"UpToDate": {
			reason: "An address with the spec's tags is up to date; the identity tag does not count.",
			api:    &fakeAPI{out: describe(awsEIP())}, cr: eip(),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: one, cr: eip(observed)},
		},
		"LateInitialize": {
			reason: "Region, domain and tags are late-initialized.",
			api:    &fakeAPI{out: describe(awsEIP())}, cr: eip(func(a *v1alpha1.ElasticIP) { a.Spec.ForProvider = v1alpha1.ElasticIPParameters{} }),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: one, cr: eip(observed)},
		},
		"TagDrift": {
			reason: "A tag removed out of band is drift; the association is reported.",
			api: &fakeAPI{out: describe(awsEIP(func(a *types.Address) {
				a.Tags = a.Tags[1:]
				a.AssociationId, a.NetworkInterfaceId = aws.String("eipassoc-1"), aws.String("eni-1")
			}))},
			cr: eip(),
			want: want{o: managed.ExternalObservation{ResourceExists: true}, calls: one, cr: eip(observed, func(a *v1alpha1.ElasticIP) {
				a.Status.AtProvider.AssociationID, a.Status.AtProvider.NetworkInterfaceID = "eipassoc-1", "eni-1"
			})},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := (&external{api: tc.api, region: region}).Observe(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nObserve(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.o, got, cmpopts.IgnoreFields(managed.ExternalObservation{}, "Diff")); diff != "" {
				t.Errorf("%s\nObserve(...): -want, +got:\n%s", tc.reason, diff)
			}
			if got.ResourceExists && (got.Diff == "") != got.ResourceUpToDate {
				t.Errorf("%s\nObserve(...): Diff %q does not match ResourceUpToDate %v", tc.reason, got.Diff, got.ResourceUpToDate)
			}
			if diff := cmp.Diff(tc.want.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nObserve(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.cr, tc.cr, test.EquateConditions()); diff != "" {
				t.Errorf("%s\nObserve(...) object: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}

	f := &fakeAPI{out: describe()}
	_, _ = (&external{api: f, region: region}).Observe(context.Background(), eip(noExternalName))
	wantIn := &ec2.DescribeAddressesInput{Filters: shared.IdentityFilter(eip())}
	if diff := cmp.Diff(wantIn, f.inputs[0], cmpopts.IgnoreUnexported(ec2.DescribeAddressesInput{}, types.Filter{})); diff != "" {
		t.Errorf("identity lookup input: -want, +got:\n%s", diff)
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		err    error
		name   string
	}{
		"Success": {
			reason: "The allocation ID becomes the external name.",
			api:    &fakeAPI{out: map[string]any{"AllocateAddress": &ec2.AllocateAddressOutput{AllocationId: aws.String(allocID)}}},
			name:   allocID,
		},
		"Error": {
			reason: "A failed allocation keeps AWS's code.",
			api:    &fakeAPI{errs: map[string]error{"AllocateAddress": apiError("AddressLimitExceeded")}},
			err:    errors.Wrap(apiError("AddressLimitExceeded"), "cannot allocate Elastic IP"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := eip(noExternalName)
			_, err := (&external{api: tc.api, region: region}).Create(context.Background(), cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			want := &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc, TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeElasticIp, Tags: []types.Tag{
				{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}}}
			if diff := cmp.Diff(want, tc.api.inputs[0], cmpopts.IgnoreUnexported(ec2.AllocateAddressInput{}, types.TagSpecification{}, types.Tag{})); diff != "" {
				t.Errorf("%s\nCreate(...) input: -want, +got:\n%s", tc.reason, diff)
			}
			if got := meta.GetExternalName(cr); got != tc.name {
				t.Errorf("%s\nCreate(...) external name: want %q, got %q", tc.reason, tc.name, got)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	cases := map[string]struct {
		reason   string
		api      *fakeAPI
		observed map[string]string
		cr       *v1alpha1.ElasticIP
		err      error
		calls    []string
	}{
		"NotObserved": {reason: "Update needs what Observe read.", api: &fakeAPI{}, cr: eip(),
			err: errors.New("cannot update Elastic IP: it was not observed first")},
		"NothingDiffers": {reason: "No writes when the tags match.", api: &fakeAPI{}, cr: eip(),
			observed: map[string]string{"team": "net", tags.KeyManagedBy: identity}},
		"Tags": {reason: "Changed tags are written.", api: &fakeAPI{}, cr: eip(),
			observed: map[string]string{tags.KeyManagedBy: identity}, calls: []string{"CreateTags"}},
		"TagsError": {reason: "A failed tag change is returned with context.", api: &fakeAPI{errs: map[string]error{"CreateTags": apiError("X")}}, cr: eip(),
			observed: map[string]string{}, calls: []string{"CreateTags"},
			err: errors.Wrap(errors.Wrap(apiError("X"), "cannot add tags"), "cannot update tags of Elastic IP eipalloc-0123")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region, observed: tc.observed}).Update(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nUpdate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.calls, tc.api.calls); diff != "" {
				t.Errorf("%s\nUpdate(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *fakeAPI
		want   error
	}{
		"Success":  {reason: "A released address is done.", api: &fakeAPI{}},
		"NotFound": {reason: "An already-released address is success.", api: &fakeAPI{errs: map[string]error{"ReleaseAddress": apiError(errNotFound)}}},
		"InUse": {
			reason: "An associated address keeps AWS's code, names the association and says that the provider retries.",
			api:    &fakeAPI{errs: map[string]error{"ReleaseAddress": apiError("InvalidIPAddress.InUse")}},
			want:   errors.Wrap(apiError("InvalidIPAddress.InUse"), "cannot release Elastic IP eipalloc-0123: it is still associated (eipassoc-1); the provider retries"),
		},
		"OtherError": {
			reason: "Other errors are returned with context.",
			api:    &fakeAPI{errs: map[string]error{"ReleaseAddress": apiError("X")}},
			want:   errors.Wrap(apiError("X"), "cannot release Elastic IP eipalloc-0123"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := eip(func(a *v1alpha1.ElasticIP) { a.Status.AtProvider.AssociationID = "eipassoc-1" })
			_, err := (&external{api: tc.api, region: region}).Delete(context.Background(), cr)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDelete(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff([]string{"ReleaseAddress"}, tc.api.calls); diff != "" {
				t.Errorf("%s\nDelete(...) AWS calls: -want, +got:\n%s", tc.reason, diff)
			}
			if c := cr.GetCondition(xpv2.TypeReady); c.Reason != xpv2.ReasonDeleting {
				t.Errorf("%s\nDelete(...) Ready reason: want %s, got %s", tc.reason, xpv2.ReasonDeleting, c.Reason)
			}
		})
	}
}
