package stream

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestEventsNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/events") }

// TestOnceOn is the Go twin of testdata/events/once_on.js: the test
// goroutine is the async function, blocked in Once and On while they drive
// the loop; the emits come from timers on the loop.
func TestOnceOn(t *testing.T) {
	p := newTwin(t)
	l := p.l
	e := NewPassThrough(DuplexOptions{Loop: l}) // any EventSource; this one has a loop
	later := func(fn func()) { l.SetTimeout(fn, time.Millisecond) }
	js := func(args []any) string {
		b, err := json.Marshal(args)
		require.NoError(t, err)
		return string(b)
	}
	ctx := context.Background()

	later(func() {
		e.Emit("foo", 1, 2)
		e.Emit("foo", 3)
		e.Emit("end")
		e.Emit("foo", 4)
	})
	for args, err := range OnWith(ctx, e, "foo", OnOptions{Close: []string{"end"}}) {
		require.NoError(t, err)
		p.Log("on", js(args))
	}
	p.Log("listeners after close", e.ListenerCount("foo"), e.ListenerCount("error"), e.ListenerCount("end"))

	later(func() { e.Emit("x", "a", "b") })
	args, err := Once(ctx, e, "x")
	require.NoError(t, err)
	p.Log("once", js(args))

	later(func() { e.Emit("error", errors.New("boom")) })
	_, err = Once(ctx, e, "x")
	p.Log("once rejects", err.Error(), e.ListenerCount("x"), e.ListenerCount("error"))

	actx, abort := context.WithCancel(ctx)
	later(abort)
	_, err = Once(actx, e, "x")
	var se *Error
	require.ErrorAs(t, err, &se)
	p.Log("once aborted", se.Name, ErrorCode(err), e.ListenerCount("x"))
	require.ErrorIs(t, err, context.Canceled, "the abort wraps the context's cause")

	later(func() { e.Emit("error", errors.New("boom2")) })
	args, err = Once(ctx, e, "error")
	require.NoError(t, err)
	p.Log("once error", args[0].(error).Error())

	later(func() {
		e.Emit("foo", 5)
		e.Emit("error", errors.New("boom3"))
		e.Emit("foo", 6)
	})
	for args, err := range On(ctx, e, "foo") {
		if err != nil {
			p.Log("on rejects", err.Error(), e.ListenerCount("foo"), e.ListenerCount("error"))
			break
		}
		p.Log("on", js(args))
	}

	later(func() {
		e.Emit("foo", 7)
		e.Emit("foo", 8)
	})
	for args, err := range On(ctx, e, "foo") {
		require.NoError(t, err)
		p.Log("on", js(args))
		break
	}
	p.Log("listeners after break", e.ListenerCount("foo"), e.ListenerCount("error"))

	w := NewWritable(WritableOptions{Loop: l, HighWaterMark: Int(1), Write: func(_ any, _ string, cb func(error)) {
		l.SetTimeout(func() { cb(nil) }, time.Millisecond)
	}})
	ok, err := w.Write("a")
	require.NoError(t, err)
	p.Log("write", ok)
	_, err = Once(ctx, w, "drain")
	require.NoError(t, err)
	p.Log("drained", w.WritableLength())
	p.Match("testdata/events/once_on.out")
}

func TestOnceStalledAndMisuse(t *testing.T) {
	l := NewLoop()
	e := NewPassThrough(DuplexOptions{Loop: l})
	_, err := Once(context.Background(), e, "never")
	require.ErrorIs(t, err, ErrStalled, "nothing left could emit: an error, not a hang")
	require.Zero(t, e.ListenerCount("never"))

	for _, err := range On(context.Background(), e, "never") {
		require.ErrorIs(t, err, ErrStalled)
	}

	_, err = Once(context.Background(), nil, "x")
	require.ErrorIs(t, err, ErrInvalidArgType)
	var nilStream *Readable
	_, err = Once(context.Background(), nilStream, "x")
	require.ErrorIs(t, err, ErrInvalidArgType)

	require.NoError(t, l.Run(func() {
		_, err := Once(context.Background(), e, "x")
		require.ErrorIs(t, err, ErrReentrant)
	}))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Once(ctx, e, "x")
	require.ErrorIs(t, err, ErrAbort, "an already cancelled context")
	for _, err := range On(ctx, e, "x") {
		require.ErrorIs(t, err, ErrAbort)
	}
	require.Zero(t, e.ListenerCount("x"))
	require.Zero(t, e.ListenerCount("error"))
}

// Once and On from another goroutine while the loop runs elsewhere.
func TestOnceWhileLoopRunsElsewhere(t *testing.T) {
	l := NewLoop()
	e := NewPassThrough(DuplexOptions{Loop: l})
	got := make(chan []any, 1)
	require.NoError(t, l.Run(func() {
		hold := l.Hold()
		go func() {
			args, err := Once(context.Background(), e, "ready")
			require.NoError(t, err)
			got <- args
			hold.Resolve(nil)
		}()
		var tick func()
		tick = func() {
			if e.ListenerCount("ready") == 0 {
				l.SetTimeout(tick, time.Millisecond)
				return
			}
			e.Emit("ready", "go")
		}
		tick()
	}))
	require.Equal(t, []any{"go"}, <-got)
}

// TestErrorMonitor is the Go twin of testdata/events/error_monitor.js.
func TestErrorMonitor(t *testing.T) {
	p := newTwin(t)
	l := p.l
	var bare *PassThrough
	err := l.Run(func() {
		e := NewPassThrough(DuplexOptions{Loop: l})
		e.On(ErrorMonitor, func(args ...any) { p.Log("monitor", args[0].(error).Error()) })
		e.On("error", func(args ...any) { p.Log("error listener", args[0].(error).Error()) })
		p.Log("emit ->", e.Emit("error", errors.New("one")))
		bare = NewPassThrough(DuplexOptions{Loop: l})
		bare.On(ErrorMonitor, func(args ...any) { p.Log("monitor only", args[0].(error).Error()) })
		p.Log("count", bare.ListenerCount("error"), bare.ListenerCount(ErrorMonitor))
		bare.Emit("error", errors.New("two"))
	})
	// Node throws from emit; here Run returns the unhandled error.
	p.Log("thrown", err.Error())
	p.Match("testdata/events/error_monitor.out")

	// A stream's own 'error' event (a destroy) reaches the monitor too.
	var seen []string
	require.NoError(t, l.Run(func() {
		s := NewPassThrough(DuplexOptions{Loop: l})
		s.On(ErrorMonitor, func(args ...any) { seen = append(seen, "monitor "+args[0].(error).Error()) })
		s.OnError(func(err error) { seen = append(seen, "error "+err.Error()) })
		s.Destroy(errors.New("three"))
	}))
	require.Equal(t, []string{"monitor three", "error three"}, seen)
}
