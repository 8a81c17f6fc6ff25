package nodesuite_test

import (
	"strconv"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-unshift.js: unshift puts data at the front, turns
// strings into buffers (with their encoding) or keeps them when they match
// the stream's encoding, works in object mode, and does not throw when
// called past the highWaterMark after the 'readable' listener is gone.
func TestStreamReadableUnshift(t *testing.T) {
	// asString is Node's chunk.toString(enc): a buffer decoded, a string
	// as it is.
	asString := func(b *B, chunk any, enc string) string {
		if buf, ok := chunk.([]byte); ok {
			s, err := stream.DecodeBytes(buf, enc)
			b.NoError(err)
			return s
		}
		return gA2text(chunk)
	}
	// recode is Node's Buffer.from(s, from).toString(to).
	recode := func(b *B, s, from, to string) string {
		buf, err := stream.EncodeString(s, from)
		b.NoError(err)
		out, err := stream.DecodeBytes(buf, to)
		b.NoError(err)
		return out
	}
	newReadable := func(b *B, encoding string) *stream.Readable {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}, Encoding: encoding})
	}

	block(t, "strings are saved as buffers", func(b *B) {
		readable := newReadable(b, "")
		const str = "abc"
		readable.OnData(mustCall(b, func(chunk any) {
			_, isBytes := chunk.([]byte)
			b.True(isBytes, "a buffer")
			b.Equal(asString(b, chunk, "utf8"), str)
		}, 1))
		readable.Unshift(str)
	})

	block(t, "data goes at the beginning", func(b *B) {
		readable := newReadable(b, "")
		expected := []string{"front", "back"}
		readable.OnData(mustCall(b, func(chunk any) {
			b.Equal(asString(b, chunk, "utf8"), expected[0])
			expected = expected[1:]
		}, 2))
		readable.Push("back")
		readable.Unshift("front")
	})

	block(t, "buffer saved with the right encoding", func(b *B) {
		readable := newReadable(b, "")
		const encoding = "base64"
		str := recode(b, "abc", "utf8", encoding)
		readable.OnData(mustCall(b, func(chunk any) {
			b.Equal(asString(b, chunk, encoding), str)
		}, 1))
		_, err := readable.UnshiftWith(str, encoding)
		b.NoError(err)
	})

	block(t, "chunk encodings against the stream's", func(b *B) {
		const streamEncoding = "base64"
		checkEncoding := func(readable *stream.Readable) {
			encodings := []string{"utf8", "binary", "hex", "base64"}
			type want struct{ encoding, str string }
			var expected []want
			readable.OnData(mustCall(b, func(chunk any) {
				w := expected[len(expected)-1]
				expected = expected[:len(expected)-1]
				b.Equal(asString(b, chunk, w.encoding), w.str, w.encoding)
			}, len(encodings)))
			for _, encoding := range encodings {
				const str = "abc"
				// A string in the stream's encoding is kept as it is.
				expect := str
				if encoding != streamEncoding {
					expect = recode(b, str, encoding, streamEncoding)
				}
				expected = append(expected, want{encoding, expect})
				_, err := readable.UnshiftWith(str, encoding)
				b.NoError(err)
			}
		}
		r1 := newReadable(b, "")
		b.NoError(r1.SetEncoding(streamEncoding))
		checkEncoding(r1)
		checkEncoding(newReadable(b, streamEncoding))
	})

	block(t, "push and unshift decode alike", func(b *B) {
		const encoding = "base64"
		checkEncoding := func(readable *stream.Readable) {
			const str = "abc"
			readable.OnData(mustCall(b, func(chunk any) {
				b.Equal(chunk, recode(b, str, "utf8", encoding))
			}, 2))
			readable.Push(str)
			readable.Unshift(str)
		}
		r1 := newReadable(b, "")
		b.NoError(r1.SetEncoding(encoding))
		checkEncoding(r1)
		checkEncoding(newReadable(b, encoding))
	})

	block(t, "object mode", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, ObjectMode: true, Read: func(int) {}})
		chunks := []any{"a", 1, map[string]any{}, []any{}}
		readable.OnData(mustCall(b, func(chunk any) {
			last := chunks[len(chunks)-1]
			chunks = chunks[:len(chunks)-1]
			b.Equal(chunk, last)
		}, len(chunks)))
		for _, chunk := range chunks {
			readable.Unshift(chunk)
		}
	})

	block(t, "unshift past highWaterMark does not throw", func(b *B) {
		// https://github.com/nodejs/node/issues/27192
		const highWaterMark = 50
		var buffer []string
		for i := range highWaterMark * 2 {
			buffer = append(buffer, strconv.Itoa(i))
		}
		var s *stream.Readable
		s = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(highWaterMark),
			Read: func(int) {
				for len(buffer) != 0 {
					chunk := buffer[0]
					buffer = buffer[1:]
					if len(buffer) == 0 {
						s.Push(chunk)
						s.Push(nil)
						return
					}
					if !s.Push(chunk) {
						return
					}
				}
			},
		})
		var onRead *stream.Listener
		onRead = s.Once("readable", mustCall(b, func(...any) {
			if s.Read() != nil {
				// The 'readable' listener goes before the unshift.
				s.RemoveListener("readable", onRead)
				s.Unshift("a")
				s.OnData(func(any) {})
			}
		}))
		s.OnEnd(mustCall[func()](b, nil))
	})
}
