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
	return func(yield func(any, error) bool) {
		p := &puller{s: s.asReadable().Stream, call: "Chunks"}
		for {
			chunk, err := p.next(ctx)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(chunk, nil) {
				p.s.loop.await(waitFor{"Chunks", p.s}, func(done func()) {
					if !p.s.Destroyed() && !p.s.rs.EndEmitted {
						p.s.DestroyWith(errAbort(nil), nil)
					}
					done()
				})
				return
			}
		}
	}
}
