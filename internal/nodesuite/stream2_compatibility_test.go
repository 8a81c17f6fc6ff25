package nodesuite_test

import (
	"bytes"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-compatibility.js: a Readable that adds a 'data' listener
// in its constructor flows at once, and a Writable written and ended in
// its constructor works; both end up no longer readable or writable.
func TestStream2Compatibility(t *testing.T) {
	block(t, "streams used in their constructors", func(b *B) {
		ondataCalled := 0
		// Node's TestReader: 100 bytes on the first read, then empty reads.
		buffer := bytes.Repeat([]byte("x"), 100)
		var reader *stream.Readable
		reader = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				reader.Push(buffer)
				buffer = []byte{}
			},
		})
		reader.OnData(func(any) { ondataCalled++ })
		b.SetImmediate(func() {
			b.Equal(ondataCalled, 1)
			reader.Push(nil)
		})
		// Node's TestWriter writes 'foo' and ends in its constructor.
		writer := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		_, err := writer.Write("foo")
		b.NoError(err)
		b.NoError(writer.End())
		b.AtExit(func() {
			b.False(reader.Readable())
			b.False(writer.Writable())
		})
	})
}
