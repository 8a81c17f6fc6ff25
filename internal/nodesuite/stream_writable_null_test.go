package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-null.js: null is refused in object mode, a
// non-buffer in byte mode; false is a fine object.
func TestStreamWritableNull(t *testing.T) {
	newMyWritable := func(b *B, objectMode bool) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			ObjectMode:  objectMode,
			AutoDestroy: stream.Bool(false),
			Write: func(chunk any, enc string, cb func(error)) {
				b.NotEqual(chunk, nil)
				cb(nil)
			},
		})
	}
	block(t, "object mode refuses null", func(b *B) {
		m := newMyWritable(b, true)
		m.OnError(mustNotCall[func(error)](b))
		_, err := m.Write(nil)
		b.Code(err, "ERR_STREAM_NULL_VALUES")
	})
	block(t, "byte mode refuses false", func(b *B) {
		m := newMyWritable(b, false)
		m.OnError(mustNotCall[func(error)](b))
		_, err := m.Write(false)
		b.Code(err, "ERR_INVALID_ARG_TYPE")
	})
	block(t, "object mode takes false", func(b *B) {
		m := newMyWritable(b, true)
		_, err := m.WriteWith(false, "", func(err error) { b.NoError(err) })
		b.NoError(err)
	})
	block(t, "object mode takes false, with an error listener", func(b *B) {
		m := newMyWritable(b, true)
		m.OnError(func(err error) { b.Errorf("should not get here: %v", err) })
		_, err := m.WriteWith(false, "", func(err error) { b.NoError(err) })
		b.NoError(err)
	})
}
