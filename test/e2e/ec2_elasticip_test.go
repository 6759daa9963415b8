package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// ec2Address returns the address id in us-east-1, or nil when moto does not know it.
func ec2Address(ctx context.Context, id string) (*types.Address, error) {
	out, err := ec2Client("us-east-1").DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{id}})
	if awserr.HasCode(err, "InvalidAllocationID.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(out.Addresses) == 0 {
		return nil, nil
	}
	return &out.Addresses[0], nil
}

func ec2EIPYAML(name, tagsYAML string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: ElasticIP
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    tags:
%s`, name, tagsYAML)
}

func TestEC2ElasticIPLifecycle(t *testing.T) {
	const name = "e2e-eip"
	ctx := t.Context()
	objs := apply(t, ec2EIPYAML(name, "      team: net\n"))
	waitReady(t, readyTimeout, objs...)
	eip := objs[0]
	id := ec2ExternalName(t, eip)

	a, err := ec2Address(ctx, id)
	if err != nil || a == nil {
		t.Fatalf("Elastic IP %s in moto: %v, %v", id, a, err)
	}
	if tg := ec2Tags(a.Tags); tg["team"] != "net" || tg[tags.KeyManagedBy] != ec2Identity(t, eip) {
		t.Errorf("tags in moto: %v; want team=net and the identity tag", tg)
	}
	if got, _, _ := unstructuredString(get(t, eip), "status", "atProvider", "publicIp"); got == "" || got != aws.ToString(a.PublicIp) {
		t.Errorf("status.atProvider.publicIp: got %q, want %q", got, aws.ToString(a.PublicIp))
	}

	// Update a tag, then remove it out of band: restored.
	apply(t, ec2EIPYAML(name, "      team: edge\n"))
	waitFor(t, driftTimeout, "the update in moto", func(ctx context.Context) (bool, error) {
		a, err := ec2Address(ctx, id)
		if err != nil || a == nil {
			return false, err
		}
		return ec2Tags(a.Tags)["team"] == "edge", nil
	})
	if _, err := ec2Client("us-east-1").DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("team")}}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the drift to be corrected", func(ctx context.Context) (bool, error) {
		a, err := ec2Address(ctx, id)
		if err != nil || a == nil {
			return false, err
		}
		return ec2Tags(a.Tags)["team"] == "edge", nil
	})

	deleteAndWait(t, goneTimeout, eip)
	if a, err := ec2Address(ctx, id); err != nil || a != nil {
		t.Errorf("Elastic IP %s after delete: %v, %v; want released", id, a, err)
	}
}
