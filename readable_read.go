package stream

import "strconv"

// The way out of a Readable: Read and ReadN, how much a read takes, and
// the end of the data.

func computeNewHighWaterMark(n int) (int, error) {
	if n > maxHWM {
		return 0, newError(ErrOutOfRange, "The value of \"size\" is out of range. It must be <= 1GiB. Received "+strconv.Itoa(n))
	}
	n--
	n |= n >> 1
	n |= n >> 2
	n |= n >> 4
	n |= n >> 8
	n |= n >> 16
	n++
	return n, nil
}

func (s *Stream) howMuchToRead(n int, all bool) int {
	st := s.rs
	if (!all && n <= 0) || (st.Length == 0 && st.Ended) {
		return 0
	}
	if st.ObjectMode {
		return 1
	}
	if all {
		if st.Flowing == FlowingTrue && st.Length > 0 {
			return st.buffer.firstLen()
		}
		return st.Length
	}
	if n <= st.Length {
		return n
	}
	if st.Ended {
		return st.Length
	}
	return 0
}

// Read takes data from the buffer, as Node's readable.read() with no
// argument: everything buffered (in flowing mode, the first chunk), one
// value in object mode, or nil when the buffer is empty. It emits 'data'
// for what it returns, and calls the read hook to refill the buffer.
func (r *Readable) Read() any {
	r.loop.check()
	return r.read(0, true)
}

// ReadN is Node's readable.read(n): it returns n bytes (or characters after
// SetEncoding) only when that many are buffered, or what is left once the
// stream has ended, and nil otherwise. ReadN(0) returns nil and only
// refreshes: it may call the read hook or emit 'readable'. A size above the
// highWaterMark raises it to the next power of two. A size above 1 GiB is a
// programming error Node throws for; ReadN panics with an *Error of code
// ERR_OUT_OF_RANGE.
//
// Bytes cut from a pushed []byte share its memory, as Node's slices of a
// Buffer do, with a capacity equal to their length, so appending copies.
// The slice headers of the pieces cut from one chunk are allocated
// together, a few dozen at a time, so ReadN of a small size does not
// allocate on each call; a piece kept keeps those few headers alive with
// it, and never another chunk.
func (r *Readable) ReadN(n int) any {
	r.loop.check()
	return r.read(n, false)
}

func (s *Stream) read(n int, all bool) any { return s.readN(n, all, false) }

// readHead is read() for a consumer off the loop that takes byte chunks
// as they were pushed: the first buffered chunk, whole, rather than a
// concatenation of everything buffered, and without raising the
// highWaterMark to a large chunk's size as read(n) would. The rest is
// read()'s: the read hook, 'data', the end. An empty buffer, or a
// decoder, is plain read().
func (s *Stream) readHead() any {
	st := s.rs
	if st.ObjectMode || st.Decoder != nil || st.buffer.len() == 0 {
		return s.read(0, true)
	}
	fl := st.buffer.firstLen()
	if fl == 0 {
		return s.read(0, true)
	}
	return s.readN(fl, false, true)
}

func (s *Stream) readN(n int, all, keepHWM bool) any {
	s.loop.pollIfWatching()
	if !all && n > 0 {
		if c := s.inHead(n); c != nil {
			return s.readInHead(c, n)
		}
	}
	return s.readPolled(n, all, keepHWM)
}

// inHead returns the front chunk when read(n) takes part of it and no
// more, nil otherwise: bytes without a decoder, n within the highWaterMark and shorter
// than what is left of the front chunk. A parser reading a header out of
// large chunks reads so.
func (s *Stream) inHead(n int) []byte {
	st := s.rs
	if st.ObjectMode || st.Decoder != nil || st.Length <= n || n > st.HighWaterMark {
		return nil
	}
	if b, ok := st.buffer.frontBytes(); ok && n < len(b)-st.buffer.off {
		return b
	}
	return nil
}

// readInHead is readPolled for an n that inHead accepts, with what that
// implies written out: n needs no new highWaterMark and is what the read
// takes, the buffer does not empty, and the bytes are a subslice of the
// front chunk. A read hook that runs may change all that: the general
// tail (readTake) then finishes.
func (s *Stream) readInHead(c []byte, n int) any {
	st := s.rs
	st.EmittedReadable = false
	if !st.Reading && !st.Ended && s.life.Constructed && !s.life.Destroyed && s.life.Errored == nil &&
		(st.NeedReadable || st.Length-n < st.HighWaterMark) {
		s.callReadHook()
		nOrig := n
		if !st.Reading {
			n = s.howMuchToRead(nOrig, false)
		}
		return s.readTake(n, nOrig, false)
	}
	off := st.buffer.off
	st.buffer.off = off + n
	ret := st.buffer.boxes.box(c, off, off+n)
	st.Length -= n
	st.AwaitDrainWriters = st.AwaitDrainWriters[:0]
	if !s.life.ErrorEmitted && !s.life.CloseEmitted {
		st.DataEmitted = true
		s.emitData(ret)
	}
	return ret
}

// readPolled is readN once the loop's cancellations are polled.
func (s *Stream) readPolled(n int, all, keepHWM bool) any {
	st := s.rs
	nOrig, allOrig := n, all
	if !all && n > st.HighWaterMark && !keepHWM {
		h, err := computeNewHighWaterMark(n)
		if err != nil {
			panic(err)
		}
		st.HighWaterMark = h
	}
	if all || n != 0 {
		st.EmittedReadable = false
	}
	if !all && n == 0 && st.NeedReadable {
		full := st.Length > 0
		if st.HighWaterMark != 0 {
			full = st.Length >= st.HighWaterMark
		}
		if full || st.Ended {
			if st.Length == 0 && st.Ended {
				s.endReadable()
			} else {
				s.emitReadable()
			}
			return nil
		}
	}
	n = s.howMuchToRead(n, all)
	all = false
	if n == 0 && st.Ended {
		if st.Length == 0 {
			s.endReadable()
		}
		return nil
	}
	doRead := st.NeedReadable
	if st.Length == 0 || st.Length-n < st.HighWaterMark {
		doRead = true
	}
	if st.Reading || st.Ended || s.life.Destroyed || s.life.Errored != nil || !s.life.Constructed {
		doRead = false
	} else if doRead {
		if st.Length == 0 {
			st.NeedReadable = true // a 'readable' is wanted when data comes
		}
		s.callReadHook()
		if !st.Reading {
			n = s.howMuchToRead(nOrig, allOrig)
		}
	}
	return s.readTake(n, nOrig, allOrig)
}

// callReadHook is read()'s call of the read hook: the stream is reading,
// and synchronously so until the hook returns. Small enough to inline
// into the read paths.
func (s *Stream) callReadHook() {
	st := s.rs
	st.Reading, st.Sync = true, true
	s.readHook(st.HighWaterMark)
	st.Sync = false
}

// readTake is the end of read(): it takes n units from the buffer (n as
// decided after the read hook), settles the state and emits 'data'. nOrig
// and allOrig are the arguments read() was called with.
func (s *Stream) readTake(n, nOrig int, allOrig bool) any {
	st := s.rs
	var ret any
	if n > 0 {
		ret = s.fromList(n)
	}
	if ret == nil {
		if st.Length <= st.HighWaterMark {
			st.NeedReadable = true
		}
		n = 0
	} else {
		st.Length -= n
		st.AwaitDrainWriters = st.AwaitDrainWriters[:0]
	}
	if st.Length == 0 {
		if !st.Ended {
			st.NeedReadable = true
		}
		if (allOrig || nOrig != n) && st.Ended {
			s.endReadable()
		}
	}
	if ret != nil && !s.life.ErrorEmitted && !s.life.CloseEmitted {
		st.DataEmitted = true
		s.emitData(ret)
	}
	return ret
}

// readFlowing is read() with no argument as flow() calls it, with the
// common case written out: a flowing stream, not ended, without a decoder
// and with something buffered, takes its front chunk whole (one value in
// object mode). It changes the same state in the same order as readPolled
// and calls the same hooks and listeners; anything else, and a buffer the
// read hook left in another shape, goes the general way.
func (s *Stream) readFlowing() any {
	s.loop.pollIfWatching()
	st := s.rs
	n := s.flowingHeadLen()
	if n == 0 {
		return s.readPolled(0, true, false)
	}
	st.EmittedReadable = false
	if !st.Reading && s.life.Constructed && !s.life.Destroyed && s.life.Errored == nil &&
		(st.NeedReadable || st.Length-n < st.HighWaterMark) {
		s.callReadHook()
		if !st.Reading {
			// The hook pushed: read() decides again what it takes.
			if n = s.flowingHeadLen(); n == 0 {
				return s.readTake(s.howMuchToRead(0, true), 0, true)
			}
		} else if s.flowingHeadLen() != n {
			// The hook unshifted without pushing: read() takes the n
			// it decided on from what is there now.
			return s.readTake(n, 0, true)
		}
	}
	ret, _ := st.buffer.ring.shift()
	st.Length -= n
	st.AwaitDrainWriters = st.AwaitDrainWriters[:0]
	if st.Length == 0 {
		if st.Ended {
			s.endReadable()
		} else {
			st.NeedReadable = true
		}
	}
	if !s.life.ErrorEmitted && !s.life.CloseEmitted {
		st.DataEmitted = true
		s.emitData(ret)
	}
	return ret
}

// flowingHeadLen is the length of the chunk readFlowing takes whole: the
// front chunk, when it is what read() with no argument would return (the
// stream flows, has not ended, has no decoder, and the chunk is untouched
// bytes or a value in object mode), or 0 when read() has to decide.
func (s *Stream) flowingHeadLen() int {
	st := s.rs
	if st.Length == 0 || st.Ended || st.Flowing != FlowingTrue || st.Decoder != nil {
		return 0
	}
	if st.ObjectMode {
		return 1
	}
	if b, ok := st.buffer.frontBytes(); ok && st.buffer.off == 0 {
		return len(b)
	}
	return 0
}

// fromList takes n units from the front of the buffer.
func (s *Stream) fromList(n int) any {
	st := s.rs
	buf := &st.buffer
	if st.Length == 0 {
		return nil
	}
	if st.ObjectMode {
		return buf.shift()
	}
	if n >= st.Length {
		if st.Decoder != nil {
			if buf.len() == 1 {
				return asString(buf.shift())
			}
			out := ""
			for buf.len() > 0 {
				out = utf16Concat(out, asString(buf.shift()))
			}
			return out
		}
		switch buf.len() {
		case 0:
			return []byte{}
		case 1:
			return buf.shift()
		}
		out := make([]byte, 0, st.Length)
		for buf.len() > 0 {
			out = appendChunk(out, buf.shift())
		}
		return out
	}
	fl := buf.firstLen()
	if n < fl {
		if _, ok := buf.ring.at(0).(string); ok {
			return buf.takeString(n)
		}
		return buf.takePiece(n)
	}
	if n == fl {
		return buf.shift()
	}
	if st.Decoder != nil {
		out := ""
		for buf.len() > 0 {
			l := buf.firstLen()
			if n > l {
				out = utf16Concat(out, asString(buf.shift()))
				n -= l
				continue
			}
			if n == l {
				out = utf16Concat(out, asString(buf.shift()))
			} else if _, ok := buf.ring.at(0).(string); ok {
				out = utf16Concat(out, buf.takeString(n))
			} else {
				out = utf16Concat(out, bytesToString(buf.takeBytes(n)))
			}
			break
		}
		return out
	}
	out := make([]byte, 0, n)
	for buf.len() > 0 {
		l := buf.firstLen()
		if n > l {
			out = appendChunk(out, buf.shift())
			n -= l
			continue
		}
		if n == l {
			out = appendChunk(out, buf.shift())
		} else if _, ok := buf.ring.at(0).(string); ok {
			out = append(out, buf.takeString(n)...)
		} else {
			out = append(out, buf.takeBytes(n)...)
		}
		break
	}
	return out
}

// asString is JavaScript's string concatenation of a chunk: a Buffer
// (unshifted into a decoded stream) reads as UTF-8, as its toString() does.
func asString(v any) string {
	switch c := v.(type) {
	case string:
		return c
	case []byte:
		return bytesToString(c)
	}
	return ""
}

func bytesToString(b []byte) string {
	s, _ := DecodeBytes(b, "utf8")
	return s
}

func appendChunk(out []byte, v any) []byte {
	switch c := v.(type) {
	case []byte:
		return append(out, c...)
	case string:
		return append(out, c...)
	}
	return out
}

func (s *Stream) endReadable() {
	st := s.rs
	if !st.EndEmitted {
		st.Ended = true
		s.loop.tick(endReadableTick, s)
	}
}

func endReadableTick(a any) {
	s := a.(*Stream)
	st := s.rs
	if s.life.Errored == nil && !s.life.CloseEmitted && !st.EndEmitted && st.Length == 0 {
		st.EndEmitted = true
		s.emitSlot0(slotEnd)
		s.endedHook()
	}
}

// autoDestroyAtEnd is what a Readable does once 'end' is emitted.
func (s *Stream) autoDestroyAtEnd() {
	if s.life.AutoDestroy {
		s.DestroyWith(nil, nil)
	}
}
