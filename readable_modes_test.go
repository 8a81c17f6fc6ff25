package stream

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// --- Modes ------------------------------------------------------------------

func TestReadableFlowingStates(t *testing.T) {
	nodeTwin(t, "flowing_states", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "pause", "resume")
		st := func(what string) { tr.Log(what, "flowing", r.ReadableFlowing(), "isPaused", r.IsPaused()) }
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
			tr.Log("p isPaused", p.IsPaused())
			p.Resume()
			tr.Log("p resume", p.ReadableFlowing(), p.IsPaused())
			q := NewReadable(ReadableOptions{Read: noRead, Loop: l})
			q.OnReadable(func() {})
			tr.Log("q on readable", q.ReadableFlowing(), q.IsPaused())
		})
	})
}

func TestReadableResumeDeferred(t *testing.T) {
	nodeTwin(t, "resume_deferred", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		r.Push("b")
		tr.watch(r, "r", "data")
		tr.Log("flowing", r.ReadableFlowing(), "resumeScheduled", r.ReadableState().ResumeScheduled)
		tr.watch(r, "r", "resume", "end", "close")
		r.Push(nil)
		tr.Log("sync end")

		s := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		s.Resume()
		s.Push("x")
		tr.watch(s, "s", "resume", "data")
		tr.Log("s sync end", s.ReadableLength())
	})
}

func TestReadablePipeStartsFlowing(t *testing.T) {
	nodeTwin(t, "pipe_flowing", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		w := NewWritable(WritableOptions{
			Loop:  l,
			Write: func(chunk any, _ string, cb func(error)) { tr.Log("write", showChunk(chunk)); cb(nil) },
		})
		tr.watch(r, "r", "resume", "end", "close")
		// 'pipe' without its source, as pipe_flowing.js prints it.
		w.On("pipe", func(...any) { tr.Log("w", "pipe") })
		tr.watch(w, "w", "finish", "close")
		r.Push("a")
		r.Pipe(w)
		tr.Log("flowing", r.ReadableFlowing())
		r.Push("b")
		r.Push(nil)
		tr.Log("sync end")
	})
}

func TestReadableRemovingDataDoesNotPause(t *testing.T) {
	nodeTwin(t, "remove_data", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		var h *Listener
		h = r.OnData(func(c any) {
			tr.Log("data", showChunk(c))
			r.RemoveListener("data", h)
			tr.Log("removed", "flowing", r.ReadableFlowing(), "isPaused", r.IsPaused())
		})
		r.Push("a")
		l.Post(func() {
			tr.Log("push b", r.Push("b"), r.ReadableLength())
			l.Post(func() {
				tr.Log("later", r.ReadableLength(), "flowing", r.ReadableFlowing(), "didRead", r.ReadableDidRead())
			})
		})
	})
}

func TestReadableReadableTakesPrecedence(t *testing.T) {
	nodeTwin(t, "readable_precedence", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "data", "resume", "pause")
		onReadable := r.OnReadable(func() {
			tr.Log("readable", r.ReadableLength())
			tr.Log("read", showChunk(r.ReadN(1)))
		})
		tr.Log("flowing", r.ReadableFlowing())
		r.Push("ab")
		l.Post(func() {
			tr.Log("remove readable", r.ReadableLength())
			r.RemoveListener("readable", onReadable)
			tr.Log("flowing sync", r.ReadableFlowing())
			l.NextTick(func() { tr.Log("flowing next tick", r.ReadableFlowing()) })
			l.Post(func() { tr.Log("push c", r.Push("c")) })
		})
	})
}

// RemoveAllListeners("readable") re-evaluates on the next tick too, after
// a resume already queued by 'data'.
func TestReadableRemoveAllReadable(t *testing.T) {
	nodeTwin(t, "readable_removed_all", func(l *Loop, tr *twin) {
		chunks := []any{"a", "b", nil}
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			tr.Log("read hook")
			l.Post(func() {
				c := chunks[0]
				chunks = chunks[1:]
				r.Push(c)
			})
		}})
		tr.watch(r, "r", "data", "readable", "end", "close", "resume", "pause")
		tr.Log("flowing", r.ReadableFlowing())
		r.RemoveAllListeners("readable")
		tr.Log("flowing after removeAll", r.ReadableFlowing())
		l.NextTick(func() { tr.Log("tick flowing", r.ReadableFlowing()) })
	})
}

func TestReadablePauseResumeEvents(t *testing.T) {
	nodeTwin(t, "pause_resume_events", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "pause", "resume")
		tr.Log("pause from null")
		r.Pause()
		tr.Log("pause again")
		r.Pause()
		tr.Log("resume twice")
		r.Resume()
		r.Resume()
		tr.Log("sync end", r.ReadableFlowing())
		l.Post(func() {
			tr.Log("resume then pause")
			r.Pause()
			r.Resume()
			r.Pause()
			tr.Log("immediate end", r.ReadableFlowing())
			l.NextTick(func() { tr.Log("next tick", r.ReadableFlowing()) })
		})
	})
}

// --- Events -------------------------------------------------------------------

func TestReadableEventsFlowing(t *testing.T) {
	nodeTwin(t, "events_flowing", func(l *Loop, tr *twin) {
		chunks := []any{"a", "b", nil}
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			tr.Log("read hook")
			l.Post(func() {
				c := chunks[0]
				chunks = chunks[1:]
				r.Push(c)
			})
		}})
		tr.watch(r, "r", "data", "end", "close", "resume", "pause", "error")
		tr.Log("sync end")
	})
}

func TestReadableEventsReadableFinal(t *testing.T) {
	nodeTwin(t, "events_readable_final", func(l *Loop, tr *twin) {
		chunks := []any{"a", "b", nil}
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			tr.Log("read hook")
			l.Post(func() {
				c := chunks[0]
				chunks = chunks[1:]
				tr.Log("push", r.Push(c))
			})
		}})
		r.OnReadable(func() {
			tr.Log("readable", r.ReadableLength(), "ended", r.ReadableState().Ended)
			for c := r.Read(); c != nil; c = r.Read() {
				tr.Log("read", showChunk(c))
			}
			tr.Log("read null")
		})
		tr.watch(r, "r", "end", "close")
	})
}

func TestReadableEndAfterConsumption(t *testing.T) {
	nodeTwin(t, "end_after_consumption", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "end", "close")
		r.Push("a")
		r.Push(nil)
		l.Post(func() {
			tr.Log("no end yet", "ended", r.ReadableState().Ended, "endEmitted", r.ReadableEnded())
			tr.Log("read", showChunk(r.Read()))
			tr.Log("read again", showChunk(r.Read()))
			tr.Log("after reads", r.ReadableEnded())
			l.NextTick(func() { tr.Log("tick", r.ReadableEnded()) })
		})
	})
}

func TestReadableErrorThenClose(t *testing.T) {
	nodeTwin(t, "error_close", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "data", "end", "error", "close")
		r.OnClose(func() {
			tr.Log("close", readableFlags(r), "aborted", r.ReadableAborted(), "readable", r.Readable())
		})
		r.Push("a")
		l.Post(func() {
			r.Push("b")
			r.Destroy(errors.New("boom"))
			tr.Log("destroyed", readableFlags(r), "aborted", r.ReadableAborted(), "readable", r.Readable())
			r.Push("c")
			l.NextTick(func() { tr.Log("tick") })
		})
	})
}

func TestReadableCloseAfterEnd(t *testing.T) {
	nodeTwin(t, "close_after_end", func(l *Loop, tr *twin) {
		var a *Readable
		a = NewReadable(ReadableOptions{
			Read: noRead,
			Loop: l,
			Destroy: func(err error, cb func(error)) {
				tr.Log("a destroy hook", err)
				cb(err)
			},
		})
		tr.watch(a, "a", "end", "close")
		a.OnEnd(func() { tr.Log("a in end", "destroyed", a.Destroyed()) })
		a.Push(nil)
		a.Resume()

		b := NewReadable(ReadableOptions{Read: noRead, AutoDestroy: Bool(false), Loop: l})
		tr.watch(b, "b", "end", "close")
		b.Push(nil)
		b.Resume()
		l.Post(func() {
			tr.Log("b later", "destroyed", b.Destroyed(), "closed", b.Closed())
			b.Destroy(nil)
		})
	})
}

func TestReadableEmitCloseFalse(t *testing.T) {
	nodeTwin(t, "emitclose_false", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, EmitClose: Bool(false), Loop: l})
		tr.watch(r, "r", "error", "close")
		r.Destroy(errors.New("boom"))
		l.Post(func() { tr.Log("later", readableFlags(r), "closed", r.Closed()) })

		s := NewReadable(ReadableOptions{Read: noRead, EmitClose: Bool(false), Loop: l})
		tr.watch(s, "s", "end", "close")
		s.Push(nil)
		s.Resume()
		l.Post(func() { tr.Log("s later", "destroyed", s.Destroyed(), "closed", s.Closed()) })
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
	nodeTwin(t, "readable_then_resume", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		h := r.OnReadable(func() { tr.Log("readable") })
		r.RemoveListener("readable", h)
		r.Resume()
		tr.Log("sync", "flowing", r.ReadableFlowing(), "listening", r.ReadableState().ReadableListening)
		l.NextTick(func() { tr.Log("tick", "flowing", r.ReadableFlowing()) })
		tr.watch(r, "r", "resume", "end")
		l.Post(func() {
			tr.Log("immediate", "flowing", r.ReadableFlowing(), "length", r.ReadableLength())
			r.OnData(func(c any) { tr.Log("data", showChunk(c)) })
			r.Push("b")
			r.Push(nil)
		})
	})
}
