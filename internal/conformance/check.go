package conformance

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// DefaultTimeout bounds one scenario's run. Scenarios take milliseconds; a
// run that takes this long is a library that loops forever, and the check
// goes on without it.
const DefaultTimeout = 20 * time.Second

// RunScenarioTimeout is RunScenario, giving up after timeout. A run that
// times out keeps its goroutine (nothing can stop a loop from outside), so
// it is for tests and commands that exit soon after.
func RunScenarioTimeout(path string, timeout time.Duration) (trace string, err error) {
	type result struct {
		trace string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		t, err := RunScenario(path)
		done <- result{t, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.trace, r.err
	case <-timer.C:
		return "", fmt.Errorf("%s: timed out after %v (the loop never went idle)", path, timeout)
	}
}

// GoldenPath is the .trace file beside a scenario.
func GoldenPath(scenario string) string {
	return strings.TrimSuffix(scenario, ".json") + ".trace"
}

// ScenarioFiles lists the *.json files of dir, sorted; with recursive, of
// its subdirectories too.
func ScenarioFiles(dir string, recursive bool) ([]string, error) {
	var files []string
	if !recursive {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
		return files, nil
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".json") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// splitTrace splits a trace into lines, without the empty string after the
// final newline.
func splitTrace(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// FirstDiff returns the 1-based number of the first line where got differs
// from want, or 0 when they are equal.
func FirstDiff(want, got string) int {
	if want == got {
		return 0
	}
	w, g := splitTrace(want), splitTrace(got)
	for i := 0; ; i++ {
		if i >= len(w) || i >= len(g) || w[i] != g[i] {
			return i + 1
		}
	}
}

// lineAt is line n (1-based) of lines, or a marker past the end.
func lineAt(lines []string, n int) (string, bool) {
	if n >= 1 && n <= len(lines) {
		return lines[n-1], true
	}
	return "", false
}

// DiffReport describes how got differs from want: the first differing
// line, with context lines around it from both traces.
func DiffReport(want, got string, context int) string {
	k := FirstDiff(want, got)
	if k == 0 {
		return "traces are equal"
	}
	w, g := splitTrace(want), splitTrace(got)
	var sb strings.Builder
	wk, _ := lineAt(w, k)
	gk, _ := lineAt(g, k)
	fmt.Fprintf(&sb, "first difference at line %d:\n  want %q\n  got  %q\n", k, wk, gk)
	show := func(label string, lines []string) {
		fmt.Fprintf(&sb, "%s (%d lines):\n", label, len(lines))
		for n := k - context; n <= k+context; n++ {
			l, ok := lineAt(lines, n)
			if !ok {
				if n == len(lines)+1 {
					fmt.Fprintf(&sb, "  %s %4d  <end of trace>\n", marker(n == k), n)
				}
				continue
			}
			fmt.Fprintf(&sb, "  %s %4d  %s\n", marker(n == k), n, l)
		}
	}
	show("want", w)
	show("got", g)
	return sb.String()
}

func marker(b bool) string {
	if b {
		return ">"
	}
	return " "
}

// CheckDir runs every dir/*.json and compares its trace with dir/*.trace,
// writing run.js's --check report to out: a FAIL line (and the first
// differing line) per failure, then "N passed, N failed".
func CheckDir(dir string, out io.Writer) (passed, failed int, err error) {
	files, err := ScenarioFiles(dir, false)
	if err != nil {
		return 0, 0, err
	}
	passed, failed = CheckFiles(files, filepath.Base, out)
	fmt.Fprintf(out, "%d passed, %d failed\n", passed, failed)
	return passed, failed, nil
}

// CheckFiles runs each scenario of files and compares its trace with the
// .trace beside it, writing a FAIL line (and the first differing line) to
// out for each one that differs, under the name name gives it. It writes
// no summary: that is the caller's.
func CheckFiles(files []string, name func(path string) string, out io.Writer) (passed, failed int) {
	for _, f := range files {
		got, runErr := RunScenarioTimeout(f, DefaultTimeout)
		wantB, readErr := os.ReadFile(GoldenPath(f))
		if runErr == nil && readErr == nil && got == string(wantB) {
			passed++
			continue
		}
		failed++
		switch {
		case readErr != nil:
			fmt.Fprintf(out, "FAIL %s (no golden)\n", name(f))
		default:
			fmt.Fprintf(out, "FAIL %s\n", name(f))
			if runErr != nil {
				fmt.Fprintf(out, "  error: %v\n", firstLine(runErr.Error()))
			}
			k := FirstDiff(string(wantB), got)
			if k > 0 {
				wk, _ := lineAt(splitTrace(string(wantB)), k)
				gk, _ := lineAt(splitTrace(got), k)
				fmt.Fprintf(out, "  line %d: want %q got %q\n", k, wk, gk)
			}
		}
	}
	return passed, failed
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// SummaryLine is the one line that reports a whole run of the kit's sets,
// as TestConformance and conform --summary print it.
func SummaryLine(passed, failed int) string {
	return fmt.Sprintf("conformance: %d passed, %d failed", passed, failed)
}
