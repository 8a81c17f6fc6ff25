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
// what each read() returns: everything buffered (bytes concatenated, or a
// decoded string) or one value in object mode. The stream's error is
// yielded once, with a nil chunk, and ends the iteration. Breaking out of
// the loop, or cancelling ctx (which may be nil), destroys the stream, as
// Node's iterator does on return; cancelling yields an AbortError.
//
// Like the other blocking adapters it must not be used on the stream's
// loop, where it yields an error wrapping ErrReentrant.
func Chunks(ctx context.Context, s ReadableStream) iter.Seq2[any, error] {
	st := readableOf(s, "stream")
	return func(yield func(any, error) bool) {
		p := &puller{s: st, call: "Chunks"}
		inBody := false
		defer func() {
			// The loop body broke out, or panicked: as Node's iterator
			// return, the stream is destroyed, so what it holds is let
			// go of whatever way the loop ended.
			if inBody {
				p.abandon()
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
