package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/cluster/local"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// ec2Client returns an EC2 client for moto in region.
func ec2Client(region string) *ec2.Client { return ec2.NewFromConfig(stack.AWSConfig(region)) }

// ec2ExternalName returns the current external name of o.
func ec2ExternalName(t *testing.T, o *unstructured.Unstructured) string {
	t.Helper()
	return get(t, o).GetAnnotations()["crossplane.io/external-name"]
}

// ec2Identity returns the identity tag value of o: namespace/name/uid.
func ec2Identity(t *testing.T, o *unstructured.Unstructured) string {
	t.Helper()
	cur := get(t, o)
	return cur.GetNamespace() + "/" + cur.GetName() + "/" + string(cur.GetUID())
}

// ec2Condition returns the status and message of the condition typ of o.
func ec2Condition(ctx context.Context, o *unstructured.Unstructured, typ string) (status, message string, err error) {
	cur, err := stack.Get(ctx, o)
	if err != nil {
		return "", "", err
	}
	conds, _, _ := unstructured.NestedSlice(cur.Object, "status", "conditions")
	for _, c := range conds {
		m, ok := c.(map[string]any)
		if !ok || m["type"] != typ {
			continue
		}
		s, _ := m["status"].(string)
		msg, _ := m["message"].(string)
		return s, msg, nil
	}
	return "", "", nil
}

// ec2WaitSyncedFalse waits until o is Synced=False with a message holding
// every one of parts, and returns that message.
func ec2WaitSyncedFalse(t *testing.T, o *unstructured.Unstructured, parts ...string) string {
	t.Helper()
	var last string
	waitFor(t, readyTimeout, local.Describe(o)+" Synced=False with "+strings.Join(parts, ", "), func(ctx context.Context) (bool, error) {
		s, msg, err := ec2Condition(ctx, o, "Synced")
		if err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		last = msg
		if s != "False" {
			return false, nil
		}
		for _, p := range parts {
			if !strings.Contains(msg, p) {
				return false, nil
			}
		}
		return true, nil
	})
	return last
}

// ec2VPC returns the VPC id in region, or nil when moto does not know it.
func ec2VPC(ctx context.Context, region, id string) (*types.Vpc, error) {
	out, err := ec2Client(region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	if awserr.HasCode(err, "InvalidVpcID.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(out.Vpcs) == 0 {
		return nil, nil
	}
	return &out.Vpcs[0], nil
}

// ec2VPCsTagged returns the VPCs in region that carry the identity tag value.
func ec2VPCsTagged(ctx context.Context, region, identity string) ([]types.Vpc, error) {
	out, err := ec2Client(region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{
		{Name: aws.String("tag:" + tags.KeyManagedBy), Values: []string{identity}}}})
	if err != nil {
		return nil, err
	}
	return out.Vpcs, nil
}

// ec2VPCsWithCIDR returns the VPCs in region whose primary range is cidr.
func ec2VPCsWithCIDR(ctx context.Context, region, cidr string) ([]types.Vpc, error) {
	out, err := ec2Client(region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{
		{Name: aws.String("cidr"), Values: []string{cidr}}}})
	if err != nil {
		return nil, err
	}
	return out.Vpcs, nil
}

// ec2Subnet returns the subnet id in us-east-1, or nil when moto does not know it.
func ec2Subnet(ctx context.Context, id string) (*types.Subnet, error) {
	out, err := ec2Client("us-east-1").DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{id}})
	if awserr.HasCode(err, "InvalidSubnetID.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(out.Subnets) == 0 {
		return nil, nil
	}
	return &out.Subnets[0], nil
}

func ec2Tags(ts []types.Tag) map[string]string {
	out := map[string]string{}
	for _, t := range ts {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

// ec2DNSHostnames returns the enableDnsHostnames attribute of a VPC.
func ec2DNSHostnames(ctx context.Context, id string) (bool, error) {
	out, err := ec2Client("us-east-1").DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: types.VpcAttributeNameEnableDnsHostnames})
	if err != nil {
		return false, err
	}
	return aws.ToBool(out.EnableDnsHostnames.Value), nil
}

func unstructuredString(o *unstructured.Unstructured, fields ...string) (string, bool, error) {
	return unstructured.NestedString(o.Object, fields...)
}
