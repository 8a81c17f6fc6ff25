package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-duplex-props.js: objectMode and highWaterMark set both
// sides; the per-side options set one each.
func TestStreamDuplexProps(t *testing.T) {
	block(t, "both sides", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true, HighWaterMark: stream.Int(100)})
		b.True(d.WritableObjectMode())
		b.Equal(d.WritableHighWaterMark(), 100)
		b.True(d.ReadableObjectMode())
		b.Equal(d.ReadableHighWaterMark(), 100)
	})
	block(t, "per side", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{
			Loop:                  b.Loop,
			ReadableObjectMode:    false,
			ReadableHighWaterMark: stream.Int(10),
			WritableObjectMode:    true,
			WritableHighWaterMark: stream.Int(100),
		})
		b.True(d.WritableObjectMode())
		b.Equal(d.WritableHighWaterMark(), 100)
		b.False(d.ReadableObjectMode())
		b.Equal(d.ReadableHighWaterMark(), 10)
	})
}
