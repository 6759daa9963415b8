package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/cluster/local"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
)

func eksClient() *eks.Client { return eks.NewFromConfig(stack.AWSConfig("us-east-1")) }

// eksBaseYAML is what a test of a kind inside a cluster needs: a VPC
// 10.<octet>.0.0/16 with the subnets <name>-a and <name>-b, the cluster's
// IAM role <name>-cluster and the Cluster <name> at Kubernetes 1.35.
func eksBaseYAML(name string, octet int) string {
	return fmt.Sprintf(`
apiVersion: ec2.kaws.dev/v1alpha1
kind: VPC
metadata: {name: %[1]s, namespace: default}
spec:
  forProvider: {region: us-east-1, cidrBlock: 10.%[2]d.0.0/16}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: %[1]s-a, namespace: default}
spec:
  forProvider: {region: us-east-1, vpcIdRef: {name: %[1]s}, cidrBlock: 10.%[2]d.1.0/24, availabilityZone: us-east-1a}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: %[1]s-b, namespace: default}
spec:
  forProvider: {region: us-east-1, vpcIdRef: {name: %[1]s}, cidrBlock: 10.%[2]d.2.0/24, availabilityZone: us-east-1b}
---
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: %[1]s-cluster, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
---
apiVersion: eks.kaws.dev/v1alpha1
kind: Cluster
metadata: {name: %[1]s, namespace: default}
spec:
  forProvider:
    region: us-east-1
    version: "1.35"
    roleArnRef: {name: %[1]s-cluster}
    resourcesVpcConfig:
      subnetIdRefs: [{name: %[1]s-a}, {name: %[1]s-b}]
`, name, octet)
}

// eksBase applies eksBaseYAML and waits until all of it is Ready.
func eksBase(t *testing.T, name string, octet int) []*unstructured.Unstructured {
	t.Helper()
	objs := apply(t, eksBaseYAML(name, octet))
	waitReady(t, 3*time.Minute, objs...)
	if c, err := eksDescribe(t.Context(), name); err != nil || c == nil {
		t.Fatalf("cluster %s not in moto: %v", name, err)
	}
	return objs
}

// eksDeleteAll deletes objects last first, each until it is gone.
func eksDeleteAll(t *testing.T, objs []*unstructured.Unstructured) {
	t.Helper()
	for i := len(objs) - 1; i >= 0; i-- {
		deleteAndWait(t, 2*time.Minute, objs[i])
	}
}

// eksPatch merge-patches an object.
func eksPatch(t *testing.T, o *unstructured.Unstructured, patch string) {
	t.Helper()
	if err := stack.Client.Patch(t.Context(), o.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(patch))); err != nil {
		t.Fatalf("patch %s: %v", local.Describe(o), err)
	}
}

// eksWaitSettled waits until an EKS object is Ready and Synced for its
// current generation (a status written before the provider saw the last
// spec change does not count) and the provider holds no record of an
// update it sent (status.atProvider.lastUpdate): AWS shows every change it
// asked for.
func eksWaitSettled(t *testing.T, o *unstructured.Unstructured) {
	t.Helper()
	waitFor(t, driftTimeout, local.Describe(o)+" Ready, Synced and without a last update", func(ctx context.Context) (bool, error) {
		u, err := stack.Get(ctx, o)
		if err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		ready, _ := eksCondition(u, "Ready")
		synced, _ := eksCondition(u, "Synced")
		_, found, _ := unstructured.NestedMap(u.Object, "status", "atProvider", "lastUpdate")
		return ready == "True" && synced == "True" && !found && conditionsCurrent(u), nil
	})
}

// conditionsCurrent says whether the Synced condition, which the managed
// reconciler sets with the generation it reconciled, is of the object's
// current generation.
func conditionsCurrent(u *unstructured.Unstructured) bool {
	cs, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range cs {
		if m, _ := c.(map[string]any); m["type"] == "Synced" {
			g, _ := m["observedGeneration"].(int64)
			return g == u.GetGeneration()
		}
	}
	return false
}

// eksAtProvider returns a string field of an object's status.atProvider.
func eksAtProvider(t *testing.T, o *unstructured.Unstructured, field string) string {
	t.Helper()
	v, _, _ := unstructured.NestedString(get(t, o).Object, "status", "atProvider", field)
	return v
}

// eksFound returns what get takes from a Describe call's output, or nil
// when EKS says it is not found.
func eksFound[O, T any](get func(*O) *T) func(*O, error) (*T, error) {
	return func(out *O, err error) (*T, error) {
		if ekskit.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return get(out), nil
	}
}

// eksDescribe returns the cluster as moto reports it, or nil when gone.
func eksDescribe(ctx context.Context, name string) (*ekstypes.Cluster, error) {
	return eksFound(func(o *eks.DescribeClusterOutput) *ekstypes.Cluster { return o.Cluster })(eksClient().DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(name)}))
}

// eksEnabledLogs returns the enabled log types of a cluster, sorted.
func eksEnabledLogs(c *ekstypes.Cluster) []string {
	var on []string
	if c.Logging != nil {
		for _, ls := range c.Logging.ClusterLogging {
			if aws.ToBool(ls.Enabled) {
				for _, t := range ls.Types {
					on = append(on, string(t))
				}
			}
		}
	}
	slices.Sort(on)
	return on
}

// eksCondition returns the status and message of a condition of an object.
func eksCondition(u *unstructured.Unstructured, typ string) (string, string) {
	cs, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range cs {
		m, _ := c.(map[string]any)
		if m["type"] == typ {
			s, _ := m["status"].(string)
			msg, _ := m["message"].(string)
			return s, msg
		}
	}
	return "", ""
}

const eksClusterYAML = `
apiVersion: ec2.kaws.dev/v1alpha1
kind: VPC
metadata: {name: e2e-eks, namespace: default}
spec:
  forProvider: {region: us-east-1, cidrBlock: 10.120.0.0/16}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: e2e-eks-a, namespace: default}
spec:
  forProvider: {region: us-east-1, vpcIdRef: {name: e2e-eks}, cidrBlock: 10.120.1.0/24, availabilityZone: us-east-1a}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: e2e-eks-b, namespace: default}
spec:
  forProvider: {region: us-east-1, vpcIdRef: {name: e2e-eks}, cidrBlock: 10.120.2.0/24, availabilityZone: us-east-1b}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: SecurityGroup
metadata: {name: e2e-eks, namespace: default}
spec:
  forProvider: {region: us-east-1, vpcIdRef: {name: e2e-eks}, groupName: e2e-eks, description: eks e2e}
---
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: e2e-eks-cluster, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
---
apiVersion: eks.kaws.dev/v1alpha1
kind: Cluster
metadata: {name: e2e-eks, namespace: default}
spec:
  forProvider:
    region: us-east-1
    version: "1.35"
    roleArnRef: {name: e2e-eks-cluster}
    resourcesVpcConfig:
      subnetIdRefs: [{name: e2e-eks-a}, {name: e2e-eks-b}]
      securityGroupIdRefs: [{name: e2e-eks}]
      endpointPublicAccess: true
      endpointPrivateAccess: %s
    logging:
      enabled: %s
    tags: {team: e2e}
  writeConnectionSecretToRef: {name: e2e-eks-kubeconfig}
`

func TestEKSClusterLifecycle(t *testing.T) {
	const name = "e2e-eks"
	objs := apply(t, fmt.Sprintf(eksClusterYAML, "false", "[api]"))
	waitReady(t, 3*time.Minute, objs...)
	cr := objs[len(objs)-1]

	c, err := eksDescribe(t.Context(), name)
	if err != nil || c == nil {
		t.Fatalf("cluster not in moto: %v", err)
	}
	if c.Status != ekstypes.ClusterStatusActive || aws.ToString(c.Version) != "1.35" || len(c.ResourcesVpcConfig.SubnetIds) != 2 || len(c.ResourcesVpcConfig.SecurityGroupIds) != 1 || !strings.Contains(aws.ToString(c.RoleArn), ":role/e2e-eks-cluster") {
		t.Fatalf("cluster in moto is not as specified: %+v", c)
	}
	if got := eksEnabledLogs(c); !slices.Equal(got, []string{"api"}) {
		t.Fatalf("enabled logs in moto %v, want [api]", got)
	}
	endpoint := aws.ToString(c.Endpoint)

	t.Run("kubeconfig", func(t *testing.T) {
		var tok string
		waitFor(t, time.Minute, "the kubeconfig secret", func(ctx context.Context) (bool, error) {
			var err error
			tok, err = eksToken(ctx, t, stack.Client, name+"-kubeconfig", name, endpoint)
			return err == nil, nil //nolint:nilerr // Retried until the timeout.
		})
		eksCheckToken(t, tok)
	})

	t.Run("token refresh", func(t *testing.T) {
		// At debug level, so the next subtest also checks debug logs for tokens.
		restartProvider(t, "--eks-token-refresh=3s", "--debug")
		defer restartProvider(t)
		tok, err := eksToken(t.Context(), t, stack.Client, name+"-kubeconfig", name, endpoint)
		if err != nil {
			t.Fatal(err)
		}
		next := func(prev string) string {
			waitFor(t, 30*time.Second, "a renewed token", func(ctx context.Context) (bool, error) {
				cur, err := eksToken(ctx, t, stack.Client, name+"-kubeconfig", name, endpoint)
				if err == nil && cur != prev {
					tok = cur
					return true, nil
				}
				return false, nil
			})
			return tok
		}
		// The restarted provider's first token, then two renewals by the
		// 3 s refresh period: by the 5 s poll they would take at least 9 s.
		first := next(tok)
		start := time.Now()
		next(next(first))
		elapsed := time.Since(start)
		if elapsed > 8500*time.Millisecond {
			t.Fatalf("two token renewals took %s: not renewed every 3 s", elapsed)
		}
		t.Logf("two token renewals in %s", elapsed)
		eksCheckToken(t, tok)
	})

	t.Run("token kept out of logs, events and conditions", func(t *testing.T) {
		// After several renewals (some at debug level): no token, nor a
		// presigned URL's signature, in the provider's log, the events of
		// the namespace, or the Cluster's status.
		secrets := []string{"k8s-aws-v1.", "X-Amz-Signature"}
		log, err := os.ReadFile(filepath.Join(stack.Dir, "provider.log"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(log, []byte(name)) {
			t.Fatalf("the provider log does not mention cluster %s: not the log of this stack", name)
		}
		events := &corev1.EventList{}
		if err := stack.Client.List(t.Context(), events, client.InNamespace("default")); err != nil {
			t.Fatal(err)
		}
		status, err := json.Marshal(get(t, cr).Object["status"])
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(log, []byte(s)) {
				t.Errorf("the provider log contains %q", s)
			}
			for _, e := range events.Items {
				if strings.Contains(e.Message, s) {
					t.Errorf("event %s (%s) contains %q", e.Name, e.Reason, s)
				}
			}
			if bytes.Contains(status, []byte(s)) {
				t.Errorf("the Cluster's status contains %q", s)
			}
		}
	})

	t.Run("update logging and endpoint access", func(t *testing.T) {
		apply(t, fmt.Sprintf(eksClusterYAML, "true", "[api, audit]"))
		waitFor(t, driftTimeout, "logging and private endpoint updated in moto", func(ctx context.Context) (bool, error) {
			c, err := eksDescribe(ctx, name)
			if err != nil || c == nil {
				return false, err
			}
			return slices.Equal(eksEnabledLogs(c), []string{"api", "audit"}) && c.ResourcesVpcConfig.EndpointPrivateAccess, nil
		})
	})

	t.Run("drift corrected", func(t *testing.T) {
		_, err := eksClient().UpdateClusterConfig(t.Context(), &eks.UpdateClusterConfigInput{Name: aws.String(name), Logging: &ekstypes.Logging{ClusterLogging: []ekstypes.LogSetup{{Enabled: aws.Bool(false), Types: ekstypes.LogTypeApi.Values()}}}})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "logging restored in moto", func(ctx context.Context) (bool, error) {
			c, err := eksDescribe(ctx, name)
			if err != nil || c == nil {
				return false, err
			}
			return slices.Equal(eksEnabledLogs(c), []string{"api", "audit"}), nil
		})
	})

	t.Run("access configuration updated", func(t *testing.T) {
		// The authentication mode moves from CONFIG_MAP (late-initialized
		// from EKS's default) towards API with one UpdateClusterConfig,
		// whose update the provider follows until EKS reports it done.
		before := apiCalls(t, "UpdateClusterConfig")
		if got, _, _ := unstructured.NestedString(get(t, cr).Object, "spec", "forProvider", "accessConfig", "authenticationMode"); got != "CONFIG_MAP" {
			t.Fatalf("spec.forProvider.accessConfig.authenticationMode %q, want CONFIG_MAP late-initialized", got)
		}
		eksPatch(t, cr, `{"spec":{"forProvider":{"accessConfig":{"authenticationMode":"API_AND_CONFIG_MAP"}}}}`)
		waitFor(t, driftTimeout, "the authentication mode API_AND_CONFIG_MAP in moto", func(ctx context.Context) (bool, error) {
			c, err := eksDescribe(ctx, name)
			if err != nil || c == nil || c.AccessConfig == nil {
				return false, err
			}
			return c.AccessConfig.AuthenticationMode == ekstypes.AuthenticationModeApiAndConfigMap, nil
		})
		waitFor(t, driftTimeout, "Synced=True and no last update once EKS shows the change", func(ctx context.Context) (bool, error) {
			u, err := stack.Get(ctx, cr)
			if err != nil {
				return false, nil //nolint:nilerr // Retried until the timeout.
			}
			st, _ := eksCondition(u, "Synced")
			_, found, _ := unstructured.NestedMap(u.Object, "status", "atProvider", "lastUpdate")
			return st == "True" && !found, nil
		})
		if n := apiCalls(t, "UpdateClusterConfig") - before; n != 1 {
			t.Fatalf("UpdateClusterConfig calls for the access configuration: %v, want 1", n)
		}
	})

	t.Run("version upgrade", func(t *testing.T) {
		// Two minor versions up: the provider upgrades one at a time, as
		// EKS requires, and clears its record of the update once done.
		before := apiCalls(t, "UpdateClusterVersion")
		eksPatch(t, cr, `{"spec":{"forProvider":{"version":"1.37"}}}`)
		waitFor(t, 2*driftTimeout, "the cluster at 1.37 in moto", func(ctx context.Context) (bool, error) {
			c, err := eksDescribe(ctx, name)
			if err != nil || c == nil {
				return false, err
			}
			return aws.ToString(c.Version) == "1.37", nil
		})
		eksWaitSettled(t, cr)
		if n := apiCalls(t, "UpdateClusterVersion") - before; n != 2 {
			t.Fatalf("UpdateClusterVersion calls for 1.35 -> 1.37: %v, want 2 (one minor version at a time)", n)
		}
		if v, _, _ := unstructured.NestedString(get(t, cr).Object, "status", "atProvider", "version"); v != "1.37" {
			t.Fatalf("status.atProvider.version %q, want 1.37", v)
		}

		// A downgrade is refused by the API server (EKS cannot downgrade).
		err := stack.Client.Patch(t.Context(), cr.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(`{"spec":{"forProvider":{"version":"1.36"}}}`)))
		if err == nil || !strings.Contains(err.Error(), "version cannot go down") {
			t.Fatalf("patching the version down to 1.36: %v, want the API server to refuse it", err)
		}
		eksWaitSettled(t, cr)
	})

	t.Run("delete blocked by a node group", func(t *testing.T) {
		sub := c.ResourcesVpcConfig.SubnetIds
		_, err := eksClient().CreateNodegroup(t.Context(), &eks.CreateNodegroupInput{ClusterName: aws.String(name), NodegroupName: aws.String("blocker"), NodeRole: c.RoleArn, Subnets: sub})
		if err != nil {
			t.Fatal(err)
		}
		if err := stack.Client.Delete(t.Context(), cr); err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "a condition naming the node group", func(ctx context.Context) (bool, error) {
			u, err := stack.Get(ctx, cr)
			if err != nil {
				return false, nil //nolint:nilerr // Retried until the timeout.
			}
			_, msg := eksCondition(u, "Synced")
			return strings.Contains(msg, "node group blocker"), nil
		})
		if _, err := eksClient().DeleteNodegroup(t.Context(), &eks.DeleteNodegroupInput{ClusterName: aws.String(name), NodegroupName: aws.String("blocker")}); err != nil {
			t.Fatal(err)
		}
	})

	deleteAndWait(t, 2*time.Minute, cr)
	if c, err := eksDescribe(t.Context(), name); err != nil || c != nil {
		t.Fatalf("cluster still in moto after delete: %v", err)
	}
	for i := len(objs) - 2; i >= 0; i-- {
		deleteAndWait(t, 2*time.Minute, objs[i])
	}
}
