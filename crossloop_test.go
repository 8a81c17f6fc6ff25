package stream

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

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

// countingSource is an object-mode Readable on l that pushes 1 to n, as
// long as Push returns true, then ends.
func countingSource(l *Loop, n int) *Readable {
	i := 0
	var src *Readable
	src = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {
		for i < n {
			i++
			if !src.Push(i) {
				return
			}
		}
		src.Push(nil)
	}})
	return src
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
	// The source pauses once a highWaterMark's worth, and minBatch
	// chunks, are on their way (a hand-over adds up to handOverAt at
	// once), so the destination never holds much more than that.
	require.LessOrEqual(t, maxLen, 60+(minBatch+handOverAt)*6, "backpressure did not cross the loops")
}

// A pipeline on two cores: source and a Transform on one loop, a Transform
// and the sink on the other.
func TestPipeAcrossLoopsObjects(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	const n = 5000
	src := countingSource(la, n)
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

// The edges of a cross-loop pipe: what happens to each side when the other
// fails, is destroyed, or loses its loop to a panic or a Close. Every loop
// here runs on a goroutine of its own, and every wait is bounded, so a
// bridge that keeps a loop waiting fails the test instead of hanging it.

// edgeTimeout bounds every wait for a Run. It is generous because -race
// slows everything down; a working bridge returns in milliseconds.
const edgeTimeout = 10 * time.Second

// runResult is how one Run of a loop ended: its error, or the value of the
// panic that left it.
type runResult struct {
	err      error
	panicked any
}

// startRun runs l on a new goroutine, recovering a panic that leaves Run
// (the tests cause such panics on purpose), and reports how it ended.
func startRun(l *Loop) <-chan runResult {
	ch := make(chan runResult, 1)
	go func() {
		var r runResult
		defer func() {
			r.panicked = recover()
			ch <- r
		}()
		r.err = l.Run(nil)
	}()
	return ch
}

// waitRun waits for a Run started by startRun, failing the test if it does
// not return in time rather than waiting forever.
func waitRun(t *testing.T, name string, ch <-chan runResult) runResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(edgeTimeout):
		t.Fatalf("%s: Run did not return within %v: the bridge kept the loop waiting", name, edgeTimeout)
		return runResult{}
	}
}

// chunkSource returns a byte source on l that pushes n chunks of size
// bytes, one per call of its read hook, counting the calls in *reads; at
// the k-th read (if k > 0) it calls at first.
func chunkSource(l *Loop, n, size int, reads *int, k int, at func(src *Readable)) *Readable {
	var src *Readable
	src = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
		*reads++
		if *reads == k && at != nil {
			at(src)
			if src.Destroyed() {
				return
			}
		}
		if *reads > n {
			src.Push(nil)
			return
		}
		src.Push(bytes.Repeat([]byte{byte('a' + *reads%26)}, size))
	}})
	return src
}

// A destination whose write fails unpipes itself from a source on another
// loop, as Node's pipe does on one loop: the source is paused, not ended,
// and keeps what it has not sent. Node, same loop, with 1,000 chunks and
// the third write failing: 3 writes, 'unpipe' then 'error' then 'close' on
// the destination, the source paused having read a few dozen chunks, no
// 'end'. (The write fails in a later macrotask: a write hook that fails
// synchronously lets the Writable start its next buffered write at once,
// in Node as here, which is the Writable's business, not the pipe's.)
func TestPipeAcrossLoopsWriteErrorUnpipesSource(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	reads := 0
	src := chunkSource(la, 1000, 1000, &reads, 0, nil)
	var srcEvents []string
	src.OnEnd(func() { srcEvents = append(srcEvents, "end") })
	writes, late := 0, 0
	failed := false
	var dstEvents []string
	dst := NewWritable(WritableOptions{Loop: lb, Write: func(_ any, _ string, cb func(error)) {
		if failed {
			late++
		}
		writes++
		if writes == 3 {
			failed = true
			lb.Post(func() { cb(errors.New("dst-fail")) })
			return
		}
		lb.Post(func() { cb(nil) })
	}})
	dst.OnUnpipe(func(ReadableStream) { dstEvents = append(dstEvents, "unpipe") })
	dst.OnError(func(err error) { dstEvents = append(dstEvents, "error "+err.Error()) })
	dst.OnClose(func() { dstEvents = append(dstEvents, "close") })
	src.Pipe(dst)
	ra, rb := startRun(la), startRun(lb)
	a, b := waitRun(t, "source loop", ra), waitRun(t, "destination loop", rb)
	require.Equal(t, runResult{}, a)
	require.Equal(t, runResult{}, b)

	require.Equal(t, 3, writes)
	require.Zero(t, late, "written after the destination failed")
	require.Equal(t, []string{"unpipe", "error dst-fail", "close"}, dstEvents)
	require.Empty(t, srcEvents, "the source ended: it went on reading into a failed destination")
	require.True(t, src.IsPaused(), "the source was not paused when its only destination failed")
	require.False(t, src.Destroyed(), "an unpiped source stays usable, as in Node")
	// The source pauses once minBatch chunks wait to cross; a hand-over
	// and the destination's batch in flight add up to a batch each.
	require.Less(t, reads, minBatch+2*handOverAt, "the source read far past the failure")
	require.Empty(t, src.Stream.bridges)
	require.Zero(t, src.ListenerCount("data"))
}

// A destination that fails inside a batch takes none of the batch's later
// chunks, even with autoDestroy off (an errored Writable would buffer
// them), and the source is unpiped as above: 'unpipe' before 'error' on
// the destination, as Node's pipe emits them.
func TestPipeAcrossLoopsNothingWrittenAfterError(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	src := NewReadable(ReadableOptions{Loop: la, ObjectMode: true, Read: func(int) {}})
	var got []any
	var lenAtError = -1
	var dst *Writable
	dst = NewWritable(WritableOptions{Loop: lb, ObjectMode: true, AutoDestroy: Bool(false), HighWaterMark: Int(16),
		Write: func(c any, _ string, cb func(error)) {
			got = append(got, c)
			if len(got) == 2 {
				cb(errors.New("dst-fail"))
				return
			}
			cb(nil)
		}})
	var dstEvents []string
	dst.OnUnpipe(func(ReadableStream) { dstEvents = append(dstEvents, "unpipe") })
	dst.OnError(func(error) {
		lenAtError = dst.WritableLength()
		dstEvents = append(dstEvents, "error")
	})
	src.Pipe(dst)
	for i := 0; i < 4*minBatch; i++ {
		src.Push(i)
	}
	ra, rb := startRun(la), startRun(lb)
	require.Equal(t, runResult{}, waitRun(t, "source loop", ra))
	require.Equal(t, runResult{}, waitRun(t, "destination loop", rb))
	require.Equal(t, []any{0, 1}, got)
	require.Zero(t, lenAtError, "chunks were handed to the destination after it failed")
	require.Equal(t, []string{"unpipe", "error"}, dstEvents)
	require.True(t, src.IsPaused())
	require.Positive(t, src.ReadableLength(), "the source keeps what it did not send")
}

// Piping into a stream whose loop is already closed fails the source at
// once, with ERR_LOOP_CLOSED, instead of letting it read everything into
// nothing and report a clean 'end'.
func TestPipeAcrossLoopsIntoClosedLoop(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	reads := 0
	src := chunkSource(la, 1000, 10, &reads, 0, nil)
	ended := false
	src.OnEnd(func() { ended = true })
	var srcErr error
	src.OnError(func(err error) { srcErr = err })
	dst := NewWritable(WritableOptions{Loop: lb, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	lb.Close()
	src.Pipe(dst)
	require.Equal(t, runResult{}, waitRun(t, "source loop", startRun(la)))
	require.False(t, ended)
	require.ErrorIs(t, srcErr, ErrLoopClosed)
	require.True(t, src.Destroyed())
	require.Empty(t, src.Stream.bridges)
}

// A destination that is already closed when the pipe reaches its loop
// will never emit 'close' again: the bridge must not wait for it.
func TestPipeAcrossLoopsIntoClosedStream(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	reads := 0
	src := chunkSource(la, 1000, 10, &reads, 0, nil)
	dst := NewWritable(WritableOptions{Loop: lb, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	require.NoError(t, lb.Run(func() { dst.Destroy(nil) }))
	src.Pipe(dst)
	ra, rb := startRun(la), startRun(lb)
	require.Equal(t, runResult{}, waitRun(t, "source loop", ra))
	require.Equal(t, runResult{}, waitRun(t, "destination loop", rb))
	require.True(t, src.IsPaused())
	require.False(t, src.ReadableEnded())
	require.Empty(t, src.Stream.bridges)
}

// A panic in the destination's 'unpipe' listener, which the bridge's
// unpiping emits, must not keep the source's side waiting: the source,
// which has nothing more to emit, still hears that it was unpiped.
func TestPipeAcrossLoopsUnpipeListenerPanics(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	src := NewReadable(ReadableOptions{Loop: la, ObjectMode: true, Read: func(int) {}})
	var dst *Writable
	dst = NewWritable(WritableOptions{Loop: lb, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		if c == "b" {
			dst.Destroy(nil)
			return
		}
		cb(nil)
	}})
	dst.OnUnpipe(func(ReadableStream) { panic("unpipe listener") })
	src.Pipe(dst)
	src.Push("a")
	src.Push("b")
	ra, rb := startRun(la), startRun(lb)
	require.Equal(t, "unpipe listener", waitRun(t, "destination loop", rb).panicked)
	require.Equal(t, runResult{}, waitRun(t, "source loop", ra))
	require.Equal(t, runResult{}, waitRun(t, "destination loop, run again", startRun(lb)))
	require.True(t, src.IsPaused())
	require.False(t, src.Destroyed())
	require.Empty(t, src.Stream.bridges)
}

// dieCase is one way for one side of a cross-loop pipe to die mid-transfer.
type dieCase struct {
	name string
	// srcAt runs on the source's loop at its k-th read, dstAt on the
	// destination's loop at its k-th write; either may be nil.
	srcAt func(tc *dieEnv, src *Readable)
	dstAt func(tc *dieEnv, dst *Writable)
	// check inspects the outcome once both loops are idle.
	check func(t *testing.T, tc *dieEnv)
}

// dieEnv is the state of one dieCase run.
type dieEnv struct {
	la, lb     *Loop
	src        *Readable
	dst        *Writable
	a, b       runResult // the first Run of each loop
	closeNow   chan *Loop
	closeDone  chan struct{}
	srcEnded   bool
	dstErr     error
	srcErr     error
	srcEvents  []string
	dstEvents  []string
	writesSeen int
}

// closeFromOutside asks the test's closer goroutine to Close l and waits
// until it has, so the loop is closed from another goroutine while a
// transfer is under way.
func (e *dieEnv) closeFromOutside(l *Loop) {
	e.closeNow <- l
	<-e.closeDone
}

// When one side of a bridge dies, the other side is released and learns
// why: its Run returns, and its stream is destroyed with the reason (a
// panic, a Close, the source's error) or, when the destination went away,
// the source is unpiped and paused as Node's pipe does. A loop that
// panicked returns when it is run again.
func TestPipeAcrossLoopsOtherSideDies(t *testing.T) {
	boom := errors.New("boom")
	srcDestroyedWith := func(code *Error) func(t *testing.T, e *dieEnv) {
		return func(t *testing.T, e *dieEnv) {
			require.True(t, e.src.Destroyed(), "source not destroyed: %s", e.src.describeState())
			require.ErrorIs(t, e.src.Errored(), code)
			require.ErrorIs(t, e.srcErr, code)
			require.False(t, e.srcEnded)
		}
	}
	dstDestroyedWith := func(want error) func(t *testing.T, e *dieEnv) {
		return func(t *testing.T, e *dieEnv) {
			require.True(t, e.dst.Destroyed(), "destination not destroyed")
			require.ErrorIs(t, e.dst.Errored(), want)
			require.ErrorIs(t, e.dstErr, want)
			require.False(t, e.dst.WritableFinished())
		}
	}
	srcUnpiped := func(t *testing.T, e *dieEnv) {
		require.False(t, e.src.Destroyed(), "an unpiped source stays usable, as in Node")
		require.True(t, e.src.IsPaused())
		require.False(t, e.srcEnded)
		require.Contains(t, e.dstEvents, "unpipe")
	}
	cases := []dieCase{{
		name:  "destination write panics",
		dstAt: func(*dieEnv, *Writable) { panic(boom) },
		check: func(t *testing.T, e *dieEnv) {
			require.Equal(t, boom, e.b.panicked)
			srcDestroyedWith(ErrLoopPanicked)(t, e)
		},
	}, {
		name:  "source read panics",
		srcAt: func(*dieEnv, *Readable) { panic(boom) },
		check: func(t *testing.T, e *dieEnv) {
			require.Equal(t, boom, e.a.panicked)
			dstDestroyedWith(ErrLoopPanicked)(t, e)
		},
	}, {
		name:  "destination loop closed",
		dstAt: func(e *dieEnv, _ *Writable) { e.closeFromOutside(e.lb) },
		check: srcDestroyedWith(ErrLoopClosed),
	}, {
		name:  "source loop closed",
		srcAt: func(e *dieEnv, _ *Readable) { e.closeFromOutside(e.la) },
		check: dstDestroyedWith(ErrLoopClosed),
	}, {
		name:  "source destroyed with an error",
		srcAt: func(_ *dieEnv, src *Readable) { src.Destroy(boom) },
		check: func(t *testing.T, e *dieEnv) {
			require.Equal(t, boom, e.srcErr)
			dstDestroyedWith(boom)(t, e)
		},
	}, {
		name:  "source destroyed",
		srcAt: func(_ *dieEnv, src *Readable) { src.Destroy(nil) },
		check: dstDestroyedWith(ErrPrematureClose),
	}, {
		name:  "destination destroyed with an error",
		dstAt: func(_ *dieEnv, dst *Writable) { dst.Destroy(boom) },
		check: func(t *testing.T, e *dieEnv) {
			require.Equal(t, boom, e.dstErr)
			srcUnpiped(t, e)
		},
	}, {
		name:  "destination destroyed",
		dstAt: func(_ *dieEnv, dst *Writable) { dst.Destroy(nil) },
		check: srcUnpiped,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const n, k = 1000, 20
			e := &dieEnv{la: NewLoop(), lb: NewLoop(), closeNow: make(chan *Loop), closeDone: make(chan struct{})}
			stopCloser := make(chan struct{})
			defer close(stopCloser)
			go func() {
				select {
				case l := <-e.closeNow:
					l.Close()
					close(e.closeDone)
				case <-stopCloser:
				}
			}()
			reads := 0
			var srcAt func(*Readable)
			if c.srcAt != nil {
				srcAt = func(src *Readable) { c.srcAt(e, src) }
			}
			e.src = chunkSource(e.la, n, 100, &reads, k, srcAt)
			e.src.OnEnd(func() { e.srcEnded = true })
			e.src.OnError(func(err error) { e.srcErr = err })
			e.dst = NewWritable(WritableOptions{Loop: e.lb, HighWaterMark: Int(300), Write: func(_ any, _ string, cb func(error)) {
				e.writesSeen++
				if e.writesSeen == k && c.dstAt != nil {
					c.dstAt(e, e.dst)
				}
				// A macrotask per write, so the transfer spans many
				// round trips between the loops.
				e.lb.Post(func() { cb(nil) })
			}})
			e.dst.OnError(func(err error) { e.dstErr = err })
			e.dst.OnUnpipe(func(ReadableStream) { e.dstEvents = append(e.dstEvents, "unpipe") })
			e.src.Pipe(e.dst)

			ra, rb := startRun(e.la), startRun(e.lb)
			e.a = waitRun(t, "source loop", ra)
			e.b = waitRun(t, "destination loop", rb)
			require.NoError(t, e.a.err)
			require.NoError(t, e.b.err)
			if e.a.panicked != nil {
				require.Equal(t, runResult{}, waitRun(t, "source loop, run again", startRun(e.la)))
			}
			if e.b.panicked != nil {
				require.Equal(t, runResult{}, waitRun(t, "destination loop, run again", startRun(e.lb)))
			}
			c.check(t, e)
			require.Less(t, reads, n, "the source read everything")
			if c.name == "source loop closed" {
				// Nothing can run on the source's loop any more, so
				// the bridge may stay registered there: harmless.
				return
			}
			require.Empty(t, e.src.Stream.bridges)
		})
	}
}

// Random cross-loop pipes with random failures: a write error, a
// destination or source destroyed, a panic on either loop, either loop
// closed, at a random point. Whatever the scheduling, both loops' Runs return (a loop that
// panicked, when run again), nothing reaches the destination after it
// failed, what it got is a prefix of what the source sent, and a source
// whose destination failed mid-way is paused or destroyed and never ends.
func TestPipeAcrossLoopsRandomFailures(t *testing.T) {
	kinds := []string{"none", "write error", "async write error", "dst destroy", "src destroy", "dst panic", "src panic", "dst loop close", "src loop close"}
	for seed := uint64(1); seed <= 63; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		kind := kinds[int(seed)%len(kinds)]
		name := fmt.Sprintf("seed %d %s", seed, kind)
		t.Run(name, func(t *testing.T) {
			la, lb := NewLoop(), NewLoop()
			n := 600 + rng.IntN(600)
			at := 1 + rng.IntN(60)
			sizes := make([]int, n)
			for i := range sizes {
				sizes[i] = 1 + rng.IntN(50)
			}
			timing := rng.IntN(3)
			srcHWM, dstHWM := rng.IntN(100), rng.IntN(100)

			// The source's loop's.
			sent, reads := 0, 0
			var want bytes.Buffer
			srcEnded := false
			var src *Readable
			src = NewReadable(ReadableOptions{Loop: la, HighWaterMark: Int(srcHWM), Read: func(int) {
				reads++
				if reads == at {
					switch kind {
					case "src destroy":
						src.Destroy(errors.New("src-fail"))
						return
					case "src panic":
						panic("src read panic")
					case "src loop close":
						// From a task on the loop itself: the Run in
						// progress goes on with what is queued.
						la.Close()
					}
				}
				if sent == n {
					src.Push(nil)
					return
				}
				b := bytes.Repeat([]byte{byte(sent)}, sizes[sent])
				sent++
				want.Write(b)
				src.Push(b)
			}})
			src.OnEnd(func() { srcEnded = true })
			src.OnError(func(error) {})

			// The destination's loop's.
			var got bytes.Buffer
			writes, late := 0, 0
			var dstFailed atomic.Bool // read by the source side's checks
			var dst *Writable
			dst = NewWritable(WritableOptions{Loop: lb, HighWaterMark: Int(dstHWM), Write: func(c any, _ string, cb func(error)) {
				if dstFailed.Load() {
					late++
				}
				writes++
				got.Write(c.([]byte))
				if writes == at {
					switch kind {
					case "write error":
						// The Writable may still start the write it
						// has buffered (Node's does too); from its
						// 'error' on, nothing may reach it.
						cb(errors.New("dst-fail"))
						return
					case "async write error":
						lb.Post(func() { cb(errors.New("dst-fail")) })
						return
					case "dst destroy":
						dstFailed.Store(true)
						dst.Destroy(nil)
						return
					case "dst panic":
						dstFailed.Store(true)
						panic("dst write panic")
					case "dst loop close":
						// Not a failure of dst: what its loop's Run
						// still has queued may be written.
						lb.Close()
					}
				}
				switch timing {
				case 0:
					cb(nil)
				case 1:
					lb.NextTick(func() { cb(nil) })
				default:
					lb.Post(func() { cb(nil) })
				}
			}})
			dst.OnError(func(error) { dstFailed.Store(true) })
			src.Pipe(dst)

			// Each loop is run until a Run returns without a panic, as
			// a program that recovers a panic and goes on would.
			runUntilDone := func(name string, l *Loop) <-chan error {
				done := make(chan error, 1)
				go func() {
					deadline := time.After(edgeTimeout)
					for {
						select {
						case r := <-startRun(l):
							if r.panicked != nil {
								continue
							}
							done <- r.err
							return
						case <-deadline:
							done <- fmt.Errorf("%s: Run did not return", name)
							return
						}
					}
				}()
				return done
			}
			da, db := runUntilDone("source loop", la), runUntilDone("destination loop", lb)
			for _, d := range []<-chan error{da, db} {
				select {
				case err := <-d:
					require.NoError(t, err)
				case <-time.After(2 * edgeTimeout):
					t.Fatal("a loop's Run never returned")
				}
			}

			require.Zero(t, late, "written to the destination after it failed")
			require.True(t, bytes.HasPrefix(want.Bytes(), got.Bytes()), "the destination got something the source did not send, or out of order")
			switch kind {
			case "none":
				require.True(t, srcEnded)
				require.True(t, dst.WritableFinished())
				require.Equal(t, want.Bytes(), got.Bytes())
			case "src destroy", "src panic", "src loop close":
				require.True(t, dst.Destroyed(), "the destination outlived its source's failure")
				require.False(t, dst.WritableFinished())
			default:
				require.False(t, srcEnded, "the source ended after its destination failed mid-way")
				require.True(t, src.IsPaused() || src.Destroyed(), "the source neither paused nor destroyed")
				require.Less(t, sent, n)
			}
			if kind != "src loop close" {
				// (On a closed loop the bridge may stay registered
				// with a source that nothing can run any more.)
				require.Empty(t, src.Stream.bridges)
			}
		})
	}
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

// A source that stops short of a batch hands what it emitted over at the
// end of its burst: the destination gets the chunks while the source
// waits, rather than when a full batch or the end comes. Here the source
// pushes the rest only once the destination has the first chunks, so a
// batch held back would hang both loops.
func TestPipeAcrossLoopsPartialBatchCrosses(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	const first = 3
	require.Less(t, first, handOverAt)
	src := NewReadable(ReadableOptions{Loop: la, ObjectMode: true, Read: func(int) {}})
	var got []any
	dst := NewWritable(WritableOptions{Loop: lb, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		got = append(got, c)
		if len(got) == first {
			la.Post(func() {
				src.Push("last")
				src.Push(nil)
			})
		}
		cb(nil)
	}})
	src.Pipe(dst)
	for i := range first {
		src.Push(i)
	}
	ra, rb := startRun(la), startRun(lb)
	require.Equal(t, runResult{}, waitRun(t, "source loop", ra))
	require.Equal(t, runResult{}, waitRun(t, "destination loop", rb))
	require.Equal(t, []any{0, 1, 2, "last"}, got)
	require.True(t, dst.WritableFinished())
}

// A paused source resumes as soon as the destination's loop takes its
// chunks, while they are still being written: here the destination's first
// write waits for the source to emit its second chunk, which a source
// resumed only after the write would never do.
func TestPipeAcrossLoopsSourceResumesWhileBatchIsWritten(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	const n = 10
	src := countingSource(la, n)
	second := make(chan struct{})
	src.OnData(func(c any) {
		if c == 2 {
			close(second)
		}
	})
	var got []any
	dst := NewWritable(WritableOptions{Loop: lb, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		if c == 1 {
			// The first chunk crosses alone and the source pauses
			// until it is taken (bridge.started).
			select {
			case <-second:
			case <-time.After(5 * time.Second):
				t.Error("the source did not resume while its first chunk was written")
			}
		}
		got = append(got, c)
		cb(nil)
	}})
	src.Pipe(dst)
	require.Equal(t, []error{nil, nil}, runLoops(la, lb))
	require.Equal(t, []any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, got)
	require.True(t, dst.WritableFinished())
}

// Each group of a bridge's fields that one loop writes chunk by chunk is
// a cache-line pair away from every other group and from the bridge's
// neighbours in memory: measured, sharing a line between the source's
// fill and the destination's per-chunk checks cost up to a third of the
// objects throughput on two loops. Only the layout can be asserted; the
// figures are in the package's benchmarks and the README.
func TestBridgeFieldGroupsApart(t *testing.T) {
	var b bridge
	const pad = unsafe.Sizeof(cacheLinePad{})
	end := func(off, size uintptr) uintptr { return off + size }
	gaps := []struct {
		name     string
		from, to uintptr
	}{
		{"start -> shared", 0, unsafe.Offsetof(b.src)},
		{"shared -> source's", end(unsafe.Offsetof(b.srcFate), unsafe.Sizeof(b.srcFate)), unsafe.Offsetof(b.dataL)},
		{"source's -> destination's", end(unsafe.Offsetof(b.started), unsafe.Sizeof(b.started)), unsafe.Offsetof(b.waitingDrain)},
		{"destination's -> tokens", end(unsafe.Offsetof(b.dstErrorL), unsafe.Sizeof(b.dstErrorL)), unsafe.Offsetof(b.srcTok)},
		{"tokens -> end", end(unsafe.Offsetof(b.resumeFn), unsafe.Sizeof(b.resumeFn)), unsafe.Sizeof(b)},
	}
	for _, g := range gaps {
		require.GreaterOrEqual(t, g.to-g.from, pad, g.name)
	}
}
