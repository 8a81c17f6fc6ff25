package nodesuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-destroy.js: destroying a Writable, with and without
// an error and with custom destroy hooks, emits 'close' (and 'error') but
// no 'finish'; a second destroy neither replaces the error nor emits a
// second 'error'; writes and ends after destroy call back with
// ERR_STREAM_DESTROYED (or ERR_STREAM_ALREADY_FINISHED) in order and on a
// later tick; a signal aborts it with an AbortError.
func TestStreamWritableDestroy(t *testing.T) {
	newW := func(b *B, opts stream.WritableOptions) *stream.Writable {
		opts.Loop = b.Loop
		if opts.Write == nil {
			opts.Write = func(_ any, _ string, cb func(error)) { cb(nil) }
		}
		return stream.NewWritable(opts)
	}
	isDestroyedErr := func(b *B, err error) {
		b.Name(err, "Error")
		b.Code(err, "ERR_STREAM_DESTROYED")
		b.Equal(gA2message(err), "Cannot call write after a stream was destroyed")
	}
	block(t, "destroy without error", func(b *B) {
		w := newW(b, stream.WritableOptions{})
		w.OnFinish(mustNotCall[func()](b))
		w.OnClose(mustCall[func()](b, nil))
		w.Destroy(nil)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "destroy from the write hook", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) {
			w.Destroy(errors.New("asd"))
			cb(nil)
		}})
		w.OnError(mustCall[func(error)](b, nil))
		w.OnFinish(mustNotCall[func()](b))
		w.EndWith("asd", "", nil)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "destroy with error", func(b *B) {
		w := newW(b, stream.WritableOptions{})
		expected := errors.New("kaboom")
		w.OnFinish(mustNotCall[func()](b))
		w.OnClose(mustCall[func()](b, nil))
		w.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		w.Destroy(expected)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "destroy hook passes the error on", func(b *B) {
		expected := errors.New("kaboom")
		w := newW(b, stream.WritableOptions{Destroy: func(err error, cb func(error)) {
			b.Is(err, expected)
			cb(err)
		}})
		w.OnFinish(mustNotCall[func()](b))
		w.OnClose(mustCall[func()](b, nil))
		w.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		w.Destroy(expected)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "destroy option swallows the error", func(b *B) {
		expected := errors.New("kaboom")
		w := newW(b, stream.WritableOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Is(err, expected)
			cb(nil)
		})})
		w.OnFinish(mustNotCall[func()](b))
		w.OnClose(mustCall[func()](b, nil))
		w.OnError(mustNotCall[func(error)](b))
		w.Destroy(expected)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "destroy hook gets nil", func(b *B) {
		w := newW(b, stream.WritableOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			cb(nil)
		})})
		w.Destroy(nil)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "end from an async destroy hook emits no finish", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			b.NextTick(func() {
				w.End()
				cb(nil)
			})
		})})
		w.OnFinish(mustNotCall[func()](b))
		w.OnClose(mustCall[func()](b, nil))
		w.Destroy(nil)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "destroy hook reports an error", func(b *B) {
		expected := errors.New("kaboom")
		w := newW(b, stream.WritableOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			cb(expected)
		})})
		w.OnClose(mustCall[func()](b, nil))
		w.OnFinish(mustNotCall[func()](b))
		w.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		w.Destroy(nil)
		b.Equal(w.Destroyed(), true)
	})
	block(t, "double error", func(b *B) {
		w := newW(b, stream.WritableOptions{})
		ticked := false
		w.OnClose(mustCall(b, func() { b.Equal(ticked, true) }))
		w.OnError(mustCall(b, func(err error) {
			b.Equal(ticked, true)
			b.Equal(err.Error(), "kaboom 1")
			b.Equal(w.WritableState().ErrorEmitted, true)
		}))
		expected := errors.New("kaboom 1")
		w.Destroy(expected)
		w.Destroy(errors.New("kaboom 2"))
		b.Is(w.WritableState().Errored, expected)
		b.Equal(w.WritableState().ErrorEmitted, false)
		b.Equal(w.Destroyed(), true)
		ticked = true
	})
	block(t, "second destroy before the hook calls back", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.NextTick(func() { cb(errors.New("kaboom 1")) })
		})})
		ticked := false
		w.OnClose(mustCall(b, func() {
			w.OnError(mustNotCall[func(error)](b))
			w.Destroy(errors.New("hello"))
			b.Equal(ticked, true)
			b.Equal(w.WritableState().ErrorEmitted, true)
		}))
		w.OnError(mustCall(b, func(err error) {
			b.Equal(ticked, true)
			b.Equal(err.Error(), "kaboom 1")
			b.Equal(w.WritableState().ErrorEmitted, true)
		}))
		w.Destroy(nil)
		b.Equal(w.Destroyed(), true)
		b.Equal(w.WritableState().Errored, nil)
		b.Equal(w.WritableState().ErrorEmitted, false)
		// destroy(err) again before the hook's callback.
		w.Destroy(errors.New("kaboom 2"))
		b.Equal(w.WritableState().ErrorEmitted, false)
		b.Equal(w.WritableState().Errored, nil)
		ticked = true
	})
	block(t, "destroyed set by hand", func(b *B) {
		// write.destroyed = true sets the lifecycle's flag.
		w := newW(b, stream.WritableOptions{})
		w.WritableState().Destroyed = true
		b.Equal(w.Destroyed(), true)
		// The internal destroy machinery does not run.
		w.OnClose(mustNotCall[func()](b))
		w.Destroy(nil)
	})
	block(t, "destroyed is false in a subclass constructor", func(b *B) {
		b.NA("function-style subclass and prototype chain")
	})
	block(t, "destroy callback after destroy", func(b *B) {
		w := newW(b, stream.WritableOptions{})
		w.Destroy(nil)
		expected := errors.New("kaboom")
		w.DestroyWith(expected, mustCall(b, func(err error) { b.Equal(err, nil) }))
	})
	block(t, "_undestroy lets final run again", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			Write:       mustNotCall[func(any, string, func(error))](b),
			Final:       mustCall(b, func(cb func(error)) { cb(nil) }, 2),
			AutoDestroy: stream.Bool(true),
		})
		w.End()
		w.Once("close", mustCall(b, func(...any) {
			w.Undestroy() // write._undestroy()
			w.End()
		}))
	})
	block(t, "write after destroy", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		w.Destroy(nil)
		w.OnError(mustNotCall[func(error)](b))
		w.WriteWith("asd", "", mustCall(b, func(err error) { isDestroyedErr(b, err) }))
	})
	block(t, "corked writes after destroy", func(b *B) {
		w := newW(b, stream.WritableOptions{})
		w.OnError(mustNotCall[func(error)](b))
		w.Cork()
		w.WriteWith("asd", "", mustCall(b, func(err error) { b.NoError(err) }))
		w.Uncork()
		w.Cork()
		w.WriteWith("asd", "", mustCall(b, func(err error) { isDestroyedErr(b, err) }))
		w.Destroy(nil)
		w.WriteWith("asd", "", mustCall(b, func(err error) { isDestroyedErr(b, err) }))
		w.Uncork()
	})
	block(t, "end(cb) after error and destroy", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) { cb(errors.New("asd")) }})
		w.OnError(mustCall(b, func(error) {
			w.Destroy(nil)
			ticked := false
			w.EndWith(nil, "", mustCall(b, func(err error) {
				b.Equal(ticked, true)
				b.Code(err, "ERR_STREAM_DESTROYED")
			}))
			ticked = true
		}))
		w.Write("asd")
	})
	block(t, "end(cb) after finish and destroy", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{})
		w.OnFinish(mustCall(b, func() {
			w.Destroy(nil)
			ticked := false
			w.EndWith(nil, "", mustCall(b, func(err error) {
				b.Equal(ticked, true)
				b.Code(err, "ERR_STREAM_ALREADY_FINISHED")
			}))
			ticked = true
		}))
		w.End()
	})
	block(t, "end(chunk, cb) then destroy(err) is no unhandled error", func(b *B) {
		w := newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) {
			b.NextTick(func() { cb(nil) })
		}})
		errAsd := errors.New("asd")
		w.Once("error", mustCall(b, func(args ...any) {
			err, _ := args[0].(error)
			b.Equal(gA2message(err), "asd")
		}))
		w.EndWith("asd", "", mustCall(b, func(err error) { b.Is(err, errAsd) }))
		w.Destroy(errAsd)
	})
	block(t, "buffered write callbacks get the error", func(b *B) {
		errAsd := errors.New("asd")
		w := newW(b, stream.WritableOptions{
			AutoDestroy: stream.Bool(false),
			Write: func(_ any, _ string, cb func(error)) {
				b.NextTick(func() { cb(errAsd) })
			},
		})
		w.Cork()
		w.WriteWith("asd", "", mustCall(b, func(err error) { b.Is(err, errAsd) }))
		w.WriteWith("asd", "", mustCall(b, func(err error) { b.Is(err, errAsd) }))
		w.OnError(mustCall(b, func(err error) { b.Is(err, errAsd) }))
		w.Uncork()
	})
	block(t, "callback order", func(b *B) {
		state := 0
		w := newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) {
			// setImmediate: the callback comes after the nextTick ones.
			b.SetImmediate(func() { cb(nil) })
		}})
		w.WriteWith("asd", "", mustCall(b, func(err error) {
			b.Equal(state, 0)
			state++
		}))
		w.WriteWith("asd", "", mustCall(b, func(err error) {
			b.Code(err, "ERR_STREAM_DESTROYED")
			b.Equal(state, 1)
			state++
		}))
		w.Destroy(nil)
	})
	block(t, "write callback called twice errors the stream", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{
			AutoDestroy: stream.Bool(false),
			Write: func(_ any, _ string, cb func(error)) {
				cb(nil)
				cb(nil)
			},
		})
		w.OnError(mustCall(b, func(error) { b.True(w.WritableState().Errored != nil) }))
		w.Write("asd")
	})
	block(t, "addAbortSignal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var w *stream.Writable
		w = stream.AddAbortSignal(ctx, newW(b, stream.WritableOptions{}))
		w.OnError(mustCall(b, func(err error) {
			b.Name(err, "AbortError")
			b.Equal(w.Destroyed(), true)
		}))
		w.Write("asd")
		cancel()
	})
	block(t, "signal option", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{Context: ctx})
		w.OnError(mustCall(b, func(err error) {
			b.Name(err, "AbortError")
			b.Equal(w.Destroyed(), true)
		}))
		w.Write("asd")
		cancel()
	})
	block(t, "signal aborted already", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{Context: abortedContext()})
		w.OnError(mustCall(b, func(err error) {
			b.Name(err, "AbortError")
			b.Equal(w.Destroyed(), true)
		}))
	})
	block(t, "destroy twice", func(b *B) {
		w := newW(b, stream.WritableOptions{})
		w.EndWith(nil, "", mustCall[func(error)](b, nil))
		w.Destroy(nil)
		w.Destroy(nil)
	})
	block(t, "end(cb) with a pending final, then destroy(err)", func(b *B) {
		// nodejs/node#39356: a final hook that never calls back.
		w := newW(b, stream.WritableOptions{Final: func(func(error)) {}})
		errOhNo := errors.New("oh no")
		w.EndWith(nil, "", mustCall(b, func(err error) { b.Is(err, errOhNo) }))
		w.OnError(mustCall(b, func(err error) { b.Is(err, errOhNo) }))
		w.Destroy(errOhNo)
	})
}
