package stream

// The end of a Writable: End, then the final hook, 'prefinish' and
// 'finish' once every write has been called back.

func (s *Stream) end(chunk any, encoding string, cb func(error)) error {
	st := s.ws
	var err error
	if chunk != nil {
		_, cbErr, thrown := s.writeChunk(chunk, encoding, nil)
		if thrown != nil {
			return thrown
		}
		err = cbErr
	}
	if st.Corked > 0 {
		st.Corked = 1
		s.uncork()
	}
	if s.loop.throwing() {
		return nil
	}
	switch {
	case err != nil:
	case !st.Ending && s.life.Errored == nil:
		st.Ending = true
		s.finishMaybe(true)
		st.Ended = true
	case st.Finished:
		err = newError(ErrAlreadyFinished, "Cannot call end after a stream was finished")
	case s.life.Destroyed:
		err = errDestroyed("end")
	}
	if cb != nil {
		switch {
		case err != nil:
			s.loop.tick(callErrTick, &errCall{cb, err})
		case s.life.Errored != nil:
			s.loop.tick(callErrTick, &errCall{cb, s.life.Errored})
		case st.Finished:
			s.loop.tick(callErrTick, &errCall{cb, nil})
		default:
			st.onFinished = append(st.onFinished, cb)
		}
	}
	return nil
}

func (s *Stream) needFinish() bool {
	st := s.ws
	// While clearBuffer runs, Node's buffer still counts as holding
	// requests (it is reset after the loop), so nothing finishes from
	// inside it.
	return st.Ending && !s.life.Destroyed && s.life.Constructed && !st.Finished && !st.Writing &&
		!s.life.ErrorEmitted && !s.life.CloseEmitted && s.life.Errored == nil &&
		st.buffered.len() == 0 && !st.bufferProcessing && st.Length == 0
}

func (s *Stream) onFinish(err error) {
	st := s.ws
	if st.Prefinished {
		if err == nil {
			err = newError(ErrMultipleCallback, "")
		}
		s.errorOrDestroy(err, false)
		return
	}
	st.PendingCB--
	if err != nil {
		s.callFinishedCallbacks(err)
		s.errorOrDestroy(err, st.Sync)
	} else if s.needFinish() {
		st.Prefinished = true
		s.emitPrefinish()
		st.PendingCB++
		s.loop.tick(finishTick, s)
	}
}

func finishTick(a any) { a.(*Stream).finish() }

func (s *Stream) emitPrefinish() {
	if s.prefinishHook != nil {
		s.prefinishHook()
	}
	s.emitSlot0(slotPrefinish)
}

func (s *Stream) prefinish() {
	st := s.ws
	if st.Prefinished || st.FinalCalled {
		return
	}
	final := s.finalHook
	if final != nil && !s.life.Destroyed {
		st.FinalCalled, st.Sync = true, true
		st.PendingCB++
		final(s.onFinish)
		st.Sync = false
	} else {
		st.FinalCalled, st.Prefinished = true, true
		s.emitPrefinish()
	}
}

func (s *Stream) finishMaybe(sync bool) {
	st := s.ws
	if !s.needFinish() {
		return
	}
	s.prefinish()
	if st.PendingCB != 0 {
		return
	}
	if sync {
		st.PendingCB++
		s.loop.tick(finishMaybeTick, s)
	} else if s.needFinish() {
		st.PendingCB++
		s.finish()
	}
}

func finishMaybeTick(a any) {
	s := a.(*Stream)
	if s.needFinish() {
		s.finish()
	} else {
		s.ws.PendingCB--
	}
}

func (s *Stream) finish() {
	st := s.ws
	st.PendingCB--
	st.Finished = true
	s.callFinishedCallbacks(nil)
	s.emitSlot0(slotFinish)
	if s.life.AutoDestroy {
		rs := s.rs
		if rs == nil || (rs.AutoDestroy && (rs.EndEmitted || !rs.Readable)) {
			s.DestroyWith(nil, nil)
		}
	}
}

func (s *Stream) callFinishedCallbacks(err error) {
	st := s.ws
	if len(st.onFinished) == 0 {
		return
	}
	fns := st.onFinished
	st.onFinished = nil
	for _, f := range fns {
		f(err)
	}
}
