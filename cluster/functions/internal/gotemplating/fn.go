// Package gotemplating renders composed resources from Go templates, with
// the input and conventions of crossplane-contrib/function-go-templating:
//
//   - input `gotemplating.fn.crossplane.io/v1beta1` `GoTemplate` with
//     `source: Inline` and `inline.template`;
//   - the template sees the request as JSON (`.observed.composite.resource`,
//     `.observed.resources.<name>.resource`, `.observed.resources.<name>.connectionDetails`,
//     `.desired…`, `.context`) and has the sprig functions plus toYaml,
//     fromYaml, getResourceCondition, getComposedResource,
//     getCompositeResource, setResourceNameAnnotation and include;
//   - each YAML document it prints is a composed resource named by the
//     annotation `gotemplating.fn.crossplane.io/composition-resource-name`,
//     ready when `gotemplating.fn.crossplane.io/ready` says "True"; a
//     document of the composite's own apiVersion and kind sets the
//     composite's desired status.
package gotemplating

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/crossplane/function-sdk-go/response"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// The annotations a template sets on the composed resources it prints.
const (
	AnnotationResourceName = "gotemplating.fn.crossplane.io/composition-resource-name"
	AnnotationReady        = "gotemplating.fn.crossplane.io/ready"
)

// Input is the function's input.
type Input struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Source     string `json:"source"`
	Inline     *struct {
		Template string `json:"template"`
	} `json:"inline,omitempty"`
	Delims *struct {
		Left  string `json:"left,omitempty"`
		Right string `json:"right,omitempty"`
	} `json:"delims,omitempty"`
}

// Function is the go-templating function.
type Function struct {
	fnv1.UnimplementedFunctionRunnerServiceServer
	Debug bool
}

// RunFunction renders the input's template and adds what it prints to the
// desired state; a template or YAML error is fatal, with the step's
// message.
func (f *Function) RunFunction(_ context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	rsp := response.To(req, response.DefaultTTL)
	if err := f.run(req, rsp); err != nil {
		response.Fatal(rsp, err)
	}
	return rsp, nil
}

func (f *Function) run(req *fnv1.RunFunctionRequest, rsp *fnv1.RunFunctionResponse) error {
	in := &Input{}
	b, err := protojson.Marshal(req.GetInput())
	if err != nil {
		return fmt.Errorf("cannot read the function's input: %w", err)
	}
	if err := json.Unmarshal(b, in); err != nil {
		return fmt.Errorf("cannot read the function's input: %w", err)
	}
	if in.Kind != "GoTemplate" || in.Source != "Inline" || in.Inline == nil {
		return fmt.Errorf("input must be a GoTemplate with source Inline and inline.template (got kind %q, source %q)", in.Kind, in.Source)
	}
	data, err := templateData(req)
	if err != nil {
		return err
	}
	t := template.New("template").Funcs(funcs())
	if in.Delims != nil {
		t = t.Delims(in.Delims.Left, in.Delims.Right)
	}
	t.Funcs(template.FuncMap{"include": include(t)})
	if _, err := t.Parse(in.Inline.Template); err != nil {
		return fmt.Errorf("invalid template: %w", err)
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		return fmt.Errorf("cannot execute template: %w", err)
	}
	return apply(req, rsp, out.Bytes())
}

// templateData is the request as the template sees it: its JSON form.
func templateData(req *fnv1.RunFunctionRequest) (map[string]any, error) {
	b, err := protojson.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("cannot convert the request for the template: %w", err)
	}
	data := map[string]any{}
	if err := json.Unmarshal(b, &data); err != nil {
		return nil, fmt.Errorf("cannot convert the request for the template: %w", err)
	}
	return data, nil
}

// apply adds the documents the template printed to the desired state.
func apply(req *fnv1.RunFunctionRequest, rsp *fnv1.RunFunctionResponse, out []byte) error {
	xr := req.GetObserved().GetComposite().GetResource().GetFields()
	xrAPIVersion, xrKind := xr["apiVersion"].GetStringValue(), xr["kind"].GetStringValue()
	if rsp.Desired == nil {
		rsp.Desired = &fnv1.State{}
	}
	if rsp.Desired.Resources == nil {
		rsp.Desired.Resources = map[string]*fnv1.Resource{}
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(out), 4096)
	for i := 1; ; i++ {
		obj := map[string]any{}
		if err := dec.Decode(&obj); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("the template's document %d is not YAML: %w", i, err)
		}
		if len(obj) == 0 {
			continue
		}
		if obj["apiVersion"] == xrAPIVersion && obj["kind"] == xrKind {
			if err := mergeComposite(rsp, obj); err != nil {
				return err
			}
			continue
		}
		md, _ := obj["metadata"].(map[string]any)
		ann, _ := md["annotations"].(map[string]any)
		name, _ := ann[AnnotationResourceName].(string)
		if name == "" {
			return fmt.Errorf("the template's document %d (%v %v) has no annotation %s", i, obj["apiVersion"], obj["kind"], AnnotationResourceName)
		}
		ready, _ := ann[AnnotationReady].(string)
		delete(ann, AnnotationResourceName)
		delete(ann, AnnotationReady)
		if len(ann) == 0 {
			delete(md, "annotations")
		}
		s, err := structpb.NewStruct(obj)
		if err != nil {
			return fmt.Errorf("composed resource %q: %w", name, err)
		}
		r := &fnv1.Resource{Resource: s}
		switch ready {
		case "True":
			r.Ready = fnv1.Ready_READY_TRUE
		case "False":
			r.Ready = fnv1.Ready_READY_FALSE
		case "", "Unspecified":
		default:
			return fmt.Errorf("composed resource %q: annotation %s must be True, False or Unspecified, not %q", name, AnnotationReady, ready)
		}
		rsp.Desired.Resources[name] = r
	}
}

// mergeComposite sets the composite's desired status from a document of
// the composite's kind; only status is taken, as Crossplane applies only
// the status of a function's desired composite.
func mergeComposite(rsp *fnv1.RunFunctionResponse, obj map[string]any) error {
	if rsp.Desired.Composite == nil {
		rsp.Desired.Composite = &fnv1.Resource{}
	}
	cur := map[string]any{}
	if s := rsp.Desired.Composite.GetResource(); s != nil {
		cur = s.AsMap()
	}
	if st, ok := obj["status"].(map[string]any); ok {
		have, _ := cur["status"].(map[string]any)
		cur["status"] = mergeMaps(have, st)
	}
	s, err := structpb.NewStruct(cur)
	if err != nil {
		return fmt.Errorf("composite status: %w", err)
	}
	rsp.Desired.Composite.Resource = s
	return nil
}

func mergeMaps(dst, src map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				dst[k] = mergeMaps(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

func funcs() template.FuncMap {
	f := sprig.TxtFuncMap()
	f["toYaml"] = func(v any) (string, error) {
		b, err := yaml.Marshal(v)
		return strings.TrimSuffix(string(b), "\n"), err
	}
	f["fromYaml"] = func(s string) (any, error) {
		var v any
		err := yaml.Unmarshal([]byte(s), &v)
		return v, err
	}
	f["getResourceCondition"] = getResourceCondition
	f["getComposedResource"] = func(req map[string]any, name string) map[string]any {
		return dig(req, "observed", "resources", name, "resource")
	}
	f["getCompositeResource"] = func(req map[string]any) map[string]any {
		return dig(req, "observed", "composite", "resource")
	}
	f["setResourceNameAnnotation"] = func(name string) string {
		return AnnotationResourceName + ": " + name
	}
	return f
}

// getResourceCondition returns the condition of a type of a resource (its
// map, or an observed entry with a "resource" key), or one with status
// Unknown when it has none.
func getResourceCondition(typ string, r map[string]any) map[string]any {
	if inner, ok := r["resource"].(map[string]any); ok {
		r = inner
	}
	st, _ := r["status"].(map[string]any)
	conds, _ := st["conditions"].([]any)
	for _, c := range conds {
		if m, ok := c.(map[string]any); ok && m["type"] == typ {
			return m
		}
	}
	return map[string]any{"type": typ, "status": "Unknown"}
}

func dig(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		next, ok := m[k].(map[string]any)
		if !ok {
			return nil
		}
		m = next
	}
	return m
}

func include(t *template.Template) func(string, any) (string, error) {
	return func(name string, data any) (string, error) {
		var b bytes.Buffer
		err := t.ExecuteTemplate(&b, name, data)
		return b.String(), err
	}
}
