// Command iampolicy writes the least-privilege IAM policies of the provider
// (`make iam-policy`): docs/iam/<service>.json, one policy document per AWS
// service, and docs/iam/all.json with every service's statements.
//
// The actions come from the code, not from a hand-kept list: every AWS
// operation a kind can call is a method of its service kit's narrow API
// interface (S3: the Bucket controller's), read here by reflection. A method
// names its IAM action as <prefix>:<method> except where the tables below say
// otherwise (S3's action names differ from its operation names, so every S3
// method must be listed), and a few statements say what no method does
// (iam:PassRole for the roles EKS kinds pass, the service-linked roles EKS
// creates). The unit tests fail when docs/iam is stale, when a kit gains a
// method that needs a table entry, and when an entry names no method.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/pkg/errors"

	"github.com/kaws-dev/provider-aws/internal/controller/dynamodb/dynamodbkit"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/ecr/ecrkit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmskit"
	"github.com/kaws-dev/provider-aws/internal/controller/s3/bucket"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqskit"
)

// Version is the policy language version of every document.
const Version = "2012-10-17"

// A Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// A Statement is one statement of a policy document.
type Statement struct {
	Sid       string                         `json:"Sid"`
	Effect    string                         `json:"Effect"`
	Action    []string                       `json:"Action"`
	Resource  []string                       `json:"Resource"`
	Condition map[string]map[string][]string `json:"Condition,omitempty"`
}

// A Service is one AWS service the provider calls, and what its policy
// needs beyond the methods of its API.
type Service struct {
	// Name names the file (docs/iam/<Name>.json) and the statements (Sid).
	Name string
	// Prefix is the IAM service prefix of the actions, e.g. "ec2".
	Prefix string
	// API is the kit's API interface: each method is an AWS operation the
	// provider calls, and names the action Prefix:Method unless Actions
	// says otherwise.
	API reflect.Type
	// Strict services' method names do not name their actions (S3): every
	// method must have an entry in Actions.
	Strict bool
	// Actions maps a method to the IAM actions it needs, where they are not
	// just Prefix:Method (Service Authorization Reference, "Actions defined
	// by ..."; a method may need several, e.g. a create with an option).
	Actions map[string][]string
	// Resource is what the actions apply to; "*" when empty.
	Resource []string
	// PassRole maps a method that passes a role to AWS to the service
	// principal the role is passed to (the iam:PassedToService condition).
	PassRole map[string]string
	// Extra holds statements no method names (actions AWS performs on the
	// caller's behalf and checks against the caller's permissions).
	Extra []Statement
}

// Services is every service the provider calls, in the order of all.json.
var Services = []Service{
	{
		Name: "s3", Prefix: "s3", API: reflect.TypeFor[bucket.API](), Strict: true,
		// S3's actions are named after the sub-resource, not the operation;
		// a Delete of a sub-resource is usually its Put.
		Actions: map[string][]string{
			"HeadBucket":                      {"s3:ListBucket"},
			"CreateBucket":                    {"s3:CreateBucket", "s3:PutBucketOwnershipControls"}, // forProvider.objectOwnership is sent with the create
			"DeleteBucket":                    {"s3:DeleteBucket"},
			"GetBucketTagging":                {"s3:GetBucketTagging"},
			"PutBucketTagging":                {"s3:PutBucketTagging"},
			"DeleteBucketTagging":             {"s3:PutBucketTagging"},
			"GetBucketVersioning":             {"s3:GetBucketVersioning"},
			"PutBucketVersioning":             {"s3:PutBucketVersioning"},
			"GetBucketEncryption":             {"s3:GetEncryptionConfiguration"},
			"PutBucketEncryption":             {"s3:PutEncryptionConfiguration"},
			"GetBucketLifecycleConfiguration": {"s3:GetLifecycleConfiguration"},
			"PutBucketLifecycleConfiguration": {"s3:PutLifecycleConfiguration"},
			"DeleteBucketLifecycle":           {"s3:PutLifecycleConfiguration"},
			"GetPublicAccessBlock":            {"s3:GetBucketPublicAccessBlock"},
			"PutPublicAccessBlock":            {"s3:PutBucketPublicAccessBlock"},
			"GetBucketOwnershipControls":      {"s3:GetBucketOwnershipControls"},
			"PutBucketOwnershipControls":      {"s3:PutBucketOwnershipControls"},
			"GetBucketPolicy":                 {"s3:GetBucketPolicy"},
			"PutBucketPolicy":                 {"s3:PutBucketPolicy"},
			"DeleteBucketPolicy":              {"s3:DeleteBucketPolicy"},
			"GetBucketWebsite":                {"s3:GetBucketWebsite"},
			"PutBucketWebsite":                {"s3:PutBucketWebsite"},
			"GetBucketCors":                   {"s3:GetBucketCORS"},
			"PutBucketCors":                   {"s3:PutBucketCORS"},
			"DeleteBucketCors":                {"s3:PutBucketCORS"},
			"ListObjectVersions":              {"s3:ListBucketVersions"},
			"DeleteObjects":                   {"s3:DeleteObject", "s3:DeleteObjectVersion"}, // forceDestroy deletes every version
		},
		// Buckets and (for forceDestroy) their objects, in any partition.
		Resource: []string{"arn:*:s3:::*", "arn:*:s3:::*/*"},
	},
	{Name: "ec2", Prefix: "ec2", API: reflect.TypeFor[ec2kit.API]()},
	{Name: "iam", Prefix: "iam", API: reflect.TypeFor[iamkit.API]()},
	{
		Name: "eks", Prefix: "eks", API: reflect.TypeFor[ekskit.API](),
		// A pod identity association's role is read by EKS as the caller.
		Actions: map[string][]string{
			"CreatePodIdentityAssociation": {"eks:CreatePodIdentityAssociation", "iam:GetRole"},
			"UpdatePodIdentityAssociation": {"eks:UpdatePodIdentityAssociation", "iam:GetRole"},
		},
		PassRole: map[string]string{
			"CreateCluster":                "eks.amazonaws.com",      // roleArn, computeConfig.nodeRoleArn
			"UpdateClusterConfig":          "eks.amazonaws.com",      // computeConfig.nodeRoleArn
			"CreateNodegroup":              "eks.amazonaws.com",      // nodeRole
			"CreateAddon":                  "eks.amazonaws.com",      // serviceAccountRoleArn
			"UpdateAddon":                  "eks.amazonaws.com",      // serviceAccountRoleArn
			"CreatePodIdentityAssociation": "pods.eks.amazonaws.com", // roleArn
			"UpdatePodIdentityAssociation": "pods.eks.amazonaws.com", // roleArn
		},
		Extra: []Statement{
			{
				// The first cluster and node group of an account create
				// EKS's service-linked roles.
				Sid: "ProviderAwsEksServiceLinkedRoles", Effect: "Allow",
				Action:   []string{"iam:CreateServiceLinkedRole"},
				Resource: []string{"arn:*:iam::*:role/aws-service-role/*"},
				Condition: map[string]map[string][]string{
					"StringEquals": {"iam:AWSServiceName": {"eks-nodegroup.amazonaws.com", "eks.amazonaws.com"}},
				},
			},
			{
				// A Cluster's kubeconfig token is a presigned
				// GetCallerIdentity (AWS allows it to every identity).
				Sid: "ProviderAwsEksToken", Effect: "Allow",
				Action:   []string{"sts:GetCallerIdentity"},
				Resource: []string{"*"},
			},
		},
	},
	{Name: "kms", Prefix: "kms", API: reflect.TypeFor[kmskit.API]()},
	{Name: "sqs", Prefix: "sqs", API: reflect.TypeFor[sqskit.API]()},
	{Name: "sns", Prefix: "sns", API: reflect.TypeFor[snskit.API]()},
	{Name: "dynamodb", Prefix: "dynamodb", API: reflect.TypeFor[dynamodbkit.API]()},
	{Name: "ecr", Prefix: "ecr", API: reflect.TypeFor[ecrkit.API]()},
}

// actionRE is the form of an IAM action: a service prefix and a name.
var actionRE = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9]+$`)

// Methods returns the names of api's methods (embedded interfaces
// included), sorted.
func Methods(api reflect.Type) []string {
	names := make([]string, 0, api.NumMethod())
	for i := range api.NumMethod() {
		names = append(names, api.Method(i).Name)
	}
	slices.Sort(names)
	return names
}

// Actions returns the sorted IAM actions the methods of s.API need.
func Actions(s Service) ([]string, error) {
	if s.API == nil || s.API.Kind() != reflect.Interface {
		return nil, errors.Errorf("%s: API must be an interface type", s.Name)
	}
	methods := Methods(s.API)
	for _, table := range []struct {
		name string
		keys []string
	}{{"Actions", mapKeys(s.Actions)}, {"PassRole", mapKeys(s.PassRole)}} {
		for _, m := range table.keys {
			if !slices.Contains(methods, m) {
				return nil, errors.Errorf("%s: %s names %s, which is not a method of %s: remove the entry", s.Name, table.name, m, s.API)
			}
		}
	}
	var out []string
	for _, m := range methods {
		acts, ok := s.Actions[m]
		switch {
		case ok:
		case s.Strict:
			return nil, errors.Errorf("%s: method %s of %s has no entry in the Actions table (%s operations do not name their IAM actions): add the actions the Service Authorization Reference lists for it", s.Name, m, s.API, s.Name)
		default:
			acts = []string{s.Prefix + ":" + m}
		}
		if len(acts) == 0 {
			return nil, errors.Errorf("%s: the Actions entry of %s is empty", s.Name, m)
		}
		for _, a := range acts {
			if !actionRE.MatchString(a) {
				return nil, errors.Errorf("%s: %q (for %s) is not an IAM action", s.Name, a, m)
			}
		}
		out = append(out, acts...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Policy returns the policy document of one service.
func Policy(s Service) (Document, error) {
	acts, err := Actions(s)
	if err != nil {
		return Document{}, err
	}
	res := s.Resource
	if len(res) == 0 {
		res = []string{"*"}
	}
	d := Document{Version: Version, Statement: []Statement{{Sid: sid(s.Name), Effect: "Allow", Action: acts, Resource: res}}}
	if len(s.PassRole) > 0 {
		var to []string
		for _, svc := range s.PassRole {
			to = append(to, svc)
		}
		slices.Sort(to)
		d.Statement = append(d.Statement, Statement{
			Sid: sid(s.Name) + "PassRole", Effect: "Allow",
			Action:    []string{"iam:PassRole"},
			Resource:  []string{"arn:*:iam::*:role/*"},
			Condition: map[string]map[string][]string{"StringEquals": {"iam:PassedToService": slices.Compact(to)}},
		})
	}
	d.Statement = append(d.Statement, s.Extra...)
	return d, nil
}

// All returns every service's policy document by name, and "all": their
// statements together.
func All(svcs []Service) (map[string]Document, error) {
	out := map[string]Document{}
	all := Document{Version: Version}
	for _, s := range svcs {
		if s.Name == "all" || out[s.Name].Version != "" {
			return nil, errors.Errorf("service name %q is reserved or used twice", s.Name)
		}
		d, err := Policy(s)
		if err != nil {
			return nil, err
		}
		out[s.Name] = d
		all.Statement = append(all.Statement, d.Statement...)
	}
	out["all"] = all
	return out, nil
}

// Render returns d as the file content: indented JSON and a newline.
func Render(d Document) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, errors.Wrap(err, "cannot encode the policy document")
	}
	return b.Bytes(), nil
}

// Files returns the content of every file of dir by name (<name>.json).
func Files(svcs []Service) (map[string][]byte, error) {
	docs, err := All(svcs)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, d := range docs {
		b, err := Render(d)
		if err != nil {
			return nil, errors.Wrap(err, name)
		}
		out[name+".json"] = b
	}
	return out, nil
}

// Stale returns the files of dir that differ from files, or are missing,
// and the .json files dir has that files lacks, sorted.
func Stale(dir string, files map[string][]byte) ([]string, error) {
	var stale []string
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !os.IsNotExist(err) {
			return nil, errors.Wrap(err, "cannot read the policy")
		}
		if !bytes.Equal(got, want) {
			stale = append(stale, name)
		}
	}
	extra, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, errors.Wrap(err, "cannot list the policies")
	}
	for _, p := range extra {
		if _, ok := files[filepath.Base(p)]; !ok {
			stale = append(stale, filepath.Base(p))
		}
	}
	slices.Sort(stale)
	return stale, nil
}

// Write writes files into dir and removes the .json files dir has that
// files lacks (a service that is gone).
func Write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return errors.Wrap(err, "cannot create the policy directory")
	}
	stale, err := Stale(dir, files)
	if err != nil {
		return err
	}
	for _, name := range stale {
		p := filepath.Join(dir, name)
		b, ok := files[name]
		if !ok {
			if err := os.Remove(p); err != nil {
				return errors.Wrap(err, "cannot remove a policy of no service")
			}
			continue
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return errors.Wrap(err, "cannot write the policy")
		}
	}
	return nil
}

func sid(name string) string {
	return "ProviderAws" + strings.ToUpper(name[:1]) + name[1:]
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func main() {
	dir := flag.String("dir", "docs/iam", "the directory of the policy documents")
	check := flag.Bool("check", false, "write nothing; fail when a file of -dir is not what would be written")
	flag.Parse()
	if err := run(*dir, *check); err != nil {
		fmt.Fprintln(os.Stderr, "iampolicy:", err)
		os.Exit(1)
	}
}

func run(dir string, check bool) error {
	files, err := Files(Services)
	if err != nil {
		return err
	}
	if !check {
		return Write(dir, files)
	}
	stale, err := Stale(dir, files)
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		return errors.Errorf("%s is out of date (%s); run make iam-policy and commit", dir, strings.Join(stale, ", "))
	}
	return nil
}
