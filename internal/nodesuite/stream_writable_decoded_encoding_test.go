package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-decoded-encoding.js: with decodeStrings a string
// written as utf8 reaches the write hook as bytes with encoding "buffer";
// without it, as the string with its encoding.
func TestStreamWritableDecodedEncoding(t *testing.T) {
	newMyWritable := func(b *B, decodeStrings bool, fn func(chunk any, enc string)) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			DecodeStrings: stream.Bool(decodeStrings),
			Write: func(chunk any, enc string, cb func(error)) {
				fn(chunk, enc)
				cb(nil)
			},
		})
	}
	block(t, "decodeStrings true", func(b *B) {
		m := newMyWritable(b, true, func(chunk any, enc string) {
			_, isBuffer := chunk.([]byte)
			b.True(isBuffer)
			// n/a: typeof chunk === 'object' is the []byte check above.
			b.Equal(enc, "buffer")
		})
		m.WriteWith("some-text", "utf8", nil)
		m.End()
	})
	block(t, "decodeStrings false", func(b *B) {
		m := newMyWritable(b, false, func(chunk any, enc string) {
			_, isBuffer := chunk.([]byte)
			b.False(isBuffer)
			_, isString := chunk.(string)
			b.True(isString)
			b.Equal(enc, "utf8")
		})
		m.WriteWith("some-text", "utf8", nil)
		m.End()
	})
}
