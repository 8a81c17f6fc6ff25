package stream

import "context"

// AddAbortSignal ties s to ctx, as Node's stream.addAbortSignal(signal,
// stream): when ctx is cancelled, s is destroyed with an AbortError
// (ErrAbort) wrapping the context's cause; if ctx is already cancelled, at
// once. The watch ends when s finishes. It returns s. Must be called on
// the stream's loop.
//
// Cancellation wins: a cancel made on the loop (in a hook or a listener)
// destroys s before the next write, read, push or callback of the loop
// runs, and one made on another goroutine before the loop goes idle is
// applied before Run returns. Like an AbortSignal listener, the watch does
// not keep the loop running by itself: a cancellation that comes after Run
// returned takes effect at the next Run.
//
// A nil ctx or a nil stream panics with ERR_INVALID_ARG_TYPE, where Node
// throws: they are programming errors with no stream to report them on.
func AddAbortSignal[S StreamLike](ctx context.Context, s S) S {
	if ctx == nil {
		panic(errInvalidArgType("signal", "an instance of AbortSignal (a context.Context)", nil))
	}
	st := baseOf(s, "stream")
	st.loop.check()
	st.addAbortSignal(ctx)
	return s
}

// addAbortSignal is AddAbortSignal on the stream itself, also used for
// the Context option of the constructors.
func (st *Stream) addAbortSignal(ctx context.Context) {
	var list []context.Context
	if old := st.aborts.Load(); old != nil {
		list = append(list, *old...)
	}
	list = append(list, ctx)
	st.aborts.Store(&list)
	unwatch := st.loop.watchCtx(ctx, func() {
		st.DestroyWith(errAbort(context.Cause(ctx)), nil)
	}, false)
	if !st.Destroyed() {
		finishedWith(st, FinishedOptions{}, func(error) { unwatch() })
	}
}
