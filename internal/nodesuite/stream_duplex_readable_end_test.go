package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-duplex-readable-end.js (nodejs/node#35926): a Transform
// that ends its readable side at its first chunk leaves the source paused
// after two reads.
func TestStreamDuplexReadableEnd(t *testing.T) {
	block(t, "source paused", func(b *B) {
		loops := 5
		var src *stream.Readable
		src = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {
			if loops > 0 {
				loops--
				src.Push(make([]byte, 20000))
				return
			}
			loops--
		}})
		var dst *stream.Transform
		dst = stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform: func(_ any, _ string, cb func(error, any)) {
				dst.Push(nil)
				cb(nil, nil)
			},
		})
		src.Pipe(dst)
		dst.OnData(func(any) {})
		dst.OnEnd(mustCall(b, func() {
			b.Equal(loops, 3)
			b.True(src.IsPaused())
		}))
	})
}
