package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-destroy-event-order.js: destroy(err) emits 'error' before
// 'close'.
func TestStreamDestroyEventOrder(t *testing.T) {
	block(t, "error before close", func(b *B) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		closed, errored := false, false
		rs.OnClose(mustCall(b, func() {
			closed = true
			b.True(errored, "'error' came first")
		}))
		rs.OnError(mustCall(b, func(error) {
			errored = true
			b.False(closed, "'close' not yet")
		}))
		rs.Destroy(errors.New("kaboom"))
	})
}
