package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// ec2InternetGateway returns the gateway id in us-east-1, or nil when moto does not know it.
func ec2InternetGateway(ctx context.Context, id string) (*types.InternetGateway, error) {
	out, err := ec2Client("us-east-1").DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{id}})
	if awserr.HasCode(err, "InvalidInternetGatewayID.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(out.InternetGateways) == 0 {
		return nil, nil
	}
	return &out.InternetGateways[0], nil
}

// ec2AttachedVPC returns the VPC a gateway is attached to, or "".
func ec2AttachedVPC(g *types.InternetGateway) string {
	for _, a := range g.Attachments {
		if a.State != types.AttachmentStatusDetached && a.State != types.AttachmentStatusDetaching {
			return aws.ToString(a.VpcId)
		}
	}
	return ""
}

func ec2IGWYAML(name, vpc, tagsYAML string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: InternetGateway
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    vpcIdRef:
      name: %s
%s`, name, vpc, tagsYAML)
}

func TestEC2InternetGatewayLifecycle(t *testing.T) {
	const vpcA, vpcB, name = "e2e-igw-vpc-a", "e2e-igw-vpc-b", "e2e-igw"
	ctx := t.Context()
	objs := apply(t, ec2VPCYAML(vpcA, "us-east-1", "10.60.0.0/16", "")+"---\n"+ec2VPCYAML(vpcB, "us-east-1", "10.61.0.0/16", "")+"---\n"+
		ec2IGWYAML(name, vpcA, "    tags:\n      team: net\n"))
	waitReady(t, readyTimeout, objs...)
	a, b, gw := objs[0], objs[1], objs[2]
	idA, idB, id := ec2ExternalName(t, a), ec2ExternalName(t, b), ec2ExternalName(t, gw)

	g, err := ec2InternetGateway(ctx, id)
	if err != nil || g == nil {
		t.Fatalf("internet gateway %s in moto: %v, %v", id, g, err)
	}
	if got := ec2AttachedVPC(g); got != idA {
		t.Errorf("attached VPC in moto: got %q, want %q", got, idA)
	}
	if tg := ec2Tags(g.Tags); tg["team"] != "net" || tg[tags.KeyManagedBy] != ec2Identity(t, gw) {
		t.Errorf("tags in moto: %v; want team=net and the identity tag", tg)
	}

	// Update: move to the other VPC (detach + attach) and change a tag. A
	// resolved reference is only resolved again with policy resolve: Always.
	apply(t, ec2IGWYAML(name, vpcB, "      policy:\n        resolve: Always\n    tags:\n      team: edge\n"))
	waitFor(t, driftTimeout, "the gateway to move to VPC B", func(ctx context.Context) (bool, error) {
		g, err := ec2InternetGateway(ctx, id)
		if err != nil || g == nil {
			return false, err
		}
		return ec2AttachedVPC(g) == idB && len(g.Attachments) == 1 && ec2Tags(g.Tags)["team"] == "edge", nil
	})
	waitReady(t, readyTimeout, gw)

	// Out-of-band drift: detached in moto, re-attached by the provider.
	if _, err := ec2Client("us-east-1").DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(idB)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the gateway to be re-attached", func(ctx context.Context) (bool, error) {
		g, err := ec2InternetGateway(ctx, id)
		if err != nil || g == nil {
			return false, err
		}
		return ec2AttachedVPC(g) == idB, nil
	})

	// Delete everything at once. (AWS refuses to delete a VPC with an
	// attached gateway, DependencyViolation, and the provider retries; moto
	// 5.2.1's DeleteVpc does not check for gateways, so that refusal is
	// covered by the unit tests and by TestEC2SubnetLifecycle for subnets.)
	// The gateway is detached before it is deleted.
	for _, o := range []*unstructured.Unstructured{b, gw, a} {
		if err := stack.Client.Delete(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	deleteAndWait(t, goneTimeout, gw)
	deleteAndWait(t, goneTimeout, b)
	deleteAndWait(t, goneTimeout, a)
	if g, err := ec2InternetGateway(ctx, id); err != nil || g != nil {
		t.Errorf("internet gateway %s after delete: %v, %v; want gone", id, g, err)
	}
}
