package stream

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// --- Destroy ------------------------------------------------------------------

func TestReadableDestroyHook(t *testing.T) {
	nodeTwin(t, "destroy_hook", func(l *Loop, tr *twin) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Read: noRead,
			Loop: l,
			Destroy: func(err error, cb func(error)) {
				tr.Log("destroy hook", errStr(err), readableFlags(r))
				l.Post(func() {
					tr.Log("hook calls back")
					cb(err)
					tr.Log("after cb", readableFlags(r))
				})
			},
		})
		tr.watch(r, "r", "error", "close")
		r.DestroyWith(errors.New("boom"), func(err error) { tr.Log("destroy callback", errStr(err)) })
		tr.Log("after destroy", readableFlags(r), "closed", r.Closed())
		r.DestroyWith(errors.New("second"), func(err error) { tr.Log("second destroy callback", errStr(err)) })
		tr.Log("sync end")
	})
}

func TestReadableDestroyHookError(t *testing.T) {
	nodeTwin(t, "destroy_hook_error", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l, Destroy: func(_ error, cb func(error)) { cb(errors.New("replaced")) }})
		tr.watch(a, "a", "error", "close")
		a.Destroy(errors.New("original"))
		tr.Log("a errored", errStr(a.Errored()))

		b := NewReadable(ReadableOptions{Read: noRead, Loop: l, Destroy: func(_ error, cb func(error)) { cb(errors.New("from hook")) }})
		tr.watch(b, "b", "error", "close")
		b.Destroy(nil)
		tr.Log("b errored", errStr(b.Errored()))

		c := NewReadable(ReadableOptions{Read: noRead, Loop: l, Destroy: func(_ error, cb func(error)) { cb(nil) }})
		tr.watch(c, "c", "error", "close")
		c.Destroy(errors.New("swallowed"))
		tr.Log("c errored", errStr(c.Errored()))
		l.NextTick(func() { tr.Log("c tick errored", errStr(c.Errored())) })
	})
}

func TestReadableReadAndPushAfterDestroy(t *testing.T) {
	nodeTwin(t, "after_destroy", func(l *Loop, tr *twin) {
		calls := 0
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) { calls++ }})
		r.Pause()
		tr.watch(r, "r", "data", "end", "close")
		r.Push("abc")
		r.Push("def")
		r.Destroy(nil)
		tr.Log("push", r.Push("x"), r.ReadableLength())
		tr.Log("unshift", r.Unshift("y"), r.ReadableLength())
		tr.Log("read 3", showChunk(r.ReadN(3)), r.ReadableLength(), "hook calls", calls)
		l.Post(func() {
			tr.Log("read after close", showChunk(r.Read()), r.ReadableLength(), "hook calls", calls)
			r.Resume()
			r.OnData(func(any) { tr.Log("late data") })
			l.Post(func() { tr.Log("end", r.ReadableEnded(), "flowing", r.ReadableFlowing()) })
		})
	})
}

func TestReadableDestroyDuringConstruct(t *testing.T) {
	nodeTwin(t, "destroy_construct", func(l *Loop, tr *twin) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop: l,
			Read: func(int) { tr.Log("read hook") },
			Construct: func(cb func(error)) {
				tr.Log("construct", readableFlags(r))
				l.Post(func() { tr.Log("construct calls back"); cb(nil) })
			},
			Destroy: func(err error, cb func(error)) { tr.Log("destroy hook", errStr(err)); cb(err) },
		})
		tr.watch(r, "r", "data", "error", "close")
		r.Destroy(nil)
		tr.Log("destroyed", readableFlags(r))

		s := NewReadable(ReadableOptions{
			Loop:      l,
			Read:      noRead,
			Construct: func(cb func(error)) { l.Post(func() { cb(errors.New("construct failed")) }) },
			Destroy:   func(err error, cb func(error)) { tr.Log("s destroy hook", errStr(err)); cb(err) },
		})
		tr.watch(s, "s", "error", "close")
		l.Post(func() { s.Destroy(errors.New("destroy err")) })
	})
}

func TestReadableAutoDestroyAfterEnd(t *testing.T) {
	nodeTwin(t, "autodestroy_end", func(l *Loop, tr *twin) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop:    l,
			Read:    func(int) { r.Push("x"); r.Push(nil) },
			Destroy: func(err error, cb func(error)) { tr.Log("destroy hook", err, readableFlags(r)); cb(err) },
		})
		tr.watch(r, "r", "data", "end", "close")
		l.NextTick(func() { tr.Log("tick") })
	})
}

// --- Construct ----------------------------------------------------------------

func TestReadableConstructDefersRead(t *testing.T) {
	nodeTwin(t, "construct_defer", func(l *Loop, tr *twin) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop: l,
			Construct: func(cb func(error)) {
				tr.Log("construct", readableFlags(r))
				l.Post(func() { tr.Log("construct calls back"); cb(nil) })
			},
			Read: func(size int) {
				tr.Log("read hook", size)
				r.Push("x")
				r.Push(nil)
			},
		})
		tr.watch(r, "r", "resume", "data", "end", "close")
		tr.Log("read", showChunk(r.Read()), readableFlags(r))
		tr.Log("sync end")
	})
}

func TestReadableConstructError(t *testing.T) {
	nodeTwin(t, "construct_error", func(l *Loop, tr *twin) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop: l,
			Construct: func(cb func(error)) {
				tr.Log("construct")
				cb(errors.New("bad"))
				tr.Log("after cb")
			},
			Read:    func(int) { tr.Log("read hook") },
			Destroy: func(err error, cb func(error)) { tr.Log("destroy hook", errStr(err)); cb(err) },
		})
		tr.watch(r, "r", "data", "error", "close")
		tr.Log("sync end")
		l.NextTick(func() { tr.Log("tick", readableFlags(r)) })
	})
}

// A second call of the construct callback is ERR_MULTIPLE_CALLBACK.
func TestReadableConstructCallbackTwice(t *testing.T) {
	l := NewLoop()
	var got []error
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{
			Loop:      l,
			Read:      noRead,
			Construct: func(cb func(error)) { cb(nil); cb(nil) },
		})
		r.OnError(func(err error) { got = append(got, err) })
	}))
	require.Len(t, got, 1)
	require.ErrorIs(t, got[0], ErrMultipleCallback)
}

func TestReadableConstructPushAndDestroyCallback(t *testing.T) {
	nodeTwin(t, "construct_push", func(l *Loop, tr *twin) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			HighWaterMark: Int(4),
			Loop:          l,
			Construct: func(cb func(error)) {
				tr.Log("construct", "push", r.Push("pre"), readableFlags(r))
				l.Post(func() { tr.Log("construct calls back"); cb(nil) })
			},
			Read: func(size int) {
				tr.Log("read hook", size, readableFlags(r))
				r.Push(nil)
			},
		})
		r.OnReadable(func() {
			tr.Log("readable", r.ReadableLength())
			for c := r.Read(); c != nil; c = r.Read() {
				tr.Log("read", showChunk(c))
			}
		})
		tr.watch(r, "r", "end", "close")

		s := NewReadable(ReadableOptions{
			Read:      noRead,
			Loop:      l,
			Construct: func(cb func(error)) { l.Post(func() { tr.Log("s construct calls back"); cb(nil) }) },
		})
		tr.watch(s, "s", "error", "close")
		s.DestroyWith(errors.New("early"), func(err error) { tr.Log("s destroy callback", errStr(err)) })
		tr.Log("s destroyed", s.Destroyed(), "closed", s.Closed())
	})
}
