package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// ec2RouteTable returns the table id in us-east-1, or nil when moto does not know it.
func ec2RouteTable(ctx context.Context, id string) (*types.RouteTable, error) {
	out, err := ec2Client("us-east-1").DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{id}})
	if awserr.HasCode(err, "InvalidRouteTableID.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(out.RouteTables) == 0 {
		return nil, nil
	}
	return &out.RouteTables[0], nil
}

// ec2Routes maps a table's non-local destinations to their gateways.
func ec2Routes(rt *types.RouteTable) map[string]string {
	out := map[string]string{}
	for _, r := range rt.Routes {
		if aws.ToString(r.GatewayId) == "local" || r.DestinationCidrBlock == nil {
			continue
		}
		out[aws.ToString(r.DestinationCidrBlock)] = aws.ToString(r.GatewayId)
	}
	return out
}

// ec2Associations maps a table's associated subnets to their association IDs.
func ec2Associations(rt *types.RouteTable) map[string]string {
	out := map[string]string{}
	for _, a := range rt.Associations {
		if a.SubnetId != nil && !aws.ToBool(a.Main) {
			out[aws.ToString(a.SubnetId)] = aws.ToString(a.RouteTableAssociationId)
		}
	}
	return out
}

func ec2RouteTableYAML(name, vpc, igw, extraRoutes, subnetRefs, tagsYAML string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: RouteTable
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    vpcIdRef:
      name: %s
    routes:
      - destinationCidrBlock: 0.0.0.0/0
        gatewayIdRef:
          name: %s
%s    subnetIdRefs:
%s    tags:
%s`, name, vpc, igw, extraRoutes, subnetRefs, tagsYAML)
}

func TestEC2RouteTableLifecycle(t *testing.T) {
	const vpc, name = "e2e-rt-vpc", "e2e-rt"
	ctx := t.Context()
	objs := apply(t, ec2VPCYAML(vpc, "us-east-1", "10.70.0.0/16", "")+"---\n"+
		ec2IGWYAML(vpc, vpc, "")+"---\n"+
		ec2SubnetYAML("e2e-rt-a", vpc, "10.70.1.0/24", "")+"---\n"+
		ec2SubnetYAML("e2e-rt-b", vpc, "10.70.2.0/24", "")+"---\n"+
		ec2RouteTableYAML(name, vpc, vpc, "", "      - name: e2e-rt-a\n", "      tier: public\n"))
	waitReady(t, readyTimeout, objs...)
	igw, subA, subB, rtObj := objs[1], objs[2], objs[3], objs[4]
	igwID, idA, idB, id := ec2ExternalName(t, igw), ec2ExternalName(t, subA), ec2ExternalName(t, subB), ec2ExternalName(t, rtObj)

	rt, err := ec2RouteTable(ctx, id)
	if err != nil || rt == nil {
		t.Fatalf("route table %s in moto: %v, %v", id, rt, err)
	}
	waitFor(t, driftTimeout, "the route and association in moto", func(ctx context.Context) (bool, error) {
		rt, err := ec2RouteTable(ctx, id)
		if err != nil || rt == nil {
			return false, err
		}
		as := ec2Associations(rt)
		_, a := as[idA]
		return ec2Routes(rt)["0.0.0.0/0"] == igwID && a && len(as) == 1, nil
	})
	if tg := ec2Tags(rt.Tags); tg["tier"] != "public" || tg[tags.KeyManagedBy] != ec2Identity(t, rtObj) {
		t.Errorf("tags in moto: %v; want tier=public and the identity tag", tg)
	}

	// Update: another route and the second subnet (references resolved
	// again with policy resolve: Always).
	apply(t, ec2RouteTableYAML(name, vpc, vpc, "      - destinationCidrBlock: 192.168.0.0/16\n        gatewayIdRef:\n          name: "+vpc+"\n",
		"      - name: e2e-rt-a\n        policy:\n          resolve: Always\n      - name: e2e-rt-b\n        policy:\n          resolve: Always\n", "      tier: public\n"))
	waitFor(t, driftTimeout, "the update in moto", func(ctx context.Context) (bool, error) {
		rt, err := ec2RouteTable(ctx, id)
		if err != nil || rt == nil {
			return false, err
		}
		as := ec2Associations(rt)
		_, a := as[idA]
		_, b := as[idB]
		return ec2Routes(rt)["192.168.0.0/16"] == igwID && a && b, nil
	})

	// Out-of-band drift: the default route deleted, subnet B disassociated.
	rt, err = ec2RouteTable(ctx, id)
	if err != nil || rt == nil {
		t.Fatalf("route table %s in moto: %v, %v", id, rt, err)
	}
	c := ec2Client("us-east-1")
	if _, err := c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String("0.0.0.0/0")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(ec2Associations(rt)[idB])}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the drift to be corrected", func(ctx context.Context) (bool, error) {
		rt, err := ec2RouteTable(ctx, id)
		if err != nil || rt == nil {
			return false, err
		}
		_, b := ec2Associations(rt)[idB]
		return ec2Routes(rt)["0.0.0.0/0"] == igwID && b, nil
	})

	// Delete everything at once, in the order written (VPC first).
	for _, o := range objs {
		if err := stack.Client.Delete(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range objs {
		deleteAndWait(t, goneTimeout, o)
	}
	if rt, err := ec2RouteTable(ctx, id); err != nil || rt != nil {
		t.Errorf("route table %s after delete: %v, %v; want gone", id, rt, err)
	}
}

// TestNetworkStackByReference applies examples/stacks/network.yaml, wired
// only by references, checks it in moto, and deletes it all at once.
func TestNetworkStackByReference(t *testing.T) {
	ctx := t.Context()
	objs := applyFile(t, filepath.Join(examplesDir(), "stacks", "network.yaml"))
	waitReady(t, 3*readyTimeout, objs...)
	byName := map[string]*unstructured.Unstructured{}
	for _, o := range objs {
		byName[o.GetKind()+"/"+o.GetName()] = o
	}
	vpcID := ec2ExternalName(t, byName["VPC/kaws-network"])
	igwID := ec2ExternalName(t, byName["InternetGateway/kaws-network"])
	subA, subB := ec2ExternalName(t, byName["Subnet/kaws-network-a"]), ec2ExternalName(t, byName["Subnet/kaws-network-b"])
	rtID := ec2ExternalName(t, byName["RouteTable/kaws-network-public"])
	sgID := ec2ExternalName(t, byName["SecurityGroup/kaws-network-web"])

	// Everything in moto, wired as written.
	for sub, zone := range map[string]string{subA: "us-east-1a", subB: "us-east-1b"} {
		s, err := ec2Subnet(ctx, sub)
		if err != nil || s == nil || aws.ToString(s.VpcId) != vpcID || aws.ToString(s.AvailabilityZone) != zone {
			t.Errorf("subnet %s in moto: %+v, %v; want it in VPC %s, zone %s", sub, s, err, vpcID, zone)
		}
	}
	if g, err := ec2InternetGateway(ctx, igwID); err != nil || g == nil || ec2AttachedVPC(g) != vpcID {
		t.Errorf("internet gateway %s in moto: %+v, %v; want it attached to %s", igwID, g, err, vpcID)
	}
	waitFor(t, driftTimeout, "the route table in moto", func(ctx context.Context) (bool, error) {
		rt, err := ec2RouteTable(ctx, rtID)
		if err != nil || rt == nil {
			return false, err
		}
		as := ec2Associations(rt)
		_, a := as[subA]
		_, b := as[subB]
		return aws.ToString(rt.VpcId) == vpcID && ec2Routes(rt)["0.0.0.0/0"] == igwID && a && b, nil
	})
	if g, err := ec2SecurityGroup(ctx, sgID); err != nil || g == nil || aws.ToString(g.VpcId) != vpcID || !ec2Ranges(g.IpPermissions)["tcp 443-443 0.0.0.0/0"] {
		t.Errorf("security group %s in moto: %+v, %v; want HTTPS ingress in VPC %s", sgID, g, err, vpcID)
	}

	// Delete everything together; AWS's dependency errors are retried.
	for _, o := range objs {
		if err := stack.Client.Delete(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range objs {
		deleteAndWait(t, 3*goneTimeout, o)
	}

	// Nothing left in moto besides the default VPC and its resources.
	c := ec2Client("us-east-1")
	stackTag := []types.Filter{{Name: aws.String("tag:stack"), Values: []string{"kaws-network"}}}
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: stackTag})
	if err != nil || len(vpcs.Vpcs) != 0 {
		t.Errorf("VPCs of the stack left in moto: %v, %v", vpcs, err)
	}
	if v, err := ec2VPC(ctx, "us-east-1", vpcID); err != nil || v != nil {
		t.Errorf("VPC %s after delete: %v, %v; want gone", vpcID, v, err)
	}
	subnets, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil || len(subnets.Subnets) != 0 {
		t.Errorf("subnets of VPC %s left in moto: %d, %v", vpcID, len(subnets.Subnets), err)
	}
	igws, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{Filters: stackTag})
	if err != nil || len(igws.InternetGateways) != 0 {
		t.Errorf("internet gateways of the stack left in moto: %d, %v", len(igws.InternetGateways), err)
	}
	rts, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil || len(rts.RouteTables) != 0 {
		t.Errorf("route tables of VPC %s left in moto: %d, %v", vpcID, len(rts.RouteTables), err)
	}
	sgs, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil || len(sgs.SecurityGroups) != 0 {
		t.Errorf("security groups of VPC %s left in moto: %d, %v", vpcID, len(sgs.SecurityGroups), err)
	}
	all, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all.Vpcs {
		if !aws.ToBool(v.IsDefault) && ec2Tags(v.Tags)[tags.KeyManagedBy] != "" && ec2Tags(v.Tags)["stack"] != "" {
			t.Errorf("VPC %s of the stack left in moto", aws.ToString(v.VpcId))
		}
	}
}
