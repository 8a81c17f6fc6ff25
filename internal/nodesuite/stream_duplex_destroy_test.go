package nodesuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-duplex-destroy.js: destroying a Duplex, with and without an
// error and with custom destroy hooks, emits 'close' (and 'error') but
// neither 'end' nor 'finish'; autoDestroy closes a Duplex with one side
// off once the other is done; allowHalfOpen false ends the writable side
// on a later tick than 'end'; an aborted signal destroys it once with an
// AbortError.
func TestStreamDuplexDestroy(t *testing.T) {
	newD := func(b *B, opts stream.DuplexOptions) *stream.Duplex {
		opts.Loop = b.Loop
		opts.Write = func(_ any, _ string, cb func(error)) { cb(nil) }
		opts.Read = func(int) {}
		return stream.NewDuplex(opts)
	}
	block(t, "destroy without error", func(b *B) {
		d := newD(b, stream.DuplexOptions{})
		d.Resume()
		d.OnEnd(mustNotCall[func()](b))
		d.OnFinish(mustNotCall[func()](b))
		d.OnClose(mustCall[func()](b, nil))
		d.Destroy(nil)
		b.Equal(d.Destroyed(), true)
	})
	block(t, "destroy with error", func(b *B) {
		d := newD(b, stream.DuplexOptions{})
		d.Resume()
		expected := errors.New("kaboom")
		d.OnEnd(mustNotCall[func()](b))
		d.OnFinish(mustNotCall[func()](b))
		d.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		d.Destroy(expected)
		b.Equal(d.Destroyed(), true)
	})
	block(t, "destroy hook passes the error on", func(b *B) {
		expected := errors.New("kaboom")
		d := newD(b, stream.DuplexOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Is(err, expected)
			cb(err)
		})})
		d.OnFinish(mustNotCall[func()](b))
		d.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		d.Destroy(expected)
		b.Equal(d.Destroyed(), true)
	})
	block(t, "destroy option swallows the error", func(b *B) {
		expected := errors.New("kaboom")
		d := newD(b, stream.DuplexOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Is(err, expected)
			cb(nil)
		})})
		d.Resume()
		d.OnEnd(mustNotCall[func()](b))
		d.OnFinish(mustNotCall[func()](b))
		d.OnError(mustNotCall[func(error)](b))
		d.OnClose(mustCall[func()](b, nil))
		d.Destroy(expected)
		b.Equal(d.Destroyed(), true)
	})
	block(t, "destroy hook gets nil", func(b *B) {
		d := newD(b, stream.DuplexOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			cb(nil)
		})})
		d.Destroy(nil)
		b.Equal(d.Destroyed(), true)
	})
	block(t, "push null and end from an async destroy hook emit no end or finish", func(b *B) {
		var d *stream.Duplex
		d = newD(b, stream.DuplexOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			b.NextTick(func() {
				d.Push(nil)
				d.End()
				cb(nil)
			})
		})})
		d.Resume()
		fail := mustNotCall[func()](b)
		failFinish := d.OnFinish(fail)
		failEnd := d.OnEnd(fail)
		d.Destroy(nil)
		d.RemoveListener("end", failEnd)
		d.RemoveListener("finish", failFinish)
		d.OnEnd(mustNotCall[func()](b))
		d.OnFinish(mustNotCall[func()](b))
		b.Equal(d.Destroyed(), true)
	})
	block(t, "destroy hook reports an error", func(b *B) {
		expected := errors.New("kaboom")
		d := newD(b, stream.DuplexOptions{Destroy: mustCall(b, func(err error, cb func(error)) {
			b.Equal(err, nil)
			cb(expected)
		})})
		d.OnFinish(mustNotCall[func()](b))
		d.OnEnd(mustNotCall[func()](b))
		d.OnError(mustCall(b, func(err error) { b.Is(err, expected) }))
		d.Destroy(nil)
		b.Equal(d.Destroyed(), true)
	})
	block(t, "destroy with allowHalfOpen", func(b *B) {
		d := newD(b, stream.DuplexOptions{AllowHalfOpen: stream.Bool(true)})
		d.Resume()
		d.OnFinish(mustNotCall[func()](b))
		d.OnEnd(mustNotCall[func()](b))
		d.Destroy(nil)
		b.Equal(d.Destroyed(), true)
	})
	block(t, "destroyed set by hand", func(b *B) {
		// duplex.destroyed = true sets the shared lifecycle's flag.
		d := newD(b, stream.DuplexOptions{})
		d.ReadableState().Destroyed = true
		b.Equal(d.Destroyed(), true)
		// The internal destroy machinery does not run.
		d.OnFinish(mustNotCall[func()](b))
		d.OnEnd(mustNotCall[func()](b))
		d.Destroy(nil)
	})
	block(t, "destroyed is false in a subclass constructor", func(b *B) {
		b.NA("function-style subclass and prototype chain")
	})
	block(t, "autoDestroy with writable false closes after end", func(b *B) {
		d := newD(b, stream.DuplexOptions{Writable: stream.Bool(false), AutoDestroy: stream.Bool(true)})
		d.Push(nil)
		d.Resume()
		d.OnClose(mustCall[func()](b, nil))
	})
	block(t, "autoDestroy with readable false closes after finish", func(b *B) {
		d := newD(b, stream.DuplexOptions{Readable: stream.Bool(false), AutoDestroy: stream.Bool(true)})
		d.End()
		d.OnClose(mustCall[func()](b, nil))
	})
	block(t, "allowHalfOpen false ends the writable side after the ticks of end", func(b *B) {
		// Node swaps duplex.end for a mustNotCall and, on the tick after
		// 'end', for a mustCall of the original: end is not called before
		// then, and is called once. Go methods cannot be swapped; the
		// writable side's state tells the same.
		d := newD(b, stream.DuplexOptions{AllowHalfOpen: stream.Bool(false), AutoDestroy: stream.Bool(true)})
		d.Push(nil)
		d.Resume()
		b.False(d.WritableEnded())
		d.OnEnd(mustCall(b, func() {
			b.False(d.WritableEnded(), "end() not called before 'end'")
			b.NextTick(mustCall(b, func() {
				b.False(d.WritableEnded(), "end() not called before the tick after 'end'")
			}))
		}))
		d.OnFinish(mustCall[func()](b, nil))
		d.OnClose(mustCall(b, func() { b.True(d.WritableEnded(), "end() called") }))
	})
	block(t, "abort signal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		d := newD(b, stream.DuplexOptions{Context: ctx})
		count := 0
		d.OnError(mustCall(b, func(err error) {
			b.Equal(count, 0, "error emitted once")
			count++
			b.Name(err, "AbortError")
		}))
		d.OnClose(mustCall[func()](b, nil))
		cancel()
	})
}
