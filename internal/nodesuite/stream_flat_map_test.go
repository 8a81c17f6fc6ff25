package nodesuite_test

import (
	"iter"
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
		b.Missing("flatMap mapper returning a stream")
		// The mapper returns Readable.from([x, x]): toArray gives
		// [1, 1, 2, 2, ..., 5, 5]; returning fs.createReadStream(x.txt)
		// gives its 5 buffers unflattened, which join to 'xyz\n' five times.
	})
	block(t, "concurrency and AbortSignal", func(b *B) {
		b.Missing("flatMap concurrency and signal options")
		// flatMap with { signal, concurrency: 2 }, aborted in a microtask:
		// the mapper is never called and the iteration fails with an
		// AbortError.
	})
	block(t, "already aborted AbortSignal", func(b *B) {
		b.Missing("flatMap signal option")
		// flatMap with { signal: AbortSignal.abort() }: the mapper is
		// never called and the iteration fails with an AbortError.
	})
	block(t, "error cases", func(b *B) {
		b.NA("flatMap(1), concurrency: 'Foo', an options of 1 and signal: true are JS argument types Go's types rule out")
	})
	block(t, "result is a readable", func(b *B) {
		s := stream.FlatMap(oneTo5(b), func(any) (iter.Seq[any], error) { return nil, nil })
		b.True(s.Readable())
	})
	block(t, "map is not called", func(b *B) {
		b.NA("overriding map on the instance has no Go meaning: FlatMap is a function")
	})
}
