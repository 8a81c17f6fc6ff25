package stream

import "testing"

// Node's own flag tests (test-stream-readable-reading-readingMore.js,
// -needReadable.js, -emittedReadable.js), rewritten to print every flag at
// every step instead of asserting a few.

func TestReadableFlagsReadingMore(t *testing.T) {
	nodeTwin(t, "flags_reading_more", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.Log("new", readableFlags(r))
		r.OnData(func(d any) { tr.Log("data", showChunk(d), readableFlags(r)) })
		r.OnReadable(func() {
			tr.Log("readable", readableFlags(r))
			d := r.Read()
			tr.Log("read", showChunk(d), readableFlags(r))
			if d == nil {
				l.NextTick(func() { tr.Log("tick after null", readableFlags(r)) })
			}
		})
		r.OnEnd(func() { tr.Log("end", readableFlags(r)) })
		r.Push("pushed")
		r.Pause()
		tr.Log("read 6", showChunk(r.ReadN(6)), readableFlags(r))
		r.Resume()
		tr.Log("resume", readableFlags(r))
		r.Unshift("unshifted")
		tr.Log("unshift", readableFlags(r))
		r.Push(nil)
		tr.Log("push null", readableFlags(r))
	})
}

func TestReadableFlagsNeedReadable(t *testing.T) {
	nodeTwin(t, "flags_need_readable", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.Log("a new", readableFlags(a))
		a.OnReadable(func() {
			tr.Log("a readable", readableFlags(a))
			tr.Log("a read", showChunk(a.Read()), readableFlags(a))
		})
		tr.Log("a on readable", readableFlags(a))
		a.Push("foo")
		a.Push(nil)
		a.OnEnd(func() { tr.Log("a end", readableFlags(a)) })

		b := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		b.OnReadable(func() {
			d := b.Read()
			tr.Log("b readable read", showChunk(d), readableFlags(b))
		})
		l.NextTick(func() { b.Push("foooo") })
		l.NextTick(func() { b.Push("bar") })
		l.Post(func() {
			b.Push(nil)
			tr.Log("b push null", readableFlags(b))
		})

		f := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		f.Push("foooo")
		f.Push("bar")
		f.Push("quo")
		l.NextTick(func() { f.Push(nil) })
		f.OnData(func(d any) { tr.Log("f data", showChunk(d), readableFlags(f)) })

		s := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		s.OnReadable(func() {
			d := s.ReadN(8)
			tr.Log("s read 8", showChunk(d), readableFlags(s))
		})
		l.NextTick(func() {
			s.Push("foo")
			l.NextTick(func() {
				s.Push("foo")
				l.NextTick(func() {
					s.Push("foo")
					l.NextTick(func() { s.Push(nil) })
				})
			})
		})
	})
}

func TestReadableFlagsEmittedReadable(t *testing.T) {
	nodeTwin(t, "flags_emitted_readable", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		a.OnReadable(func() {
			tr.Log("a readable", readableFlags(a))
			tr.Log("a read", showChunk(a.Read()), readableFlags(a))
		})
		tr.Log("a on readable", readableFlags(a))
		l.NextTick(func() { a.Push("foo") })
		l.NextTick(func() { a.Push("bar") })
		l.Post(func() {
			a.Push("quo")
			l.NextTick(func() { a.Push(nil) })
		})

		n := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		n.Once("readable", func(...any) {
			tr.Log("n once readable", readableFlags(n))
			n.ReadN(0)
			tr.Log("n read 0", readableFlags(n))
			n.OnReadable(func() {
				tr.Log("n readable", readableFlags(n))
				n.ReadN(0)
				tr.Log("n read 0 again", readableFlags(n))
			})
		})
		n.Push("foo")
		n.Push(nil)

		f := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		f.OnData(func(d any) {
			tr.Log("f data", showChunk(d), readableFlags(f))
			tr.Log("f read", showChunk(f.Read()), readableFlags(f))
		})
		f.Push("foooo")
		f.Push("bar")
		f.Push("quo")
		l.NextTick(func() { f.Push(nil) })
	})
}
