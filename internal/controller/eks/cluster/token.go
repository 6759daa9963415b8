package cluster

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/pkg/errors"
)

const (
	// tokenPrefix starts every EKS bearer token.
	tokenPrefix = "k8s-aws-v1."
	// clusterIDHeader binds a token to one cluster.
	clusterIDHeader = "x-k8s-aws-id"
)

// DefaultTokenRefresh is how often the token of a connection secret is
// renewed: a token is published again until it is this old, and a Cluster
// with a connection secret is observed at least this often, so a published
// token is at most twice this old (14 minutes) when it is replaced; EKS
// accepts tokens for 15.
const DefaultTokenRefresh = 7 * time.Minute

var tokenRefresh = DefaultTokenRefresh

// SetTokenRefresh sets how often the kubeconfig token of Clusters with a
// connection secret is renewed (flag --eks-token-refresh). Call it before
// Setup. Non-positive values keep the default.
func SetTokenRefresh(d time.Duration) {
	if d > 0 {
		tokenRefresh = d
	}
}

// A TokenFunc returns a bearer token for a cluster.
type TokenFunc func(ctx context.Context, cluster string) (string, error)

// stsToken returns an EKS token: a GetCallerIdentity request presigned by
// the SDK with the cluster name in the signed x-k8s-aws-id header.
func stsToken(c *sts.Client) TokenFunc {
	return func(ctx context.Context, cluster string) (string, error) {
		req, err := sts.NewPresignClient(c).PresignGetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}, func(po *sts.PresignOptions) {
			po.ClientOptions = append(po.ClientOptions, func(o *sts.Options) {
				o.APIOptions = append(o.APIOptions, smithyhttp.AddHeaderValue(clusterIDHeader, cluster), addExpires)
			})
		})
		if err != nil {
			return "", errors.Wrap(err, "cannot presign STS GetCallerIdentity for the EKS token")
		}
		return tokenPrefix + base64.RawURLEncoding.EncodeToString([]byte(req.URL)), nil
	}
}

// addExpires adds X-Amz-Expires=60 to the presigned request's query.
func addExpires(s *middleware.Stack) error {
	return s.Build.Add(middleware.BuildMiddlewareFunc("EKSTokenExpires", func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
		if r, ok := in.Request.(*smithyhttp.Request); ok {
			q := r.URL.Query()
			q.Set("X-Amz-Expires", "60")
			r.URL.RawQuery = q.Encode()
		}
		return next.HandleBuild(ctx, in)
	}), middleware.After)
}
