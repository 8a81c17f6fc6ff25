package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-write-drain.js: an ended Writable emits no 'drain'.
func TestStreamWriteDrain(t *testing.T) {
	block(t, "no drain once ended", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(1),
			Write:         func(_ any, _ string, cb func(error)) { b.NextTick(func() { cb(nil) }) },
		})
		w.OnDrain(mustNotCall[func()](b))
		w.Write("asd")
		w.End()
	})
}
