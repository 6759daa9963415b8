// Command bench measures the provider against the local stack, at one or
// more sizes: for each BENCH_N it starts a fresh stack, applies BENCH_N
// managed resources of BENCH_KIND at once and reports how long they take to
// become Ready (50/90/99% and all), the provider's peak memory, CPU time,
// goroutines and stacks, the AWS calls and Kubernetes API requests it made
// during the wave and in a steady-state window, and how long deleting them
// takes; then it measures the emulator's own ceiling (ceiling.go) and says
// whether the wave was provider-bound or emulator-bound. It prints a table,
// and writes JSON, a markdown table and a plot under _output/bench/. It
// reports numbers; it asserts nothing.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/wait"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
	"github.com/kaws-dev/provider-aws/cluster/local"
)

// Result is what one benchmark run (one size) measured.
type Result struct {
	Kind             string `json:"kind"`
	Resources        int    `json:"resources"`
	Poll             string `json:"poll"`
	MaxReconcileRate int    `json:"maxReconcileRate"`
	// ProviderArgs are the extra provider flags of the run (BENCH_ARGS).
	ProviderArgs []string `json:"providerArgs,omitempty"`

	ReadySeconds   float64 `json:"applyToAllReadySeconds"`
	Ready50Seconds float64 `json:"applyTo50PercentReadySeconds"`
	Ready90Seconds float64 `json:"applyTo90PercentReadySeconds"`
	Ready99Seconds float64 `json:"applyTo99PercentReadySeconds"`
	ReadyPerSecond float64 `json:"mrsReadyPerSecond"`
	// ReadyByKind is when the last resource of each kind became Ready (the
	// setup's included).
	ReadyByKind map[string]float64 `json:"applyToAllReadySecondsByKind"`
	// ReadyCurve is how many resources were Ready n seconds after the
	// apply: ReadyCurve[n].
	ReadyCurve    []int   `json:"readyCountBySecond"`
	DeleteSeconds float64 `json:"deleteToAllGoneSeconds"`

	PeakRSSMB    float64 `json:"providerPeakRSSMB"`
	EndRSSAnonMB float64 `json:"providerEndRSSAnonMB"`
	EndRSSFileMB float64 `json:"providerEndRSSFileMB"`
	CPUSeconds   float64 `json:"providerCPUSeconds"`
	// WaveCPU is the CPU seconds each of the stack's processes used
	// during the wave (provider, moto, kube-apiserver, etcd): where the
	// machine's cores went.
	WaveCPU map[string]float64 `json:"cpuSecondsDuringWaveByProcess"`
	// Goroutines, StackMB and HeapMB are read from the provider's Go
	// metrics at the end of the steady state.
	Goroutines int     `json:"providerGoroutines"`
	StackMB    float64 `json:"providerStackInUseMB"`
	HeapMB     float64 `json:"providerHeapInUseMB"`

	WaveCalls          map[string]int `json:"awsCallsDuringWave"`
	WaveCallsPerMR     float64        `json:"awsCallsPerResourceDuringWave"`
	WaveCallsPerSecond float64        `json:"awsCallsPerSecondDuringWave"`
	// WaveCallsPerMRByKind are the wave's AWS calls of each service per
	// resource of that service's kinds (ec2: per VPC, subnet or group).
	WaveCallsPerMRByKind map[string]float64 `json:"awsCallsPerResourceDuringWaveByService"`
	SteadyCalls          map[string]int     `json:"awsCallsDuringSteadyState"`
	SteadySeconds        float64            `json:"steadyStateWindowSeconds"`
	SteadyWrites         int                `json:"steadyStateWrites"`
	ReadsPerMRPerPoll    float64            `json:"steadyStateReadsPerResourcePerPoll"`

	// Kubernetes API requests of the provider, by "verb resource".
	KubeWave               map[string]int `json:"kubeRequestsDuringWave"`
	KubeWavePerMR          float64        `json:"kubeRequestsPerResourceDuringWave"`
	KubeSteady             map[string]int `json:"kubeRequestsDuringSteadyState"`
	KubeReadsPerMRPerPoll  float64        `json:"kubeReadsPerResourcePerPoll"`
	KubeWritesPerMRPerPoll float64        `json:"kubeWritesPerResourcePerPoll"`
	KubeSteadyWrites       int            `json:"kubeSteadyStateWrites"`
	// Credentials is how the provider config gets its credentials
	// (BENCH_CREDS); STSWave and STSSteady count the provider's STS calls
	// in the wave and in the steady state (not among SteadyWrites).
	Credentials string `json:"credentials"`
	STSWave     int    `json:"stsCallsDuringWave"`
	STSSteady   int    `json:"stsCallsDuringSteadyState"`
	// STSTotal counts every STS call since the provider started (the
	// bench's setup, the wave and the steady state): the first AssumeRole
	// of the provider config is among them.
	STSTotal                  int      `json:"stsCallsInAll"`
	Ceiling                   *Ceiling `json:"emulatorCeiling,omitempty"`
	Bound                     string   `json:"bound,omitempty"`
	WaveShareOfCeiling        float64  `json:"waveCallsPerSecondShareOfCeiling,omitempty"`
	IdealWaveSecondsAtCeiling float64  `json:"waveSecondsAtTheCeiling,omitempty"`

	Environment map[string]string `json:"environment"`
}

// config is what the environment asks for.
type config struct {
	w       workload
	sizes   []int
	rate    int
	args    []string
	ceiling bool
	poll    time.Duration
	// creds is BENCH_CREDS: assume-role (the default) or secret.
	creds string
}

// What BENCH_CREDS may say: the stack's credentials Secret alone, or, as
// most platform teams run, the Secret's identity assuming a role
// (sts:AssumeRole through moto), so that the bench counts the STS calls.
const (
	credsAssumeRole = "assume-role"
	credsSecret     = "secret"
	benchRoleARN    = "arn:aws:iam::123456789012:role/provider-aws-bench"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

func positive(name, v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must hold positive integers, got %q", name, v)
	}
	return n, nil
}

func parseConfig() (config, error) {
	c := config{poll: time.Minute, rate: 100, sizes: []int{200}, ceiling: os.Getenv("BENCH_CEILING") != "0", creds: credsAssumeRole}
	switch v := os.Getenv("BENCH_CREDS"); v {
	case "":
	case credsAssumeRole, credsSecret:
		c.creds = v
	default:
		return c, fmt.Errorf("BENCH_CREDS must be %s or %s, got %q", credsAssumeRole, credsSecret, v)
	}
	if v := os.Getenv("BENCH_POLL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return c, fmt.Errorf("BENCH_POLL must be a duration of at least 1s, got %q", v)
		}
		c.poll = d
	}
	if v := os.Getenv("BENCH_N"); v != "" {
		c.sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := positive("BENCH_N", f)
			if err != nil {
				return c, err
			}
			c.sizes = append(c.sizes, n)
		}
	}
	if v := os.Getenv("BENCH_RATE"); v != "" {
		n, err := positive("BENCH_RATE", v)
		if err != nil {
			return c, err
		}
		c.rate = n
	}
	c.args = strings.Fields(os.Getenv("BENCH_ARGS"))
	w, ok := workloads[os.Getenv("BENCH_KIND")]
	if !ok {
		return c, fmt.Errorf("BENCH_KIND must be s3, sqs, dynamodb, ec2 or mixed, got %q", os.Getenv("BENCH_KIND"))
	}
	c.w = w
	return c, nil
}

func run() error {
	if path := os.Getenv("BENCH_REPORT"); path != "" {
		return rewriteReport(path)
	}
	c, err := parseConfig()
	if err != nil {
		return err
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	var (
		results []Result
		root    string
	)
	var failed error
	for i, n := range c.sizes {
		r, rt, err := runSize(ctx, c, n, i == 0 && c.ceiling)
		root = rt
		if err != nil {
			// Report the sizes measured so far, then fail.
			failed = fmt.Errorf("%d %s: %w", n, c.w.plural, err)
			break
		}
		results = append(results, r)
		printResult(r)
	}
	if len(results) == 0 {
		return failed
	}
	// The ceiling was measured once, at the first size: every size is
	// compared with it.
	for i := range results {
		results[i].Ceiling = results[0].Ceiling
		classify(&results[i])
	}
	if err := writeReport(root, c.w, results); err != nil {
		return err
	}
	return failed
}

// runSize measures n resources on a fresh stack; with ceiling it also
// measures the emulator's ceiling on it once the wave is deleted.
func runSize(ctx context.Context, c config, n int, withCeiling bool) (Result, string, error) { //nolint:gocyclo // A linear script of measurements.
	w := c.w
	args := append([]string{fmt.Sprintf("--max-reconcile-rate=%d", c.rate)}, c.args...)
	fmt.Printf("bench: %d %s; starting the local stack (provider --poll=%s %s)...\n", n, w.plural, c.poll, strings.Join(args, " "))
	s, err := local.Start(ctx, local.Options{Name: "bench", Poll: c.poll, ProviderArgs: args, Log: os.Stderr})
	if err != nil {
		return Result{}, "", err
	}
	defer s.Stop() //nolint:errcheck // Best effort on the way out.

	res := Result{Kind: w.kind, Poll: c.poll.String(), MaxReconcileRate: c.rate, ProviderArgs: c.args, Credentials: c.creds,
		Environment: map[string]string{"cpus": strconv.Itoa(runtime.NumCPU()), "goVersion": runtime.Version()}}
	if c.creds == credsAssumeRole {
		if err := assumeRole(ctx, s); err != nil {
			return res, s.Root, err
		}
	}

	if err := s.Client.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "bench"}}); err != nil {
		return res, s.Root, fmt.Errorf("cannot create namespace bench: %w", err)
	}
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	wt, err := watch(wctx, s, w)
	if err != nil {
		return res, s.Root, err
	}

	// What the wave's resources need first (a dead-letter queue), Ready
	// before the wave starts and not counted in it.
	for _, o := range w.setup {
		if err := s.Client.Create(ctx, o()); err != nil {
			return res, s.Root, fmt.Errorf("cannot create the bench's setup: %w", err)
		}
	}
	if err := waitList(ctx, wt, time.Minute, func(l []unstructured.Unstructured) bool { return len(readyTimes(l)) == len(w.setup) }); err != nil {
		return res, s.Root, fmt.Errorf("the bench's setup is not Ready: %w", err)
	}

	// The wave: every resource applied at once.
	objs := w.objects(n)
	res.Resources = len(objs)
	before, err := scrape(ctx, s)
	if err != nil {
		return res, s.Root, err
	}
	cpuBefore := cpuByProcess(s)
	fmt.Printf("bench: applying %d %s...\n", len(objs), w.plural)
	start := time.Now()
	if err := forEach(len(objs), func(i int) error { return s.Client.Create(ctx, objs[i]) }); err != nil {
		return res, s.Root, fmt.Errorf("cannot create %s: %w", w.plural, err)
	}
	var (
		times  []time.Time
		byKind map[string]time.Time
	)
	timeout := 5*time.Minute + time.Duration(len(objs))*200*time.Millisecond
	stall := newStallWatch(s)
	if err := waitList(ctx, wt, timeout, func(l []unstructured.Unstructured) bool {
		times, byKind = readyTimesByKind(l)
		stall.check(ctx, len(times))
		return len(times) == len(objs)+len(w.setup)
	}); err != nil {
		return res, s.Root, fmt.Errorf("%s not all Ready (%d of %d): %w", w.plural, len(times)-len(w.setup), len(objs), err)
	}
	readyFigures(&res, start, times, len(w.setup))
	res.WaveCPU = map[string]float64{}
	for name, c := range cpuByProcess(s) {
		res.WaveCPU[name] = c - cpuBefore[name]
	}
	fmt.Printf("bench: the last of each kind to become Ready: %v\n", lastName)
	res.ReadyByKind = map[string]float64{}
	for k, t := range byKind {
		res.ReadyByKind[k] = max(0, t.Sub(start.Truncate(time.Second)).Seconds())
	}
	afterWave, err := scrape(ctx, s)
	if err != nil {
		return res, s.Root, err
	}
	res.WaveCalls = sub(afterWave.aws, before.aws)
	res.WaveCallsPerMR = float64(total(res.WaveCalls)) / float64(len(objs))
	res.WaveCallsPerSecond = float64(total(res.WaveCalls)) / res.ReadySeconds
	res.WaveCallsPerMRByKind = perKind(sub(afterWave.awsByService, before.awsByService), objs)
	res.STSWave = afterWave.awsByService["STS"] - before.awsByService["STS"]
	res.KubeWave = sub(afterWave.kube, before.kube)
	res.KubeWavePerMR = float64(total(res.KubeWave)) / float64(len(objs))

	// Steady state: once the wave's last requeues are done (a resource
	// not Ready is observed again within 15 s), count the calls of one
	// poll of every resource.
	time.Sleep(15 * time.Second)
	steadyStart, err := scrape(ctx, s)
	if err != nil {
		return res, s.Root, err
	}
	window := c.poll
	fmt.Printf("bench: steady state for %s...\n", window)
	t0 := time.Now()
	time.Sleep(window)
	steadyEnd, err := scrape(ctx, s)
	if err != nil {
		return res, s.Root, err
	}
	res.SteadySeconds = time.Since(t0).Seconds()
	mrPolls := float64(len(objs)+len(w.setup)) * res.SteadySeconds / c.poll.Seconds()
	res.SteadyCalls = sub(steadyEnd.aws, steadyStart.aws)
	res.STSSteady = steadyEnd.awsByService["STS"] - steadyStart.awsByService["STS"]
	res.STSTotal = steadyEnd.awsByService["STS"]
	reads := 0
	for op, n := range res.SteadyCalls {
		switch {
		case stsOps[op]: // counted apart
		case isRead(op):
			reads += n
		default:
			res.SteadyWrites += n
		}
	}
	res.ReadsPerMRPerPoll = float64(reads) / mrPolls
	res.KubeSteady = sub(steadyEnd.kube, steadyStart.kube)
	kreads := 0
	for k, n := range res.KubeSteady {
		switch verb, _, _ := strings.Cut(k, " "); verb {
		case "get", "list":
			kreads += n
		case "watch": // long-lived; a new one is a reconnect, not a poll
		default:
			res.KubeSteadyWrites += n
		}
	}
	res.KubeReadsPerMRPerPoll = float64(kreads) / mrPolls
	res.KubeWritesPerMRPerPoll = float64(res.KubeSteadyWrites) / mrPolls
	res.Goroutines = int(steadyEnd.gauge["go_goroutines"])
	res.StackMB = steadyEnd.gauge["go_memstats_stack_inuse_bytes"] / 1e6
	res.HeapMB = steadyEnd.gauge["go_memstats_heap_inuse_bytes"] / 1e6

	// Delete them all.
	fmt.Printf("bench: deleting %d %s...\n", len(objs), w.plural)
	start = time.Now()
	for _, gvk := range w.gvks {
		u := &unstructured.Unstructured{}
		u.SetGroupVersionKind(gvk)
		if err := s.Client.DeleteAllOf(ctx, u, client.InNamespace("bench")); err != nil {
			return res, s.Root, fmt.Errorf("cannot delete %s: %w", gvk.Kind, err)
		}
	}
	if err := waitList(ctx, wt, timeout, func(l []unstructured.Unstructured) bool { return len(l) == 0 }); err != nil {
		return res, s.Root, fmt.Errorf("%s not all gone: %w", w.plural, err)
	}
	res.DeleteSeconds = time.Since(start).Seconds()

	res.PeakRSSMB, res.EndRSSAnonMB, res.EndRSSFileMB, res.CPUSeconds, err = procStats(s.ProviderPID())
	if err != nil {
		return res, s.Root, err
	}

	if withCeiling {
		// The provider's work is done; stop it so that moto has the
		// machine to itself, as the ceiling means.
		if err := s.StopProvider(); err != nil {
			return res, s.Root, err
		}
		// As many units as the wave had (a unit of ec2 makes the calls of
		// its VPC, subnet and security group).
		units := unitsFor(w, len(objs))
		fmt.Printf("bench: the emulator's ceiling: %d units of %s calls straight at moto...\n", units, w.kind)
		ce, err := ceiling(s, w, units)
		if err != nil {
			return res, s.Root, fmt.Errorf("the emulator's ceiling: %w", err)
		}
		res.Ceiling = &ce
	}
	return res, s.Root, nil
}

// stsOps are the STS operations the provider calls to get credentials.
var stsOps = map[string]bool{"AssumeRole": true, "AssumeRoleWithWebIdentity": true, "GetCallerIdentity": true}

// assumeRole makes the stack's provider config assume benchRoleARN with the
// credentials of its Secret.
func assumeRole(ctx context.Context, s *local.Stack) error {
	pc := &v1alpha1.ClusterProviderConfig{}
	if err := s.Client.Get(ctx, client.ObjectKey{Name: local.ProviderConfigName}, pc); err != nil {
		return fmt.Errorf("cannot get the provider config: %w", err)
	}
	pc.Spec.Credentials.AssumeRoleChain = []v1alpha1.AssumeRole{{RoleARN: benchRoleARN}}
	if err := s.Client.Update(ctx, pc); err != nil {
		return fmt.Errorf("cannot make the provider config assume a role: %w", err)
	}
	return nil
}

// perKind divides each service's calls by the number of resources of its
// API group (s3.kaws.dev for S3, ...).
func perKind(byService map[string]int, objs []*unstructured.Unstructured) map[string]float64 {
	mrs := map[string]int{}
	for _, o := range objs {
		svc, _, _ := strings.Cut(o.GroupVersionKind().Group, ".")
		mrs[svc]++
	}
	out := map[string]float64{}
	for svc, n := range byService {
		if m := mrs[strings.ToLower(svc)]; m > 0 {
			out[svc] = float64(n) / float64(m)
		}
	}
	return out
}

// unitsFor returns how many units make n resources.
func unitsFor(w workload, n int) int {
	units, c := 0, 0
	for c < n {
		c += len(w.unit(units))
		units++
	}
	return units
}

// readyFigures sets the Ready times and the curve from the Ready
// conditions' transition times (second resolution), the setup's excluded.
func readyFigures(res *Result, start time.Time, times []time.Time, setup int) {
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	times = times[setup:] // the setup became Ready first
	t0 := start.Truncate(time.Second)
	secs := make([]float64, len(times))
	for i, t := range times {
		secs[i] = max(0, t.Sub(t0).Seconds())
	}
	at := func(p float64) float64 { return secs[max(0, int(float64(len(secs))*p+0.999999)-1)] }
	res.ReadySeconds = secs[len(secs)-1]
	res.Ready50Seconds, res.Ready90Seconds, res.Ready99Seconds = at(0.5), at(0.9), at(0.99)
	res.ReadyPerSecond = float64(len(secs)) / max(res.ReadySeconds, 1)
	res.ReadyCurve = make([]int, int(res.ReadySeconds)+1)
	for _, s := range secs {
		for i := int(s); i < len(res.ReadyCurve); i++ {
			res.ReadyCurve[i]++
		}
	}
}

// classify says what bound a wave: the machine, when its cores were at
// least 80% busy with the stack's processes (the provider then shares them
// with moto and the API server, and its own share says how much it could
// gain); else the emulator, when the wave's AWS calls per second reached
// 70% of what moto sustains alone; else the provider.
func classify(r *Result) {
	if r.Ceiling != nil && r.Ceiling.CallsPerSecond > 0 {
		r.WaveShareOfCeiling = r.WaveCallsPerSecond / r.Ceiling.CallsPerSecond
		r.IdealWaveSecondsAtCeiling = float64(total(r.WaveCalls)) / r.Ceiling.CallsPerSecond
	}
	cpus, _ := strconv.Atoi(r.Environment["cpus"])
	used := 0.0
	for _, c := range r.WaveCPU {
		used += c
	}
	if avail := r.ReadySeconds * float64(cpus); avail > 0 && used/avail >= 0.8 {
		r.Bound = fmt.Sprintf("machine-bound (cores %.0f%% busy: %s)", 100*used/avail, cpuShares(r.WaveCPU, used))
		return
	}
	// moto is one Python process: its interpreter lock lets it use one
	// core, whatever the machine has. Its ceiling is measured at the first
	// size, on few resources; its describes walk every resource it holds,
	// so at larger sizes it saturates its core well below that ceiling.
	moto := 0.0
	if r.ReadySeconds > 0 {
		moto = r.WaveCPU["moto"] / r.ReadySeconds
	}
	switch {
	case moto >= 0.8:
		r.Bound = fmt.Sprintf("emulator-bound (moto busy %.0f%% of the wave on its one core)", 100*moto)
	case r.Ceiling == nil || r.Ceiling.CallsPerSecond == 0:
	case r.WaveShareOfCeiling >= 0.7:
		r.Bound = "emulator-bound"
	default:
		r.Bound = "provider-bound"
	}
}

// cpuShares returns each process's share of the CPU used.
func cpuShares(m map[string]float64, used float64) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s %.0f%%", k, 100*m[k]/used))
	}
	return strings.Join(parts, ", ")
}

// forEach runs f for 0..n-1 on 32 workers and returns the first error.
func forEach(n int, f func(int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for range 32 {
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

// readyTimes returns when each Ready resource became Ready.
func readyTimes(l []unstructured.Unstructured) []time.Time {
	t, _ := readyTimesByKind(l)
	return t
}

// lastName is the last resource of each kind to become Ready, for the log.
var lastName map[string]string

// readyTimesByKind returns when each Ready resource became Ready, and the
// last of those times by kind.
func readyTimesByKind(l []unstructured.Unstructured) ([]time.Time, map[string]time.Time) {
	var out []time.Time
	last := map[string]time.Time{}
	lastName = map[string]string{}
	for i := range l {
		conds, _, _ := unstructured.NestedSlice(l[i].Object, "status", "conditions")
		for _, x := range conds {
			cond, _ := x.(map[string]any)
			if cond["type"] != "Ready" || cond["status"] != "True" {
				continue
			}
			t, err := time.Parse(time.RFC3339, fmt.Sprint(cond["lastTransitionTime"]))
			if err != nil {
				t = time.Now()
			}
			out = append(out, t)
			if k := l[i].GetKind(); t.After(last[k]) {
				last[k] = t
				lastName[k] = l[i].GetName()
			}
		}
	}
	return out, last
}

// A watcher holds the workload's resources in the bench namespace in an
// informer cache: one watch per kind. Listing them all from the API server
// every second instead cost kube-apiserver a large share of the machine at
// 2,000 resources (the bench then measured itself as much as the provider).
type watcher struct {
	c    cache.Cache
	gvks []schema.GroupVersionKind
}

// watch starts the workload's informers and waits for them to sync; they
// stop with ctx.
func watch(ctx context.Context, s *local.Stack, w workload) (*watcher, error) {
	c, err := cache.New(s.RESTConfig, cache.Options{Scheme: s.Client.Scheme(), DefaultNamespaces: map[string]cache.Config{"bench": {}}})
	if err != nil {
		return nil, fmt.Errorf("cannot create the bench's cache: %w", err)
	}
	for _, gvk := range w.gvks {
		u := &unstructured.Unstructured{}
		u.SetGroupVersionKind(gvk)
		if _, err := c.GetInformer(ctx, u); err != nil {
			return nil, fmt.Errorf("cannot watch %s: %w", gvk.Kind, err)
		}
	}
	go func() { _ = c.Start(ctx) }()
	if !c.WaitForCacheSync(ctx) {
		return nil, fmt.Errorf("the bench's cache did not sync")
	}
	return &watcher{c: c, gvks: w.gvks}, nil
}

// waitList reads every kind of the workload from the watcher each second
// until done says so.
func waitList(ctx context.Context, wt *watcher, timeout time.Duration, done func([]unstructured.Unstructured) bool) error {
	return wait.PollUntilContextTimeout(ctx, time.Second, timeout, true, func(ctx context.Context) (bool, error) {
		var all []unstructured.Unstructured
		for _, gvk := range wt.gvks {
			l := &unstructured.UnstructuredList{}
			l.SetGroupVersionKind(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
			if err := wt.c.List(ctx, l, client.InNamespace("bench"), client.UnsafeDisableDeepCopy); err != nil {
				return false, nil //nolint:nilerr // Retried until the timeout.
			}
			all = append(all, l.Items...)
		}
		return done(all), nil
	})
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

func total(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}

func isRead(op string) bool {
	for _, p := range []string{"Get", "Head", "List", "Describe"} {
		if strings.HasPrefix(op, p) {
			return true
		}
	}
	return false
}

// cpuByProcess returns the CPU seconds the stack's processes used so far.
func cpuByProcess(s *local.Stack) map[string]float64 {
	out := map[string]float64{}
	for name, pid := range s.PIDs() {
		if c, err := cpuSeconds(pid); err == nil {
			out[name] = c
		}
	}
	return out
}

// cpuSeconds returns the user and system CPU seconds of a process.
func cpuSeconds(pid int) (float64, error) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses: utime and stime
	// are the 14th and 15th fields of the line, in clock ticks (100 per second).
	rest := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
	utime, _ := strconv.ParseFloat(rest[11], 64)
	stime, _ := strconv.ParseFloat(rest[12], 64)
	return (utime + stime) / 100, nil
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
	cpu, err = cpuSeconds(pid)
	return peak, anon, file, cpu, err
}

// rewriteReport reads the results of an earlier run (its JSON) and writes
// its report again (BENCH_REPORT=<json>): the verdicts, the markdown table
// and the plot, with this version of the bench.
func rewriteReport(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var results []Result
	if err := json.Unmarshal(b, &results); err != nil {
		return fmt.Errorf("cannot read %s: %w", path, err)
	}
	if len(results) == 0 {
		return fmt.Errorf("%s holds no results", path)
	}
	w, ok := workloads[results[0].Kind]
	if !ok {
		return fmt.Errorf("%s: unknown kind %q", path, results[0].Kind)
	}
	for i := range results {
		results[i].Bound = ""
		classify(&results[i])
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	return writeReport(root, w, results)
}
