package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-pipe-error-handling.js: an 'error' emitted on a pipe's
// destination unpipes it from its source, and reaches the destination's
// own listener; with none, it is thrown.
//
// Node patches source.unpipe to record the destination it is called
// with; Go cannot patch a method, so the port checks instead that the
// source's pipes are empty afterwards.
func TestStream2PipeErrorHandling(t *testing.T) {
	newSource := func(b *B) *stream.Readable {
		count := 1000
		var source *stream.Readable
		source = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(n int) {
				n = min(count, n)
				count -= n
				source.Push(make([]byte, n))
			},
		})
		return source
	}

	block(t, "error with a listener unpipes", func(b *B) {
		source := newSource(b)
		dest := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		source.Pipe(dest)
		var gotErr error
		dest.OnError(func(err error) { gotErr = err })
		var unpipedSource stream.ReadableStream
		dest.OnUnpipe(func(src stream.ReadableStream) { unpipedSource = src })
		err := errors.New("This stream turned into bacon.")
		dest.Emit("error", err)
		b.Equal(gotErr, err)
		b.True(unpipedSource == stream.ReadableStream(source), "unpipe event from the source")
		b.Equal(len(source.ReadableState().Pipes), 0, "source unpiped dest")
	})

	block(t, "error without a listener unpipes and throws", func(b *B) {
		source := newSource(b)
		dest := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(false),
			Write:       func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		source.Pipe(dest)
		var unpipedSource stream.ReadableStream
		dest.OnUnpipe(func(src stream.ReadableStream) { unpipedSource = src })
		err := errors.New("This stream turned into bacon.")
		// Node's emit throws the error, caught by the test; here the
		// unhandled error comes out of Run.
		var gotErr error
		b.OnUncaught(mustCall(b, func(e error) { gotErr = e }))
		dest.Emit("error", err)
		b.True(unpipedSource == stream.ReadableStream(source), "unpipe event from the source")
		b.Equal(len(source.ReadableState().Pipes), 0, "source unpiped dest")
		b.AtExit(func() { b.Equal(gotErr, err) })
	})
}
