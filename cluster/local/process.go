package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// procSpec describes a child process of the stack.
type procSpec struct {
	name    string
	path    string
	args    []string
	env     []string // added to this process's environment
	logFile string   // stdout and stderr
	append  bool     // append to logFile instead of truncating it
}

// A process is a child process of the stack. It runs in its own process
// group (so a Ctrl-C in the terminal reaches only the parent, which tears
// down in order) and is killed by the kernel when the parent dies.
type process struct {
	name    string
	logFile string
	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	waitErr error         // valid once done is closed
}

func startProcess(ps procSpec) (*process, error) {
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if !ps.append {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(ps.logFile, flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot open the %s log: %w", ps.name, err)
	}
	fmt.Fprintf(f, "=== %s: %s %s\n", time.Now().Format(time.RFC3339), ps.path, strings.Join(ps.args, " "))
	cmd := exec.Command(ps.path, ps.args...)
	cmd.Env = append(os.Environ(), ps.env...)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("cannot start %s (%s): %w", ps.name, ps.path, err)
	}
	p := &process{name: ps.name, logFile: ps.logFile, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		_ = f.Close()
		close(p.done)
	}()
	return p, nil
}

func (p *process) pid() int { return p.cmd.Process.Pid }

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop sends SIGTERM to the process group, then SIGKILL after grace. It is
// safe to call more than once.
func (p *process) stop(grace time.Duration) error {
	if p == nil || p.exited() {
		return nil
	}
	if err := syscall.Kill(-p.pid(), syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("cannot stop %s (pid %d): %w", p.name, p.pid(), err)
	}
	select {
	case <-p.done:
		return nil
	case <-time.After(grace):
	}
	if err := syscall.Kill(-p.pid(), syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("cannot kill %s (pid %d): %w", p.name, p.pid(), err)
	}
	<-p.done
	return nil
}

// logTail returns the last n lines of the process's log, as a block to
// append to an error message.
func (p *process) logTail(n int) string {
	return fmt.Sprintf("--- last %d lines of %s ---\n%s", n, p.logFile, tailFile(p.logFile, n))
}

// tailFile returns the last n lines of a file, reading at most its last
// 1 MiB, or a note saying why it cannot.
func tailFile(path string, n int) string {
	const maxRead = 1 << 20
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > maxRead {
		if _, err := f.Seek(-maxRead, io.SeekEnd); err != nil {
			return fmt.Sprintf("(cannot read %s: %v)", path, err)
		}
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// freeAddr returns a 127.0.0.1 address with a port that is free right now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("cannot find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// httpClient talks to the stack's own endpoints, never through a proxy.
type httpClient struct{ *http.Client }

func newHTTPClient() httpClient {
	return httpClient{&http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
	}}
}

// do sends a request and returns the body of a 200 response.
func (c httpClient) do(ctx context.Context, method, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot build %s %s: %w", method, url, err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: cannot read the response: %w", method, url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: %s: %s", method, url, resp.Status, firstLine(body))
	}
	return body, nil
}

// waitHTTP polls GET url until it answers 200, the process exits or the
// timeout passes. Errors end with the tail of the process's log.
func (c httpClient) waitHTTP(ctx context.Context, p *process, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		_, lastErr := c.do(ctx, http.MethodGet, url)
		if lastErr == nil {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("%s exited (%w) before answering GET %s\n%s", p.name, p.waitErr, url, p.logTail(20))
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer GET %s within %s (%w; last error: %w)\n%s", p.name, url, timeout, ctx.Err(), lastErr, p.logTail(20))
		case <-tick.C:
		}
	}
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimSpace(b), []byte("\n"))
	if len(line) > 200 {
		line = line[:200]
	}
	return string(line)
}
