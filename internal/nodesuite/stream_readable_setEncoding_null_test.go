package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-setEncoding-null.js: setEncoding with no encoding
// (Node's null, Go's "") sets utf8, replacing the encoding set before.
func TestStreamReadableSetEncodingNull(t *testing.T) {
	block(t, "no encoding means utf8", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Encoding: "hex"})
		b.Equal(readable.ReadableState().Encoding, "hex")
		b.NoError(readable.SetEncoding(""))
		b.Equal(readable.ReadableState().Encoding, "utf8")
	})
}
