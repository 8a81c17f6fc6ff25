package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-final-async.js: a final hook that calls back after
// a timer completes end without an error.
func TestStreamWritableFinalAsync(t *testing.T) {
	block(t, "final after a timer", func(b *B) {
		foo := stream.NewDuplex(stream.DuplexOptions{
			Loop:  b.Loop,
			Final: func(cb func(error)) { b.SetTimeout(func() { cb(nil) }, 1) },
			Read:  func(int) {},
			Write: mustCall(b, func(_ any, _ string, cb func(error)) { cb(nil) }),
		})
		foo.EndWith("test", "", mustCall(b, func(error) {}))
		foo.OnError(mustNotCall[func(error)](b))
	})
}
