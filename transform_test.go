package stream

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Transform tests are Go twins of the Node programs in
// testdata/transform; see duplex_test.go for the golden files.

func TestTransformNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/transform") }

// writeCb writes chunk with a logging callback and returns Write's result;
// Write failing where Node would not throw fails the test.
func (tr *twin) writeCb(w interface {
	WriteWith(any, string, func(error)) (bool, error)
}, chunk any, label string) bool {
	tr.t.Helper()
	ok, err := w.WriteWith(chunk, "", tr.Cb(label))
	require.NoError(tr.t, err)
	return ok
}

func TestTransformCallbackData(t *testing.T) {
	tr := newTwin(t)
	var tf *Transform
	tr.Run(func() {}, func() {
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{Loop: tr.l},
			Transform: func(chunk any, enc string, done func(error, any)) {
				s := string(chunk.([]byte))
				tr.Log("_transform", showChunk(chunk), enc)
				switch s {
				case "data":
					done(nil, "D")
				case "two":
					tf.Push("t1")
					tf.Push("t2")
					done(nil, nil)
				case "both":
					tf.Push("b1")
					done(nil, "b2")
				case "none":
					done(nil, nil)
				case "later":
					tr.l.NextTick(func() { tr.Log("later calls back"); done(nil, "L") })
				case "empty":
					done(nil, "")
				default:
					done(nil, strings.ToUpper(s))
				}
			},
		})
		tr.watch(tf, "t", "data", "end", "prefinish", "finish", "close")
		for _, s := range []string{"data", "two", "both", "none", "later", "empty", "x"} {
			tr.Log("write", s, "->", tr.writeCb(tf, s, s))
		}
		tr.Log("writableLength", tf.WritableLength(), "readableLength", tf.ReadableLength())
		require.NoError(t, tf.EndWith(nil, "", tr.Cb("end")))
	}, func() {
		tr.Log("-- object mode, falsy values")
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{ObjectMode: true, Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				done(nil, chunk)
			},
		})
		tr.watch(tf, "o", "data", "end")
		for _, v := range []any{0, false, "", 1} {
			_, err := tf.Write(v)
			require.NoError(t, err)
		}
		require.NoError(t, tf.End())
	})
	tr.noUncaught()
	tr.match("transform", "callback_data")
}

func TestTransformCallbackTwice(t *testing.T) {
	tr := newTwin(t)
	newStream := func(n string, twice func(done func(error, any))) *Transform {
		tf := NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log(n, "_transform", showChunk(chunk))
				twice(done)
			},
		})
		tr.watch(tf, n, "data", "end", "finish", "error", "close")
		return tf
	}
	tr.Run(func() {}, func() {
		tf := newStream("sync", func(done func(error, any)) { done(nil, "a"); done(nil, "b") })
		tr.Log("write ->", tr.writeCb(tf, "x", "x"))
		tr.Log("destroyed", tf.Destroyed())
		tr.writeCb(tf, "y", "y")
	}, func() {
		tf := newStream("later", func(done func(error, any)) {
			done(nil, nil)
			tr.l.NextTick(func() { tr.Log("second call"); done(nil, nil) })
		})
		tr.Log("write ->", tr.writeCb(tf, "x", "x"))
	})
	tr.noUncaught()
	tr.match("transform", "callback_twice")
}

func TestTransformBackpressure(t *testing.T) {
	tr := newTwin(t)
	var tf *Transform
	lens := func(label string) {
		tr.Log(label, "r.len", tf.ReadableLength(), "w.len", tf.WritableLength(), "needDrain", tf.WritableNeedDrain())
	}
	steps := []func(){func() {}, func() {
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{ObjectMode: true, HighWaterMark: Int(2), Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				done(nil, chunk.(int)*10)
			},
		})
		tr.watch(tf, "t", "drain", "readable", "end", "finish", "close")
		for i := 1; i <= 6; i++ {
			tr.Log("write", i, "->", tr.writeCb(tf, i, strconv.Itoa(i)))
			lens("  ")
		}
	}}
	for i := 0; i < 7; i++ {
		steps = append(steps, func() {
			tr.Log("read ->", showChunk(tf.Read()))
			lens("  ")
			if i == 4 {
				require.NoError(t, tf.EndWith(nil, "", tr.Cb("end")))
			}
		})
	}
	steps = append(steps, func() { lens("at last") })
	tr.Run(steps[0], steps[1:]...)
	tr.noUncaught()
	tr.match("transform", "backpressure")
}

func TestTransformFlushAndEnd(t *testing.T) {
	tr := newTwin(t)
	var tf *Transform
	tr.Run(func() {}, func() {
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				tr.l.Post(func() { tr.Log("transformed", showChunk(chunk)); done(nil, chunk) })
			},
			Flush: func(done func(error, any)) {
				tr.Log("_flush", "writableFinished", tf.WritableFinished(), "readableLength", tf.ReadableLength())
				tf.Push("f1")
				tr.l.Post(func() { tr.Log("flush calls back"); done(nil, "f2") })
			},
		})
		tr.watch(tf, "t", "prefinish", "finish", "end", "close")
		tf.Pause()
		tr.writeCb(tf, "a", "a")
		tr.writeCb(tf, "b", "b")
		require.NoError(t, tf.EndWith("c", "", tr.Cb("end")))
		tr.Log("ended", tf.WritableEnded(), "finished", tf.WritableFinished())
	}, func() {
		tr.Log("readableLength", tf.ReadableLength(), "readableEnded", tf.ReadableEnded(), "ended", tf.ReadableState().Ended)
		tr.Log("read ->", showChunk(tf.ReadN(2)))
	}, func() {
		tr.Log("read ->", showChunk(tf.Read()))
	}, func() {
		tr.Log("read ->", showChunk(tf.Read()))
	}, func() {
		tr.Log("-- with a final hook")
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{
				Final: func(done func(error)) {
					tr.Log("_final")
					tr.l.Post(func() { tr.Log("final calls back"); done(nil) })
				},
				Loop: tr.l,
			},
			Transform: func(chunk any, _ string, done func(error, any)) { done(nil, chunk) },
			Flush:     func(done func(error, any)) { tr.Log("_flush"); done(nil, "F") },
		})
		tr.watch(tf, "u", "data", "prefinish", "finish", "end", "close")
		require.NoError(t, tf.EndWith("x", "", nil))
	})
	tr.noUncaught()
	tr.match("transform", "flush")
}

func TestTransformErrors(t *testing.T) {
	tr := newTwin(t)
	newStream := func(n string, opts TransformOptions) *Transform {
		opts.Loop = tr.l
		tf := NewTransform(opts)
		tr.watch(tf, n, "data", "prefinish", "finish", "end", "error", "close")
		return tf
	}
	state := func(tf *Transform, label string) {
		tr.Log(label, "destroyed", tf.Destroyed(), "errored", tf.Errored(), "writable", tf.Writable(), "readable", tf.Readable())
	}
	pass := func(chunk any, _ string, done func(error, any)) { done(nil, chunk) }
	tr.Run(func() {}, func() {
		tf := newStream("transform", TransformOptions{
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				if string(chunk.([]byte)) == "bad" {
					done(errors.New("bad chunk"), nil)
				} else {
					done(nil, chunk)
				}
			},
		})
		tr.Log("write ->", tr.writeCb(tf, "ok", "ok"))
		tr.Log("write ->", tr.writeCb(tf, "bad", "bad"))
		state(tf, "after bad")
		tr.Log("write ->", tr.writeCb(tf, "more", "more"))
		require.NoError(t, tf.EndWith(nil, "", tr.Cb("end")))
	}, func() {
		tf := newStream("async", TransformOptions{
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				tr.l.Post(func() { done(errors.New("late failure"), nil) })
			},
		})
		tr.writeCb(tf, "a", "a")
		tr.writeCb(tf, "b", "b")
	}, func() {
		var tf *Transform
		tf = newStream("flush", TransformOptions{
			Transform: pass,
			Flush: func(done func(error, any)) {
				tr.Log("_flush")
				tf.Push("partial")
				done(errors.New("flush failed"), nil)
			},
		})
		require.NoError(t, tf.EndWith("x", "", tr.Cb("end")))
	}, func() {
		tf := newStream("prefinish", TransformOptions{
			DuplexOptions: DuplexOptions{Final: func(done func(error)) { tr.Log("_final"); done(nil) }},
			Transform:     pass,
			Flush:         func(done func(error, any)) { tr.Log("_flush"); done(errors.New("flush failed"), nil) },
		})
		require.NoError(t, tf.EndWith("y", "", tr.Cb("end")))
	})
	tr.noUncaught()
	tr.match("transform", "errors")
}

func TestTransformNotImplemented(t *testing.T) {
	tr := newTwin(t)
	var tf *Transform
	tr.Run(func() {}, func() {
		tf = NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: tr.l}})
		tr.watch(tf, "t", "data", "finish", "end", "error", "close")
		ok, err := tf.WriteWith("a", "", tr.Cb("a"))
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e)
			require.ErrorIs(t, err, ErrMethodNotImplemented)
			require.False(t, ok)
			tr.Log("write throws", e.Code, e.Message)
		} else {
			tr.Log("write returned")
		}
		tr.Log("writableLength", tf.WritableLength(), "destroyed", tf.Destroyed())
	}, func() {
		tr.Log("writableLength", tf.WritableLength(), "destroyed", tf.Destroyed())
	})
	tr.noUncaught()
	tr.match("transform", "not_implemented")
}

// --- The seeds' examples -------------------------------------------------------

// The object-mode-in, hex-string-out Transform of the stream docs.
func TestTransformSeedHex(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {
		myTransform := NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{WritableObjectMode: true, Loop: tr.l},
			Transform: func(chunk any, _ string, callback func(error, any)) {
				// JavaScript's chunk |= 0, for the values written here.
				n, _ := chunk.(int)
				data := strconv.FormatInt(int64(n), 16)
				callback(nil, strings.Repeat("0", len(data)%2)+data)
			},
		})
		require.NoError(t, myTransform.SetEncoding("ascii"))
		myTransform.OnData(func(chunk any) { tr.Log(chunk, showChunk(chunk)) })
		for _, n := range []int{1, 10, 100} {
			_, err := myTransform.Write(n)
			require.NoError(t, err)
		}
		tr.Log("readableObjectMode", myTransform.ReadableObjectMode(), "writableObjectMode", myTransform.WritableObjectMode(),
			"readableEncoding", myTransform.ReadableEncoding())
	})
	tr.noUncaught()
	tr.match("transform", "hex")
	require.Equal(t, []string{"01 str(01)", "0a str(0a)", "64 str(64)"}, tr.Lines()[:3])
}

// dxSimpleProtocol is the streams docs' SimpleProtocol parser v2, a user
// type embedding *Transform.
type dxSimpleProtocol struct {
	*Transform
	inBody     bool
	sawFirstCr bool
	rawHeader  [][]byte
	header     any
}

func newDXSimpleProtocol(opts TransformOptions) *dxSimpleProtocol {
	p := &dxSimpleProtocol{}
	opts.Transform = p.transform
	p.Transform = NewTransform(opts)
	return p
}

func (p *dxSimpleProtocol) transform(c any, _ string, done func(error, any)) {
	chunk := c.([]byte)
	if !p.inBody {
		// check if the chunk has a \n\n
		split := -1
		for i, b := range chunk {
			if b == '\n' {
				if p.sawFirstCr {
					split = i
					break
				}
				p.sawFirstCr = true
			} else {
				p.sawFirstCr = false
			}
		}
		if split == -1 {
			// still waiting for the \n\n
			// stash the chunk, and try again.
			p.rawHeader = append(p.rawHeader, chunk)
		} else {
			p.inBody = true
			p.rawHeader = append(p.rawHeader, chunk[:split])
			if err := json.Unmarshal(bytesJoin(p.rawHeader), &p.header); err != nil {
				p.header = nil
				p.Emit("error", errors.New("invalid simple protocol data"))
				return
			}
			// and let them know that we are done parsing the header.
			p.Emit("header", p.header)
			// now, because we got some extra data, emit this first.
			p.Push(chunk[split:])
		}
	} else {
		// from there on, just provide the data to our consumer as-is.
		p.Push(chunk)
	}
	done(nil, nil)
}

func bytesJoin(parts [][]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestTransformSeedSimpleProtocol(t *testing.T) {
	tr := newTwin(t)
	jsonStr := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return string(b)
	}
	consume := func(n string, p *dxSimpleProtocol) {
		p.On("header", func(args ...any) { tr.Log(n, "header", jsonStr(args[0])) })
		p.OnData(func(c any) { tr.Log(n, "body", jsonStr(string(c.([]byte)))) })
		tr.watch(p, n, "finish", "end", "error", "close")
	}
	pieces := []string{`{"title":"Streams",`, `"version":2}` + "\n", "\nThe body starts here,\n", "and ends here.\n"}
	var invalid *dxSimpleProtocol
	tr.Run(func() {}, func() {
		p := newDXSimpleProtocol(TransformOptions{DuplexOptions: DuplexOptions{Loop: tr.l}})
		consume("byhand", p)
		for _, piece := range pieces {
			ok, err := p.Write(piece)
			require.NoError(t, err)
			tr.Log("write ->", ok)
		}
		require.NoError(t, p.End())
	}, func() {
		queue := pieces
		var source *Readable
		source = NewReadable(ReadableOptions{
			Read: func(int) {
				tr.l.Post(func() {
					if len(queue) == 0 {
						source.Push(nil)
						return
					}
					source.Push([]byte(queue[0]))
					queue = queue[1:]
				})
			},
			Loop: tr.l,
		})
		p := newDXSimpleProtocol(TransformOptions{DuplexOptions: DuplexOptions{Loop: tr.l}})
		consume("piped", p)
		source.Pipe(p)
	}, func() {
		invalid = newDXSimpleProtocol(TransformOptions{DuplexOptions: DuplexOptions{Loop: tr.l}})
		consume("invalid", invalid)
		for _, s := range []string{"{\"title\":\n", "\nbody"} {
			_, err := invalid.Write(s)
			require.NoError(t, err)
		}
		tr.Log("header", invalid.header, "writableLength", invalid.WritableLength())
		_, err := invalid.Write("more")
		require.NoError(t, err)
		tr.Log("writableLength", invalid.WritableLength())
	})
	tr.noUncaught()
	tr.match("transform", "simple_protocol")
}

// dxJSONParseStream is the streams docs' JSONParseStream, with each side's
// object mode set on the states after construction, as the docs' original
// did.
type dxJSONParseStream struct {
	*Transform
	buffer  string
	decoder *StringDecoder
}

func newDXJSONParseStream(opts TransformOptions) *dxJSONParseStream {
	p := &dxJSONParseStream{}
	opts.Transform = p.transform
	opts.Flush = p.flush
	p.Transform = NewTransform(opts)
	p.WritableState().ObjectMode = false
	p.ReadableState().ObjectMode = true
	p.decoder, _ = NewStringDecoder("utf8")
	return p
}

func (p *dxJSONParseStream) transform(chunk any, _ string, cb func(error, any)) {
	p.buffer += p.decoder.Write(chunk.([]byte))
	// split on newlines (the docs' /\r?\n/: a \r before the \n is
	// trimmed below, once the whole line is there)
	lines := strings.Split(p.buffer, "\n")
	// keep the last partial line buffered
	p.buffer = lines[len(lines)-1]
	for _, line := range lines[:len(lines)-1] {
		var obj any
		if err := json.Unmarshal([]byte(strings.TrimSuffix(line, "\r")), &obj); err != nil {
			p.Emit("error", err)
			return
		}
		// push the parsed object out to the readable consumer
		p.Push(obj)
	}
	cb(nil, nil)
}

func (p *dxJSONParseStream) flush(cb func(error, any)) {
	// Just handle any leftover
	if rem := strings.TrimSpace(p.buffer); rem != "" {
		var obj any
		if err := json.Unmarshal([]byte(rem), &obj); err != nil {
			p.Emit("error", err)
			return
		}
		// push the parsed object out to the readable consumer
		p.Push(obj)
	}
	cb(nil, nil)
}

func TestTransformSeedJSONParseStream(t *testing.T) {
	tr := newTwin(t)
	text := "{\"id\":1,\"name\":\"Ada\"}\n{\"id\":2,\"name\":\"G\u00f6del\"}\r\n[1,2,3]\n\"just a string\"\n{\"id\":3,\"name\":\"\u00c6lfrida\"}"
	input := []byte(text)
	tr.Run(func() {}, func() {
		p := newDXJSONParseStream(TransformOptions{DuplexOptions: DuplexOptions{Loop: tr.l}})
		tr.Log("readableObjectMode", p.ReadableObjectMode(), "writableObjectMode", p.WritableObjectMode(),
			"r.hwm", p.ReadableHighWaterMark(), "w.hwm", p.WritableHighWaterMark())
		tr.watch(p, "p", "data", "finish", "end", "error", "close")
		for i := 0; i < len(input); i += 7 {
			chunk := input[i:min(i+7, len(input))]
			ok, err := p.Write(chunk)
			require.NoError(t, err)
			tr.Log("write", i, "->", ok, "readableLength", p.ReadableLength())
		}
		require.NoError(t, p.End())
	}, func() {
		p := newDXJSONParseStream(TransformOptions{DuplexOptions: DuplexOptions{Loop: tr.l}})
		tr.watch(p, "bad", "data", "end", "close")
		p.OnError(func(err error) {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				tr.Log("bad error", "SyntaxError")
			} else {
				tr.Log("bad error", err)
			}
		})
		_, err := p.Write("{\"ok\":true}\n{nope}\n")
		require.NoError(t, err)
		tr.Log("writableLength", p.WritableLength())
	})
	tr.noUncaught()
	tr.match("transform", "json_parse")
}

func TestTransformOptions(t *testing.T) {
	tr := newTwin(t)
	type lister interface {
		ReadableObjectMode() bool
		WritableObjectMode() bool
		ReadableHighWaterMark() int
		WritableHighWaterMark() int
		AllowHalfOpen() bool
	}
	show := func(label string, s lister) {
		tr.Log(label, "r.objectMode", s.ReadableObjectMode(), "w.objectMode", s.WritableObjectMode(),
			"r.hwm", s.ReadableHighWaterMark(), "w.hwm", s.WritableHighWaterMark(), "allowHalfOpen", s.AllowHalfOpen())
	}
	tf := func(o DuplexOptions) *Transform {
		o.Loop = tr.l
		return NewTransform(TransformOptions{DuplexOptions: o})
	}
	tr.Run(func() {
		show("{}", tf(DuplexOptions{}))
		show("objectMode", tf(DuplexOptions{ObjectMode: true}))
		show("writableObjectMode", tf(DuplexOptions{WritableObjectMode: true}))
		show("per-side hwm", tf(DuplexOptions{ReadableHighWaterMark: Int(3), WritableHighWaterMark: Int(5)}))
		show("highWaterMark wins", tf(DuplexOptions{HighWaterMark: Int(2), ReadableHighWaterMark: Int(3), WritableHighWaterMark: Int(5)}))
		show("hwm 0", tf(DuplexOptions{HighWaterMark: Int(0)}))
		show("hwm 0 with writable", tf(DuplexOptions{HighWaterMark: Int(0), WritableHighWaterMark: Int(5)}))
		show("readable hwm 0", tf(DuplexOptions{ReadableHighWaterMark: Int(0)}))
		show("readable hwm 0 with writable", tf(DuplexOptions{ReadableHighWaterMark: Int(0), WritableHighWaterMark: Int(7)}))
		show("writable hwm 0", tf(DuplexOptions{WritableHighWaterMark: Int(0)}))
		show("allowHalfOpen false", tf(DuplexOptions{AllowHalfOpen: Bool(false)}))
		show("passthrough hwm 0", NewPassThrough(DuplexOptions{HighWaterMark: Int(0), Loop: tr.l}))
		show("passthrough readableObjectMode", NewPassThrough(DuplexOptions{ReadableObjectMode: true, Loop: tr.l}))
	})
	tr.noUncaught()
	tr.match("transform", "options")
}

func TestTransformEdges(t *testing.T) {
	tr := newTwin(t)
	var tf *Transform
	tr.Run(func() {}, func() {
		tr.Log("-- push(null) inside transform")
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				if string(chunk.([]byte)) == "stop" {
					tf.Push(nil)
				} else {
					tf.Push(chunk)
				}
				done(nil, nil)
			},
			Flush: func(done func(error, any)) { tr.Log("_flush"); done(nil, nil) },
		})
		tr.watch(tf, "p", "data", "end", "prefinish", "finish", "error", "close")
		tr.writeCb(tf, "a", "a")
		tr.writeCb(tf, "stop", "stop")
		tr.writeCb(tf, "b", "b")
		tr.Log("readableEnded", tf.ReadableEnded(), "ended", tf.ReadableState().Ended)
		require.NoError(t, tf.EndWith(nil, "", tr.Cb("end")))
	}, func() {
		tr.Log("-- destroyed while a callback is held")
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{ObjectMode: true, HighWaterMark: Int(1), Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				done(nil, chunk)
			},
		})
		tr.watch(tf, "h", "end", "finish", "error", "close")
		for i := 1; i <= 3; i++ {
			tr.Log("write ->", tr.writeCb(tf, i, strconv.Itoa(i)))
		}
		tr.Log("r.len", tf.ReadableLength(), "w.len", tf.WritableLength())
	}, func() {
		tf.Destroy(nil)
		tr.Log("read ->", showChunk(tf.Read()))
	}, func() {
		tr.Log("-- readable highWaterMark 0")
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{ReadableHighWaterMark: Int(0), Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				done(nil, chunk)
			},
		})
		tr.watch(tf, "z", "drain", "end", "finish")
		ok := tr.writeCb(tf, "x", "x")
		tr.Log("write ->", ok, "w.hwm", tf.WritableHighWaterMark())
		tr.Log("write ->", tr.writeCb(tf, "y", "y"))
	}, func() {
		tr.Log("r.len", tf.ReadableLength(), "w.len", tf.WritableLength())
		tr.Log("read ->", showChunk(tf.Read()))
	}, func() {
		tr.Log("read ->", showChunk(tf.Read()))
	}, func() {
		tr.Log("-- nothing written")
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{Loop: tr.l},
			Transform:     func(chunk any, _ string, done func(error, any)) { done(nil, chunk) },
			Flush:         func(done func(error, any)) { tr.Log("_flush"); done(nil, "only flush") },
		})
		tr.watch(tf, "e", "data", "prefinish", "finish", "end", "close")
		require.NoError(t, tf.End())
	})
	tr.noUncaught()
	tr.match("transform", "edges")
}

// A Transform's callback hands its data straight on to a flowing consumer
// when nothing is buffered; a cancel of the Context option made in the
// hook is still applied before that data goes anywhere, as push applies
// it: the consumer sees nothing and the stream fails with an AbortError.
func TestTransformCancelInHookDeliversNothing(t *testing.T) {
	for _, objectMode := range []bool{false, true} {
		l := NewLoop()
		ctx, cancel := context.WithCancel(context.Background())
		var got []any
		var errs []error
		require.NoError(t, l.Run(func() {
			tf := NewTransform(TransformOptions{
				DuplexOptions: DuplexOptions{Loop: l, Context: ctx, ObjectMode: objectMode},
				Transform: func(chunk any, _ string, cb func(error, any)) {
					if string(chunk.([]byte)) == "cancel" {
						cancel()
					}
					cb(nil, chunk)
				},
			})
			tf.OnData(func(c any) { got = append(got, string(c.([]byte))) })
			tf.OnError(func(err error) { errs = append(errs, err) })
			_, err := tf.Write([]byte("first"))
			require.NoError(t, err)
			_, err = tf.Write([]byte("cancel"))
			require.NoError(t, err)
		}), "objectMode %v", objectMode)
		require.Equal(t, []any{"first"}, got, "objectMode %v", objectMode)
		require.Len(t, errs, 1, "objectMode %v", objectMode)
		require.ErrorIs(t, errs[0], ErrAbort)
	}
}
