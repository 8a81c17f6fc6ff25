package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"go.uber.org/goleak"
)

// closeCounter wraps a reader or writer and counts its Close calls, so a
// test can check that the pipeline closed it exactly once. It is not an
// *os.File, so FromReader and FromWriter close it only after any Read or
// Write in flight has returned.
type closeCounter struct {
	mu     sync.Mutex
	closes int
}

func (c *closeCounter) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closes++
	return nil
}

func (c *closeCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closes
}

type countedReader struct {
	io.Reader
	closeCounter
}

type countedWriter struct {
	io.Writer
	closeCounter
}

// checkClosed fails the test unless in and out were each closed once.
func checkClosed(t *testing.T, in *countedReader, out *countedWriter) {
	t.Helper()
	if n := in.count(); n != 1 {
		t.Errorf("input closed %d times, want 1", n)
	}
	if n := out.count(); n != 1 {
		t.Errorf("output closed %d times, want 1", n)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGood converts testdata/people.csv (quoted fields, a blank line,
// non-ASCII text, no final newline) and compares with the golden file.
func TestGood(t *testing.T) {
	defer goleak.VerifyNone(t)
	in := &countedReader{Reader: bytes.NewReader(readFile(t, "testdata/people.csv"))}
	var buf bytes.Buffer
	out := &countedWriter{Writer: &buf}
	if err := run(context.Background(), in, out, 18); err != nil {
		t.Fatal(err)
	}
	checkClosed(t, in, out)
	if want := readFile(t, "testdata/expected.jsonl"); buf.String() != string(want) {
		t.Fatalf("output:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// TestLinesAcrossChunks feeds the file one byte per Read, so every line,
// and every multi-byte character, is cut across chunks: the output must
// be the same.
func TestLinesAcrossChunks(t *testing.T) {
	defer goleak.VerifyNone(t)
	in := &countedReader{Reader: iotest.OneByteReader(bytes.NewReader(readFile(t, "testdata/people.csv")))}
	var buf bytes.Buffer
	out := &countedWriter{Writer: &buf}
	if err := run(context.Background(), in, out, 18); err != nil {
		t.Fatal(err)
	}
	checkClosed(t, in, out)
	if want := readFile(t, "testdata/expected.jsonl"); buf.String() != string(want) {
		t.Fatalf("output:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// TestCRLF: Windows line ends give the same records.
func TestCRLF(t *testing.T) {
	defer goleak.VerifyNone(t)
	src := "name,age,city\r\nAda,36,London\r\nBob,10,Paris\r\n"
	in := &countedReader{Reader: strings.NewReader(src)}
	var buf bytes.Buffer
	out := &countedWriter{Writer: &buf}
	if err := run(context.Background(), in, out, 18); err != nil {
		t.Fatal(err)
	}
	checkClosed(t, in, out)
	if want := `{"name":"Ada","age":36,"city":"London"}` + "\n"; buf.String() != want {
		t.Fatalf("output %q, want %q", buf.String(), want)
	}
}

// TestMalformed: a bad age on line 7 (after a blank line 6) fails run with
// an error naming the line and the field, and both ends are closed.
func TestMalformed(t *testing.T) {
	defer goleak.VerifyNone(t)
	in := &countedReader{Reader: bytes.NewReader(readFile(t, "testdata/bad.csv"))}
	out := &countedWriter{Writer: io.Discard}
	err := run(context.Background(), in, out, 18)
	if err == nil {
		t.Fatal("run succeeded on a malformed file")
	}
	if want := `line 7: age "x": invalid syntax`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	var re *RecordError
	if !errors.As(err, &re) || re.Line != 7 || re.Field != "age" {
		t.Errorf("error %#v is not the RecordError of line 7's age", err)
	}
	checkClosed(t, in, out)
}

// TestMalformedLines: the other ways a line can be wrong, each with its
// line number.
func TestMalformedLines(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"header", "name,city,age\nAda,London,36\n", `line 1: header ["name" "city" "age"], want ["name" "age" "city"]`},
		{"fields", "name,age,city\nAda,36,London\nBob,40\n", "line 3: 2 fields, want 3 (name,age,city)"},
		{"quote", "name,age,city\n\"Ada,36,London\n", `line 2: extraneous or missing " in quoted-field`},
		{"last line", "name,age,city\nAda,36,London\nBob,4O,Paris", `line 3: age "4O": invalid syntax`},
		{"range", "name,age,city\nAda,99999999999999999999,London\n", `line 2: age "99999999999999999999": value out of range`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer goleak.VerifyNone(t)
			in := &countedReader{Reader: strings.NewReader(c.src)}
			out := &countedWriter{Writer: io.Discard}
			err := run(context.Background(), in, out, 18)
			if err == nil || err.Error() != c.want {
				t.Errorf("error %v, want %q", err, c.want)
			}
			checkClosed(t, in, out)
		})
	}
}

// openFDs is the number of open file descriptors of the process, or -1
// where /dev/fd (Linux, macOS, the BSDs) is not there to tell.
func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/dev/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}

// TestRealFiles runs convertFiles on real files: on success the output
// is the golden file; on failure the output is removed (which needs it
// closed where open files cannot be removed) and, where /dev/fd tells, no
// descriptor is left open.
func TestRealFiles(t *testing.T) {
	defer goleak.VerifyNone(t)
	dir := t.TempDir()

	before := openFDs(t)
	good := filepath.Join(dir, "good.jsonl")
	if err := convertFiles(context.Background(), "testdata/people.csv", good, 18); err != nil {
		t.Fatal(err)
	}
	if got, want := readFile(t, good), readFile(t, "testdata/expected.jsonl"); !bytes.Equal(got, want) {
		t.Fatalf("output:\n%s\nwant:\n%s", got, want)
	}
	if after := openFDs(t); after != before {
		t.Errorf("%d descriptors open after a success, %d before", after, before)
	}

	bad := filepath.Join(dir, "bad.jsonl")
	err := convertFiles(context.Background(), "testdata/bad.csv", bad, 18)
	if err == nil || !strings.Contains(err.Error(), "line 7: age") {
		t.Fatalf("error %v, want one naming line 7's age", err)
	}
	if _, statErr := os.Stat(bad); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("failed output still there: %v", statErr)
	}
	if after := openFDs(t); after != before {
		t.Errorf("%d descriptors open after a failure, %d before", after, before)
	}
}

// TestRealFilesPipelineCloses checks the *os.File case itself, without
// convertFiles: after a failed run, Close on either file reports it
// already closed, so the pipeline closed both.
func TestRealFilesPipelineCloses(t *testing.T) {
	defer goleak.VerifyNone(t)
	in, err := os.Open("testdata/bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(t.TempDir(), "out.jsonl"))
	if err != nil {
		in.Close()
		t.Fatal(err)
	}
	if err := run(context.Background(), in, out, 18); err == nil {
		t.Fatal("run succeeded on a malformed file")
	}
	if err := in.Close(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("input Close after run: %v, want os.ErrClosed", err)
	}
	if err := out.Close(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("output Close after run: %v, want os.ErrClosed", err)
	}
}

// genReader produces the CSV lines of n people on demand, so the large
// test never holds its input: a Read formats only the lines that fit.
type genReader struct {
	n, next int // lines to make, the next one (0 is the header)
	pending []byte
}

func genLine(i int) string {
	if i == 0 {
		return "name,age,city\n"
	}
	return fmt.Sprintf("person %d,%d,\"City, %d\"\n", i, i%100, i%7)
}

func (g *genReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(g.pending) == 0 {
			if g.next > g.n {
				break
			}
			g.pending = []byte(genLine(g.next))
			g.next++
		}
		c := copy(p[n:], g.pending)
		g.pending = g.pending[c:]
		n += c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// lineChecker is a writer that checks each JSON line as it arrives,
// holding at most one partial line, so the large test never holds its
// output either.
type lineChecker struct {
	t       *testing.T
	partial []byte
	lines   int
	next    int // the person the next line must be
}

func (c *lineChecker) Write(p []byte) (int, error) {
	c.partial = append(c.partial, p...)
	for {
		i := bytes.IndexByte(c.partial, '\n')
		if i < 0 {
			break
		}
		var r Record
		if err := json.Unmarshal(c.partial[:i], &r); err != nil {
			return 0, fmt.Errorf("output line %d: %w", c.lines+1, err)
		}
		// The kept people are those of age >= 50, in input order.
		for c.next%100 < 50 {
			c.next++
		}
		if want := (Record{fmt.Sprintf("person %d", c.next), c.next % 100, fmt.Sprintf("City, %d", c.next%7)}); r != want {
			return 0, fmt.Errorf("output line %d: %+v, want %+v", c.lines+1, r, want)
		}
		c.next++
		c.lines++
		c.partial = c.partial[i+1:]
	}
	// Keep the partial line in a buffer of its own: p is the stream's.
	c.partial = append([]byte(nil), c.partial...)
	return len(p), nil
}

// TestLarge streams 100,000 generated lines through and checks every
// output line as it is written; neither end holds more than a line.
func TestLarge(t *testing.T) {
	defer goleak.VerifyNone(t)
	const n = 100_000
	in := &countedReader{Reader: &genReader{n: n}}
	chk := &lineChecker{t: t, next: 1}
	out := &countedWriter{Writer: chk}
	if err := run(context.Background(), in, out, 50); err != nil {
		t.Fatal(err)
	}
	checkClosed(t, in, out)
	if want := n / 2; chk.lines != want {
		t.Errorf("%d lines written, want %d", chk.lines, want)
	}
	if len(chk.partial) != 0 {
		t.Errorf("output ends with a partial line %q", chk.partial)
	}
}

// TestCancel: a cancelled context fails run with the context's error and
// still closes both ends.
func TestCancel(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := &countedReader{Reader: &genReader{n: 1000}}
	out := &countedWriter{Writer: io.Discard}
	err := run(ctx, in, out, 0)
	if err == nil || !strings.Contains(err.Error(), "abort") {
		t.Fatalf("error %v, want an AbortError", err)
	}
	checkClosed(t, in, out)
}

// TestNoTypeAssertion keeps the point of the example: neither the program
// nor its test has a type assertion or a type switch (the pattern is built
// so that this file does not match itself).
func TestNoTypeAssertion(t *testing.T) {
	pattern := "." + "("
	for _, name := range []string{"main.go", "main_test.go"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if strings.Contains(sc.Text(), pattern) {
				t.Errorf("%s:%d: a type assertion: %s", name, line, sc.Text())
			}
		}
		f.Close()
	}
}
