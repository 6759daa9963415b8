package awsarn

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPartition(t *testing.T) {
	cases := map[string]struct {
		reason, region, partition, suffix string
	}{
		"Commercial": {reason: "Most regions are in the aws partition.", region: "eu-west-1", partition: "aws", suffix: "amazonaws.com"},
		"China":      {reason: "China regions have their own partition and suffix.", region: "cn-north-1", partition: "aws-cn", suffix: "amazonaws.com.cn"},
		"GovCloud":   {reason: "GovCloud regions have their own partition.", region: "us-gov-west-1", partition: "aws-us-gov", suffix: "amazonaws.com"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := []string{Partition(tc.region), DNSSuffix(tc.region)}
			if diff := cmp.Diff([]string{tc.partition, tc.suffix}, got); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
