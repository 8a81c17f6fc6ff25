package stream

// Node throws some errors synchronously from deep inside the machinery (a
// missing write or transform hook, a chunk push cannot take). Go has no
// exceptions, and the package panics for none of these: the error is
// recorded and the machinery returns.
//
// Under a public method that hands Node's throw back as a returned error
// (Write, WriteWith, End, EndWith, Uncork), throw records err as the loop's
// pending thrown error, the first one winning, and every frame between the
// throw and that method returns at once, doing none of the work Node's
// unwinding skips: throwing reports whether such an error is pending, and
// the frames that would go on after a throw point check it. The method's
// deferred endCatch then returns the error. Anywhere else (a pipe, a tick,
// Push called from a task) there is no caller to throw to: the error is an
// uncaught error that Run returns, and the machinery goes on.
//
// A catching method opens its region with one deferred call:
//
//	defer w.loop.endCatch(w.loop.beginCatch(), &err)
func (l *Loop) throw(err error) {
	if l.catchDepth == 0 {
		l.reportUnhandled(err)
		return
	}
	if l.thrown == nil {
		l.thrown = err
	}
}

// throwing reports whether a thrown error is on its way to a catching
// method: the code running now comes after a throw point, and Node would
// not run it.
func (l *Loop) throwing() bool { return l.thrown != nil }

// beginCatch opens the region of a catching method, as a try block: a
// thrown error already pending belongs to an enclosing region (user code
// going on after a throw called this method) and is set aside until the
// region closes, so that this method works and returns only its own.
func (l *Loop) beginCatch() (outer error) {
	l.catchDepth++
	outer, l.thrown = l.thrown, nil
	return outer
}

// endCatch closes the region opened by beginCatch: a thrown error raised
// inside it is stored in *errp, and the enclosing region's comes back.
func (l *Loop) endCatch(outer error, errp *error) {
	l.catchDepth--
	if l.thrown != nil {
		*errp = l.thrown
	}
	l.thrown = outer
}
