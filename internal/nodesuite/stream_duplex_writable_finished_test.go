package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-duplex-writable-finished.js: a Duplex's writableFinished is
// false during the write, true at 'finish' and in end's callback. (The
// check that Duplex.prototype has the getter has no Go meaning.)
func TestStreamDuplexWritableFinished(t *testing.T) {
	block(t, "event", func(b *B) {
		var d *stream.Duplex
		d = stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) {
			b.False(d.WritableFinished())
			cb(nil)
		}})
		d.OnFinish(mustCall(b, func() { b.True(d.WritableFinished()) }))
		d.EndWith("testing finished state", "", mustCall(b, func(error) { b.True(d.WritableFinished()) }))
	})
}
