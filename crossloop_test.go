package stream

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// runLoops runs each loop on a goroutine of its own, as a program using
// several cores does, and returns each Run's error once all are idle.
func runLoops(loops ...*Loop) []error {
	errs := make([]error, len(loops))
	var wg sync.WaitGroup
	for i, l := range loops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = l.Run(nil)
		}()
	}
	wg.Wait()
	return errs
}

func TestPipeAcrossLoopsBytes(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	const n = 2000
	i := 0
	var src *Readable
	src = NewReadable(ReadableOptions{Loop: la, HighWaterMark: Int(64), Read: func(int) {
		for i < n {
			i++
			if !src.Push([]byte(fmt.Sprintf("%05d|", i))) {
				return
			}
		}
		src.Push(nil)
	}})
	var got bytes.Buffer
	maxLen := 0
	var dst *Writable
	dst = NewWritable(WritableOptions{Loop: lb, HighWaterMark: Int(60), Write: func(c any, _ string, cb func(error)) {
		got.Write(c.([]byte))
		maxLen = max(maxLen, dst.WritableLength())
		lb.Post(func() { cb(nil) })
	}})
	var events []string
	src.OnEnd(func() { events = append(events, "src end") })
	dst.OnPipe(func(s ReadableStream) { require.Same(t, src, s) })
	dst.OnFinish(func() { events = append(events, "dst finish") })
	src.Pipe(dst)
	errs := runLoops(la, lb)
	require.Equal(t, []error{nil, nil}, errs)
	var want bytes.Buffer
	for k := 1; k <= n; k++ {
		fmt.Fprintf(&want, "%05d|", k)
	}
	require.Equal(t, want.String(), got.String())
	require.Equal(t, []string{"src end", "dst finish"}, events)
	require.True(t, dst.WritableFinished())
	// The source pauses once a highWaterMark's worth is on its way, so
	// the destination never holds much more than that.
	require.LessOrEqual(t, maxLen, 60+64+6, "backpressure did not cross the loops")
}

// A pipeline on two cores: source and a Transform on one loop, a Transform
// and the sink on the other.
func TestPipeAcrossLoopsObjects(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	const n = 5000
	i := 0
	var src *Readable
	src = NewReadable(ReadableOptions{Loop: la, ObjectMode: true, Read: func(int) {
		for i < n {
			i++
			if !src.Push(i) {
				return
			}
		}
		src.Push(nil)
	}})
	double := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: la, ObjectMode: true},
		Transform: func(c any, _ string, cb func(error, any)) { cb(nil, c.(int)*2) }})
	inc := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: lb, ObjectMode: true},
		Transform: func(c any, _ string, cb func(error, any)) { cb(nil, c.(int)+1) }})
	var got []int
	sink := NewWritable(WritableOptions{Loop: lb, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		got = append(got, c.(int))
		cb(nil)
	}})
	// Streams on several loops are connected before the loops run, so
	// each Run starts with the pipes in place.
	src.Pipe(double)
	double.Pipe(inc)
	inc.Pipe(sink)
	errs := runLoops(la, lb)
	require.Equal(t, []error{nil, nil}, errs)
	require.Len(t, got, n)
	for k, v := range got {
		require.Equal(t, 2*(k+1)+1, v)
	}
	require.True(t, sink.WritableFinished())
}

// Unpipe on the source's loop detaches the other loop's destination: it
// gets 'unpipe' on its own loop and is not ended.
func TestPipeAcrossLoopsUnpipe(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	src := NewReadable(ReadableOptions{Loop: la, ObjectMode: true, Read: func(int) {}})
	var got []any
	var events []string
	var dst *Writable
	dst = NewWritable(WritableOptions{Loop: lb, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		got = append(got, c)
		if c == "b" {
			// Ask the source's loop to unpipe, from the destination's.
			la.Post(func() {
				src.Unpipe(dst)
				src.Push("after")
			})
		}
		cb(nil)
	}})
	dst.OnUnpipe(func(ReadableStream) { events = append(events, "unpipe") })
	dst.OnFinish(func() { events = append(events, "finish") })
	src.Pipe(dst)
	src.Push("a")
	src.Push("b")
	errs := runLoops(la, lb)
	require.Equal(t, []error{nil, nil}, errs)
	require.Equal(t, []any{"a", "b"}, got)
	require.Equal(t, []string{"unpipe"}, events)
	require.False(t, dst.WritableEnded())
	require.Equal(t, 1, src.ReadableLength(), "the chunk pushed after unpipe stays with the source")
	require.True(t, src.IsPaused())
}

// An error on the destination unpipes it; the source is left open, as
// with a pipe on one loop.
func TestPipeAcrossLoopsDestinationError(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	src := NewReadable(ReadableOptions{Loop: la, ObjectMode: true, Read: func(int) {}})
	var dstErr error
	dst := NewWritable(WritableOptions{Loop: lb, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		cb(errors.New("dst-fail"))
	}})
	dst.OnError(func(err error) { dstErr = err })
	src.Pipe(dst)
	src.Push("a")
	errs := runLoops(la, lb)
	require.Equal(t, []error{nil, nil}, errs)
	require.EqualError(t, dstErr, "dst-fail")
	require.True(t, dst.Destroyed())
	require.False(t, src.Destroyed())
	require.Empty(t, src.Stream.bridges)
}

// Random configurations of a three-stage pipeline over two or three loops:
// chunk sizes, highWaterMarks, and write hooks completing now, on the next
// tick or as a macrotask. Whatever the scheduling between the goroutines,
// every byte arrives once and in order, and every loop's Run returns.
func TestPipeAcrossLoopsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := 0; round < 40; round++ {
		loops := []*Loop{NewLoop(), NewLoop(), NewLoop()}
		pick := func() *Loop { return loops[rng.IntN(len(loops))] }
		n := 50 + rng.IntN(300)
		size := 1 + rng.IntN(40)
		la, lm, lz := pick(), pick(), pick()
		i := 0
		var src *Readable
		src = NewReadable(ReadableOptions{Loop: la, HighWaterMark: Int(rng.IntN(64)), Read: func(int) {
			for i < n {
				b := make([]byte, size)
				for k := range b {
					b[k] = byte(i + k)
				}
				i++
				if !src.Push(b) {
					return
				}
			}
			src.Push(nil)
		}})
		mid := NewPassThrough(DuplexOptions{Loop: lm, HighWaterMark: Int(rng.IntN(64))})
		timing := rng.IntN(3)
		var got bytes.Buffer
		dst := NewWritable(WritableOptions{Loop: lz, HighWaterMark: Int(rng.IntN(64)), Write: func(c any, _ string, cb func(error)) {
			got.Write(c.([]byte))
			switch timing {
			case 0:
				cb(nil)
			case 1:
				lz.NextTick(func() { cb(nil) })
			default:
				lz.Post(func() { cb(nil) })
			}
		}})
		src.Pipe(mid)
		mid.Pipe(dst)
		errs := runLoops(loops...)
		require.Equal(t, []error{nil, nil, nil}, errs, "round %d", round)
		var want bytes.Buffer
		for k := 0; k < n; k++ {
			for j := 0; j < size; j++ {
				want.WriteByte(byte(k + j))
			}
		}
		require.Equal(t, want.Bytes(), got.Bytes(), "round %d", round)
		require.True(t, dst.WritableFinished(), "round %d", round)
	}
}

// A pipe between loops leaves no listener behind on either stream once
// the source has ended and the destination finished.
func TestPipeAcrossLoopsCleansUp(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	src := NewReadable(ReadableOptions{Loop: la, AutoDestroy: Bool(false), Read: func(int) {}})
	dst := NewWritable(WritableOptions{Loop: lb, AutoDestroy: Bool(false), HighWaterMark: Int(1), Write: func(_ any, _ string, cb func(error)) {
		lb.Post(func() { cb(nil) })
	}})
	src.Pipe(dst)
	for k := 0; k < 20; k++ {
		src.Push([]byte("abc"))
	}
	src.Push(nil)
	require.Equal(t, []error{nil, nil}, runLoops(la, lb))
	require.True(t, dst.WritableFinished())
	for _, ev := range []string{"data", "end", "close", "readable", "error"} {
		require.Zero(t, src.ListenerCount(ev), "source %s listeners", ev)
	}
	for _, ev := range []string{"finish", "close", "error", "drain", "unpipe"} {
		require.Zero(t, dst.ListenerCount(ev), "destination %s listeners", ev)
	}
	require.Empty(t, src.Stream.bridges)
}

// Under debug checks a bridge's loop-owned methods assert the loop they
// run on: the source's side, asked for from the destination's loop (while
// the source's loop runs on its own goroutine), panics, and the
// destination's side does not.
func TestPipeAcrossLoopsBridgeChecksItsLoop(t *testing.T) {
	if !debugChecks {
		t.Skip("debug checks are off")
	}
	la, lb := NewLoop(), NewLoop()
	src := NewReadable(ReadableOptions{Loop: la, ObjectMode: true, Read: func(int) {}})
	var b *bridge
	var srcSide, dstSide any
	dst := NewWritable(WritableOptions{Loop: lb, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		// The chunk crossed, so the source's loop is running, and the
		// open bridge keeps it running until the source ends.
		srcSide = recoverFrom(b.checkSrc)
		dstSide = recoverFrom(b.checkDst)
		la.Post(func() { src.Push(nil) })
		cb(nil)
	}})
	src.Pipe(dst)
	require.Len(t, src.Stream.bridges, 1)
	b = src.Stream.bridges[0]
	src.Push("a")
	require.Equal(t, []error{nil, nil}, runLoops(la, lb))
	require.Contains(t, srcSide, "loop-only method called on goroutine")
	require.Nil(t, dstSide)
	require.True(t, dst.WritableFinished())
}

// recoverFrom calls fn and returns what it panicked with, or nil.
func recoverFrom(fn func()) (v any) {
	defer func() { v = recover() }()
	fn()
	return nil
}
