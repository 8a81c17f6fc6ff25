package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-invalid-chunk.js: pushing or unshifting a value that
// is neither bytes nor a string in byte mode is an ERR_INVALID_ARG_TYPE
// TypeError on 'error'.
func TestStreamReadableInvalidChunk(t *testing.T) {
	vals := []struct {
		name string
		val  any
	}{{"an array", []any{}}, {"an object", map[string]any{}}, {"a number", 0}}
	for _, method := range []string{"push", "unshift"} {
		for _, v := range vals {
			val := v.val
			block(t, method+" "+v.name, func(b *B) {
				r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
				r.OnError(mustCall(b, func(err error) {
					b.Code(err, "ERR_INVALID_ARG_TYPE")
					var se *stream.Error
					b.True(errors.As(err, &se) && se.Name == "TypeError", "a TypeError")
				}))
				if method == "push" {
					r.Push(val)
				} else {
					r.Unshift(val)
				}
			})
		}
	}
}
