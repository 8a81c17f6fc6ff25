package nodesuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-forEach.js: forEach calls its function with every value in
// order, after a filter too, stops with an AbortError when the source's
// signal aborts, and rejects with an error emitted or returned meanwhile.
func TestStreamForEach(t *testing.T) {
	// forEachIn runs ForEach off the loop and hands its error to check.
	forEachIn := func(b *B, s *stream.Readable, fn func(v any) error, check func(err error)) {
		check = mustCall(b, check)
		gEAwait(b, func() func() {
			err := stream.ForEach(context.Background(), s, fn)
			return func() { check(err) }
		})
	}
	// inOrder is the forEach function checking each value against want.
	inOrder := func(b *B, want ...any) func(v any) error {
		return func(v any) error {
			if b.True(len(want) != 0, "more values than expected") {
				b.Equal(v, want[0])
				want = want[1:]
			}
			return nil
		}
	}
	passAll := func(any) (bool, error) { return true, nil }
	block(t, "synchronous stream, synchronous function", func(b *B) {
		s := stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop})
		forEachIn(b, s, inOrder(b, 1, 2, 3), func(err error) { b.NoError(err) })
	})
	block(t, "asynchronous stream", func(b *B) {
		// Node's filter awaits a promise; Go's returns at once.
		s := stream.Filter(stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop}), passAll)
		forEachIn(b, s, inOrder(b, 1, 2, 3), func(err error) { b.NoError(err) })
	})
	block(t, "asynchronous stream, asynchronous function", func(b *B) {
		// The forEach function runs off the loop in Go, as an awaited one
		// does between its steps in Node.
		s := stream.Filter(stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop}), passAll)
		forEachIn(b, s, inOrder(b, 1, 2, 3), func(err error) { b.NoError(err) })
	})
	block(t, "infinite stream stopped by its signal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		ones := func(yield func(any) bool) {
			for yield(1) {
			}
		}
		s := stream.From(ones, stream.ReadableOptions{Loop: b.Loop, Context: ctx})
		i := 0
		fn := mustCall(b, func(x any) error {
			i++
			if i == 10 {
				cancel()
			}
			b.Equal(x, 1)
			return nil
		}, 10)
		forEachIn(b, s, fn, func(err error) { b.Code(err, "ABORT_ERR") })
	})
	block(t, "emitting an error during forEach", func(b *B) {
		s := stream.From(gEValues(1, 2, 3, 4, 5), stream.ReadableOptions{Loop: b.Loop})
		boom := errors.New("boom")
		fn := func(x any) error {
			if x == 3 {
				// The function runs off the loop: emit there, and wait.
				emitted := make(chan struct{})
				b.Loop.Post(func() { s.Emit("error", boom); close(emitted) })
				<-emitted
			}
			return nil
		}
		forEachIn(b, s, fn, func(err error) { b.Is(err, boom) })
	})
	block(t, "throwing an error during forEach (sync)", func(b *B) {
		s := stream.From(gEValues(1, 2, 3, 4, 5), stream.ReadableOptions{Loop: b.Loop})
		boom := errors.New("boom")
		fn := func(x any) error {
			if x == 3 {
				return boom
			}
			return nil
		}
		forEachIn(b, s, fn, func(err error) { b.Is(err, boom) })
	})
	block(t, "throwing an error during forEach (async)", func(b *B) {
		// A rejected promise is a returned error, as the sync throw.
		s := stream.From(gEValues(1, 2, 3, 4, 5), stream.ReadableOptions{Loop: b.Loop})
		boom := errors.New("boom")
		fn := func(x any) error {
			if x == 3 {
				return boom
			}
			return nil
		}
		forEachIn(b, s, fn, func(err error) { b.Is(err, boom) })
	})
	block(t, "concurrency and AbortSignal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		src := stream.From(gEValues(1, 2, 3, 4), stream.ReadableOptions{Loop: b.Loop})
		rejected := mustCall(b, func(err error) { b.Name(err, "AbortError") })
		gEAwait(b, func() func() {
			err := stream.ForEachAsync(context.Background(), src, func(ctx context.Context, _ any, done func(error)) {
				calls++
				if calls == 2 {
					// Node aborts on the setImmediate after the call that
					// starts the iteration; the Go iteration starts on
					// another goroutine, so the setImmediate is set once
					// the second call has started: still no third.
					b.SetImmediate(func() {
						cancel()
						b.Equal(calls, 2)
					})
				}
				// await once(signal, 'abort')
				context.AfterFunc(ctx, func() { done(nil) })
			}, stream.OperatorOptions{Context: ctx, Concurrency: 2, HighWaterMark: stream.Int(0)})
			return func() { rejected(err) }
		})
	})
	block(t, "error cases", func(b *B) {
		// fn of 1 is a nil function in Go; concurrency: 'Foo' (NaN) is a
		// concurrency out of range: Node rejects, Go panics before
		// touching the source, as for every programming error. An options
		// of 1 is a JS argument type Go's types rule out.
		src := stream.From(gEValues(1), stream.ReadableOptions{Loop: b.Loop})
		id := func(_ context.Context, _ any, done func(error)) { done(nil) }
		code, _ := gEPanicCode(func() { _ = stream.ForEachAsync(context.Background(), src, nil, stream.OperatorOptions{}) })
		b.Equal(code, "ERR_INVALID_ARG_TYPE")
		code, _ = gEPanicCode(func() {
			_ = stream.ForEachAsync(context.Background(), src, id, stream.OperatorOptions{Concurrency: -1})
		})
		b.Equal(code, "ERR_OUT_OF_RANGE")
	})
	block(t, "result is a promise", func(b *B) {
		b.NA("typeof then: ForEach returns its result")
	})
	block(t, "map is not called", func(b *B) {
		b.NA("overriding map on the instance has no Go meaning: ForEach is a function")
	})
}
