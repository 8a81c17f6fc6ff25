package nodesuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-filter.js: filter keeps the values its predicate accepts,
// after a map, over an infinite or a constructed stream, reads no more
// than it needs, and fails the stream with the predicate's error.
func TestStreamFilter(t *testing.T) {
	from := func(b *B, vals ...any) *stream.Readable {
		return stream.From(gEValues(vals...), stream.ReadableOptions{Loop: b.Loop})
	}
	block(t, "synchronous stream, synchronous predicate", func(b *B) {
		s := stream.Filter(from(b, 1, 2, 3, 4, 5), func(x any) (bool, error) { return x.(int) < 3, nil })
		gEForAwait(b, s, gEShift(b, 1, 2), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "synchronous stream, asynchronous predicate", func(b *B) {
		// Node's predicate awaits a promise first; Go's returns at once.
		s := stream.Filter(from(b, 1, 2, 3, 4, 5), func(x any) (bool, error) { return x.(int) > 3, nil })
		gEForAwait(b, s, gEShift(b, 4, 5), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "after an asynchronous map", func(b *B) {
		m := stream.Map(from(b, 1, 2, 3, 4, 5), func(x any) (any, error) { return x.(int) + x.(int), nil })
		s := stream.Filter(m, func(x any) (bool, error) { return x.(int) > 5, nil })
		gEForAwait(b, s, gEShift(b, 6, 8, 10), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "infinite stream", func(b *B) {
		// Infinite as far as the test goes: a bound keeps a runaway read
		// from hanging the suite.
		ones := func(yield func(any) bool) {
			for range 10000 {
				if !yield(1) {
					return
				}
			}
		}
		src := stream.From(ones, stream.ReadableOptions{Loop: b.Loop})
		s := stream.Filter(src, mustCall(b, func(x any) (bool, error) { return x.(int) < 3, nil }, 5))
		i := 1
		gEForAwait(b, s, func(v any) bool {
			b.Equal(v, 1)
			i++
			return i != 5
		}, mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "constructed stream", func(b *B) {
		i := 0
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(0),
			Read: func(int) {
				if i == 10 {
					r.Push(nil)
					return
				}
				r.Push([]byte{byte(i)})
				i++
			},
		})
		s := stream.Filter(r, mustCall(b, func(x any) (bool, error) { return x.([]byte)[0] != 5, nil }, 10))
		done := mustCall(b, func() {})
		gEAwait(b, func() func() {
			vals, err := stream.ToArray(context.Background(), s)
			return func() {
				b.NoError(err)
				var result []any
				for _, v := range vals {
					result = append(result, int(v.([]byte)[0]))
				}
				b.Equal(result, []any{0, 1, 2, 3, 4, 6, 7, 8, 9})
				done()
			}
		})
	})
	block(t, "throwing an error during filter (sync)", func(b *B) {
		boom := errors.New("boom")
		s := stream.Filter(from(b, 1, 2, 3, 4, 5), func(x any) (bool, error) {
			if x == 3 {
				return false, boom
			}
			return true, nil
		})
		m := stream.Map(s, func(x any) (any, error) { return x.(int) + x.(int), nil })
		rejected := mustCall(b, func(err error) { b.Is(err, boom) })
		gEAwait(b, func() func() {
			_, err := stream.ToArray(context.Background(), m)
			return func() { rejected(err) }
		})
	})
	block(t, "throwing an error during filter (async)", func(b *B) {
		// A rejected promise is a returned error, as the sync throw.
		boom := errors.New("boom")
		s := stream.Filter(from(b, 1, 2, 3, 4, 5), func(x any) (bool, error) {
			if x == 3 {
				return false, boom
			}
			return true, nil
		})
		f := stream.Filter(s, func(any) (bool, error) { return true, nil })
		rejected := mustCall(b, func(err error) { b.Is(err, boom) })
		gEAwait(b, func() func() {
			_, err := stream.ToArray(context.Background(), f)
			return func() { rejected(err) }
		})
	})
	block(t, "concurrency and AbortSignal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		s := stream.FilterAsync(from(b, 1, 2, 3, 4), func(ctx context.Context, _ any, done func(bool, error)) {
			calls++
			// await once(signal, 'abort')
			context.AfterFunc(ctx, func() { done(false, nil) })
		}, stream.OperatorOptions{Context: ctx, Concurrency: 2})
		// Node's for await reads at once, in this tick; the Go iteration
		// starts on another goroutine, so this read stands for its first.
		s.Read()
		gEForAwait(b, s, func(item any) bool { b.Errorf("nope: %v", item); return true },
			mustCall(b, func(err error) { b.Name(err, "AbortError") }))
		b.SetImmediate(func() {
			cancel()
			b.Equal(calls, 2)
		})
	})
	block(t, "concurrency result order", func(b *B) {
		s := stream.FilterAsync(from(b, 1, 2), func(_ context.Context, item any, done func(bool, error)) {
			// await setTimeout(10 - item, { signal }): the signal is never
			// aborted here.
			b.SetTimeout(func() { done(true, nil) }, 10-item.(int))
		}, stream.OperatorOptions{Concurrency: 2})
		gEForAwait(b, s, gEShift(b, 1, 2), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "error cases", func(b *B) {
		// fn of 1 is a nil function in Go; concurrency: 'Foo' (NaN) is a
		// concurrency out of range. An options of 1 and signal: true are
		// JS argument types Go's types rule out.
		src := stream.From(gEValues(1), stream.ReadableOptions{Loop: b.Loop})
		id := func(_ context.Context, x any, done func(bool, error)) { done(true, nil) }
		code, _ := gEPanicCode(func() { stream.FilterAsync(src, nil, stream.OperatorOptions{}) })
		b.Equal(code, "ERR_INVALID_ARG_TYPE")
		code, _ = gEPanicCode(func() { stream.FilterAsync(src, id, stream.OperatorOptions{Concurrency: -1}) })
		b.Equal(code, "ERR_OUT_OF_RANGE")
	})
	block(t, "result is a readable", func(b *B) {
		s := stream.Filter(from(b, 1, 2, 3, 4, 5), func(any) (bool, error) { return true, nil })
		b.True(s.Readable())
	})
	block(t, "map is not called", func(b *B) {
		b.NA("overriding map on the instance has no Go meaning: Filter is a function")
	})
}
