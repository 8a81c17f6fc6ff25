package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-unshift-read-race.js: unshift does not cause overlapping read
// hook calls; unshift after the EOF null (but before 'end') makes a new
// chunk, a push after it is ERR_STREAM_PUSH_AFTER_EOF, and the read hook is
// not called after the null.
func TestStreamUnshiftReadRace(t *testing.T) {
	block(t, "unshift and push around EOF", func(b *B) {
		const hwm = 10
		const chunks = 10
		data := make([]byte, chunks*hwm+(hwm+1)/2)
		for i := range data {
			data[i] = "asdf"[i%4]
		}
		pos := 0
		pushedNull := false
		var w *stream.Writable
		var r *stream.Readable

		// Node's push throws with no 'error' listener: here the error is
		// the block's uncaught error.
		b.OnUncaught(mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PUSH_AFTER_EOF") }))
		pushError := func() {
			r.Unshift(make([]byte, 1))
			w.End()
			r.Push(make([]byte, 1))
		}
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(hwm),
			AutoDestroy:   stream.Bool(false),
			Read: func(n int) {
				b.False(pushedNull, "read hook after the null push")
				push := func(fast bool) {
					b.False(pushedNull, "push after the null push")
					var c any
					if pos < len(data) {
						c = data[pos:min(pos+n, len(data))]
					}
					pushedNull = c == nil
					doPush := func() {
						pos += n
						r.Push(c)
						if c == nil {
							pushError()
						}
					}
					if fast {
						doPush()
					} else {
						b.SetTimeout(doPush, 1)
					}
				}
				// Every third chunk would be fast; 10 is not a multiple of 3.
				push(chunks%3 == 0)
			},
		})
		var written []string
		w = stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(chunk any, enc string, cb func(error)) {
				written = append(written, gA2text(chunk))
				cb(nil)
			},
		})
		r.OnEnd(mustNotCall[func()](b))
		r.OnReadable(func() {
			for {
				chunk := r.ReadN(10)
				if chunk == nil {
					break
				}
				w.Write(chunk)
				if len(chunk.([]byte)) > 4 {
					r.Unshift([]byte("1234"))
				}
			}
		})
		w.OnFinish(mustCall(b, func() {
			// Each chunk starts with 1234, then goes on with asdfasdf...;
			// the first was read before the first unshift.
			if len(written) == 0 {
				b.Errorf("nothing written")
				return
			}
			b.Equal(written[0], "asdfasdfas")
			next := map[byte]byte{'a': 's', 's': 'd', 'd': 'f', 'f': 'a'}
			asdf := byte('d')
			for i := 1; i < len(written); i++ {
				b.Equal(written[i][:min(4, len(written[i]))], "1234", "chunk", i)
				for j := 4; j < len(written[i]); j++ {
					if !b.Equal(written[i][j], asdf, "chunk ", i, " byte ", j) {
						return
					}
					asdf = next[asdf]
				}
			}
		}))
		b.AtExit(func() { b.Equal(len(written), 18) })
	})
}
