package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writableState-ending.js: ending, finished and ended through
// write, end and 'finish'. (end returning the stream has no Go meaning:
// EndWith returns an error.)
func TestStreamWritableStateEnding(t *testing.T) {
	block(t, "ending, finished, ended", func(b *B) {
		var w *stream.Writable
		states := func(ending, finished, ended bool) {
			st := w.WritableState()
			b.Equal([]bool{st.Ending, st.Finished, st.Ended}, []bool{ending, finished, ended})
		}
		w = stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) {
			states(false, false, false)
			cb(nil)
		}})
		w.OnFinish(func() { states(true, true, true) })
		b.NoError(w.EndWith("testing function end()", "", func(error) { states(true, true, true) }))
		states(true, false, true)
	})
}
