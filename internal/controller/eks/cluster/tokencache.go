package cluster

import (
	"context"
	"sync"
	"time"
)

// tokens holds the token last minted per STS client and cluster. The same
// token is published until it is tokenRefresh old: a connection secret
// whose data is unchanged is not written, so a Cluster's steady state makes
// no Kubernetes write between renewals (a token minted on every
// observation rewrote the secret on every poll).
var tokens = newTokenCache(time.Now)

type tokenKey struct {
	client  any // the STS client, one per credentials (clients.ServiceClient)
	cluster string
}

type mintedToken struct {
	token string
	at    time.Time
}

type tokenCache struct {
	now func() time.Time

	mu sync.Mutex
	m  map[tokenKey]mintedToken
}

func newTokenCache(now func() time.Time) *tokenCache {
	return &tokenCache{now: now, m: map[tokenKey]mintedToken{}}
}

// wrap returns mint with the cache in front of it, for the tokens of
// client (what mint signs with).
func (c *tokenCache) wrap(client any, mint TokenFunc) TokenFunc {
	return func(ctx context.Context, cluster string) (string, error) {
		k := tokenKey{client: client, cluster: cluster}
		c.mu.Lock()
		t, ok := c.m[k]
		c.mu.Unlock()
		if ok && c.now().Sub(t.at) < tokenRefresh {
			return t.token, nil
		}
		tok, err := mint(ctx, cluster)
		if err != nil {
			return "", err
		}
		c.mu.Lock()
		c.m[k] = mintedToken{token: tok, at: c.now()}
		c.mu.Unlock()
		return tok, nil
	}
}

// forget drops the clusters' tokens of every client (the cluster is gone).
func (c *tokenCache) forget(cluster string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if k.cluster == cluster {
			delete(c.m, k)
		}
	}
}
