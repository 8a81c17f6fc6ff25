package nodesuite_test

import (
	"context"
	"iter"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-flatMap.js: flatMap flattens what its mapper returns, in
// order, after a map too.
func TestStreamFlatMap(t *testing.T) {
	oneTo5 := func(b *B) *stream.Readable {
		return stream.From(gEValues(1, 2, 3, 4, 5), stream.ReadableOptions{Loop: b.Loop})
	}
	flat := func(fn func(x int) []any) func(v any) (iter.Seq[any], error) {
		return func(v any) (iter.Seq[any], error) { return gEValues(fn(v.(int))...), nil }
	}
	want := func(b *B, want ...any) func([]any, error) {
		return func(vals []any, err error) {
			b.NoError(err)
			gESameValues(b, vals, want)
		}
	}
	twice := flat(func(x int) []any { return []any{x, x} })
	block(t, "synchronous stream, synchronous mapper", func(b *B) {
		gEToArray(b, stream.FlatMap(oneTo5(b), flat(func(x int) []any { return []any{x + x} })), want(b, 2, 4, 6, 8, 10))
		gEToArray(b, stream.FlatMap(oneTo5(b), flat(func(int) []any { return nil })), want(b))
		gEToArray(b, stream.FlatMap(oneTo5(b), twice), want(b, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5))
	})
	block(t, "sync and async streams, asynchronous mapper", func(b *B) {
		// Node's mapper and map are async; Go's return at once.
		gEToArray(b, stream.FlatMap(oneTo5(b), twice), want(b, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5))
		asyncOneTo5 := stream.Map(oneTo5(b), func(x any) (any, error) { return x, nil })
		gEToArray(b, stream.FlatMap(asyncOneTo5, twice), want(b, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5))
	})
	block(t, "mapping returns a stream", func(b *B) {
		fromXX := func(_ context.Context, x any, done func(any, error)) {
			done(stream.From(gEValues(x, x), stream.ReadableOptions{Loop: b.Loop}), nil)
		}
		gEToArray(b, stream.FlatMapAsync(oneTo5(b), fromXX, stream.OperatorOptions{}), want(b, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5))
		// fs.createReadStream(fixtures x.txt) is FromReader over a reader
		// of its content: the result is in object mode, so its buffers
		// are not joined.
		xtxt := func(_ context.Context, _ any, done func(any, error)) {
			done(stream.FromReader(strings.NewReader("xyz\n"), stream.ReadableOptions{Loop: b.Loop}), nil)
		}
		gEToArray(b, stream.FlatMapAsync(oneTo5(b), xtxt, stream.OperatorOptions{}), func(vals []any, err error) {
			b.NoError(err)
			b.Equal(len(vals), 5)
			var all []byte
			for _, v := range vals {
				all = append(all, v.([]byte)...)
			}
			b.Equal(string(all), strings.Repeat("xyz\n", 5))
		})
	})
	block(t, "concurrency and AbortSignal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		s := stream.FlatMapAsync(oneTo5(b), mustCall(b, func(ctx context.Context, _ any, done func(any, error)) {
			// await setTimeout(100, { signal })
			context.AfterFunc(ctx, func() { done(nil, context.Cause(ctx)) })
		}, 0), stream.OperatorOptions{Context: ctx, Concurrency: 2})
		gEForAwait(b, s, func(item any) bool { b.Errorf("nope: %v", item); return true },
			mustCall(b, func(err error) { b.Name(err, "AbortError") }))
		b.NextTick(cancel) // queueMicrotask
	})
	block(t, "already aborted AbortSignal", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // AbortSignal.abort()
		s := stream.FlatMapAsync(oneTo5(b), mustCall(b, func(ctx context.Context, _ any, done func(any, error)) {
			context.AfterFunc(ctx, func() { done(nil, context.Cause(ctx)) })
		}, 0), stream.OperatorOptions{Context: ctx})
		// Cancellation wins: the result is destroyed at once, where Node
		// rejects at the first next(), in this very tick; the Go
		// iteration starts on another goroutine, so the listener that
		// stands for it goes on here.
		s.OnError(func(error) {})
		gEForAwait(b, s, func(item any) bool { b.Errorf("nope: %v", item); return true },
			mustCall(b, func(err error) { b.Name(err, "AbortError") }))
	})
	block(t, "error cases", func(b *B) {
		// fn of 1 is a nil function in Go; concurrency: 'Foo' (NaN) is a
		// concurrency out of range. An options of 1 and signal: true are
		// JS argument types Go's types rule out.
		src := stream.From(gEValues(1), stream.ReadableOptions{Loop: b.Loop})
		id := func(_ context.Context, x any, done func(any, error)) { done(x, nil) }
		code, _ := gEPanicCode(func() { stream.FlatMapAsync(src, nil, stream.OperatorOptions{}) })
		b.Equal(code, "ERR_INVALID_ARG_TYPE")
		code, _ = gEPanicCode(func() { stream.FlatMapAsync(src, id, stream.OperatorOptions{Concurrency: -1}) })
		b.Equal(code, "ERR_OUT_OF_RANGE")
	})
	block(t, "result is a readable", func(b *B) {
		s := stream.FlatMap(oneTo5(b), func(any) (iter.Seq[any], error) { return nil, nil })
		b.True(s.Readable())
	})
	block(t, "map is not called", func(b *B) {
		b.NA("overriding map on the instance has no Go meaning: FlatMap is a function")
	})
}
