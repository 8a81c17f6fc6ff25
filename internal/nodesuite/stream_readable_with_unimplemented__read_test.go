package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-with-unimplemented-_read.js: reading a Readable with
// no read hook destroys it with ERR_METHOD_NOT_IMPLEMENTED, then 'close'.
func TestStreamReadableWithUnimplementedRead(t *testing.T) {
	block(t, "read without a read hook", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		readable.Read()
		readable.OnError(mustCall(b, func(err error) {
			if b.Code(err, "ERR_METHOD_NOT_IMPLEMENTED") {
				b.Equal(gA2name(err), "Error")
				b.Equal(gA2message(err), "The _read() method is not implemented")
			}
		}))
		readable.OnClose(mustCall[func()](b, nil))
	})
}
