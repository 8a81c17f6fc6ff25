package nodesuite_test

import (
	"context"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-toArray.js: toArray collects every value of a stream, in
// object and byte mode, after a map, and stops with an AbortError when
// its signal aborts.
func TestStreamToArray(t *testing.T) {
	tests := [][]any{{}, {1}, {1, 2, 3}, gEInts(100)}
	// Each test's stream is made on the loop, then read off it in turn.
	collectAll := func(b *B, streams []*stream.Readable) {
		done := mustCall(b, func() {})
		gEAwait(b, func() func() {
			results := make([][]any, len(streams))
			errs := make([]error, len(streams))
			for i, s := range streams {
				results[i], errs[i] = stream.ToArray(context.Background(), s)
			}
			return func() {
				for i, test := range tests {
					b.NoError(errs[i])
					gESameValues(b, results[i], test)
				}
				done()
			}
		})
	}
	block(t, "works on a synchronous stream", func(b *B) {
		var streams []*stream.Readable
		for _, test := range tests {
			streams = append(streams, stream.From(gEValues(test...), stream.ReadableOptions{Loop: b.Loop}))
		}
		collectAll(b, streams)
	})
	block(t, "works on a non-object-mode stream", func(b *B) {
		// stream.From forces object mode; a byte-mode Readable pushing the
		// two buffers is Node's Readable.from(..., { objectMode: false }).
		first, second := []byte{1, 2, 3}, []byte{4, 5, 6}
		s := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		s.Push(first)
		s.Push(second)
		s.Push(nil)
		done := mustCall(b, func() {})
		gEAwait(b, func() func() {
			result, err := stream.ToArray(context.Background(), s)
			return func() {
				b.NoError(err)
				b.Equal(result, []any{first, second})
				done()
			}
		})
	})
	block(t, "works on an asynchronous stream", func(b *B) {
		// Node maps each value to a resolved promise; Go's Map function
		// returns the value itself.
		var streams []*stream.Readable
		for _, test := range tests {
			streams = append(streams, stream.Map(stream.From(gEValues(test...), stream.ReadableOptions{Loop: b.Loop}),
				func(x any) (any, error) { return x, nil }))
		}
		collectAll(b, streams)
	})
	block(t, "support for AbortSignal", func(b *B) {
		// Node's map never settles its promise for 3; here the source stalls
		// after 2, which leaves toArray waiting the same way.
		src := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, ObjectMode: true, Read: func(int) {}})
		src.Push(1)
		src.Push(2)
		s := stream.Map(src, func(x any) (any, error) { return x, nil })
		ctx, cancel := context.WithCancel(context.Background())
		rejected := mustCall(b, func(err error) {
			b.Code(err, "ABORT_ERR")
			// Node's assert(stream.destroyed, false) asserts destroyed is truthy.
			b.True(s.Destroyed())
		})
		gEAwait(b, func() func() {
			_, err := stream.ToArray(ctx, s)
			return func() { rejected(err) }
		})
		cancel()
	})
	block(t, "result is a promise", func(b *B) {
		b.NA("instanceof Promise: ToArray returns its result")
	})
	block(t, "error cases", func(b *B) {
		b.NA("toArray(1) and { signal: true } are JS argument types Go's types rule out")
	})
}
