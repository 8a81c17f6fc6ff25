package nodesuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-destroy.js: destroy with and without an error, with
// custom destroy hooks, its callback, the errored and errorEmitted flags,
// aborts through a context, and pushes, reads and unshifts on a destroyed
// stream that must emit no 'data'.
func TestStreamReadableDestroy(t *testing.T) {
	newR := func(b *B, destroy func(err error, cb func(error))) *stream.Readable {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}, Destroy: destroy})
	}
	isAbort := func(err error) bool {
		var se *stream.Error
		return errors.As(err, &se) && se.Name == "AbortError"
	}
	block(t, "destroy without error", func(b *B) {
		r := newR(b, nil)
		r.Resume()
		r.OnClose(mustCall[func()](b, nil))
		r.Destroy(nil)
		b.Equal(r.Errored(), nil)
		b.Equal(r.Destroyed(), true)
	})
	block(t, "destroy with error", func(b *B) {
		r := newR(b, nil)
		r.Resume()
		expected := errors.New("kaboom")
		r.OnEnd(mustNotCall[func()](b))
		r.OnClose(mustCall[func()](b, nil))
		r.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		r.Destroy(expected)
		b.Is(r.Errored(), expected)
		b.Equal(r.Destroyed(), true)
	})
	block(t, "destroy hook passes the error on", func(b *B) {
		expected := errors.New("kaboom")
		r := newR(b, mustCall(b, func(err error, cb func(error)) {
			b.Is(err, expected)
			cb(err)
		}))
		r.OnEnd(mustNotCall[func()](b))
		r.OnClose(mustCall[func()](b, nil))
		r.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		r.Destroy(expected)
		b.Equal(r.Destroyed(), true)
	})
	block(t, "destroy option swallows the error", func(b *B) {
		expected := errors.New("kaboom")
		r := newR(b, mustCall(b, func(err error, cb func(error)) {
			b.Is(err, expected)
			cb(nil)
		}))
		r.OnEnd(mustNotCall[func()](b))
		r.OnError(mustNotCall[func(error)](b))
		r.OnClose(mustCall[func()](b, nil))
		r.Destroy(expected)
		b.Equal(r.Destroyed(), true)
	})
	block(t, "destroy hook gets nil", func(b *B) {
		r := newR(b, mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			cb(nil)
		}))
		r.Destroy(nil)
		b.Equal(r.Destroyed(), true)
	})
	block(t, "push null from an async destroy hook emits no end", func(b *B) {
		var r *stream.Readable
		r = newR(b, mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			b.NextTick(func() {
				r.Push(nil)
				cb(nil)
			})
		}))
		r.Resume()
		fail := r.OnEnd(mustNotCall[func()](b))
		r.OnClose(mustCall[func()](b, nil))
		r.Destroy(nil)
		r.RemoveListener("end", fail)
		r.OnEnd(mustNotCall[func()](b))
		b.Equal(r.Destroyed(), true)
	})
	block(t, "destroy hook reports an error", func(b *B) {
		expected := errors.New("kaboom")
		r := newR(b, mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			cb(expected)
		}))
		ticked := false
		r.OnEnd(mustNotCall[func()](b))
		r.OnError(mustCall(b, func(err error) {
			b.Equal(ticked, true)
			b.Equal(r.ReadableState().ErrorEmitted, true)
			b.Is(r.ReadableState().Errored, expected)
			b.Is(err, expected)
		}))
		r.Destroy(nil)
		b.Equal(r.ReadableState().ErrorEmitted, false)
		b.Is(r.ReadableState().Errored, expected)
		b.Equal(r.Destroyed(), true)
		ticked = true
	})
	block(t, "destroyed set by hand", func(b *B) {
		b.NA("assigning readable.destroyed: Go's Destroyed is read-only")
	})
	block(t, "destroyed is false in a subclass constructor", func(b *B) {
		b.NA("function-style subclass and prototype chain")
	})
	block(t, "destroy callback", func(b *B) {
		r := newR(b, nil)
		r.Resume()
		expected := errors.New("kaboom")
		ticked := false
		r.OnClose(mustCall(b, func() {
			b.Equal(r.ReadableState().ErrorEmitted, true)
			b.Equal(ticked, true)
		}))
		r.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		b.Equal(r.ReadableState().Errored, nil)
		b.Equal(r.ReadableState().ErrorEmitted, false)
		r.DestroyWith(expected, mustCall(b, func(err error) {
			b.Is(r.ReadableState().Errored, expected)
			b.Is(err, expected)
		}))
		b.Equal(r.ReadableState().ErrorEmitted, false)
		b.Is(r.ReadableState().Errored, expected)
		ticked = true
	})
	block(t, "second destroy before the hook calls back", func(b *B) {
		var r *stream.Readable
		r = newR(b, mustCall(b, func(err error, cb func(error)) {
			b.NextTick(func() { cb(errors.New("kaboom 1")) })
		}))
		ticked := false
		r.OnClose(mustCall(b, func() {
			b.Equal(ticked, true)
			b.Equal(r.ReadableState().ErrorEmitted, true)
		}))
		r.OnError(mustCall(b, func(err error) {
			b.Equal(ticked, true)
			b.Equal(err.Error(), "kaboom 1")
			b.Equal(r.ReadableState().ErrorEmitted, true)
		}))
		r.Destroy(nil)
		b.Equal(r.Destroyed(), true)
		b.Equal(r.ReadableState().Errored, nil)
		b.Equal(r.ReadableState().ErrorEmitted, false)
		r.Destroy(errors.New("kaboom 2"))
		b.Equal(r.ReadableState().ErrorEmitted, false)
		b.Equal(r.ReadableState().Errored, nil)
		ticked = true
	})
	block(t, "push after destroy", func(b *B) {
		r := newR(b, nil)
		r.Destroy(nil)
		r.Push("hi")
		r.OnData(mustNotCall[func(any)](b))
	})
	block(t, "read after destroy", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: mustNotCall[func(int)](b)})
		r.Destroy(nil)
		b.Equal(r.Destroyed(), true)
		r.Read()
	})
	block(t, "push after EOF without autoDestroy", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(false),
			Read: func(int) {
				r.Push(nil)
				r.Push("asd")
			},
		})
		r.OnError(mustCall(b, func(error) { b.True(r.ReadableState().Errored != nil) }))
		r.Resume()
	})
	block(t, "addAbortSignal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var r *stream.Readable
		r = stream.AddAbortSignal(ctx, stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) { r.Push("asd") },
		}))
		r.OnError(mustCall(b, func(err error) { b.True(isAbort(err), "AbortError: ", err) }))
		cancel()
		r.OnData(mustNotCall[func(any)](b))
	})
	block(t, "signal option", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:    b.Loop,
			Context: ctx,
			Read:    func(int) { r.Push("asd") },
		})
		r.OnError(mustCall(b, func(err error) { b.True(isAbort(err), "AbortError: ", err) }))
		cancel()
		r.OnData(mustNotCall[func(any)](b))
	})
	block(t, "abort ends async iteration", func(b *B) {
		// setTimeout(abort, 0): only its running after the first chunk
		// matters, not its order against setImmediate.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := stream.AddAbortSignal(ctx, stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read:       func(int) {},
		}))
		r.Push("asd")
		r.OnError(mustCall(b, func(err error) { b.True(isAbort(err), "AbortError: ", err) }))
		b.Loop.Go(func() func() {
			var last error
			for _, err := range stream.Chunks(context.Background(), r) {
				if err != nil {
					last = err
				}
			}
			return func() { b.True(isAbort(last), "iteration rejects with AbortError: ", last) }
		})
		b.SetTimeout(cancel, 0)
	})
	block(t, "push and read in error and close listeners", func(b *B) {
		var r *stream.Readable
		r = newR(b, nil)
		r.OnData(mustNotCall[func(any)](b))
		r.OnError(mustCall(b, func(error) {
			r.Push("asd")
			r.Read()
		}))
		r.OnClose(mustCall(b, func() {
			r.Push("asd")
			r.Read()
		}))
		r.Destroy(errors.New("asd"))
	})
	block(t, "push and read in close listener", func(b *B) {
		r := newR(b, nil)
		r.OnData(mustNotCall[func(any)](b))
		r.OnClose(mustCall(b, func() {
			r.Push("asd")
			r.Read()
		}))
		r.Destroy(nil)
	})
	block(t, "push and unshift in close listener", func(b *B) {
		r := newR(b, nil)
		r.OnData(mustNotCall[func(any)](b))
		r.OnClose(mustCall(b, func() {
			r.Push("asd")
			r.Unshift("asd")
		}))
		r.Destroy(nil)
	})
	block(t, "unshift after destroy", func(b *B) {
		r := newR(b, nil)
		r.OnData(mustNotCall[func(any)](b))
		r.Destroy(nil)
		r.Unshift("asd")
	})
	block(t, "push in close listener while flowing", func(b *B) {
		r := newR(b, nil)
		r.Resume()
		r.OnData(mustNotCall[func(any)](b))
		r.OnClose(mustCall(b, func() { r.Push("asd") }))
		r.Destroy(nil)
	})
	block(t, "push after destroy with data listener", func(b *B) {
		r := newR(b, nil)
		r.OnData(mustNotCall[func(any)](b))
		r.Destroy(nil)
		r.Push("asd")
	})
}
