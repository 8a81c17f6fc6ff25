package nodesuite_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-basic.js: reading with growing sizes, pipe, unpipe and
// re-pipe to one or several destinations, backpressure over several
// destinations, read(0) on an ended stream, a read hook ending at once,
// 'readable' starting the flow, and the readableEncoding/ObjectMode
// getters.
//
// Node's TestWriter is an EventEmitter with write and end methods, and the
// backpressure and read(0) blocks pipe into Readables with write and end
// patched in: Go's Pipe takes only streams, so each is a Writable whose
// Write hook records the chunk and calls back at once (its return value
// then comes from the highWaterMark), and whose Final hook plays end.
func TestStream2Basic(t *testing.T) {
	// newTestReader is Node's TestReader: n bytes of 'x' served in reads of
	// the size asked, ten times over, with a 10ms pause between rounds.
	newTestReader := func(b *B, n int) *stream.Readable {
		buffer := bytes.Repeat([]byte("x"), n)
		pos, bufs := 0, 10
		var r *stream.Readable
		var read func(n int)
		read = func(n int) {
			n = max(n, 0)
			toRead := min(n, len(buffer)-pos)
			if toRead == 0 {
				b.SetTimeout(func() {
					pos = 0
					bufs--
					if bufs <= 0 {
						r.Push(nil)
					} else {
						read(n)
					}
				}, 10)
				return
			}
			ret := buffer[pos : pos+toRead]
			pos += toRead
			r.Push(ret)
		}
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(n int) { read(n) }})
		return r
	}
	// newTestWriter is Node's TestWriter: it records each chunk as a
	// string, emits 'write' for it, and emits 'end' with what it received
	// when it is ended.
	type testWriter struct {
		*stream.Writable
		received []string
	}
	newTestWriter := func(b *B) *testWriter {
		tw := &testWriter{}
		tw.Writable = stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(c any, enc string, cb func(error)) {
				tw.received = append(tw.received, string(c.([]byte)))
				tw.Emit("write", c)
				cb(nil)
			},
			Final: func(cb func(error)) {
				tw.Emit("end", tw.received)
				cb(nil)
			},
		})
		return tw
	}
	onEnd := func(tw *testWriter, fn func(received []string)) {
		tw.On("end", func(args ...any) { fn(args[0].([]string)) })
	}
	fives := func(n int) []string {
		s := make([]string, n)
		for i := range s {
			s[i] = "xxxxx"
		}
		return s
	}

	block(t, "reads of growing sizes", func(b *B) {
		r := newTestReader(b, 20)
		var reads []string
		expect := []string{
			"x", "xx", "xxx", "xxxx", "xxxxx",
			strings.Repeat("x", 9), strings.Repeat("x", 10), strings.Repeat("x", 12),
			strings.Repeat("x", 13), strings.Repeat("x", 15), strings.Repeat("x", 17),
			strings.Repeat("x", 19), strings.Repeat("x", 21), strings.Repeat("x", 23),
			strings.Repeat("x", 25), strings.Repeat("x", 21),
		}
		r.OnEnd(mustCall(b, func() { b.Equal(reads, expect) }))
		readSize := 1
		var flow func()
		flow = func() {
			for {
				res := r.ReadN(readSize)
				readSize++
				if res == nil {
					break
				}
				reads = append(reads, string(res.([]byte)))
			}
			r.Once("readable", func(...any) { flow() })
		}
		flow()
	})

	block(t, "pipe", func(b *B) {
		r := newTestReader(b, 5)
		w := newTestWriter(b)
		onEnd(w, mustCall(b, func(received []string) { b.Equal(received, fives(10)) }))
		r.Pipe(w)
	})

	block(t, "unpipe after SPLIT writes and pipe elsewhere", func(b *B) {
		for split := 1; split <= 9; split++ {
			r := newTestReader(b, 5)
			all := fives(10)
			expect := [][]string{all[:split], all[split:]}
			w := []*testWriter{newTestWriter(b), newTestWriter(b)}
			writes := split
			w[0].On("write", func(...any) {
				writes--
				if writes != 0 {
					return
				}
				r.Unpipe()
				b.Equal(len(r.ReadableState().Pipes), 0, "pipes after unpipe")
				w[0].End()
				r.Pipe(w[1])
				b.Equal(r.ReadableState().Pipes, []stream.WritableStream{w[1]})
			})
			ended := 0
			onEnd(w[0], mustCall(b, func(results []string) {
				ended++
				b.Equal(ended, 1)
				b.Equal(results, expect[0])
			}))
			onEnd(w[1], mustCall(b, func(results []string) {
				ended++
				b.Equal(ended, 2)
				b.Equal(results, expect[1])
			}))
			r.Pipe(w[0])
		}
	})

	block(t, "two destinations get the same data", func(b *B) {
		r := newTestReader(b, 5)
		w := []*testWriter{newTestWriter(b), newTestWriter(b)}
		onEnd(w[0], mustCall(b, func(received []string) { b.Equal(received, fives(10)) }))
		onEnd(w[1], mustCall(b, func(received []string) { b.Equal(received, fives(10)) }))
		r.Pipe(w[0])
		r.Pipe(w[1])
	})

	block(t, "unpipe all after SPLIT writes and pipe elsewhere", func(b *B) {
		for split := 1; split <= 9; split++ {
			r := newTestReader(b, 5)
			all := fives(10)
			expect := [][]string{all[:split], all[split:]}
			w := []*testWriter{newTestWriter(b), newTestWriter(b), newTestWriter(b)}
			writes := split
			w[0].On("write", func(...any) {
				writes--
				if writes != 0 {
					return
				}
				r.Unpipe()
				w[0].End()
				r.Pipe(w[1])
			})
			ended := 0
			onEnd(w[0], mustCall(b, func(results []string) {
				ended++
				b.Equal(ended, 1)
				b.Equal(results, expect[0])
			}))
			onEnd(w[1], mustCall(b, func(results []string) {
				ended++
				b.Equal(ended, 2)
				b.Equal(results, expect[1])
			}))
			r.Pipe(w[0])
			r.Pipe(w[2])
		}
	})

	block(t, "backpressure over several destinations", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read:       mustNotCall[func(int)](b),
		})
		counter := 0
		r.Push([]string{"one"})
		r.Push([]string{"two"})
		r.Push([]string{"three"})
		r.Push([]string{"four"})
		r.Push(nil)
		// A highWaterMark of one object makes each write return false, as
		// the patched write methods of Node's test do (but for 'four').
		var w1, w2, w3 *stream.Writable
		w1 = stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			ObjectMode:    true,
			HighWaterMark: stream.Int(1),
			Write: func(chunk any, enc string, cb func(error)) {
				b.Equal(chunk.([]string)[0], "one")
				w1.Emit("close")
				b.NextTick(func() {
					r.Pipe(w2)
					r.Pipe(w3)
				})
				cb(nil)
			},
			Final: mustNotCall[func(func(error))](b),
		})
		r.Pipe(w1)
		expected := []string{"two", "two", "three", "three", "four", "four"}
		shift := func() string {
			s := expected[0]
			expected = expected[1:]
			return s
		}
		// drainAfter calls back (so that the Writable emits 'drain') after
		// ms milliseconds, but for 'four', which Node's test takes at once.
		drainAfter := func(chunk any, cb func(error), ms int) {
			if chunk.([]string)[0] == "four" {
				cb(nil)
				return
			}
			b.SetTimeout(func() {
				counter--
				cb(nil)
			}, ms)
		}
		w2 = stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			ObjectMode:    true,
			HighWaterMark: stream.Int(1),
			Write: func(chunk any, enc string, cb func(error)) {
				b.Equal(chunk.([]string)[0], shift())
				b.Equal(counter, 0)
				counter++
				drainAfter(chunk, cb, 10)
			},
			Final: mustCall(b, func(cb func(error)) { cb(nil) }),
		})
		w3 = stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			ObjectMode:    true,
			HighWaterMark: stream.Int(1),
			Write: func(chunk any, enc string, cb func(error)) {
				b.Equal(chunk.([]string)[0], shift())
				b.Equal(counter, 1)
				counter++
				drainAfter(chunk, cb, 50)
			},
			Final: mustCall(b, func(cb func(error)) {
				b.Equal(counter, 2)
				b.Equal(len(expected), 0)
				cb(nil)
			}),
		})
	})

	block(t, "read(0) on an ended stream", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: mustNotCall[func(int)](b)})
		written, ended := false, false
		r.Push([]byte("foo"))
		r.Push(nil)
		b.Equal(r.ReadN(0), nil)
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(buffer any, enc string, cb func(error)) {
				written = true
				b.False(ended)
				b.Equal(string(buffer.([]byte)), "foo")
				cb(nil)
			},
			Final: mustCall(b, func(cb func(error)) {
				ended = true
				b.True(written)
				cb(nil)
			}),
		})
		r.Pipe(w)
	})

	block(t, "read hook ending at once", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) { r.Push(nil) },
		})
		called := false
		r.Once("end", func(...any) { called = true })
		r.Read()
		b.NextTick(func() { b.True(called) })
	})

	block(t, "a readable listener starts the flow", func(b *B) {
		var r *stream.Readable
		onReadable := false
		readCalled := 0
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(5),
			Read: func(int) {
				readCalled++
				if readCalled-1 == 2 {
					r.Push(nil)
				} else {
					r.Push([]byte("asdf"))
				}
			},
		})
		r.OnReadable(func() {
			onReadable = true
			r.Read()
		})
		r.OnEnd(mustCall(b, func() {
			b.Equal(readCalled, 3)
			b.True(onReadable)
		}))
	})

	block(t, "setEncoding, pause and resume in a row", func(b *B) {
		// Node chains the calls and checks that each returns the stream:
		// Go's methods do not return their receiver. The calls still run.
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: mustCall(b, func(int) {})})
		b.NoError(r.SetEncoding("utf8"))
		r.Pause()
		r.Resume()
		r.Pause()
	})

	block(t, "readableEncoding", func(b *B) {
		// The check that the getter is on the prototype has no Go meaning.
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Encoding: "utf8"})
		b.Equal(r.ReadableEncoding(), "utf8")
	})

	block(t, "readableObjectMode", func(b *B) {
		// The check that the getter is on the prototype has no Go meaning.
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, ObjectMode: true})
		b.True(r.ReadableObjectMode())
	})

	block(t, "writableObjectMode", func(b *B) {
		// The check that the getter is on the prototype has no Go meaning.
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, ObjectMode: true})
		b.True(w.WritableObjectMode())
	})
}
