package nodesuite_test

import (
	"context"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-add-abort-signal.js: addAbortSignal refuses a missing signal
// or stream with ERR_INVALID_ARG_TYPE.
func TestStreamAddAbortSignal(t *testing.T) {
	block(t, "invalid signal or stream throws", func(b *B) {
		// Node passes a string where the signal goes; Go's types leave a nil
		// context as the only invalid one.
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		code, panicked := gEPanicCode(func() { stream.AddAbortSignal(nil, r) })
		b.True(panicked, "nil signal panics")
		b.Equal(code, "ERR_INVALID_ARG_TYPE")
		// Likewise a nil stream stands for the string Node passes.
		code, panicked = gEPanicCode(func() { stream.AddAbortSignal[*stream.Readable](context.Background(), nil) })
		b.True(panicked, "nil stream panics")
		b.Equal(code, "ERR_INVALID_ARG_TYPE")
	})
	block(t, "addAbortSignalNoValidate returns the stream", func(b *B) {
		b.NA("addAbortSignalNoValidate is an internal module, not public API")
	})
}
