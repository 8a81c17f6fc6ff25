package nodesuite_test

import (
	"context"
	"testing"

	"github.com/nodestream/stream"
)

// test-readable-from-iterator-closing.js: a stream made by Readable.from
// closes its iterator (the generator's finally runs) when the reader
// breaks out, when it is destroyed, and when the iterator ends.
func TestReadableFromIteratorClosing(t *testing.T) {
	// infinite yields 'a' forever; its deferred finally is Node's finally.
	infinite := func(finally func()) func(yield func(any) bool) {
		return func(yield func(any) bool) {
			defer finally()
			for yield("a") {
			}
		}
	}
	breakAfterOne := func(b *B, s *stream.Readable) {
		body := mustCall(b, func(v any) bool {
			b.Equal(v, "a")
			return false
		})
		gEForAwait(b, s, body, mustCall(b, func(err error) { b.NoError(err) }))
	}
	block(t, "async support", func(b *B) {
		// An async generator; Go's sequences are all pulled on the loop.
		breakAfterOne(b, stream.From(infinite(mustCall(b, func() {})), stream.ReadableOptions{Loop: b.Loop}))
	})
	block(t, "sync support", func(b *B) {
		breakAfterOne(b, stream.From(infinite(mustCall(b, func() {})), stream.ReadableOptions{Loop: b.Loop}))
	})
	block(t, "sync promise support", func(b *B) {
		b.NA("yielded promises and a thenable returned from finally: Go has no promises to await")
	})
	block(t, "sync rejected support", func(b *B) {
		// The generator's first value is a rejected promise: in Go the
		// sequence panics there. Its finally returns a thenable that must
		// be awaited; here it is a deferred call that must run.
		finally := mustCall(b, func() {})
		secondNext := mustNotCall[func()](b)
		s := stream.From(func(yield func(any) bool) {
			defer finally()
			if yield(gEReject("a")) {
				secondNext()
			}
		}, stream.ReadableOptions{Loop: b.Loop})
		gEForAwait(b, s, mustNotCall[func(any) bool](b), mustCall(b, func(err error) { b.NotEqual(err, nil) }))
	})
	block(t, "no return after throw", func(b *B) {
		b.NA("a hand-written async iterator's next/return protocol: Go's iter.Seq has no return method")
	})
	block(t, "close stream while next is pending", func(b *B) {
		// An async generator that awaits is Produce. After its first
		// value it tells the loop (a task posted after the value's, as
		// Node resolves yielded once 'a' was taken), which destroys the
		// stream and only then lets the generator go on.
		finally := mustCall(b, func() {})
		destroyed := make(chan struct{})
		resolveDestroy := mustCall(b, func() { close(destroyed) })
		var s *stream.ReadableOf[string]
		yielded := mustCall(b, func() {
			s.Destroy(nil)
			resolveDestroy()
		})
		s = stream.Produce(nil, stream.ReadableOptions{Loop: b.Loop}, func(ctx context.Context, send func(string) error) error {
			defer finally()
			for {
				if err := send("a"); err != nil {
					return nil
				}
				b.Loop.Post(yielded)
				<-destroyed
			}
		})
		s.OnData(mustCall(b, func(chunk string) { b.Equal(chunk, "a") }))
	})
	block(t, "close after null yielded", func(b *B) {
		finally := mustCall(b, func() {})
		s := stream.From(func(yield func(any) bool) {
			defer finally()
			_ = yield("a") && yield("a") && yield("a")
		}, stream.ReadableOptions{Loop: b.Loop})
		s.OnData(mustCall(b, func(chunk any) { b.Equal(chunk, "a") }, 3))
	})
}
