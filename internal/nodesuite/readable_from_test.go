package nodesuite_test

import (
	"context"
	"errors"
	"strings"
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
		// Readable.from(gen, {objectMode: false}) is FromBytes.
		s := stream.FromBytes(func(yield func(string) bool) {
			_ = yield("a") && yield("b") && yield("c")
		}, stream.ReadableOptions{Loop: b.Loop})
		iterations := 0
		expected := []string{"a", "b", "c"}
		s.OnData(func(chunk any) {
			iterations++
			buf, ok := chunk.([]byte)
			b.True(ok, "a Buffer: ", chunk)
			if b.True(len(expected) != 0) {
				b.Equal(string(buf), expected[0])
				expected = expected[1:]
			}
		})
		s.OnEnd(mustCall(b, func() { b.Equal(iterations, 3) }))
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
		// An async generator is Produce: its goroutine may block, here
		// in a for await (Chunks) over the source.
		var source *stream.Readable
		source = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, ObjectMode: true, Read: func(int) {
			source.Push("a")
			source.Push("b")
			source.Push("c")
			source.Push(nil)
		}})
		s := stream.Produce(nil, stream.ReadableOptions{Loop: b.Loop}, func(ctx context.Context, send func(any) error) error {
			for chunk, err := range stream.Chunks(ctx, source) {
				if err != nil {
					return err
				}
				if err := send(strings.ToUpper(chunk.(string))); err != nil {
					return err
				}
			}
			return nil
		})
		gEForAwait(b, s, gEShift(b, "A", "B", "C"), mustCall(b, func(err error) { b.NoError(err) }))
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
		// The generator's catch is the cause of Produce's ctx, which the
		// destroy error cancels.
		boum := errors.New("Boum")
		validate := mustCall(b, func(err error) { b.Is(err, boum) })
		s := stream.Produce(nil, stream.ReadableOptions{Loop: b.Loop}, func(ctx context.Context, send func(int) error) error {
			for _, v := range []int{1, 2, 3} {
				if err := send(v); err != nil {
					validate(context.Cause(ctx))
					return nil
				}
			}
			<-ctx.Done() // the destroy comes while the generator waits
			validate(context.Cause(ctx))
			return nil
		})
		s.Read()
		s.Once("error", mustCall(b, func(...any) {}))
		s.Destroy(boum)
	})
}
