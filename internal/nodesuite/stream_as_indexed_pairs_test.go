package nodesuite_test

import "testing"

// test-stream-asIndexedPairs.mjs: asIndexedPairs pairs each value with
// its index, lazily, and honours its signal.
func TestStreamAsIndexedPairs(t *testing.T) {
	block(t, "synchronous stream", func(b *B) {
		b.Missing("readable.asIndexedPairs")
		// Readable.from([1, 2, 3]).asIndexedPairs().toArray() gives
		// [[0, 1], [1, 2], [2, 3]]; over [] it gives [].
	})
	block(t, "asynchronous stream", func(b *B) {
		b.Missing("readable.asIndexedPairs")
		// The same after an async identity map.
	})
	block(t, "does not enumerate an infinite stream", func(b *B) {
		b.Missing("readable.asIndexedPairs")
		// An infinite stream of 1s: asIndexedPairs().take(3) gives
		// [[0, 1], [1, 1], [2, 1]], take(0) gives [].
	})
	block(t, "AbortSignal", func(b *B) {
		b.Missing("readable.asIndexedPairs")
		// asIndexedPairs({ signal }) aborted right after toArray starts, or
		// with a pre-aborted signal: toArray rejects with an AbortError.
	})
	block(t, "error cases", func(b *B) {
		b.NA("asIndexedPairs(1) and { signal: true } are JS argument types Go's types rule out")
	})
}
