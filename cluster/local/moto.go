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

// startMoto starts moto on a free 127.0.0.1 port and waits until it answers.
func (s *Stack) startMoto(ctx context.Context) error {
	begin := time.Now()
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	host, port, _ := strings.Cut(addr, ":")
	s.moto, err = startProcess(procSpec{
		name:    "moto",
		path:    "python3",
		args:    []string{"-m", "moto.server", "-H", host, "-p", port},
		env:     []string{"MOTO_IAM_LOAD_MANAGED_POLICIES=true"},
		logFile: filepath.Join(s.Dir, "moto.log"),
	})
	if err != nil {
		return fmt.Errorf("%w (is moto installed? run make moto)", err)
	}
	s.MotoURL = "http://" + addr
	if err := s.httpc.waitHTTP(ctx, s.moto, s.MotoURL+"/moto-api/", motoReadyTimeout); err != nil {
		return fmt.Errorf("moto is not ready (is moto[server] 5.2.1 installed? run make moto): %w", err)
	}
	s.logf("moto up in %s (%s, pid %d)", since(begin), s.MotoURL, s.moto.pid())
	return nil
}

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
