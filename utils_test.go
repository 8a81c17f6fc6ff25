package stream

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"
	"testing/synctest"

	"github.com/nodestream/stream/internal/tracetest"
	"github.com/stretchr/testify/require"
)

// Go twins of testdata/utils/*.js: they must print what Node printed.

func TestUtilsNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/utils") }

func TestPredicates(t *testing.T) {
	p := newTwin(t)
	show := func(name string, s StreamLike) {
		p.Log(name, IsReadable(s), IsWritable(s), IsErrored(s), IsDisturbed(s), IsDestroyed(s))
	}
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		r.OnError(func(error) {})
		show("r new", r)
		r.Push("a")
		r.Read()
		show("r read", r)
		r.Destroy(errors.New("x"))
		show("r destroyed", r)
		p.l.Post(func() { show("r after error", r) })

		w := NewWritable(WritableOptions{Loop: p.l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		show("w new", w)
		w.End()
		show("w ended", w)
		w.OnFinish(func() { show("w finished", w) })

		d := NewDuplex(DuplexOptions{Loop: p.l, Read: func(int) {}, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		show("d new", d)
		d.Push(nil)
		d.Resume()
		d.OnEnd(func() { show("d end", d) })
	}))
	p.Match("testdata/utils/predicates.out")
}

// TestNullPredicates is the Go twin of testdata/utils/nullpredicates.js.
func TestNullPredicates(t *testing.T) {
	p := newTwin(t)
	tri := func(v, ok bool) string {
		if !ok {
			return "null"
		}
		return fmt.Sprint(v)
	}
	show := func(name string, s StreamLike) {
		r, rok := IsReadableOK(s)
		w, wok := IsWritableOK(s)
		p.Log(name, tri(r, rok), tri(w, wok))
		// The two-valued forms agree, with false for null.
		require.Equal(t, r, IsReadable(s))
		require.Equal(t, w, IsWritable(s))
	}
	require.NoError(t, p.l.Run(func() {
		write := func(_ any, _ string, cb func(error)) { cb(nil) }
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		w := NewWritable(WritableOptions{Loop: p.l, Write: write})
		d := NewDuplex(DuplexOptions{Loop: p.l, Read: func(int) {}, Write: write})
		half := NewDuplex(DuplexOptions{Loop: p.l, Readable: Bool(false), Read: func(int) {}, Write: write})
		show("readable", r)
		show("writable", w)
		show("duplex", d)
		show("duplex readable:false", half)
		w.Destroy(nil)
		r.Destroy(nil)
		show("writable destroyed", w)
		show("readable destroyed", r)
	}))
	p.Match("testdata/utils/nullpredicates.out")
}

func TestFrom(t *testing.T) {
	p := newTwin(t)
	gen := func(vals ...any) iter.Seq[any] {
		return func(yield func(any) bool) {
			for _, v := range vals {
				if v == nil {
					p.Log("yield", "")
				} else {
					p.Log("yield", v)
				}
				if !yield(v) {
					return
				}
			}
			p.Log("done")
		}
	}
	require.NoError(t, p.l.Run(func() {
		r := From(gen(1, 2, 3), ReadableOptions{Loop: p.l})
		p.Log("hwm", r.ReadableHighWaterMark(), "objectMode", r.ReadableObjectMode())
		r.OnData(func(v any) { p.Log("data", v) })
		r.OnEnd(func() { p.Log("end") })
		r.OnClose(func() { p.Log("close") })
		p.l.Post(func() {
			bad := From(gen("a", nil, "b"), ReadableOptions{Loop: p.l})
			bad.OnData(func(v any) { p.Log("bad data", v) })
			bad.OnError(func(err error) { p.Log("bad error", ErrorCode(err)) })
			bad.OnClose(func() { p.Log("bad close") })
		})
	}))
	p.Match("testdata/utils/from.out")
}

// A From stream destroyed before its end stops the sequence, so its
// coroutine does not outlive the stream (TestMain's goleak checks).
func TestFromDestroyStopsSequence(t *testing.T) {
	l := NewLoop()
	stopped := false
	seq := func(yield func(int) bool) {
		defer func() { stopped = true }()
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
	require.NoError(t, l.Run(func() {
		r := From(seq, ReadableOptions{Loop: l})
		n := 0
		r.OnData(func(any) {
			if n++; n == 3 {
				r.Destroy(nil)
			}
		})
	}))
	require.True(t, stopped)
}

func TestDuplexPair(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		a, b := DuplexPair(DuplexOptions{Loop: p.l})
		b.OnData(func(c any) { p.Log("b data", string(c.([]byte))) })
		b.OnEnd(func() { p.Log("b end") })
		a.OnFinish(func() { p.Log("a finish") })
		ok, _ := a.WriteWith("hello", "", func(error) { p.Log("a cb hello") })
		p.Log("write", ok)
		ok, _ = a.WriteWith("world", "", func(error) { p.Log("a cb world") })
		p.Log("write", ok)
		a.EndWith(nil, "", func(error) { p.Log("a end cb") })
		b.WriteWith("back", "", func(error) { p.Log("b cb back") })
		a.OnData(func(c any) { p.Log("a data", string(c.([]byte))) })
	}))
	p.Match("testdata/utils/pair.out")
}

func TestAddAbortSignal(t *testing.T) { synctest.Test(t, testAddAbortSignal) }

func testAddAbortSignal(t *testing.T) {
	p := newTwin(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errName := func(err error) string {
		var e *Error
		if errors.As(err, &e) {
			return fmt.Sprint(e.Name, " ", e.Code)
		}
		return err.Error()
	}
	var r *Readable
	require.NoError(t, p.l.Run(func() {
		r = AddAbortSignal(ctx, NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}}))
		r.OnError(func(err error) { p.Log("r error", errName(err)) })
		r.OnClose(func() { p.Log("r close") })
		p.Log("r destroyed", r.Destroyed())

		done, stop := context.WithCancel(context.Background())
		stop()
		r2 := AddAbortSignal(done, NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}}))
		p.Log("r2 destroyed", r2.Destroyed())
		r2.OnError(func(err error) { p.Log("r2 error", errName(err)) })
	}))
	// A cancellation reaches the loop as a task posted from another
	// goroutine, and does not keep the loop running (as an AbortSignal
	// listener does not keep Node's process alive): wait until it has
	// arrived, then run the loop.
	cancel()
	synctest.Wait()
	require.NoError(t, p.l.Run(nil))
	// Node's abort() is synchronous, so its program logs "aborted; r
	// destroyed true" inside it; the Go test has no such point.
	want := tracetest.Golden(t, "testdata/utils/abort.out")
	var wantNoSync []string
	for _, l := range want {
		if l != "aborted; r destroyed true" {
			wantNoSync = append(wantNoSync, l)
		}
	}
	require.Equal(t, wantNoSync, p.Lines())
}

// The Context option is Node's signal option: a cancelled context
// destroys the stream with an AbortError, at construction if it already
// is.
func TestContextOption(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, Context: ctx})
		w := NewWritable(WritableOptions{Loop: l, Context: ctx})
		d := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: l, Context: ctx}})
		for _, s := range []*Stream{r.Stream, w.Stream, d.Stream} {
			require.True(t, s.Destroyed())
			s.OnError(func(err error) { errs = append(errs, err) })
		}
	}))
	require.Len(t, errs, 3)
	for _, err := range errs {
		require.ErrorIs(t, err, ErrAbort)
		require.ErrorIs(t, err, context.Canceled)
	}
}

type destroyCounting struct {
	*PassThrough
	calls int
}

func (d *destroyCounting) Destroy(err error) {
	d.calls++
	d.PassThrough.Destroy(err)
}

// Destroy(s, err), Node's stream.destroy: the stream's own Destroy runs
// (an override too), and a nil stream is no error.
func TestDestroyFunction(t *testing.T) {
	l := NewLoop()
	var got error
	boom := errors.New("boom")
	d := &destroyCounting{PassThrough: NewPassThrough(DuplexOptions{Loop: l})}
	require.NoError(t, l.Run(func() {
		d.OnError(func(err error) { got = err })
		Destroy(d, boom)
		Destroy(nil, boom)
		var nilStream *Readable
		Destroy(nilStream, boom)
	}))
	require.Equal(t, 1, d.calls)
	require.True(t, d.Destroyed())
	require.Same(t, boom, got)
}

// TestSetters is the Go twin of testdata/utils/setters.js: Node's setters
// are assignments to the exported state.
func TestSetters(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		r.On("resume", func(...any) { p.Log("resume event") })
		r.On("pause", func(...any) { p.Log("pause event") })
		r.OnData(func(c any) { p.Log("data", string(c.([]byte))) })
		p.Log("flowing", r.ReadableFlowing())
		r.ReadableState().Flowing = FlowingFalse // r.readableFlowing = false
		p.Log("flowing", r.ReadableFlowing(), "isPaused", r.IsPaused())
		r.Push("a")
		r.ReadableState().Readable = false // r.readable = false
		p.Log("readable", r.Readable(), "readableAborted", r.ReadableAborted())
		r.ReadableState().Destroyed = true // r.destroyed = true
		p.Log("destroyed", r.Destroyed(), "closed", r.Closed())
		r.ReadableState().Destroyed = false
		p.Log("destroyed", r.Destroyed())

		w := NewWritable(WritableOptions{Loop: p.l, Write: func(c any, _ string, cb func(error)) {
			p.Log("write", string(c.([]byte))) // c.toString()
			cb(nil)
		}})
		w.WritableState().Writable = false // w.writable = false
		p.Log("writable", w.Writable(), "ended", w.WritableEnded())
		w.WriteWith("x", "", func(err error) {
			require.NoError(t, err)
			p.Log("write cb", "") // null, joined
		})
		w.WritableState().Destroyed = true // w.destroyed = true
		p.Log("w destroyed", w.Destroyed())
		p.l.Post(func() { p.Log("immediate") })
	}))
	p.Match("testdata/utils/setters.out")
}
