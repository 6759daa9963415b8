package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// ec2SecurityGroup returns the group id in us-east-1, or nil when moto does not know it.
func ec2SecurityGroup(ctx context.Context, id string) (*types.SecurityGroup, error) {
	out, err := ec2Client("us-east-1").DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
	if awserr.HasCode(err, "InvalidGroup.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(out.SecurityGroups) == 0 {
		return nil, nil
	}
	return &out.SecurityGroups[0], nil
}

// ec2Ranges flattens permissions to "proto from-to cidr" strings.
func ec2Ranges(ps []types.IpPermission) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		for _, r := range p.IpRanges {
			out[fmt.Sprintf("%s %d-%d %s", aws.ToString(p.IpProtocol), aws.ToInt32(p.FromPort), aws.ToInt32(p.ToPort), aws.ToString(r.CidrIp))] = true
		}
	}
	return out
}

// ec2GroupSources flattens permissions that name security groups to
// "proto from-to sg-id" strings.
func ec2GroupSources(ps []types.IpPermission) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		for _, g := range p.UserIdGroupPairs {
			out[fmt.Sprintf("%s %d-%d %s", aws.ToString(p.IpProtocol), aws.ToInt32(p.FromPort), aws.ToInt32(p.ToPort), aws.ToString(g.GroupId))] = true
		}
	}
	return out
}

func ec2SGYAML(name, vpc, rules string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: SecurityGroup
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    vpcIdRef:
      name: %s
    groupName: %s
    description: e2e web servers
%s`, name, vpc, name, rules)
}

func TestEC2SecurityGroupLifecycle(t *testing.T) {
	const vpcName, name = "e2e-sg-vpc", "e2e-sg"
	ctx := t.Context()
	objs := apply(t, ec2VPCYAML(vpcName, "us-east-1", "10.50.0.0/16", "")+"---\n"+ec2SGYAML(name, vpcName, `    ingress:
      - ipProtocol: tcp
        fromPort: 443
        toPort: 443
        cidrBlocks: [10.0.0.0/8, 192.168.0.0/16]
    egress: []
    tags:
      tier: web
`))
	waitReady(t, readyTimeout, objs...)
	vpc, sg := objs[0], objs[1]
	vpcID, id := ec2ExternalName(t, vpc), ec2ExternalName(t, sg)

	// Created in moto: in the VPC, with the identity tag, the two ingress
	// ranges, and no egress rule (AWS's default one was revoked).
	waitFor(t, driftTimeout, "the rules in moto", func(ctx context.Context) (bool, error) {
		g, err := ec2SecurityGroup(ctx, id)
		if err != nil || g == nil {
			return false, err
		}
		in := ec2Ranges(g.IpPermissions)
		return len(in) == 2 && in["tcp 443-443 10.0.0.0/8"] && in["tcp 443-443 192.168.0.0/16"] && len(ec2Ranges(g.IpPermissionsEgress)) == 0, nil
	})
	g, err := ec2SecurityGroup(ctx, id)
	if err != nil || g == nil {
		t.Fatalf("security group %s in moto: %v, %v", id, g, err)
	}
	if aws.ToString(g.VpcId) != vpcID || ec2Tags(g.Tags)[tags.KeyManagedBy] != ec2Identity(t, sg) || ec2Tags(g.Tags)["tier"] != "web" {
		t.Errorf("security group in moto: VPC %s, tags %v; want VPC %s, tier=web and the identity tag", aws.ToString(g.VpcId), ec2Tags(g.Tags), vpcID)
	}

	// Update: one range replaced, an egress rule added, in another order.
	apply(t, ec2SGYAML(name, vpcName, `    ingress:
      - ipProtocol: tcp
        fromPort: 443
        toPort: 443
        cidrBlocks: [172.16.0.0/12, 10.0.0.0/8]
    egress:
      - ipProtocol: tcp
        fromPort: 5432
        toPort: 5432
        cidrBlocks: [10.50.0.0/16]
    tags:
      tier: web
`))
	waitFor(t, driftTimeout, "the update in moto", func(ctx context.Context) (bool, error) {
		g, err := ec2SecurityGroup(ctx, id)
		if err != nil || g == nil {
			return false, err
		}
		in, out := ec2Ranges(g.IpPermissions), ec2Ranges(g.IpPermissionsEgress)
		return len(in) == 2 && in["tcp 443-443 10.0.0.0/8"] && in["tcp 443-443 172.16.0.0/12"] && len(out) == 1 && out["tcp 5432-5432 10.50.0.0/16"], nil
	})

	// Out-of-band drift: a rule added in moto is revoked, a tag removed is restored.
	c := ec2Client("us-east-1")
	if _, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(id), IpPermissions: []types.IpPermission{
		{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("tier")}}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the drift to be corrected", func(ctx context.Context) (bool, error) {
		g, err := ec2SecurityGroup(ctx, id)
		if err != nil || g == nil {
			return false, err
		}
		in := ec2Ranges(g.IpPermissions)
		return len(in) == 2 && !in["tcp 22-22 0.0.0.0/0"] && ec2Tags(g.Tags)["tier"] == "web", nil
	})

	// Immutable and invalid fields are rejected at admission.
	if _, err := stack.Apply(ctx, []byte(strings.Replace(ec2SGYAML(name, vpcName, ""), "e2e web servers", "other", 1)), false); err == nil || !strings.Contains(err.Error(), "description is immutable") {
		t.Errorf("changing description: got %v, want the immutability message", err)
	}
	if _, err := stack.Apply(ctx, []byte(ec2SGYAML("e2e-sg-bad", vpcName, `    ingress:
      - ipProtocol: tcp
        cidrBlocks: [10.0.0.0/8]
`)), true); err == nil || !strings.Contains(err.Error(), "need fromPort and toPort") {
		t.Errorf("tcp rule without ports: got %v, want the CEL message", err)
	}

	// Protocols AWS accepts beyond tcp, udp, icmp and icmpv6 pass admission;
	// others are refused with the field's message.
	for proto, ok := range map[string]bool{"50": true, "47": true, "UDP": true, "-1": true, "gre": false, "256": false, "all": false} {
		_, err := stack.Apply(ctx, []byte(ec2SGYAML("e2e-sg-proto", vpcName, `    ingress:
      - ipProtocol: "`+proto+`"
        fromPort: 53
        toPort: 53
        cidrBlocks: [10.0.0.0/8]
`)), true)
		if ok && err != nil {
			t.Errorf("ipProtocol %q: got %v, want it accepted", proto, err)
		}
		if !ok && (err == nil || !strings.Contains(err.Error(), "ipProtocol must be tcp, udp, icmp, icmpv6, -1")) {
			t.Errorf("ipProtocol %q: got %v, want the ipProtocol message", proto, err)
		}
	}

	// A rule of all protocols (-1) and one naming another security group
	// (by reference) reach AWS and stay equal to the spec.
	const peerName = "e2e-sg-peer"
	peer := apply(t, ec2SGYAML(peerName, vpcName, "    egress: []\n"))[0]
	t.Run("AllProtocolsAndGroupRules", func(t *testing.T) {
		waitReady(t, readyTimeout, peer)
		peerID := ec2ExternalName(t, peer)
		apply(t, ec2SGYAML(name, vpcName, `    ingress:
      - ipProtocol: tcp
        fromPort: 443
        toPort: 443
        cidrBlocks: [172.16.0.0/12, 10.0.0.0/8]
      - ipProtocol: "-1"
        cidrBlocks: [10.50.0.0/16]
      - ipProtocol: tcp
        fromPort: 5432
        toPort: 5432
        securityGroupIdRefs:
          - name: `+peerName+`
        description: from the peer group
    egress:
      - ipProtocol: tcp
        fromPort: 5432
        toPort: 5432
        cidrBlocks: [10.50.0.0/16]
    tags:
      tier: web
`))
		waitFor(t, driftTimeout, "the -1 and group rules in moto", func(ctx context.Context) (bool, error) {
			g, err := ec2SecurityGroup(ctx, id)
			if err != nil || g == nil {
				return false, err
			}
			in, groups := ec2Ranges(g.IpPermissions), ec2GroupSources(g.IpPermissions)
			return len(in) == 3 && in["-1 0-0 10.50.0.0/16"] && len(groups) == 1 && groups["tcp 5432-5432 "+peerID], nil
		})
		waitReady(t, readyTimeout, sg)
		// In steady state the provider writes nothing: AWS's view of the
		// rules compares equal to the spec.
		before := apiCalls(t, "AuthorizeSecurityGroupIngress") + apiCalls(t, "RevokeSecurityGroupIngress")
		time.Sleep(3 * pollInterval)
		if after := apiCalls(t, "AuthorizeSecurityGroupIngress") + apiCalls(t, "RevokeSecurityGroupIngress"); after != before {
			t.Errorf("ingress writes in steady state: %v before, %v after three polls; want none", before, after)
		}
		cur := get(t, sg)
		if refs, _, _ := unstructured.NestedSlice(cur.Object, "spec", "forProvider", "ingress"); len(refs) != 3 {
			t.Errorf("spec.forProvider.ingress after reconciling: %v; want the three rules", refs)
		}

		// Out of band: the group rule revoked in moto comes back.
		if _, err := ec2Client("us-east-1").RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(id), IpPermissions: []types.IpPermission{
			{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
				UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(peerID), Description: aws.String("from the peer group")}}}}}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "the group rule to be restored", func(ctx context.Context) (bool, error) {
			g, err := ec2SecurityGroup(ctx, id)
			if err != nil || g == nil {
				return false, err
			}
			return ec2GroupSources(g.IpPermissions)["tcp 5432-5432 "+peerID], nil
		})
	})

	// Delete all at once: the VPC waits (DependencyViolation) until the
	// groups are gone.
	if err := stack.Client.Delete(ctx, vpc); err != nil {
		t.Fatal(err)
	}
	deleteAndWait(t, goneTimeout, sg)
	deleteAndWait(t, goneTimeout, peer)
	deleteAndWait(t, goneTimeout, vpc)
	if g, err := ec2SecurityGroup(ctx, id); err != nil || g != nil {
		t.Errorf("security group %s after delete: %v, %v; want gone", id, g, err)
	}
}
