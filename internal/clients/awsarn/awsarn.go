// Package awsarn knows AWS partitions: which ARN prefix and DNS suffix a
// region uses.
package awsarn

import "strings"

// Partition returns the ARN partition of a region: aws, aws-cn or aws-us-gov.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	default:
		return "aws"
	}
}

// DNSSuffix returns the domain AWS's endpoints use in a region.
func DNSSuffix(region string) string {
	if Partition(region) == "aws-cn" {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}
