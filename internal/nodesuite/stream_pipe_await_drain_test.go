package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-await-drain.js: with three destinations, each one whose
// write returns false joins awaitDrainWriters, and a push while they are
// awaited does not reach the fast one.
func TestStreamPipeAwaitDrain(t *testing.T) {
	block(t, "three destinations", func(b *B) {
		buffer := make([]byte, 560000)
		reader := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		awaited := func() int { return len(reader.ReadableState().AwaitDrainWriters) }
		var writer1 *stream.Writable
		writer1 = stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				writer1.Emit("chunk-received")
				b.NextTick(func() { cb(nil) })
			}, 1),
		})
		writer1.Once("chunk-received", func(...any) {
			b.Equal(awaited(), 0, "awaitDrain initial value")
			b.SetImmediate(func() {
				// Must not reach writer1: writer2 has not drained.
				reader.Push(buffer)
			})
		})
		// Slow consumers: they never call back.
		writer2 := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				b.Equal(awaited(), 1, "awaitDrain after the first push")
			}, 1),
		})
		writer3 := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				b.Equal(awaited(), 2, "awaitDrain after the second push")
			}, 1),
		})
		reader.Pipe(writer1)
		reader.Pipe(writer2)
		reader.Pipe(writer3)
		reader.Push(buffer)
	})
}
