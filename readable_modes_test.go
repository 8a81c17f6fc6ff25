package stream

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// --- Modes ------------------------------------------------------------------

func TestReadableFlowingStates(t *testing.T) {
	nodeTwin(t, "flowing_states", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "pause", "resume")
		st := func(what string) { tr.log(what, "flowing", r.ReadableFlowing(), "isPaused", r.IsPaused()) }
		st("new")
		h1 := r.OnData(func(any) {})
		st("on data")
		r.Pause()
		st("pause")
		h2 := r.OnData(func(any) {})
		st("on data while paused")
		r.Resume()
		st("resume")
		r.RemoveListener("data", h1)
		r.RemoveListener("data", h2)
		st("data listeners removed")
		hr := r.OnReadable(func() {})
		st("on readable")
		r.Resume()
		st("resume with readable")
		r.RemoveListener("readable", hr)
		st("readable removed")
		l.NextTick(func() { st("next tick") })
		l.Post(func() {
			st("immediate")
			p := NewReadable(ReadableOptions{Read: noRead, Loop: l})
			tr.log("p isPaused", p.IsPaused())
			p.Resume()
			tr.log("p resume", p.ReadableFlowing(), p.IsPaused())
			q := NewReadable(ReadableOptions{Read: noRead, Loop: l})
			q.OnReadable(func() {})
			tr.log("q on readable", q.ReadableFlowing(), q.IsPaused())
		})
	})
}

func TestReadableResumeDeferred(t *testing.T) {
	nodeTwin(t, "resume_deferred", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		r.Push("b")
		tr.watch(r, "r", "data")
		tr.log("flowing", r.ReadableFlowing(), "resumeScheduled", r.ReadableState().ResumeScheduled)
		tr.watch(r, "r", "resume", "end", "close")
		r.Push(nil)
		tr.log("sync end")

		s := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		s.Resume()
		s.Push("x")
		tr.watch(s, "s", "resume", "data")
		tr.log("s sync end", s.ReadableLength())
	})
}

func TestReadablePipeStartsFlowing(t *testing.T) {
	nodeTwin(t, "pipe_flowing", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		w := NewWritable(WritableOptions{
			Loop:  l,
			Write: func(chunk any, _ string, cb func(error)) { tr.log("write", showChunk(chunk)); cb(nil) },
		})
		tr.watch(r, "r", "resume", "end", "close")
		tr.watch(w, "w", "pipe", "finish", "close")
		r.Push("a")
		r.Pipe(w)
		tr.log("flowing", r.ReadableFlowing())
		r.Push("b")
		r.Push(nil)
		tr.log("sync end")
	})
}

func TestReadableRemovingDataDoesNotPause(t *testing.T) {
	nodeTwin(t, "remove_data", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		var h *Listener
		h = r.OnData(func(c any) {
			tr.log("data", showChunk(c))
			r.RemoveListener("data", h)
			tr.log("removed", "flowing", r.ReadableFlowing(), "isPaused", r.IsPaused())
		})
		r.Push("a")
		l.Post(func() {
			tr.log("push b", r.Push("b"), r.ReadableLength())
			l.Post(func() {
				tr.log("later", r.ReadableLength(), "flowing", r.ReadableFlowing(), "didRead", r.ReadableDidRead())
			})
		})
	})
}

func TestReadableReadableTakesPrecedence(t *testing.T) {
	nodeTwin(t, "readable_precedence", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "data", "resume", "pause")
		onReadable := r.OnReadable(func() {
			tr.log("readable", r.ReadableLength())
			tr.log("read", showChunk(r.ReadN(1)))
		})
		tr.log("flowing", r.ReadableFlowing())
		r.Push("ab")
		l.Post(func() {
			tr.log("remove readable", r.ReadableLength())
			r.RemoveListener("readable", onReadable)
			tr.log("flowing sync", r.ReadableFlowing())
			l.NextTick(func() { tr.log("flowing next tick", r.ReadableFlowing()) })
			l.Post(func() { tr.log("push c", r.Push("c")) })
		})
	})
}

// RemoveAllListeners("readable") re-evaluates on the next tick too, after
// a resume already queued by 'data'.
func TestReadableRemoveAllReadable(t *testing.T) {
	nodeTwin(t, "readable_removed_all", func(l *Loop, tr *readTrace) {
		chunks := []any{"a", "b", nil}
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			tr.log("read hook")
			l.Post(func() {
				c := chunks[0]
				chunks = chunks[1:]
				r.Push(c)
			})
		}})
		tr.watch(r, "r", "data", "readable", "end", "close", "resume", "pause")
		tr.log("flowing", r.ReadableFlowing())
		r.RemoveAllListeners("readable")
		tr.log("flowing after removeAll", r.ReadableFlowing())
		l.NextTick(func() { tr.log("tick flowing", r.ReadableFlowing()) })
	})
}

func TestReadablePauseResumeEvents(t *testing.T) {
	nodeTwin(t, "pause_resume_events", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "pause", "resume")
		tr.log("pause from null")
		r.Pause()
		tr.log("pause again")
		r.Pause()
		tr.log("resume twice")
		r.Resume()
		r.Resume()
		tr.log("sync end", r.ReadableFlowing())
		l.Post(func() {
			tr.log("resume then pause")
			r.Pause()
			r.Resume()
			r.Pause()
			tr.log("immediate end", r.ReadableFlowing())
			l.NextTick(func() { tr.log("next tick", r.ReadableFlowing()) })
		})
	})
}

// --- Events -------------------------------------------------------------------

func TestReadableEventsFlowing(t *testing.T) {
	nodeTwin(t, "events_flowing", func(l *Loop, tr *readTrace) {
		chunks := []any{"a", "b", nil}
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			tr.log("read hook")
			l.Post(func() {
				c := chunks[0]
				chunks = chunks[1:]
				r.Push(c)
			})
		}})
		tr.watch(r, "r", "data", "end", "close", "resume", "pause", "error")
		tr.log("sync end")
	})
}

func TestReadableEventsReadableFinal(t *testing.T) {
	nodeTwin(t, "events_readable_final", func(l *Loop, tr *readTrace) {
		chunks := []any{"a", "b", nil}
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			tr.log("read hook")
			l.Post(func() {
				c := chunks[0]
				chunks = chunks[1:]
				tr.log("push", r.Push(c))
			})
		}})
		r.OnReadable(func() {
			tr.log("readable", r.ReadableLength(), "ended", r.ReadableState().Ended)
			for c := r.Read(); c != nil; c = r.Read() {
				tr.log("read", showChunk(c))
			}
			tr.log("read null")
		})
		tr.watch(r, "r", "end", "close")
	})
}

func TestReadableEndAfterConsumption(t *testing.T) {
	nodeTwin(t, "end_after_consumption", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "end", "close")
		r.Push("a")
		r.Push(nil)
		l.Post(func() {
			tr.log("no end yet", "ended", r.ReadableState().Ended, "endEmitted", r.ReadableEnded())
			tr.log("read", showChunk(r.Read()))
			tr.log("read again", showChunk(r.Read()))
			tr.log("after reads", r.ReadableEnded())
			l.NextTick(func() { tr.log("tick", r.ReadableEnded()) })
		})
	})
}

func TestReadableErrorThenClose(t *testing.T) {
	nodeTwin(t, "error_close", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "data", "end", "error", "close")
		r.OnClose(func() {
			tr.log("close", readableFlags(r), "aborted", r.ReadableAborted(), "readable", r.Readable())
		})
		r.Push("a")
		l.Post(func() {
			r.Push("b")
			r.Destroy(errors.New("boom"))
			tr.log("destroyed", readableFlags(r), "aborted", r.ReadableAborted(), "readable", r.Readable())
			r.Push("c")
			l.NextTick(func() { tr.log("tick") })
		})
	})
}

func TestReadableCloseAfterEnd(t *testing.T) {
	nodeTwin(t, "close_after_end", func(l *Loop, tr *readTrace) {
		var a *Readable
		a = NewReadable(ReadableOptions{
			Read: noRead,
			Loop: l,
			Destroy: func(err error, cb func(error)) {
				tr.log("a destroy hook", err)
				cb(err)
			},
		})
		tr.watch(a, "a", "end", "close")
		a.OnEnd(func() { tr.log("a in end", "destroyed", a.Destroyed()) })
		a.Push(nil)
		a.Resume()

		b := NewReadable(ReadableOptions{Read: noRead, AutoDestroy: Bool(false), Loop: l})
		tr.watch(b, "b", "end", "close")
		b.Push(nil)
		b.Resume()
		l.Post(func() {
			tr.log("b later", "destroyed", b.Destroyed(), "closed", b.Closed())
			b.Destroy(nil)
		})
	})
}

func TestReadableEmitCloseFalse(t *testing.T) {
	nodeTwin(t, "emitclose_false", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, EmitClose: Bool(false), Loop: l})
		tr.watch(r, "r", "error", "close")
		r.Destroy(errors.New("boom"))
		l.Post(func() { tr.log("later", readableFlags(r), "closed", r.Closed()) })

		s := NewReadable(ReadableOptions{Read: noRead, EmitClose: Bool(false), Loop: l})
		tr.watch(s, "s", "end", "close")
		s.Push(nil)
		s.Resume()
		l.Post(func() { tr.log("s later", "destroyed", s.Destroyed(), "closed", s.Closed()) })
	})
}

func TestReadableErrorIdentity(t *testing.T) {
	// The 'error' event and Errored carry the very error given to Destroy.
	l := NewLoop()
	boom := errors.New("boom")
	var got error
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.OnError(func(err error) { got = err })
		r.Destroy(boom)
		require.True(t, r.Errored() == boom)
	}))
	require.True(t, got == boom)
}

func TestReadableReadableThenResume(t *testing.T) {
	nodeTwin(t, "readable_then_resume", func(l *Loop, tr *readTrace) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		h := r.OnReadable(func() { tr.log("readable") })
		r.RemoveListener("readable", h)
		r.Resume()
		tr.log("sync", "flowing", r.ReadableFlowing(), "listening", r.ReadableState().ReadableListening)
		l.NextTick(func() { tr.log("tick", "flowing", r.ReadableFlowing()) })
		tr.watch(r, "r", "resume", "end")
		l.Post(func() {
			tr.log("immediate", "flowing", r.ReadableFlowing(), "length", r.ReadableLength())
			r.OnData(func(c any) { tr.log("data", showChunk(c)) })
			r.Push("b")
			r.Push(nil)
		})
	})
}
