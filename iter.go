package stream

import (
	"context"
	"errors"
	"io"
	"iter"
)

// Chunks returns an iterator over the chunks of s for ordinary Go code off
// the loop, as Node's for await (const chunk of readable):
//
//	for chunk, err := range stream.Chunks(ctx, r) {
//		if err != nil {
//			return err
//		}
//		...
//	}
//
// It reads in paused mode, so the stream's backpressure holds, and yields
// byte chunks as they were pushed (where Node's read() would join what is
// buffered into one; nothing is copied here), a decoded string as read()
// returns it, or one value in object mode. Each hand-over between the
// loop and the caller's goroutine takes everything buffered at once, so
// the caller may hold up to a highWaterMark more than the stream itself;
// what was taken before the stream failed is yielded before its error.
// The stream's error is
// yielded once, with a nil chunk, and ends the iteration. Breaking out of
// the loop, or cancelling ctx (which may be nil), destroys the stream, as
// Node's iterator does on return; cancelling yields an AbortError.
//
// Like the other blocking adapters it must not be used on the stream's
// loop, where it yields an error wrapping ErrReentrant.
func Chunks(ctx context.Context, s ReadableStream) iter.Seq2[any, error] {
	return ChunksWith(ctx, s, ChunksOptions{})
}

// ChunksOptions are the options of [ChunksWith], Node's
// readable.iterator(options).
type ChunksOptions struct {
	// DestroyOnReturn: whether breaking out of the loop destroys the
	// stream. Nil means true, as in Node. With false the iteration only
	// takes its listeners off, and the stream may be read again later;
	// each hand-over then takes one chunk, so that none is left in the
	// consumer's hands when it breaks out.
	DestroyOnReturn *bool
}

// ChunksWith is [Chunks] with options.
func ChunksWith(ctx context.Context, s ReadableStream, opts ChunksOptions) iter.Seq2[any, error] {
	st := readableOf(s, "stream")
	keep := opts.DestroyOnReturn != nil && !*opts.DestroyOnReturn
	return func(yield func(any, error) bool) {
		p := &puller{s: st, call: "Chunks", keep: keep, destroyAtEnd: !keep}
		inBody := false
		defer p.stopWatch()
		defer func() {
			// The loop body broke out, or panicked: as Node's iterator
			// return, the stream is destroyed, so what it holds is let
			// go of whatever way the loop ended; or, with
			// DestroyOnReturn false, only left.
			if inBody {
				if keep {
					p.release()
				} else {
					p.abandon()
				}
			}
		}()
		for {
			chunk, err := p.next(ctx)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
			inBody = true
			if !yield(chunk, nil) {
				return
			}
			inBody = false
		}
	}
}

// puller takes chunks from a readable stream for a goroutine off its loop,
// in paused mode as Node's async iterator does: read() what is buffered,
// else wait for 'readable' or the end. Its fields are the loop's.
//
// A hand-over between the loop and the consumer's goroutine costs far more
// than a chunk: so each one takes every chunk the stream had buffered
// when it began (at most maxBatch), and next yields them from a local
// slice until it is empty. The consumer may thus hold up to a
// highWaterMark beside the stream's own buffer; what the hand-over's
// reads make the stream produce stays in the stream, so a lazy source is
// pulled no further ahead than by Node's iterator. Chunks taken before
// the stream failed are still yielded, before its error, as chunks
// already in flight, except when a context that destroys the stream was
// cancelled: then they are dropped, as the consumer may have cancelled it
// itself, and Node's iterator would find the stream destroyed at its next
// read. Byte chunks are
// yielded as they were pushed (Node's iterator yields read(), which joins
// what is buffered; here nothing is copied), decoded strings as read()
// returns them.
type puller struct {
	s       *Stream
	call    string // the blocking call it serves, for a stall error
	started bool   // listeners installed
	wake    func() // set while a next waits for the stream
	done    bool   // 'end', 'error' or 'close' happened
	doneErr error

	keep bool // DestroyOnReturn false: one chunk per hand-over, release on break
	// destroyAtEnd: destroy an auto-destroying stream at its end, as
	// Node's iterator does (a Duplex's open writable side goes with it).
	destroyAtEnd bool
	readableL    *Listener // the 'readable' listener, for release
	finCleanup   func()    // removes the Finished listeners, for release

	// The consumer's: what the last hand-over took.
	batch []any
	next0 int // the next of batch to yield

	// One hand-over at a time, its state in fields and its functions
	// bound once, so that a hand-over allocates nothing.
	sig        *awaitSignal
	handoverFn func(done func())
	tryFn      func()
	ctx        context.Context // the consumer's, for this hand-over
	chunk      any             // what it took
	rerr       error           // or the end, the error, the cancel
	doneFn     func()          // ends it

	// The watch of a ctx that can be cancelled (watch), for the whole
	// iteration.
	ww          *waitWatch
	wctx        context.Context
	watchDoneFn func()
	awaitDone   func()
}

// maxBatch bounds one hand-over, so that a source that refills as fast as
// it is read cannot keep the consumer waiting for its first object.
const maxBatch = 1024

// next blocks until the stream has a chunk (returned), has ended (io.EOF)
// or has failed (its error). Cancelling ctx (which may be nil) destroys
// the stream with an AbortError and returns it.
func (pl *puller) next(ctx context.Context) (any, error) {
	if pl.next0 < len(pl.batch) && !cancelled(ctx) && !pl.s.abortRequested() {
		c := pl.batch[pl.next0]
		pl.batch[pl.next0] = nil
		pl.next0++
		return c, nil
	}
	clear(pl.batch[pl.next0:]) // dropped, if a cancel came: let them go
	pl.batch, pl.next0 = pl.batch[:0], 0
	if pl.sig == nil {
		// Bound once, so that a hand-over allocates nothing.
		pl.sig = newAwaitSignal()
		pl.handoverFn = pl.handover
		pl.tryFn = pl.try
	}
	pl.ctx = ctx
	err := pl.s.loop.awaitOn(pl.sig, waitFor{pl.call, pl.s}, pl.handoverFn)
	chunk, rerr := pl.chunk, pl.rerr
	// ctx and the done functions stay: a hand-over that ended with an
	// error of the loop (stalled, closed) leaves its wake-up behind, and
	// a late 'readable' may still run it. It then finishes a wait nobody
	// waits for, harmlessly; the iteration does not call next again.
	pl.chunk, pl.rerr = nil, nil
	if err != nil {
		return nil, err
	}
	return chunk, rerr
}

// handover is one hand-over, on the loop: a chunk (and what was buffered
// with it), the end, an error or a cancel, into pl.chunk and pl.rerr, and
// then done.
func (pl *puller) handover(done func()) {
	s := pl.s
	// A cancel made just now (by the consumer, say) is applied before
	// anything is read.
	s.loop.pollIfWatching()
	pl.start()
	pl.doneFn = done
	if ctx := pl.ctx; ctx != nil && ctx.Done() != nil {
		if ctx.Err() != nil {
			pl.rerr = errAbort(context.Cause(ctx))
			s.DestroyWith(pl.rerr, nil)
			pl.last()
			return
		}
		pl.watch(ctx)
	}
	pl.try()
}

// watch arms the watch of the consumer's ctx for this hand-over (a
// waitWatch, made once per iteration): a cancel while it waits ends it,
// and the loop does not go idle meanwhile; the watch is disarmed with the
// hand-over.
func (pl *puller) watch(ctx context.Context) {
	if pl.ww == nil || pl.wctx != ctx {
		pl.stopWatch()
		pl.ww, pl.wctx = pl.s.loop.newWaitWatch(ctx, pl.cancelled), ctx
		pl.watchDoneFn = pl.watchDone
	}
	pl.ww.arm()
	pl.awaitDone, pl.doneFn = pl.doneFn, pl.watchDoneFn
}

// cancelled is the watch's fire: the consumer's ctx was cancelled while
// it waited.
func (pl *puller) cancelled() {
	if pl.wake != nil {
		pl.rerr = errAbort(context.Cause(pl.ctx))
		pl.s.DestroyWith(pl.rerr, nil)
		pl.last()
	}
}

// watchDone ends a hand-over made under the watch.
func (pl *puller) watchDone() {
	pl.ww.disarm()
	pl.awaitDone()
}

// stopWatch lets go of the ctx of the iteration, from any goroutine. The
// watch itself stays, disarmed or not, for a late wake-up of a hand-over
// that ended with an error of the loop (see next).
func (pl *puller) stopWatch() {
	if pl.ww != nil {
		pl.ww.stop()
	}
}

// try takes a chunk if the stream has one, else the end or error if it
// has come, else waits for the stream (pl.wake) to try again.
func (pl *puller) try() {
	s := pl.s
	if !s.rs.Destroyed {
		// What the stream had buffered before this read, and only that,
		// goes with it: what the reads refill is what Node's next read()
		// would find, and stays in the stream, so a lazy source (an
		// operator) is pulled no further ahead than Node's iterator
		// pulls it.
		avail := s.rs.buffer.len()
		if c := s.readHead(); c != nil {
			pl.chunk = c
			if !pl.keep {
				pl.takeBuffered(avail - 1)
			}
			pl.wake = nil
			pl.doneFn()
			return
		}
	}
	if pl.done {
		pl.rerr = pl.doneErr
		if pl.rerr == nil {
			pl.rerr = io.EOF
			if pl.destroyAtEnd && s.life.AutoDestroy && !s.Destroyed() {
				s.DestroyWith(nil, nil)
			}
		}
		pl.last()
		return
	}
	pl.wake = pl.tryFn
}

// last gives the last answer (the end, an error, a cancel) once a
// destroyed stream has gone through its close step, so that what an
// adapter under it wraps is let go of when the consumer sees the end.
func (pl *puller) last() {
	pl.wake = nil
	waitClosed([]*Stream{pl.s}, pl.doneFn)
}

// start installs the listeners, once, on the loop.
func (pl *puller) start() {
	if pl.started {
		return
	}
	pl.started = true
	poke := func() {
		if pl.wake != nil {
			pl.wake()
		}
	}
	pl.readableL = pl.s.On("readable", func(...any) { poke() })
	// Only the readable side counts, as for Node's iterator
	// (eos(stream, {writable: false})): a Duplex whose writable side is
	// still open has nothing more to yield once its readable side ended.
	pl.finCleanup = FinishedWith(pl.s, FinishedOptions{Writable: Bool(false)}, func(err error) {
		pl.done = true
		pl.doneErr = err
		poke()
	})
}

// abortRequested reports whether a context that destroys s is cancelled:
// the chunks a consumer holds are then dropped, as Node's iterator, which
// reads one at a time, finds the stream destroyed at its next read. Safe
// off the loop.
func (s *Stream) abortRequested() bool {
	list := s.aborts.Load()
	if list == nil {
		return false
	}
	for _, ctx := range *list {
		if ctx.Err() != nil {
			return true
		}
	}
	return false
}

// cancelled reports whether ctx (which may be nil) is done: a cancel wins
// over the chunks a hand-over already took.
func cancelled(ctx context.Context) bool {
	if ctx == nil {
		return false
	}
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}

// takeBuffered moves at most n chunks the stream has buffered into the
// batch, on the loop: the caller counts those buffered before the
// hand-over, not those its reads made the stream produce.
// Byte chunks stay as they were pushed: nothing is copied.
func (pl *puller) takeBuffered(n int) {
	s := pl.s
	for n = min(n, s.rs.buffer.len(), maxBatch); n > 0 && !s.rs.Destroyed; n-- {
		c := s.readHead()
		if c == nil {
			return
		}
		pl.batch = append(pl.batch, c)
	}
}

// release takes the listeners off for a consumer that stopped before the
// end without destroying the stream (DestroyOnReturn false).
func (pl *puller) release() {
	s := pl.s
	_ = s.loop.await(waitFor{pl.call, s}, func(done func()) {
		if pl.started {
			s.RemoveListener("readable", pl.readableL)
			pl.finCleanup()
			pl.started = false
		}
		done()
	})
}

// abandon destroys the stream of a consumer that stopped before its end.
func (pl *puller) abandon() {
	s := pl.s
	destroy := func() {
		if !s.Destroyed() && !s.rs.EndEmitted {
			s.DestroyWith(errAbort(nil), nil)
		}
	}
	err := s.loop.await(waitFor{pl.call, s}, func(done func()) {
		destroy()
		// Return once the stream has let go of what it wraps.
		waitClosed([]*Stream{s}, done)
	})
	if err != nil && errors.Is(err, ErrLoopClosed) && s.loop.driver.Load() == 0 {
		// A closed loop runs nothing more, and nobody runs it: destroy
		// the stream here, with the microtasks that follows from it, so
		// that its destroy hook still lets go of what the stream wraps.
		destroy()
		s.loop.drainTicks()
	}
}
