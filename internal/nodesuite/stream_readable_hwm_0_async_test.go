package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-hwm-0-async.js: with highWaterMark 0 and pushes on
// the next tick, the read hook is called once per chunk and once for the
// end.
func TestStreamReadableHwm0Async(t *testing.T) {
	block(t, "async pushes with hwm 0", func(b *B) {
		count := 5
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(0),
			Read: mustCall(b, func(int) {
				b.NextTick(mustCall(b, func() {
					if count != 0 {
						count--
						r.Push("a")
					} else {
						count--
						r.Push(nil)
					}
				}))
			}, 6),
		})
		r.OnEnd(mustCall[func()](b, nil))
		r.OnData(mustCall[func(any)](b, nil, 5))
	})
}
