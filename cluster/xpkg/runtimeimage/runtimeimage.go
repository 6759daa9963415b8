// Package runtimeimage builds the provider's runtime OCI image without a
// container engine: one layer with the static provider binary and a CA
// bundle, run as a non-root user. `make xpkg` embeds it in the package.
package runtimeimage

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// Where the image keeps its files, and whom it runs as.
const (
	BinaryPath = "/usr/local/bin/provider"
	CAPath     = "/etc/ssl/certs/ca-certificates.crt"
	User       = "65532:65532"
)

// Options of an image.
type Options struct {
	// Binary is the path of the provider binary, built for linux with
	// CGO_ENABLED=0.
	Binary string
	// CABundle is the path of a PEM bundle of CA certificates, installed
	// at CAPath so the provider can verify AWS's endpoints.
	CABundle string
	// Arch is the binary's GOARCH, e.g. amd64.
	Arch string
	// Version labels the image (org.opencontainers.image.version).
	Version string
	// Created is the image's creation time; the zero time (the default)
	// keeps the image reproducible: the same inputs make the same digest.
	Created time.Time
	// Path is where the binary lives in the image, its entrypoint;
	// BinaryPath when empty.
	Path string
	// Title labels the image (org.opencontainers.image.title);
	// "provider-aws" when empty.
	Title string
}

// Build returns the image of o.
func Build(o Options) (v1.Image, error) {
	if o.Arch == "" {
		return nil, fmt.Errorf("the image's architecture is not set")
	}
	bin, err := os.ReadFile(o.Binary)
	if err != nil {
		return nil, fmt.Errorf("cannot read the provider binary: %w", err)
	}
	ca, err := os.ReadFile(o.CABundle)
	if err != nil {
		return nil, fmt.Errorf("cannot read the CA bundle (on Debian, install the ca-certificates package): %w", err)
	}
	if o.Path == "" {
		o.Path = BinaryPath
	}
	if o.Title == "" {
		o.Title = "provider-aws"
	}
	layer, err := layerOf([]file{{o.Path, 0o755, bin}, {CAPath, 0o644, ca}})
	if err != nil {
		return nil, err
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return nil, fmt.Errorf("cannot add the layer: %w", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("cannot read the image config: %w", err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", o.Arch
	cf.Created = v1.Time{Time: o.Created}
	cf.Config.Entrypoint = []string{o.Path}
	cf.Config.User = User
	cf.Config.Env = []string{"PATH=/usr/local/bin", "SSL_CERT_FILE=" + CAPath}
	cf.Config.Labels = map[string]string{
		"org.opencontainers.image.title":   o.Title,
		"org.opencontainers.image.source":  "https://github.com/kaws-dev/provider-aws",
		"org.opencontainers.image.version": o.Version,
	}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		return nil, fmt.Errorf("cannot set the image config: %w", err)
	}
	return img, nil
}

type file struct {
	path string
	mode int64
	data []byte
}

// layerOf returns a layer with the files and their parent directories, all
// owned by root and dated at the epoch.
func layerOf(files []file) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	seen := map[string]bool{}
	for _, f := range files {
		name := strings.TrimPrefix(f.path, "/")
		var dirs []string
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs = append([]string{d}, dirs...)
		}
		for _, d := range dirs {
			if seen[d] {
				continue
			}
			seen[d] = true
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, ModTime: time.Unix(0, 0)}); err != nil {
				return nil, err
			}
		}
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: f.mode, Size: int64(len(f.data)), ModTime: time.Unix(0, 0)}); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
	if err != nil {
		return nil, fmt.Errorf("cannot make the layer: %w", err)
	}
	return l, nil
}

// Write writes img as an image tarball (what `docker save` writes) to
// path, tagged tag.
func Write(path, tag string, img v1.Image) error {
	ref, err := name.NewTag(tag)
	if err != nil {
		return fmt.Errorf("invalid image tag %q: %w", tag, err)
	}
	if err := tarball.WriteToFile(path, ref, img); err != nil {
		return fmt.Errorf("cannot write the image to %s: %w", path, err)
	}
	return nil
}
