package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-decode-partial.js: utf8 characters split across pushed
// chunks come out whole.
func TestStream2DecodePartial(t *testing.T) {
	block(t, "split characters decoded whole", func(b *B) {
		source := []byte{0xe2, 0x82, 0xac, 0xc2, 0xa2}
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Encoding: "utf8"})
		readable.Push(source[0:2])
		readable.Push(source[2:4])
		readable.Push(source[4:])
		readable.Push(nil)
		buf := ""
		readable.OnData(func(data any) { buf += data.(string) })
		b.AtExit(func() { b.Equal(buf, "€¢") })
	})
}
