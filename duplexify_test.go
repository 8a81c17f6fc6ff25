package stream

import (
	"errors"
	"testing"
)

func TestDuplexFromNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/duplexfrom") }

// TestDuplexFromPair is the Go twin of testdata/duplexfrom/pair.js.
func TestDuplexFromPair(t *testing.T) {
	p := newTwin(t)
	l := p.l
	log := func(a ...any) { p.Log(a...) }
	var src func() *Readable
	src = func() *Readable {
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) { r.Push("asd"); r.Push(nil) }})
		return r
	}
	ret := ""
	sink := func() *Writable {
		return NewWritable(WritableOptions{Loop: l, Write: func(c any, _ string, cb func(error)) {
			ret += string(c.([]byte))
			cb(nil)
		}})
	}
	errName := func(err error) string {
		var se *Error
		if errors.As(err, &se) {
			return se.Name
		}
		return ""
	}
	p.Run(func() {
		d1 := DuplexFromPair(src(), nil)
		log("readable only:", d1.Readable(), d1.Writable())
		d1.OnData(func(c any) { log("d1 data", string(c.([]byte))) })
		d1.OnEnd(func() { log("d1 end", d1.Readable()) })
		d1.OnClose(func() {
			log("d1 close")
			d2 := DuplexFromPair(nil, sink())
			log("writable only:", d2.Readable(), d2.Writable())
			d2.OnFinish(func() { log("d2 finish", d2.Writable(), ret) })
			d2.OnClose(func() {
				log("d2 close")
				ret = ""
				r, w := src(), sink()
				d3 := DuplexFromPair(r, w)
				log("pair:", d3.Readable(), d3.Writable())
				d3.OnData(func(c any) { log("d3 data", string(c.([]byte))) })
				d3.OnEnd(func() { log("d3 end") })
				d3.OnFinish(func() { log("d3 finish", ret) })
				d3.OnClose(func() {
					log("d3 close", r.Destroyed(), w.Destroyed())
					r4 := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
					w4 := sink()
					d4 := DuplexFromPair(r4, w4)
					d4.OnError(func(err error) { log("d4 error", err.Error()) })
					d4.OnClose(func() {
						log("d4 close", r4.Destroyed(), w4.Destroyed())
						r5 := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
						w5 := sink()
						d5 := DuplexFromPair(r5, w5)
						d5.OnError(func(err error) { log("d5 error", errName(err)) })
						d5.OnClose(func() { log("d5 close", r5.Destroyed(), w5.Destroyed(), errName(r5.Errored())) })
						d5.Destroy(nil)
					})
					r4.Destroy(errors.New("boom"))
				})
				d3.EndWith("qwe", "", nil)
			})
			d2.EndWith("asd", "", nil)
		})
	})
	p.Match("testdata/duplexfrom/pair.out")
}
