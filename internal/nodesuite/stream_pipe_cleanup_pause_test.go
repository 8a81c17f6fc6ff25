package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-cleanup-pause.js: unpiping a destination that made the
// source wait for 'drain' and piping another one lets data flow to the new
// destination.
func TestStreamPipeCleanupPause(t *testing.T) {
	block(t, "unpipe and pipe anew while awaiting drain", func(b *B) {
		buffer := make([]byte, 560000)
		reader := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		var writer1 *stream.Writable
		writer1 = stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				writer1.Emit("chunk-received")
				cb(nil)
			}, 1),
		})
		writer2 := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				cb(nil)
			}, 3),
		})
		writer1.Once("chunk-received", func(...any) {
			reader.Unpipe(writer1)
			reader.Pipe(writer2)
			reader.Push(buffer)
			b.SetImmediate(func() {
				reader.Push(buffer)
				b.SetImmediate(func() { reader.Push(buffer) })
			})
		})
		reader.Pipe(writer1)
		reader.Push(buffer)
	})
}
