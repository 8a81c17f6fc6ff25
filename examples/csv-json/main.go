// Command csv-json converts a CSV file of people into JSON lines, keeping
// the adults, with one stream.Pipeline of typed stages between two files:
//
//	stream.FromReader(in)                 // the CSV file, as []byte chunks
//	newLineSplitter()                     // TransformOf[[]byte, string]: one string per line
//	newRecordParser()                     // TransformOf[string, Record]: names the line of a bad record
//	stream.FilterOf[Record](adult)        // keeps age >= -min-age
//	stream.MapOf[Record, []byte](toJSON)  // one JSON object and "\n" per record
//	stream.FromWriter(out)                // the JSON lines file
//
// It shows that the typed layer needs no type assertion anywhere: the
// byte chunks of a byte-mode FromReader reach the splitter's In as
// []byte, and the []byte values of the object-mode JSON stage are
// accepted by the byte-mode FromWriter as ordinary chunks. It also shows
// the edges of a Pipeline: a malformed record fails the whole pipeline
// with an error naming its line and field (line 7: age "x": invalid
// syntax), and by the time Pipeline returns, success or failure, both
// files are closed, so a failed output can be removed at once.
//
// Nothing holds the whole file: the reader goes a chunk at a time, the
// splitter carries at most one partial line, and each stage's buffer is
// bounded by its highWaterMark, so backpressure paces the reads to the
// writes.
//
//	go run ./examples/csv-json [-min-age 18] examples/csv-json/testdata/people.csv out.jsonl
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"

	"github.com/nodestream/stream"
)

func main() {
	minAge := flag.Int("min-age", 18, "keep the records whose age is at least `n`")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: csv-json [-min-age n] in.csv out.jsonl")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	// Ctrl-C cancels the pipeline, which destroys its streams, so the
	// files are closed (and the partial output removed) on the way out.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := convertFiles(ctx, flag.Arg(0), flag.Arg(1), *minAge); err != nil {
		fmt.Fprintln(os.Stderr, "csv-json:", err)
		os.Exit(1)
	}
}

// convertFiles converts the CSV file inPath into the JSON lines file
// outPath. On failure it removes outPath, which it can do at once because
// run returns only once the pipeline has closed it.
func convertFiles(ctx context.Context, inPath, outPath string, minAge int) error {
	in, err := os.Open(inPath)
	if err != nil {
		return err
	}
	out, err := os.Create(outPath)
	if err != nil {
		in.Close() // no stream owns it yet
		return err
	}
	if err := run(ctx, in, out, minAge); err != nil {
		// Pipeline has closed out by now: removing it is safe even where
		// an open file cannot be removed.
		if rmErr := os.Remove(outPath); rmErr != nil {
			return errors.Join(err, rmErr)
		}
		return err
	}
	return nil
}

// run converts the CSV read from in into JSON lines written to out,
// keeping the records whose age is at least minAge. The streams own in and
// out: both are closed exactly once when run returns, whatever the
// outcome. The first line of the input is the header name,age,city; blank
// lines are skipped (and counted, so the line numbers of errors are those
// of an editor).
func run(ctx context.Context, in io.ReadCloser, out io.WriteCloser, minAge int) error {
	return stream.Pipeline(ctx,
		stream.FromReader(in, stream.ReadableOptions{}),
		newLineSplitter(),
		newRecordParser(),
		stream.FilterOf(func(r Record) (bool, error) { return r.Age >= minAge, nil }, stream.StageOptions{}),
		stream.MapOf(toJSON, stream.StageOptions{}),
		stream.FromWriter(out, stream.WritableOptions{}),
	)
}

// newLineSplitter returns a stage that turns byte chunks into one string
// per line, without its "\n" (nor the "\r" of a "\r\n"). A chunk ends
// anywhere, mid-line or mid-character, so the bytes after its last "\n"
// are carried to the next chunk; splitting on the byte '\n' is safe in
// UTF-8, where it is never part of a longer character. Flush pushes the
// last line when the file does not end with a newline.
//
// Its In is []byte although its writable side is in object mode: the
// byte-mode FromReader before it writes []byte chunks, which are values
// of that type like any other.
func newLineSplitter() *stream.TransformOf[[]byte, string] {
	var partial []byte // the start of a line that no chunk has ended yet
	line := func(b []byte) string {
		return string(bytes.TrimSuffix(b, []byte("\r")))
	}
	return stream.NewTransformOf(stream.TransformOfOptions[[]byte, string]{
		Transform: func(chunk []byte, push func(string), cb func(error)) {
			for {
				i := bytes.IndexByte(chunk, '\n')
				if i < 0 {
					break
				}
				if len(partial) > 0 {
					push(line(append(partial, chunk[:i]...)))
					partial = partial[:0] // reuse: line copied it into a string
				} else {
					push(line(chunk[:i]))
				}
				chunk = chunk[i+1:]
			}
			// Copy, not keep: a slice of the chunk would pin its whole
			// buffer (up to the reader's highWaterMark) for a few bytes.
			partial = append(partial, chunk...)
			cb(nil)
		},
		Flush: func(push func(string), cb func(error)) {
			if len(partial) > 0 {
				push(line(partial))
			}
			cb(nil)
		},
	})
}

// Record is one line of the CSV file.
type Record struct {
	Name string `json:"name"`
	Age  int    `json:"age"`
	City string `json:"city"`
}

// header is the first line the parser requires, so that a file of other
// columns fails at line 1 instead of turning into wrong records.
var header = []string{"name", "age", "city"}

// RecordError is a malformed line of the input: the line number (from 1,
// counting the header and blank lines), the field when one is to blame,
// and why. It is what Pipeline returns, unwrapped, so a caller can get
// the line with errors.As.
type RecordError struct {
	Line  int
	Field string // "" when the line as a whole is wrong
	Value string // the field's text
	Err   error
}

func (e *RecordError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d: %s %q: %v", e.Line, e.Field, e.Value, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// newRecordParser returns a stage that parses each line into a Record. It
// is a TransformOf rather than a MapOf because it keeps the line number
// and pushes nothing for the header and blank lines. Its error fails the
// write of that line, which destroys the stage and so fails the Pipeline.
//
// Each line is parsed with encoding/csv, so quoted fields with commas and
// doubled quotes work; a quoted field spanning lines does not, as the
// splitter has cut it (it is reported as a malformed line).
func newRecordParser() *stream.TransformOf[string, Record] {
	n := 0 // the number of the line in hand
	return stream.NewTransformOf(stream.TransformOfOptions[string, Record]{
		Transform: func(text string, push func(Record), cb func(error)) {
			n++
			if text == "" {
				cb(nil)
				return
			}
			fields, err := csv.NewReader(strings.NewReader(text)).Read()
			if err != nil {
				// A csv.ParseError counts lines from 1 in text; the line
				// here is n, so keep only its cause.
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				cb(&RecordError{Line: n, Err: err})
				return
			}
			if n == 1 {
				if !slices.Equal(fields, header) {
					cb(&RecordError{Line: n, Err: fmt.Errorf("header %q, want %q", fields, header)})
					return
				}
				cb(nil)
				return
			}
			if len(fields) != len(header) {
				cb(&RecordError{Line: n, Err: fmt.Errorf("%d fields, want %d (%s)", len(fields), len(header), strings.Join(header, ","))})
				return
			}
			age, err := strconv.Atoi(fields[1])
			if err != nil {
				// The NumError's own text repeats the value and names
				// Atoi; the field and value are said once by RecordError.
				var ne *strconv.NumError
				if errors.As(err, &ne) {
					err = ne.Err
				}
				cb(&RecordError{Line: n, Field: "age", Value: fields[1], Err: err})
				return
			}
			push(Record{Name: fields[0], Age: age, City: fields[2]})
			cb(nil)
		},
	})
}

// toJSON is the JSON line of r. The value is []byte so that FromWriter,
// a byte-mode Writable, takes it as a chunk; the stage owns no buffer, as
// each Marshal returns a new slice, so nothing is overwritten while the
// writer still holds it.
func toJSON(r Record) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
