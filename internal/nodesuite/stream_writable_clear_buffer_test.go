package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-clear-buffer.js (nodejs/node#6758): while a corked
// buffer drains, bufferedRequestCount matches the buffer's length.
func TestStreamWritableClearBuffer(t *testing.T) {
	block(t, "bufferedRequestCount", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Write:      func(_ any, _ string, cb func(error)) { b.SetImmediate(func() { cb(nil) }) },
		})
		w.Cork()
		for i := 1; i <= 5; i++ {
			w.WriteWith(i, "", mustCall(b, func(error) {
				st := w.WritableState()
				b.Equal(st.BufferedRequestCount(), len(st.Buffer()))
			}))
		}
		w.End()
	})
}
