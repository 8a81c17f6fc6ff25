package nodesuite_test

import (
	"encoding/json"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-transform.js: a Transform consumes its writable side as far
// as its readable side's highWaterMark lets it; PassThrough and simple,
// asynchronous, expanding and compressing transforms give their bytes or
// objects back through read(n) and 'data'; a full stream with empty
// transforms does not stall; 'readable' is emitted as Node does around
// reads, writes and end; JSON parse and stringify object transforms read
// back at once and end; a construct hook may push first.
func TestStream2Transform(t *testing.T) {
	newTr := func(b *B, opts stream.TransformOptions) *stream.Transform {
		opts.Loop = b.Loop
		return stream.NewTransform(opts)
	}
	newPT := func(b *B, opts stream.DuplexOptions) *stream.PassThrough {
		opts.Loop = b.Loop
		return stream.NewPassThrough(opts)
	}
	text := func(chunk any) string { return gA2text(chunk) }
	writeWords := func(w interface{ Write(any) (bool, error) }, words ...string) {
		for _, s := range words {
			w.Write([]byte(s))
		}
	}
	block(t, "writable side consumption", func(b *B) {
		var tx *stream.Transform
		transformed := 0
		tx = newTr(b, stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{HighWaterMark: stream.Int(10)},
			Transform: func(chunk any, _ string, cb func(error, any)) {
				c, _ := chunk.([]byte)
				transformed += len(c)
				tx.Push(chunk)
				cb(nil, nil)
			},
		})
		for i := 1; i <= 10; i++ {
			tx.Write(make([]byte, i))
		}
		tx.End()
		b.Equal(tx.ReadableLength(), 10)
		b.Equal(transformed, 10)
		var lens []int
		for _, c := range tx.WritableState().Buffer() {
			cb, _ := c.Chunk.([]byte)
			lens = append(lens, len(cb))
		}
		b.Equal(lens, []int{5, 6, 7, 8, 9, 10})
	})
	block(t, "passthrough", func(b *B) {
		pt := newPT(b, stream.DuplexOptions{})
		writeWords(pt, "foog", "bark", "bazy", "kuel")
		pt.End()
		b.Equal(text(pt.ReadN(5)), "foogb")
		b.Equal(text(pt.ReadN(5)), "arkba")
		b.Equal(text(pt.ReadN(5)), "zykue")
		b.Equal(text(pt.ReadN(5)), "l")
	})
	block(t, "object passthrough", func(b *B) {
		pt := newPT(b, stream.DuplexOptions{ObjectMode: true})
		obj := map[string]any{"a": "b"}
		for _, v := range []any{1, true, false, 0, "foo", "", obj} {
			pt.Write(v)
		}
		pt.End()
		b.Equal(pt.Read(), 1)
		b.Equal(pt.Read(), true)
		b.Equal(pt.Read(), false)
		b.Equal(pt.Read(), 0)
		b.Equal(pt.Read(), "foo")
		b.Equal(pt.Read(), "")
		b.Equal(pt.Read(), map[string]any{"a": "b"})
	})
	block(t, "PassThrough called without new", func(b *B) {
		b.NA("calling the constructor without new, instanceof")
	})
	block(t, "Transform called without new", func(b *B) {
		b.NA("calling the constructor without new, instanceof")
	})
	block(t, "simple transform", func(b *B) {
		var pt *stream.Transform
		pt = newTr(b, stream.TransformOptions{Transform: func(c any, _ string, cb func(error, any)) {
			cc, _ := c.([]byte)
			ret := make([]byte, len(cc))
			for i := range ret {
				ret[i] = 'x'
			}
			pt.Push(ret)
			cb(nil, nil)
		}})
		writeWords(pt, "foog", "bark", "bazy", "kuel")
		pt.End()
		b.Equal(text(pt.ReadN(5)), "xxxxx")
		b.Equal(text(pt.ReadN(5)), "xxxxx")
		b.Equal(text(pt.ReadN(5)), "xxxxx")
		b.Equal(text(pt.ReadN(5)), "x")
	})
	block(t, "simple object transform", func(b *B) {
		var pt *stream.Transform
		pt = newTr(b, stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{ObjectMode: true},
			Transform: func(c any, _ string, cb func(error, any)) {
				j, err := json.Marshal(c)
				b.NoError(err)
				pt.Push(string(j))
				cb(nil, nil)
			},
		})
		for _, v := range []any{1, true, false, 0, "foo", "", map[string]any{"a": "b"}} {
			pt.Write(v)
		}
		pt.End()
		b.Equal(pt.Read(), "1")
		b.Equal(pt.Read(), "true")
		b.Equal(pt.Read(), "false")
		b.Equal(pt.Read(), "0")
		b.Equal(pt.Read(), `"foo"`)
		b.Equal(pt.Read(), `""`)
		b.Equal(pt.Read(), `{"a":"b"}`)
	})
	block(t, "async passthrough", func(b *B) {
		var pt *stream.Transform
		pt = newTr(b, stream.TransformOptions{Transform: func(chunk any, _ string, cb func(error, any)) {
			b.SetTimeout(func() {
				pt.Push(chunk)
				cb(nil, nil)
			}, 10)
		}})
		writeWords(pt, "foog", "bark", "bazy", "kuel")
		pt.End()
		pt.OnFinish(mustCall(b, func() {
			b.Equal(text(pt.ReadN(5)), "foogb")
			b.Equal(text(pt.ReadN(5)), "arkba")
			b.Equal(text(pt.ReadN(5)), "zykue")
			b.Equal(text(pt.ReadN(5)), "l")
		}))
	})
	block(t, "asymmetric transform (expand)", func(b *B) {
		// Each chunk is pushed twice.
		var pt *stream.Transform
		pt = newTr(b, stream.TransformOptions{Transform: func(chunk any, _ string, cb func(error, any)) {
			b.SetTimeout(func() {
				pt.Push(chunk)
				b.SetTimeout(func() {
					pt.Push(chunk)
					cb(nil, nil)
				}, 10)
			}, 10)
		}})
		writeWords(pt, "foog", "bark", "bazy", "kuel")
		pt.End()
		pt.OnFinish(mustCall(b, func() {
			b.Equal(text(pt.ReadN(5)), "foogf")
			b.Equal(text(pt.ReadN(5)), "oogba")
			b.Equal(text(pt.ReadN(5)), "rkbar")
			b.Equal(text(pt.ReadN(5)), "kbazy")
			b.Equal(text(pt.ReadN(5)), "bazyk")
			b.Equal(text(pt.ReadN(5)), "uelku")
			b.Equal(text(pt.ReadN(5)), "el")
		}))
	})
	block(t, "asymmetric transform (compress)", func(b *B) {
		// Each output is the first char of 3 consecutive chunks, or
		// whatever is left.
		var pt *stream.Transform
		state := ""
		pt = newTr(b, stream.TransformOptions{
			Transform: func(chunk any, _ string, cb func(error, any)) {
				s := text(chunk)
				b.SetTimeout(func() {
					if s != "" {
						state += s[:1]
					}
					if len(state) == 3 {
						pt.Push([]byte(state))
						state = ""
					}
					cb(nil, nil)
				}, 10)
			},
			Flush: func(cb func(error, any)) {
				// Just output whatever is left.
				pt.Push([]byte(state))
				state = ""
				cb(nil, nil)
			},
		})
		writeWords(pt, "aaaa", "bbbb", "cccc", "dddd", "eeee", "aaaa", "bbbb", "cccc", "dddd", "eeee", "aaaa", "bbbb", "cccc", "dddd")
		pt.End()
		// 'abcdeabcdeabcd'
		pt.OnFinish(mustCall(b, func() {
			b.Equal(text(pt.ReadN(5)), "abcde")
			b.Equal(text(pt.ReadN(5)), "abcde")
			b.Equal(text(pt.ReadN(5)), "abcd")
		}))
	})
	block(t, "no stall on a full stream with empty transforms", func(b *B) {
		count := 0
		var saved any
		var pt *stream.Transform
		pt = newTr(b, stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{HighWaterMark: stream.Int(3)},
			Transform: func(c any, _ string, cb func(error, any)) {
				n := count
				count++
				if n == 1 {
					saved = c
				} else {
					if saved != nil {
						pt.Push(saved)
						saved = nil
					}
					pt.Push(c)
				}
				cb(nil, nil)
			},
		})
		pt.Once("readable", func(...any) {
			b.NextTick(func() {
				pt.Write([]byte("d"))
				pt.WriteWith([]byte("ef"), "", mustCall(b, func(error) { pt.End() }))
				b.Equal(text(pt.Read()), "abcdef")
				b.Equal(pt.Read(), nil)
			})
		})
		pt.Write([]byte("abc"))
	})
	block(t, "passthrough event emission", func(b *B) {
		pt := newPT(b, stream.DuplexOptions{})
		emits := 0
		pt.OnReadable(func() { emits++ })
		writeWords(pt, "foog", "bark")
		b.Equal(emits, 0)
		b.Equal(text(pt.ReadN(5)), "foogb")
		b.Equal(pt.ReadN(5), nil) // String(null)
		b.Equal(emits, 0)
		writeWords(pt, "bazy", "kuel")
		b.Equal(emits, 0)
		b.Equal(text(pt.ReadN(5)), "arkba")
		b.Equal(text(pt.ReadN(5)), "zykue")
		b.Equal(pt.ReadN(5), nil)
		pt.End()
		b.Equal(emits, 1)
		b.Equal(text(pt.ReadN(5)), "l")
		b.Equal(pt.ReadN(5), nil)
		b.Equal(emits, 1)
	})
	block(t, "passthrough event emission reordering", func(b *B) {
		pt := newPT(b, stream.DuplexOptions{})
		emits := 0
		pt.OnReadable(func() { emits++ })
		writeWords(pt, "foog", "bark")
		b.Equal(emits, 0)
		b.Equal(text(pt.ReadN(5)), "foogb")
		b.Equal(pt.ReadN(5), nil)
		pt.Once("readable", mustCall(b, func(...any) {
			b.Equal(text(pt.ReadN(5)), "arkba")
			b.Equal(pt.ReadN(5), nil)
			pt.Once("readable", mustCall(b, func(...any) {
				b.Equal(text(pt.ReadN(5)), "zykue")
				b.Equal(pt.ReadN(5), nil)
				pt.Once("readable", mustCall(b, func(...any) {
					b.Equal(text(pt.ReadN(5)), "l")
					b.Equal(pt.ReadN(5), nil)
					b.Equal(emits, 3)
				}))
				pt.End()
			}))
			writeWords(pt, "kuel")
		}))
		writeWords(pt, "bazy")
	})
	block(t, "passthrough facade", func(b *B) {
		pt := newPT(b, stream.DuplexOptions{})
		datas := []string{}
		pt.OnData(func(chunk any) { datas = append(datas, text(chunk)) })
		pt.OnEnd(mustCall(b, func() { b.Equal(datas, []string{"foog", "bark", "bazy", "kuel"}) }))
		writeWords(pt, "foog")
		b.SetTimeout(func() {
			writeWords(pt, "bark")
			b.SetTimeout(func() {
				writeWords(pt, "bazy")
				b.SetTimeout(func() {
					writeWords(pt, "kuel")
					b.SetTimeout(func() { pt.End() }, 10)
				}, 10)
			}, 10)
		}, 10)
	})
	// Anything but nil is fine: nil is "magic" in the stream API, the EOF.
	// (JSON numbers read back as float64 in Go.)
	objects := []any{
		map[string]any{"foo": "bar"},
		100.0,
		"string",
		map[string]any{"nested": map[string]any{"things": []any{map[string]any{"foo": "bar"}, 100.0, "string"}}},
	}
	block(t, "object transform (JSON parse)", func(b *B) {
		var jp *stream.Transform
		jp = newTr(b, stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{ObjectMode: true},
			Transform: func(data any, _ string, cb func(error, any)) {
				var v any
				if err := json.Unmarshal([]byte(text(data)), &v); err != nil {
					cb(err, nil)
					return
				}
				jp.Push(v)
				cb(nil, nil)
			},
		})
		ended := false
		jp.OnEnd(func() { ended = true })
		for _, obj := range objects {
			j, err := json.Marshal(obj)
			b.NoError(err)
			jp.Write(string(j))
			b.Equal(jp.Read(), obj)
		}
		jp.End()
		// Read once more to get the 'end' event.
		jp.Read()
		b.NextTick(mustCall(b, func() { b.Equal(ended, true) }))
	})
	block(t, "object transform (JSON stringify)", func(b *B) {
		var js *stream.Transform
		js = newTr(b, stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{ObjectMode: true},
			Transform: func(data any, _ string, cb func(error, any)) {
				j, err := json.Marshal(data)
				if err != nil {
					cb(err, nil)
					return
				}
				js.Push(string(j))
				cb(nil, nil)
			},
		})
		ended := false
		js.OnEnd(func() { ended = true })
		for _, obj := range objects {
			js.Write(obj)
			j, err := json.Marshal(obj)
			b.NoError(err)
			b.Equal(js.Read(), string(j))
		}
		js.End()
		// Read once more to get the 'end' event.
		js.Read()
		b.NextTick(mustCall(b, func() { b.Equal(ended, true) }))
	})
	block(t, "construct pushes before the transforms", func(b *B) {
		var s *stream.Transform
		s = newTr(b, stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{
				ObjectMode: true,
				Construct: func(cb func(error)) {
					s.Push("header from constructor")
					cb(nil)
				},
			},
			Transform: func(row any, _ string, cb func(error, any)) { cb(nil, row) },
		})
		expected := []string{"header from constructor", "firstLine", "secondLine"}
		s.OnData(mustCall(b, func(data any) {
			if b.True(len(expected) != 0, "more data than expected") {
				b.Equal(text(data), expected[0])
				expected = expected[1:]
			}
		}, 3))
		s.Write("firstLine")
		b.NextTick(func() { s.Write("secondLine") })
	})
}
