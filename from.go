package stream

import "iter"

// From returns a Readable that yields the values of seq, as Node's
// Readable.from(iterable): an object-mode stream (ObjectMode is forced on)
// with a highWaterMark of 1 unless opts sets one. The sequence is pulled
// on the loop, one value per push until Push returns false, so it must not
// block: for I/O use FromReader. A nil value is ERR_STREAM_NULL_VALUES and
// destroys the stream. Destroying the stream stops the sequence; a stream
// abandoned before its end should be destroyed, or the sequence's
// coroutine stays parked. A panic in seq destroys the stream with a
// *PanicError holding the panic value, as a throw in Node's generator
// destroys the stream with it. A nil seq gives a stream destroyed with
// ERR_INVALID_ARG_TYPE.
func From[T any](seq iter.Seq[T], opts ReadableOptions) *Readable {
	opts.ObjectMode = true
	return fromSeq(seq, opts)
}

// FromBytes is [From] for a sequence of strings or byte slices in byte
// mode, as Node's Readable.from(iterable, {objectMode: false}): the stream
// is not in object mode (ObjectMode is forced off), each value is pushed
// as one chunk (a string encoded with opts.DefaultEncoding, utf8 by
// default), and the highWaterMark is 1 byte unless opts sets one, as in
// Node, so each read pulls one value. Everything else is as for From.
func FromBytes[T string | []byte](seq iter.Seq[T], opts ReadableOptions) *Readable {
	opts.ObjectMode = false
	return fromSeq(seq, opts)
}

// fromSeq is From and FromBytes, opts.ObjectMode set.
func fromSeq[T any](seq iter.Seq[T], opts ReadableOptions) *Readable {
	if opts.HighWaterMark == nil {
		opts.HighWaterMark = Int(1)
	}
	var (
		r       *Readable
		next    func() (T, bool)
		stop    func()
		reading bool
	)
	userDestroy := opts.Destroy
	opts.Read = func(int) {
		if reading {
			return
		}
		reading = true
		if next == nil {
			next, stop = iter.Pull(seq)
		}
		for {
			v, ok, err := pullNext(next)
			if err != nil {
				// Node: a throw in the generator destroys the stream
				// with it. The coroutine is gone; stop is a no-op.
				reading = false
				r.Destroy(err)
				return
			}
			if !ok {
				stop()
				r.Push(nil)
				return
			}
			if any(v) == nil {
				reading = false
				r.Destroy(newError(ErrNullValues, ""))
				return
			}
			if !r.Push(v) {
				reading = false
				return
			}
		}
	}
	opts.Destroy = func(err error, cb func(error)) {
		if stop != nil {
			stop()
		}
		// Node calls back on a later tick, after the iterator's return.
		r.loop.NextTick(func() {
			if userDestroy != nil {
				userDestroy(err, cb)
				return
			}
			cb(err)
		})
	}
	r = NewReadable(opts)
	if seq == nil {
		// Node throws ERR_INVALID_ARG_TYPE; From has no error to
		// return, so the stream carries it.
		r.Destroy(errInvalidArgType("iterable", "an Iterable", nil))
	}
	return r
}

// pullNext calls next, turning a panic of the sequence into an error.
func pullNext[T any](next func() (T, bool)) (v T, ok bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = recovered(p)
		}
	}()
	v, ok = next()
	return v, ok, nil
}
