package stream

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// objectSource pushes its values all at once, then EOF, as Node's
// read() { push('a'); push('b'); push('c'); push(null) }.
func objectSource(l *Loop, values ...any) *Readable {
	var r *Readable
	r = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {
		for _, v := range values {
			r.Push(v)
		}
		r.Push(nil)
	}})
	return r
}

// Edge item 2: a context cancelled inside the first write stops the
// pipeline there, as Node's abort() does: Node prints "write a", then the
// pipeline fails with AbortError and both streams are destroyed.
func TestPipelineCancelInsideWrite(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var written []any
	var got error
	calls := 0
	var r *Readable
	var w *Writable
	require.NoError(t, l.Run(func() {
		r = objectSource(l, "a", "b", "c")
		w = NewWritable(WritableOptions{Loop: l, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
			written = append(written, c)
			if c == "a" {
				cancel()
			}
			cb(nil)
		}})
		_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{Context: ctx}, func(err error) {
			calls++
			got = err
		})
		require.NoError(t, err)
	}))
	require.Equal(t, []any{"a"}, written)
	require.Equal(t, 1, calls)
	require.ErrorIs(t, got, ErrAbort)
	require.ErrorIs(t, got, context.Canceled)
	require.True(t, w.Destroyed())
	require.True(t, r.Destroyed())
}

// The blocking Pipeline with a context cancelled from the first write.
func TestPipelineBlockingCancelInsideWrite(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var written []any
	r := objectSource(l, "a", "b", "c")
	w := NewWritable(WritableOptions{Loop: l, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		written = append(written, c)
		cancel()
		cb(nil)
	}})
	err := Pipeline(ctx, r, w)
	require.ErrorIs(t, err, ErrAbort)
	require.Equal(t, []any{"a"}, written)
}

// Edge item 2: a cancel of the Context option, or of AddAbortSignal's
// context, inside a Run that then goes idle is applied before Run returns,
// every time (it used to be applied in about 1 run of 10).
func TestCancelBeforeIdleWins(t *testing.T) {
	for i := range 50 {
		l := NewLoop()
		ctx1, cancel1 := context.WithCancel(context.Background())
		ctx2, cancel2 := context.WithCancel(context.Background())
		var byOption, bySignal *Readable
		var errs []error
		require.NoError(t, l.Run(func() {
			byOption = NewReadable(ReadableOptions{Loop: l, Context: ctx1, Read: func(int) {}})
			bySignal = AddAbortSignal(ctx2, NewReadable(ReadableOptions{Loop: l, Read: func(int) {}}))
			byOption.OnError(func(err error) { errs = append(errs, err) })
			bySignal.OnError(func(err error) { errs = append(errs, err) })
			cancel1()
			cancel2()
		}), "run %d", i)
		require.True(t, byOption.Destroyed(), "run %d", i)
		require.True(t, bySignal.Destroyed(), "run %d", i)
		require.True(t, byOption.Closed() && bySignal.Closed(), "run %d", i)
		require.Len(t, errs, 2, "run %d", i)
		for _, err := range errs {
			require.ErrorIs(t, err, ErrAbort)
		}
	}
}

// A cancel made inside a hook takes effect before the next callback of
// the loop: the tick the hook queued after cancelling finds the stream
// destroyed.
func TestCancelOnLoopBeforeNextCallback(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var destroyedThen bool
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, Context: ctx, Read: func(int) {}})
		r.OnError(func(error) {})
		l.NextTick(func() { destroyedThen = r.Destroyed() })
		cancel()
	}))
	require.True(t, destroyedThen)
}

// A cancel from another goroutine while the pipeline waits on I/O ends
// it with an AbortError and releases the loop.
func TestPipelineCancelFromAnotherGoroutine(t *testing.T) {
	synctest.Test(t, testPipelineCancelFromAnotherGoroutine)
}

func testPipelineCancelFromAnotherGoroutine(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	release := make(chan struct{})
	var wg sync.WaitGroup
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}}) // never produces
	w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-release
		cancel()
	}()
	done := make(chan error, 1)
	go func() { done <- Pipeline(ctx, r, w) }()
	close(release)
	select {
	case err := <-done:
		require.ErrorIs(t, err, ErrAbort)
	case <-time.After(10 * time.Second):
		t.Fatal("Pipeline did not return after its context was cancelled")
	}
	wg.Wait()
}

// An unwatched context (the stream finished first) fires nothing later
// and leaves no watch on the loop.
func TestCancelWatchEndsWithStream(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	var r *Readable
	require.NoError(t, l.Run(func() {
		r = objectSource(l, "x")
		AddAbortSignal(ctx, r)
		r.Resume()
	}))
	require.Empty(t, l.watches)
	cancel()
	require.NoError(t, l.Run(nil))
	require.Nil(t, r.Errored())
}
