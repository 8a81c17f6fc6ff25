package conformance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFiles checks the report conform --check and --summary print: a
// scenario whose golden matches passes silently, one whose golden differs
// or is missing gets a FAIL line under the name it is given.
func TestCheckFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("testdata", "scenarios", "construct-001")
	scenario, err := os.ReadFile(src + ".json")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(src + ".trace")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", scenario)
	write("a.trace", golden)
	write("b.json", scenario)
	write("b.trace", append([]byte("not node's first line\n"), golden...))
	write("c.json", scenario)

	var out strings.Builder
	passed, failed, err := CheckDir(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	if passed != 1 || failed != 2 {
		t.Fatalf("CheckDir: %d passed, %d failed; want 1 and 2\n%s", passed, failed, out.String())
	}
	lines := splitTrace(out.String())
	if len(lines) != 4 ||
		lines[0] != "FAIL b.json" ||
		!strings.HasPrefix(lines[1], `  line 1: want "not node's first line" got `) ||
		lines[2] != "FAIL c.json (no golden)" ||
		lines[3] != "1 passed, 2 failed" {
		t.Fatalf("CheckDir report:\n%s", out.String())
	}

	out.Reset()
	files := []string{filepath.Join(dir, "a.json"), filepath.Join(dir, "c.json")}
	passed, failed = CheckFiles(files, func(p string) string { return "<" + filepath.Base(p) + ">" }, &out)
	if passed != 1 || failed != 1 || out.String() != "FAIL <c.json> (no golden)\n" {
		t.Fatalf("CheckFiles: %d passed, %d failed, report %q", passed, failed, out.String())
	}
	if got := SummaryLine(467, 0); got != "conformance: 467 passed, 0 failed" {
		t.Fatalf("SummaryLine = %q", got)
	}
}
