package stream

// The way into a Readable: Push and Unshift, and how a pushed chunk
// reaches the buffer or a flowing consumer, with the 'readable' and read-more
// passes that follow.

// Push adds chunk to the buffer, as Node's readable.push(chunk): a []byte
// or a string (converted with the default encoding, or kept as a string
// when it matches the encoding set by SetEncoding), or any value in object
// mode. Push(nil) signals the end of the data. It returns whether more
// data may be pushed before the buffer reaches the highWaterMark.
//
// A chunk of another type in byte mode destroys the stream with
// ERR_INVALID_ARG_TYPE, and a Push after Push(nil) with
// ERR_STREAM_PUSH_AFTER_EOF, as in Node.
//
// A chunk Node's push throws on (a value that is not bytes or a string
// pushed to an object-mode stream with SetEncoding) is thrown as Node
// does: returned by the Write or End that led to the Push, or else
// returned by Run as an uncaught error. PushWith returns it.
func (r *Readable) Push(chunk any) bool {
	r.loop.check()
	ok, err := r.Stream.push(chunk, "", false)
	if err != nil {
		r.loop.throw(err)
	}
	return ok
}

// PushWith is Push with the encoding of a string chunk (Node's
// push(chunk, encoding)). An unknown encoding is returned as
// ERR_UNKNOWN_ENCODING, where Node throws.
func (r *Readable) PushWith(chunk any, encoding string) (bool, error) {
	r.loop.check()
	return r.Stream.push(chunk, encoding, false)
}

// Unshift puts chunk back at the front of the buffer, as Node's
// readable.unshift(chunk), for a consumer that read too much. Unshift(nil)
// ends the stream. Unshift after 'end' is ERR_STREAM_UNSHIFT_AFTER_END_EVENT.
func (r *Readable) Unshift(chunk any) bool {
	r.loop.check()
	ok, err := r.Stream.push(chunk, "", true)
	if err != nil {
		r.loop.throw(err)
	}
	return ok
}

// UnshiftWith is Unshift with the encoding of a string chunk.
func (r *Readable) UnshiftWith(chunk any, encoding string) (bool, error) {
	r.loop.check()
	return r.Stream.push(chunk, encoding, true)
}

func (s *Stream) push(chunk any, encoding string, addToFront bool) (bool, error) {
	s.loop.pollIfWatching()
	st := s.rs
	// The fast path: an object, or bytes without a decoder, pushed to a
	// stream that is open. It does what the general path below does.
	if !addToFront && chunk != nil && s.openToPlain() {
		if st.ObjectMode {
			st.Reading = false
			s.addChunkLen(chunk, 1, false)
			return s.canPushMore(), nil
		}
		if b, ok := chunk.([]byte); ok && len(b) > 0 {
			st.Reading = false
			s.addChunkLen(chunk, len(b), false)
			return s.canPushMore(), nil
		}
	}
	if chunk == nil {
		st.Reading = false
		s.onEOFChunk()
		return false, nil
	}
	if st.ObjectMode {
		if !addToFront {
			if st.Ended {
				s.errorOrDestroy(newError(ErrPushAfterEOF, ""), false)
				return false, nil
			}
			if s.life.Destroyed || s.life.Errored != nil {
				return false, nil
			}
			st.Reading = false
			if st.Decoder != nil && encoding == "" {
				// Node hands every chunk to the decoder, which takes
				// bytes, passes strings through and throws on others.
				switch c := chunk.(type) {
				case []byte:
					chunk = st.Decoder.Write(c)
				case string:
				default:
					return false, errInvalidArgType("buf", "an instance of Buffer, TypedArray, or DataView", c)
				}
			}
			s.addChunk(chunk, false)
			return s.canPushMore(), nil
		}
		return s.unshiftValue(chunk), nil
	}

	// Byte mode. A string in the stream's own encoding stays a string (its
	// encoding stays set, so the decoder leaves it alone); any other
	// string becomes bytes.
	switch c := chunk.(type) {
	case string:
		if encoding == "" {
			encoding = st.DefaultEncoding
		}
		if st.Encoding != encoding {
			b, err := EncodeString(c, encoding)
			if err != nil {
				return false, err
			}
			if addToFront && st.Encoding != "" {
				str, _ := DecodeBytes(b, st.Encoding)
				chunk = str
			} else {
				chunk = b
				encoding = ""
			}
		}
	case []byte:
		encoding = ""
	default:
		s.errorOrDestroy(errInvalidArgType("chunk", "of type string or an instance of Buffer, TypedArray, or DataView", chunk), false)
		return false, nil
	}
	if addToFront {
		if chunkLen(chunk) == 0 {
			return s.canPushMore(), nil
		}
		return s.unshiftValue(chunk), nil
	}
	if chunkLen(chunk) == 0 {
		st.Reading = false
		s.maybeReadMore()
		return s.canPushMore(), nil
	}
	if st.Ended {
		s.errorOrDestroy(newError(ErrPushAfterEOF, ""), false)
		return false, nil
	}
	if s.life.Destroyed || s.life.Errored != nil {
		return false, nil
	}
	st.Reading = false
	if st.Decoder != nil && encoding == "" {
		str := st.Decoder.Write(chunk.([]byte))
		if len(str) == 0 {
			s.maybeReadMore()
			return s.canPushMore(), nil
		}
		chunk = str
	}
	s.addChunk(chunk, false)
	return s.canPushMore(), nil
}

// openToPlain reports whether push's fast path may take a chunk: the
// stream is open, has not ended and decodes nothing.
func (s *Stream) openToPlain() bool {
	st := s.rs
	return !st.Ended && !s.life.Destroyed && s.life.Errored == nil && st.Decoder == nil
}

// emitsAtOnce reports whether a chunk added now goes to the 'data'
// listeners instead of the buffer, as Node's addChunk decides: the stream
// flows, outside a read, with a listener and nothing buffered.
func (st *ReadableState) emitsAtOnce() bool {
	return st.Length == 0 && st.Flowing == FlowingTrue && !st.Sync && st.DataListening
}

// pushToFlowing is push for a chunk that goes straight on to a flowing
// consumer (emitsAtOnce, and push's fast path would take it): it emits
// chunk with push's bookkeeping, in push's order, and reports true.
// Otherwise it does nothing and reports false, for push to decide. A
// Transform's callback takes this way, two frames shorter than push's.
func (s *Stream) pushToFlowing(chunk any) bool {
	s.loop.pollIfWatching()
	st := s.rs
	if !st.emitsAtOnce() || !s.openToPlain() {
		return false
	}
	if !st.ObjectMode {
		if b, ok := chunk.([]byte); !ok || len(b) == 0 {
			return false
		}
	}
	st.Reading = false
	s.emitChunk(chunk)
	s.maybeReadMore()
	return true
}

// emitChunk is addChunk's way for a chunk that skips the buffer.
func (s *Stream) emitChunk(chunk any) {
	st := s.rs
	st.AwaitDrainWriters = st.AwaitDrainWriters[:0]
	st.DataEmitted = true
	s.emitData(chunk)
}

func (s *Stream) unshiftValue(chunk any) bool {
	st := s.rs
	if st.EndEmitted {
		s.errorOrDestroy(newError(ErrUnshiftAfterEnd, ""), false)
	} else if s.life.Destroyed || s.life.Errored != nil {
		return false
	} else {
		s.addChunk(chunk, true)
	}
	return s.canPushMore()
}

func (s *Stream) itemLen(c any) int {
	if s.rs.ObjectMode {
		return 1
	}
	return chunkLen(c)
}

func (s *Stream) canPushMore() bool {
	st := s.rs
	return !st.Ended && (st.Length < st.HighWaterMark || st.Length == 0)
}

func (s *Stream) addChunk(chunk any, addToFront bool) {
	s.addChunkLen(chunk, s.itemLen(chunk), addToFront)
}

// addChunkLen is addChunk for a chunk whose length (in the buffer's
// units) is known.
func (s *Stream) addChunkLen(chunk any, l int, addToFront bool) {
	st := s.rs
	if st.emitsAtOnce() {
		s.emitChunk(chunk)
	} else {
		st.Length += l
		if addToFront {
			st.buffer.unshift(chunk)
		} else {
			st.buffer.push(chunk)
		}
		if st.NeedReadable {
			s.emitReadable()
		}
	}
	s.maybeReadMore()
}

func (s *Stream) onEOFChunk() {
	st := s.rs
	if st.Ended {
		return
	}
	if st.Decoder != nil {
		if str := st.Decoder.End(nil); len(str) > 0 {
			st.buffer.push(str)
			st.Length += s.itemLen(str)
		}
	}
	st.Ended = true
	if st.Sync {
		s.emitReadable()
	} else {
		st.NeedReadable = false
		st.EmittedReadable = true
		s.emitReadableNT()
	}
}

func (s *Stream) emitReadable() {
	st := s.rs
	st.NeedReadable = false
	if !st.EmittedReadable {
		st.EmittedReadable = true
		s.loop.tick(emitReadableTick, s)
	}
}

func emitReadableTick(a any) { a.(*Stream).emitReadableNT() }

func (s *Stream) emitReadableNT() {
	st := s.rs
	if !s.life.Destroyed && s.life.Errored == nil && (st.Length > 0 || st.Ended) {
		s.emitSlot0(slotReadable)
		st.EmittedReadable = false
	}
	if st.Flowing != FlowingTrue && !st.Ended && st.Length <= st.HighWaterMark {
		st.NeedReadable = true
	}
	s.flow()
}

// maybeReadMore schedules the read-more pass unless one is pending. The
// check inlines into the push path; the scheduling does not need to.
func (s *Stream) maybeReadMore() {
	if !s.rs.ReadingMore && s.life.Constructed {
		s.scheduleReadMore()
	}
}

// Out of line, so that the check calling it inlines.
//
//go:noinline
func (s *Stream) scheduleReadMore() {
	s.rs.ReadingMore = true
	s.loop.tick(maybeReadMoreTick, s)
}

func maybeReadMoreTick(a any) {
	s := a.(*Stream)
	st := s.rs
	for !st.Reading && !st.Ended && (st.Length < st.HighWaterMark || (st.Flowing == FlowingTrue && st.Length == 0)) {
		l := st.Length
		s.read(0, false)
		if l == st.Length {
			break
		}
	}
	st.ReadingMore = false
}

// emitData emits 'data' with chunk. While a same-loop pipe's listener is
// the only one, a chunk that dst takes without further checks (bytes, or
// a value in object mode) is written to dst here: the emitter would call
// that listener alone, and the listener write it, the same way, through
// three more frames per chunk and pipe.
func (s *Stream) emitData(chunk any) {
	ls := s.slots[slotData]
	if len(ls) == 0 {
		return // a Readable read by read() alone
	}
	if len(ls) == 1 {
		if t := &s.rs.pipeTo; ls[0] == t.l {
			// The write may unpipe (and clear pipeTo); the pipe's pause
			// still runs after it, as in deliver.
			d, pause := t.dest, t.pause
			d.loop.pollIfWatching()
			if l, enc, ok := d.plainWrite(chunk, ""); ok {
				d.ws.PendingCB++
				if !d.writeOrBuffer(chunk, l, enc, nil) {
					pause()
				}
				return
			}
		}
	}
	s.emitList1(ls, false, chunk)
}
