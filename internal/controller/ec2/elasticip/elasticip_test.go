package elasticip

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2fake"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
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

func associated(a *v1alpha1.ElasticIP) { a.Status.AtProvider.AssociationID = "eipassoc-1" }

func deleting(a *v1alpha1.ElasticIP) { a.SetConditions(xpv2.Deleting()) }

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

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.ElasticIP]{What: "Elastic IP", ID: allocID, NotFound: ec2kit.CodeAllocationNotFound, New: func() *v1alpha1.ElasticIP { return eip() }}

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeAddresses", func(api *ec2fake.API, cr *v1alpha1.ElasticIP) (managed.ExternalObservation, error) {
		return (&external{api: api}).Observe(context.Background(), cr)
	})
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.ElasticIP]
	one := []string{"DescribeAddresses"}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		cr     *v1alpha1.ElasticIP
		want   want
	}{
		"NoExternalNameAdoptsTagged": {
			reason: "An address allocated before a crash is found by its identity tag; its ID is recorded and saved.",
			api:    ec2fake.New(describe(awsEIP()), nil), cr: eip(noExternalName),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one, CR: eip(observed)},
		},
		"UpToDate": {
			reason: "An address with the spec's tags is up to date; the identity tag does not count.",
			api:    ec2fake.New(describe(awsEIP()), nil), cr: eip(),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: eip(observed)},
		},
		"LateInitialize": {
			reason: "Domain and tags are late-initialized (the region is mr's).",
			api:    ec2fake.New(describe(awsEIP()), nil), cr: eip(func(a *v1alpha1.ElasticIP) { a.Spec.ForProvider = v1alpha1.ElasticIPParameters{} }),
			want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: eip(observed, func(a *v1alpha1.ElasticIP) { a.Spec.ForProvider.Region = nil })},
		},
		"TagDrift": {
			reason: "A tag removed out of band is drift; the association is reported.",
			api: ec2fake.New(describe(awsEIP(func(a *types.Address) {
				a.Tags = a.Tags[1:]
				a.AssociationId, a.NetworkInterfaceId = aws.String("eipassoc-1"), aws.String("eni-1")
			})), nil),
			cr: eip(),
			want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: eip(observed, func(a *v1alpha1.ElasticIP) {
				a.Status.AtProvider.AssociationID, a.Status.AtProvider.NetworkInterfaceID = "eipassoc-1", "eni-1"
			})},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			o, err := (&external{api: tc.api}).Observe(context.Background(), tc.cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, o, err, tc.cr)
		})
	}

}

func TestCreate(t *testing.T) {
	input := &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc, TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeElasticIp, Tags: []types.Tag{
		{Key: aws.String(tags.KeyManagedBy), Value: aws.String(identity)}, {Key: aws.String("team"), Value: aws.String("net")}}}}}
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		want   ec2fake.Want[*v1alpha1.ElasticIP]
	}{
		"Success": {
			reason: "The allocation ID becomes the external name.",
			api:    ec2fake.New(map[string]any{"AllocateAddress": &ec2.AllocateAddressOutput{AllocationId: aws.String(allocID)}}, nil),
			want:   ec2fake.Want[*v1alpha1.ElasticIP]{Calls: []string{"AllocateAddress"}, Inputs: []any{input}, CR: eip()},
		},
		"Error": {
			reason: "A failed allocation keeps AWS's code.",
			api:    ec2fake.New(nil, map[string]error{"AllocateAddress": ec2fake.Err("AddressLimitExceeded")}),
			want: ec2fake.Want[*v1alpha1.ElasticIP]{Err: errors.Wrap(ec2fake.Err("AddressLimitExceeded"), "cannot allocate Elastic IP"),
				Calls: []string{"AllocateAddress"}, Inputs: []any{input}, CR: eip(noExternalName)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := eip(noExternalName)
			_, err := (&external{api: tc.api}).Create(context.Background(), cr)
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, cr,
				cmpopts.IgnoreUnexported(ec2.AllocateAddressInput{}, types.TagSpecification{}, types.Tag{}))
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.ElasticIP]
	addTeam := []any{&ec2.CreateTagsInput{Resources: []string{allocID}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}}}}
	cases := map[string]struct {
		reason   string
		api      *ec2fake.API
		observed map[string]string
		want     want
	}{
		"NotObserved": {reason: "Update needs what Observe read.", api: ec2fake.New(nil, nil), want: want{Err: mr.NotObserved("Elastic IP")}},
		"NothingDiffers": {reason: "No writes when the tags match.", api: ec2fake.New(nil, nil),
			observed: map[string]string{"team": "net", tags.KeyManagedBy: identity}},
		"Tags": {reason: "Changed tags are written.", api: ec2fake.New(nil, nil),
			observed: map[string]string{tags.KeyManagedBy: identity}, want: want{Calls: []string{"CreateTags"}, Inputs: addTeam}},
		"TagsError": {reason: "A failed tag change is returned with context.", api: ec2fake.New(nil, map[string]error{"CreateTags": ec2fake.Err("X")}),
			observed: map[string]string{},
			want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of Elastic IP eipalloc-0123"),
				Calls: []string{"CreateTags"}, Inputs: addTeam}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api, observed: tc.observed}).Update(context.Background(), eip())
			ec2fake.Check(t, tc.reason, tc.api, tc.want, managed.ExternalObservation{}, err, nil, cmpopts.IgnoreUnexported(ec2.CreateTagsInput{}, types.Tag{}))
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *ec2fake.API
		want   error
	}{
		"Success":  {reason: "A released address is done.", api: ec2fake.New(nil, nil)},
		"NotFound": {reason: "An already-released address is success.", api: ec2fake.New(nil, map[string]error{"ReleaseAddress": ec2fake.Err(ec2kit.CodeAllocationNotFound)})},
		"InUse": {
			reason: "An associated address keeps AWS's code, names the association and says that the provider retries.",
			api:    ec2fake.New(nil, map[string]error{"ReleaseAddress": ec2fake.Err("InvalidIPAddress.InUse")}),
			want:   errors.Wrap(ec2fake.Err("InvalidIPAddress.InUse"), "cannot release Elastic IP eipalloc-0123: it is still associated (eipassoc-1); the provider retries"),
		},
		"OtherError": {
			reason: "Other errors are returned with context.",
			api:    ec2fake.New(nil, map[string]error{"ReleaseAddress": ec2fake.Err("X")}),
			want:   errors.Wrap(ec2fake.Err("X"), "cannot release Elastic IP eipalloc-0123"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cr := eip(associated)
			_, err := (&external{api: tc.api}).Delete(context.Background(), cr)
			ec2fake.Check(t, tc.reason, tc.api, ec2fake.Want[*v1alpha1.ElasticIP]{Err: tc.want, Calls: []string{"ReleaseAddress"}, CR: eip(associated, deleting)}, managed.ExternalObservation{}, err, cr)
		})
	}
}
