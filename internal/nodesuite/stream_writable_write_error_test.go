package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-write-error.js: a write after end fails on a later
// tick, its callback before the 'error' event, both with
// ERR_STREAM_WRITE_AFTER_END; a null chunk, a chunk of the wrong type and
// an unknown encoding fail at once (Node throws; Write returns the error);
// all of it with autoDestroy off and on.
func TestStreamWritableWriteError(t *testing.T) {
	// expectError is Node's helper: sync errors come back from the write,
	// async ones through its callback and then 'error'.
	expectError := func(b *B, w *stream.Writable, chunk any, encoding, code string, sync bool) {
		if sync {
			_, err := w.WriteWith(chunk, encoding, nil)
			if code != "" {
				b.Code(err, code)
			}
			return
		}
		errorCalled, ticked := false, false
		w.WriteWith(chunk, encoding, mustCall(b, func(err error) {
			b.Equal(ticked, true)
			b.Equal(errorCalled, false)
			b.Code(err, code)
		}))
		ticked = true
		w.OnError(mustCall(b, func(err error) {
			errorCalled = true
			b.Code(err, code)
		}))
	}
	// The Node file passes _write as an option, which Node ignores: no
	// write hook is set, and none is reached.
	newW := func(b *B, autoDestroy bool, decodeStrings *bool) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			AutoDestroy:   stream.Bool(autoDestroy),
			DecodeStrings: decodeStrings,
		})
	}
	for _, autoDestroy := range []bool{false, true} {
		name := func(what string) string { return fmt.Sprintf("autoDestroy %v: %s", autoDestroy, what) }
		block(t, name("write after end"), func(b *B) {
			w := newW(b, autoDestroy, nil)
			w.End()
			expectError(b, w, "asd", "", "ERR_STREAM_WRITE_AFTER_END", false)
		})
		block(t, name("destroy"), func(b *B) {
			w := newW(b, autoDestroy, nil)
			w.Destroy(nil)
		})
		block(t, name("null chunk"), func(b *B) {
			w := newW(b, autoDestroy, nil)
			expectError(b, w, nil, "", "ERR_STREAM_NULL_VALUES", true)
		})
		block(t, name("object chunk"), func(b *B) {
			w := newW(b, autoDestroy, nil)
			expectError(b, w, struct{}{}, "", "ERR_INVALID_ARG_TYPE", true)
		})
		block(t, name("unknown encoding"), func(b *B) {
			w := newW(b, autoDestroy, stream.Bool(false))
			expectError(b, w, "asd", "noencoding", "ERR_UNKNOWN_ENCODING", true)
		})
	}
}
