package stream

import (
	"errors"
	"sync"
	"sync/atomic"
)

// A bridge is a pipe between streams on different loops, so a pipeline
// can use several cores: the source's loop reads, the destination's loop
// writes, and chunks cross in batches through a mutex-guarded queue.
//
// The source's loop gathers the chunks in a batch of its own (fill) and
// hands it over under the lock once it holds handOverAt chunks (or
// handOverUnits bytes) or the source's burst of 'data' is done, so the
// lock is taken once per batch, not per chunk. Backpressure is kept
// across the gap: the source pauses once the chunks handed over and not
// yet taken reach the destination's highWaterMark and number at least
// minBatch chunks or maxUnits bytes (so that the next batch fills while
// one is written, and large chunks still cross in batches rather than one
// per round trip between the loops), and resumes as soon as the
// destination's loop takes them, before it writes them, so that both
// loops work at once (a destination whose Write returned false takes
// nothing until its 'drain'). While the bridge is open it holds both
// loops (Loop.Hold), so each loop's Run waits for the other side rather
// than returning early; each loop still needs a goroutine running it.
//
// Because it holds both loops, a bridge must let go of each of them on
// every ending, or a Run would wait forever. The endings, and what each
// side sees:
//
//   - The source ends ('end'): what crossed is written, then the
//     destination is ended (or, with End: false, unpiped), as Node's pipe
//     does.
//   - The destination emits 'error', 'close' or 'finish' (a failed write,
//     Destroy with or without an error, the end of the stream): the
//     source is unpiped from it as Node's pipe does on one loop: 'unpipe'
//     is emitted on the destination (on its loop, before the other 'error'
//     listeners), and on the source's loop the bridge is removed and the
//     source paused if no destination is left. The source is not
//     destroyed: as in Node it keeps what it has not sent and can be read
//     or piped again. Chunks that crossed but were not yet written are not
//     written to a destination that failed; chunks the source emitted
//     before its loop heard of the failure are lost with it, as a chunk
//     written to a failed destination is in Node.
//   - The source closes without 'end' (destroyed): what crossed is
//     written, then the destination is destroyed with the source's error,
//     or ERR_STREAM_PREMATURE_CLOSE if it had none. Node's pipe leaves the
//     destination open here, but on one loop a program can see the source
//     die; across loops the destination's loop cannot, and a destination
//     left open without a feed would look to everything waiting on it like
//     a transfer that is merely slow. This is what pipeline reports in
//     Node for the same failure.
//   - A loop of the bridge stops abnormally: a panic leaves its Run, or
//     it is closed (see Loop.onStop). The bridge lets go of that loop at
//     once (of its listeners too, when it is a panic and so the hook runs
//     on that loop's goroutine; a loop run again after a panic does not
//     wait for the bridge), and the stream on the other loop is destroyed
//     with ERR_LOOP_PANICKED or ERR_LOOP_CLOSED: it lost data it can no
//     longer account for. The stream on the stopped loop is left as the
//     panic or the Close left it.
//   - A Post to the other loop is refused (that loop was closed): as
//     above, the stream on the poster's side is destroyed with
//     ERR_LOOP_CLOSED, and the other loop's hold is released.
//
// The source's side is done once it has ended or been detached; a failure
// of the destination's side after that is the destination's alone.
type bridge struct {
	// The pads keep what one loop writes chunk by chunk off the cache
	// lines the other loop reads chunk by chunk: between the groups of
	// fields below, and between the bridge and whatever the allocator puts
	// next to it (often a stream of either loop). False sharing costs more
	// than the hand-over itself.
	_ cacheLinePad

	src, dst *Stream
	dstW     WritableStream
	end      bool // end dst when src ends
	limit    int  // queued units at which the source pauses
	objects  bool // dst counts chunks as objects

	mu       sync.Mutex
	queue    []any // chunks on their way to dst
	spare    []any // the previous queue, reused
	queued   int   // their length in dst's units
	flushing bool  // a flush task is posted to dst's loop
	paused   bool  // the source is paused for the bridge
	ended    bool  // the source is done: settle dst after the last flush
	endOK    bool  // ...and it ended with 'end' (not a close)
	srcErr   error // ...and if not, the error it closed with, if any
	srcFate  error // set before closed when the source must be destroyed

	_ cacheLinePad

	// The source loop's.
	dataL, endL, closeL *Listener
	srcDone             bool
	// fill holds the chunks the source emitted since the last hand-over,
	// fillUnits their length in dst's units: they join queue (under mu)
	// a batch at a time, handOverAt chunks or the end of the source's
	// burst (handOverPending: a tick is queued to hand them over).
	fill            []any
	fillUnits       int
	handOverPending bool
	// A flush has come back: dst's loop has taken the pipe (attach ran
	// with dst alive). Until then the source pauses at its first chunk,
	// so that a destination found dead on its loop unpipes a source that
	// has not flowed into nothing and ended meanwhile.
	started bool

	_ cacheLinePad

	// The destination loop's.
	waitingDrain bool
	drainL       *Listener
	dstDone      bool
	attached     bool // the listeners below are on dst
	dstCloseL    *Listener
	dstFinishL   *Listener
	dstErrorL    *Listener

	_ cacheLinePad

	// Each loop's hold and stop hook are let go of exactly once, by
	// whichever goroutine gets there first: the loop's own, the other
	// loop's (when the first is closed), or one calling Close.
	srcTok, dstTok           *Pending
	srcUnhook, dstUnhook     func()
	srcReleased, dstReleased atomic.Bool

	closed atomic.Bool // no more chunks cross

	flushFn, resumeFn func() // bound once: posting them does not allocate

	_ cacheLinePad
}

// cacheLinePad separates fields that different loops write: 128 bytes,
// since some CPUs fetch cache lines in pairs.
type cacheLinePad struct{ _ [128]byte }

// A bridge hands the chunks over to the destination's loop in batches of
// up to handOverAt chunks, and lets up to minBatch chunks (or, if more,
// the destination's highWaterMark) wait to cross before the source
// pauses: a batch can be filled while the ones before it are written, and
// the round trip between the loops, costly next to a chunk's own work,
// is paid once per batch. Four batches, not two: a source that outruns
// its destination would otherwise pause and resume every other batch,
// which costs the destination's loop more than the batches save.
//
// The round trip (the bridge's lock, a post to the other loop and its
// wake-up, each line moving between cores) costs about a microsecond,
// as much as 50-100 cheap chunks, so batches are large: measured on the
// scaling twin's cheap stages on two cores, 32 chunks a batch made two
// loops 0.86x one loop on objects, 128 made them 1.1x. Large chunks do
// not need as many to amortize it, and should not all wait in memory:
// a batch is also handed over once it holds handOverUnits bytes, and the
// source pauses at four such batches (8 MiB with the defaults), whatever
// the number of chunks. In object mode a unit is a chunk, so only the
// counts apply.
const (
	handOverAt    = 128
	minBatch      = 4 * handOverAt
	handOverUnits = 2 << 20
	maxUnits      = 4 * handOverUnits
)

// checkSrc and checkDst assert, under debug checks, that the caller runs
// on the source's or the destination's loop, as Loop.check does for every
// public entry point: the fields under "The source loop's" and "The
// destination loop's" are owned by that loop, and so are the methods whose
// comment says they run there. Off debug checks each costs a load of
// debugChecks, inlined, so the chunk path (onData, flush) pays no call.
func (b *bridge) checkSrc() {
	if debugChecks {
		b.src.loop.check()
	}
}

func (b *bridge) checkDst() {
	if debugChecks {
		b.dst.loop.check()
	}
}

// pipeAcross is PipeWith for a destination on another loop.
func (r *Readable) pipeAcross(dst WritableStream, opts PipeOptions) WritableStream {
	src := r.Stream
	dest := dst.asWritable().Stream
	b := &bridge{
		src:     src,
		dst:     dest,
		dstW:    dst,
		end:     opts.End == nil || *opts.End,
		limit:   max(dest.ws.HighWaterMark, 1),
		objects: dest.ws.ObjectMode,
	}
	b.flushFn, b.resumeFn = b.flush, b.resume
	src.bridges = append(src.bridges, b)
	b.srcTok = src.loop.holdBridge()
	b.dstTok = dest.loop.holdBridge()
	// The hooks are in place before anything is posted, so a loop that
	// stops from now on is either heard of by its hook or refuses the
	// Post: one of the two always breaks the bridge. A hook may fire on
	// another goroutine as soon as it is registered; mu makes it wait
	// until both removal functions are stored.
	b.mu.Lock()
	b.srcUnhook = src.loop.onStop(b.srcLoopStopped)
	b.dstUnhook = dest.loop.onStop(b.dstLoopStopped)
	b.mu.Unlock()

	b.dataL = src.on1("data", b.onData)
	b.endL = src.Once("end", func(...any) { b.onSrcEnd() })
	b.closeL = src.Once("close", func(...any) { b.onSrcEnd() })
	if !b.toDst(b.attach) {
		return dst
	}
	switch {
	case src.rs.EndEmitted, src.rs.CloseEmitted:
		// Neither event comes again.
		src.loop.NextTick(b.onSrcEnd)
	case src.rs.Flowing != FlowingTrue:
		src.resume()
	}
	return dst
}

// attach runs on dst's loop: the 'pipe' event and dst's listeners.
func (b *bridge) attach() {
	b.checkDst()
	if b.dstDone || b.closed.Load() {
		return
	}
	d := b.dst
	b.attached = true
	b.dstFinishL = d.Once("finish", func(...any) { b.dstUnpiped() })
	b.dstCloseL = d.Once("close", func(...any) { b.dstUnpiped() })
	b.dstErrorL = d.PrependListener("error", func(args ...any) {
		// As pipe does: an error unpipes the destination (dstUnpiped
		// removes this listener), and is raised again if nobody else
		// listens.
		b.dstUnpiped()
		err := errorArg(args)
		d.reraisePipeError(err)
	})
	d.emit1("pipe", b.src.self)
	if w := d.ws; w.CloseEmitted || w.Finished || w.ErrorEmitted {
		// dst is past the events that would unpipe it: it will never
		// take anything, so unpipe it now rather than wait forever.
		b.dstUnpiped()
	}
}

func (b *bridge) units(chunk any) int {
	if b.objects {
		return 1
	}
	return chunkLen(chunk)
}

// onData runs on the source's loop.
func (b *bridge) onData(chunk any) {
	b.checkSrc()
	if b.closed.Load() {
		// The other side is gone, and a task saying so is on its way
		// to this loop (or, if this loop was closed, cannot come). Do
		// now what that task would do rather than let the source flow
		// into nothing meanwhile; the task then finds nothing to do.
		b.mu.Lock()
		fate := b.srcFate
		b.mu.Unlock()
		if fate != nil {
			b.srcBreak(fate)
		} else {
			b.srcUnpipe()
		}
		return
	}
	b.fill = append(b.fill, chunk)
	b.fillUnits += b.units(chunk)
	switch {
	case len(b.fill) >= handOverAt || b.fillUnits >= handOverUnits || !b.started:
		// Until dst's loop has taken the pipe, the first chunk crosses
		// alone, and the source pauses (see started).
		b.handOver()
	case !b.handOverPending:
		// A source that stops emitting hands what it has over once its
		// burst is done, rather than keep it back for a full batch.
		b.handOverPending = true
		b.src.loop.tick(handOverTick, b)
	}
}

func handOverTick(a any) {
	b := a.(*bridge)
	b.handOverPending = false
	if len(b.fill) > 0 && !b.srcDone && !b.closed.Load() {
		b.handOver()
	}
}

// handOver runs on the source's loop: the chunks in fill join the queue
// for dst's loop, a flush is posted unless one is pending, and the source
// pauses if too much waits to cross.
func (b *bridge) handOver() {
	b.mu.Lock()
	b.queue = append(b.queue, b.fill...)
	b.queued += b.fillUnits
	post := !b.flushing
	b.flushing = true
	pause := (!b.started || b.full()) && !b.paused
	if pause {
		b.paused = true
	}
	b.mu.Unlock()
	clear(b.fill)
	b.fill, b.fillUnits = b.fill[:0], 0
	if post && !b.toDst(b.flushFn) {
		return
	}
	if pause {
		b.src.pause()
	}
}

// full reports, under mu, whether what waits to cross holds the source
// back: the destination's highWaterMark, and at least minBatch chunks
// or maxUnits bytes.
func (b *bridge) full() bool {
	return b.queued >= b.limit && (len(b.queue) >= minBatch || b.queued >= maxUnits)
}

// flush runs on the destination's loop: it writes what crossed.
func (b *bridge) flush() {
	b.checkDst()
	b.mu.Lock()
	if b.waitingDrain && !b.ended {
		// dst is over its highWaterMark: what crossed waits here, still
		// counted in queued so that the source pauses, and 'drain'
		// flushes it. Writing it now would let a fast source fill dst
		// without bound, since every flush empties the queue.
		b.flushing = false
		b.mu.Unlock()
		return
	}
	q := b.queue
	b.queue = b.spare[:0]
	b.spare = nil
	b.queued = 0
	b.flushing = false
	ended, endOK, srcErr := b.ended, b.endOK, b.srcErr
	paused := b.paused
	b.mu.Unlock()
	if paused && !ended {
		// The source resumes as soon as its chunks are taken, not once
		// they are written: it fills the next batch while this one is
		// written, and the two loops work at once rather than in turn.
		// What it sends meanwhile still waits in queue, counted, and a
		// dst that needs 'drain' keeps it there (see above), so the
		// source pauses again at the same bound.
		b.toSrc(b.resumeFn)
	}

	needDrain := false
	for _, c := range q {
		// A write can fail dst at once (its hook calling back with an
		// error); the rest of the batch is then not handed to it.
		if b.dstDone || b.dst.ws.Destroyed || b.dst.ws.Errored != nil {
			break
		}
		ok, err := b.dst.write(c, "", nil)
		if err != nil {
			b.dst.loop.reportUnhandled(err)
			continue
		}
		if !ok {
			needDrain = true
		}
	}
	clear(q)
	b.mu.Lock()
	if b.spare == nil {
		b.spare = q[:0]
	}
	b.mu.Unlock()

	if b.dstDone {
		return
	}
	if ended {
		b.finishDst(endOK, srcErr)
		return
	}
	if needDrain {
		if !b.waitingDrain {
			b.waitingDrain = true
			b.drainL = b.dst.Once("drain", func(...any) {
				b.waitingDrain = false
				b.drainL = nil
				// Write what waited; the flush resumes the source
				// if it paused, unless dst needs another 'drain'.
				b.mu.Lock()
				b.flushing = true
				b.mu.Unlock()
				b.flush()
			})
		}
	}
}

// resume runs on the source's loop, after the destination's loop took
// what was queued.
func (b *bridge) resume() {
	b.checkSrc()
	if b.closed.Load() || b.srcDone {
		return
	}
	b.started = true
	b.mu.Lock()
	if !b.paused || b.full() {
		b.mu.Unlock()
		return
	}
	b.paused = false
	b.mu.Unlock()
	b.src.resume()
}

// onSrcEnd runs on the source's loop when it ends or closes.
func (b *bridge) onSrcEnd() {
	b.checkSrc()
	fill, units := b.fill, b.fillUnits
	if !b.detachSrc() {
		return
	}
	b.mu.Lock()
	// What the source emitted last crosses before the end.
	b.queue = append(b.queue, fill...)
	b.queued += units
	b.ended = true
	b.endOK = b.src.rs.EndEmitted
	b.srcErr = b.src.Errored()
	post := !b.flushing
	b.flushing = true
	b.mu.Unlock()
	if post {
		b.toDst(b.flushFn)
	}
}

// finishDst runs on the destination's loop once the source is done and
// everything it sent was written.
func (b *bridge) finishDst(endOK bool, srcErr error) {
	b.checkDst()
	switch {
	case endOK && b.end:
		b.dst.end(nil, "", nil)
		// The bridge ends with dst's 'finish' or 'close'.
	case endOK:
		// End: false. Node's pipe unpipes dst when the source ends.
		b.dstUnpiped()
	default:
		if srcErr == nil {
			srcErr = newError(ErrPrematureClose, "")
		}
		b.dstBreak(srcErr)
	}
}

// The source loop's side.

// detachSrc, on the source's loop, removes the source's listeners and lets
// go of its loop. It reports whether it did, that is whether the source's
// side was still attached.
func (b *bridge) detachSrc() bool {
	b.checkSrc()
	if b.srcDone {
		return false
	}
	b.srcDone = true
	// Chunks not handed over are dropped with the source's side, as
	// those queued are when dst's side is gone; onSrcEnd took them first.
	b.fill, b.fillUnits = nil, 0
	s := b.src
	s.RemoveListener("data", b.dataL)
	s.RemoveListener("end", b.endL)
	s.RemoveListener("close", b.closeL)
	s.unbridge(b)
	b.releaseSrc()
	return true
}

// srcUnpipe is Node's src.unpipe(dst) on the source's side, for a
// destination that ended the pipe ('unpipe' was emitted on its loop).
func (b *bridge) srcUnpipe() {
	b.checkSrc()
	b.closed.Store(true)
	if b.detachSrc() && len(b.src.bridges) == 0 && len(b.src.rs.Pipes) == 0 {
		b.src.pause()
	}
}

// srcBreak runs on the source's loop when the destination's side died:
// the source is detached and destroyed with err.
func (b *bridge) srcBreak(err error) {
	b.checkSrc()
	b.closed.Store(true)
	if b.detachSrc() {
		b.src.DestroyWith(err, nil)
	}
}

// toDst runs on the source's loop and posts fn to the destination's. If
// that loop is closed, the bridge is broken from here: the destination's
// loop is let go of and the source destroyed with ERR_LOOP_CLOSED. It
// reports whether fn was posted.
func (b *bridge) toDst(fn func()) bool {
	b.checkSrc()
	if b.dst.loop.Post(fn) {
		return true
	}
	b.closed.Store(true)
	b.releaseDst()
	b.srcBreak(newError(ErrLoopClosed, "Cross-loop pipe: the destination's loop is closed"))
	return false
}

// srcLoopStopped is the source loop's stop hook. A source side already
// done (ended, unpiped) has nothing left to break.
func (b *bridge) srcLoopStopped(reason error) {
	var err error
	if errors.Is(reason, ErrLoopPanicked) {
		// On the source's loop's goroutine, so its state may be touched.
		if !b.detachSrc() {
			return
		}
		err = newError(ErrLoopPanicked, "Cross-loop pipe: a panic left the Run of the source's loop")
	} else {
		// On the goroutine calling Close, while the loop may still be
		// running: only what is safe from any goroutine.
		if !b.releaseSrc() {
			return
		}
		err = newError(ErrLoopClosed, "Cross-loop pipe: the source's loop was closed")
	}
	b.closed.Store(true)
	if !b.dst.loop.Post(func() { b.dstBreak(err) }) {
		b.releaseDst()
	}
}

// releaseSrc lets go of the source's loop: its hold and its stop hook.
// It is safe from any goroutine, does its work once, and reports whether
// this call did it.
func (b *bridge) releaseSrc() bool {
	if !b.srcReleased.CompareAndSwap(false, true) {
		return false
	}
	b.mu.Lock()
	unhook := b.srcUnhook
	b.mu.Unlock()
	unhook()
	b.srcTok.Resolve(nil)
	return true
}

// The destination loop's side.

// detachDst, on the destination's loop, removes the bridge's listeners
// from the destination and lets go of its loop. It reports whether it did,
// that is whether the destination's side was still attached.
func (b *bridge) detachDst() bool {
	b.checkDst()
	if b.dstDone {
		return false
	}
	b.dstDone = true
	b.closed.Store(true)
	d := b.dst
	if b.attached {
		d.RemoveListener("finish", b.dstFinishL)
		d.RemoveListener("close", b.dstCloseL)
		d.RemoveListener("error", b.dstErrorL)
	}
	if b.drainL != nil {
		d.RemoveListener("drain", b.drainL)
		b.drainL = nil
	}
	b.releaseDst()
	return true
}

// dstUnpiped runs on the destination's loop when dst ends the pipe
// ('error', 'close', 'finish', or the source's end with End: false): as
// Node's pipe does, the source is unpiped, 'unpipe' emitted here and the
// source paused on its own loop.
func (b *bridge) dstUnpiped() {
	b.checkDst()
	if !b.detachDst() {
		return
	}
	// The source is told first: an 'unpipe' listener that panics must
	// not leave it waiting.
	b.toSrc(b.srcUnpipe)
	b.dst.emit2("unpipe", b.src.self, &UnpipeInfo{})
}

// dstBreak runs on the destination's loop when the source's side died:
// the destination is detached and destroyed with err.
func (b *bridge) dstBreak(err error) {
	b.checkDst()
	if b.detachDst() {
		b.dst.DestroyWith(err, nil)
	}
}

// toSrc runs on the destination's loop and posts fn to the source's. If
// that loop is closed, the bridge is broken from here: the source's loop
// is let go of and the destination destroyed with ERR_LOOP_CLOSED.
func (b *bridge) toSrc(fn func()) {
	b.checkDst()
	if b.src.loop.Post(fn) {
		return
	}
	b.closed.Store(true)
	b.releaseSrc()
	b.dstBreak(newError(ErrLoopClosed, "Cross-loop pipe: the source's loop is closed"))
}

// dstLoopStopped is the destination loop's stop hook. A destination side
// already done has nothing left to break.
func (b *bridge) dstLoopStopped(reason error) {
	if errors.Is(reason, ErrLoopPanicked) {
		// On the destination's loop's goroutine, so its state may be
		// touched.
		if b.dstDone {
			return
		}
		err := newError(ErrLoopPanicked, "Cross-loop pipe: a panic left the Run of the destination's loop")
		b.doomSrc(err)
		b.detachDst()
		b.tellSrcBreak(err)
		return
	}
	// On the goroutine calling Close: only what is safe from any
	// goroutine.
	if !b.releaseDst() {
		return
	}
	err := newError(ErrLoopClosed, "Cross-loop pipe: the destination's loop was closed")
	b.doomSrc(err)
	b.closed.Store(true)
	b.tellSrcBreak(err)
}

// doomSrc records, before the bridge is marked closed, that the source is
// to be destroyed with err, so that the source's loop does so whichever
// notices first: the task tellSrcBreak posts, or the next chunk.
func (b *bridge) doomSrc(err error) {
	b.mu.Lock()
	if b.srcFate == nil {
		b.srcFate = err
	}
	b.mu.Unlock()
}

// tellSrcBreak posts srcBreak(err) to the source's loop, or, if that loop
// is closed too, lets go of it.
func (b *bridge) tellSrcBreak(err error) {
	if !b.src.loop.Post(func() { b.srcBreak(err) }) {
		b.releaseSrc()
	}
}

// releaseDst lets go of the destination's loop: its hold and its stop
// hook. It is safe from any goroutine, does its work once, and reports
// whether this call did it.
func (b *bridge) releaseDst() bool {
	if !b.dstReleased.CompareAndSwap(false, true) {
		return false
	}
	b.mu.Lock()
	unhook := b.dstUnhook
	b.mu.Unlock()
	unhook()
	b.dstTok.Resolve(nil)
	return true
}

// unpipe runs on the source's loop (Readable.Unpipe).
func (b *bridge) unpipe() {
	b.checkSrc()
	if !b.detachSrc() {
		return
	}
	b.closed.Store(true)
	if len(b.src.bridges) == 0 && len(b.src.rs.Pipes) == 0 {
		b.src.pause()
	}
	b.toDst(func() {
		if b.detachDst() {
			b.dst.emit2("unpipe", b.src.self, &UnpipeInfo{})
		}
	})
}

func (s *Stream) unbridge(b *bridge) {
	for i, x := range s.bridges {
		if x == b {
			s.bridges = append(s.bridges[:i], s.bridges[i+1:]...)
			return
		}
	}
}
