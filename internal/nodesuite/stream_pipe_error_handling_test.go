package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-error-handling.js: an error on a piped source reaches
// its own listeners (or is thrown); a destination whose only 'error'
// listener was the pipe's throws the error; removing a listener that was
// never added changes nothing; a destroyed destination emits its error.
func TestStreamPipeErrorHandling(t *testing.T) {
	block(t, "legacy source error reaches its listener", func(b *B) {
		source, dest := stream.NewLegacyStream(b.Loop), stream.NewLegacyStream(b.Loop)
		source.Pipe(dest, stream.PipeOptions{})
		var gotErr error
		source.On("error", func(args ...any) { gotErr = args[0].(error) })
		bacon := errors.New("This stream turned into bacon.")
		source.Emit("error", bacon)
		b.Is(gotErr, bacon)
	})
	block(t, "legacy source error without listener throws", func(b *B) {
		source, dest := stream.NewLegacyStream(b.Loop), stream.NewLegacyStream(b.Loop)
		source.Pipe(dest, stream.PipeOptions{})
		bacon := errors.New("This stream turned into bacon.")
		// Node's emit throws the error; here it is unhandled, and Run
		// returns it.
		b.OnUncaught(mustCall(b, func(err error) { b.Is(err, bacon) }))
		source.Emit("error", bacon)
	})
	block(t, "destination error with the user listener removed throws", func(b *B) {
		removed := false
		var w *stream.Writable
		fail := errors.New("fail")
		// Node's emit throws synchronously; here the error nobody handles
		// is returned by Run.
		b.OnUncaught(mustCall(b, func(err error) { b.Is(err, fail) }))
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(false),
			Read: mustCall(b, func(int) {
				b.SetTimeout(mustCall(b, func() {
					b.True(removed)
					w.Emit("error", fail)
				}), 1)
			}),
		})
		w = stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(false),
		})
		l := w.OnError(func(error) { b.Errorf("this should not happen") })
		r.Pipe(w)
		w.RemoveListener("error", l)
		removed = true
	})
	block(t, "removing a listener never added changes nothing", func(b *B) {
		removed := false
		var w *stream.Writable
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: mustCall(b, func(int) {
				b.SetTimeout(mustCall(b, func() {
					b.True(removed)
					w.Emit("error", errors.New("fail"))
				}), 1)
			}),
		})
		w = stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) {},
		})
		w.OnError(mustCall(b, func(error) {}))
		r.Pipe(w)
		// A handle of a listener that is not registered on w.
		other := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		w.RemoveListener("error", other.OnError(func(error) {}))
		removed = true
	})
	block(t, "legacy source into a destroyed PassThrough", func(b *B) {
		handled := errors.New("this should be handled")
		destination := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		destination.Once("error", mustCall(b, func(args ...any) { b.Is(args[0].(error), handled) }))
		source := stream.NewLegacyStream(b.Loop)
		source.Pipe(destination, stream.PipeOptions{})
		destination.Destroy(handled)
	})
}
