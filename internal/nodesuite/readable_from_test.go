package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-readable-from.js: Readable.from yields the values of a sequence,
// to for await and to 'data' listeners, refuses a missing one, and turns a
// throw in the source into the stream's error.
func TestReadableFrom(t *testing.T) {
	abc := func(yield func(any) bool) {
		_ = yield("a") && yield("b") && yield("c")
	}
	block(t, "from null is an invalid type", func(b *B) {
		// Node throws; the Go form reports it on the stream it returns.
		s := stream.From[any](nil, stream.ReadableOptions{Loop: b.Loop})
		s.OnError(mustCall(b, func(err error) { b.Code(err, "ERR_INVALID_ARG_TYPE") }))
	})
	block(t, "basic support", func(b *B) {
		// An async generator; Go's sequences are all pulled on the loop.
		s := stream.From(abc, stream.ReadableOptions{Loop: b.Loop})
		gEForAwait(b, s, gEShift(b, "a", "b", "c"), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "sync iterator", func(b *B) {
		s := stream.From(abc, stream.ReadableOptions{Loop: b.Loop})
		gEForAwait(b, s, gEShift(b, "a", "b", "c"), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "promises", func(b *B) {
		b.NA("an array of promises: Go has no promises to await")
	})
	block(t, "string", func(b *B) {
		b.NA("Readable.from('abc') gives the string as one chunk: Go's From takes an iter.Seq, not a string")
	})
	block(t, "buffer", func(b *B) {
		b.NA("Readable.from(buffer) gives the buffer as one chunk: Go's From takes an iter.Seq, not a []byte")
	})
	block(t, "on data", func(b *B) {
		s := stream.From(abc, stream.ReadableOptions{Loop: b.Loop})
		iterations := 0
		expected := []any{"a", "b", "c"}
		s.OnData(func(chunk any) {
			iterations++
			if b.True(len(expected) != 0) {
				b.Equal(chunk, expected[0])
				expected = expected[1:]
			}
		})
		s.OnEnd(mustCall(b, func() { b.Equal(iterations, 3) }))
	})
	block(t, "on data, not object mode", func(b *B) {
		b.Missing("Readable.from with objectMode: false")
		// From a generator of 'a', 'b', 'c' with objectMode false: three
		// 'data' events, each a Buffer of the string, then 'end'.
	})
	block(t, "destroys the stream when throwing", func(b *B) {
		kaboom := errors.New("kaboom")
		s := stream.From(func(yield func(any) bool) { panic(kaboom) }, stream.ReadableOptions{Loop: b.Loop})
		s.Read()
		s.Once("error", mustCall(b, func(args ...any) {
			err, _ := args[0].(error)
			b.Is(err, kaboom)
			b.True(s.Destroyed())
		}))
	})
	block(t, "as a transform stream", func(b *B) {
		b.Missing("Readable.from over an async generator reading a stream")
		// A generator upper-casing each chunk it reads (for await) from an
		// object-mode Readable pushing 'a', 'b', 'c': for await over the
		// result gives 'A', 'B', 'C'.
	})
	block(t, "end with error", func(b *B) {
		// The generator's third value is a rejected promise; in Go the
		// sequence panics with the rejection's value there.
		s := stream.From(func(yield func(any) bool) {
			if yield(1) && yield(2) {
				panic("Boum")
			}
		}, stream.ReadableOptions{Loop: b.Loop})
		expected := []any{1, 2}
		gEForAwait(b, s, func(v any) bool {
			if b.True(len(expected) != 0) {
				b.Equal(v, expected[0])
				expected = expected[1:]
			}
			return true
		}, mustCall(b, func(err error) {
			b.Equal(len(expected), 0)
			var pe *stream.PanicError
			if b.True(errors.As(err, &pe), "a *PanicError: ", err) {
				b.Equal(pe.Value, "Boum")
			}
		}))
	})
	block(t, "destroying with an error throws in the generator", func(b *B) {
		b.Missing("Readable.from throwing the destroy error into the generator")
		// A generator yielding 1, 2, 3 inside try/catch: after read(),
		// destroy('Boum') makes the generator's catch see 'Boum' once, and
		// the stream emits 'error' once.
	})
}
