package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream3-cork-end.js: after cork() the chunks written over several
// ticks are kept until end(), which writes them all out in the same tick,
// in order, and the stream finishes on a later tick, after the last write.
func TestStream3CorkEnd(t *testing.T) {
	block(t, "end writes the buffered chunks and finishes", func(b *B) {
		expectedChunks := []string{"please", "buffer", "me", "kindly"}
		inputChunks := append([]string(nil), expectedChunks...)
		var seenChunks []any
		seenEnd := false
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			// Store the chunks.
			Write: func(chunk any, encoding string, cb func(error)) {
				// No 'finish' before the last write.
				b.False(seenEnd)
				// Default encoding given none was specified.
				b.Equal(encoding, "buffer")
				seenChunks = append(seenChunks, chunk)
				cb(nil)
			},
		})
		// Record the stream's end.
		w.OnFinish(func() { seenEnd = true })

		var writeChunks func(remaining []string, callback func())
		writeChunks = func(remaining []string, callback func()) {
			if len(remaining) == 0 {
				callback()
				return
			}
			writeChunk, rest := remaining[0], remaining[1:]
			b.SetImmediate(func() {
				writeState, err := w.Write(writeChunk)
				b.NoError(err)
				// We were not told to stop writing.
				b.True(writeState)
				writeChunks(rest, callback)
			})
		}

		// An initial write, which is immediate.
		w.Write("stuff")
		b.Equal(len(seenChunks), 1)
		seenChunks = nil

		// Trigger buffering.
		w.Cork()

		// (mustCall: the checks below are the test; they must run.)
		writeChunks(inputChunks, mustCall(b, func() {
			// Nothing seen yet.
			b.Equal(len(seenChunks), 0)

			// Flush and end the stream.
			w.End()

			// Not ended in the current tick.
			b.False(seenEnd)

			// The buffered chunks are seen in the current tick.
			if !b.Equal(len(seenChunks), 4) {
				return
			}
			for i, want := range expectedChunks {
				seen := seenChunks[i]
				b.True(seen != nil)
				b.Equal(seen, []byte(want))
			}
			b.SetImmediate(func() {
				// Ended by the next tick.
				b.True(seenEnd)
			})
		}))
	})
}
