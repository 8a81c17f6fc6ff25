package stream

import "slices"

// The write path of a Writable: a chunk is checked, written through the
// write hook or buffered behind the write in flight, and called back;
// buffered writes are flushed one by one or as one writev.

func (s *Stream) write(chunk any, encoding string, cb func(error)) (bool, error) {
	s.loop.pollIfWatching()
	if l, enc, ok := s.plainWrite(chunk, encoding); ok {
		s.ws.PendingCB++
		return s.writeOrBuffer(chunk, l, enc, cb), nil
	}
	accepted, err, thrown := s.writeChunk(chunk, encoding, cb)
	if thrown != nil {
		return false, thrown
	}
	return accepted && err == nil, nil
}

// plainWrite is the fast path of pipes and Transforms: bytes, or an
// object, written to a stream that is open, for which writeChunk would
// check nothing further. It returns the chunk's length and encoding for
// writeOrBuffer, or false for writeChunk to decide.
func (s *Stream) plainWrite(chunk any, encoding string) (int, string, bool) {
	st := s.ws
	if chunk == nil || st.Ending || s.life.Destroyed {
		return 0, "", false
	}
	if st.ObjectMode {
		return 1, encoding, true
	}
	if b, ok := chunk.([]byte); ok && encoding == "" {
		return len(b), "buffer", true
	}
	return 0, "", false
}

// writeChunk is Node's _write: it returns Write's result, the error
// reported through the callback (write after end or destroy), or an error
// Node would throw.
func (s *Stream) writeChunk(chunk any, encoding string, cb func(error)) (ok bool, cbErr, thrown error) {
	st := s.ws
	if chunk == nil {
		return false, nil, newError(ErrNullValues, "")
	}
	if !st.ObjectMode {
		if encoding == "" {
			encoding = st.DefaultEncoding
		} else if encoding != "buffer" && !IsEncoding(encoding) {
			return false, nil, errUnknownEncoding(encoding)
		}
		switch c := chunk.(type) {
		case string:
			if st.DecodeStrings {
				b, err := EncodeString(c, encoding)
				if err != nil {
					return false, nil, err
				}
				chunk = b
				encoding = "buffer"
			}
		case []byte:
			encoding = "buffer"
		default:
			return false, nil, errInvalidArgType("chunk", "of type string or an instance of Buffer, TypedArray, or DataView", chunk)
		}
	}
	var err error
	if st.Ending {
		err = newError(ErrWriteAfterEnd, "")
	} else if s.life.Destroyed {
		err = errDestroyed("write")
	}
	if err != nil {
		if cb != nil {
			s.loop.tick(callErrTick, &errCall{cb, err})
		}
		s.errorOrDestroy(err, true)
		return false, err, nil
	}
	st.PendingCB++
	return s.writeOrBuffer(chunk, s.wlen(chunk), encoding, cb), nil, nil
}

type errCall struct {
	cb  func(error)
	err error
}

func callErrTick(a any) {
	c := a.(*errCall)
	c.cb(c.err)
}

func (s *Stream) wlen(chunk any) int {
	if s.ws.ObjectMode {
		return 1
	}
	return chunkLen(chunk)
}

// writeOrBuffer starts writing chunk (whose length is l), or buffers it
// behind the write in flight, and returns Write's result.
func (s *Stream) writeOrBuffer(chunk any, l int, encoding string, cb func(error)) bool {
	st := s.ws
	st.Length += l
	if st.Writing || s.life.Errored != nil || st.Corked > 0 || !s.life.Constructed {
		st.buffered.push(writeReq{chunk, encoding, cb})
		if st.AllBuffers && encoding != "buffer" {
			st.AllBuffers = false
		}
		if st.AllNoop && cb != nil {
			st.AllNoop = false
		}
	} else {
		st.writeLen = l
		st.writeCB = cb
		st.Writing, st.Sync, st.expectWriteCB = true, true, true
		s.callWrite(chunk, encoding)
		if s.loop.throwing() {
			return false
		}
		st.Sync = false
	}
	ret := st.Length < st.HighWaterMark || st.Length == 0
	if !ret {
		st.NeedDrain = true
	}
	return ret && !s.life.Destroyed && s.life.Errored == nil
}

func (s *Stream) callWrite(chunk any, encoding string) {
	s.writeHook(chunk, encoding, s.onwrite)
}

func (s *Stream) doWrite(writev bool, l int, chunk any, chunks []WriteChunk, encoding string, cb func(error)) {
	st := s.ws
	st.writeLen = l
	st.writeCB = cb
	st.Writing, st.Sync, st.expectWriteCB = true, true, true
	s.loop.pollIfWatching()
	if s.life.Destroyed {
		s.onwrite(errDestroyed("write"))
	} else if writev {
		s.writevHook(chunks, s.onwrite)
	} else {
		s.callWrite(chunk, encoding)
	}
	if s.loop.throwing() {
		return
	}
	st.Sync = false
}

func (s *Stream) onWrite(er error) {
	st := s.ws
	if er == nil && st.Sync && st.expectWriteCB && st.writeCB == nil && !st.Ending &&
		(st.afterWritePending || !st.NeedDrain && !st.ObjectMode) &&
		st.buffered.len() == 0 && !s.loop.throwing() {
		// The common case of a pipe: the hook called back at once, with
		// no callback of the writer's to run, and no tick to queue (none
		// is owed, or one is already queued). All the general path below
		// does for it is this.
		st.Writing, st.expectWriteCB = false, false
		st.Length -= st.writeLen
		st.writeLen = 0
		st.PendingCB--
		return
	}
	if s.loop.throwing() {
		return // a hook calling back after a throw, which Node's never does
	}
	if !st.expectWriteCB {
		s.errorOrDestroy(newError(ErrMultipleCallback, ""), false)
		return
	}
	sync := st.Sync
	cb := st.writeCB
	st.writeCB = nil
	st.Writing, st.expectWriteCB = false, false
	st.Length -= st.writeLen
	st.writeLen = 0
	if er != nil {
		s.checkError(er)
		if sync {
			s.loop.tick(onwriteErrorTick, &writeErr{s, er, cb})
		} else {
			s.onwriteError(er, cb)
		}
		return
	}
	if st.buffered.len() > 0 {
		s.clearBuffer()
	}
	if !sync {
		s.afterWrite(1, cb)
		return
	}
	needDrain := st.NeedDrain && st.Length == 0
	// Node writes (state[kState] & kDestroyed !== 0), which by operator
	// precedence tests the objectMode bit; the timing of callbacks in
	// object mode depends on it, so it is reproduced.
	needTick := needDrain || st.ObjectMode || cb != nil
	switch {
	case cb == nil:
		if !st.afterWritePending && needTick {
			st.afterWritePending = true
			s.loop.tick(afterWriteNopTick, s)
		} else {
			st.PendingCB--
			if st.Ending {
				s.finishMaybe(true)
			}
		}
	case needTick:
		// Node also adds a callback to the newest batch when it is the
		// same function as that batch's; Go cannot compare functions, so
		// each callback has a tick of its own.
		st.afterWrites.push(cb)
		st.afterWritePending = true
		s.loop.tick(afterWriteTick, s)
	default:
		st.PendingCB--
		if st.Ending {
			s.finishMaybe(true)
		}
	}
}

type writeErr struct {
	s   *Stream
	err error
	cb  func(error)
}

func onwriteErrorTick(a any) {
	w := a.(*writeErr)
	w.s.onwriteError(w.err, w.cb)
}

func (s *Stream) onwriteError(er error, cb func(error)) {
	s.ws.PendingCB--
	if cb != nil {
		cb(er)
	}
	s.errorBuffer()
	s.errorOrDestroy(er, false)
}

func afterWriteNopTick(a any) { a.(*Stream).afterWrite(1, nil) }

func afterWriteTick(a any) {
	s := a.(*Stream)
	st := s.ws
	cb, _ := st.afterWrites.shift()
	s.afterWrite(1, cb)
}

func (s *Stream) afterWrite(count int, cb func(error)) {
	st := s.ws
	st.afterWritePending = false
	if st.NeedDrain && !st.Ending && !s.life.Destroyed && st.Length == 0 {
		st.NeedDrain = false
		s.emitSlot0(slotDrain)
	}
	for ; count > 0; count-- {
		st.PendingCB--
		if cb != nil {
			cb(nil)
		}
	}
	if s.life.Destroyed {
		s.errorBuffer()
	}
	if st.Ending {
		s.finishMaybe(true)
	}
}

// errorBufferLater is what Destroy does first on a writable side, as
// Node's Writable.prototype.destroy: writes still buffered, and End
// callbacks, are failed on the next tick.
func (s *Stream) errorBufferLater() {
	if st := s.ws; st.buffered.len() > 0 || len(st.onFinished) > 0 {
		s.loop.tick(errorBufferTick, s)
	}
}

func errorBufferTick(a any) { a.(*Stream).errorBuffer() }

// errorBuffer calls back every buffered write, and every End callback, with
// the stream's error (or ERR_STREAM_DESTROYED).
func (s *Stream) errorBuffer() {
	st := s.ws
	if st.Writing {
		return
	}
	if st.buffered.len() > 0 {
		st.dropped = true
	}
	for st.buffered.len() > 0 {
		req, _ := st.buffered.shift()
		st.Length -= s.wlen(req.chunk)
		if req.cb != nil {
			err := s.life.Errored
			if err == nil {
				err = errDestroyed("write")
			}
			req.cb(err)
		}
	}
	err := s.life.Errored
	if err == nil {
		err = errDestroyed("end")
	}
	s.callFinishedCallbacks(err)
	s.resetBuffer()
}

func (s *Stream) resetBuffer() {
	st := s.ws
	st.buffered.clear()
	st.AllBuffers, st.AllNoop = true, true
}

func (s *Stream) clearBuffer() {
	st := s.ws
	if s.life.Destroyed || st.bufferProcessing || st.Corked > 0 || st.buffered.len() == 0 || !s.life.Constructed {
		return
	}
	n := st.buffered.len()
	st.bufferProcessing = true
	if n > 1 && s.writevHook != nil {
		st.PendingCB -= n - 1
		// The slice is reused from one writev to the next: the hook must
		// not keep it after calling back.
		chunks := slices.Grow(st.writevBuf[:0], n)[:n]
		st.writevBuf = chunks
		var cbs []func(error)
		if !st.AllNoop {
			cbs = make([]func(error), n)
		}
		for i := 0; i < n; i++ {
			req := st.buffered.at(i)
			chunks[i] = WriteChunk{req.chunk, req.encoding}
			if cbs != nil {
				cbs[i] = req.cb
			}
		}
		var cb func(error)
		if cbs != nil {
			cb = func(err error) {
				for _, c := range cbs {
					if c != nil {
						c(err)
					}
				}
			}
		}
		s.resetBuffer()
		s.doWrite(true, st.Length, nil, chunks, "", cb)
	} else {
		for {
			req, _ := st.buffered.shift()
			s.doWrite(false, s.wlen(req.chunk), req.chunk, nil, req.encoding, req.cb)
			if s.loop.throwing() {
				// Node stops here with bufferProcessing still set, and
				// the slot of the request it handed over emptied but
				// still counted.
				st.buffered.unshift(writeReq{})
				return
			}
			if st.buffered.len() == 0 || st.Writing {
				break
			}
		}
		if st.buffered.len() == 0 {
			s.resetBuffer()
		}
	}
	st.bufferProcessing = false
}

func (s *Stream) uncork() {
	st := s.ws
	if st.Corked > 0 {
		st.Corked--
		if !st.Writing {
			s.clearBuffer()
		}
	}
}
