// Command bench measures the provider against the local stack: it applies
// BENCH_N managed resources of BENCH_KIND (s3: buckets, the default; sqs:
// queues) at once and reports how long they take to become Ready, the provider's peak memory and CPU time, the AWS calls it made
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

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/wait"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// Result is what one benchmark run measured.
type Result struct {
	Kind              string            `json:"kind"`
	Resources         int               `json:"resources"`
	Poll              string            `json:"poll"`
	MaxReconcileRate  int               `json:"maxReconcileRate"`
	ReadySeconds      float64           `json:"applyToAllReadySeconds"`
	ReadyPerSecond    float64           `json:"mrsReadyPerSecond"`
	DeleteSeconds     float64           `json:"deleteToAllGoneSeconds"`
	PeakRSSMB         float64           `json:"providerPeakRSSMB"`
	EndRSSAnonMB      float64           `json:"providerEndRSSAnonMB"`
	EndRSSFileMB      float64           `json:"providerEndRSSFileMB"`
	CPUSeconds        float64           `json:"providerCPUSeconds"`
	WaveCalls         map[string]int    `json:"awsCallsDuringWave"`
	SteadyCalls       map[string]int    `json:"awsCallsDuringSteadyState"`
	SteadySeconds     float64           `json:"steadyStateWindowSeconds"`
	SteadyWrites      int               `json:"steadyStateWrites"`
	ReadsPerMRPerPoll float64           `json:"steadyStateReadsPerResourcePerPoll"`
	Environment       map[string]string `json:"environment"`
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
	w, ok := workloads[os.Getenv("BENCH_KIND")]
	if !ok {
		return fmt.Errorf("BENCH_KIND must be s3 or sqs, got %q", os.Getenv("BENCH_KIND"))
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

	res := Result{Kind: w.kind, Resources: n, Poll: poll.String(), MaxReconcileRate: rate,
		Environment: map[string]string{"cpus": strconv.Itoa(numCPU())}}

	if err := s.Client.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "bench"}}); err != nil {
		return fmt.Errorf("cannot create namespace bench: %w", err)
	}

	// What the wave's resources need first (a dead-letter queue), Ready
	// before the wave starts and not counted in it.
	for _, o := range w.setup {
		if err := s.Client.Create(ctx, o()); err != nil {
			return fmt.Errorf("cannot create the bench's setup: %w", err)
		}
	}
	if err := waitCount(ctx, s, w, time.Minute, func(l *unstructured.UnstructuredList) bool {
		c, _ := ready(l)
		return c == len(w.setup)
	}); err != nil {
		return fmt.Errorf("the bench's setup is not Ready: %w", err)
	}

	// The wave: every resource applied at once.
	before, err := calls(ctx, s)
	if err != nil {
		return err
	}
	fmt.Printf("bench: applying %d %s...\n", n, w.plural)
	start := time.Now()
	if err := forEach(n, func(i int) error { return s.Client.Create(ctx, w.object(i)) }); err != nil {
		return fmt.Errorf("cannot create %s: %w", w.plural, err)
	}
	var lastReady time.Time
	if err := waitCount(ctx, s, w, 5*time.Minute, func(l *unstructured.UnstructuredList) bool {
		var c int
		c, lastReady = ready(l)
		return c == n+len(w.setup)
	}); err != nil {
		return fmt.Errorf("%s not all Ready: %w", w.plural, err)
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

	// Steady state: let every resource poll a few times, then count.
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
	res.ReadsPerMRPerPoll = float64(reads) / float64(n+len(w.setup)) / polls

	// Delete them all.
	fmt.Printf("bench: deleting %d %s...\n", n, w.plural)
	start = time.Now()
	if err := s.Client.DeleteAllOf(ctx, w.empty(), client.InNamespace("bench")); err != nil {
		return fmt.Errorf("cannot delete %s: %w", w.plural, err)
	}
	if err := waitCount(ctx, s, w, 5*time.Minute, func(l *unstructured.UnstructuredList) bool { return len(l.Items) == 0 }); err != nil {
		return fmt.Errorf("%s not all gone: %w", w.plural, err)
	}
	res.DeleteSeconds = time.Since(start).Seconds()

	res.PeakRSSMB, res.EndRSSAnonMB, res.EndRSSFileMB, res.CPUSeconds, err = procStats(s.ProviderPID())
	if err != nil {
		return err
	}
	return report(s, res)
}

func numCPU() int { return runtime.NumCPU() }

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

// ready counts the Ready resources and returns when the last became Ready.
func ready(l *unstructured.UnstructuredList) (int, time.Time) {
	c, last := 0, time.Time{}
	for i := range l.Items {
		conds, _, _ := unstructured.NestedSlice(l.Items[i].Object, "status", "conditions")
		for _, x := range conds {
			cond, _ := x.(map[string]any)
			if cond["type"] != "Ready" || cond["status"] != "True" {
				continue
			}
			c++
			if t, err := time.Parse(time.RFC3339, fmt.Sprint(cond["lastTransitionTime"])); err == nil && t.After(last) {
				last = t
			}
		}
	}
	return c, last
}

func waitCount(ctx context.Context, s *local.Stack, w workload, timeout time.Duration, done func(*unstructured.UnstructuredList) bool) error {
	return wait.PollUntilContextTimeout(ctx, time.Second, timeout, true, func(ctx context.Context) (bool, error) {
		l := &unstructured.UnstructuredList{}
		l.SetGroupVersionKind(w.gvk.GroupVersion().WithKind(w.gvk.Kind + "List"))
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
	fmt.Fprintf(w, "\nprovider-aws bench: %d %s, %d CPUs, --poll=%s (steady state), --max-reconcile-rate=%d\n", r.Resources, workloads[r.Kind].plural, numCPU(), r.Poll, r.MaxReconcileRate)
	fmt.Fprintf(w, "apply -> all Ready\t%.1f s\t(%.1f MRs/s)\n", r.ReadySeconds, r.ReadyPerSecond)
	fmt.Fprintf(w, "delete -> all gone\t%.1f s\n", r.DeleteSeconds)
	fmt.Fprintf(w, "provider peak RSS\t%.1f MB\t(at the end: %.1f MB anonymous + %.1f MB of the binary)\n", r.PeakRSSMB, r.EndRSSAnonMB, r.EndRSSFileMB)
	fmt.Fprintf(w, "provider CPU time\t%.1f s\n", r.CPUSeconds)
	fmt.Fprintf(w, "steady state (%.0f s)\t%.2f reads per resource per poll (%s)\t%d writes\n",
		r.SteadySeconds, r.ReadsPerMRPerPoll, workloads[r.Kind].reads, r.SteadyWrites)
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
	path := filepath.Join(dir, "bench-"+r.Kind+"-"+time.Now().UTC().Format("20060102T150405Z")+".json")
	for _, p := range []string{path, filepath.Join(dir, "latest-"+r.Kind+".json")} {
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
