package stream

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// updateNodeGoldens regenerates the Node outputs kept next to the Node
// programs in testdata/loop and testdata/emitter:
//
//	go test -run NodeGoldens -update-node-goldens .
var updateNodeGoldens = flag.Bool("update-node-goldens", false, "rewrite testdata/{loop,emitter}/*.out and *.err by running node")

func TestMain(m *testing.M) {
	flag.Parse()
	// The package's own tests run with the loop-ownership checks on, so a
	// stream method called off its loop panics instead of racing. A
	// benchmark run measures the library as users get it: checks off.
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		debugChecks = true
	}
	goleak.VerifyTestMain(m)
}

// goldenLines reads a golden file as lines, without the final newline.
func goldenLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return splitLines(string(b))
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

var nodePID = regexp.MustCompile(`\(node:\d+\)`)

// checkNodeGoldens runs every Node program in dir and compares its stdout
// with NAME.out and its stderr with NAME.err (absent when Node prints
// nothing there), so a program edited without regenerating its output is
// caught. The PID in Node's warning prefix differs per run and is masked.
func checkNodeGoldens(t *testing.T, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("running node is slow; -short uses the committed outputs as they are")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the committed outputs are used as they are")
	}
	progs, err := filepath.Glob(filepath.Join(dir, "*.js"))
	require.NoError(t, err)
	require.NotEmpty(t, progs)
	for _, prog := range progs {
		base := strings.TrimSuffix(prog, ".js")
		t.Run(filepath.Base(base), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(node, filepath.Base(prog))
			cmd.Dir = dir
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Run(), "node %s: %s", prog, stderr.String())
			if *updateNodeGoldens {
				require.NoError(t, os.WriteFile(base+".out", stdout.Bytes(), 0o644))
				if stderr.Len() > 0 {
					require.NoError(t, os.WriteFile(base+".err", stderr.Bytes(), 0o644))
				} else if err := os.Remove(base + ".err"); err != nil && !errors.Is(err, os.ErrNotExist) {
					require.NoError(t, err)
				}
				return
			}
			want, err := os.ReadFile(base + ".out")
			require.NoError(t, err)
			require.Equal(t, string(want), stdout.String(), "%s.out is stale: run go test -run NodeGoldens -update-node-goldens", base)
			wantErr, err := os.ReadFile(base + ".err")
			if errors.Is(err, os.ErrNotExist) {
				wantErr, err = nil, nil
			}
			require.NoError(t, err)
			mask := func(b []byte) string { return nodePID.ReplaceAllString(string(b), "(node:PID)") }
			require.Equal(t, mask(wantErr), mask(stderr.Bytes()), "%s.err is stale: run go test -run NodeGoldens -update-node-goldens", base)
		})
	}
}
