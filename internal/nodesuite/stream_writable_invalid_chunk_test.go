package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-invalid-chunk.js: in byte mode anything but a
// string or bytes is ERR_INVALID_ARG_TYPE, null is ERR_STREAM_NULL_VALUES,
// and nothing is emitted; in object mode anything but null goes. (JS's
// undefined has no Go form: nil is null.)
func TestStreamWritableInvalidChunk(t *testing.T) {
	block(t, "chunk types", func(b *B) {
		try := func(val any, objectMode bool, code string) {
			w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, ObjectMode: objectMode, Write: func(any, string, func(error)) {}})
			w.OnError(mustNotCall[func(error)](b))
			_, err := w.Write(val)
			if code == "" {
				b.NoError(err, val)
				return
			}
			b.Code(err, code, val)
		}
		for _, v := range []any{[]any{}, map[string]any{}, 0, true, 0.0} {
			try(v, false, "ERR_INVALID_ARG_TYPE")
		}
		try(nil, false, "ERR_STREAM_NULL_VALUES")
		for _, v := range []any{[]any{}, map[string]any{}, 0, true, 0.0} {
			try(v, true, "")
		}
		try(nil, true, "ERR_STREAM_NULL_VALUES")
	})
}
