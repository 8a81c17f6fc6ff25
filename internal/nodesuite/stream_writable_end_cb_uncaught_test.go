package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-end-cb-uncaught.js: a final hook's error reaches
// end's callback, and with no 'error' listener it is also uncaught.
func TestStreamWritableEndCbUncaught(t *testing.T) {
	block(t, "final error", func(b *B) {
		b.OnUncaught(mustCall(b, func(err error) { b.Equal(gA2message(err), "kaboom") }))
		kaboom := errors.New("kaboom")
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { cb(nil) },
			Final: func(cb func(error)) { cb(kaboom) },
		})
		w.Write("asd")
		w.EndWith(nil, "", mustCall(b, func(err error) { b.Is(err, kaboom) }))
	})
}
