package elasticip

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
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
		Tags: ec2fake.Tags("team", "net", tags.KeyManagedBy, identity)}
	for _, f := range m {
		f(&a)
	}
	return a
}

func describe(a ...types.Address) map[string]any {
	return map[string]any{"DescribeAddresses": &ec2.DescribeAddressesOutput{Addresses: a}}
}

// kind is what the cases every EC2 kind's tests share need to know.
var kind = ec2fake.Kind[*v1alpha1.ElasticIP, map[string]string]{What: "Elastic IP", ID: allocID, NotFound: ec2kit.CodeAllocationNotFound, New: func() *v1alpha1.ElasticIP { return eip() },
	Client: func(api *ec2fake.API, o map[string]string) mr.External[*v1alpha1.ElasticIP] {
		return &external{api: api, observed: o}
	}}

type tcase = ec2fake.Case[*v1alpha1.ElasticIP, map[string]string]

func TestLookup(t *testing.T) {
	kind.TestLookup(t, "DescribeAddresses")
}

func TestObserve(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.ElasticIP]
	one := []string{"DescribeAddresses"}
	ec2fake.Run(t, kind.Observe, map[string]tcase{
		"NoExternalNameAdoptsTagged": {
			Reason: "An address allocated before a crash is found by its identity tag; its ID is recorded and saved.",
			API:    ec2fake.New(describe(awsEIP()), nil), CR: eip(noExternalName),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one, CR: eip(observed)},
		},
		"UpToDate": {
			Reason: "An address with the spec's tags is up to date; the identity tag does not count.",
			API:    ec2fake.New(describe(awsEIP()), nil), CR: eip(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, Calls: one, CR: eip(observed)},
		},
		"LateInitialize": {
			Reason: "Domain and tags are late-initialized (the region is mr's).",
			API:    ec2fake.New(describe(awsEIP()), nil), CR: eip(func(a *v1alpha1.ElasticIP) { a.Spec.ForProvider = v1alpha1.ElasticIPParameters{} }),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: one,
				CR: eip(observed, func(a *v1alpha1.ElasticIP) { a.Spec.ForProvider.Region = nil })},
		},
		"TagDrift": {
			Reason: "A tag removed out of band is drift; the association is reported.",
			API: ec2fake.New(describe(awsEIP(func(a *types.Address) {
				a.Tags = a.Tags[1:]
				a.AssociationId, a.NetworkInterfaceId = aws.String("eipassoc-1"), aws.String("eni-1")
			})), nil),
			CR: eip(),
			Want: want{O: managed.ExternalObservation{ResourceExists: true}, Calls: one, CR: eip(observed, func(a *v1alpha1.ElasticIP) {
				a.Status.AtProvider.AssociationID, a.Status.AtProvider.NetworkInterfaceID = "eipassoc-1", "eni-1"
			})},
		},
	})
}

func TestCreate(t *testing.T) {
	input := &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc, TagSpecifications: ec2fake.TagSpecs(types.ResourceTypeElasticIp, tags.KeyManagedBy, identity, "team", "net")}
	ec2fake.Run(t, kind.Create, map[string]tcase{
		"Success": {
			CR:     eip(noExternalName),
			Reason: "The allocation ID becomes the external name.",
			API:    ec2fake.New(map[string]any{"AllocateAddress": &ec2.AllocateAddressOutput{AllocationId: aws.String(allocID)}}, nil),
			Want:   ec2fake.Want[*v1alpha1.ElasticIP]{Calls: []string{"AllocateAddress"}, Inputs: []any{input}, CR: eip()},
		},
		"Error": {
			CR:     eip(noExternalName),
			Reason: "A failed allocation keeps AWS's code.",
			API:    ec2fake.Fails("AllocateAddress", "AddressLimitExceeded"),
			Want: ec2fake.Want[*v1alpha1.ElasticIP]{Err: errors.Wrap(ec2fake.Err("AddressLimitExceeded"), "cannot allocate Elastic IP"),
				Calls: []string{"AllocateAddress"}, Inputs: []any{input}, CR: eip(noExternalName)},
		},
	})
}

func TestNotObserved(t *testing.T) { kind.TestNotObserved(t) }

func TestUpdate(t *testing.T) {
	type want = ec2fake.Want[*v1alpha1.ElasticIP]
	addTeam := []any{&ec2.CreateTagsInput{Resources: []string{allocID}, Tags: ec2fake.Tags("team", "net")}}
	ec2fake.Run(t, kind.Update, map[string]tcase{
		"NothingDiffers": {Reason: "No writes when the tags match.", API: ec2fake.New(nil, nil), CR: eip(),
			Observed: map[string]string{"team": "net", tags.KeyManagedBy: identity}},
		"Tags": {Reason: "Changed tags are written.", API: ec2fake.New(nil, nil), CR: eip(),
			Observed: map[string]string{tags.KeyManagedBy: identity}, Want: want{Calls: []string{"CreateTags"}, Inputs: addTeam}},
		"TagsError": {Reason: "A failed tag change is returned with context.", API: ec2fake.Fails("CreateTags", "X"), CR: eip(),
			Observed: map[string]string{},
			Want: want{Err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of Elastic IP eipalloc-0123"),
				Calls: []string{"CreateTags"}, Inputs: addTeam}},
	})
}

func TestDelete(t *testing.T) {
	want := func(err error) ec2fake.Want[*v1alpha1.ElasticIP] {
		return ec2fake.Want[*v1alpha1.ElasticIP]{Err: err, Calls: []string{"ReleaseAddress"}, CR: eip(associated, deleting)}
	}
	ec2fake.Run(t, kind.Delete, map[string]tcase{
		"Success":  {Reason: "A released address is done.", API: ec2fake.New(nil, nil), CR: eip(associated), Want: want(nil)},
		"NotFound": {Reason: "An already-released address is success.", API: ec2fake.Fails("ReleaseAddress", ec2kit.CodeAllocationNotFound), CR: eip(associated), Want: want(nil)},
		"InUse": {
			Reason: "An associated address keeps AWS's code, names the association and says that the provider retries.",
			API:    ec2fake.Fails("ReleaseAddress", "InvalidIPAddress.InUse"),
			CR:     eip(associated),
			Want:   want(errors.Wrap(ec2fake.Err("InvalidIPAddress.InUse"), "cannot release Elastic IP eipalloc-0123: it is still associated (eipassoc-1); the provider retries")),
		},
		"OtherError": {
			Reason: "Other errors are returned with context.",
			API:    ec2fake.Fails("ReleaseAddress", "X"),
			CR:     eip(associated),
			Want:   want(errors.Wrap(ec2fake.Err("X"), "cannot release Elastic IP eipalloc-0123")),
		},
	})
}
