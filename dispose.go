package stream

// Node's Symbol.asyncDispose, the method `await using` calls: Go has no
// `using`, so it is a method with Node's callback in place of the promise,
// for code that ties a stream's end to the end of a scope of its own. The
// callback runs a tick after the stream finished, where Node's promise
// would resolve: after the 'close' of that tick.

// Dispose destroys r, unless it is destroyed already, with an AbortError
// if it has not ended (with nil if it has), and calls cb (which may be
// nil) once it is finished, as Node's readable[Symbol.asyncDispose]: with
// nil if the stream ended or failed with that AbortError, else with the
// error it failed with. It must be called on r's loop.
func (r *Readable) Dispose(cb func(error)) {
	var own error
	if !r.rs.Destroyed {
		if !r.rs.EndEmitted {
			own = errAbort(nil)
		}
		r.DestroyWith(own, nil)
	}
	finishedWith(r.Stream, FinishedOptions{}, func(err error) {
		if err == own {
			err = nil
		}
		if cb != nil {
			// Node resolves a promise here: its callback runs after the
			// tick that finished the stream (after its 'close').
			r.loop.NextTick(func() { cb(err) })
		}
	})
}

// Dispose destroys w, unless it is destroyed already, with an AbortError
// if it has not finished (with nil if it has), and calls cb (which may be
// nil) once it is finished, as Node's writable[Symbol.asyncDispose]: with
// nil if the stream finished or failed with an AbortError, else with the
// error it failed with. It must be called on w's loop.
func (w *Writable) Dispose(cb func(error)) {
	if !w.ws.Destroyed {
		var own error
		if !w.ws.Finished {
			own = errAbort(nil)
		}
		w.DestroyWith(own, nil)
	}
	finishedWith(w.Stream, FinishedOptions{}, func(err error) {
		if ErrorCode(err) == ErrAbort.Code {
			err = nil
		}
		if cb != nil {
			w.loop.NextTick(func() { cb(err) })
		}
	})
}

// Dispose is the readable side's [Readable.Dispose], as Node's Duplex
// inherits Readable's Symbol.asyncDispose: the stream is destroyed with an
// AbortError unless its readable side has ended.
func (d *Duplex) Dispose(cb func(error)) { d.readableSide.Dispose(cb) }
