package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-change-default-encoding.js: without decodeStrings
// a string written without an encoding reaches the write hook as utf8, or
// as the encoding setDefaultEncoding set, whose name is case-insensitive;
// an unknown name is ERR_UNKNOWN_ENCODING (a TypeError).
func TestStreamWritableChangeDefaultEncoding(t *testing.T) {
	newMyWritable := func(b *B, fn func(chunk any, enc string)) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			DecodeStrings: stream.Bool(false),
			Write: func(chunk any, enc string, cb func(error)) {
				fn(chunk, enc)
				cb(nil)
			},
		})
	}
	block(t, "default encoding is utf8", func(b *B) {
		m := newMyWritable(b, func(_ any, enc string) { b.Equal(enc, "utf8") })
		m.Write("foo")
		m.End()
	})
	block(t, "change default encoding to ascii", func(b *B) {
		m := newMyWritable(b, func(_ any, enc string) { b.Equal(enc, "ascii") })
		b.NoError(m.SetDefaultEncoding("ascii"))
		m.Write("bar")
		m.End()
	})
	block(t, "change default encoding to an invalid value", func(b *B) {
		// Node passes {}, which Go's string parameter rules out; "{}" is
		// an unknown name that Node's message prints the same.
		m := newMyWritable(b, func(any, string) {})
		err := m.SetDefaultEncoding("{}")
		if !b.Code(err, "ERR_UNKNOWN_ENCODING") {
			m.Write("bar")
			m.End()
			return
		}
		b.Name(err, "TypeError")
		b.Equal(gA2message(err), "Unknown encoding: {}")
	})
	block(t, "check variable case encoding", func(b *B) {
		m := newMyWritable(b, func(_ any, enc string) { b.Equal(enc, "ascii") })
		b.NoError(m.SetDefaultEncoding("AsCii"))
		m.Write("bar")
		m.End()
	})
}
