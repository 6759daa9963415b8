package local

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Credentials moto accepts; the stack's Secret holds the same.
const (
	motoAccessKeyID     = "testing"
	motoSecretAccessKey = "testing"
)

const motoReadyTimeout = 60 * time.Second

// startMoto starts the stack's moto and waits until it answers.
func (s *Stack) startMoto(ctx context.Context) error {
	begin := time.Now()
	m, err := startMotoServer(ctx, s.Root, s.Dir, []string{"MOTO_IAM_LOAD_MANAGED_POLICIES=true"})
	if err != nil {
		return err
	}
	s.moto, s.MotoURL = m.proc, m.URL
	s.logf("moto up in %s (%s, pid %d)", since(begin), s.MotoURL, s.moto.pid())
	return nil
}

// Moto is a moto server started by StartMoto.
type Moto struct {
	// URL is its base URL, e.g. http://127.0.0.1:40123.
	URL  string
	proc *process
}

// MotoServer is the moto launcher, relative to the repository root: moto's
// own server (python3 -m moto.server, same arguments) with the EKS
// operations moto 5.2.1 lacks (add-ons, access entries and policies, pod
// identity associations, version updates); see its header.
const MotoServer = "cluster/moto/server.py"

// StartMoto starts a moto server (MotoServer of the repository RepoRoot
// finds) on a free 127.0.0.1 port, with env (KEY=value) added to its
// environment, logging to dir/moto.log, and waits until it answers. The
// stack starts its own; a test starts another to run moto differently (e.g.
// INITIAL_NO_AUTH_ACTION_COUNT=n, which makes moto enforce IAM policies
// after its first n requests). Stop it when done.
func StartMoto(ctx context.Context, dir string, env []string) (*Moto, error) {
	root, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	return startMotoServer(ctx, root, dir, env)
}

// startMotoServer is StartMoto with the repository root given.
func startMotoServer(ctx context.Context, root, dir string, env []string) (*Moto, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	host, port, _ := strings.Cut(addr, ":")
	p, err := startProcess(procSpec{
		name:    "moto",
		path:    "python3",
		args:    []string{filepath.Join(root, filepath.FromSlash(MotoServer)), "-H", host, "-p", port},
		env:     env,
		logFile: filepath.Join(dir, "moto.log"),
	})
	if err != nil {
		return nil, fmt.Errorf("%w (is moto installed? run make moto)", err)
	}
	m := &Moto{URL: "http://" + addr, proc: p}
	if err := newHTTPClient().waitHTTP(ctx, p, m.URL+"/moto-api/", motoReadyTimeout); err != nil {
		_ = p.stop(time.Second)
		return nil, fmt.Errorf("moto is not ready (is moto[server] 5.2.1 installed? run make moto): %w", err)
	}
	return m, nil
}

// Stop stops the moto server.
func (m *Moto) Stop() error { return m.proc.stop(5 * time.Second) }

// LogTail returns the last n lines of its log.
func (m *Moto) LogTail(n int) string { return m.proc.logTail(n) }

func (s *Stack) stopMoto() error {
	return s.moto.stop(5 * time.Second)
}

// ResetMoto forgets every resource moto holds.
func (s *Stack) ResetMoto(ctx context.Context) error {
	if _, err := s.httpc.do(ctx, http.MethodPost, s.MotoURL+"/moto-api/reset"); err != nil {
		return fmt.Errorf("cannot reset moto: %w", err)
	}
	return nil
}

// AWSConfig returns an AWS SDK configuration that talks to moto in region,
// with the credentials moto accepts, to check moto directly in tests.
func (s *Stack) AWSConfig(region string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(motoAccessKeyID, motoSecretAccessKey, ""),
		BaseEndpoint: aws.String(s.MotoURL),
	}
}

// S3Client returns an S3 client for moto in region (path-style addressing,
// which moto needs).
func (s *Stack) S3Client(region string) *s3.Client {
	return s3.NewFromConfig(s.AWSConfig(region), func(o *s3.Options) { o.UsePathStyle = true })
}
