package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// ec2NATGateway returns the gateway id in us-east-1, or nil when moto does
// not know it or reports it deleted.
func ec2NATGateway(ctx context.Context, id string) (*types.NatGateway, error) {
	out, err := ec2Client("us-east-1").DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}})
	if awserr.HasCode(err, "NatGatewayNotFound", "InvalidNatGatewayID.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(out.NatGateways) == 0 || out.NatGateways[0].State == types.NatGatewayStateDeleted {
		return nil, nil
	}
	return &out.NatGateways[0], nil
}

func ec2NATYAML(name, subnet, eip, tagsYAML string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: NATGateway
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    subnetIdRef:
      name: %s
    allocationIdRef:
      name: %s
    tags:
%s`, name, subnet, eip, tagsYAML)
}

func TestEC2NATGatewayLifecycle(t *testing.T) {
	const vpc, name = "e2e-nat-vpc", "e2e-nat"
	ctx := t.Context()
	private := fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: RouteTable
metadata:
  name: e2e-nat-private
  namespace: default
spec:
  forProvider:
    region: us-east-1
    vpcIdRef:
      name: %s
    routes:
      - destinationCidrBlock: 0.0.0.0/0
        natGatewayIdRef:
          name: %s
    subnetIdRefs:
      - name: e2e-nat-private
`, vpc, name)
	objs := apply(t, strings.Join([]string{
		ec2VPCYAML(vpc, "us-east-1", "10.80.0.0/16", ""),
		ec2IGWYAML(vpc, vpc, ""),
		ec2SubnetYAML("e2e-nat-public", vpc, "10.80.1.0/24", ""),
		ec2SubnetYAML("e2e-nat-private", vpc, "10.80.2.0/24", ""),
		ec2EIPYAML(name, "      team: net\n"),
		ec2NATYAML(name, "e2e-nat-public", name, "      team: net\n"),
		private,
	}, "---\n"))
	waitReady(t, readyTimeout, objs...)
	eip, natObj, rtObj := objs[4], objs[5], objs[6]
	allocID, id, rtID := ec2ExternalName(t, eip), ec2ExternalName(t, natObj), ec2ExternalName(t, rtObj)
	publicSubnet := ec2ExternalName(t, objs[2])

	g, err := ec2NATGateway(ctx, id)
	if err != nil || g == nil {
		t.Fatalf("NAT gateway %s in moto: %v, %v", id, g, err)
	}
	if aws.ToString(g.SubnetId) != publicSubnet || len(g.NatGatewayAddresses) == 0 || aws.ToString(g.NatGatewayAddresses[0].AllocationId) != allocID {
		t.Errorf("NAT gateway in moto: subnet %s, addresses %+v; want subnet %s with allocation %s", aws.ToString(g.SubnetId), g.NatGatewayAddresses, publicSubnet, allocID)
	}
	if tg := ec2Tags(g.Tags); tg["team"] != "net" || tg[tags.KeyManagedBy] != ec2Identity(t, natObj) {
		t.Errorf("tags in moto: %v; want team=net and the identity tag", tg)
	}
	waitFor(t, driftTimeout, "the private route to the NAT gateway", func(ctx context.Context) (bool, error) {
		out, err := ec2Client("us-east-1").DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rtID}})
		if err != nil || len(out.RouteTables) == 0 {
			return false, err
		}
		for _, r := range out.RouteTables[0].Routes {
			if aws.ToString(r.DestinationCidrBlock) == "0.0.0.0/0" && aws.ToString(r.NatGatewayId) == id {
				return true, nil
			}
		}
		return false, nil
	})

	// Update a tag, then remove it out of band: restored.
	apply(t, ec2NATYAML(name, "e2e-nat-public", name, "      team: edge\n"))
	waitFor(t, driftTimeout, "the update in moto", func(ctx context.Context) (bool, error) {
		g, err := ec2NATGateway(ctx, id)
		if err != nil || g == nil {
			return false, err
		}
		return ec2Tags(g.Tags)["team"] == "edge", nil
	})
	if _, err := ec2Client("us-east-1").DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("team")}}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the drift to be corrected", func(ctx context.Context) (bool, error) {
		g, err := ec2NATGateway(ctx, id)
		if err != nil || g == nil {
			return false, err
		}
		return ec2Tags(g.Tags)["team"] == "edge", nil
	})

	// Delete everything at once; the deleted gateway counts as gone.
	for _, o := range objs {
		if err := stack.Client.Delete(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range objs {
		deleteAndWait(t, goneTimeout, o)
	}
	if g, err := ec2NATGateway(ctx, id); err != nil || g != nil {
		t.Errorf("NAT gateway %s after delete: %+v, %v; want deleted", id, g, err)
	}
	if a, err := ec2Address(ctx, allocID); err != nil || a != nil {
		t.Errorf("Elastic IP %s after delete: %v, %v; want released", allocID, a, err)
	}
}
