package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-compose-operator.js: readable.compose(stream) reads the
// source through the stream given, and refuses a stream that cannot be
// written or none at all. Go has no compose method: readable.compose(s)
// is stream.Compose(readable, s).
func TestStreamComposeOperator(t *testing.T) {
	from := func(b *B, vals ...any) *stream.Readable {
		return stream.From(gEValues(vals...), stream.ReadableOptions{Loop: b.Loop})
	}
	block(t, "with async generator", func(b *B) {
		b.Missing("async generator compose stages")
		// compose with an async generator joining the chunks two by two:
		// 'a', 'b', 'c', 'd' come out as 'ab', 'cd'.
	})
	block(t, "with a Transform", func(b *B) {
		tr := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop, ObjectMode: true},
			Transform: mustCall(b, func(chunk any, _ string, cb func(error, any)) {
				cb(nil, chunk)
			}, 4),
		})
		s, err := stream.Compose(from(b, "a", "b", "c", "d"), tr)
		if !b.NoError(err) {
			return
		}
		gEForAwait(b, s, gEShift(b, "a", "b", "c", "d"), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "throwing before waiting for data", func(b *B) {
		b.Missing("async generator compose stages")
		// A generator that throws 'boom' before reading: the iteration
		// rejects with it and yields nothing.
	})
	block(t, "throwing when waiting for data", func(b *B) {
		b.Missing("async generator compose stages")
		// A generator that throws 'boom' at chunk 3: toArray rejects with it.
	})
	block(t, "throwing after all readable data", func(b *B) {
		b.Missing("async generator compose stages")
		// A generator that reads everything, then throws 'boom': toArray
		// rejects with it.
	})
	block(t, "AbortSignal", func(b *B) {
		b.Missing("compose signal option")
		// compose(generator, { signal }) aborted at once: the iteration
		// rejects with an AbortError and yields nothing.
	})
	block(t, "composing a readable is an invalid value", func(b *B) {
		_, err := stream.Compose(from(b, "a"), from(b, "b"))
		b.Code(err, "ERR_INVALID_ARG_VALUE")
	})
	block(t, "composing nothing is an invalid type", func(b *B) {
		// Node's compose() gets undefined; the Go form is a nil stream.
		_, err := stream.Compose(from(b, "a"), nil)
		b.Code(err, "ERR_INVALID_ARG_TYPE")
	})
}
