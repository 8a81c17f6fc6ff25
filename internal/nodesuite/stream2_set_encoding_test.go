package nodesuite_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-set-encoding.js: a stream decoded as utf8, hex or base64,
// set by SetEncoding or by the option, hands out reads of the size asked
// in characters of the encoding, and a double push(null) at the end is
// harmless.
func TestStream2SetEncoding(t *testing.T) {
	// newTestReader is Node's TestReader: n bytes of 'a', each read served
	// 1ms later with the size asked, ended by two push(null).
	newTestReader := func(b *B, n int, opts stream.ReadableOptions) *stream.Readable {
		pos := 0
		var r *stream.Readable
		opts.Loop = b.Loop
		opts.Read = func(size int) {
			b.SetTimeout(func() {
				if pos >= n {
					r.Push(nil)
					r.Push(nil)
					return
				}
				size = min(size, n-pos)
				if size <= 0 {
					r.Push(nil)
					r.Push(nil)
					return
				}
				pos += size
				r.Push(bytes.Repeat([]byte("a"), size))
			}, 1)
		}
		r = stream.NewReadable(opts)
		return r
	}
	repeat := func(s string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	utf8Expect := repeat("aaaaaaaaaa", 10)
	hexExpect := repeat("6161616161", 20)
	hex13Expect := strings.Split(strings.Repeat("6161616161616,1616161616161,", 7)+"6161616161616,16161", ",")
	base64Expect := append(strings.Split(strings.Repeat("YWFhYWFhYW,FhYWFhYWFh,", 6)+"YWFhYWFhYW", ","), "FhYQ==")

	cases := []struct {
		name     string
		encoding string
		size     int
		expect   []string
	}{
		{"utf8", "utf8", 10, utf8Expect},
		{"hex", "hex", 10, hexExpect},
		{"hex with read(13)", "hex", 13, hex13Expect},
		{"base64", "base64", 10, base64Expect},
	}
	for _, viaOption := range []bool{false, true} {
		for _, c := range cases {
			name := c.name + " by setEncoding"
			if viaOption {
				name = c.name + " by the encoding option"
			}
			block(t, name, func(b *B) {
				var tr *stream.Readable
				if viaOption {
					tr = newTestReader(b, 100, stream.ReadableOptions{Encoding: c.encoding})
				} else {
					tr = newTestReader(b, 100, stream.ReadableOptions{})
					b.NoError(tr.SetEncoding(c.encoding))
				}
				var out []string
				tr.OnReadable(func() {
					for chunk := tr.ReadN(c.size); chunk != nil; chunk = tr.ReadN(c.size) {
						out = append(out, chunk.(string))
					}
				})
				tr.OnEnd(mustCall(b, func() { b.Equal(out, c.expect) }))
			})
		}
	}

	block(t, "setEncoding chains", func(b *B) {
		b.NA("setEncoding returns the stream for chaining: Go's SetEncoding returns an error")
	})
}
