package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-infinite-read.js: a source that pushes on every read
// gives reads of two, then three, highWaterMarks' worth per 'readable', and
// stops being read once a 'readable' listener stops reading.
func TestStreamReadableInfiniteRead(t *testing.T) {
	block(t, "reads per readable", func(b *B) {
		buf := make([]byte, 8192)
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: mustCall(b, func(int) { r.Push(buf) }, 31),
		})
		i := 0
		r.OnReadable(mustCall(b, func() {
			i++
			if i == 11 {
				// Node removes the process's 'readable' listeners here, which
				// does nothing: just stop reading.
				return
			}
			data, _ := r.Read().([]byte)
			if i == 1 {
				b.Equal(len(data), 8192*2)
			} else {
				b.Equal(len(data), 8192*3)
			}
		}, 11))
	})
}
