package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	corev1 "k8s.io/api/core/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
	"github.com/kaws-dev/provider-aws/cluster/local"
)

// The names TestGeneratedIAMPolicyIsEnough uses.
const (
	iamgenConfig = "iam-generated-policy"
	iamgenUser   = "kaws-provider"
	iamgenPolicy = "kaws-provider"
	iamgenBucket = "e2e-iam-generated-policy"
	iamgenVPC    = "e2e-iam-generated-policy"
	iamgenDenied = "e2e-iam-generated-policy-denied"
)

// motoFreeRequests is how many requests the enforcing moto serves without
// checking them (INITIAL_NO_AUTH_ACTION_COUNT): moto 5.2.1 counts every
// request that reaches a service's authorization (not /moto-api/, which the
// readiness check polls) and checks every later one against the IAM
// policies of the access key's user. These three make the admin user.
const motoFreeRequests = 3

// TestGeneratedIAMPolicyIsEnough runs the provider as an IAM user that has
// exactly the generated policy of S3 and EC2 (docs/iam, kept current by
// hack/iampolicy's tests), against a moto of its own that enforces IAM: a
// Bucket and a VPC become Ready and are deleted; then, with ec2:CreateVpc
// taken out of the policy, a new VPC is Synced=False naming the action.
func TestGeneratedIAMPolicyIsEnough(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	const region = "us-east-1"

	dir := filepath.Join(stack.Dir, "moto-iam")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	m, err := local.StartMoto(ctx, dir, []string{fmt.Sprintf("INITIAL_NO_AUTH_ACTION_COUNT=%d", motoFreeRequests)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Stop(); err != nil {
			t.Error(err)
		}
	})
	cfg := func(id, secret string) aws.Config {
		return aws.Config{Region: region, BaseEndpoint: aws.String(m.URL),
			Credentials: credentials.NewStaticCredentialsProvider(id, secret, "")}
	}

	// The free requests: an admin user with every permission, and its keys.
	free := iam.NewFromConfig(cfg("testing", "testing"))
	admin := iamgenUserWithPolicy(t, free, "admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	adminCfg := cfg(aws.ToString(admin.AccessKeyId), aws.ToString(admin.SecretAccessKey))
	adminIAM := iam.NewFromConfig(adminCfg)

	// Enforced from here on: the provider's user, with the generated policy.
	generated := iamgenGeneratedPolicy(t, "s3", "ec2")
	key := iamgenUserWithPolicy(t, adminIAM, iamgenUser, iamgenMoto(t, generated))
	iamgenProviderConfig(t, m.URL, region, aws.ToString(key.AccessKeyId), aws.ToString(key.SecretAccessKey))

	// Enough: a Bucket and a VPC are created, Ready, and deleted.
	bkt := apply(t, fmt.Sprintf(`apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: %s
  namespace: default
spec:
  providerConfigRef: {kind: ClusterProviderConfig, name: %s}
  forProvider:
    region: %s
    tags: {team: platform}
    versioning: {status: Enabled}
`, iamgenBucket, iamgenConfig, region))[0]
	vpc := apply(t, iamgenVPCYAML(iamgenVPC, "10.40.0.0/16"))[0]
	waitReady(t, readyTimeout, bkt, vpc)

	s3c := s3.NewFromConfig(adminCfg, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := s3c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(iamgenBucket)}); err != nil {
		t.Errorf("the bucket in the enforcing moto: %v", err)
	}
	ec2c := ec2.NewFromConfig(adminCfg)
	vpcID := ec2ExternalName(t, vpc)
	if out, err := ec2c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}}); err != nil || len(out.Vpcs) != 1 {
		t.Errorf("VPC %s in the enforcing moto: %v", vpcID, err)
	}

	deleteAndWait(t, goneTimeout, bkt)
	deleteAndWait(t, goneTimeout, vpc)
	if _, err := s3c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(iamgenBucket)}); err == nil {
		t.Errorf("the bucket is still in the enforcing moto after its deletion")
	}
	if out, err := ec2c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil || slices.ContainsFunc(out.Vpcs, func(v ec2types.Vpc) bool { return aws.ToString(v.VpcId) == vpcID }) {
		t.Errorf("VPC %s is still in the enforcing moto after its deletion (%v)", vpcID, err)
	}

	// Not enough: without ec2:CreateVpc a new VPC is Synced=False with
	// AWS's code and the action it lacks.
	if _, err := adminIAM.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(iamgenUser), PolicyName: aws.String(iamgenPolicy),
		PolicyDocument: aws.String(iamgenMoto(t, iamgenWithout(generated, "ec2:CreateVpc")))}); err != nil {
		t.Fatal(err)
	}
	denied := apply(t, iamgenVPCYAML(iamgenDenied, "10.41.0.0/16"))[0]
	msg := ec2WaitSyncedFalse(t, denied, "AccessDenied", "is not authorized to perform: ec2:CreateVpc")
	t.Logf("Synced=False: %s", msg)
	deleteAndWait(t, goneTimeout, denied)
}

// iamgenUserWithPolicy creates an IAM user with an inline policy and
// returns its new access key.
func iamgenUserWithPolicy(t *testing.T, c *iam.Client, user, policy string) *iamtypes.AccessKey {
	t.Helper()
	ctx := t.Context()
	if _, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(user)}); err != nil {
		t.Fatalf("create user %s: %v", user, err)
	}
	if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(iamgenPolicy), PolicyDocument: aws.String(policy)}); err != nil {
		t.Fatalf("put the policy of user %s: %v", user, err)
	}
	out, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(user)})
	if err != nil {
		t.Fatalf("create an access key of user %s: %v", user, err)
	}
	return out.AccessKey
}

// iamgenDoc is an IAM policy document, its statements kept as they are.
type iamgenDoc struct {
	Version   string           `json:"Version"`
	Statement []map[string]any `json:"Statement"`
}

// iamgenGeneratedPolicy returns the statements of docs/iam/<svc>.json of
// every service, together.
func iamgenGeneratedPolicy(t *testing.T, services ...string) iamgenDoc {
	t.Helper()
	var out iamgenDoc
	for _, svc := range services {
		b, err := os.ReadFile(filepath.Join(stack.Root, "docs", "iam", svc+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var d iamgenDoc
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("docs/iam/%s.json: %v", svc, err)
		}
		out.Version = d.Version
		out.Statement = append(out.Statement, d.Statement...)
	}
	return out
}

// iamgenMotoNames are the actions moto 5.2.1 checks under another name than
// AWS does: moto checks HeadBucket as s3:HeadBucket, AWS as s3:ListBucket.
// (moto also checks some S3 Get/Put calls as s3:ListBucket/s3:CreateBucket,
// which the policy grants anyway.)
var iamgenMotoNames = map[string]string{"s3:ListBucket": "s3:HeadBucket"}

// iamgenMoto returns d as JSON, with moto's name added beside each action
// moto checks under another name.
func iamgenMoto(t *testing.T, d iamgenDoc) string {
	t.Helper()
	out := iamgenDoc{Version: d.Version}
	for _, s := range d.Statement {
		c := map[string]any{}
		for k, v := range s {
			c[k] = v
		}
		acts := iamgenActions(s)
		for _, a := range acts {
			if m, ok := iamgenMotoNames[a]; ok {
				acts = append(acts, m)
			}
		}
		c["Action"] = acts
		out.Statement = append(out.Statement, c)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// iamgenWithout returns d without the action.
func iamgenWithout(d iamgenDoc, action string) iamgenDoc {
	out := iamgenDoc{Version: d.Version}
	for _, s := range d.Statement {
		c := map[string]any{}
		for k, v := range s {
			c[k] = v
		}
		c["Action"] = slices.DeleteFunc(iamgenActions(s), func(a string) bool { return a == action })
		out.Statement = append(out.Statement, c)
	}
	return out
}

func iamgenActions(s map[string]any) []string {
	var out []string
	switch a := s["Action"].(type) {
	case string:
		out = append(out, a)
	case []any:
		for _, v := range a {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = append(out, a...)
	}
	return out
}

// iamgenProviderConfig creates a ClusterProviderConfig pointing at the
// enforcing moto with the access key, and deletes it when the test ends.
func iamgenProviderConfig(t *testing.T, url, region, id, secret string) {
	t.Helper()
	ini := fmt.Sprintf("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n", id, secret)
	objs := []client.Object{
		&corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Name: iamgenConfig, Namespace: local.CredentialsNamespace},
			StringData: map[string]string{local.CredentialsKey: ini},
		},
		&v1alpha1.ClusterProviderConfig{
			ObjectMeta: metav1.ObjectMeta{Name: iamgenConfig},
			Spec: v1alpha1.ProviderConfigSpec{
				Credentials: v1alpha1.ProviderCredentials{
					Source: v1alpha1.CredentialsSourceSecret,
					SecretRef: &v1alpha1.SecretKeySelector{
						Name: iamgenConfig, Namespace: local.CredentialsNamespace, Key: local.CredentialsKey,
					},
				},
				Region:   region,
				Endpoint: &v1alpha1.Endpoint{URL: url, S3UsePathStyle: true},
			},
		},
	}
	for _, o := range objs {
		if err := stack.Client.Create(t.Context(), o); err != nil {
			t.Fatalf("create %s: %v", o.GetName(), err)
		}
		t.Cleanup(func() {
			// t.Context is done in cleanups.
			if err := stack.Client.Delete(context.Background(), o); err != nil && !kerrors.IsNotFound(err) {
				t.Errorf("delete %s: %v", o.GetName(), err)
			}
		})
	}
}

func iamgenVPCYAML(name, cidr string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: VPC
metadata:
  name: %s
  namespace: default
spec:
  providerConfigRef: {kind: ClusterProviderConfig, name: %s}
  forProvider:
    region: us-east-1
    cidrBlock: %s
`, name, iamgenConfig, cidr)
}
