package stream

import (
	"fmt"
	"iter"
)

// The second half of FlatMapAsync, Node's
//
//	for await (const val of map(fn, options)) yield* val
//
// done in the mapping's own drain: the result at the head of the queue is
// iterated into the output before it is shifted, so that, as in Node, the
// next call starts only once the results before it are taken. A sequence
// is pushed at once, as FlatMap does; a stream is read as Node's async
// iterator reads it (each read()), as far as the output wants, and is
// destroyed if the output is.

// enter takes the mapped value at the head of the queue: a sequence is
// pushed now, a stream becomes the one read.
func (o *asyncOp) enter(v any) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = recovered(p) // a throw in the sequence, as in FlatMap
		}
	}()
	switch it := v.(type) {
	case ReadableStream:
		in := it.asReadable().Stream
		if in.loop != o.loop {
			return newError(ErrInvalidReturnValue, fmt.Sprintf(
				"FlatMapAsync: the mapper returned a stream on %v, but the source runs on %v: use Pipe to cross between loops", in.loop, o.loop))
		}
		o.inner = in
		o.innerReadable = in.On("readable", func(...any) { o.drain() })
		o.innerCleanup = finishedWith(in, FinishedOptions{}, func(err error) {
			if o.inner != in {
				return
			}
			if err != nil {
				o.out.Destroy(err)
				return
			}
			o.drain()
		})
	case []any:
		for _, r := range it {
			if r != nil {
				o.push(r)
			}
		}
	case iter.Seq[any]:
		o.pushSeq(it)
	case func(yield func(any) bool):
		o.pushSeq(it)
	case iter.Seq2[any, error]:
		return o.pushSeq2(it)
	case func(yield func(any, error) bool):
		return o.pushSeq2(it)
	default:
		return newError(ErrInvalidReturnValue, fmt.Sprintf(
			"FlatMapAsync: the mapper must return a ReadableStream, a []any, an iter.Seq[any] or an iter.Seq2[any, error]. Received %s", describe(v)))
	}
	return nil
}

func (o *asyncOp) pushSeq(seq iter.Seq[any]) {
	for r := range seq {
		if r != nil {
			o.push(r)
		}
	}
}

func (o *asyncOp) pushSeq2(seq iter.Seq2[any, error]) error {
	for r, err := range seq {
		if err != nil {
			return err
		}
		if r != nil {
			o.push(r)
		}
	}
	return nil
}

// push hands one value of a sequence to the output; a full output stops
// the drain after the sequence.
func (o *asyncOp) push(v any) {
	if !o.out.Push(v) {
		o.wanted = false
	}
}

// pullInner hands what the current stream has to the output, and reports
// whether the drain may go on: false while the stream has nothing yet (its
// 'readable' or end calls drain again) or is failing.
func (o *asyncOp) pullInner() bool {
	in := o.inner
	if in.rs.Destroyed && !in.rs.EndEmitted {
		return false // its Finished listener reports why
	}
	if v := in.read(0, true); v != nil {
		o.push(v)
		return true
	}
	if in.rs.Ended && in.rs.Length == 0 {
		o.leave()
		o.shift()
		return true
	}
	return false
}

// leave lets go of the current stream.
func (o *asyncOp) leave() {
	in := o.inner
	o.inner = nil
	in.RemoveListener("readable", o.innerReadable)
	o.innerCleanup()
	o.innerReadable, o.innerCleanup = nil, nil
}
