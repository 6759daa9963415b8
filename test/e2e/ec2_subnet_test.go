package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// ec2SubnetYAML is a Subnet manifest whose VPC is referenced by name.
func ec2SubnetYAML(name, vpc, cidr, extra string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    vpcIdRef:
      name: %s
    cidrBlock: %s
%s`, name, vpc, cidr, extra)
}

func TestEC2SubnetLifecycle(t *testing.T) {
	const vpcName, name = "e2e-subnet-vpc", "e2e-subnet"
	ctx := t.Context()
	objs := apply(t, ec2VPCYAML(vpcName, "us-east-1", "10.20.0.0/16", "")+"---\n"+ec2SubnetYAML(name, vpcName, "10.20.1.0/24", `    availabilityZone: us-east-1a
    tags:
      tier: app
`))
	waitReady(t, readyTimeout, objs...)
	vpc, subnet := objs[0], objs[1]
	vpcID, id := ec2ExternalName(t, vpc), ec2ExternalName(t, subnet)

	// Created in moto as written, in the referenced VPC, with the identity tag.
	s, err := ec2Subnet(ctx, id)
	if err != nil || s == nil {
		t.Fatalf("subnet %s in moto: %v, %v", id, s, err)
	}
	if aws.ToString(s.VpcId) != vpcID || aws.ToString(s.CidrBlock) != "10.20.1.0/24" || aws.ToString(s.AvailabilityZone) != "us-east-1a" {
		t.Errorf("subnet in moto: VPC %s, CIDR %s, zone %s; want %s, 10.20.1.0/24, us-east-1a", aws.ToString(s.VpcId), aws.ToString(s.CidrBlock), aws.ToString(s.AvailabilityZone), vpcID)
	}
	if tg := ec2Tags(s.Tags); tg["tier"] != "app" || tg[tags.KeyManagedBy] != ec2Identity(t, subnet) {
		t.Errorf("subnet tags in moto: %v; want tier=app and the identity tag", tg)
	}
	if got, _, _ := unstructuredString(get(t, subnet), "spec", "forProvider", "vpcId"); got != vpcID {
		t.Errorf("spec.forProvider.vpcId: got %q, want the referenced VPC %q", got, vpcID)
	}

	// Update: public IPs on launch and a tag.
	apply(t, ec2SubnetYAML(name, vpcName, "10.20.1.0/24", `    availabilityZone: us-east-1a
    mapPublicIpOnLaunch: true
    tags:
      tier: web
`))
	waitFor(t, driftTimeout, "the update in moto", func(ctx context.Context) (bool, error) {
		s, err := ec2Subnet(ctx, id)
		if err != nil || s == nil {
			return false, err
		}
		return aws.ToBool(s.MapPublicIpOnLaunch) && ec2Tags(s.Tags)["tier"] == "web", nil
	})

	// Out-of-band drift is corrected.
	if _, err := ec2Client("us-east-1").ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: aws.String(id),
		MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the drift to be corrected", func(ctx context.Context) (bool, error) {
		s, err := ec2Subnet(ctx, id)
		if err != nil || s == nil {
			return false, err
		}
		return aws.ToBool(s.MapPublicIpOnLaunch), nil
	})

	// The zone is immutable.
	if _, err := stack.Apply(ctx, []byte(ec2SubnetYAML(name, vpcName, "10.20.1.0/24", "    availabilityZone: us-east-1b\n")), false); err == nil {
		t.Errorf("changing availabilityZone: got no error, want the CEL rule's")
	}

	// A range outside the VPC surfaces AWS's code in Synced=False.
	bad := apply(t, ec2SubnetYAML("e2e-subnet-outside", vpcName, "10.99.1.0/24", ""))[0]
	ec2WaitSyncedFalse(t, bad, "InvalidSubnet.Range")
	deleteAndWait(t, goneTimeout, bad)

	// Deleting the VPC first: AWS refuses while the subnet exists, the
	// condition says so, and the provider retries until the subnet is gone.
	if err := stack.Client.Delete(ctx, vpc); err != nil {
		t.Fatal(err)
	}
	ec2WaitSyncedFalse(t, vpc, "DependencyViolation", "other resources still depend on it")
	deleteAndWait(t, goneTimeout, subnet)
	deleteAndWait(t, goneTimeout, vpc)
	if s, err := ec2Subnet(ctx, id); err != nil || s != nil {
		t.Errorf("subnet %s after delete: %v, %v; want gone", id, s, err)
	}
	if v, err := ec2VPC(ctx, "us-east-1", vpcID); err != nil || v != nil {
		t.Errorf("VPC %s after delete: %v, %v; want gone", vpcID, v, err)
	}
}
