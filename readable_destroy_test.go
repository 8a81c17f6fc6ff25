package stream

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// --- Destroy ------------------------------------------------------------------

func TestReadableDestroyHook(t *testing.T) {
	nodeTwin(t, "destroy_hook", func(l *Loop, tr *readTrace) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Read: noRead,
			Loop: l,
			Destroy: func(err error, cb func(error)) {
				tr.log("destroy hook", errLabel(err), readableFlags(r))
				l.Post(func() {
					tr.log("hook calls back")
					cb(err)
					tr.log("after cb", readableFlags(r))
				})
			},
		})
		tr.watch(r, "r", "error", "close")
		r.DestroyWith(errors.New("boom"), func(err error) { tr.log("destroy callback", errLabel(err)) })
		tr.log("after destroy", readableFlags(r), "closed", r.Closed())
		r.DestroyWith(errors.New("second"), func(err error) { tr.log("second destroy callback", errLabel(err)) })
		tr.log("sync end")
	})
}

func TestReadableDestroyHookError(t *testing.T) {
	nodeTwin(t, "destroy_hook_error", func(l *Loop, tr *readTrace) {
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l, Destroy: func(_ error, cb func(error)) { cb(errors.New("replaced")) }})
		tr.watch(a, "a", "error", "close")
		a.Destroy(errors.New("original"))
		tr.log("a errored", errLabel(a.Errored()))

		b := NewReadable(ReadableOptions{Read: noRead, Loop: l, Destroy: func(_ error, cb func(error)) { cb(errors.New("from hook")) }})
		tr.watch(b, "b", "error", "close")
		b.Destroy(nil)
		tr.log("b errored", errLabel(b.Errored()))

		c := NewReadable(ReadableOptions{Read: noRead, Loop: l, Destroy: func(_ error, cb func(error)) { cb(nil) }})
		tr.watch(c, "c", "error", "close")
		c.Destroy(errors.New("swallowed"))
		tr.log("c errored", errLabel(c.Errored()))
		l.NextTick(func() { tr.log("c tick errored", errLabel(c.Errored())) })
	})
}

func TestReadableReadAndPushAfterDestroy(t *testing.T) {
	nodeTwin(t, "after_destroy", func(l *Loop, tr *readTrace) {
		calls := 0
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) { calls++ }})
		r.Pause()
		tr.watch(r, "r", "data", "end", "close")
		r.Push("abc")
		r.Push("def")
		r.Destroy(nil)
		tr.log("push", r.Push("x"), r.ReadableLength())
		tr.log("unshift", r.Unshift("y"), r.ReadableLength())
		tr.log("read 3", showChunk(r.ReadN(3)), r.ReadableLength(), "hook calls", calls)
		l.Post(func() {
			tr.log("read after close", showChunk(r.Read()), r.ReadableLength(), "hook calls", calls)
			r.Resume()
			r.OnData(func(any) { tr.log("late data") })
			l.Post(func() { tr.log("end", r.ReadableEnded(), "flowing", r.ReadableFlowing()) })
		})
	})
}

func TestReadableDestroyDuringConstruct(t *testing.T) {
	nodeTwin(t, "destroy_construct", func(l *Loop, tr *readTrace) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop: l,
			Read: func(int) { tr.log("read hook") },
			Construct: func(cb func(error)) {
				tr.log("construct", readableFlags(r))
				l.Post(func() { tr.log("construct calls back"); cb(nil) })
			},
			Destroy: func(err error, cb func(error)) { tr.log("destroy hook", errLabel(err)); cb(err) },
		})
		tr.watch(r, "r", "data", "error", "close")
		r.Destroy(nil)
		tr.log("destroyed", readableFlags(r))

		s := NewReadable(ReadableOptions{
			Loop:      l,
			Read:      noRead,
			Construct: func(cb func(error)) { l.Post(func() { cb(errors.New("construct failed")) }) },
			Destroy:   func(err error, cb func(error)) { tr.log("s destroy hook", errLabel(err)); cb(err) },
		})
		tr.watch(s, "s", "error", "close")
		l.Post(func() { s.Destroy(errors.New("destroy err")) })
	})
}

func TestReadableAutoDestroyAfterEnd(t *testing.T) {
	nodeTwin(t, "autodestroy_end", func(l *Loop, tr *readTrace) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop:    l,
			Read:    func(int) { r.Push("x"); r.Push(nil) },
			Destroy: func(err error, cb func(error)) { tr.log("destroy hook", err, readableFlags(r)); cb(err) },
		})
		tr.watch(r, "r", "data", "end", "close")
		l.NextTick(func() { tr.log("tick") })
	})
}

// --- Construct ----------------------------------------------------------------

func TestReadableConstructDefersRead(t *testing.T) {
	nodeTwin(t, "construct_defer", func(l *Loop, tr *readTrace) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop: l,
			Construct: func(cb func(error)) {
				tr.log("construct", readableFlags(r))
				l.Post(func() { tr.log("construct calls back"); cb(nil) })
			},
			Read: func(size int) {
				tr.log("read hook", size)
				r.Push("x")
				r.Push(nil)
			},
		})
		tr.watch(r, "r", "resume", "data", "end", "close")
		tr.log("read", showChunk(r.Read()), readableFlags(r))
		tr.log("sync end")
	})
}

func TestReadableConstructError(t *testing.T) {
	nodeTwin(t, "construct_error", func(l *Loop, tr *readTrace) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop: l,
			Construct: func(cb func(error)) {
				tr.log("construct")
				cb(errors.New("bad"))
				tr.log("after cb")
			},
			Read:    func(int) { tr.log("read hook") },
			Destroy: func(err error, cb func(error)) { tr.log("destroy hook", errLabel(err)); cb(err) },
		})
		tr.watch(r, "r", "data", "error", "close")
		tr.log("sync end")
		l.NextTick(func() { tr.log("tick", readableFlags(r)) })
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
	nodeTwin(t, "construct_push", func(l *Loop, tr *readTrace) {
		var r *Readable
		r = NewReadable(ReadableOptions{
			HighWaterMark: Int(4),
			Loop:          l,
			Construct: func(cb func(error)) {
				tr.log("construct", "push", r.Push("pre"), readableFlags(r))
				l.Post(func() { tr.log("construct calls back"); cb(nil) })
			},
			Read: func(size int) {
				tr.log("read hook", size, readableFlags(r))
				r.Push(nil)
			},
		})
		r.OnReadable(func() {
			tr.log("readable", r.ReadableLength())
			for c := r.Read(); c != nil; c = r.Read() {
				tr.log("read", showChunk(c))
			}
		})
		tr.watch(r, "r", "end", "close")

		s := NewReadable(ReadableOptions{
			Read:      noRead,
			Loop:      l,
			Construct: func(cb func(error)) { l.Post(func() { tr.log("s construct calls back"); cb(nil) }) },
		})
		tr.watch(s, "s", "error", "close")
		s.DestroyWith(errors.New("early"), func(err error) { tr.log("s destroy callback", errLabel(err)) })
		tr.log("s destroyed", s.Destroyed(), "closed", s.Closed())
	})
}
