package nodesuite_test

import (
	"context"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-asIndexedPairs.mjs: asIndexedPairs pairs each value with
// its index, lazily, and honours its signal.
func TestStreamAsIndexedPairs(t *testing.T) {
	from := func(b *B, vals ...any) *stream.Readable {
		return stream.From(gEValues(vals...), stream.ReadableOptions{Loop: b.Loop})
	}
	block(t, "synchronous stream", func(b *B) {
		gEToArray(b, stream.AsIndexedPairs(from(b, 1, 2, 3)), func(pairs []any, err error) {
			b.NoError(err)
			b.Equal(pairs, []any{[]any{0, 1}, []any{1, 2}, []any{2, 3}})
		})
		gEToArray(b, stream.AsIndexedPairs(from(b)), func(pairs []any, err error) {
			b.NoError(err)
			gESameValues(b, pairs, nil)
		})
	})
	block(t, "asynchronous stream", func(b *B) {
		// Node's asyncFrom: Readable.from(...).map(async (x) => x), a
		// mapper settling in a later tick.
		asyncFrom := func(vals ...any) *stream.Readable {
			return stream.MapAsync(from(b, vals...), func(_ context.Context, x any, done func(any, error)) {
				b.NextTick(func() { done(x, nil) })
			}, stream.OperatorOptions{})
		}
		gEToArray(b, stream.AsIndexedPairs(asyncFrom(1, 2, 3)), func(pairs []any, err error) {
			b.NoError(err)
			b.Equal(pairs, []any{[]any{0, 1}, []any{1, 2}, []any{2, 3}})
		})
		gEToArray(b, stream.AsIndexedPairs(asyncFrom()), func(pairs []any, err error) {
			b.NoError(err)
			gESameValues(b, pairs, nil)
		})
	})
	block(t, "does not enumerate an infinite stream", func(b *B) {
		infinite := func() *stream.Readable {
			return stream.From(func(yield func(any) bool) {
				for yield(1) {
				}
			}, stream.ReadableOptions{Loop: b.Loop})
		}
		gEToArray(b, stream.Take(stream.AsIndexedPairs(infinite()), 3), func(pairs []any, err error) {
			b.NoError(err)
			b.Equal(pairs, []any{[]any{0, 1}, []any{1, 1}, []any{2, 1}})
		})
		gEToArray(b, stream.Take(stream.AsIndexedPairs(infinite()), 0), func(pairs []any, err error) {
			b.NoError(err)
			gESameValues(b, pairs, nil)
		})
	})
	block(t, "AbortSignal", func(b *B) {
		ctx, abort := context.WithCancel(context.Background())
		rejects := func(_ []any, err error) { b.Name(err, "AbortError") }
		gEToArray(b, withSignal(ctx, stream.AsIndexedPairs(from(b, 1, 2, 3))), rejects)
		abort()
		gEToArray(b, withSignal(abortedContext(), stream.AsIndexedPairs(from(b, 1, 2, 3))), rejects)
	})
	block(t, "error cases", func(b *B) {
		b.NA("asIndexedPairs(1) and { signal: true } are JS argument types Go's types rule out")
	})
}
