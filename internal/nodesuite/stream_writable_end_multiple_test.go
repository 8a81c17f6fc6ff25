package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-end-multiple.js: end called twice before 'finish'
// calls both back; end after 'finish' calls back on a later tick with
// ERR_STREAM_ALREADY_FINISHED.
func TestStreamWritableEndMultiple(t *testing.T) {
	block(t, "end twice, then after finish", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) {
			b.SetTimeout(func() { cb(nil) }, 10)
		}})
		w.EndWith("testing ended state", "", mustCall(b, func(error) {}))
		w.EndWith(nil, "", mustCall(b, func(error) {}))
		w.OnFinish(mustCall(b, func() {
			ticked := false
			w.EndWith(nil, "", mustCall(b, func(err error) {
				b.True(ticked)
				b.Code(err, "ERR_STREAM_ALREADY_FINISHED")
			}))
			ticked = true
		}))
	})
}
