package stream

import (
	"fmt"
	"testing"
)

// FuzzStreamOps drives a Readable piped through a Transform into a
// Writable with a random sequence of operations (pushes, reads, writes,
// pauses, resumes, corks, ends, destroys, unpipes, hook completions now or
// later) and checks the invariants every sequence must keep:
//
//   - nothing panics, and Run returns (the loop goes idle);
//   - no write callback is called twice (Node leaves the callbacks of a
//     Transform destroyed while it holds a write uncalled, so "at most
//     once" is the rule), and 'finish', 'end' and 'close' are emitted at
//     most once each;
//   - buffered lengths never go negative;
//   - no 'error' goes unhandled (every stream has a listener).
func FuzzStreamOps(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
	f.Add([]byte{1, 1, 1, 1, 8, 2, 2, 9, 9, 9, 3, 12})
	f.Add([]byte{5, 0, 0, 0, 6, 7, 7, 4, 4, 10, 11, 13, 13})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 200 {
			ops = ops[:200]
		}
		l := NewLoop()
		var (
			pending   []func(error) // write callbacks held by the sink
			cbCalls   = map[int]int{}
			events    = map[string]int{}
			r         *Readable
			tr        *Transform
			w         *Writable
			nextWrite int
		)
		count := func(s *Stream, name string, evs ...string) {
			for _, ev := range evs {
				key := name + ":" + ev
				s.On(ev, func(...any) { events[key]++ })
			}
		}
		check := func() {
			if r.ReadableLength() < 0 || tr.ReadableLength() < 0 || tr.WritableLength() < 0 || w.WritableLength() < 0 {
				t.Fatalf("negative length: r=%d tr=%d/%d w=%d", r.ReadableLength(), tr.ReadableLength(), tr.WritableLength(), w.WritableLength())
			}
		}
		err := l.Run(func() {
			r = NewReadable(ReadableOptions{Loop: l, HighWaterMark: Int(4), Read: func(int) {}})
			tr = NewTransform(TransformOptions{
				DuplexOptions: DuplexOptions{Loop: l, HighWaterMark: Int(3)},
				Transform: func(c any, _ string, cb func(error, any)) {
					if len(c.([]byte))%5 == 4 {
						// Complete on a later tick now and then.
						l.NextTick(func() { cb(nil, c) })
						return
					}
					cb(nil, c)
				},
			})
			w = NewWritable(WritableOptions{Loop: l, HighWaterMark: Int(5), Write: func(c any, _ string, cb func(error)) {
				pending = append(pending, cb)
			}})
			for _, s := range []struct {
				s    *Stream
				name string
			}{{r.Stream, "r"}, {tr.Stream, "t"}, {w.Stream, "w"}} {
				count(s.s, s.name, "end", "finish", "close")
				s.s.On("error", func(...any) {})
			}
			r.Pipe(tr)
			tr.Pipe(w)
		})
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
		for i, op := range ops {
			err := l.Run(func() {
				switch op % 14 {
				case 0:
					r.Push([]byte{byte(i)})
				case 1:
					b := []byte{byte(i), byte(i + 1), byte(i + 2)}
					id := nextWrite
					nextWrite++
					tr.WriteWith(b, "", func(error) { cbCalls[id]++ })
				case 2:
					if len(pending) > 0 {
						cb := pending[0]
						pending = pending[1:]
						cb(nil)
					}
				case 3:
					if len(pending) > 0 {
						cb := pending[0]
						pending = pending[1:]
						l.Post(func() { cb(nil) })
					}
				case 4:
					r.Pause()
				case 5:
					r.Resume()
				case 6:
					tr.Cork()
				case 7:
					tr.Uncork()
				case 8:
					r.Read()
				case 9:
					tr.ReadN(2)
				case 10:
					r.Push(nil)
				case 11:
					tr.Unpipe(w)
				case 12:
					tr.Pipe(w)
				case 13:
					if i%7 == 0 {
						tr.Destroy(fmt.Errorf("boom %d", i))
					} else {
						tr.End()
					}
				}
				check()
			})
			if err != nil {
				// Only 'error' events are expected, and every stream has a
				// listener: nothing may be unhandled.
				t.Fatalf("op %d (%d): unhandled: %v", i, op%14, err)
			}
		}
		// Let everything finish: complete held writes, end all streams.
		for round := 0; round < 50 && (len(pending) > 0 || !w.WritableFinished()); round++ {
			l.Run(func() {
				for len(pending) > 0 {
					cb := pending[0]
					pending = pending[1:]
					cb(nil)
				}
				tr.Resume()
				r.Push(nil)
				tr.End()
			})
		}
		l.Run(func() { check() })
		for id := 0; id < nextWrite; id++ {
			if cbCalls[id] > 1 {
				t.Fatalf("write %d: callback called %d times", id, cbCalls[id])
			}
		}
		for key, n := range events {
			if n > 1 {
				t.Fatalf("%s emitted %d times", key, n)
			}
		}
	})
}
