package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	kerrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/wait"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// admMR returns a managed resource named $NAME in the default namespace with
// the given spec (YAML flow style). It is paused (crossplane.io/paused) and
// admObserve-only, so the provider never reconciles it: nothing reaches AWS,
// and it has no finalizer, so deleting it is immediate.
func admMR(apiVersion, kind, spec string) string {
	return admMRMeta(apiVersion, kind, "$NAME", "", spec)
}

// admMRMeta is admMR with another name and extra annotations (YAML flow-style
// entries, e.g. `crossplane.io/external-name: x`).
func admMRMeta(apiVersion, kind, name, annotations, spec string) string {
	a := `crossplane.io/paused: "true"`
	if annotations != "" {
		a += ", " + annotations
	}
	return fmt.Sprintf("apiVersion: %s\nkind: %s\nmetadata:\n  name: %s\n  namespace: default\n  annotations: {%s}\nspec: %s\n",
		apiVersion, kind, name, a, spec)
}

// admObserve is the start of every spec of admMR: admObserve-only management.
const admObserve = "managementPolicies: [Observe], "

// Valid forProvider blocks (YAML flow style, without the braces) of each
// kind; a case adds or changes what it tests.
const (
	admClusterFP  = `region: us-east-1, roleArn: "arn:aws:iam::123456789012:role/eks", resourcesVpcConfig: {subnetIds: [subnet-0a, subnet-0b]}`
	admNodeFP     = `region: us-east-1, clusterName: c, nodeRole: "arn:aws:iam::123456789012:role/node", subnets: [subnet-0a, subnet-0b], scalingConfig: {minSize: 1, maxSize: 2}`
	admAddonFP    = `region: us-east-1, clusterName: c, addonName: vpc-cni`
	admEntryFP    = `region: us-east-1, clusterName: c, principalArn: "arn:aws:iam::123456789012:role/dev"`
	admApaFP      = `region: us-east-1, clusterName: c, principalArn: "arn:aws:iam::123456789012:role/dev", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"`
	admPiaFP      = `region: us-east-1, clusterName: c, namespace: default, serviceAccount: app, roleArn: "arn:aws:iam::123456789012:role/app"`
	admVpcFP      = `region: us-east-1, cidrBlock: 10.0.0.0/16`
	admSgFP       = `region: us-east-1, vpcId: vpc-0a, groupName: g, description: d`
	admRoleFP     = `assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}'`
	admPolicyFP   = `document: '{"Version":"2012-10-17","Statement":[]}'`
	admClusterAPI = "eks.kaws.dev/v1alpha1"
	admEc2API     = "ec2.kaws.dev/v1alpha1"
	admIamAPI     = "iam.kaws.dev/v1alpha1"
	admS3API      = "s3.kaws.dev/v1alpha1"
)

// admSpec returns a spec: admObserve-only, with forProvider {parts...}.
func admSpec(parts ...string) string {
	return "{" + admObserve + "forProvider: {" + strings.Join(admNonEmpty(parts), ", ") + "}}"
}

func admNonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// admTags returns a YAML flow map of n tags k0..k<n-1>.
func admTags(n int) string {
	kv := make([]string, n)
	for i := range kv {
		kv[i] = fmt.Sprintf("k%d: v", i)
	}
	return "{" + strings.Join(kv, ", ") + "}"
}

// admTag returns a YAML flow map of one tag, quoted.
func admTag(k, v string) string { return fmt.Sprintf("{%q: %q}", k, v) }

// admAnnotationsCRD is a CRD whose root rule reads metadata.annotations: the
// API server refuses it, because CEL rules of a CRD see only
// metadata.name and metadata.generateName.
const admAnnotationsCRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: probes.admission.kaws.dev}
spec:
  group: admission.kaws.dev
  names: {kind: Probe, plural: probes}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-validations:
        - rule: "has(self.metadata.annotations) && 'crossplane.io/external-name' in self.metadata.annotations"
`

// TestAdmissionRules checks the API server's validation of the managed
// resource kinds (CRD schema and CEL rules) without the provider (see
// admCase); the services added later have their own tables, run by admRun.
func TestAdmissionRules(t *testing.T) {
	t.Parallel()

	long := func(n int) string { return strings.Repeat("a", n) }
	cases := map[string]admCase{
		// Region pinned: not changed, not removed.
		"ClusterRegionKept": {
			reason:   "An update that keeps the region (here: adds a tag) is accepted.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP)),
			update:   admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "tags: {team: a}")),
		},
		"ClusterRegionRemoved": {
			reason:   "An EKS cluster's region cannot be removed once set.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP)),
			update:   admMR(admClusterAPI, "Cluster", admSpec(strings.TrimPrefix(admClusterFP, "region: us-east-1, "))),
			wantErr:  "region cannot be removed once set: an EKS cluster cannot move between regions",
		},
		"ClusterRegionChanged": {
			reason:   "An EKS cluster's region cannot change.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP)),
			update:   admMR(admClusterAPI, "Cluster", admSpec(strings.Replace(admClusterFP, "us-east-1", "eu-west-1", 1))),
			wantErr:  "region cannot change: create a new cluster in the other region",
		},
		"NodegroupRegionRemoved": {
			reason:   "A node group's region cannot be removed once set.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(admNodeFP)),
			update:   admMR(admClusterAPI, "Nodegroup", admSpec(strings.TrimPrefix(admNodeFP, "region: us-east-1, "))),
			wantErr:  "region cannot be removed once set: a node group cannot move between regions",
		},
		"PodIdentityAssociationRegionRemoved": {
			reason:   "A pod identity association's region cannot be removed once set.",
			manifest: admMR(admClusterAPI, "PodIdentityAssociation", admSpec(admPiaFP)),
			update:   admMR(admClusterAPI, "PodIdentityAssociation", admSpec(strings.TrimPrefix(admPiaFP, "region: us-east-1, "))),
			wantErr:  "region cannot be removed once set: a pod identity association cannot move between regions",
		},
		"VPCRegionRemoved": {
			reason:   "A VPC's region cannot be removed once set.",
			manifest: admMR(admEc2API, "VPC", admSpec(admVpcFP)),
			update:   admMR(admEc2API, "VPC", admSpec("cidrBlock: 10.0.0.0/16")),
			wantErr:  "region cannot be removed once set: a VPC cannot move between regions",
		},
		"VPCRegionChanged": {
			reason:   "A VPC's region cannot change.",
			manifest: admMR(admEc2API, "VPC", admSpec(admVpcFP)),
			update:   admMR(admEc2API, "VPC", admSpec("region: eu-west-1, cidrBlock: 10.0.0.0/16")),
			wantErr:  "region is immutable: create a new VPC in the other region instead",
		},
		"ElasticIPForProviderRemoved": {
			reason:   "Removing an Elastic IP's whole forProvider (it is optional) removes the region too: refused.",
			manifest: admMR(admEc2API, "ElasticIP", admSpec("region: us-east-1")),
			update:   admMR(admEc2API, "ElasticIP", "{"+strings.TrimSuffix(admObserve, ", ")+"}"),
			wantErr:  "region cannot be removed once set: an Elastic IP cannot move between regions",
		},
		"BucketRegionRemoved": {
			reason:   "A bucket's region cannot be removed once set.",
			manifest: admMR(admS3API, "Bucket", admSpec("region: us-east-1")),
			update:   admMR(admS3API, "Bucket", admSpec("forceDestroy: false")),
			wantErr:  "region cannot be removed once set: a bucket cannot move between regions",
		},

		// Region shape.
		"RegionUSEast1":     {reason: "us-east-1 is a region.", manifest: admMR(admS3API, "Bucket", admSpec("region: us-east-1"))},
		"RegionEUCentral2":  {reason: "eu-central-2 is a region.", manifest: admMR(admS3API, "Bucket", admSpec("region: eu-central-2"))},
		"RegionAPNorthEast": {reason: "ap-northeast-2 is a region.", manifest: admMR(admS3API, "Bucket", admSpec("region: ap-northeast-2"))},
		"RegionGovCloud":    {reason: "us-gov-west-1 is a region.", manifest: admMR(admS3API, "Bucket", admSpec("region: us-gov-west-1"))},
		"RegionChina":       {reason: "cn-north-1 is a region.", manifest: admMR(admS3API, "Bucket", admSpec("region: cn-north-1"))},
		"RegionIsrael":      {reason: "il-central-1 is a region.", manifest: admMR(admS3API, "Bucket", admSpec("region: il-central-1"))},
		"RegionMexico":      {reason: "mx-central-1 is a region.", manifest: admMR(admClusterAPI, "Addon", admSpec(strings.Replace(admAddonFP, "us-east-1", "mx-central-1", 1)))},
		"RegionISOB":        {reason: "us-isob-east-1 is a region.", manifest: admMR(admEc2API, "VPC", admSpec("region: us-isob-east-1, cidrBlock: 10.0.0.0/16"))},
		"RegionSovereignEU": {reason: "eusc-de-east-1 (European Sovereign Cloud) is a region.", manifest: admMR(admS3API, "Bucket", admSpec("region: eusc-de-east-1"))},
		"RegionZone": {
			reason:   "An availability zone is not a region.",
			manifest: admMR(admS3API, "Bucket", admSpec("region: us-east-1a")),
			wantErr:  "region must be an AWS region code such as us-east-1",
		},
		"RegionUpperCase": {
			reason:   "Region codes are lower case.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(strings.Replace(admClusterFP, "us-east-1", "US-EAST-1", 1))),
			wantErr:  "region must be an AWS region code such as us-east-1",
		},
		"RegionNoNumber": {
			reason:   "A region code ends in a number.",
			manifest: admMR(admClusterAPI, "AccessEntry", admSpec(strings.Replace(admEntryFP, "us-east-1", "us-east", 1))),
			wantErr:  "region must be an AWS region code such as us-east-1",
		},
		"RegionProviderConfig": {
			reason: "A ProviderConfig's region has the same shape.",
			manifest: `apiVersion: kaws.dev/v1alpha1
kind: ProviderConfig
metadata: {name: $NAME, namespace: default}
spec: {region: useast1, credentials: {source: Environment}}
`,
			wantErr: "region must be an AWS region code such as us-east-1",
		},

		// Required fields: a value, a reference or a selector.
		"ClusterRoleMissing": {
			reason:   "A cluster needs its IAM role.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(`region: us-east-1, resourcesVpcConfig: {subnetIds: [subnet-0a, subnet-0b]}`)),
			wantErr:  "set one of roleArn, roleArnRef or roleArnSelector",
		},
		"ClusterRoleByRef": {
			reason:   "A reference to a Role is enough.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(`region: us-east-1, roleArnRef: {name: r}, resourcesVpcConfig: {subnetIds: [subnet-0a, subnet-0b]}`)),
		},
		"ClusterSubnetsMissing": {
			reason:   "A cluster needs subnets.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(`region: us-east-1, roleArn: "arn:aws:iam::123456789012:role/eks", resourcesVpcConfig: {endpointPublicAccess: true}`)),
			wantErr:  "set one of resourcesVpcConfig.subnetIds, subnetIdRefs or subnetIdSelector",
		},
		"ClusterSubnetsEmpty": {
			reason:   "An empty subnet list is no subnets.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(`region: us-east-1, roleArn: "arn:aws:iam::123456789012:role/eks", resourcesVpcConfig: {subnetIds: []}`)),
			wantErr:  "set one of resourcesVpcConfig.subnetIds, subnetIdRefs or subnetIdSelector",
		},
		"ClusterSubnetsBySelector": {
			reason:   "A subnet selector is enough.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(`region: us-east-1, roleArn: "arn:aws:iam::123456789012:role/eks", resourcesVpcConfig: {subnetIdSelector: {matchLabels: {net: a}}}`)),
		},
		"NodegroupClusterMissing": {
			reason:   "A node group needs its cluster.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(strings.Replace(admNodeFP, "clusterName: c, ", "", 1))),
			wantErr:  "set one of clusterName, clusterNameRef or clusterNameSelector",
		},
		"NodegroupRoleMissing": {
			reason:   "A node group needs the nodes' IAM role.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(`region: us-east-1, clusterName: c, subnets: [subnet-0a], scalingConfig: {minSize: 1, maxSize: 2}`)),
			wantErr:  "set one of nodeRole, nodeRoleRef or nodeRoleSelector",
		},
		"NodegroupSubnetsMissing": {
			reason:   "A node group needs subnets.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(`region: us-east-1, clusterName: c, nodeRole: "arn:aws:iam::123456789012:role/node", scalingConfig: {minSize: 1, maxSize: 2}`)),
			wantErr:  "set one of subnets, subnetRefs or subnetSelector",
		},
		"NodegroupByReferences": {
			reason:   "References are enough for all three.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(`region: us-east-1, clusterNameRef: {name: c}, nodeRoleSelector: {matchLabels: {role: node}}, subnetRefs: [{name: a}], scalingConfig: {minSize: 1, maxSize: 2}`)),
		},
		"AddonClusterMissing": {
			reason:   "An add-on needs its cluster.",
			manifest: admMR(admClusterAPI, "Addon", admSpec(`region: us-east-1, addonName: vpc-cni`)),
			wantErr:  "set one of clusterName, clusterNameRef or clusterNameSelector",
		},
		"AccessEntryClusterMissing": {
			reason:   "An access entry needs its cluster.",
			manifest: admMR(admClusterAPI, "AccessEntry", admSpec(`region: us-east-1, principalArn: "arn:aws:iam::123456789012:role/dev"`)),
			wantErr:  "set one of clusterName, clusterNameRef or clusterNameSelector",
		},
		"AccessEntryPrincipalMissing": {
			reason:   "An access entry needs its principal.",
			manifest: admMR(admClusterAPI, "AccessEntry", admSpec(`region: us-east-1, clusterName: c`)),
			wantErr:  "set one of principalArn, principalArnRef or principalArnSelector",
		},
		"AccessPolicyAssociationClusterMissing": {
			reason:   "An access policy association needs its cluster.",
			manifest: admMR(admClusterAPI, "AccessPolicyAssociation", admSpec(strings.Replace(admApaFP, "clusterName: c, ", "", 1), "accessScope: {type: cluster}")),
			wantErr:  "set one of clusterName, clusterNameRef or clusterNameSelector",
		},
		"AccessPolicyAssociationPrincipalMissing": {
			reason:   "An access policy association needs the entry's principal.",
			manifest: admMR(admClusterAPI, "AccessPolicyAssociation", admSpec(`region: us-east-1, clusterName: c, policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: {type: cluster}`)),
			wantErr:  "set one of principalArn, principalArnRef or principalArnSelector",
		},
		"PodIdentityAssociationClusterMissing": {
			reason:   "A pod identity association needs its cluster.",
			manifest: admMR(admClusterAPI, "PodIdentityAssociation", admSpec(strings.Replace(admPiaFP, "clusterName: c, ", "", 1))),
			wantErr:  "set one of clusterName, clusterNameRef or clusterNameSelector",
		},
		"PodIdentityAssociationRoleMissing": {
			reason:   "A pod identity association needs the role the pods assume.",
			manifest: admMR(admClusterAPI, "PodIdentityAssociation", admSpec(`region: us-east-1, clusterName: c, namespace: default, serviceAccount: app`)),
			wantErr:  "set one of roleArn, roleArnRef or roleArnSelector",
		},
		"PodIdentityAssociationByReferences": {
			reason:   "References are enough.",
			manifest: admMR(admClusterAPI, "PodIdentityAssociation", admSpec(`region: us-east-1, clusterNameRef: {name: c}, namespace: default, serviceAccount: app, roleArnRef: {name: r}`)),
		},

		// providerConfigRef.kind.
		"ProviderConfigKindTypo": {
			reason:   "providerConfigRef.kind must name one of the two provider config kinds.",
			manifest: admMR(admS3API, "Bucket", "{"+admObserve+"providerConfigRef: {kind: ProviderConfg, name: default}, forProvider: {region: us-east-1}}"),
			wantErr:  `Unsupported value: "ProviderConfg"`,
		},
		"ProviderConfigKindOtherGroup": {
			reason:   "The enum is on every managed resource, here an IAM Role.",
			manifest: admMR(admIamAPI, "Role", "{"+admObserve+"providerConfigRef: {kind: Secret, name: default}, forProvider: {"+admRoleFP+"}}"),
			wantErr:  `supported values: "ClusterProviderConfig", "ProviderConfig"`,
		},
		"ProviderConfigKindNamespaced": {
			reason:   "ProviderConfig is accepted.",
			manifest: admMR(admEc2API, "VPC", "{"+admObserve+"providerConfigRef: {kind: ProviderConfig, name: team}, forProvider: {"+admVpcFP+"}}"),
		},
		"ProviderConfigKindCluster": {
			reason:   "ClusterProviderConfig is accepted.",
			manifest: admMR(admClusterAPI, "Addon", "{"+admObserve+"providerConfigRef: {kind: ClusterProviderConfig, name: default}, forProvider: {"+admAddonFP+"}}"),
		},

		// metadata.name: CEL cannot read annotations, so the limits hold
		// with the external-name annotation too, and the messages say so.
		"CELCannotReadAnnotations": {
			reason:   "A CRD's CEL rule sees metadata.name and metadata.generateName only: one reading metadata.annotations is refused.",
			manifest: admAnnotationsCRD,
			wantErr:  "compilation failed: ERROR: <input>:1:4: undefined field 'annotations'",
		},
		"ClusterName100": {
			reason:   "A 100-character cluster name is fine.",
			manifest: admMRMeta(admClusterAPI, "Cluster", long(100), "", admSpec(admClusterFP)),
		},
		"ClusterName101": {
			reason:   "A 101-character cluster name is too long.",
			manifest: admMRMeta(admClusterAPI, "Cluster", long(101), "", admSpec(admClusterFP)),
			wantErr:  "metadata.name must be at most 100 characters",
		},
		"ClusterName101ExternalName": {
			reason:   "The limit holds with the external-name annotation too, and the message says why instead of suggesting the annotation.",
			manifest: admMRMeta(admClusterAPI, "Cluster", long(101), "crossplane.io/external-name: short", admSpec(admClusterFP)),
			wantErr:  "the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations)",
		},
		"NodegroupName64": {
			reason:   "A 64-character node group name is too long.",
			manifest: admMRMeta(admClusterAPI, "Nodegroup", long(64), "", admSpec(admNodeFP)),
			wantErr:  "metadata.name must be at most 63 characters, the limit of an EKS node group name",
		},
		"RoleName65": {
			reason:   "A 65-character role name is too long.",
			manifest: admMRMeta(admIamAPI, "Role", long(65), "crossplane.io/external-name: short", admSpec(admRoleFP)),
			wantErr:  "metadata.name must be at most 64 characters, the limit of an IAM role name",
		},
		"PolicyName129": {
			reason:   "A 129-character policy name is too long.",
			manifest: admMRMeta(admIamAPI, "Policy", long(129), "", admSpec(admPolicyFP)),
			wantErr:  "metadata.name must be at most 128 characters, the limit of an IAM policy name",
		},
		"InstanceProfileName129": {
			reason:   "A 129-character instance profile name is too long.",
			manifest: admMRMeta(admIamAPI, "InstanceProfile", long(129), "", admSpec()),
			wantErr:  "metadata.name must be at most 128 characters, the limit of an IAM instance profile name",
		},
		"BucketNameTooShortExternalName": {
			reason:   "A bucket's metadata.name must be a valid bucket name also with the annotation, and the message says why.",
			manifest: admMRMeta(admS3API, "Bucket", "ab", "crossplane.io/external-name: my-existing-bucket", admSpec("region: us-east-1")),
			wantErr:  "the rule holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations)",
		},
		"BucketNameOtherThanExternalName": {
			reason:   "A valid metadata.name and an external name that differs are accepted (adoption).",
			manifest: admMRMeta(admS3API, "Bucket", "imported-bucket", "crossplane.io/external-name: my-existing-bucket", admSpec("region: us-east-1")),
		},

		// Tags.
		"TagAWSPrefix": {
			reason:   "aws: keys are AWS's own.",
			manifest: admMR(admIamAPI, "Role", admSpec(admRoleFP, "tags: "+admTag("aws:cloudformation:stack-name", "x"))),
			wantErr:  "tag keys starting with aws: are reserved for AWS",
		},
		"TagAWSPrefixUpperCaseEC2": {
			reason:   "AWS reserves aws: in any case, and EC2 kinds refuse it too.",
			manifest: admMR(admEc2API, "VPC", admSpec(admVpcFP, "tags: "+admTag("AWS:x", "y"))),
			wantErr:  "tag keys starting with aws: are reserved for AWS",
		},
		"TagAWSPrefixSecurityGroup": {
			reason:   "The SecurityGroup's tags are EC2 tags too.",
			manifest: admMR(admEc2API, "SecurityGroup", admSpec(admSgFP, "tags: "+admTag("aws:x", "y"))),
			wantErr:  "tag keys starting with aws: are reserved for AWS",
		},
		"TagIdentityKey": {
			reason:   "The provider's identity tag cannot be set by users.",
			manifest: admMR(admEc2API, "VPC", admSpec(admVpcFP, "tags: "+admTag("kaws.dev/managed-by", "default/x/uid"))),
			wantErr:  "kaws.dev/managed-by is the provider's identity tag and cannot be set by users",
		},
		"TagIdentityKeyEKS": {
			reason:   "Also on a kind that does not use the identity tag.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "tags: "+admTag("kaws.dev/managed-by", "x"))),
			wantErr:  "kaws.dev/managed-by is the provider's identity tag and cannot be set by users",
		},
		"TagKeyEmpty": {
			reason:   "A tag key cannot be empty.",
			manifest: admMR(admS3API, "Bucket", admSpec("region: us-east-1", "tags: "+admTag("", "v"))),
			wantErr:  "tag keys must be 1 to 128 characters long",
		},
		"TagKey128IAM": {
			reason:   "IAM tag keys may have 128 characters.",
			manifest: admMR(admIamAPI, "Role", admSpec(admRoleFP, "tags: "+admTag(long(128), "v"))),
		},
		"TagKey129IAM": {
			reason:   "IAM tag keys may not have 129 characters.",
			manifest: admMR(admIamAPI, "Role", admSpec(admRoleFP, "tags: "+admTag(long(129), "v"))),
			wantErr:  "tag keys must be 1 to 128 characters long",
		},
		"TagKey127EC2": {
			reason:   "EC2 tag keys may have 127 characters.",
			manifest: admMR(admEc2API, "VPC", admSpec(admVpcFP, "tags: "+admTag(long(127), "v"))),
		},
		"TagKey128EC2": {
			reason:   "EC2 tag keys may not have 128 characters (IAM's may).",
			manifest: admMR(admEc2API, "VPC", admSpec(admVpcFP, "tags: "+admTag(long(128), "v"))),
			wantErr:  "EC2 tag keys must be 1 to 127 characters long",
		},
		"TagValue256": {
			reason:   "Tag values may have 256 characters.",
			manifest: admMR(admClusterAPI, "Addon", admSpec(admAddonFP, "tags: "+admTag("k", long(256)))),
		},
		"TagValue257": {
			reason:   "Tag values may not have 257 characters.",
			manifest: admMR(admClusterAPI, "Addon", admSpec(admAddonFP, "tags: "+admTag("k", long(257)))),
			wantErr:  "tag values must be at most 256 characters long",
		},
		"TagValue255EC2": {
			reason:   "EC2 tag values may have 255 characters.",
			manifest: admMR(admEc2API, "Subnet", admSpec("region: us-east-1, vpcId: vpc-0a, cidrBlock: 10.0.1.0/24", "tags: "+admTag("k", long(255)))),
		},
		"TagValue256EC2": {
			reason:   "EC2 tag values may not have 256 characters.",
			manifest: admMR(admEc2API, "Subnet", admSpec("region: us-east-1, vpcId: vpc-0a, cidrBlock: 10.0.1.0/24", "tags: "+admTag("k", long(256)))),
			wantErr:  "EC2 tag values must be at most 255 characters long",
		},
		"Tags50": {
			reason:   "50 tags fit (e.g. adopted with 50 tags; the identity tag is never in the spec).",
			manifest: admMR(admS3API, "Bucket", admSpec("region: us-east-1", "tags: "+admTags(50))),
		},
		"Tags50EC2": {
			reason:   "50 tags fit an EC2 kind too.",
			manifest: admMR(admEc2API, "VPC", admSpec(admVpcFP, "tags: "+admTags(50))),
		},
		"Tags51": {
			reason:   "51 tags are too many.",
			manifest: admMR(admIamAPI, "Policy", admSpec(admPolicyFP, "tags: "+admTags(51))),
			wantErr:  "must have at most 50 items",
		},

		// Lists AWS treats as sets.
		"NodegroupSubnetsReordered": {
			reason:   "The same subnets in another order are no change.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(admNodeFP)),
			update:   admMR(admClusterAPI, "Nodegroup", admSpec(strings.Replace(admNodeFP, "[subnet-0a, subnet-0b]", "[subnet-0b, subnet-0a]", 1))),
		},
		"NodegroupSubnetsChanged": {
			reason:   "Other subnets are a change, refused.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(admNodeFP)),
			update:   admMR(admClusterAPI, "Nodegroup", admSpec(strings.Replace(admNodeFP, "[subnet-0a, subnet-0b]", "[subnet-0a, subnet-0c]", 1))),
			wantErr:  "subnets cannot change (only their order can)",
		},
		"NodegroupSubnetsAdded": {
			reason:   "An added subnet is a change, refused.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(admNodeFP)),
			update:   admMR(admClusterAPI, "Nodegroup", admSpec(strings.Replace(admNodeFP, "[subnet-0a, subnet-0b]", "[subnet-0a, subnet-0b, subnet-0c]", 1))),
			wantErr:  "subnets cannot change (only their order can)",
		},
		"NodegroupInstanceTypesReordered": {
			reason:   "instanceTypes are ordered (EKS prefers the first for ON_DEMAND): a new order is a change.",
			manifest: admMR(admClusterAPI, "Nodegroup", admSpec(admNodeFP, "instanceTypes: [m5.large, m6i.large]")),
			update:   admMR(admClusterAPI, "Nodegroup", admSpec(admNodeFP, "instanceTypes: [m6i.large, m5.large]")),
			wantErr:  "instanceTypes cannot change",
		},

		// accessScope.
		"AccessScopeNamespaceWithout": {
			reason:   "type namespace without namespaces gets the rule's message, not a CEL evaluation error.",
			manifest: admMR(admClusterAPI, "AccessPolicyAssociation", admSpec(admApaFP, "accessScope: {type: namespace}")),
			// An evaluation error would read `accessScope: Invalid value: "object": no such key: namespaces evaluating rule: <message>`.
			wantErr: "accessScope: Invalid value: set namespaces exactly when type is namespace",
		},
		"AccessScopeNamespaceEmpty": {
			reason:   "type namespace with an empty list of namespaces is refused.",
			manifest: admMR(admClusterAPI, "AccessPolicyAssociation", admSpec(admApaFP, "accessScope: {type: namespace, namespaces: []}")),
			wantErr:  "set namespaces exactly when type is namespace",
		},
		"AccessScopeClusterWithNamespaces": {
			reason:   "type cluster with namespaces is refused.",
			manifest: admMR(admClusterAPI, "AccessPolicyAssociation", admSpec(admApaFP, "accessScope: {type: cluster, namespaces: [a]}")),
			wantErr:  "set namespaces exactly when type is namespace",
		},
		"AccessScopeNamespace": {
			reason:   "type namespace with namespaces is accepted.",
			manifest: admMR(admClusterAPI, "AccessPolicyAssociation", admSpec(admApaFP, "accessScope: {type: namespace, namespaces: [a, b]}")),
		},
	}

	admRun(t, "adm-", cases)
}

// An admCase is one admission check: manifest is applied as a server-side
// dry run, or, with update set, created for real (paused and Observe-only,
// see admMR) and update applied as a dry run. The API server's error must
// contain wantErr; an empty wantErr means the manifest (or update) must be
// accepted. $NAME in either is replaced by the case's object name.
type admCase struct {
	reason   string
	manifest string
	update   string
	wantErr  string
}

// admRun runs the cases in parallel, naming each case's object prefix plus
// the case's name in lower case.
func admRun(t *testing.T, prefix string, cases map[string]admCase) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			objName := prefix + strings.ToLower(name)
			if len(objName) > 60 {
				objName = objName[:60]
			}
			manifest := strings.ReplaceAll(tc.manifest, "$NAME", objName)
			update := strings.ReplaceAll(tc.update, "$NAME", objName)

			step, yaml, dryRun := "create", manifest, true
			if update != "" {
				objs, err := stack.Apply(t.Context(), []byte(manifest), false)
				if err != nil {
					t.Fatalf("\n%s\ncreate (before the update): %v", tc.reason, err)
				}
				t.Cleanup(func() { admDeleteNow(t, objs) })
				step, yaml = "update", update
			}
			objs, err := stack.Apply(t.Context(), []byte(yaml), dryRun)
			if err != nil {
				t.Logf("%s: %v", step, err)
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("\n%s\n%s: want accepted, got: %v", tc.reason, step, err)
			case tc.wantErr != "" && err == nil:
				t.Errorf("\n%s\n%s: want an error containing %q, got %s accepted", tc.reason, step, tc.wantErr, admDescribe(objs))
			case tc.wantErr != "" && !strings.Contains(err.Error(), tc.wantErr):
				t.Errorf("\n%s\n%s: want an error containing %q, got: %v", tc.reason, step, tc.wantErr, err)
			}
		})
	}
}

// admDeleteNow deletes objects created by a case and waits until they are
// gone (at once: they are paused, so they have no finalizer). It runs in
// t.Cleanup, after t.Context() is canceled.
func admDeleteNow(t *testing.T, objs []*unstructured.Unstructured) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, o := range objs {
		if err := stack.Client.Delete(ctx, o); err != nil && !kerrors.IsNotFound(err) {
			t.Errorf("delete %s: %v", local.Describe(o), err)
			continue
		}
		err := wait.PollUntilContextCancel(ctx, pollEvery, true, func(ctx context.Context) (bool, error) {
			_, err := stack.Get(ctx, o)
			return kerrors.IsNotFound(err), nil
		})
		if err != nil {
			t.Errorf("%s is not gone: %v", local.Describe(o), err)
		}
	}
}

// admDescribe names the objects for a message.
func admDescribe(objs []*unstructured.Unstructured) string {
	names := make([]string, len(objs))
	for i, o := range objs {
		names[i] = local.Describe(o)
	}
	return strings.Join(names, ", ")
}
