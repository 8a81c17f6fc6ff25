package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-decoder-objectmode.js: an object-mode Readable with an
// encoding decodes each pushed buffer into a string chunk of its own.
func TestStreamDecoderObjectmode(t *testing.T) {
	block(t, "each buffer decodes to its own chunk", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			Read:       func(int) {},
			Encoding:   "utf16le",
			ObjectMode: true,
		})
		for _, s := range []string{"abc", "def"} {
			buf, err := stream.EncodeString(s, "utf16le")
			b.NoError(err)
			readable.Push(buf)
		}
		readable.Push(nil)

		// Not concatenated into one chunk, as they would be in byte mode.
		b.Equal(readable.Read(), "abc")
		b.Equal(readable.Read(), "def")
		b.Equal(readable.Read(), nil)
	})
}
