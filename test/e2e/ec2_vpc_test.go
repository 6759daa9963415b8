package e2e

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

func TestEC2VPCLifecycle(t *testing.T) {
	const name, cidr = "e2e-vpc-lifecycle", "10.10.0.0/16"
	ctx := t.Context()
	objs := apply(t, ec2VPCYAML(name, "us-east-1", cidr, `    enableDnsHostnames: true
    tags:
      team: net
`))
	waitReady(t, readyTimeout, objs...)
	vpc := objs[0]

	// Created in moto as written, with the identity tag.
	id := ec2ExternalName(t, vpc)
	if !strings.HasPrefix(id, "vpc-") {
		t.Fatalf("external name: got %q, want a VPC ID", id)
	}
	v, err := ec2VPC(ctx, "us-east-1", id)
	if err != nil || v == nil {
		t.Fatalf("VPC %s in moto: %v, %v", id, v, err)
	}
	if got := aws.ToString(v.CidrBlock); got != cidr {
		t.Errorf("CIDR in moto: got %s, want %s", got, cidr)
	}
	tg := ec2Tags(v.Tags)
	if tg["team"] != "net" || tg[tags.KeyManagedBy] != ec2Identity(t, vpc) {
		t.Errorf("tags in moto: got %v, want team=net and the identity tag", tg)
	}
	if h, err := ec2DNSHostnames(ctx, id); err != nil || !h {
		t.Errorf("enableDnsHostnames in moto: got %v, %v; want true", h, err)
	}

	// Update: a tag and a secondary range.
	apply(t, ec2VPCYAML(name, "us-east-1", cidr, `    enableDnsHostnames: true
    secondaryCIDRBlocks: [10.11.0.0/16]
    tags:
      team: net
      env: dev
`))
	waitFor(t, driftTimeout, "the update in moto", func(ctx context.Context) (bool, error) {
		v, err := ec2VPC(ctx, "us-east-1", id)
		if err != nil || v == nil {
			return false, err
		}
		secondary := false
		for _, a := range v.CidrBlockAssociationSet {
			if aws.ToString(a.CidrBlock) == "10.11.0.0/16" && a.CidrBlockState.State == types.VpcCidrBlockStateCodeAssociated {
				secondary = true
			}
		}
		return secondary && ec2Tags(v.Tags)["env"] == "dev", nil
	})

	// Out-of-band drift: DNS host names off, a tag removed, a tag added.
	c := ec2Client("us-east-1")
	if _, err := c.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(id), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(false)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("env")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("rogue"), Value: aws.String("x")}}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the drift to be corrected", func(ctx context.Context) (bool, error) {
		h, err := ec2DNSHostnames(ctx, id)
		if err != nil || !h {
			return false, err
		}
		v, err := ec2VPC(ctx, "us-east-1", id)
		if err != nil || v == nil {
			return false, err
		}
		tg := ec2Tags(v.Tags)
		_, rogue := tg["rogue"]
		return tg["env"] == "dev" && !rogue && tg[tags.KeyManagedBy] != "", nil
	})

	// Immutable and malformed fields are rejected at admission.
	if _, err := stack.Apply(ctx, []byte(ec2VPCYAML(name, "us-east-1", "10.12.0.0/16", "")), false); err == nil || !strings.Contains(err.Error(), "create a new VPC") {
		t.Errorf("changing cidrBlock: got %v, want an error saying to create a new VPC", err)
	}
	if _, err := stack.Apply(ctx, []byte(ec2VPCYAML(name, "eu-west-1", cidr, "")), false); err == nil || !strings.Contains(err.Error(), "region is immutable") {
		t.Errorf("changing region: got %v, want an error saying region is immutable", err)
	}
	for _, bad := range []string{"10.0.0.0/33", "10.0.0.1/16", "10.0.0.0/8", "not-a-cidr"} {
		if _, err := stack.Apply(ctx, []byte(ec2VPCYAML("e2e-vpc-bad", "us-east-1", bad, "")), true); err == nil || !strings.Contains(err.Error(), "cidrBlock must be an IPv4 network address") {
			t.Errorf("cidrBlock %q: got %v, want an error saying what a valid cidrBlock is", bad, err)
		}
	}

	// Delete: gone from moto.
	deleteAndWait(t, goneTimeout, vpc)
	if v, err := ec2VPC(ctx, "us-east-1", id); err != nil || v != nil {
		t.Errorf("VPC %s after delete: %v, %v; want gone", id, v, err)
	}
}

// TestEC2NoLeakWhenProviderDiesAfterCreate kills the provider right after
// CreateVpc, before the VPC's ID is saved: the restarted provider adopts the
// VPC by its identity tag instead of creating a second one.
func TestEC2NoLeakWhenProviderDiesAfterCreate(t *testing.T) {
	const name, cidr = "e2e-vpc-crash", "10.30.0.0/16"
	ctx := t.Context()
	t.Setenv(mr.EnvCrashAfterCreate, "VPC")
	t.Cleanup(func() {
		// Back to the normal provider for the next tests.
		_ = os.Unsetenv(mr.EnvCrashAfterCreate)
		restartProvider(t)
	})
	restartProvider(t)

	objs := apply(t, ec2VPCYAML(name, "us-east-1", cidr, ""))
	vpc := objs[0]
	waitFor(t, time.Minute, "the provider to exit after CreateVpc", func(context.Context) (bool, error) {
		return stack.ProviderPID() == 0, nil
	})
	if !strings.Contains(stack.ProviderLogTail(50), mr.EnvCrashAfterCreate+": created default/"+name) {
		t.Fatalf("the provider exited without the crash hook's line:\n%s", stack.ProviderLogTail(30))
	}
	if n := ec2ExternalName(t, vpc); n != "" {
		t.Fatalf("external name after the crash: got %q, want none (the crash is before it is saved)", n)
	}
	vs, err := ec2VPCsWithCIDR(ctx, "us-east-1", cidr)
	if err != nil || len(vs) != 1 {
		t.Fatalf("VPCs with %s in moto after the crash: %d, %v; want 1", cidr, len(vs), err)
	}

	t.Setenv(mr.EnvCrashAfterCreate, "")
	restartProvider(t)
	waitReady(t, readyTimeout, vpc)

	identity := ec2Identity(t, vpc)
	tagged, err := ec2VPCsTagged(ctx, "us-east-1", identity)
	if err != nil || len(tagged) != 1 {
		t.Fatalf("VPCs tagged %s in moto: %d, %v; want exactly 1", identity, len(tagged), err)
	}
	if vs, err := ec2VPCsWithCIDR(ctx, "us-east-1", cidr); err != nil || len(vs) != 1 {
		t.Fatalf("VPCs with %s in moto: %d, %v; want exactly 1", cidr, len(vs), err)
	}
	if got, want := ec2ExternalName(t, vpc), aws.ToString(tagged[0].VpcId); got != want {
		t.Errorf("external name: got %q, want the adopted VPC %q", got, want)
	}
	deleteAndWait(t, goneTimeout, vpc)
	if vs, err := ec2VPCsWithCIDR(ctx, "us-east-1", cidr); err != nil || len(vs) != 0 {
		t.Errorf("VPCs with %s in moto after delete: %d, %v; want 0", cidr, len(vs), err)
	}
}

// TestEC2VPCTwoRegions reconciles two VPCs in two regions from the same
// ClusterProviderConfig.
func TestEC2VPCTwoRegions(t *testing.T) {
	ctx := t.Context()
	regions := map[string]string{"e2e-vpc-use1": "us-east-1", "e2e-vpc-apne2": "ap-northeast-2"}
	var all []string
	for name, r := range regions {
		all = append(all, ec2VPCYAML(name, r, "10.40.0.0/16", ""))
	}
	objs := apply(t, strings.Join(all, "---\n"))
	waitReady(t, readyTimeout, objs...)
	for _, o := range objs {
		r := regions[o.GetName()]
		id := ec2ExternalName(t, o)
		if v, err := ec2VPC(ctx, r, id); err != nil || v == nil {
			t.Errorf("VPC %s of %s in moto's %s: %v, %v; want it there", id, o.GetName(), r, v, err)
		}
		if got, _, _ := unstructuredString(get(t, o), "spec", "forProvider", "region"); got != r {
			t.Errorf("%s: region %q, want %q", o.GetName(), got, r)
		}
	}
	for _, o := range objs {
		deleteAndWait(t, goneTimeout, o)
	}
}
