package stream

import (
	"context"
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
