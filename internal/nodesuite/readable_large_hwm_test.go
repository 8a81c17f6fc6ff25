package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-readable-large-hwm.js: a stream read with a size far above its
// highWaterMark still ends.
func TestReadableLargeHwm(t *testing.T) {
	block(t, "reading a large size completes", func(b *B) {
		const bufferSize = 10 * 1024 * 1024
		n := 0
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				r.Push(make([]byte, bufferSize/10))
				if n > 10 {
					r.Push(nil)
				}
				n++
			},
		})
		r.OnReadable(func() {
			for r.ReadN(bufferSize) != nil {
			}
		})
		r.OnEnd(mustCall[func()](b, nil))
	})
}
