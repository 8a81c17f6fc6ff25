package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
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
		// Shown by go test -v, or when the package fails; CI prints the
		// same line from conform --summary.
		fmt.Println(SummaryLine(int(conformancePassed.Load()), int(conformanceFailed.Load())))
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
