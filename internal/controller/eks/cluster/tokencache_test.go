package cluster

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestTokenCache(t *testing.T) {
	old := tokenRefresh
	defer func() { tokenRefresh = old }()
	tokenRefresh = 7 * time.Minute

	type call struct {
		client  string
		cluster string
		after   time.Duration // since the start
		forget  bool          // forget the cluster before the call
	}
	cases := map[string]struct {
		reason string
		calls  []call
		want   []string
	}{
		"Reused": {
			reason: "A token younger than the refresh period is published again.",
			calls:  []call{{"a", "prod", 0, false}, {"a", "prod", time.Minute, false}, {"a", "prod", 6 * time.Minute, false}},
			want:   []string{"a/prod#1", "a/prod#1", "a/prod#1"},
		},
		"Renewed": {
			reason: "A token as old as the refresh period is replaced, and the new one reused.",
			calls:  []call{{"a", "prod", 0, false}, {"a", "prod", 7 * time.Minute, false}, {"a", "prod", 8 * time.Minute, false}},
			want:   []string{"a/prod#1", "a/prod#2", "a/prod#2"},
		},
		"PerClusterAndClient": {
			reason: "Clusters and credentials have their own tokens.",
			calls:  []call{{"a", "prod", 0, false}, {"a", "dev", 0, false}, {"b", "prod", 0, false}, {"a", "prod", time.Second, false}},
			want:   []string{"a/prod#1", "a/dev#2", "b/prod#3", "a/prod#1"},
		},
		"NotKeptOnError": {
			reason: "A token that cannot be made is asked for again on the next observation.",
			calls:  []call{{"fail", "prod", 0, false}, {"a", "prod", time.Second, false}},
			want:   []string{"", "a/prod#2"},
		},
		"Forgotten": {
			reason: "A deleted cluster's token is not reused by a cluster of the same name.",
			calls:  []call{{"a", "prod", 0, false}, {"a", "prod", time.Second, true}},
			want:   []string{"a/prod#1", "a/prod#2"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
			now := start
			c := newTokenCache(func() time.Time { return now })
			minted := 0
			var got []string
			for _, cl := range tc.calls {
				now = start.Add(cl.after)
				if cl.forget {
					c.forget(cl.cluster)
				}
				mint := func(_ context.Context, cluster string) (string, error) {
					minted++
					if cl.client == "fail" {
						return "", errBoom
					}
					return fmt.Sprintf("%s/%s#%d", cl.client, cluster, minted), nil
				}
				client := cl.client
				if client == "fail" {
					client = "a"
				}
				tok, err := c.wrap(client, mint)(context.Background(), cl.cluster)
				if diff := cmp.Diff(cl.client == "fail", err != nil); diff != "" {
					t.Errorf("\n%s\nerror %v", tc.reason, err)
				}
				got = append(got, tok)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("\n%s\ntokens: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
