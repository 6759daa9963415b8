package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// The emulator's ceiling: the calls the provider makes for a unit (create,
// read back, delete), made straight at moto by a tight loop with as many
// workers as the bench's appliers, no provider and no Kubernetes. Its calls
// per second are the most the provider could get out of moto on this
// machine; the bench compares the wave's calls per second with it.

// Ceiling is what the tight loop measured.
type Ceiling struct {
	Units          int     `json:"units"`
	Calls          int     `json:"calls"`
	Seconds        float64 `json:"seconds"`
	CallsPerSecond float64 `json:"callsPerSecond"`
}

// directClients are SDK clients straight at moto.
type directClients struct {
	s3  *s3.Client
	sqs *sqs.Client
	ddb *dynamodb.Client
	ec2 *ec2.Client
}

// A directFunc makes unit i's calls and returns how many it made.
type directFunc func(c *directClients, i int) (int, error)

func newDirectClients(s *local.Stack) *directClients {
	cfg := s.AWSConfig(benchRegion)
	return &directClients{s3: s.S3Client(benchRegion), sqs: sqs.NewFromConfig(cfg), ddb: dynamodb.NewFromConfig(cfg), ec2: ec2.NewFromConfig(cfg)}
}

// ceiling runs units units of w's direct calls on 32 workers.
func ceiling(s *local.Stack, w workload, units int) (Ceiling, error) {
	c := newDirectClients(s)
	var calls atomic.Int64
	start := time.Now()
	err := forEach(units, func(i int) error {
		n, err := w.direct(c, i)
		calls.Add(int64(n))
		return err
	})
	secs := time.Since(start).Seconds()
	return Ceiling{Units: units, Calls: int(calls.Load()), Seconds: secs, CallsPerSecond: float64(calls.Load()) / secs}, err
}

// counter counts calls and keeps the first unexpected error.
type counter struct {
	n   int
	err error
}

// call counts one call; an error is kept unless expected says it was meant
// (a read of what does not exist yet).
func (c *counter) call(err error, expected bool) {
	c.n++
	if err != nil && !expected && c.err == nil {
		c.err = err
	}
}

var dctx = context.Background()

func directName(i int) string { return fmt.Sprintf("ceiling-%04d", i) }

// directS3: HeadBucket (404), CreateBucket, the four puts, HeadBucket and
// the four reads of the managed sub-resources, DeleteBucket.
func directS3(c *directClients, i int) (int, error) {
	var n counter
	b := aws.String(directName(i))
	_, err := c.s3.HeadBucket(dctx, &s3.HeadBucketInput{Bucket: b})
	n.call(err, true)
	_, err = c.s3.CreateBucket(dctx, &s3.CreateBucketInput{Bucket: b})
	n.call(err, false)
	_, err = c.s3.PutBucketTagging(dctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: aws.String("bench"), Value: aws.String("true")}}}})
	n.call(err, false)
	_, err = c.s3.PutBucketVersioning(dctx, &s3.PutBucketVersioningInput{Bucket: b, VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}})
	n.call(err, false)
	_, err = c.s3.PutBucketEncryption(dctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
		Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256}}}}})
	n.call(err, false)
	_, err = c.s3.PutBucketLifecycleConfiguration(dctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b, LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{
		Rules: []s3types.LifecycleRule{{ID: aws.String("logs"), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String("logs/")},
			Transitions: []s3types.Transition{{Days: aws.Int32(60), StorageClass: s3types.TransitionStorageClassGlacier}}}}}})
	n.call(err, false)
	_, err = c.s3.HeadBucket(dctx, &s3.HeadBucketInput{Bucket: b})
	n.call(err, false)
	_, err = c.s3.GetBucketTagging(dctx, &s3.GetBucketTaggingInput{Bucket: b})
	n.call(err, false)
	_, err = c.s3.GetBucketVersioning(dctx, &s3.GetBucketVersioningInput{Bucket: b})
	n.call(err, false)
	_, err = c.s3.GetBucketEncryption(dctx, &s3.GetBucketEncryptionInput{Bucket: b})
	n.call(err, false)
	_, err = c.s3.GetBucketLifecycleConfiguration(dctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
	n.call(err, false)
	_, err = c.s3.DeleteBucket(dctx, &s3.DeleteBucketInput{Bucket: b})
	n.call(err, false)
	return n.n, n.err
}

// directSQS: GetQueueUrl (not found), CreateQueue with attributes and tags,
// GetQueueAttributes + ListQueueTags, DeleteQueue.
func directSQS(c *directClients, i int) (int, error) {
	var n counter
	name := aws.String(directName(i))
	_, err := c.sqs.GetQueueUrl(dctx, &sqs.GetQueueUrlInput{QueueName: name})
	n.call(err, true)
	out, err := c.sqs.CreateQueue(dctx, &sqs.CreateQueueInput{QueueName: name, Attributes: map[string]string{"MessageRetentionPeriod": "345600"},
		Tags: map[string]string{"bench": "true"}})
	n.call(err, false)
	if err != nil {
		return n.n, n.err
	}
	_, err = c.sqs.GetQueueAttributes(dctx, &sqs.GetQueueAttributesInput{QueueUrl: out.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameAll}})
	n.call(err, false)
	_, err = c.sqs.ListQueueTags(dctx, &sqs.ListQueueTagsInput{QueueUrl: out.QueueUrl})
	n.call(err, false)
	_, err = c.sqs.DeleteQueue(dctx, &sqs.DeleteQueueInput{QueueUrl: out.QueueUrl})
	n.call(err, false)
	return n.n, n.err
}

// directDynamoDB: DescribeTable (not found), CreateTable, DescribeTable,
// DescribeTimeToLive, DescribeContinuousBackups, ListTagsOfResource,
// DeleteTable.
func directDynamoDB(c *directClients, i int) (int, error) {
	var n counter
	name := aws.String(directName(i))
	_, err := c.ddb.DescribeTable(dctx, &dynamodb.DescribeTableInput{TableName: name})
	n.call(err, true)
	out, err := c.ddb.CreateTable(dctx, &dynamodb.CreateTableInput{TableName: name, BillingMode: ddbtypes.BillingModePayPerRequest,
		AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
		KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: ddbtypes.KeyTypeHash}},
		Tags:                 []ddbtypes.Tag{{Key: aws.String("bench"), Value: aws.String("true")}}})
	n.call(err, false)
	if err != nil {
		return n.n, n.err
	}
	_, err = c.ddb.DescribeTable(dctx, &dynamodb.DescribeTableInput{TableName: name})
	n.call(err, false)
	_, err = c.ddb.DescribeTimeToLive(dctx, &dynamodb.DescribeTimeToLiveInput{TableName: name})
	n.call(err, false)
	_, err = c.ddb.DescribeContinuousBackups(dctx, &dynamodb.DescribeContinuousBackupsInput{TableName: name})
	n.call(err, false)
	_, err = c.ddb.ListTagsOfResource(dctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: out.TableDescription.TableArn})
	n.call(err, false)
	_, err = c.ddb.DeleteTable(dctx, &dynamodb.DeleteTableInput{TableName: name})
	n.call(err, false)
	return n.n, n.err
}

// directEC2: CreateVpc, DescribeVpcs, two DescribeVpcAttribute, CreateSubnet,
// DescribeSubnets, CreateSecurityGroup, AuthorizeSecurityGroupIngress,
// DescribeSecurityGroups, then the three deletes.
func directEC2(c *directClients, i int) (int, error) {
	var n counter
	tags := func(t ec2types.ResourceType) []ec2types.TagSpecification {
		return []ec2types.TagSpecification{{ResourceType: t, Tags: []ec2types.Tag{{Key: aws.String("bench"), Value: aws.String(directName(i))}}}}
	}
	vpc, err := c.ec2.CreateVpc(dctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: tags(ec2types.ResourceTypeVpc)})
	n.call(err, false)
	if err != nil {
		return n.n, n.err
	}
	id := vpc.Vpc.VpcId
	_, err = c.ec2.DescribeVpcs(dctx, &ec2.DescribeVpcsInput{VpcIds: []string{*id}})
	n.call(err, false)
	for _, a := range []ec2types.VpcAttributeName{ec2types.VpcAttributeNameEnableDnsSupport, ec2types.VpcAttributeNameEnableDnsHostnames} {
		_, err = c.ec2.DescribeVpcAttribute(dctx, &ec2.DescribeVpcAttributeInput{VpcId: id, Attribute: a})
		n.call(err, false)
	}
	sn, err := c.ec2.CreateSubnet(dctx, &ec2.CreateSubnetInput{VpcId: id, CidrBlock: aws.String("10.0.1.0/24"), AvailabilityZone: aws.String(benchRegion + "a"),
		TagSpecifications: tags(ec2types.ResourceTypeSubnet)})
	n.call(err, false)
	if err != nil {
		return n.n, n.err
	}
	_, err = c.ec2.DescribeSubnets(dctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{*sn.Subnet.SubnetId}})
	n.call(err, false)
	sg, err := c.ec2.CreateSecurityGroup(dctx, &ec2.CreateSecurityGroupInput{VpcId: id, GroupName: aws.String(directName(i)), Description: aws.String("bench"),
		TagSpecifications: tags(ec2types.ResourceTypeSecurityGroup)})
	n.call(err, false)
	if err != nil {
		return n.n, n.err
	}
	_, err = c.ec2.AuthorizeSecurityGroupIngress(dctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}}}})
	n.call(err, false)
	_, err = c.ec2.DescribeSecurityGroups(dctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{*sg.GroupId}})
	n.call(err, false)
	_, err = c.ec2.DeleteSecurityGroup(dctx, &ec2.DeleteSecurityGroupInput{GroupId: sg.GroupId})
	n.call(err, false)
	_, err = c.ec2.DeleteSubnet(dctx, &ec2.DeleteSubnetInput{SubnetId: sn.Subnet.SubnetId})
	n.call(err, false)
	_, err = c.ec2.DeleteVpc(dctx, &ec2.DeleteVpcInput{VpcId: id})
	n.call(err, false)
	return n.n, n.err
}
