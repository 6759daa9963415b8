package gotemplating

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/structpb"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

func st(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRunFunction(t *testing.T) {
	xr := map[string]any{
		"apiVersion": "platform.kaws.dev/v1alpha1", "kind": "XNetwork",
		"metadata": map[string]any{"name": "net", "namespace": "team-a"},
		"spec":     map[string]any{"cidr": "10.0.0.0/16", "zones": []any{"us-east-1a", "us-east-1b"}},
	}
	input := func(tmpl string) map[string]any {
		return map[string]any{"apiVersion": "gotemplating.fn.crossplane.io/v1beta1", "kind": "GoTemplate", "source": "Inline", "inline": map[string]any{"template": tmpl}}
	}
	observedVPC := map[string]any{"apiVersion": "ec2.kaws.dev/v1alpha1", "kind": "VPC",
		"status": map[string]any{"atProvider": map[string]any{"vpcId": "vpc-1"}, "conditions": []any{map[string]any{"type": "Ready", "status": "True"}}}}

	cases := map[string]struct {
		reason    string
		input     map[string]any
		observed  map[string]*fnv1.Resource
		want      map[string]*fnv1.Resource
		wantXR    map[string]any
		wantFatal string
	}{
		"LoopAndNames": {
			reason: "Each document becomes a composed resource named by its annotation, which is removed; the ready annotation sets readiness.",
			input: input(`{{- $xr := .observed.composite.resource }}
{{- range $i, $z := $xr.spec.zones }}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata:
  annotations:
    {{ setResourceNameAnnotation (printf "subnet-%s" $z) }}
    gotemplating.fn.crossplane.io/ready: "False"
spec:
  forProvider:
    availabilityZone: {{ $z }}
    cidrBlock: {{ printf "10.0.%d.0/24" $i }}
{{- end }}`),
			want: map[string]*fnv1.Resource{
				"subnet-us-east-1a": {Ready: fnv1.Ready_READY_FALSE, Resource: st(t, map[string]any{"apiVersion": "ec2.kaws.dev/v1alpha1", "kind": "Subnet", "metadata": map[string]any{},
					"spec": map[string]any{"forProvider": map[string]any{"availabilityZone": "us-east-1a", "cidrBlock": "10.0.0.0/24"}}})},
				"subnet-us-east-1b": {Ready: fnv1.Ready_READY_FALSE, Resource: st(t, map[string]any{"apiVersion": "ec2.kaws.dev/v1alpha1", "kind": "Subnet", "metadata": map[string]any{},
					"spec": map[string]any{"forProvider": map[string]any{"availabilityZone": "us-east-1b", "cidrBlock": "10.0.1.0/24"}}})},
			},
		},
		"ObservedAndStatus": {
			reason: "A template reads observed resources and conditions; a document of the XR's kind sets its status.",
			input: input(`apiVersion: platform.kaws.dev/v1alpha1
kind: XNetwork
status:
  vpcId: {{ (getComposedResource . "vpc").status.atProvider.vpcId }}
  vpcReady: {{ (getResourceCondition "Ready" (index .observed.resources "vpc")).status | quote }}
  subnetReady: {{ (getResourceCondition "Ready" (index .observed.resources "nope")).status | quote }}`),
			observed: map[string]*fnv1.Resource{"vpc": {Resource: st(t, observedVPC)}},
			want:     map[string]*fnv1.Resource{},
			wantXR:   map[string]any{"status": map[string]any{"vpcId": "vpc-1", "vpcReady": "True", "subnetReady": "Unknown"}},
		},
		"NoName": {
			reason:    "A document without the resource-name annotation is an error naming the document.",
			input:     input("apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n"),
			wantFatal: "document 1 (v1 Secret) has no annotation " + AnnotationResourceName,
		},
		"BadTemplate": {
			reason:    "A template that does not parse is fatal with the parser's message.",
			input:     input("{{ .observed "),
			wantFatal: "invalid template",
		},
		"WrongInput": {
			reason:    "Only the inline GoTemplate input is understood.",
			input:     map[string]any{"kind": "GoTemplate", "source": "FileSystem"},
			wantFatal: "input must be a GoTemplate with source Inline",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			req := &fnv1.RunFunctionRequest{
				Input:    st(t, tc.input),
				Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: st(t, xr)}, Resources: tc.observed},
			}
			rsp, err := (&Function{}).RunFunction(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantFatal != "" {
				if len(rsp.GetResults()) != 1 || rsp.GetResults()[0].GetSeverity() != fnv1.Severity_SEVERITY_FATAL || !strings.Contains(rsp.GetResults()[0].GetMessage(), tc.wantFatal) {
					t.Errorf("%s\nwant a fatal result containing %q, got %v", tc.reason, tc.wantFatal, rsp.GetResults())
				}
				return
			}
			if len(rsp.GetResults()) != 0 {
				t.Fatalf("%s\nunexpected results: %v", tc.reason, rsp.GetResults())
			}
			if diff := cmp.Diff(tc.want, rsp.GetDesired().GetResources(), protocmp.Transform()); diff != "" {
				t.Errorf("%s\ndesired resources: -want, +got:\n%s", tc.reason, diff)
			}
			var gotXR map[string]any
			if c := rsp.GetDesired().GetComposite(); c != nil {
				gotXR = c.GetResource().AsMap()
			}
			if diff := cmp.Diff(tc.wantXR, gotXR); diff != "" {
				t.Errorf("%s\ndesired composite: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
