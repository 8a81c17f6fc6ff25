package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-final-throw.js: an error from the final hook
// reaches end's callback and 'error'.
func TestStreamWritableFinalThrow(t *testing.T) {
	block(t, "final fails", func(b *B) {
		var foo *stream.Duplex
		foo = stream.NewDuplex(stream.DuplexOptions{
			Loop: b.Loop,
			// A Go hook cannot throw; calling back with the error is how
			// it fails, which Node's throw there comes to.
			Final: func(cb func(error)) { cb(errors.New("fhqwhgads")) },
			Read:  func(int) {},
			Write: mustCall(b, func(_ any, _ string, cb func(error)) { cb(nil) }),
		})
		foo.EndWith("test", "", mustCall(b, func(err error) { b.Equal(gA2message(err), "fhqwhgads") }))
		foo.OnError(mustCall(b, func(error) {}))
	})
}
