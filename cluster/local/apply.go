package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// FieldManager is the server-side apply field manager of Apply.
const FieldManager = "kaws-stack"

// Apply server-side applies every object of a multi-document YAML (or JSON)
// stream, in order, as FieldManager, taking ownership of conflicting fields.
// Namespaced objects without a namespace go to "default". With dryRun the
// API server validates and defaults the objects but persists nothing. It
// returns the objects as the API server answered them.
func (s *Stack) Apply(ctx context.Context, yaml []byte, dryRun bool) ([]*unstructured.Unstructured, error) {
	objs, err := DecodeYAML(yaml)
	if err != nil {
		return nil, err
	}
	opts := []client.ApplyOption{client.FieldOwner(FieldManager), client.ForceOwnership}
	if dryRun {
		opts = append(opts, client.DryRunAll)
	}
	for _, o := range objs {
		if err := s.defaultNamespace(o); err != nil {
			return nil, fmt.Errorf("cannot apply %s: %w", Describe(o), err)
		}
		if err := s.Client.Apply(ctx, client.ApplyConfigurationFromUnstructured(o), opts...); err != nil {
			return nil, fmt.Errorf("cannot apply %s: %w", Describe(o), err)
		}
	}
	return objs, nil
}

// ApplyFile applies the YAML file at path; see Apply.
func (s *Stack) ApplyFile(ctx context.Context, path string, dryRun bool) ([]*unstructured.Unstructured, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	objs, err := s.Apply(ctx, b, dryRun)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return objs, nil
}

func (s *Stack) defaultNamespace(o *unstructured.Unstructured) error {
	if o.GetNamespace() != "" {
		return nil
	}
	namespaced, err := s.Client.IsObjectNamespaced(o)
	if err != nil {
		return err
	}
	if namespaced {
		o.SetNamespace("default")
	}
	return nil
}

// DecodeYAML decodes a multi-document YAML (or JSON) stream, skipping empty
// documents. Every object needs an apiVersion, a kind and a name.
func DecodeYAML(b []byte) ([]*unstructured.Unstructured, error) {
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(b), 4096)
	var objs []*unstructured.Unstructured
	for i := 1; ; i++ {
		var m map[string]any
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			return objs, nil
		} else if err != nil {
			return nil, fmt.Errorf("cannot decode YAML document %d: %w", i, err)
		}
		if len(m) == 0 {
			continue
		}
		o := &unstructured.Unstructured{Object: m}
		if o.GetAPIVersion() == "" || o.GetKind() == "" || o.GetName() == "" {
			return nil, fmt.Errorf("YAML document %d needs apiVersion, kind and metadata.name", i)
		}
		objs = append(objs, o)
	}
}

// YAMLFiles returns the *.yaml and *.yml files under dir, recursively, sorted.
func YAMLFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot list the YAML files of %s: %w", dir, err)
	}
	sort.Strings(files)
	return files, nil
}

// Get reads the current state of an object (by its apiVersion, kind,
// namespace and name).
func (s *Stack) Get(ctx context.Context, o *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	cur := &unstructured.Unstructured{}
	cur.SetGroupVersionKind(o.GroupVersionKind())
	if err := s.Client.Get(ctx, client.ObjectKeyFromObject(o), cur); err != nil {
		return nil, err
	}
	return cur, nil
}
