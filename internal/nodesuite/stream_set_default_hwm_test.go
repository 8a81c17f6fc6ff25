package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-set-default-hwm.js: setDefaultHighWaterMark changes what
// getDefaultHighWaterMark reports and the highWaterMark of streams made
// afterwards, on both sides of a Transform.
func TestStreamSetDefaultHwm(t *testing.T) {
	block(t, "default highWaterMark is settable", func(b *B) {
		// The default is process-wide: put it back for the other tests.
		oldBytes, oldObjects := stream.GetDefaultHighWaterMark(false), stream.GetDefaultHighWaterMark(true)
		defer func() {
			b.NoError(stream.SetDefaultHighWaterMark(false, oldBytes))
			b.NoError(stream.SetDefaultHighWaterMark(true, oldObjects))
		}()
		b.NotEqual(stream.GetDefaultHighWaterMark(false), 32*1000)
		b.NoError(stream.SetDefaultHighWaterMark(false, 32*1000))
		b.Equal(stream.GetDefaultHighWaterMark(false), 32*1000)
		b.NotEqual(stream.GetDefaultHighWaterMark(true), 32)
		b.NoError(stream.SetDefaultHighWaterMark(true, 32))
		b.Equal(stream.GetDefaultHighWaterMark(true), 32)
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(any, string, func(error)) {}})
		b.Equal(w.WritableHighWaterMark(), 32*1000)
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.Equal(r.ReadableHighWaterMark(), 32*1000)
		tr := stream.NewTransform(stream.TransformOptions{DuplexOptions: stream.DuplexOptions{Loop: b.Loop}, Transform: func(any, string, func(error, any)) {}})
		b.Equal(tr.WritableHighWaterMark(), 32*1000)
		b.Equal(tr.ReadableHighWaterMark(), 32*1000)
	})
}
