package nodesuite_test

import (
	"bytes"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream3-pause-then-read.js: one Readable consumed in turn by
// read(n), 'data' listeners, a pipe that is unpiped halfway, read(n) again,
// resume/pause pairs and a final pipe loses no byte and sees none twice.
func TestStream3PauseThenRead(t *testing.T) {
	block(t, "switching consumers loses nothing", func(b *B) {
		const totalChunks = 100
		const chunkSize = 99
		const expectTotalData = totalChunks * chunkSize
		expectEndingData := expectTotalData
		chunks := totalChunks
		totalPushed := 0
		var r *stream.Readable
		push := func() {
			var chunk any
			if chunks > 0 {
				buf := bytes.Repeat([]byte("x"), chunkSize)
				totalPushed += len(buf)
				chunk = buf
			}
			chunks--
			r.Push(chunk)
		}
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(1000),
			Read: func(int) {
				switch {
				case chunks%2 == 0:
					b.SetImmediate(push)
				case chunks%3 == 0:
					b.NextTick(push)
				default:
					push()
				}
			},
		})

		// readn reads n bytes, waiting for 'readable' as long as needed.
		readn := func(n int, then func()) {
			expectEndingData -= n
			var read func()
			read = func() {
				c := r.ReadN(n)
				if c == nil {
					r.Once("readable", func(...any) { read() })
					return
				}
				b.Equal(len(c.([]byte)), n)
				b.True(r.ReadableFlowing() != stream.FlowingTrue, "not flowing")
				then()
			}
			read()
		}

		var read1234 func()

		// The rest, piped.
		pipe := func() {
			written := 0
			w := stream.NewWritable(stream.WritableOptions{
				Loop: b.Loop,
				Write: func(chunk any, enc string, cb func(error)) {
					written += len(chunk.([]byte))
					cb(nil)
				},
			})
			w.OnFinish(mustCall(b, func() {
				b.Equal(written, expectEndingData)
				b.Equal(totalPushed, expectTotalData)
			}))
			r.Pipe(w)
		}

		// Resume and pause a few times without reading.
		resumePause := func() {
			for range 5 {
				r.Resume()
				r.Pause()
			}
			b.SetImmediate(pipe)
		}

		// Pipe 200 bytes, then unpipe and put the extra back.
		pipeLittle := func() {
			expectEndingData -= 200
			written := 0
			var w *stream.Writable
			w = stream.NewWritable(stream.WritableOptions{
				Loop: b.Loop,
				Write: func(chunk any, enc string, cb func(error)) {
					buf := chunk.([]byte)
					written += len(buf)
					if written < 200 {
						b.SetImmediate(func() { cb(nil) })
						return
					}
					r.Unpipe(w)
					w.End()
					cb(nil)
					if written > 200 {
						diff := written - 200
						written -= diff
						r.Unshift(buf[len(buf)-diff:])
					}
				},
			})
			w.OnFinish(mustCall(b, func() {
				b.Equal(written, 200)
				b.SetImmediate(read1234)
			}))
			r.Pipe(w)
		}

		// 100 bytes through 'data', the extra put back.
		onData := func() {
			expectEndingData -= 100
			seen := 0
			var od *stream.Listener
			od = r.OnData(func(chunk any) {
				c := chunk.([]byte)
				seen += len(c)
				if seen < 100 {
					return
				}
				r.RemoveListener("data", od)
				r.Pause()
				if seen > 100 {
					diff := seen - 100
					r.Unshift(c[len(c)-diff:])
				}
				// Nothing may be lost in between.
				b.SetImmediate(pipeLittle)
			})
		}

		read1234 = func() { readn(1234, resumePause) }
		readn(100, onData)
	})
}
