package stream

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFinishedNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/finished") }

// TestWaitFinishedAndContext is the Go twin of
// testdata/finished/promises.js: the test goroutine is the async function,
// and Node's signals are contexts.
func TestWaitFinishedAndContext(t *testing.T) {
	p := newTwin(t)
	l := p.l
	ctx := context.Background()
	later := func(fn func()) { l.SetTimeout(fn, time.Millisecond) }

	r := From(slices.Values([]any{"a", "b"}), ReadableOptions{Loop: l})
	r.Resume()
	require.NoError(t, WaitFinished(ctx, r))
	p.Log("readable finished", r.ReadableEnded())

	w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	later(func() { w.EndWith("x", "", nil) })
	require.NoError(t, WaitFinished(ctx, w))
	p.Log("writable finished", w.WritableFinished())

	pt := NewPassThrough(DuplexOptions{Loop: l})
	later(func() { pt.Destroy(errors.New("boom")) })
	p.Log("rejects", WaitFinished(ctx, pt).Error())

	p2 := NewPassThrough(DuplexOptions{Loop: l})
	actx, abort := context.WithCancel(ctx)
	later(abort)
	err := WaitFinished(actx, p2)
	var se *Error
	require.ErrorAs(t, err, &se)
	require.ErrorIs(t, err, context.Canceled)
	p.Log("aborted", se.Name, ErrorCode(err), p2.Destroyed(), p2.ListenerCount("close"), p2.ListenerCount("end"))

	p3 := NewPassThrough(DuplexOptions{Loop: l})
	p3.Destroy(nil)
	p.Log("premature", ErrorCode(WaitFinished(ctx, p3)))

	require.NoError(t, l.Run(func() {
		p4 := NewPassThrough(DuplexOptions{Loop: l})
		ctx2, abort2 := context.WithCancel(ctx)
		FinishedWith(p4, FinishedOptions{Context: ctx2}, func(err error) {
			var se *Error
			require.ErrorAs(t, err, &se)
			p.Log("callback", se.Name, ErrorCode(err), p4.ListenerCount("close"))
		})
		later(abort2)
	}))

	require.NoError(t, l.Run(func() {
		ctx3, abort3 := context.WithCancel(ctx)
		abort3()
		p5 := NewPassThrough(DuplexOptions{Loop: l})
		FinishedWith(p5, FinishedOptions{Context: ctx3}, func(err error) {
			p.Log("callback, aborted before", ErrorCode(err), p5.Destroyed())
		})
		p5.End()
		p5.Resume()
	}))
	p.Match("testdata/finished/promises.out")
}

func TestWaitFinishedMisuse(t *testing.T) {
	require.ErrorIs(t, WaitFinished(context.Background(), nil), ErrInvalidArgType)
	l := NewLoop()
	pt := NewPassThrough(DuplexOptions{Loop: l})
	before := []int{pt.ListenerCount("close"), pt.ListenerCount("end"), pt.ListenerCount("finish"), pt.ListenerCount("error")}
	require.ErrorIs(t, WaitFinished(context.Background(), pt), ErrStalled, "nothing left could finish it")
	after := []int{pt.ListenerCount("close"), pt.ListenerCount("end"), pt.ListenerCount("finish"), pt.ListenerCount("error")}
	require.Equal(t, before, after, "a stalled wait leaves no listener behind")
	require.NoError(t, l.Run(func() {
		require.ErrorIs(t, WaitFinished(context.Background(), pt), ErrReentrant)
	}))
}
