package stream

import (
	"context"
	"slices"
	"strings"
	"unsafe"
)

// WritableOptions configures a Writable (Node's new Writable(options)). The
// zero value gives Node's defaults.
type WritableOptions struct {
	// HighWaterMark is the buffered length at which Write starts returning
	// false, in bytes or objects. Nil means GetDefaultHighWaterMark; a
	// negative value makes the constructor fail with ERR_INVALID_ARG_VALUE.
	HighWaterMark *int
	// ObjectMode makes the stream accept any value but nil, counted 1 each.
	ObjectMode bool
	// DecodeStrings: whether strings are converted to []byte (with their
	// encoding) before they reach the Write hook. Nil means true.
	DecodeStrings *bool
	// DefaultEncoding is the encoding of strings written without one;
	// "" means utf8.
	DefaultEncoding string
	// EmitClose: whether 'close' is emitted after destroy. Nil means true.
	EmitClose *bool
	// AutoDestroy: whether the stream destroys itself after 'finish' or an
	// error. Nil means true.
	AutoDestroy *bool

	// Write is Node's _write(chunk, encoding, cb): called on the loop with
	// one chunk at a time; it must call cb exactly once, now or later, with
	// nil or the error that destroys the stream. encoding is "buffer" for
	// bytes. It must not block: do blocking work with Loop.Go.
	Write func(chunk any, encoding string, cb func(error))
	// Writev is Node's _writev(chunks, cb): called instead of Write with
	// every buffered chunk at once when more than one is waiting. The
	// slice must not be retained after cb is called.
	Writev func(chunks []WriteChunk, cb func(error))
	// Final is Node's _final(cb): called after End once every write has
	// completed, before 'finish'; cb(err) with an error destroys.
	Final func(cb func(error))
	// Destroy is Node's _destroy(err, cb).
	Destroy func(err error, cb func(error))
	// Construct is Node's _construct(cb): writes wait until it calls back.
	Construct func(cb func(error))

	// Context, when cancelled, destroys the stream with an AbortError, as
	// Node's signal option (see AddAbortSignal). Nil means none.
	Context context.Context

	// Loop is the loop the stream runs on; nil means DefaultLoop().
	Loop *Loop
}

// Writable is Node's stream.Writable: a destination that buffers what is
// written while one write is in flight, reports backpressure through the
// return value of Write and the 'drain' event, and finishes after End.
//
// A Writable's methods must be called on its loop.
type Writable struct {
	*Stream
}

// NewWritable returns a Writable configured by opts. It panics if the
// options are invalid; NewWritableErr returns the error instead.
func NewWritable(opts WritableOptions) *Writable {
	w, err := NewWritableErr(opts)
	if err != nil {
		panic(err)
	}
	return w
}

// NewWritableErr is NewWritable returning an invalid option as an error
// where Node's constructor throws.
func NewWritableErr(opts WritableOptions) (*Writable, error) {
	block := &struct {
		s  Stream
		ws WritableState
	}{}
	s := &block.s
	w := &Writable{s}
	s.initStream(opts.Loop, "Writable", w)
	if err := initWritableState(&block.ws, opts.ObjectMode, opts.HighWaterMark, "options.highWaterMark", opts.DecodeStrings, opts.DefaultEncoding, opts.EmitClose, opts.AutoDestroy); err != nil {
		return nil, err
	}
	s.ws = &block.ws
	s.writeHook = opts.Write
	s.writevHook = opts.Writev
	s.finalHook = opts.Final
	s.destroyHook = opts.Destroy
	s.constructHook = opts.Construct
	s.onwrite = s.onWrite
	if opts.Context != nil {
		AddAbortSignal(opts.Context, w)
	}
	if s.constructHook != nil {
		s.startConstruct(s.writableConstructed)
	}
	return w, nil
}

// initWritableState fills ws, which the caller allocates next to the
// stream.
func initWritableState(ws *WritableState, objectMode bool, hwm *int, hwmName string, decodeStrings *bool, defaultEncoding string, emitClose, autoDestroy *bool) error {
	*ws = WritableState{
		ObjectMode:    objectMode,
		DecodeStrings: decodeStrings == nil || *decodeStrings,
		EmitClose:     emitClose == nil || *emitClose,
		AutoDestroy:   autoDestroy == nil || *autoDestroy,
		Constructed:   true,
		Sync:          true,
		Writable:      true,
		AllBuffers:    true,
		AllNoop:       true,
	}
	if hwm != nil {
		if *hwm < 0 {
			return errInvalidArgValue(hwmName, *hwm)
		}
		ws.HighWaterMark = *hwm
	} else {
		ws.HighWaterMark = GetDefaultHighWaterMark(objectMode)
	}
	switch {
	case defaultEncoding == "" || defaultEncoding == "utf8" || defaultEncoding == "utf-8":
		ws.DefaultEncoding = "utf8"
	case IsEncoding(defaultEncoding):
		ws.DefaultEncoding = defaultEncoding
	default:
		return errUnknownEncoding(defaultEncoding)
	}
	return nil
}

func (s *Stream) writableConstructed() {
	st := s.ws
	if !st.Writing {
		s.clearBuffer()
	}
	if st.Ending {
		s.finishMaybe(false)
	}
}

// WritableState returns the live state of the writable side.
func (w *Writable) WritableState() *WritableState { return w.ws }

// Write writes chunk, as Node's writable.write(chunk): a []byte, a string
// (encoded with the default encoding), or any value but nil in object mode.
// It returns false once the buffered length reaches the highWaterMark: the
// caller should then wait for 'drain' before writing more. The chunk is
// accepted either way.
//
// A nil chunk (ERR_STREAM_NULL_VALUES) or a chunk of another type in byte
// mode (ERR_INVALID_ARG_TYPE) is returned as an error and nothing is
// written, where Node throws. Writing after End or Destroy is not an error
// here: as in Node, it returns false and the error goes to the callback and
// the 'error' event.
func (w *Writable) Write(chunk any) (ok bool, err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.write(chunk, "", nil)
}

// WriteWith is Write with the encoding of a string chunk ("" for the
// default) and a callback (nil for none), called once the chunk is written
// or with the error that prevented it. An unknown encoding is returned as
// ERR_UNKNOWN_ENCODING.
func (w *Writable) WriteWith(chunk any, encoding string, cb func(error)) (ok bool, err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.write(chunk, encoding, cb)
}

func (s *Stream) write(chunk any, encoding string, cb func(error)) (bool, error) {
	s.loop.pollIfWatching()
	// The fast path of pipes and Transforms: bytes, or an object, into a
	// stream that is open. It does what writeChunk does for them.
	if st := s.ws; chunk != nil && !st.Ending && !st.Destroyed {
		if st.ObjectMode {
			st.PendingCB++
			return s.writeOrBuffer(chunk, 1, encoding, cb), nil
		}
		if b, ok := chunk.([]byte); ok && encoding == "" {
			st.PendingCB++
			return s.writeOrBuffer(chunk, len(b), "buffer", cb), nil
		}
	}
	accepted, err, thrown := s.writeChunk(chunk, encoding, cb)
	if thrown != nil {
		return false, thrown
	}
	return accepted && err == nil, nil
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
	} else if st.Destroyed {
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
	if st.Writing || st.Errored != nil || st.Corked > 0 || !st.Constructed {
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
	return ret && !st.Destroyed && st.Errored == nil
}

func (s *Stream) callWrite(chunk any, encoding string) {
	switch {
	case s.writeHook != nil:
		s.writeHook(chunk, encoding, s.onwrite)
	case s.tr != nil:
		s.transformWrite(chunk, encoding)
	case s.writevHook != nil:
		s.writevHook([]WriteChunk{{chunk, encoding}}, s.onwrite)
	default:
		s.loop.throw(errMethodNotImplemented("_write()"))
	}
}

func (s *Stream) doWrite(writev bool, l int, chunk any, chunks []WriteChunk, encoding string, cb func(error)) {
	st := s.ws
	st.writeLen = l
	st.writeCB = cb
	st.Writing, st.Sync, st.expectWriteCB = true, true, true
	s.loop.pollIfWatching()
	if st.Destroyed {
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
	if s.loop.throwing() {
		return // a hook calling back after a throw, which Node's never does
	}
	st := s.ws
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
		if st.Errored == nil {
			st.Errored = er
		}
		if s.rs != nil && s.rs.Errored == nil {
			s.rs.Errored = er
		}
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
			st.afterWriteInfo = false
			s.loop.tick(afterWriteNopTick, s)
		} else {
			st.PendingCB--
			if st.Ending {
				s.finishMaybe(true)
			}
		}
	case st.afterWriteInfo && sameFunc(st.afterWrites.at(st.afterWrites.len()-1).cb, cb):
		last := st.afterWrites.len() - 1
		rec := st.afterWrites.at(last)
		rec.count++
		st.afterWrites.set(last, rec)
	case needTick:
		st.afterWrites.push(afterWriteRec{cb, 1})
		st.afterWriteInfo = true
		st.afterWritePending = true
		s.loop.tick(afterWriteTick, s)
	default:
		st.PendingCB--
		if st.Ending {
			s.finishMaybe(true)
		}
	}
}

// sameFunc reports whether a and b are the same function value (the same
// closure), the identity Node compares callbacks by.
func sameFunc(a, b func(error)) bool {
	return *(*unsafe.Pointer)(unsafe.Pointer(&a)) == *(*unsafe.Pointer)(unsafe.Pointer(&b))
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
	rec, _ := st.afterWrites.shift()
	st.afterWriteInfo = false
	s.afterWrite(rec.count, rec.cb)
}

func (s *Stream) afterWrite(count int, cb func(error)) {
	st := s.ws
	st.afterWritePending = false
	if st.NeedDrain && !st.Ending && !st.Destroyed && st.Length == 0 {
		st.NeedDrain = false
		s.emitSlot0(slotDrain)
	}
	for ; count > 0; count-- {
		st.PendingCB--
		if cb != nil {
			cb(nil)
		}
	}
	if st.Destroyed {
		s.errorBuffer()
	}
	if st.Ending {
		s.finishMaybe(true)
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
			err := st.Errored
			if err == nil {
				err = errDestroyed("write")
			}
			req.cb(err)
		}
	}
	err := st.Errored
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
	if st.Destroyed || st.bufferProcessing || st.Corked > 0 || st.buffered.len() == 0 || !st.Constructed {
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

// Cork makes writes wait in the buffer until Uncork (or End), so that a
// Writev hook receives them together. Calls nest.
func (w *Writable) Cork() {
	w.loop.check()
	w.ws.Corked++
}

// Uncork undoes one Cork; when the last is undone the buffer is flushed.
// It returns the error Node would throw from a write made by the flush
// (a missing Write hook).
func (w *Writable) Uncork() (err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	w.Stream.uncork()
	return nil
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

// SetDefaultEncoding sets the encoding of strings written without one. The
// name is lower-cased, as Node does; an unknown name is
// ERR_UNKNOWN_ENCODING.
func (w *Writable) SetDefaultEncoding(encoding string) error {
	w.loop.check()
	encoding = strings.ToLower(encoding)
	if !IsEncoding(encoding) {
		return errUnknownEncoding(encoding)
	}
	if encoding == "utf-8" {
		// Node stores both spellings as its utf8 flag.
		encoding = "utf8"
	}
	w.ws.DefaultEncoding = encoding
	return nil
}

// End signals that nothing more will be written, as Node's writable.end():
// once every write has completed, the Final hook runs and 'finish' is
// emitted. It uncorks the stream.
func (w *Writable) End() (err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.end(nil, "", nil)
}

// EndWith is Node's end(chunk, encoding, callback): chunk (nil for none) is
// written first with its encoding ("" for the default), and cb (nil for
// none) is called on 'finish' or with the error that prevented it
// (ERR_STREAM_ALREADY_FINISHED after 'finish', ERR_STREAM_DESTROYED after
// Destroy). A chunk Write would reject is returned as an error.
func (w *Writable) EndWith(chunk any, encoding string, cb func(error)) (err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.end(chunk, encoding, cb)
}

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
	case !st.Ending && st.Errored == nil:
		st.Ending = true
		s.finishMaybe(true)
		st.Ended = true
	case st.Finished:
		err = newError(ErrAlreadyFinished, "Cannot call end after a stream was finished")
	case st.Destroyed:
		err = errDestroyed("end")
	}
	if cb != nil {
		switch {
		case err != nil:
			s.loop.tick(callErrTick, &errCall{cb, err})
		case st.Errored != nil:
			s.loop.tick(callErrTick, &errCall{cb, st.Errored})
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
	return st.Ending && !st.Destroyed && st.Constructed && !st.Finished && !st.Writing &&
		!st.ErrorEmitted && !st.CloseEmitted && st.Errored == nil &&
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
	if s.tr != nil {
		s.transformPrefinish()
	}
	s.emitSlot0(slotPrefinish)
}

func (s *Stream) prefinish() {
	st := s.ws
	if st.Prefinished || st.FinalCalled {
		return
	}
	final := s.finalHook
	if final == nil && s.tr != nil {
		final = s.transformFinal
	}
	if final != nil && !st.Destroyed {
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
	if st.AutoDestroy {
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

// writableProp is Node's writable getter.
func (s *Stream) writableProp() bool {
	st := s.ws
	return st != nil && st.Writable && !st.Ending && !st.Ended && !st.Destroyed && st.Errored == nil
}

// DestroySoon ends the stream if it is still writable and destroys it once
// it has finished (at once if it already has). It is the legacy name, from
// net.Socket's destroySoon, for End followed by Destroy on 'finish'.
func (w *Writable) DestroySoon() {
	w.loop.check()
	s := w.Stream
	if s.writableProp() {
		s.end(nil, "", nil)
	}
	if s.ws.Finished {
		s.DestroyWith(nil, nil)
	} else {
		s.Once("finish", func(...any) { s.DestroyWith(nil, nil) })
	}
}

// Writable reports whether it is safe to write: the stream has not ended,
// been destroyed or errored (Node's writable).
func (w *Writable) Writable() bool { return w.writableProp() }

// WritableAborted reports whether the stream was destroyed or errored
// before 'finish'.
func (w *Writable) WritableAborted() bool {
	st := w.ws
	return st.Writable && (st.Destroyed || st.Errored != nil) && !st.Finished
}

// WritableCorked returns the Cork nesting depth.
func (w *Writable) WritableCorked() int { return w.ws.Corked }

// WritableEnded reports whether End was called.
func (w *Writable) WritableEnded() bool { return w.ws.Ending }

// WritableFinished reports whether 'finish' was emitted.
func (w *Writable) WritableFinished() bool { return w.ws.Finished }

// WritableHighWaterMark returns the highWaterMark of the writable side.
func (w *Writable) WritableHighWaterMark() int { return w.ws.HighWaterMark }

// WritableLength returns the length written and not yet called back.
func (w *Writable) WritableLength() int { return w.ws.Length }

// WritableNeedDrain reports whether Write returned false and 'drain' has
// not been emitted yet.
func (w *Writable) WritableNeedDrain() bool {
	st := w.ws
	return st.NeedDrain && !st.Destroyed && !st.Ending
}

// WritableObjectMode reports whether the writable side is in object mode.
func (w *Writable) WritableObjectMode() bool { return w.ws.ObjectMode }

// OnDrain adds a 'drain' listener.
func (w *Writable) OnDrain(fn func()) *Listener {
	return w.On("drain", func(...any) { fn() })
}

// OnFinish adds a 'finish' listener.
func (w *Writable) OnFinish(fn func()) *Listener {
	return w.On("finish", func(...any) { fn() })
}

// OnPrefinish adds a 'prefinish' listener.
func (w *Writable) OnPrefinish(fn func()) *Listener {
	return w.On("prefinish", func(...any) { fn() })
}

// OnPipe adds a 'pipe' listener; src is the stream piped into this one (the
// *Readable, *Duplex, *Transform or *PassThrough its constructor returned).
func (w *Writable) OnPipe(fn func(src ReadableStream)) *Listener {
	return w.On("pipe", func(args ...any) {
		src, _ := args[0].(ReadableStream)
		fn(src)
	})
}

// OnUnpipe adds an 'unpipe' listener; src is the stream unpiped.
func (w *Writable) OnUnpipe(fn func(src ReadableStream)) *Listener {
	return w.On("unpipe", func(args ...any) {
		src, _ := args[0].(ReadableStream)
		fn(src)
	})
}
