package stream

import "slices"

// PipeOptions configures Pipe (Node's pipe(dest, options)).
type PipeOptions struct {
	// End: whether dest is ended when the source ends. Nil means true.
	End *bool

	failOnThrow bool // a chunk dst rejects destroys dst (pipelines)
}

// UnpipeInfo is the second argument of an 'unpipe' event.
type UnpipeInfo struct {
	HasUnpiped bool
}

// Pipe writes everything the stream produces to dst, as Node's
// readable.pipe(dst): it switches the stream to flowing mode, pauses it
// whenever dst.Write returns false until dst emits 'drain', and ends dst
// when the stream ends. It returns dst.
//
// Go methods cannot return the type of their argument, so chains are
// written one link per statement, each Pipe on the stream returned or
// known: r.Pipe(t); t.Pipe(w).
//
// As in Node, an error on the source does not end or destroy dst, and an
// error on dst unpipes it.
//
// dst may run on another loop: the chunks then cross between the loops in
// batches (of up to 128 chunks or 2 MiB, or what the source emitted in
// one go), with backpressure kept across, and each side's events stay on
// its own loop. The source pauses (and later resumes, with its 'pause'
// and 'resume' events) whenever what waits to cross reaches both dst's
// highWaterMark and 512 chunks (or 8 MiB), so that the two loops work at
// once on batches large enough to pay for the hand-over; and once at its
// first chunk, until dst's loop has taken the pipe. A loop such a pipe
// holds polls for up to 50 µs for the other side before it parks, since
// waking a parked goroutine costs more than a batch's round trip. An
// error, close or finish of dst unpipes it as on one loop (the source
// pauses). Across loops a source that closes without 'end' (destroyed)
// destroys dst with its error, or with ERR_STREAM_PREMATURE_CLOSE, since
// dst's loop could not see the source die; and a panic leaving either
// loop's Run, or a Close of either loop, destroys the stream on the other
// side with ERR_LOOP_PANICKED or ERR_LOOP_CLOSED rather than leave it
// waiting. Both loops must be run (by a goroutine each) until the pipe is
// done; the pipe keeps each Run waiting for the other side. Set up such
// pipes before the loops' Runs start (or while both run): a Run that has
// already returned does not come back by itself.
func (r *Readable) Pipe(dst WritableStream) WritableStream {
	return r.PipeWith(dst, PipeOptions{})
}

// PipeWith is Pipe with options; End: Bool(false) leaves dst open when the
// stream ends.
func (r *Readable) PipeWith(dst WritableStream, opts PipeOptions) WritableStream {
	r.loop.check()
	if dst.asWritable().loop != r.loop {
		return r.pipeAcross(dst, opts)
	}
	p := &pipe{
		r:           r,
		src:         r.Stream,
		dest:        dst.asWritable().Stream,
		dst:         dst,
		st:          r.rs,
		end:         opts.End == nil || *opts.End,
		failOnThrow: opts.failOnThrow,
	}
	p.start()
	return dst
}

// A pipe is Readable.PipeWith's link from a source to a destination on
// the same loop: Node's pipe() state, which Node keeps in closures over
// pipe()'s locals, and its listeners, one method each. Across loops the
// same idea is a bridge (crossloop.go).
//
// A pipe lives from PipeWith until cleanup, which removes its listeners:
// when dst is unpiped (by Unpipe, or by its 'error', 'close' or
// 'finish'). The source's Pipes list, not the pipe, is what Unpipe
// searches; the pipe hears of an Unpipe by dst's 'unpipe' event, as in
// Node. All of it runs on the loop the two streams share.
type pipe struct {
	r           *Readable // the source, for Unpipe
	src, dest   *Stream
	dst         WritableStream // as passed: the value Pipes holds
	st          *ReadableState // src.rs
	end         bool           // end dst when src ends (PipeOptions.End)
	failOnThrow bool           // see PipeOptions.failOnThrow
	cleanedUp   bool           // cleanup ran: a late pause does not pause src

	// hasOndrain is set the first time dst asks the source to wait, as
	// Node creates its ondrain lazily; it is set before the 'drain'
	// listener is added, so a pause re-entered from a 'newListener'
	// listener does not add a second one.
	hasOndrain bool

	// Listener handles, for cleanup. drainL is nil until hasOndrain.
	dataL, endL, unpipeL, errorL, closeL, finishL, drainL *Listener
}

// start attaches the listeners in Node's order (a listener's position
// among others is visible), emits 'pipe' on dst and starts the flow.
func (p *pipe) start() {
	src, dest, st := p.src, p.dest, p.st
	if len(st.Pipes) == 1 && !st.MultiAwaitDrain {
		st.MultiAwaitDrain = true
	}
	st.Pipes = append(st.Pipes, p.dst)

	if st.EndEmitted {
		if p.end {
			src.loop.NextTick(p.endDst)
		} else {
			src.loop.NextTick(p.unpipe)
		}
	} else if p.end {
		p.endL = src.Once("end", p.onend)
	} else {
		p.endL = src.Once("end", p.onendUnpipe)
	}
	p.unpipeL = dest.On("unpipe", p.onunpipe)
	p.dataL = src.on1("data", p.deliver)
	if st.pipeTo.l == nil {
		st.pipeTo = pipeTarget{p.dataL, dest, p.pause}
	}
	p.errorL = dest.PrependListener("error", p.onerror)
	p.closeL = dest.Once("close", p.onclose)
	p.finishL = dest.Once("finish", p.onfinish)

	dest.emit1("pipe", src.self)

	if dest.ws.NeedDrain && !dest.ws.Destroyed && !dest.ws.Ending {
		p.pause()
	} else if st.Flowing != FlowingTrue {
		src.resume()
	}
}

// deliver is the source's 'data' listener: it writes a chunk to dst, and
// waits for 'drain' when dst asks for it (Node's ondata). It allocates
// nothing, and hands the rare cases to methods. While it is the source's
// only 'data' listener, the source writes a plain chunk to dst itself,
// as deliver would (Stream.emitData, through ReadableState.pipeTo).
func (p *pipe) deliver(chunk any) {
	ok, err := p.dest.write(chunk, "", nil)
	if err != nil {
		p.writeFailed(err)
	} else if !ok {
		p.pause()
	}
}

// writeFailed handles a chunk dst's write rejected.
func (p *pipe) writeFailed(err error) {
	// Node's write throws here (a chunk dst cannot take), out of the
	// 'data' event: an uncaught exception, which Run returns. The pipe
	// itself is left as it was. A pipeline's own pipe fails the
	// destination instead, so that the pipeline reports the error rather
	// than success.
	if p.failOnThrow {
		p.dest.DestroyWith(err, nil)
		return
	}
	p.src.loop.reportUnhandled(err)
}

// pause makes the source wait for dst's 'drain', and adds the 'drain'
// listener the first time.
func (p *pipe) pause() {
	st := p.st
	if !p.cleanedUp {
		if len(st.Pipes) == 1 && samePipe(st.Pipes[0], p.dst) {
			st.AwaitDrainWriters = append(st.AwaitDrainWriters[:0], p.dst)
			st.MultiAwaitDrain = false
		} else if len(st.Pipes) > 1 && pipeIndex(st.Pipes, p.dst) >= 0 {
			if pipeIndex(st.AwaitDrainWriters, p.dst) < 0 {
				st.AwaitDrainWriters = append(st.AwaitDrainWriters, p.dst)
			}
		}
		p.src.pause()
	}
	if !p.hasOndrain {
		p.hasOndrain = true
		p.drainL = p.dest.On("drain", p.ondrain)
	}
}

// ondrain is dst's 'drain' listener: dst no longer holds the source back,
// which resumes once no destination does.
func (p *pipe) ondrain(...any) {
	st := p.st
	if i := pipeIndex(st.AwaitDrainWriters, p.dst); i >= 0 {
		st.AwaitDrainWriters = slices.Delete(st.AwaitDrainWriters, i, i+1)
	}
	if len(st.AwaitDrainWriters) == 0 && st.DataListening {
		p.src.resume()
	}
}

// onend is the source's 'end' listener: dst is ended with it.
func (p *pipe) onend(...any) { p.endDst() }

// onendUnpipe is the source's 'end' listener with End: false: dst is only
// unpiped.
func (p *pipe) onendUnpipe(...any) { p.unpipe() }

func (p *pipe) endDst() { p.dest.end(nil, "", nil) }

func (p *pipe) unpipe() { p.r.Unpipe(p.dst) }

// onunpipe is dst's 'unpipe' listener: an unpipe by this source, reported
// for the first time, cleans up.
func (p *pipe) onunpipe(args ...any) {
	if len(args) > 0 && args[0] == p.src.self {
		if len(args) > 1 {
			if info, ok := args[1].(*UnpipeInfo); ok && !info.HasUnpiped {
				info.HasUnpiped = true
				p.cleanup()
			}
		}
	}
}

// onerror is dst's first 'error' listener: dst is unpiped, and the error
// raised again if nobody else listens.
func (p *pipe) onerror(args ...any) {
	p.unpipe()
	p.dest.RemoveListener("error", p.errorL)
	p.dest.reraisePipeError(errorArg(args))
}

// onclose and onfinish are dst's: either unpipes it, and takes the other
// away.
func (p *pipe) onclose(...any) {
	p.dest.RemoveListener("finish", p.finishL)
	p.unpipe()
}

func (p *pipe) onfinish(...any) {
	p.dest.RemoveListener("close", p.closeL)
	p.unpipe()
}

// cleanup removes the pipe's listeners, and lets the source go on if it
// was waiting for dst's 'drain' alone.
func (p *pipe) cleanup() {
	src, dest, st := p.src, p.dest, p.st
	dest.RemoveListener("close", p.closeL)
	dest.RemoveListener("finish", p.finishL)
	if p.drainL != nil {
		dest.RemoveListener("drain", p.drainL)
	}
	dest.RemoveListener("error", p.errorL)
	dest.RemoveListener("unpipe", p.unpipeL)
	src.RemoveListener("end", p.endL)
	src.RemoveListener("data", p.dataL)
	if st.pipeTo.l == p.dataL {
		st.pipeTo = pipeTarget{}
	}
	p.cleanedUp = true
	// Node tests the awaitDrainWriters value for truth: a Set (several
	// pipes) is true even when empty.
	if p.hasOndrain && (st.MultiAwaitDrain || len(st.AwaitDrainWriters) > 0) && dest.ws.NeedDrain {
		p.ondrain()
	}
}

// Unpipe detaches destinations attached with Pipe: the given ones, or all
// of them when none is given. A destination that is not piped is ignored.
// The stream pauses when no destination is left.
func (r *Readable) Unpipe(dsts ...WritableStream) {
	r.loop.check()
	src := r.Stream
	st := src.rs
	for _, b := range append([]*bridge(nil), src.bridges...) {
		if len(dsts) == 0 || pipeIndex(dsts, b.dstW) >= 0 {
			b.unpipe()
		}
	}
	if len(st.Pipes) == 0 {
		return
	}
	if len(dsts) == 0 {
		pipes := st.Pipes
		st.Pipes = nil
		src.pause()
		for _, d := range pipes {
			d.asWritable().emit2("unpipe", src.self, &UnpipeInfo{})
		}
		return
	}
	for _, dst := range dsts {
		i := pipeIndex(st.Pipes, dst)
		if i < 0 {
			continue
		}
		st.Pipes = slices.Delete(st.Pipes, i, i+1)
		if len(st.Pipes) == 0 {
			src.pause()
		}
		dst.asWritable().emit2("unpipe", src.self, &UnpipeInfo{})
	}
}

func samePipe(a, b WritableStream) bool { return a.asWritable().Stream == b.asWritable().Stream }

// pipeIndex finds dst in list by the stream it is, whatever the static type
// it was passed as.
func pipeIndex(list []WritableStream, dst WritableStream) int {
	for i, w := range list {
		if samePipe(w, dst) {
			return i
		}
	}
	return -1
}

// reraisePipeError is what a pipe does with an 'error' of its destination
// once it has unpiped it: if nobody else listens, the error is raised again
// (through errorOrDestroy if it was not emitted yet) so that it is not
// lost, as Node's pipe does.
func (d *Stream) reraisePipeError(err error) {
	if d.ListenerCount("error") > 0 {
		return
	}
	if !d.ws.ErrorEmitted {
		d.errorOrDestroy(err, false)
	} else {
		d.emitSlot1(slotError, err)
	}
}
