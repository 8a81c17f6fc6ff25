package stream

import (
	"sync"
	"sync/atomic"
)

// A bridge is a pipe between streams on different loops, so a pipeline
// can use several cores: the source's loop reads, the destination's loop
// writes, and chunks cross in batches through a mutex-guarded queue.
//
// Backpressure is kept across the gap: the source pauses once the chunks
// queued for the other loop reach the destination's highWaterMark (and
// number at least minBatch, so that large chunks still cross in batches
// rather than one per round trip between the loops), and
// resumes when the destination has taken them (and, if its Write returned
// false, after its 'drain'). While the bridge is open it holds both loops
// (Loop.Hold), so each loop's Run waits for the other side rather than
// returning early; each loop still needs a goroutine running it.
// minBatch is the number of chunks a bridge lets cross in one batch even
// when fewer would reach the destination's highWaterMark.
const minBatch = 8

type bridge struct {
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
	endOK    bool  // ...and it ended with 'end' (not a close or error)

	// The source loop's.
	srcTok              *Pending
	dataL, endL, closeL *Listener
	srcDone             bool

	// The destination loop's.
	dstTok       *Pending
	waitingDrain bool
	drainL       *Listener
	dstDone      bool
	dstCloseL    *Listener
	dstFinishL   *Listener
	dstErrorL    *Listener

	closed atomic.Bool // unpiped or finished: no more chunks cross

	flushFn, resumeFn func() // bound once: posting them does not allocate
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
	b.srcTok = src.loop.Hold()
	b.dstTok = dest.loop.Hold()

	b.dataL = src.on1("data", b.onData)
	b.endL = src.Once("end", func(...any) { b.onSrcEnd() })
	b.closeL = src.Once("close", func(...any) { b.onSrcEnd() })
	dest.loop.Post(b.attach)
	if src.rs.EndEmitted {
		src.loop.NextTick(b.onSrcEnd)
	} else if src.rs.Flowing != FlowingTrue {
		src.resume()
	}
	return dst
}

// attach runs on dst's loop: the 'pipe' event and dst's listeners.
func (b *bridge) attach() {
	if b.closed.Load() {
		return
	}
	d := b.dst
	b.dstFinishL = d.Once("finish", func(...any) { b.closeFromDst() })
	b.dstCloseL = d.Once("close", func(...any) { b.closeFromDst() })
	b.dstErrorL = d.PrependListener("error", func(args ...any) {
		// As pipe does: an error unpipes the destination (closeFromDst
		// removes this listener), and is raised again if nobody else
		// listens.
		b.closeFromDst()
		err, _ := args[0].(error)
		d.reraisePipeError(err)
	})
	d.emit1("pipe", b.src.self)
}

func (b *bridge) units(chunk any) int {
	if b.objects {
		return 1
	}
	return chunkLen(chunk)
}

// onData runs on the source's loop.
func (b *bridge) onData(chunk any) {
	if b.closed.Load() {
		return
	}
	b.mu.Lock()
	b.queue = append(b.queue, chunk)
	b.queued += b.units(chunk)
	post := !b.flushing
	b.flushing = true
	pause := b.queued >= b.limit && len(b.queue) >= minBatch && !b.paused
	if pause {
		b.paused = true
	}
	b.mu.Unlock()
	if post {
		b.dst.loop.Post(b.flushFn)
	}
	if pause {
		b.src.pause()
	}
}

// flush runs on the destination's loop: it writes what crossed.
func (b *bridge) flush() {
	b.mu.Lock()
	q := b.queue
	b.queue = b.spare[:0]
	b.spare = nil
	b.queued = 0
	b.flushing = false
	ended, endOK := b.ended, b.endOK
	paused := b.paused
	b.mu.Unlock()

	needDrain := false
	if !b.dstDone {
		for _, c := range q {
			ok, err := b.dst.write(c, "", nil)
			if err != nil {
				b.dst.loop.reportUnhandled(err)
				continue
			}
			if !ok {
				needDrain = true
			}
		}
	}
	clear(q)
	b.mu.Lock()
	if b.spare == nil {
		b.spare = q[:0]
	}
	b.mu.Unlock()

	if ended {
		b.finishDst(endOK)
		return
	}
	switch {
	case needDrain && !b.dstDone:
		if !b.waitingDrain {
			b.waitingDrain = true
			b.drainL = b.dst.Once("drain", func(...any) {
				b.waitingDrain = false
				b.drainL = nil
				b.src.loop.Post(b.resumeFn)
			})
		}
	case paused:
		b.src.loop.Post(b.resumeFn)
	}
}

// resume runs on the source's loop, after the destination took what was
// queued.
func (b *bridge) resume() {
	if b.closed.Load() || b.srcDone {
		return
	}
	b.mu.Lock()
	if !b.paused || (b.queued >= b.limit && len(b.queue) >= minBatch) {
		b.mu.Unlock()
		return
	}
	b.paused = false
	b.mu.Unlock()
	b.src.resume()
}

// onSrcEnd runs on the source's loop when it ends or closes.
func (b *bridge) onSrcEnd() {
	if b.srcDone {
		return
	}
	b.srcDone = true
	b.detachSrc()
	b.mu.Lock()
	b.ended = true
	b.endOK = b.src.rs.EndEmitted
	post := !b.flushing
	b.flushing = true
	b.mu.Unlock()
	if post {
		b.dst.loop.Post(b.flushFn)
	}
}

// finishDst runs on the destination's loop once the source is done and
// everything it sent was written.
func (b *bridge) finishDst(endOK bool) {
	if b.dstDone {
		return
	}
	if b.end && endOK && !b.closed.Load() {
		b.dst.end(nil, "", nil)
		// The bridge ends with dst's 'finish' or 'close'.
		return
	}
	b.closeFromDst()
}

// closeFromDst runs on the destination's loop: dst is done with the
// bridge (finished, closed, failed, or no longer fed).
func (b *bridge) closeFromDst() {
	if b.dstDone {
		return
	}
	b.dstDone = true
	b.closed.Store(true)
	d := b.dst
	if b.dstFinishL != nil {
		d.RemoveListener("finish", b.dstFinishL)
		d.RemoveListener("close", b.dstCloseL)
		d.RemoveListener("error", b.dstErrorL)
	}
	if b.drainL != nil {
		d.RemoveListener("drain", b.drainL)
		b.drainL = nil
	}
	b.dstTok.Resolve(nil)
	b.src.loop.Post(func() {
		if !b.srcDone {
			b.srcDone = true
			b.detachSrc()
		}
	})
}

// detachSrc removes the source's listeners and releases its loop.
func (b *bridge) detachSrc() {
	s := b.src
	s.RemoveListener("data", b.dataL)
	s.RemoveListener("end", b.endL)
	s.RemoveListener("close", b.closeL)
	b.srcTok.Resolve(nil)
	s.unbridge(b)
}

// unpipe runs on the source's loop (Readable.Unpipe).
func (b *bridge) unpipe() {
	if b.srcDone {
		return
	}
	b.srcDone = true
	b.closed.Store(true)
	b.detachSrc()
	if len(b.src.bridges) == 0 && len(b.src.rs.Pipes) == 0 {
		b.src.pause()
	}
	b.dst.loop.Post(func() {
		b.dst.emit2("unpipe", b.src.self, &UnpipeInfo{})
		b.closeFromDst()
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
