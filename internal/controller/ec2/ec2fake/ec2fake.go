// Package ec2fake is the recording fake of the EC2 API (ec2kit.API) for the
// unit tests of the EC2 controllers: one method per operation the EC2 kinds
// call, each answered by awsfake.Call from the embedded Recorder.
package ec2fake

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
)

// API answers every EC2 operation from the Recorder's Out and Errs, keyed by
// operation name, and records the calls. DescribeVpcAttribute is keyed by
// "DescribeVpcAttribute:" and the attribute (e.g.
// "DescribeVpcAttribute:enableDnsSupport"), as each attribute is its own read.
type API struct{ awsfake.Recorder }

// New returns a fake that answers from out and fails with errs.
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// Err is an error as the SDK returns it for EC2: HTTP 400 with AWS's code.
func Err(code string) error { return awsfake.APIError("EC2", http.StatusBadRequest, code) }

// Want is what a case of an EC2 kind's table test expects of one call of
// its external client (Observe, Create, Update or Delete) with this fake.
// M is the kind's object type, e.g. *v1alpha1.VPC.
type Want[M any] struct {
	// O is the observation Observe returns; its Diff is not compared, but
	// must be empty exactly when the resource is up to date. Zero for the
	// other calls.
	O managed.ExternalObservation
	// Err is the error the call returns.
	Err error
	// Calls are the EC2 operations called, in order.
	Calls []string
	// Inputs are their inputs, in the same order; not compared when nil
	// (Calls still are).
	Inputs []any
	// CR is the object after the call; not compared when nil.
	CR M
}

// Check reports, with the case's reason, how one call of an external
// client with f differs from want: o and err are what the call returned
// (o is zero but for Observe), cr is the object after the call. opts apply
// to the comparison of inputs (e.g. cmpopts.IgnoreUnexported of the SDK's
// input types).
func Check[M any](t *testing.T, reason string, f *API, want Want[M], o managed.ExternalObservation, err error, cr M, opts ...cmp.Option) {
	t.Helper()
	if diff := cmp.Diff(want.Err, err, test.EquateErrors()); diff != "" {
		t.Errorf("%s\n-want error, +got error:\n%s", reason, diff)
	}
	if diff := cmp.Diff(want.O, o, cmpopts.IgnoreFields(managed.ExternalObservation{}, "Diff")); diff != "" {
		t.Errorf("%s\nobservation: -want, +got:\n%s", reason, diff)
	}
	if o.ResourceExists && (o.Diff == "") != o.ResourceUpToDate {
		t.Errorf("%s\nobservation: Diff %q does not match ResourceUpToDate %v", reason, o.Diff, o.ResourceUpToDate)
	}
	if diff := cmp.Diff(want.Calls, f.Calls); diff != "" {
		t.Errorf("%s\nEC2 calls: -want, +got:\n%s", reason, diff)
	}
	if want.Inputs != nil {
		if diff := cmp.Diff(want.Inputs, f.Sent(), opts...); diff != "" {
			t.Errorf("%s\nEC2 call inputs: -want, +got:\n%s", reason, diff)
		}
	}
	if v := reflect.ValueOf(want.CR); v.IsValid() && !v.IsNil() {
		if diff := cmp.Diff(want.CR, cr, test.EquateConditions()); diff != "" {
			t.Errorf("%s\nobject: -want, +got:\n%s", reason, diff)
		}
	}
}

// DescribeVpcs implements ec2kit.API.
func (f *API) DescribeVpcs(_ context.Context, in *ec2.DescribeVpcsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error) {
	return awsfake.Call[ec2.DescribeVpcsOutput](&f.Recorder, "DescribeVpcs", in)
}

// CreateVpc implements ec2kit.API.
func (f *API) CreateVpc(_ context.Context, in *ec2.CreateVpcInput, _ ...func(*ec2.Options)) (*ec2.CreateVpcOutput, error) {
	return awsfake.Call[ec2.CreateVpcOutput](&f.Recorder, "CreateVpc", in)
}

// DeleteVpc implements ec2kit.API.
func (f *API) DeleteVpc(_ context.Context, in *ec2.DeleteVpcInput, _ ...func(*ec2.Options)) (*ec2.DeleteVpcOutput, error) {
	return awsfake.Call[ec2.DeleteVpcOutput](&f.Recorder, "DeleteVpc", in)
}

// DescribeVpcAttribute implements ec2kit.API.
func (f *API) DescribeVpcAttribute(_ context.Context, in *ec2.DescribeVpcAttributeInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcAttributeOutput, error) {
	return awsfake.Call[ec2.DescribeVpcAttributeOutput](&f.Recorder, "DescribeVpcAttribute:"+string(in.Attribute), in)
}

// ModifyVpcAttribute implements ec2kit.API.
func (f *API) ModifyVpcAttribute(_ context.Context, in *ec2.ModifyVpcAttributeInput, _ ...func(*ec2.Options)) (*ec2.ModifyVpcAttributeOutput, error) {
	return awsfake.Call[ec2.ModifyVpcAttributeOutput](&f.Recorder, "ModifyVpcAttribute", in)
}

// AssociateVpcCidrBlock implements ec2kit.API.
func (f *API) AssociateVpcCidrBlock(_ context.Context, in *ec2.AssociateVpcCidrBlockInput, _ ...func(*ec2.Options)) (*ec2.AssociateVpcCidrBlockOutput, error) {
	return awsfake.Call[ec2.AssociateVpcCidrBlockOutput](&f.Recorder, "AssociateVpcCidrBlock", in)
}

// DisassociateVpcCidrBlock implements ec2kit.API.
func (f *API) DisassociateVpcCidrBlock(_ context.Context, in *ec2.DisassociateVpcCidrBlockInput, _ ...func(*ec2.Options)) (*ec2.DisassociateVpcCidrBlockOutput, error) {
	return awsfake.Call[ec2.DisassociateVpcCidrBlockOutput](&f.Recorder, "DisassociateVpcCidrBlock", in)
}

// DescribeSubnets implements ec2kit.API.
func (f *API) DescribeSubnets(_ context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	return awsfake.Call[ec2.DescribeSubnetsOutput](&f.Recorder, "DescribeSubnets", in)
}

// CreateSubnet implements ec2kit.API.
func (f *API) CreateSubnet(_ context.Context, in *ec2.CreateSubnetInput, _ ...func(*ec2.Options)) (*ec2.CreateSubnetOutput, error) {
	return awsfake.Call[ec2.CreateSubnetOutput](&f.Recorder, "CreateSubnet", in)
}

// DeleteSubnet implements ec2kit.API.
func (f *API) DeleteSubnet(_ context.Context, in *ec2.DeleteSubnetInput, _ ...func(*ec2.Options)) (*ec2.DeleteSubnetOutput, error) {
	return awsfake.Call[ec2.DeleteSubnetOutput](&f.Recorder, "DeleteSubnet", in)
}

// ModifySubnetAttribute implements ec2kit.API.
func (f *API) ModifySubnetAttribute(_ context.Context, in *ec2.ModifySubnetAttributeInput, _ ...func(*ec2.Options)) (*ec2.ModifySubnetAttributeOutput, error) {
	return awsfake.Call[ec2.ModifySubnetAttributeOutput](&f.Recorder, "ModifySubnetAttribute", in)
}

// DescribeSecurityGroups implements ec2kit.API.
func (f *API) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	return awsfake.Call[ec2.DescribeSecurityGroupsOutput](&f.Recorder, "DescribeSecurityGroups", in)
}

// CreateSecurityGroup implements ec2kit.API.
func (f *API) CreateSecurityGroup(_ context.Context, in *ec2.CreateSecurityGroupInput, _ ...func(*ec2.Options)) (*ec2.CreateSecurityGroupOutput, error) {
	return awsfake.Call[ec2.CreateSecurityGroupOutput](&f.Recorder, "CreateSecurityGroup", in)
}

// DeleteSecurityGroup implements ec2kit.API.
func (f *API) DeleteSecurityGroup(_ context.Context, in *ec2.DeleteSecurityGroupInput, _ ...func(*ec2.Options)) (*ec2.DeleteSecurityGroupOutput, error) {
	return awsfake.Call[ec2.DeleteSecurityGroupOutput](&f.Recorder, "DeleteSecurityGroup", in)
}

// AuthorizeSecurityGroupIngress implements ec2kit.API.
func (f *API) AuthorizeSecurityGroupIngress(_ context.Context, in *ec2.AuthorizeSecurityGroupIngressInput, _ ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupIngressOutput, error) {
	return awsfake.Call[ec2.AuthorizeSecurityGroupIngressOutput](&f.Recorder, "AuthorizeSecurityGroupIngress", in)
}

// RevokeSecurityGroupIngress implements ec2kit.API.
func (f *API) RevokeSecurityGroupIngress(_ context.Context, in *ec2.RevokeSecurityGroupIngressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error) {
	return awsfake.Call[ec2.RevokeSecurityGroupIngressOutput](&f.Recorder, "RevokeSecurityGroupIngress", in)
}

// UpdateSecurityGroupRuleDescriptionsIngress implements ec2kit.API.
func (f *API) UpdateSecurityGroupRuleDescriptionsIngress(_ context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsIngressInput, _ ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput, error) {
	return awsfake.Call[ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput](&f.Recorder, "UpdateSecurityGroupRuleDescriptionsIngress", in)
}

// UpdateSecurityGroupRuleDescriptionsEgress implements ec2kit.API.
func (f *API) UpdateSecurityGroupRuleDescriptionsEgress(_ context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsEgressInput, _ ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsEgressOutput, error) {
	return awsfake.Call[ec2.UpdateSecurityGroupRuleDescriptionsEgressOutput](&f.Recorder, "UpdateSecurityGroupRuleDescriptionsEgress", in)
}

// AuthorizeSecurityGroupEgress implements ec2kit.API.
func (f *API) AuthorizeSecurityGroupEgress(_ context.Context, in *ec2.AuthorizeSecurityGroupEgressInput, _ ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupEgressOutput, error) {
	return awsfake.Call[ec2.AuthorizeSecurityGroupEgressOutput](&f.Recorder, "AuthorizeSecurityGroupEgress", in)
}

// RevokeSecurityGroupEgress implements ec2kit.API.
func (f *API) RevokeSecurityGroupEgress(_ context.Context, in *ec2.RevokeSecurityGroupEgressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error) {
	return awsfake.Call[ec2.RevokeSecurityGroupEgressOutput](&f.Recorder, "RevokeSecurityGroupEgress", in)
}

// DescribeInternetGateways implements ec2kit.API.
func (f *API) DescribeInternetGateways(_ context.Context, in *ec2.DescribeInternetGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeInternetGatewaysOutput, error) {
	return awsfake.Call[ec2.DescribeInternetGatewaysOutput](&f.Recorder, "DescribeInternetGateways", in)
}

// CreateInternetGateway implements ec2kit.API.
func (f *API) CreateInternetGateway(_ context.Context, in *ec2.CreateInternetGatewayInput, _ ...func(*ec2.Options)) (*ec2.CreateInternetGatewayOutput, error) {
	return awsfake.Call[ec2.CreateInternetGatewayOutput](&f.Recorder, "CreateInternetGateway", in)
}

// DeleteInternetGateway implements ec2kit.API.
func (f *API) DeleteInternetGateway(_ context.Context, in *ec2.DeleteInternetGatewayInput, _ ...func(*ec2.Options)) (*ec2.DeleteInternetGatewayOutput, error) {
	return awsfake.Call[ec2.DeleteInternetGatewayOutput](&f.Recorder, "DeleteInternetGateway", in)
}

// AttachInternetGateway implements ec2kit.API.
func (f *API) AttachInternetGateway(_ context.Context, in *ec2.AttachInternetGatewayInput, _ ...func(*ec2.Options)) (*ec2.AttachInternetGatewayOutput, error) {
	return awsfake.Call[ec2.AttachInternetGatewayOutput](&f.Recorder, "AttachInternetGateway", in)
}

// DetachInternetGateway implements ec2kit.API.
func (f *API) DetachInternetGateway(_ context.Context, in *ec2.DetachInternetGatewayInput, _ ...func(*ec2.Options)) (*ec2.DetachInternetGatewayOutput, error) {
	return awsfake.Call[ec2.DetachInternetGatewayOutput](&f.Recorder, "DetachInternetGateway", in)
}

// DescribeRouteTables implements ec2kit.API.
func (f *API) DescribeRouteTables(_ context.Context, in *ec2.DescribeRouteTablesInput, _ ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	return awsfake.Call[ec2.DescribeRouteTablesOutput](&f.Recorder, "DescribeRouteTables", in)
}

// CreateRouteTable implements ec2kit.API.
func (f *API) CreateRouteTable(_ context.Context, in *ec2.CreateRouteTableInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteTableOutput, error) {
	return awsfake.Call[ec2.CreateRouteTableOutput](&f.Recorder, "CreateRouteTable", in)
}

// DeleteRouteTable implements ec2kit.API.
func (f *API) DeleteRouteTable(_ context.Context, in *ec2.DeleteRouteTableInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteTableOutput, error) {
	return awsfake.Call[ec2.DeleteRouteTableOutput](&f.Recorder, "DeleteRouteTable", in)
}

// CreateRoute implements ec2kit.API.
func (f *API) CreateRoute(_ context.Context, in *ec2.CreateRouteInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	return awsfake.Call[ec2.CreateRouteOutput](&f.Recorder, "CreateRoute", in)
}

// ReplaceRoute implements ec2kit.API.
func (f *API) ReplaceRoute(_ context.Context, in *ec2.ReplaceRouteInput, _ ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	return awsfake.Call[ec2.ReplaceRouteOutput](&f.Recorder, "ReplaceRoute", in)
}

// DeleteRoute implements ec2kit.API.
func (f *API) DeleteRoute(_ context.Context, in *ec2.DeleteRouteInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	return awsfake.Call[ec2.DeleteRouteOutput](&f.Recorder, "DeleteRoute", in)
}

// AssociateRouteTable implements ec2kit.API.
func (f *API) AssociateRouteTable(_ context.Context, in *ec2.AssociateRouteTableInput, _ ...func(*ec2.Options)) (*ec2.AssociateRouteTableOutput, error) {
	return awsfake.Call[ec2.AssociateRouteTableOutput](&f.Recorder, "AssociateRouteTable", in)
}

// DisassociateRouteTable implements ec2kit.API.
func (f *API) DisassociateRouteTable(_ context.Context, in *ec2.DisassociateRouteTableInput, _ ...func(*ec2.Options)) (*ec2.DisassociateRouteTableOutput, error) {
	return awsfake.Call[ec2.DisassociateRouteTableOutput](&f.Recorder, "DisassociateRouteTable", in)
}

// DescribeAddresses implements ec2kit.API.
func (f *API) DescribeAddresses(_ context.Context, in *ec2.DescribeAddressesInput, _ ...func(*ec2.Options)) (*ec2.DescribeAddressesOutput, error) {
	return awsfake.Call[ec2.DescribeAddressesOutput](&f.Recorder, "DescribeAddresses", in)
}

// AllocateAddress implements ec2kit.API.
func (f *API) AllocateAddress(_ context.Context, in *ec2.AllocateAddressInput, _ ...func(*ec2.Options)) (*ec2.AllocateAddressOutput, error) {
	return awsfake.Call[ec2.AllocateAddressOutput](&f.Recorder, "AllocateAddress", in)
}

// ReleaseAddress implements ec2kit.API.
func (f *API) ReleaseAddress(_ context.Context, in *ec2.ReleaseAddressInput, _ ...func(*ec2.Options)) (*ec2.ReleaseAddressOutput, error) {
	return awsfake.Call[ec2.ReleaseAddressOutput](&f.Recorder, "ReleaseAddress", in)
}

// DescribeNatGateways implements ec2kit.API.
func (f *API) DescribeNatGateways(_ context.Context, in *ec2.DescribeNatGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	return awsfake.Call[ec2.DescribeNatGatewaysOutput](&f.Recorder, "DescribeNatGateways", in)
}

// CreateNatGateway implements ec2kit.API.
func (f *API) CreateNatGateway(_ context.Context, in *ec2.CreateNatGatewayInput, _ ...func(*ec2.Options)) (*ec2.CreateNatGatewayOutput, error) {
	return awsfake.Call[ec2.CreateNatGatewayOutput](&f.Recorder, "CreateNatGateway", in)
}

// DeleteNatGateway implements ec2kit.API.
func (f *API) DeleteNatGateway(_ context.Context, in *ec2.DeleteNatGatewayInput, _ ...func(*ec2.Options)) (*ec2.DeleteNatGatewayOutput, error) {
	return awsfake.Call[ec2.DeleteNatGatewayOutput](&f.Recorder, "DeleteNatGateway", in)
}

// CreateTags implements ec2kit.API.
func (f *API) CreateTags(_ context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	return awsfake.Call[ec2.CreateTagsOutput](&f.Recorder, "CreateTags", in)
}

// DeleteTags implements ec2kit.API.
func (f *API) DeleteTags(_ context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	return awsfake.Call[ec2.DeleteTagsOutput](&f.Recorder, "DeleteTags", in)
}
