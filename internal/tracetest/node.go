package tracetest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Node returns the path of the node binary, skipping the test when it
// cannot or should not run: under -short (running node is slow; the
// committed outputs are then used as they are) or when node is not on PATH.
func Node(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not running node; the committed Node outputs are used as they are")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH; the committed Node outputs are used as they are")
	}
	return node
}

// RunNode runs `node prog` in dir and returns what it printed on stdout and
// stderr. A program that fails (non-zero exit) fails the test. It skips as
// [Node] does.
func RunNode(t testing.TB, dir, prog string) (stdout, stderr []byte) {
	t.Helper()
	node := Node(t)
	var out, errOut bytes.Buffer
	cmd := exec.Command(node, prog)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s in %s: %v\n%s", prog, dir, err, errOut.Bytes())
	}
	return out.Bytes(), errOut.Bytes()
}

var nodePID = regexp.MustCompile(`\(node:\d+\)`)

// MaskPID replaces the process id in Node's warning prefix "(node:PID)",
// which differs on every run.
func MaskPID(s string) string { return nodePID.ReplaceAllString(s, "(node:PID)") }

// NodeGoldens runs every Node program dir/*.js, one subtest each, and
// requires its stdout to equal NAME.out and its stderr NAME.err (absent
// when Node prints nothing there; the PID of Node's warning prefix is
// masked), so that a program edited without regenerating its output is
// caught. With update it rewrites the files from Node's output instead.
// It skips as [Node] does.
func NodeGoldens(t *testing.T, dir string, update bool) {
	t.Helper()
	Node(t)
	progs, err := filepath.Glob(filepath.Join(dir, "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	if len(progs) == 0 {
		t.Fatalf("no Node program in %s", dir)
	}
	for _, prog := range progs {
		base := strings.TrimSuffix(prog, ".js")
		t.Run(filepath.Base(base), func(t *testing.T) {
			stdout, stderr := RunNode(t, dir, filepath.Base(prog))
			if update {
				writeGolden(t, base+".out", stdout, true)
				writeGolden(t, base+".err", stderr, false)
				return
			}
			const hint = "is stale: run go test -run NodeGoldens -update-node-goldens"
			if want := readOptional(t, base+".out", true); string(want) != string(stdout) {
				t.Fatalf("%s.out %s\n%s", base, hint, lineDiff(string(want), string(stdout)))
			}
			if want := readOptional(t, base+".err", false); MaskPID(string(want)) != MaskPID(string(stderr)) {
				t.Fatalf("%s.err %s\n%s", base, hint, lineDiff(MaskPID(string(want)), MaskPID(string(stderr))))
			}
		})
	}
}

// writeGolden writes b to path; an empty b removes an optional file.
func writeGolden(t testing.TB, path string, b []byte, required bool) {
	t.Helper()
	if len(b) == 0 && !required {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		return
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readOptional reads path; a missing file reads as empty unless required.
func readOptional(t testing.TB, path string, required bool) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lineDiff shows the first differing line of two outputs, then both.
func lineDiff(want, got string) string {
	w, g := SplitLines(want), SplitLines(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	at := func(s []string) string {
		if i < len(s) {
			return s[i]
		}
		return "(end)"
	}
	return "first difference at line " + strconv.Itoa(i+1) + ":\n  got:  " + at(g) + "\n  want: " + at(w) +
		"\n--- got:\n" + got + "\n--- want:\n" + want
}

// Example checks an example program (a folder of examples/) from its
// main_test.go, run in that folder. Subtest "go" requires the output of
// run to equal expected.txt. Subtest "node" requires what `node
// original.js` prints to equal expected.txt too, so the file stays what
// Node prints and is not just what the Go program printed once; it needs
// original.js (use [ExpectFile] alone for a Go-only example), and it skips
// as [Node] does. Node must print nothing on stderr.
func Example(t *testing.T, run func(w io.Writer) error) {
	t.Helper()
	t.Run("go", func(t *testing.T) {
		var got bytes.Buffer
		if err := run(&got); err != nil {
			t.Fatalf("run: %v", err)
		}
		ExpectFile(t, "expected.txt", got.Bytes())
	})
	t.Run("node", func(t *testing.T) {
		if _, err := os.Stat("original.js"); err != nil {
			t.Fatalf("an example checked against Node needs its original.js: %v", err)
		}
		stdout, stderr := RunNode(t, ".", "original.js")
		if len(stderr) > 0 {
			t.Errorf("node original.js wrote to stderr:\n%s", stderr)
		}
		ExpectFile(t, "expected.txt", stdout)
	})
}

// ExpectFile fails the test unless got equals the contents of path byte
// for byte.
func ExpectFile(t testing.TB, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s\n%s", path, lineDiff(string(want), string(got)))
	}
}
