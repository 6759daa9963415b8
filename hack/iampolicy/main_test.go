package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/kaws-dev/provider-aws/internal/controller/s3/bucket"
)

// The interfaces below stand for kits' API interfaces.

type plainAPI interface {
	DescribeThing(ctx context.Context) error
	CreateThing(ctx context.Context) error
}

type embeddingAPI interface {
	plainAPI
	TagThing(ctx context.Context) error
}

// grownBucketAPI is the Bucket's API after a new S3 operation was added
// without an entry in the S3 table.
type grownBucketAPI interface {
	bucket.API
	GetBucketAccelerateConfiguration(ctx context.Context) error
}

func TestActions(t *testing.T) {
	plain := reflect.TypeFor[plainAPI]()
	grown := reflect.TypeFor[grownBucketAPI]()
	s3 := Services[0]
	cases := map[string]struct {
		reason string
		svc    Service
		want   []string
		err    error
	}{
		"DefaultNames": {
			reason: "A method without an entry needs <prefix>:<method>, sorted.",
			svc:    Service{Name: "x", Prefix: "x", API: plain},
			want:   []string{"x:CreateThing", "x:DescribeThing"},
		},
		"EmbeddedInterfaces": {
			reason: "The methods of embedded interfaces (a kit's Tagger) count.",
			svc:    Service{Name: "x", Prefix: "x", API: reflect.TypeFor[embeddingAPI]()},
			want:   []string{"x:CreateThing", "x:DescribeThing", "x:TagThing"},
		},
		"TableEntries": {
			reason: "An entry replaces the default and may name several actions; duplicates are dropped.",
			svc: Service{Name: "x", Prefix: "x", API: plain, Actions: map[string][]string{
				"CreateThing": {"x:CreateThing", "x:DescribeThing", "y:GetRole"},
			}},
			want: []string{"x:CreateThing", "x:DescribeThing", "y:GetRole"},
		},
		"StrictNeedsEveryMethod": {
			reason: "A kit of a strict service (S3) that gains a method without a table entry must fail generation.",
			svc:    Service{Name: "s3", Prefix: "s3", API: grown, Strict: true, Actions: s3.Actions},
			err:    errors.Errorf("s3: method GetBucketAccelerateConfiguration of %s has no entry in the Actions table (s3 operations do not name their IAM actions): add the actions the Service Authorization Reference lists for it", grown),
		},
		"StaleActionsEntry": {
			reason: "An entry for a method the kit no longer has must fail generation.",
			svc:    Service{Name: "x", Prefix: "x", API: plain, Actions: map[string][]string{"DeleteThing": {"x:DeleteThing"}}},
			err:    errors.Errorf("x: Actions names DeleteThing, which is not a method of %s: remove the entry", plain),
		},
		"StalePassRoleEntry": {
			reason: "A PassRole entry for a method the kit no longer has must fail generation.",
			svc:    Service{Name: "x", Prefix: "x", API: plain, PassRole: map[string]string{"DeleteThing": "x.amazonaws.com"}},
			err:    errors.Errorf("x: PassRole names DeleteThing, which is not a method of %s: remove the entry", plain),
		},
		"NotAnAction": {
			reason: "An entry must name IAM actions.",
			svc:    Service{Name: "x", Prefix: "x", API: plain, Actions: map[string][]string{"CreateThing": {"CreateThing"}}},
			err:    errors.New(`x: "CreateThing" (for CreateThing) is not an IAM action`),
		},
		"EmptyEntry": {
			reason: "An empty entry would silently drop a method.",
			svc:    Service{Name: "x", Prefix: "x", API: plain, Actions: map[string][]string{"CreateThing": {}}},
			err:    errors.New("x: the Actions entry of CreateThing is empty"),
		},
		"NotAnInterface": {
			reason: "API must be an interface type.",
			svc:    Service{Name: "x", Prefix: "x", API: reflect.TypeFor[string]()},
			err:    errors.New("x: API must be an interface type"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := Actions(tc.svc)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nActions(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nActions(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestServicesCoverTheKits(t *testing.T) {
	// Every real kit's API is covered: a new S3 method without an entry, or
	// an entry left for a removed method, fails here.
	for _, s := range Services {
		acts, err := Actions(s)
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		if len(acts) < len(Methods(s.API)) && !s.Strict {
			t.Errorf("%s: %d actions for %d methods", s.Name, len(acts), len(Methods(s.API)))
		}
	}
}

func TestPolicy(t *testing.T) {
	plain := reflect.TypeFor[plainAPI]()
	extra := Statement{Sid: "Extra", Effect: "Allow", Action: []string{"sts:GetCallerIdentity"}, Resource: []string{"*"}}
	cases := map[string]struct {
		reason string
		svc    Service
		want   Document
	}{
		"ResourceDefaultsToAll": {
			reason: "A service without resources applies its actions to *.",
			svc:    Service{Name: "x", Prefix: "x", API: plain},
			want: Document{Version: Version, Statement: []Statement{
				{Sid: "ProviderAwsX", Effect: "Allow", Action: []string{"x:CreateThing", "x:DescribeThing"}, Resource: []string{"*"}},
			}},
		},
		"PassRoleAndExtra": {
			reason: "Methods that pass roles add one iam:PassRole statement conditioned on the services, sorted and unique; extra statements follow.",
			svc: Service{
				Name: "x", Prefix: "x", API: plain, Resource: []string{"arn:*:x:::*"},
				PassRole: map[string]string{"CreateThing": "x.amazonaws.com", "DescribeThing": "a.x.amazonaws.com"},
				Extra:    []Statement{extra},
			},
			want: Document{Version: Version, Statement: []Statement{
				{Sid: "ProviderAwsX", Effect: "Allow", Action: []string{"x:CreateThing", "x:DescribeThing"}, Resource: []string{"arn:*:x:::*"}},
				{
					Sid: "ProviderAwsXPassRole", Effect: "Allow", Action: []string{"iam:PassRole"}, Resource: []string{"arn:*:iam::*:role/*"},
					Condition: map[string]map[string][]string{"StringEquals": {"iam:PassedToService": {"a.x.amazonaws.com", "x.amazonaws.com"}}},
				},
				extra,
			}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := Policy(tc.svc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nPolicy(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestEKSPassesRoles(t *testing.T) {
	docs, err := All(Services)
	if err != nil {
		t.Fatal(err)
	}
	var pass *Statement
	for i, s := range docs["eks"].Statement {
		if s.Action[0] == "iam:PassRole" {
			pass = &docs["eks"].Statement[i]
		}
	}
	if pass == nil {
		t.Fatal("eks.json has no iam:PassRole statement")
	}
	if got := pass.Condition["StringEquals"]["iam:PassedToService"]; !strings.Contains(strings.Join(got, ","), "eks.amazonaws.com") {
		t.Errorf("iam:PassedToService: got %v, want eks.amazonaws.com among them", got)
	}
}

func TestSizes(t *testing.T) {
	// IAM's limits, whitespace not counted: a managed policy 6,144
	// characters, a role's inline policies 10,240 together.
	files, err := Files(Services)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		limit := 6144
		if name == "all.json" {
			limit = 10240
		}
		n := len(strings.Join(strings.Fields(string(b)), ""))
		if n > limit {
			t.Errorf("%s: %d characters, more than IAM's %d", name, n, limit)
		}
	}
}

func TestDocsAreCurrent(t *testing.T) {
	files, err := Files(Services)
	if err != nil {
		t.Fatal(err)
	}
	stale, err := Stale(filepath.Join("..", "..", "docs", "iam"), files)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) > 0 {
		t.Errorf("docs/iam is out of date (%s): run make iam-policy and commit", strings.Join(stale, ", "))
	}
}

func TestWriteAndStale(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"a.json": []byte("{}\n"), "all.json": []byte("[]\n")}
	gone := filepath.Join(dir, "gone.json")
	if err := os.WriteFile(gone, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Stale(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.json", "all.json", "gone.json"}, got); diff != "" {
		t.Errorf("Stale before Write: -want, +got:\n%s", diff)
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if got, err := Stale(dir, files); err != nil || len(got) > 0 {
		t.Errorf("Stale after Write: got %v, %v; want none", got, err)
	}
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("a policy of no service was kept: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a.json")); err != nil || !bytes.Equal(b, files["a.json"]) {
		t.Errorf("a.json: got %q, %v", b, err)
	}
}
