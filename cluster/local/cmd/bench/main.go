// Command bench measures the provider against the local stack: it applies
// BENCH_N buckets (default 200) at once and reports how long they take to
// become Ready, the provider's peak memory and CPU time, the AWS calls it made
// during the wave and in a steady-state window, and how long deleting them
// takes. It prints a table and writes JSON under _output/bench/. It reports
// numbers; it asserts nothing.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"sigs.k8s.io/controller-runtime/pkg/client"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
	"github.com/kaws-dev/provider-aws/cluster/local"
)

// Result is what one benchmark run measured.
type Result struct {
	Buckets               int               `json:"buckets"`
	Poll                  string            `json:"poll"`
	MaxReconcileRate      int               `json:"maxReconcileRate"`
	ReadySeconds          float64           `json:"applyToAllReadySeconds"`
	ReadyPerSecond        float64           `json:"mrsReadyPerSecond"`
	DeleteSeconds         float64           `json:"deleteToAllGoneSeconds"`
	PeakRSSMB             float64           `json:"providerPeakRSSMB"`
	EndRSSAnonMB          float64           `json:"providerEndRSSAnonMB"`
	EndRSSFileMB          float64           `json:"providerEndRSSFileMB"`
	CPUSeconds            float64           `json:"providerCPUSeconds"`
	WaveCalls             map[string]int    `json:"awsCallsDuringWave"`
	SteadyCalls           map[string]int    `json:"awsCallsDuringSteadyState"`
	SteadySeconds         float64           `json:"steadyStateWindowSeconds"`
	SteadyWrites          int               `json:"steadyStateWrites"`
	ReadsPerBucketPerPoll float64           `json:"steadyStateReadsPerBucketPerPoll"`
	ManagedSubResources   int               `json:"subResourcesManagedPerBucket"`
	Environment           map[string]string `json:"environment"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

func envInt(name string, def int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a positive integer, got %q", name, v)
	}
	return n, nil
}

func run() error { //nolint:gocyclo // A linear script of measurements.
	n, err := envInt("BENCH_N", 200)
	if err != nil {
		return err
	}
	rate, err := envInt("BENCH_RATE", 100)
	if err != nil {
		return err
	}
	poll := 10 * time.Second
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	fmt.Printf("bench: starting the local stack (provider --poll=%s --max-reconcile-rate=%d)...\n", poll, rate)
	s, err := local.Start(ctx, local.Options{Name: "bench", Poll: poll, ProviderArgs: []string{fmt.Sprintf("--max-reconcile-rate=%d", rate)}, Log: os.Stderr})
	if err != nil {
		return err
	}
	defer s.Stop() //nolint:errcheck // Best effort on the way out.

	res := Result{Buckets: n, Poll: poll.String(), MaxReconcileRate: rate, ManagedSubResources: 4,
		Environment: map[string]string{"cpus": strconv.Itoa(numCPU())}}

	if err := s.Client.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "bench"}}); err != nil {
		return fmt.Errorf("cannot create namespace bench: %w", err)
	}

	// The wave: every bucket applied at once.
	before, err := calls(ctx, s)
	if err != nil {
		return err
	}
	fmt.Printf("bench: applying %d buckets...\n", n)
	start := time.Now()
	if err := forEach(n, func(i int) error { return s.Client.Create(ctx, benchBucket(i)) }); err != nil {
		return fmt.Errorf("cannot create buckets: %w", err)
	}
	var lastReady time.Time
	if err := waitCount(ctx, s, 5*time.Minute, func(l *v1alpha1.BucketList) bool {
		var c int
		c, lastReady = ready(l)
		return c == n
	}); err != nil {
		return fmt.Errorf("buckets not all Ready: %w", err)
	}
	// The time the last bucket became Ready, from its condition (second
	// resolution): the bench polls gently so as not to load the API server.
	res.ReadySeconds = lastReady.Sub(start.Truncate(time.Second)).Seconds()
	res.ReadyPerSecond = float64(n) / res.ReadySeconds
	afterWave, err := calls(ctx, s)
	if err != nil {
		return err
	}
	res.WaveCalls = sub(afterWave, before)

	// Steady state: let every bucket poll a few times, then count.
	time.Sleep(poll + 2*time.Second) // let the wave's requeues settle
	steadyStart, err := calls(ctx, s)
	if err != nil {
		return err
	}
	window := 3 * poll
	fmt.Printf("bench: steady state for %s...\n", window)
	t0 := time.Now()
	time.Sleep(window)
	steadyEnd, err := calls(ctx, s)
	if err != nil {
		return err
	}
	res.SteadySeconds = time.Since(t0).Seconds()
	res.SteadyCalls = sub(steadyEnd, steadyStart)
	reads := 0
	for op, c := range res.SteadyCalls {
		if isRead(op) {
			reads += c
		} else {
			res.SteadyWrites += c
		}
	}
	polls := res.SteadySeconds / poll.Seconds()
	res.ReadsPerBucketPerPoll = float64(reads) / float64(n) / polls

	// Delete them all.
	fmt.Printf("bench: deleting %d buckets...\n", n)
	start = time.Now()
	if err := s.Client.DeleteAllOf(ctx, &v1alpha1.Bucket{}, client.InNamespace("bench")); err != nil {
		return fmt.Errorf("cannot delete buckets: %w", err)
	}
	if err := waitCount(ctx, s, 5*time.Minute, func(l *v1alpha1.BucketList) bool { return len(l.Items) == 0 }); err != nil {
		return fmt.Errorf("buckets not all gone: %w", err)
	}
	res.DeleteSeconds = time.Since(start).Seconds()

	res.PeakRSSMB, res.EndRSSAnonMB, res.EndRSSFileMB, res.CPUSeconds, err = procStats(s.ProviderPID())
	if err != nil {
		return err
	}
	return report(s, res)
}

func numCPU() int { return runtime.NumCPU() }

func benchBucket(i int) *v1alpha1.Bucket {
	return &v1alpha1.Bucket{
		ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("bench-%04d", i), Namespace: "bench"},
		Spec: v1alpha1.BucketSpec{ForProvider: v1alpha1.BucketParameters{
			Region:               aws.String("us-east-1"),
			Tags:                 map[string]string{"bench": "true", "index": strconv.Itoa(i)},
			Versioning:           &v1alpha1.VersioningConfiguration{Status: "Enabled"},
			ServerSideEncryption: &v1alpha1.ServerSideEncryption{SSEAlgorithm: "AES256"},
			Lifecycle: &v1alpha1.LifecycleConfiguration{Rules: []v1alpha1.LifecycleRule{{
				ID: "logs-to-glacier", Status: "Enabled", Filter: &v1alpha1.LifecycleFilter{Prefix: aws.String("logs/")},
				Transitions: []v1alpha1.LifecycleTransition{{Days: 60, StorageClass: "GLACIER"}},
			}}},
		}},
	}
}

// forEach runs f for 0..n-1 on a few workers and returns the first error.
func forEach(n int, f func(int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// ready counts the Ready buckets and returns when the last became Ready.
func ready(l *v1alpha1.BucketList) (int, time.Time) {
	c, last := 0, time.Time{}
	for i := range l.Items {
		cond := l.Items[i].GetCondition(xpv2.TypeReady)
		if cond.Status != "True" {
			continue
		}
		c++
		if t := cond.LastTransitionTime.Time; t.After(last) {
			last = t
		}
	}
	return c, last
}

func waitCount(ctx context.Context, s *local.Stack, timeout time.Duration, done func(*v1alpha1.BucketList) bool) error {
	return wait.PollUntilContextTimeout(ctx, time.Second, timeout, true, func(ctx context.Context) (bool, error) {
		l := &v1alpha1.BucketList{}
		if err := s.Client.List(ctx, l, client.InNamespace("bench")); err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		return done(l), nil
	})
}

var callLine = regexp.MustCompile(`^kaws_aws_api_calls_total\{([^}]*)\} ([0-9.e+]+)$`)
var label = regexp.MustCompile(`(\w+)="([^"]*)"`)

// calls reads the provider's AWS call counters by operation.
func calls(ctx context.Context, s *local.Stack) (map[string]int, error) {
	text, err := s.ProviderMetrics(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		m := callLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var op, outcome string
		for _, l := range label.FindAllStringSubmatch(m[1], -1) {
			switch l[1] {
			case "operation":
				op = l[2]
			case "outcome":
				outcome = l[2]
			}
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		key := op
		if outcome != "success" {
			key += " (" + outcome + ")"
		}
		out[key] += int(v)
	}
	return out, sc.Err()
}

func sub(a, b map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range a {
		if d := v - b[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}

func isRead(op string) bool {
	for _, p := range []string{"Get", "Head", "List", "Describe"} {
		if strings.HasPrefix(op, p) {
			return true
		}
	}
	return false
}

// procStats returns, from /proc, the peak RSS (VmHWM), the current anonymous
// and file-backed (binary) RSS, all in MB, and the CPU seconds (user+system)
// of a process.
func procStats(pid int) (peak, anon, file, cpu float64, err error) {
	if pid == 0 {
		return 0, 0, 0, 0, fmt.Errorf("the provider is not running")
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, 0, 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmHWM:":
			peak = kb / 1024
		case "RssAnon:":
			anon = kb / 1024
		case "RssFile:":
			file = kb / 1024
		}
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, 0, 0, err
	}
	// Fields after the command name, which is in parentheses: utime and stime
	// are the 14th and 15th fields of the line, in clock ticks (100 per second).
	rest := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
	utime, _ := strconv.ParseFloat(rest[11], 64)
	stime, _ := strconv.ParseFloat(rest[12], 64)
	return peak, anon, file, (utime + stime) / 100, nil
}

func report(s *local.Stack, r Result) error {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "\nprovider-aws bench: %d S3 buckets, %d CPUs, --poll=%s (steady state), --max-reconcile-rate=%d\n", r.Buckets, numCPU(), r.Poll, r.MaxReconcileRate)
	fmt.Fprintf(w, "apply -> all Ready\t%.1f s\t(%.1f MRs/s)\n", r.ReadySeconds, r.ReadyPerSecond)
	fmt.Fprintf(w, "delete -> all gone\t%.1f s\n", r.DeleteSeconds)
	fmt.Fprintf(w, "provider peak RSS\t%.1f MB\t(at the end: %.1f MB anonymous + %.1f MB of the binary)\n", r.PeakRSSMB, r.EndRSSAnonMB, r.EndRSSFileMB)
	fmt.Fprintf(w, "provider CPU time\t%.1f s\n", r.CPUSeconds)
	fmt.Fprintf(w, "steady state (%.0f s)\t%.2f reads per bucket per poll (%d sub-resources managed + HeadBucket)\t%d writes\n",
		r.SteadySeconds, r.ReadsPerBucketPerPoll, r.ManagedSubResources, r.SteadyWrites)
	printCalls(w, "AWS calls during the wave", r.WaveCalls)
	printCalls(w, "AWS calls in steady state", r.SteadyCalls)
	if err := w.Flush(); err != nil {
		return err
	}
	dir := filepath.Join(s.Root, "_output", "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "bench-"+time.Now().UTC().Format("20060102T150405Z")+".json")
	for _, p := range []string{path, filepath.Join(dir, "latest.json")} {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("\nwrote %s\n", path)
	return nil
}

func printCalls(w *tabwriter.Writer, title string, calls map[string]int) {
	ops := make([]string, 0, len(calls))
	total := 0
	for op, c := range calls {
		ops = append(ops, op)
		total += c
	}
	sort.Strings(ops)
	fmt.Fprintf(w, "%s\t%d\n", title, total)
	for _, op := range ops {
		fmt.Fprintf(w, "  %s\t%d\n", op, calls[op])
	}
}
