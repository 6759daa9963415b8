package runtimeimage

import (
	"archive/tar"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func write(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBuildWriteRead(t *testing.T) {
	dir := t.TempDir()
	o := Options{Binary: write(t, dir, "provider", "ELF-binary"), CABundle: write(t, dir, "ca.pem", "PEM"), Arch: "arm64", Version: "v0.1.0"}
	img, err := Build(o)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "image.tar")
	if err := Write(out, "provider-aws:v0.1.0", img); err != nil {
		t.Fatal(err)
	}
	got, err := tarball.ImageFromPath(out, nil)
	if err != nil {
		t.Fatalf("the tarball does not load as an image: %v", err)
	}

	cf, err := got.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	type config struct {
		OS, Arch, User string
		Entrypoint     []string
		Env            []string
		Version        string
	}
	want := config{OS: "linux", Arch: "arm64", User: "65532:65532", Entrypoint: []string{"/usr/local/bin/provider"},
		Env: []string{"PATH=/usr/local/bin", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"}, Version: "v0.1.0"}
	gotc := config{OS: cf.OS, Arch: cf.Architecture, User: cf.Config.User, Entrypoint: cf.Config.Entrypoint, Env: cf.Config.Env, Version: cf.Config.Labels["org.opencontainers.image.version"]}
	if diff := cmp.Diff(want, gotc); diff != "" {
		t.Errorf("image config: -want, +got:\n%s", diff)
	}

	ls, err := got.Layers()
	if err != nil || len(ls) != 1 {
		t.Fatalf("layers: %d, %v; want 1", len(ls), err)
	}
	rc, err := ls[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rc.Close() }()
	type entry struct {
		Mode int64
		Data string
	}
	files := map[string]entry{}
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		files[h.Name] = entry{Mode: h.Mode, Data: string(b)}
	}
	wantFiles := map[string]entry{
		"usr/":                              {Mode: 0o755},
		"usr/local/":                        {Mode: 0o755},
		"usr/local/bin/":                    {Mode: 0o755},
		"usr/local/bin/provider":            {Mode: 0o755, Data: "ELF-binary"},
		"etc/":                              {Mode: 0o755},
		"etc/ssl/":                          {Mode: 0o755},
		"etc/ssl/certs/":                    {Mode: 0o755},
		"etc/ssl/certs/ca-certificates.crt": {Mode: 0o644, Data: "PEM"},
	}
	if diff := cmp.Diff(wantFiles, files); diff != "" {
		t.Errorf("layer files: -want, +got:\n%s", diff)
	}
}

func TestBuildReproducible(t *testing.T) {
	dir := t.TempDir()
	o := Options{Binary: write(t, dir, "provider", "ELF"), CABundle: write(t, dir, "ca.pem", "PEM"), Arch: "amd64", Version: "dev"}
	digest := func() string {
		img, err := Build(o)
		if err != nil {
			t.Fatal(err)
		}
		d, err := img.Digest()
		if err != nil {
			t.Fatal(err)
		}
		return d.String()
	}
	if a, b := digest(), digest(); a != b {
		t.Errorf("two builds of the same inputs: digests %s and %s", a, b)
	}
}

func TestBuildErrors(t *testing.T) {
	dir := t.TempDir()
	bin, ca := write(t, dir, "provider", "ELF"), write(t, dir, "ca.pem", "PEM")
	cases := map[string]struct {
		reason string
		o      Options
	}{
		"NoBinary":   {reason: "A missing binary is an error.", o: Options{Binary: filepath.Join(dir, "none"), CABundle: ca, Arch: "amd64"}},
		"NoCABundle": {reason: "A missing CA bundle is an error.", o: Options{Binary: bin, CABundle: filepath.Join(dir, "none"), Arch: "amd64"}},
		"NoArch":     {reason: "An image needs an architecture.", o: Options{Binary: bin, CABundle: ca}},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			if _, err := Build(tc.o); err == nil {
				t.Errorf("%s\nBuild(): no error", tc.reason)
			}
		})
	}
}
