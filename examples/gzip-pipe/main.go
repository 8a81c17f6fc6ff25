// Command gzip-pipe pipes a file through a gzip Transform into another
// file, the chain of Node's stream documentation (readable.pipe()):
//
//	r := stream.FromReader(in, opts)   // fs.createReadStream('file.txt')
//	z := NewGzip()                     // zlib.createGzip()
//	w := stream.FromWriter(out, opts)  // fs.createWriteStream('file.txt.gz')
//	r.Pipe(z)                          // r.pipe(z).pipe(w)
//	z.Pipe(w)
//
// The gzip Transform wraps compress/gzip: its Transform hook feeds each
// chunk to a gzip.Writer and pushes whatever compressed bytes come out, and
// its Flush hook closes the gzip.Writer and pushes the rest.
//
// Once the output file is closed, it is decompressed and checked against
// the input. The compressed bytes themselves depend on the deflate
// implementation (zlib in Node, compress/flate here), so only facts that do
// not are printed, which are what original.js prints under Node.
//
//	go run ./examples/gzip-pipe
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nodestream/stream"
)

// Gzip is a Transform that gzips what is written to it.
type Gzip struct {
	*stream.Transform
	out bytes.Buffer // what zw has produced and not yet pushed
	zw  *gzip.Writer
}

// NewGzip returns a gzip Transform on the default loop.
func NewGzip() *Gzip {
	g := &Gzip{}
	g.zw = gzip.NewWriter(&g.out)
	g.Transform = stream.NewTransform(stream.TransformOptions{
		Transform: g.transform,
		Flush:     g.flush,
	})
	return g
}

func (g *Gzip) transform(chunk any, _ string, cb func(error, any)) {
	// gzip.Writer only writes to memory here, so it does not block the
	// loop.
	if _, err := g.zw.Write(chunk.([]byte)); err != nil {
		cb(err, nil)
		return
	}
	cb(nil, g.take())
}

func (g *Gzip) flush(cb func(error, any)) {
	if err := g.zw.Close(); err != nil {
		cb(err, nil)
		return
	}
	cb(nil, g.take())
}

// take returns what the compressor has produced so far, or nil (nothing to
// push). The stream keeps the pushed slice, so it gets a copy of its own
// and out is reused.
func (g *Gzip) take() any {
	if g.out.Len() == 0 {
		return nil
	}
	b := bytes.Clone(g.out.Bytes())
	g.out.Reset()
	return b
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gzip-pipe:", err)
		os.Exit(1)
	}
}

// input returns 200,000 bytes of text: several reads of 64 KiB.
func input() []byte {
	var b strings.Builder
	for i := 1; b.Len() < 200000; i++ {
		fmt.Fprintf(&b, "line %d: the quick brown fox jumps over the lazy dog\n", i)
	}
	return []byte(b.String()[:200000])
}

func run(w io.Writer) error {
	data := input()
	dir, err := os.MkdirTemp("", "gzip-pipe-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return err
	}
	in, err := os.Open(file)
	if err != nil {
		return err
	}
	out, err := os.Create(file + ".gz")
	if err != nil {
		in.Close()
		return err
	}

	reads := 0
	var closed bool
	var streamErr error
	err = stream.Run(func() {
		// fs streams read 64 KiB at a time; FromReader reads up to its
		// highWaterMark. It closes in when it is destroyed, after 'end'.
		r := stream.FromReader(in, stream.ReadableOptions{HighWaterMark: stream.Int(64 << 10)})
		z := NewGzip()
		// FromWriter closes out in its final step, before 'finish'.
		wr := stream.FromWriter(out, stream.WritableOptions{})
		r.OnData(func(any) { reads++ })
		// Pipe returns its argument as a WritableStream, so a chain is
		// one Pipe per statement.
		r.Pipe(z)
		z.Pipe(wr)

		// Pipe does not forward errors: watch each stream, as a Node
		// program would with pipeline().
		onError := func(err error) {
			if streamErr == nil {
				streamErr = err
			}
		}
		r.OnError(onError)
		z.OnError(onError)
		wr.OnError(onError)
		wr.OnClose(func() { closed = true })
	})
	if err == nil {
		err = streamErr
	}
	if err != nil {
		return err
	}
	if !closed {
		return fmt.Errorf("the output file stream did not close")
	}

	gz, err := os.ReadFile(file + ".gz")
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return err
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "input: %d bytes in %d reads\n", len(data), reads)
	fmt.Fprintf(w, "gzip header: %x\n", gz[:3])
	fmt.Fprintf(w, "compressed to less than 10%%: %t\n", len(gz)*10 < len(data))
	fmt.Fprintf(w, "decompressed: %d bytes\n", len(plain))
	fmt.Fprintf(w, "matches input: %t\n", bytes.Equal(plain, data))
	fmt.Fprintf(w, "sha256: %x\n", sha256.Sum256(plain))
	return nil
}
