package conformance

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The counts of TestConformance, reported by TestMain once every test has
// run.
var (
	conformanceRan    atomic.Bool
	conformancePassed atomic.Int64
	conformanceFailed atomic.Int64
)

// contextLines is how many lines around the first difference a failure
// shows from each trace.
const contextLines = 3

func TestMain(m *testing.M) {
	code := m.Run()
	if conformanceRan.Load() {
		announce(fmt.Sprintf("conformance: %d passed, %d failed", conformancePassed.Load(), conformanceFailed.Load()), code == 0)
	}
	os.Exit(code)
}

// TestConformance runs every scenario under testdata (or, when
// CONFORMANCE_DIR is set, every *.json under that directory) as a subtest
// named after its file, and compares its trace with the .trace beside it.
func TestConformance(t *testing.T) {
	root := "testdata"
	if d := os.Getenv("CONFORMANCE_DIR"); d != "" {
		root = d
	}
	files, err := ScenarioFiles(root, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no scenarios under %s", root)
	}
	conformanceRan.Store(true)
	defer noTestCache()
	for _, f := range files {
		rel, err := filepath.Rel(root, f)
		if err != nil {
			rel = f
		}
		name := strings.TrimSuffix(filepath.ToSlash(rel), ".json")
		t.Run(name, func(t *testing.T) {
			if checkScenario(t, f, name) {
				conformancePassed.Add(1)
			} else {
				conformanceFailed.Add(1)
			}
		})
	}
}

// checkScenario runs one scenario and reports whether its trace is Node's.
func checkScenario(t *testing.T, path, name string) bool {
	t.Helper()
	want, err := os.ReadFile(GoldenPath(path))
	if err != nil {
		t.Errorf("%s: no golden trace: %v", name, err)
		return false
	}
	got, runErr := RunScenarioTimeout(path, DefaultTimeout)
	if runErr != nil {
		t.Errorf("%s: %v", name, runErr)
		if strings.TrimSpace(got) == "" {
			return false
		}
	}
	if got != string(want) {
		t.Errorf("%s: the trace differs from Node's\n%s", name, DiffReport(string(want), got, contextLines))
		return false
	}
	return runErr == nil
}

// noTestCache keeps the go command from caching this package's result:
// a cached pass prints only "ok ... (cached)", without the summary line, and
// the scenarios of a CONFORMANCE_DIR outside the module are not among the
// inputs the go command checks before reusing a result. The go command
// does not cache a run that opened a file of the module modified less than
// two seconds before the run ended, so the test rewrites one as it ends
// (the suite takes about a second). The file is git-ignored.
func noTestCache() {
	_ = os.WriteFile(".last-run", []byte(time.Now().UTC().Format(time.RFC3339Nano)+"\n"), 0o644)
}

// announce prints the summary line so that it shows in the output of a
// plain `go test ./...`. The go command shows a test binary's output only
// with -v or when the package fails; otherwise it prints nothing but its
// "ok" line. So, for a passing run without -v, the line is also written
// straight to the go command's own standard output, when that can be done
// safely: to a terminal or a pipe, or to a file the go command itself
// appends to (a file it writes at its own offset would overwrite the line).
func announce(line string, passed bool) {
	fmt.Println(line)
	if !passed || verbose() {
		return
	}
	parentOut := fmt.Sprintf("/proc/%d/fd/1", os.Getppid())
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", os.Getppid()))
	if err != nil || filepath.Base(exe) != "go" {
		return // not run by the go command (or not on Linux)
	}
	pi, err := os.Stat(parentOut)
	if err != nil {
		return
	}
	if si, err := os.Stdout.Stat(); err == nil && os.SameFile(si, pi) {
		return // the go command handed us its own output: already shown
	}
	if pi.Mode()&(os.ModeNamedPipe|os.ModeCharDevice) == 0 && !parentAppends() {
		return
	}
	f, err := os.OpenFile(parentOut, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintln(f, line)
}

// verbose reports whether the go command shows the test's output (-v or
// -json).
func verbose() bool {
	f := flag.Lookup("test.v")
	return f != nil && f.Value.String() != "false"
}

// parentAppends reports whether the go command's standard output was opened
// with O_APPEND (a shell's >> redirection).
func parentAppends() bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/1", os.Getppid()))
	if err != nil {
		return false
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "flags:"); ok {
			flags, err := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
			return err == nil && flags&syscall.O_APPEND != 0
		}
	}
	return false
}

// TestConformanceRegressions runs the scenarios from fresh gen.js seeds
// that once found a difference from Node (regressions/, kept apart so the
// summary line counts the kit's own sets).
func TestConformanceRegressions(t *testing.T) {
	files, err := ScenarioFiles("regressions", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) { checkScenario(t, f, name) })
	}
}
