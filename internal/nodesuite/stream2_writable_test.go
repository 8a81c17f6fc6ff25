package nodesuite_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-writable.js: a Writable with an unpredictably slow write
// hook gets every chunk in order, whether written fast, slowly or under
// backpressure (with the drains counted), and calls back every write and
// end; encodings are applied to strings and ignored for buffers; a Duplex
// pipes; end(chunk) twice and write after end are errors emitted once;
// 'finish' waits for the write callbacks and the final hook, and does not
// come after an error.
func TestStream2Writable(t *testing.T) {
	// TestWriter: each write is recorded after a small random latency.
	type testWriter struct {
		*stream.Writable
		buffer  []string
		written int
	}
	latentWrite := func(b *B, tw *testWriter, chunk []byte, cb func(error)) {
		b.SetTimeout(func() {
			tw.buffer = append(tw.buffer, string(chunk))
			tw.written += len(chunk)
			cb(nil)
		}, rand.IntN(10))
	}
	newTW := func(b *B, opts stream.WritableOptions, write func(tw *testWriter, chunk any, enc string, cb func(error))) *testWriter {
		tw := &testWriter{buffer: []string{}}
		opts.Loop = b.Loop
		opts.Write = func(chunk any, enc string, cb func(error)) {
			if write != nil {
				write(tw, chunk, enc, cb)
				return
			}
			c, _ := chunk.([]byte)
			latentWrite(b, tw, c, cb)
		}
		tw.Writable = stream.NewWritable(opts)
		return tw
	}
	chunks := make([]string, 50)
	for i := range chunks {
		chunks[i] = strings.Repeat("x", i)
	}
	encodings := []string{"hex", "utf8", "utf-8", "ascii", "latin1", "binary", "base64", "ucs2", "ucs-2", "utf16le", "utf-16le", ""}
	newW := func(b *B, opts stream.WritableOptions) *stream.Writable {
		opts.Loop = b.Loop
		return stream.NewWritable(opts)
	}

	block(t, "fast writing", func(b *B) {
		tw := newTW(b, stream.WritableOptions{HighWaterMark: stream.Int(100)}, nil)
		tw.OnFinish(mustCall(b, func() { b.Equal(tw.buffer, chunks) }))
		for _, c := range chunks {
			// Backpressure ignored: it is all buffered.
			tw.Write(c)
		}
		tw.End()
	})
	block(t, "slow writing", func(b *B) {
		tw := newTW(b, stream.WritableOptions{HighWaterMark: stream.Int(100)}, nil)
		tw.OnFinish(mustCall(b, func() { b.Equal(tw.buffer, chunks) }))
		i := 0
		var w func()
		w = func() {
			tw.Write(chunks[i])
			i++
			if i < len(chunks) {
				b.SetTimeout(w, 10)
			} else {
				tw.End()
			}
		}
		w()
	})
	block(t, "write backpressure", func(b *B) {
		tw := newTW(b, stream.WritableOptions{HighWaterMark: stream.Int(50)}, nil)
		drains := 0
		tw.OnFinish(mustCall(b, func() {
			b.Equal(tw.buffer, chunks)
			b.Equal(drains, 17)
		}))
		tw.OnDrain(func() { drains++ })
		i := 0
		var w func()
		w = func() {
			for {
				ok, _ := tw.Write(chunks[i])
				i++
				if !ok || i >= len(chunks) {
					break
				}
			}
			if i < len(chunks) {
				b.True(tw.WritableLength() >= 50)
				tw.Once("drain", func(...any) { w() })
			} else {
				tw.End()
			}
		}
		w()
	})
	block(t, "write buffersize", func(b *B) {
		tw := newTW(b, stream.WritableOptions{HighWaterMark: stream.Int(100)}, nil)
		// Node's block never ends the stream: this check never runs there.
		tw.OnFinish(func() { b.Equal(tw.buffer, chunks) })
		for i, c := range chunks {
			enc := encodings[i%len(encodings)]
			s, err := stream.DecodeBytes([]byte(c), enc)
			b.NoError(err)
			tw.WriteWith(s, enc, nil)
		}
	})
	block(t, "write with no buffersize", func(b *B) {
		tw := newTW(b, stream.WritableOptions{HighWaterMark: stream.Int(100), DecodeStrings: stream.Bool(false)},
			func(tw *testWriter, chunk any, enc string, cb func(error)) {
				s, ok := chunk.(string)
				b.True(ok, "chunk is a string")
				buf, err := stream.EncodeString(s, enc)
				b.NoError(err)
				latentWrite(b, tw, buf, cb)
			})
		// Node's block never ends the stream: this check never runs there.
		tw.OnFinish(func() { b.Equal(tw.buffer, chunks) })
		for i, c := range chunks {
			enc := encodings[i%len(encodings)]
			s, err := stream.DecodeBytes([]byte(c), enc)
			b.NoError(err)
			tw.WriteWith(s, enc, nil)
		}
	})
	block(t, "write callbacks", func(b *B) {
		called := make([]string, len(chunks))
		tw := newTW(b, stream.WritableOptions{HighWaterMark: stream.Int(100)}, nil)
		tw.OnFinish(mustCall(b, func() {
			b.NextTick(mustCall(b, func() {
				b.Equal(tw.buffer, chunks)
				b.Equal(called, chunks)
			}))
		}))
		for i, c := range chunks {
			tw.WriteWith(c, "", func(error) { called[i] = c })
		}
		tw.End()
	})
	helloWorld := []byte("hello world")
	block(t, "end callback", func(b *B) {
		tw := newTW(b, stream.WritableOptions{}, nil)
		tw.EndWith(nil, "", mustCall[func(error)](b, nil))
	})
	block(t, "end callback with chunk", func(b *B) {
		tw := newTW(b, stream.WritableOptions{}, nil)
		tw.EndWith(helloWorld, "", mustCall[func(error)](b, nil))
	})
	block(t, "end callback with chunk and encoding", func(b *B) {
		tw := newTW(b, stream.WritableOptions{}, nil)
		tw.EndWith("hello world", "ascii", mustCall[func(error)](b, nil))
	})
	block(t, "end callback after write", func(b *B) {
		tw := newTW(b, stream.WritableOptions{}, nil)
		tw.Write(helloWorld)
		tw.EndWith(nil, "", mustCall[func(error)](b, nil))
	})
	block(t, "end callback after write callback", func(b *B) {
		tw := newTW(b, stream.WritableOptions{}, nil)
		writeCalledback := false
		tw.WriteWith(helloWorld, "", func(error) { writeCalledback = true })
		tw.EndWith(nil, "", mustCall(b, func(error) { b.Equal(writeCalledback, true) }))
	})
	block(t, "encoding is ignored for buffers", func(b *B) {
		const hex = "018b5e9a8f6236ffe30e31baf80d2cf6eb"
		tw := newW(b, stream.WritableOptions{Write: mustCall(b, func(chunk any, _ string, _ func(error)) {
			c, _ := chunk.([]byte)
			s, _ := stream.DecodeBytes(c, "hex")
			b.Equal(s, hex)
		})})
		buf, err := stream.EncodeString(hex, "hex")
		b.NoError(err)
		tw.WriteWith(buf, "latin1", nil)
	})
	block(t, "writables cannot be piped", func(b *B) {
		// Go's Writable has no Pipe method; w.pipe(dest) is the legacy
		// pipe, LegacyPipe, which a Writable answers as Node's
		// Writable.prototype.pipe does.
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(false),
			Write:       mustNotCall[func(any, string, func(error))](b),
		})
		gotError := false
		w.OnError(func(err error) {
			gotError = true
			b.Code(err, "ERR_STREAM_CANNOT_PIPE")
		})
		stream.LegacyPipe(w, stream.FromWriter(os.Stdout, stream.WritableOptions{Loop: b.Loop}), stream.PipeOptions{})
		b.Equal(gotError, true)
	})
	block(t, "duplex streams can be piped", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{
			Loop:  b.Loop,
			Read:  mustCall[func(int)](b, nil),
			Write: mustNotCall[func(any, string, func(error))](b),
		})
		gotError := false
		d.On("error", func(...any) { gotError = true })
		d.Pipe(stream.FromWriter(os.Stdout, stream.WritableOptions{Loop: b.Loop}))
		b.Equal(gotError, false)
	})
	block(t, "end(chunk) twice is an error", func(b *B) {
		w := newW(b, stream.WritableOptions{Write: mustCall(b, func(chunk any, _ string, _ func(error)) {
			b.Equal(gA2text(chunk), "this is the end")
		})})
		gotError := false
		w.OnError(func(err error) {
			gotError = true
			b.Equal(gA2message(err), "write after end")
		})
		w.EndWith("this is the end", "", nil)
		w.EndWith("and so is this", "", nil)
		b.NextTick(mustCall(b, func() { b.Equal(gotError, true) }))
	})
	block(t, "no end while writing", func(b *B) {
		wrote := false
		var writing *bool // this.writing, undefined at first
		w := newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) {
			b.True(writing == nil, "this.writing is undefined")
			wrote = true
			writing = stream.Bool(true)
			b.SetTimeout(func() {
				*writing = false
				cb(nil)
			}, 1)
		}})
		w.OnFinish(mustCall(b, func() {
			b.Equal(wrote, true)
			b.True(writing != nil && !*writing, "this.writing is false")
		}))
		w.Write([]byte{})
		w.End()
	})
	block(t, "finish after an async write callback", func(b *B) {
		writeCb := false
		w := newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) {
			b.SetTimeout(func() {
				writeCb = true
				cb(nil)
			}, 10)
		}})
		w.OnFinish(mustCall(b, func() { b.Equal(writeCb, true) }))
		w.Write([]byte{})
		w.End()
	})
	block(t, "finish after a sync write callback", func(b *B) {
		writeCb := false
		w := newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		w.OnFinish(mustCall(b, func() { b.Equal(writeCb, true) }))
		w.WriteWith([]byte{}, "", func(error) { writeCb = true })
		w.End()
	})
	block(t, "finish when the last chunk is empty", func(b *B) {
		w := newW(b, stream.WritableOptions{Write: func(_ any, _ string, cb func(error)) {
			b.NextTick(func() { cb(nil) })
		}})
		w.OnFinish(mustCall[func()](b, nil))
		w.Write(make([]byte, 1))
		w.EndWith([]byte{}, "", nil)
	})
	block(t, "finish after final", func(b *B) {
		shutdown := false
		w := newW(b, stream.WritableOptions{
			// n/a: `this` in the final hook.
			Final: mustCall(b, func(cb func(error)) {
				b.SetTimeout(func() {
					shutdown = true
					cb(nil)
				}, 100)
			}),
			Write: func(_ any, _ string, cb func(error)) {
				b.NextTick(func() { cb(nil) })
			},
		})
		w.OnFinish(mustCall(b, func() { b.Equal(shutdown, true) }))
		w.Write(make([]byte, 1))
		w.EndWith([]byte{}, "", nil)
	})
	block(t, "error emitted once when final fails", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{Final: mustCall(b, func(cb func(error)) { cb(errors.New("test")) })})
		w.OnError(mustCall(b, func(err error) {
			b.Equal(w.WritableState().ErrorEmitted, true)
			b.Equal(err.Error(), "test")
			w.OnError(mustNotCall[func(error)](b))
			w.Destroy(errors.New(""))
		}))
		w.End()
	})
	block(t, "write(null) throws and emits no error", func(b *B) {
		w := newW(b, stream.WritableOptions{})
		w.OnError(mustNotCall[func(error)](b))
		_, err := w.Write(nil)
		b.Code(err, "ERR_STREAM_NULL_VALUES")
	})
	block(t, "error emitted once on write after end", func(b *B) {
		var w *stream.Writable
		w = newW(b, stream.WritableOptions{})
		w.OnError(mustCall(b, func(err error) {
			b.Equal(w.WritableState().ErrorEmitted, true)
			b.Code(err, "ERR_STREAM_WRITE_AFTER_END")
		}))
		w.End()
		w.Write("hello")
		w.Destroy(errors.New(""))
	})
	block(t, "no finish after an error", func(b *B) {
		w := newW(b, stream.WritableOptions{
			Final: mustCall(b, func(cb func(error)) { cb(errors.New("")) }),
			Write: func(_ any, _ string, cb func(error)) {
				b.NextTick(func() { cb(nil) })
			},
		})
		w.OnError(mustCall[func(error)](b, nil))
		w.OnPrefinish(mustNotCall[func()](b))
		w.OnFinish(mustNotCall[func()](b))
		w.Write(make([]byte, 1))
		w.EndWith([]byte{}, "", nil)
	})
}
