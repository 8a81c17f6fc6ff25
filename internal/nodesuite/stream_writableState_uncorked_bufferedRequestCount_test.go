package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writableState-uncorked-bufferedRequestCount.js: corked and
// bufferedRequestCount through nested corks, an uncork on the next tick
// that flushes through writev, and End's own uncork.
func TestStreamWritableStateUncorkedBufferedRequestCount(t *testing.T) {
	block(t, "cork, uncork, end", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Writev: mustCall(b, func(chunks []stream.WriteChunk, cb func(error)) {
				b.Equal(len(chunks), 2)
				cb(nil)
			}, 1),
			Write: mustCall(b, func(_ any, _ string, cb func(error)) { cb(nil) }, 1),
		})
		st := w.WritableState()
		w.Cork()
		b.Equal(st.Corked, 1)
		b.Equal(st.BufferedRequestCount(), 0)
		w.Cork()
		b.Equal(st.Corked, 2)
		w.Write("first chunk")
		b.Equal(st.BufferedRequestCount(), 1)
		w.Uncork() // does nothing yet
		b.Equal(st.Corked, 1)
		b.Equal(st.BufferedRequestCount(), 1)
		b.NextTick(func() {
			w.Uncork() // flushes the buffer
			b.Equal(st.Corked, 0)
			b.Equal(st.BufferedRequestCount(), 0)
			w.Cork()
			w.Write("third chunk")
			w.End() // uncorks as well
			b.Equal(st.Corked, 0)
			b.Equal(st.BufferedRequestCount(), 0)
		})
		// Buffered too: the uncork comes at the end of the tick.
		w.Write("second chunk")
		b.Equal(st.Corked, 1)
		b.Equal(st.BufferedRequestCount(), 2)
	})
}
