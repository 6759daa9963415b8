package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// stallAfter is how long a wave may make no progress before the bench
// says what it sees: whether moto answers, and where the provider's
// goroutines are (with BENCH_ARGS=--enable-pprof).
const stallAfter = time.Minute

// A stallWatch reports, once, a wave whose Ready count stopped growing.
type stallWatch struct {
	s        *local.Stack
	last     int
	since    time.Time
	reported bool
}

func newStallWatch(s *local.Stack) *stallWatch { return &stallWatch{s: s, since: time.Now()} }

func (w *stallWatch) check(ctx context.Context, ready int) {
	if ready != w.last {
		w.last, w.since = ready, time.Now()
		return
	}
	if w.reported || time.Since(w.since) < stallAfter {
		return
	}
	w.reported = true
	fmt.Printf("bench: no resource became Ready for %s (%d Ready)\n", stallAfter, ready)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	begin := time.Now()
	_, err := sqs.NewFromConfig(w.s.AWSConfig(benchRegion)).ListQueues(pctx, &sqs.ListQueuesInput{})
	if err != nil {
		fmt.Printf("bench: moto does not answer ListQueues: %v\n", err)
	} else {
		fmt.Printf("bench: moto answers ListQueues in %s\n", time.Since(begin).Round(time.Millisecond))
	}
	if b, err := w.s.ProviderHTTP(pctx, "/debug/pprof/goroutine?debug=1"); err == nil {
		path := filepath.Join(w.s.Dir, "stall-goroutines.txt")
		if err := os.WriteFile(path, b, 0o644); err == nil {
			fmt.Printf("bench: the provider's goroutines are in %s\n", path)
		}
	}
}
