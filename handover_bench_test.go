package stream

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The hand-over benchmarks: ordinary Go code taking chunks from a stream,
// each beside its plain-Go twin, so that one run compares them. Per op:
// one chunk handed over.

// BenchmarkChunksSmallObjects ranges over Chunks of a source of small
// objects (highWaterMark 16): the consumer drives the loop itself.
func BenchmarkChunksSmallObjects(b *testing.B) {
	l := NewLoop()
	var v any = 42
	src := benchSource(l, true, v, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for _, err := range Chunks(context.Background(), src) {
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n != b.N {
		b.Fatalf("got %d values, want %d", n, b.N)
	}
}

// BenchmarkChannelSmallObjects is the plain-Go twin: a producer goroutine
// and a buffered channel of capacity 16.
func BenchmarkChannelSmallObjects(b *testing.B) {
	ch := make(chan any, 16)
	var v any = 42
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for range b.N {
			ch <- v
		}
		close(ch)
	}()
	n := 0
	for range ch {
		n++
	}
	if n != b.N {
		b.Fatalf("got %d values, want %d", n, b.N)
	}
}

// BenchmarkChunks64K ranges over Chunks of a byte stream of 64 KiB chunks.
func BenchmarkChunks64K(b *testing.B) {
	l := NewLoop()
	var chunk any = make([]byte, 64<<10)
	src := benchSource(l, false, chunk, b.N)
	b.SetBytes(64 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for c, err := range Chunks(context.Background(), src) {
		if err != nil {
			b.Fatal(err)
		}
		n += len(c.([]byte))
	}
	if n != b.N<<16 {
		b.Fatalf("got %d bytes, want %d", n, b.N<<16)
	}
}

// BenchmarkChunks64KCancellable is BenchmarkChunks64K with a context that
// can be cancelled, as a request's: the cancel is watched at each
// hand-over.
func BenchmarkChunks64KCancellable(b *testing.B) {
	l := NewLoop()
	var chunk any = make([]byte, 64<<10)
	src := benchSource(l, false, chunk, b.N)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.SetBytes(64 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for c, err := range Chunks(ctx, src) {
		if err != nil {
			b.Fatal(err)
		}
		n += len(c.([]byte))
	}
	if n != b.N<<16 {
		b.Fatalf("got %d bytes, want %d", n, b.N<<16)
	}
}

// BenchmarkIOCopy64K is its plain-Go twin: io.Copy from a reader that
// yields 64 KiB per Read into a writer that counts.
func BenchmarkIOCopy64K(b *testing.B) {
	r := &repeatReader{chunk: make([]byte, 64<<10), n: b.N}
	var w countWriter
	b.SetBytes(64 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := io.CopyBuffer(&w, r, make([]byte, 64<<10)); err != nil {
		b.Fatal(err)
	}
	if int(w) != b.N<<16 {
		b.Fatalf("got %d bytes, want %d", w, b.N<<16)
	}
}

// repeatReader yields chunk n times, one per Read.
type repeatReader struct {
	chunk []byte
	n     int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	r.n--
	return copy(p, r.chunk), nil
}

type countWriter int

func (w *countWriter) Write(p []byte) (int, error) {
	*w += countWriter(len(p))
	return len(p), nil
}

// BenchmarkReaderScanner reads lines of 64 bytes through NewReader under a
// bufio.Scanner; per op, one line.
func BenchmarkReaderScanner(b *testing.B) {
	l := NewLoop()
	var line any = append(bytes.Repeat([]byte("x"), 63), '\n')
	src := benchSource(l, false, line, b.N)
	sc := bufio.NewScanner(NewReader(src))
	b.SetBytes(64)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for sc.Scan() {
		n++
	}
	if err := sc.Err(); err != nil || n != b.N {
		b.Fatalf("got %d lines (%v), want %d", n, err, b.N)
	}
}

// BenchmarkScannerPlain is its twin: the same lines from an io.Reader.
func BenchmarkScannerPlain(b *testing.B) {
	line := append(bytes.Repeat([]byte("x"), 63), '\n')
	sc := bufio.NewScanner(&repeatReader{chunk: line, n: b.N})
	b.SetBytes(64)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for sc.Scan() {
		n++
	}
	if n != b.N {
		b.Fatalf("got %d lines, want %d", n, b.N)
	}
}

// BenchmarkWriterFromGoroutine writes 1 KiB chunks through NewWriter from
// a goroutine while another goroutine runs the stream's loop.
func BenchmarkWriterFromGoroutine(b *testing.B) {
	l := NewLoop()
	count := 0
	dst := benchSink(l, false, &count)
	hold := l.Hold()
	runDone := make(chan error, 1)
	go func() { runDone <- l.Run(nil) }()
	w := NewWriter(dst)
	p := make([]byte, 1<<10)
	b.SetBytes(1 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := w.Write(p); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	hold.Resolve(nil)
	if err := <-runDone; err != nil {
		b.Fatal(err)
	}
	if count != b.N {
		b.Fatalf("got %d writes, want %d", count, b.N)
	}
}

// BenchmarkChannelWriterFromGoroutine is its twin: 1 KiB chunks sent to a
// goroutine over a channel of capacity 16, copied as Writer copies them.
func BenchmarkChannelWriterFromGoroutine(b *testing.B) {
	ch := make(chan []byte, 16)
	done := make(chan int)
	go func() {
		n := 0
		for range ch {
			n++
		}
		done <- n
	}()
	p := make([]byte, 1<<10)
	b.SetBytes(1 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ch <- append([]byte(nil), p...)
	}
	close(ch)
	if n := <-done; n != b.N {
		b.Fatalf("got %d, want %d", n, b.N)
	}
}

// BenchmarkFromWriterFile1K writes 1 KiB chunks into a file through
// FromWriter.
func BenchmarkFromWriterFile1K(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "out"))
	if err != nil {
		b.Fatal(err)
	}
	l := NewLoop()
	w := FromWriter(f, WritableOptions{Loop: l})
	var chunk any = make([]byte, 1<<10)
	src := benchSource(l, false, chunk, b.N)
	b.SetBytes(1 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	if err := Pipeline(context.Background(), src, w); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBufioWriterFile1K is its twin: the same chunks through a
// bufio.Writer into a file.
func BenchmarkBufioWriterFile1K(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "out"))
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	chunk := make([]byte, 1<<10)
	b.SetBytes(1 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := bw.Write(chunk); err != nil {
			b.Fatal(err)
		}
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDebugCheckDeep is one loop-ownership check with debug checks
// on, 200 frames deep.
func BenchmarkDebugCheckDeep(b *testing.B) {
	l := NewLoop()
	old := debugChecks
	debugChecks = true
	defer func() { debugChecks = old }()
	var deep func(int)
	deep = func(d int) {
		if d > 0 {
			deep(d - 1)
			return
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			l.check()
		}
	}
	if err := l.Run(func() { deep(200) }); err != nil {
		b.Fatal(err)
	}
}
