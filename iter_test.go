package stream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/require"
)

func TestChunksObjectMode(t *testing.T) {
	l := NewLoop()
	i := 0
	var r *Readable
	r = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, HighWaterMark: Int(2), Read: func(int) {
		i++
		if i > 5 {
			r.Push(nil)
			return
		}
		r.Push(i)
	}})
	var got []any
	for v, err := range Chunks(context.Background(), r) {
		require.NoError(t, err)
		got = append(got, v)
	}
	require.Equal(t, []any{1, 2, 3, 4, 5}, got)
	require.True(t, r.ReadableEnded())
}

func TestChunksBytesFromReader(t *testing.T) {
	l := NewLoop()
	src := strings.Repeat("chunks ", 1000)
	r := FromReader(iotest.HalfReader(strings.NewReader(src)), ReadableOptions{Loop: l, HighWaterMark: Int(64)})
	var sb strings.Builder
	for c, err := range Chunks(context.Background(), r) {
		require.NoError(t, err)
		sb.Write(c.([]byte))
	}
	require.Equal(t, src, sb.String())
}

func TestChunksError(t *testing.T) {
	l := NewLoop()
	boom := errors.New("boom")
	r := FromReader(io.MultiReader(strings.NewReader("ab"), iotest.ErrReader(boom)), ReadableOptions{Loop: l})
	var seen []string
	for c, err := range Chunks(context.Background(), r) {
		if err != nil {
			seen = append(seen, "err "+err.Error())
			continue
		}
		seen = append(seen, fmt.Sprintf("chunk %s", c))
	}
	require.Equal(t, []string{"chunk ab", "err boom"}, seen)
}

// Breaking out of the loop destroys the stream, as returning from Node's
// async iterator does.
func TestChunksBreakDestroys(t *testing.T) {
	l := NewLoop()
	var r *Readable
	r = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) { r.Push("tick") }})
	n := 0
	for _, err := range Chunks(context.Background(), r) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	require.True(t, r.Destroyed())
	require.ErrorIs(t, r.Errored(), ErrAbort)
}

// Cancelling the context while the iterator waits destroys the stream and
// yields an AbortError wrapping the context's error.
func TestChunksContextCancel(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
	require.NoError(t, l.Run(func() { r.Push("first") }))
	var errs []error
	for v, err := range Chunks(ctx, r) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		require.Equal(t, "first", v)
		cancel() // nothing more will come: only the cancellation ends the wait
	}
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrAbort)
	require.ErrorIs(t, errs[0], context.Canceled)
	require.True(t, r.Destroyed())
}

// The consumer's ctx is watched for the whole iteration but holds the
// loop only while a hand-over waits: a cancel from another goroutine ends
// a wait after several hand-overs, and the loop is idle between them (a
// Run elsewhere returns while the consumer is in its loop body).
func TestChunksCancelAfterSeveralHandovers(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, HighWaterMark: Int(1), Read: func(int) {}})
	require.NoError(t, l.Run(func() { r.Push(0) }))
	var got []any
	var last error
	for v, err := range Chunks(ctx, r) {
		if err != nil {
			last = err
			break
		}
		got = append(got, v)
		n := v.(int)
		if n < 3 {
			// In the body, no hand-over waits: the loop is idle and Run
			// returns at once.
			require.NoError(t, l.Run(func() { r.Push(n + 1) }))
			continue
		}
		go func() {
			time.Sleep(5 * time.Millisecond)
			cancel()
		}()
	}
	require.Equal(t, []any{0, 1, 2, 3}, got)
	require.ErrorIs(t, last, ErrAbort)
	require.ErrorIs(t, last, context.Canceled)
	require.True(t, r.Destroyed())
	require.Empty(t, l.watches, "the watch ended with the hand-over")
	require.Zero(t, l.pending.Load(), "no hold left")
}

func TestChunksOnLoopIsReentrant(t *testing.T) {
	l := NewLoop()
	var got error
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		for _, err := range Chunks(context.Background(), r) {
			got = err
		}
	}))
	require.ErrorIs(t, got, ErrReentrant)
}

// Item 12: Chunks destroys the stream when the loop body breaks or
// panics, even on a closed loop nobody runs.
func TestChunksAbandonOnPanicAndClosedLoop(t *testing.T) {
	l := NewLoop()
	var r *Readable
	require.NoError(t, l.Run(func() { r = From(slicesValues(1, 2, 3), ReadableOptions{Loop: l}) }))
	func() {
		defer func() { require.Equal(t, "body panic", recover()) }()
		for range Chunks(context.Background(), r) {
			panic("body panic")
		}
	}()
	require.True(t, r.Destroyed(), "a panicking loop body lets go of the stream")

	l2 := NewLoop()
	var r2 *Readable
	destroyed := false
	require.NoError(t, l2.Run(func() {
		r2 = From(slicesValues(1, 2, 3), ReadableOptions{Loop: l2, Destroy: func(err error, cb func(error)) {
			destroyed = true
			cb(err)
		}})
	}))
	for range Chunks(context.Background(), r2) {
		l2.Close()
		break
	}
	require.True(t, destroyed, "the destroy hook runs even though the loop closed")
}

// Chunks returns only once the stream has let go of what it wraps: after
// a break out of the loop, at the end, and on an error, the reader under a
// FromReader is closed (once) by the time the range statement is done.
func TestChunksReturnsAfterTheResourceIsClosed(t *testing.T) {
	for _, how := range []string{"break", "end", "error"} {
		t.Run(how, func(t *testing.T) {
			l := NewLoop()
			var src io.Reader = strings.NewReader(strings.Repeat("x", 64<<10))
			if how == "error" {
				src = io.MultiReader(src, iotest.ErrReader(errors.New("read failed")))
			}
			p := &probe{r: src, closeDelay: 20 * time.Millisecond}
			r := FromReader(p, ReadableOptions{Loop: l, HighWaterMark: Int(1024)})
			for _, err := range Chunks(context.Background(), r) {
				if how == "break" || err != nil {
					break
				}
			}
			p.mu.Lock()
			closes := p.closes
			p.mu.Unlock()
			require.Equal(t, 1, closes)
		})
	}
}

// A cancel wins over the chunks a hand-over already took: nothing is
// yielded after the context is cancelled.
func TestChunksCancelWinsOverTheBatch(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := From(slicesValues(1, 2, 3, 4, 5, 6, 7, 8), ReadableOptions{Loop: l, HighWaterMark: Int(8)})
	var got []any
	var last error
	for v, err := range Chunks(ctx, src) {
		if err != nil {
			last = err
			break
		}
		got = append(got, v)
		if v == 2 {
			cancel()
		}
	}
	require.Equal(t, []any{1, 2}, got)
	require.ErrorIs(t, last, ErrAbort)
}

// A lazy source read through Chunks is pulled no further ahead than Node's
// iterator pulls it (test-stream-reduce.js "Works lazily": Node calls the
// mapper 3 times before the reducer's throw at its second value).
func TestChunksPullsLazySourceAsNode(t *testing.T) {
	l := NewLoop()
	calls := 0
	var s *Readable
	require.NoError(t, l.Run(func() {
		src := From(slices.Values([]any{1, 2, 3, 4, 5, 6}), ReadableOptions{Loop: l})
		s = Map(src, func(v any) (any, error) { calls++; return v, nil })
	}))
	boom := errors.New("boom")
	_, err := ReduceWith(context.Background(), s, func(acc, v any) (any, error) {
		if acc == 1 {
			return nil, boom
		}
		return v, nil
	}, 0)
	require.ErrorIs(t, err, boom)
	require.Equal(t, 3, calls)
}

// A consumer that cancels its source's context stops at once: the chunks
// it already took are not handed to it (test-stream-forEach.js, an
// infinite source with a signal aborted by the 10th call).
func TestChunksStopsAtSourceAbort(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ones := func(yield func(any) bool) {
		for yield(1) {
		}
	}
	var s *Readable
	require.NoError(t, l.Run(func() {
		s = From(ones, ReadableOptions{Loop: l, Context: ctx, HighWaterMark: Int(16)})
	}))
	calls := 0
	err := ForEach(context.Background(), s, func(any) error {
		calls++
		if calls == 10 {
			cancel()
		}
		return nil
	})
	require.ErrorIs(t, err, ErrAbort)
	require.Equal(t, 10, calls)
}

// ChunksWith DestroyOnReturn false: breaking out leaves the stream whole,
// its listeners off, and a later iteration reads the rest (Node:
// first 1; destroyed false, listeners 0 0 0 0; rest 2 3 4; destroyed true).
func TestChunksDestroyOnReturnFalse(t *testing.T) {
	l := NewLoop()
	r := From(slices.Values([]any{1, 2, 3, 4}), ReadableOptions{Loop: l})
	ctx := context.Background()
	counts := func() []int {
		return []int{r.ListenerCount("readable"), r.ListenerCount("end"), r.ListenerCount("close"), r.ListenerCount("error")}
	}
	before := counts()
	for v, err := range ChunksWith(ctx, r, ChunksOptions{DestroyOnReturn: Bool(false)}) {
		require.NoError(t, err)
		require.Equal(t, 1, v)
		break
	}
	require.False(t, r.Destroyed())
	require.Equal(t, before, counts(), "the iteration's listeners are off")
	var rest []any
	for v, err := range Chunks(ctx, r) {
		require.NoError(t, err)
		rest = append(rest, v)
	}
	require.Equal(t, []any{2, 3, 4}, rest)
	require.True(t, r.Destroyed())
}

// Node's iterator waits for the readable side only (eos with writable
// false), and at the end destroys the stream if it auto-destroys: a Duplex
// whose writable side is still open ends the iteration and is destroyed,
// as `for await (const c of duplex)` leaves it in Node.
func TestChunksDuplexWithOpenWritableSide(t *testing.T) {
	l := NewLoop()
	d := NewDuplex(DuplexOptions{Loop: l, Read: func(int) {}, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	l.Post(func() {
		d.Push("a")
		d.Push(nil)
	})
	var got []string
	for c, err := range Chunks(context.Background(), d) {
		require.NoError(t, err)
		got = append(got, string(c.([]byte)))
	}
	require.Equal(t, []string{"a"}, got)
	var writable, destroyed bool
	require.NoError(t, l.Run(func() { writable, destroyed = d.Writable(), d.Destroyed() }))
	require.False(t, writable)
	require.True(t, destroyed)

	// With AutoDestroy false it is left as it is.
	d2 := NewDuplex(DuplexOptions{Loop: l, AutoDestroy: Bool(false), Read: func(int) {}, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	l.Post(func() { d2.Push(nil) })
	for _, err := range Chunks(context.Background(), d2) {
		require.NoError(t, err)
	}
	require.NoError(t, l.Run(func() { writable, destroyed = d2.Writable(), d2.Destroyed() }))
	require.True(t, writable)
	require.False(t, destroyed)
}

// A hand-over that ended with an error (the loop went idle: ERR_LOOP_STALLED)
// leaves the stream's listeners behind; data that comes later must not
// trip over the finished iteration.
func TestChunksStalledThenData(t *testing.T) {
	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
	var last error
	for _, err := range Chunks(context.Background(), r) {
		last = err
	}
	require.ErrorIs(t, last, ErrStalled)
	require.NoError(t, l.Run(func() { r.Push("late") }))

	w := NewWritable(WritableOptions{Loop: l, HighWaterMark: Int(1), Write: func(_ any, _ string, cb func(error)) {}})
	_, err := NewWriter(w).Write([]byte("full"))
	require.ErrorIs(t, err, ErrStalled)
	require.NoError(t, l.Run(func() { w.Destroy(nil) }))
}
