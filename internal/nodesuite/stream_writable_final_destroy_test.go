package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-final-destroy.js: a destroy while the final hook
// is still to call back: no 'prefinish', no 'finish', one 'close'.
func TestStreamWritableFinalDestroy(t *testing.T) {
	block(t, "destroy before final calls back", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { cb(nil) },
			Final: func(cb func(error)) { b.NextTick(func() { cb(nil) }) }, // queueMicrotask
		})
		w.End()
		w.Destroy(nil)
		w.OnPrefinish(mustNotCall[func()](b))
		w.OnFinish(mustNotCall[func()](b))
		w.OnClose(mustCall(b, func() {}))
	})
}
