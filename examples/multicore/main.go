// Command multicore spreads one pipeline over two loops, and so over two
// cores: a source and a gzip Transform run on one loop, a gunzip Transform
// and a checking sink on the other. Pipe connects the Transforms across the
// loops; the chunks cross in batches and backpressure holds across the gap.
// Node has no equivalent: its streams share one thread.
//
//	go run ./examples/multicore
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/nodestream/stream"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "multicore:", err)
		os.Exit(1)
	}
}

// zipper is a Transform on loop l that passes what is written to it
// through a compress or decompress step that works in memory, so it does
// not block its loop.
func zipper(l *stream.Loop, step func(in []byte, final bool) ([]byte, error)) *stream.Transform {
	return stream.NewTransform(stream.TransformOptions{
		DuplexOptions: stream.DuplexOptions{Loop: l},
		Transform: func(chunk any, _ string, cb func(error, any)) {
			out, err := step(chunk.([]byte), false)
			if len(out) == 0 {
				cb(err, nil)
				return
			}
			cb(err, out)
		},
		Flush: func(cb func(error, any)) {
			out, err := step(nil, true)
			if len(out) == 0 {
				cb(err, nil)
				return
			}
			cb(err, out)
		},
	})
}

// gzipStep compresses; each call returns what the compressor produced.
func gzipStep() func([]byte, bool) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	return func(in []byte, final bool) ([]byte, error) {
		if _, err := zw.Write(in); err != nil {
			return nil, err
		}
		if final {
			if err := zw.Close(); err != nil {
				return nil, err
			}
		}
		out := bytes.Clone(buf.Bytes())
		buf.Reset()
		return out, nil
	}
}

// gunzipStep decompresses; it keeps the compressed bytes until the end,
// since a gzip.Reader wants the whole stream.
func gunzipStep() func([]byte, bool) ([]byte, error) {
	var all bytes.Buffer
	return func(in []byte, final bool) ([]byte, error) {
		all.Write(in)
		if !final {
			return nil, nil
		}
		zr, err := gzip.NewReader(&all)
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
}

func run(w io.Writer) error {
	const chunks, size = 400, 4096
	a, b := stream.NewLoop(), stream.NewLoop()

	// On loop a: the source and the compressor.
	sum := sha256.New()
	i := 0
	var src *stream.Readable
	src = stream.NewReadable(stream.ReadableOptions{Loop: a, Read: func(int) {
		for i < chunks {
			chunk := bytes.Repeat([]byte{byte('a' + i%26)}, size)
			sum.Write(chunk)
			i++
			if !src.Push(chunk) {
				return
			}
		}
		src.Push(nil)
	}})
	gz := zipper(a, gzipStep())

	// On loop b: the decompressor and a sink that checks what arrives.
	gunzip := zipper(b, gunzipStep())
	got := sha256.New()
	n := 0
	sink := stream.NewWritable(stream.WritableOptions{Loop: b, Write: func(chunk any, _ string, cb func(error)) {
		n += len(chunk.([]byte))
		got.Write(chunk.([]byte))
		cb(nil)
	}})
	compressed := 0
	gz.OnData(func(c any) { compressed += len(c.([]byte)) })

	// Connect everything before the loops run, then run each loop on a
	// goroutine of its own.
	src.Pipe(gz)
	gz.Pipe(gunzip) // crosses from loop a to loop b
	gunzip.Pipe(sink)

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for k, l := range []*stream.Loop{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[k] = l.Run(nil)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "sent %d bytes in %d chunks on loop a\n", chunks*size, chunks)
	fmt.Fprintf(w, "compressed on loop a, crossed to loop b: %v\n", compressed > 0 && compressed < chunks*size)
	fmt.Fprintf(w, "received %d bytes on loop b, intact: %v\n", n, bytes.Equal(sum.Sum(nil), got.Sum(nil)))
	fmt.Fprintf(w, "sink finished: %v\n", sink.WritableFinished())
	return nil
}
