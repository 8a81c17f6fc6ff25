package nodesuite_test

import (
	"context"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-drop-take.js: drop and take skip and keep the first values
// of finite, mapped and infinite streams, take does not wait for a value
// past its count, and a negative count is out of range.
func TestStreamDropTake(t *testing.T) {
	from := func(b *B, vals ...any) *stream.Readable {
		return stream.From(gEValues(vals...), stream.ReadableOptions{Loop: b.Loop})
	}
	fromAsync := func(b *B, vals ...any) *stream.Readable {
		// Node maps with an async identity; Go's Map returns at once.
		return stream.Map(from(b, vals...), func(x any) (any, error) { return x, nil })
	}
	// Infinite as far as the test goes: a bound keeps a runaway read from
	// hanging the suite.
	naturals := func(b *B) *stream.Readable {
		return stream.From(func(yield func(any) bool) {
			for i := 1; i <= 10000 && yield(i); i++ {
			}
		}, stream.ReadableOptions{Loop: b.Loop})
	}
	want := func(b *B, want ...any) func([]any, error) {
		return func(vals []any, err error) {
			b.NoError(err)
			gESameValues(b, vals, want)
		}
	}
	block(t, "synchronous, asynchronous and infinite streams", func(b *B) {
		for _, mk := range []func(*B, ...any) *stream.Readable{from, fromAsync} {
			gEToArray(b, stream.Drop(mk(b, 1, 2, 3), 2), want(b, 3))
			gEToArray(b, stream.Take(mk(b, 1, 2, 3), 1), want(b, 1))
			gEToArray(b, stream.Drop(mk(b), 2), want(b))
			gEToArray(b, stream.Take(mk(b), 1), want(b))
			gEToArray(b, stream.Take(stream.Drop(mk(b, 1, 2, 3), 1), 1), want(b, 2))
			gEToArray(b, stream.Drop(mk(b, 1, 2), 0), want(b, 1, 2))
			gEToArray(b, stream.Take(mk(b, 1, 2), 0), want(b))
		}
		gEToArray(b, stream.Take(naturals(b), 1), want(b, 1))
		gEToArray(b, stream.Take(stream.Drop(naturals(b), 1), 1), want(b, 2))
		gEToArray(b, stream.Take(stream.Drop(naturals(b), 10), 10), want(b, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20))
		gEToArray(b, stream.Take(stream.Take(naturals(b), 5), 1), want(b, 1))
	})
	block(t, "take does not wait for the next value", func(b *B) {
		// The source yields 1, then waits for a promise resolved once
		// toArray has settled, and only then would yield 2.
		reached := false
		var resume func()
		calls := 0
		var src *stream.Readable
		src = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, ObjectMode: true, Read: func(int) {
			calls++
			switch calls {
			case 1:
				src.Push(1)
			case 2:
				resume = func() {
					reached = true
					src.Push(2)
				}
			}
		}})
		gEToArray(b, stream.Take(src, 1), func(vals []any, err error) {
			b.NoError(err)
			b.Equal(reached, false)
			if resume != nil {
				resume()
			}
		})
	})
	block(t, "coercion", func(b *B) {
		b.NA("take('cat'), take('2') and take(true) are JS number coercions; Go's count is an int")
	})
	block(t, "support for AbortSignal", func(b *B) {
		ctx, abort := context.WithCancel(context.Background())
		rejects := func(_ []any, err error) { b.Name(err, "AbortError") }
		gEToArray(b, withSignal(ctx, stream.Take(from(b, 1, 2, 3), 1)), rejects)
		gEToArray(b, withSignal(ctx, stream.Drop(from(b, 1, 2, 3), 1)), rejects)
		abort()
	})
	block(t, "support for AbortSignal, already aborted", func(b *B) {
		gEToArray(b, withSignal(abortedContext(), stream.Take(from(b, 1, 2, 3), 1)), func(_ []any, err error) {
			b.Name(err, "AbortError")
		})
	})
	block(t, "error cases", func(b *B) {
		// A negative count: Node throws ERR_OUT_OF_RANGE. Take has no error
		// result, so a panic or a stream failing with that code both count.
		// (-Infinity has no Go int; drop(1, 1) and signal: true are JS
		// argument types Go's types rule out.)
		for _, n := range []int{-1, -40} {
			var s *stream.Readable
			code, panicked := gEPanicCode(func() { s = stream.Take(from(b), n) })
			if panicked {
				b.Equal(code, "ERR_OUT_OF_RANGE", "take(", n, ")")
				continue
			}
			gEToArray(b, s, func(_ []any, err error) { b.Code(err, "ERR_OUT_OF_RANGE", "take(", n, ")") })
		}
	})
}
