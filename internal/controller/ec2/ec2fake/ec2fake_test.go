package ec2fake_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2fake"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
)

var _ ec2kit.API = &ec2fake.API{}

func TestSent(t *testing.T) {
	f := ec2fake.New(nil, nil)
	ctx := context.Background()
	a := &ec2.DescribeVpcAttributeInput{Attribute: types.VpcAttributeNameEnableDnsSupport}
	t1, t2 := &ec2.CreateTagsInput{Resources: []string{"a"}}, &ec2.CreateTagsInput{Resources: []string{"b"}}
	d := &ec2.DeleteTagsInput{}
	_, _ = f.CreateTags(ctx, t1)
	_, _ = f.DescribeVpcAttribute(ctx, a)
	_, _ = f.DeleteTags(ctx, d)
	_, _ = f.CreateTags(ctx, t2)
	if diff := cmp.Diff([]string{"CreateTags", "DescribeVpcAttribute:enableDnsSupport", "DeleteTags", "CreateTags"}, f.Calls); diff != "" {
		t.Errorf("Calls: -want, +got:\n%s", diff)
	}
	ignore := cmpopts.IgnoreUnexported(ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, ec2.DescribeVpcAttributeInput{})
	if diff := cmp.Diff([]any{t1, a, d, t2}, f.Sent(), ignore); diff != "" {
		t.Errorf("Sent(): -want, +got:\n%s", diff)
	}
}
