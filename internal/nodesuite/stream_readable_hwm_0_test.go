package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-hwm-0.js: with highWaterMark 0 a 'readable' listener
// calls the read hook once, and 'readable' comes only after Push(nil).
func TestStreamReadableHwm0(t *testing.T) {
	block(t, "readable only after the end", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(0),
			Read:          mustCall[func(int)](b, nil),
		})
		pushedNull := false
		r.OnReadable(mustCall(b, func() {
			b.Equal(r.Read(), nil)
			b.Equal(pushedNull, true)
		}))
		r.OnEnd(mustCall[func()](b, nil))
		b.NextTick(func() {
			b.Equal(r.Read(), nil)
			pushedNull = true
			r.Push(nil)
		})
	})
}
