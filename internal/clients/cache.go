package clients

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/pkg/errors"
	"k8s.io/apimachinery/pkg/types"
)

// configID identifies a provider config.
type configID struct {
	kind      string
	namespace string
	name      string
}

// revision identifies one version of a provider config and of what its
// Config is built from.
type revision struct {
	uid        types.UID
	generation int64
	// secretVersion is the resourceVersion of the credentials Secret of a
	// Secret source, empty for the other sources.
	secretVersion string
}

// cacheKey identifies a Config: a revision of a provider config, in a region.
type cacheKey struct {
	configID
	revision
	region string
}

// cacheEntry is a Config, built once by the first caller that needs it
// while later callers wait for it.
type cacheEntry struct {
	done chan struct{} // closed when cfg or err is set
	cfg  *Config
	err  error
}

// configStore caches Configs by cacheKey, and the credentials of each
// revision of a provider config, which its Configs of every region share:
// credentials are not regional, so a provider config used in three regions
// assumes its role once per credential lifetime, not three times. It is
// safe for concurrent use.
type configStore struct {
	mu      sync.Mutex
	entries map[cacheKey]*cacheEntry
	creds   map[credentialsKey]aws.CredentialsProvider
}

// credentialsKey identifies the credentials of a revision of a provider
// config.
type credentialsKey struct {
	configID
	revision
}

func newConfigStore() *configStore {
	return &configStore{entries: map[cacheKey]*cacheEntry{}, creds: map[credentialsKey]aws.CredentialsProvider{}}
}

// credentials returns the credentials of key's provider config revision,
// calling build (which must make no AWS calls) when it has none yet.
func (s *configStore) credentials(key cacheKey, build func() (aws.CredentialsProvider, error)) (aws.CredentialsProvider, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := credentialsKey{configID: key.configID, revision: key.revision}
	if p, ok := s.creds[k]; ok {
		return p, nil
	}
	p, err := build()
	if err != nil {
		return nil, err
	}
	s.creds[k] = p
	return p, nil
}

// get returns the Config of key, calling build once to make it when it is
// not cached: concurrent callers of the same key share one build. A
// successful build evicts the Configs of other revisions of the same
// provider config; a failed one is not cached, so the next call retries.
func (s *configStore) get(ctx context.Context, key cacheKey, build func(ctx context.Context) (*Config, error)) (*Config, error) {
	s.mu.Lock()
	e, ok := s.entries[key]
	if !ok {
		e = &cacheEntry{done: make(chan struct{})}
		s.entries[key] = e
	}
	s.mu.Unlock()

	if ok {
		select {
		case <-e.done:
			return e.cfg, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}

	built := false
	defer func() {
		if !built {
			// build panicked: fail the waiters and forget the entry,
			// rather than leave them waiting for good.
			e.err = errors.New("building the AWS configuration panicked")
			close(e.done)
			s.forget(key, e)
		}
	}()
	e.cfg, e.err = build(ctx)
	built = true
	close(e.done)

	if e.err != nil {
		s.forget(key, e)
		return nil, e.err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.entries {
		if k.configID == key.configID && k.revision != key.revision {
			delete(s.entries, k)
		}
	}
	for k := range s.creds {
		if k.configID == key.configID && k.revision != key.revision {
			delete(s.creds, k)
		}
	}
	return e.cfg, nil
}

// forget removes e, if it is still the entry of key.
func (s *configStore) forget(key cacheKey, e *cacheEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries[key] == e {
		delete(s.entries, key)
	}
}

// len returns the number of cached Configs, including those being built.
func (s *configStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}
