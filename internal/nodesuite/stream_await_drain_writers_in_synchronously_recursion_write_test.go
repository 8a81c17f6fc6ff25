package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-await-drain-writers-in-synchronously-recursion-write.js:
// writes made from a 'data' listener of the piped destination, while the
// pipe awaits drain, all come through.
func TestStreamAwaitDrainWritersInSynchronouslyRecursionWrite(t *testing.T) {
	block(t, "writes from data while awaiting drain", func(b *B) {
		encode := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, HighWaterMark: stream.Int(1)})
		decode := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, HighWaterMark: stream.Int(1)})
		send := mustCall(b, func(buf []byte) { encode.Write(buf) }, 4)
		i := 0
		onData := mustCall(b, func(any) {
			i++
			if i == 2 {
				send([]byte{0x3})
				send([]byte{0x4})
			}
		}, 4)
		encode.Pipe(decode)
		decode.OnData(onData)
		send([]byte{0x1})
		send([]byte{0x2})
	})
}
