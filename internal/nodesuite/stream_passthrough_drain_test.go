package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-passthrough-drain.js: a PassThrough with highWaterMark 0
// refuses a write and emits 'drain' once the data is read.
func TestStreamPassthroughDrain(t *testing.T) {
	block(t, "drain after reads", func(b *B) {
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, HighWaterMark: stream.Int(0)})
		pt.OnDrain(mustCall(b, func() {}))
		ok, err := pt.Write("hello1")
		b.NoError(err)
		b.False(ok)
		pt.Read()
		pt.Read()
	})
}
