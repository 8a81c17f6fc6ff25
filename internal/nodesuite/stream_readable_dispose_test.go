package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-dispose.js: Symbol.asyncDispose (Go: Dispose)
// destroys a flowing Readable with an AbortError ('error' and 'close', no
// 'end') and resolves once it is closed.
func TestStreamReadableDispose(t *testing.T) {
	block(t, "asyncDispose destroys with AbortError", func(b *B) {
		read := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		read.Resume()
		read.OnEnd(mustNotCall[func()](b))
		read.OnClose(mustCall(b, func() {}))
		read.OnError(mustCall(b, func(err error) { b.Equal(gA2name(err), "AbortError") }))
		read.Dispose(mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(gA2name(read.Errored()), "AbortError")
			b.True(read.Destroyed())
		}))
	})
}
