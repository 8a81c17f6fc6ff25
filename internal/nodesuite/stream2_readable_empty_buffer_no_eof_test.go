package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-readable-empty-buffer-no-eof.js: an empty chunk pushed by
// the read hook means "no data yet", not the end, and the stream reads
// again; a base64 stream emits its padded tail at the end.
func TestStream2ReadableEmptyBufferNoEOF(t *testing.T) {
	str := func(chunk any) string {
		switch c := chunk.(type) {
		case []byte:
			return string(c)
		case string:
			return c
		}
		return fmt.Sprint(chunk)
	}

	block(t, "empty pushes are not the end", func(b *B) {
		buf := []byte("xxxxx")
		reads := 5
		var r *stream.Readable
		read0 := func() { r.ReadN(0) }
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				reads--
				switch reads + 1 {
				case 5:
					b.SetImmediate(func() { r.Push(buf) })
				case 4:
					b.SetImmediate(func() { r.Push([]byte{}) })
					b.SetImmediate(read0)
				case 3:
					b.SetImmediate(read0)
					b.NextTick(func() { r.Push([]byte{}) })
				case 2:
					b.SetImmediate(read0)
					r.Push([]byte{}) // not the end
				case 1:
					r.Push(buf)
				case 0:
					r.Push(nil) // the end
				default:
					b.Fatalf("unreachable")
				}
			},
		})
		var results []string
		flow := func() {
			for chunk := r.Read(); chunk != nil; chunk = r.Read() {
				results = append(results, str(chunk))
			}
		}
		r.OnReadable(flow)
		r.OnEnd(func() { results = append(results, "EOF") })
		flow()
		b.AtExit(func() { b.Equal(results, []string{"xxxxx", "xxxxx", "EOF"}) })
	})

	block(t, "base64 tail at the end", func(b *B) {
		reads := 5
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:     b.Loop,
			Encoding: "base64",
			Read: func(int) {
				if reads == 0 {
					reads--
					r.Push(nil)
					return
				}
				reads--
				r.Push([]byte("x"))
			},
		})
		var results []string
		flow := func() {
			for chunk := r.Read(); chunk != nil; chunk = r.Read() {
				results = append(results, str(chunk))
			}
		}
		r.OnReadable(flow)
		r.OnEnd(func() { results = append(results, "EOF") })
		flow()
		b.AtExit(func() { b.Equal(results, []string{"eHh4", "eHg=", "EOF"}) })
	})
}
