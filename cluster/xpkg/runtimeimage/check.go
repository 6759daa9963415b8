package runtimeimage

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"sigs.k8s.io/yaml"
)

// Package is what Check found in a package file.
type Package struct {
	// Provider is the name of the package's Provider (crossplane.yaml).
	Provider string
	// CRDs are the names of the package's CustomResourceDefinitions.
	CRDs []string
	// Examples is the number of example objects.
	Examples int
	// Binary says whether the runtime image holds the provider binary.
	Binary bool
	// Entrypoint of the runtime image.
	Entrypoint []string
}

// Check reads the package file at path (a Crossplane xpkg with an embedded
// runtime image) and checks it holds one Provider, exactly the CRDs of the
// directory crds (one CRD per file), and a runtime image that starts the
// provider binary.
func Check(path, crds string) (*Package, error) {
	img, err := tarball.ImageFromPath(path, nil)
	if err != nil {
		return nil, fmt.Errorf("%s is not an image tarball: %w", path, err)
	}
	p, err := inspect(img)
	if err != nil {
		return nil, err
	}
	want, err := crdNames(crds)
	if err != nil {
		return nil, err
	}
	switch {
	case p.Provider == "":
		return p, errors.New("the package has no Provider")
	case !slices.Equal(p.CRDs, want):
		return p, fmt.Errorf("the package's CRDs %v differ from %s's %v", p.CRDs, crds, want)
	case !p.Binary:
		return p, fmt.Errorf("the runtime image has no %s", BinaryPath)
	case !slices.Equal(p.Entrypoint, []string{BinaryPath}):
		return p, fmt.Errorf("the runtime image's entrypoint is %v, want [%s]", p.Entrypoint, BinaryPath)
	}
	return p, nil
}

func inspect(img v1.Image) (*Package, error) {
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("cannot read the image config: %w", err)
	}
	p := &Package{Entrypoint: cf.Config.Entrypoint}
	ls, err := img.Layers()
	if err != nil {
		return nil, fmt.Errorf("cannot read the image layers: %w", err)
	}
	for _, l := range ls {
		if err := eachFile(l, func(name string, data []byte) error {
			switch name {
			case strings.TrimPrefix(BinaryPath, "/"):
				p.Binary = true
			case "package.yaml":
				return p.readPackage(data)
			case examplesFile:
				p.Examples += countDocs(data)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	slices.Sort(p.CRDs)
	return p, nil
}

func eachFile(l v1.Layer, f func(name string, data []byte) error) error {
	rc, err := l.Uncompressed()
	if err != nil {
		return fmt.Errorf("cannot read a layer: %w", err)
	}
	defer func() { _ = rc.Close() }()
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("cannot read a layer: %w", err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := strings.TrimPrefix(h.Name, "./")
		var data []byte
		if name == "package.yaml" || name == examplesFile {
			if data, err = io.ReadAll(tr); err != nil {
				return err
			}
		}
		if err := f(name, data); err != nil {
			return err
		}
	}
}

type object struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name        string            `json:"name"`
		Annotations map[string]string `json:"annotations"`
	} `json:"metadata"`
}

// examplesFile is where the crossplane CLI puts the examples.
const examplesFile = ".up/examples.yaml"

// countDocs returns the number of non-empty YAML documents in data.
func countDocs(data []byte) int {
	n := 0
	for _, doc := range bytes.Split(data, []byte("\n---")) {
		if len(bytes.TrimSpace(doc)) > 0 && !bytes.Equal(bytes.TrimSpace(doc), []byte("---")) {
			n++
		}
	}
	return n
}

// readPackage reads package.yaml: the Provider and the CRDs; anything else
// counts as an example.
func (p *Package) readPackage(data []byte) error {
	for _, doc := range bytes.Split(data, []byte("\n---")) {
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		var o object
		if err := yaml.Unmarshal(doc, &o); err != nil {
			return fmt.Errorf("package.yaml does not parse: %w", err)
		}
		switch {
		case o.Kind == "Provider" && strings.HasPrefix(o.APIVersion, "meta.pkg.crossplane.io/"):
			p.Provider = o.Metadata.Name
		case o.Kind == "CustomResourceDefinition":
			p.CRDs = append(p.CRDs, o.Metadata.Name)
		default:
			p.Examples++
		}
	}
	return nil
}

// crdNames returns the sorted names of the CRDs in dir's YAML files.
func crdNames(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no CRD files in %s", dir)
	}
	var names []string
	for _, f := range files {
		b, err := os.ReadFile(f) //nolint:gosec // A path of the repository.
		if err != nil {
			return nil, err
		}
		var o object
		if err := yaml.Unmarshal(b, &o); err != nil {
			return nil, fmt.Errorf("%s does not parse: %w", f, err)
		}
		names = append(names, o.Metadata.Name)
	}
	slices.Sort(names)
	return names, nil
}
