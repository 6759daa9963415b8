package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// printResult prints one size's figures.
func printResult(r Result) {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "\nprovider-aws bench: %d %s, %s CPUs, --poll=%s (steady state), --max-reconcile-rate=%d %s\n",
		r.Resources, workloads[r.Kind].plural, r.Environment["cpus"], r.Poll, r.MaxReconcileRate, strings.Join(r.ProviderArgs, " "))
	fmt.Fprintf(w, "apply -> all Ready\t%.0f s\t(50%% %.0f s, 90%% %.0f s, 99%% %.0f s; %.1f MRs/s)\n", r.ReadySeconds, r.Ready50Seconds, r.Ready90Seconds, r.Ready99Seconds, r.ReadyPerSecond)
	if len(r.ReadyByKind) > 1 {
		fmt.Fprintf(w, "  all Ready, by kind\t%s\n", fmtPerKind(r.ReadyByKind))
	}
	fmt.Fprintf(w, "delete -> all gone\t%.1f s\n", r.DeleteSeconds)
	fmt.Fprintf(w, "provider peak RSS\t%.1f MB\t(at the end: %.1f MB anonymous + %.1f MB of the binary)\n", r.PeakRSSMB, r.EndRSSAnonMB, r.EndRSSFileMB)
	fmt.Fprintf(w, "provider CPU time\t%.1f s\n", r.CPUSeconds)
	fmt.Fprintf(w, "CPU during the wave\t%s\t(%.0f core-seconds available)\n", fmtCPU(r.WaveCPU), r.ReadySeconds*float64(runtimeCPUs(r)))
	fmt.Fprintf(w, "goroutines, stacks, heap\t%d\t%.1f MB\t%.1f MB in use\n", r.Goroutines, r.StackMB, r.HeapMB)
	fmt.Fprintf(w, "AWS calls per resource in the wave\t%.1f\t%s\n", r.WaveCallsPerMR, fmtPerKind(r.WaveCallsPerMRByKind))
	fmt.Fprintf(w, "Kubernetes requests per resource in the wave\t%.1f\n", r.KubeWavePerMR)
	fmt.Fprintf(w, "steady state (%.0f s), AWS\t%.2f reads per resource per poll (%s)\t%d writes\n",
		r.SteadySeconds, r.ReadsPerMRPerPoll, workloads[r.Kind].reads, r.SteadyWrites)
	fmt.Fprintf(w, "steady state, Kubernetes\t%.2f reads per resource per poll\t%.3f writes per resource per poll (%d)\n",
		r.KubeReadsPerMRPerPoll, r.KubeWritesPerMRPerPoll, r.KubeSteadyWrites)
	fmt.Fprintf(w, "STS calls (credentials: %s)\t%d in the wave\t%d in steady state\t%d in all\n", r.Credentials, r.STSWave, r.STSSteady, r.STSTotal)
	if r.Ceiling != nil {
		fmt.Fprintf(w, "emulator ceiling\t%.0f calls/s\t(%d calls of %d units in %.1f s, no provider)\n", r.Ceiling.CallsPerSecond, r.Ceiling.Calls, r.Ceiling.Units, r.Ceiling.Seconds)
	}
	printCounts(w, "AWS calls during the wave", r.WaveCalls)
	printCounts(w, "AWS calls in steady state", r.SteadyCalls)
	printCounts(w, "Kubernetes requests during the wave", r.KubeWave)
	printCounts(w, "Kubernetes requests in steady state", r.KubeSteady)
	_ = w.Flush()
}

func fmtCPU(m map[string]float64) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s %.0f s", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func runtimeCPUs(r Result) int {
	n, _ := strconv.Atoi(r.Environment["cpus"])
	return n
}

func fmtPerKind(m map[string]float64) string {
	if len(m) < 2 {
		return ""
	}
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s %.1f", k, m[k]))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func printCounts(w *tabwriter.Writer, title string, counts map[string]int) {
	fmt.Fprintf(w, "%s\t%d\n", title, total(counts))
	for _, k := range sortedKeys(counts) {
		fmt.Fprintf(w, "  %s\t%d\n", k, counts[k])
	}
}

// writeReport writes the runs' JSON, the markdown table and the plot.
func writeReport(root string, w workload, results []Result) error {
	for _, r := range results {
		if r.Bound != "" && r.Ceiling != nil {
			fmt.Printf("bench: %d %s: %s: the wave made %.0f AWS calls/s, %.0f%% of the %.0f calls/s moto sustains alone on this machine (the wave's calls at that rate: %.1f s)\n",
				r.Resources, w.kind, r.Bound, r.WaveCallsPerSecond, 100*r.WaveShareOfCeiling, r.Ceiling.CallsPerSecond, r.IdealWaveSecondsAtCeiling)
		}
	}
	dir := filepath.Join(root, "_output", "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		return err
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	base := filepath.Join(dir, "bench-"+w.kind+"-"+stamp)
	for _, p := range []string{base + ".json", filepath.Join(dir, "latest-"+w.kind+".json")} {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	md := markdown(w, results)
	if err := os.WriteFile(base+".md", []byte(md), 0o644); err != nil {
		return err
	}
	if err := writePlot(base+".png", w, results); err != nil {
		return fmt.Errorf("cannot plot: %w", err)
	}
	fmt.Printf("\n%s\nwrote %s.json, .md and .png\n", md, base)
	return nil
}

// markdown is the table for docs/benchmarks.md: one column per size.
func markdown(w workload, rs []Result) string {
	var b strings.Builder
	b.WriteString("| measure |")
	for _, r := range rs {
		fmt.Fprintf(&b, " %d |", r.Resources)
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(rs)) + "\n")
	row := func(name string, f func(Result) string) {
		b.WriteString("| " + name + " |")
		for _, r := range rs {
			b.WriteString(" " + f(r) + " |")
		}
		b.WriteString("\n")
	}
	row("apply → all Ready", func(r Result) string { return fmt.Sprintf("%.0f s", r.ReadySeconds) })
	row("50% / 90% / 99% Ready", func(r Result) string {
		return fmt.Sprintf("%.0f / %.0f / %.0f s", r.Ready50Seconds, r.Ready90Seconds, r.Ready99Seconds)
	})
	if len(w.gvks) > 1 {
		row("all Ready, by kind", func(r Result) string { return fmtPerKind(r.ReadyByKind) })
	}
	row("MRs Ready per second", func(r Result) string { return fmt.Sprintf("%.1f", r.ReadyPerSecond) })
	row("delete → all gone", func(r Result) string { return fmt.Sprintf("%.0f s", r.DeleteSeconds) })
	row("provider peak RSS", func(r Result) string { return fmt.Sprintf("%.0f MB", r.PeakRSSMB) })
	row("provider CPU (per MR)", func(r Result) string {
		return fmt.Sprintf("%.1f s (%.0f ms)", r.CPUSeconds, 1000*r.CPUSeconds/float64(r.Resources))
	})
	row("CPU during the wave, by process", func(r Result) string { return fmtCPU(r.WaveCPU) })
	row("goroutines / stacks / heap in use", func(r Result) string {
		return fmt.Sprintf("%d / %.1f MB / %.0f MB", r.Goroutines, r.StackMB, r.HeapMB)
	})
	row("AWS calls per MR, wave", func(r Result) string {
		return strings.TrimSpace(fmt.Sprintf("%.1f %s", r.WaveCallsPerMR, fmtPerKind(r.WaveCallsPerMRByKind)))
	})
	row("Kubernetes requests per MR, wave", func(r Result) string { return fmt.Sprintf("%.1f", r.KubeWavePerMR) })
	row("steady state per MR per poll: AWS reads / writes", func(r Result) string {
		return fmt.Sprintf("%.2f / %d", r.ReadsPerMRPerPoll, r.SteadyWrites)
	})
	row("steady state per MR per poll: Kubernetes reads / writes", func(r Result) string {
		return fmt.Sprintf("%.2f / %.3f", r.KubeReadsPerMRPerPoll, r.KubeWritesPerMRPerPoll)
	})
	row("STS calls: wave / steady state / in all", func(r Result) string {
		return fmt.Sprintf("%d / %d / %d (%s)", r.STSWave, r.STSSteady, r.STSTotal, r.Credentials)
	})
	if len(rs) > 0 && rs[0].Ceiling != nil {
		row("wave's AWS calls/s (share of moto's ceiling)", func(r Result) string {
			return fmt.Sprintf("%.0f (%.0f%%): %s", r.WaveCallsPerSecond, 100*r.WaveShareOfCeiling, r.Bound)
		})
		fmt.Fprintf(&b, "\nmoto's ceiling on this machine: %.0f calls/s (%d units of %s calls, %d calls in %.1f s, no provider).\n",
			rs[0].Ceiling.CallsPerSecond, rs[0].Ceiling.Units, w.kind, rs[0].Ceiling.Calls, rs[0].Ceiling.Seconds)
	}
	return b.String()
}

// writePlot draws, side by side: Ready count over time for each size, and
// the provider's peak RSS and CPU time against the number of resources.
func writePlot(path string, w workload, rs []Result) error {
	ready := plot.New()
	ready.Title.Text = "Ready over time (" + w.kind + ")"
	ready.X.Label.Text = "seconds after apply"
	ready.Y.Label.Text = "managed resources Ready"
	ready.Legend.Top, ready.Legend.Left = true, true
	for i, r := range rs {
		pts := make(plotter.XYs, len(r.ReadyCurve))
		for s, c := range r.ReadyCurve {
			pts[s] = plotter.XY{X: float64(s), Y: float64(c)}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(i)
		l.Width = vg.Points(1.5)
		ready.Add(l)
		ready.Legend.Add(fmt.Sprintf("N=%d", r.Resources), l)
	}
	ready.Add(plotter.NewGrid())

	against := func(title, unit string, f func(Result) float64, c color.Color) (*plot.Plot, error) {
		p := plot.New()
		p.Title.Text = title
		p.X.Label.Text = "managed resources"
		p.Y.Label.Text = unit
		p.Y.Min = 0
		pts := make(plotter.XYs, len(rs))
		for i, r := range rs {
			pts[i] = plotter.XY{X: float64(r.Resources), Y: f(r)}
		}
		l, s, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		l.Color, s.Color = c, c
		p.Add(l, s, plotter.NewGrid())
		return p, nil
	}
	rss, err := against("provider peak RSS", "MB", func(r Result) float64 { return r.PeakRSSMB }, plotutil.Color(0))
	if err != nil {
		return err
	}
	cpu, err := against("provider CPU for the run", "CPU seconds", func(r Result) float64 { return r.CPUSeconds }, plotutil.Color(1))
	if err != nil {
		return err
	}

	img := vgimg.New(15*vg.Inch, 4.5*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 3, PadX: vg.Millimeter * 6, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 3, PadBottom: vg.Millimeter * 3, PadLeft: vg.Millimeter * 3, PadRight: vg.Millimeter * 3}
	plots := [][]*plot.Plot{{ready, rss, cpu}}
	canvases := plot.Align(plots, tiles, dc)
	for j, p := range plots[0] {
		p.Draw(canvases[0][j])
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
