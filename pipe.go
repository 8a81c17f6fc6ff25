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
// batches, with backpressure kept across, and each side's events stay on
// its own loop. An error, close or finish of dst unpipes it as on one
// loop (the source pauses). Across loops a source that closes without
// 'end' (destroyed) destroys dst with its error, or with
// ERR_STREAM_PREMATURE_CLOSE, since dst's loop could not see the source
// die; and a panic leaving either loop's Run, or a Close of either loop,
// destroys the stream on the other side with ERR_LOOP_PANICKED or
// ERR_LOOP_CLOSED rather than leave it waiting. Both loops must be run (by a goroutine each) until the
// pipe is done; the pipe keeps each Run waiting for the other side. Set up
// such pipes before the loops' Runs start (or while both run): a Run that
// has already returned does not come back by itself.
func (r *Readable) Pipe(dst WritableStream) WritableStream {
	return r.PipeWith(dst, PipeOptions{})
}

// PipeWith is Pipe with options; End: Bool(false) leaves dst open when the
// stream ends.
func (r *Readable) PipeWith(dst WritableStream, opts PipeOptions) WritableStream {
	r.loop.check()
	src := r.Stream
	dest := dst.asWritable().Stream
	st := src.rs
	if dest.loop != src.loop {
		return r.pipeAcross(dst, opts)
	}

	if len(st.Pipes) == 1 && !st.MultiAwaitDrain {
		st.MultiAwaitDrain = true
	}
	st.Pipes = append(st.Pipes, dst)

	doEnd := opts.End == nil || *opts.End

	var (
		ondrainL, onunpipeL, onerrorL, oncloseL, onfinishL, onendL, ondataL *Listener
		ondrain                                                             Handler
		cleanedUp                                                           bool
	)

	unpipe := func(...any) { r.Unpipe(dst) }
	onend := func(...any) { dest.end(nil, "", nil) }
	var cleanup func()
	onunpipe := func(args ...any) {
		if len(args) > 0 && args[0] == src.self {
			if len(args) > 1 {
				if info, ok := args[1].(*UnpipeInfo); ok && !info.HasUnpiped {
					info.HasUnpiped = true
					cleanup()
				}
			}
		}
	}
	cleanup = func() {
		dest.RemoveListener("close", oncloseL)
		dest.RemoveListener("finish", onfinishL)
		if ondrainL != nil {
			dest.RemoveListener("drain", ondrainL)
		}
		dest.RemoveListener("error", onerrorL)
		dest.RemoveListener("unpipe", onunpipeL)
		src.RemoveListener("end", onendL)
		src.RemoveListener("data", ondataL)
		cleanedUp = true
		// Node tests the awaitDrainWriters value for truth: a Set (several
		// pipes) is true even when empty.
		if ondrain != nil && (st.MultiAwaitDrain || len(st.AwaitDrainWriters) > 0) && dest.ws.NeedDrain {
			ondrain()
		}
	}

	pause := func() {
		if !cleanedUp {
			if len(st.Pipes) == 1 && samePipe(st.Pipes[0], dst) {
				st.AwaitDrainWriters = append(st.AwaitDrainWriters[:0], dst)
				st.MultiAwaitDrain = false
			} else if len(st.Pipes) > 1 && pipeIndex(st.Pipes, dst) >= 0 {
				if pipeIndex(st.AwaitDrainWriters, dst) < 0 {
					st.AwaitDrainWriters = append(st.AwaitDrainWriters, dst)
				}
			}
			src.pause()
		}
		if ondrain == nil {
			ondrain = func(...any) {
				if i := pipeIndex(st.AwaitDrainWriters, dst); i >= 0 {
					st.AwaitDrainWriters = slices.Delete(st.AwaitDrainWriters, i, i+1)
				}
				if len(st.AwaitDrainWriters) == 0 && st.DataListening {
					src.resume()
				}
			}
			ondrainL = dest.On("drain", ondrain)
		}
	}

	if st.EndEmitted {
		if doEnd {
			src.loop.NextTick(func() { onend() })
		} else {
			src.loop.NextTick(func() { unpipe() })
		}
	} else if doEnd {
		onendL = src.Once("end", onend)
	} else {
		onendL = src.Once("end", unpipe)
	}

	onunpipeL = dest.On("unpipe", onunpipe)

	ondataL = src.on1("data", func(chunk any) {
		ok, err := dest.write(chunk, "", nil)
		if err != nil {
			// Node's write throws here (a chunk dst cannot take), out of
			// the 'data' event: an uncaught exception, which Run returns.
			// The pipe itself is left as it was. A pipeline's own pipe
			// fails the destination instead, so that the pipeline
			// reports the error rather than success.
			if opts.failOnThrow {
				dest.DestroyWith(err, nil)
				return
			}
			src.loop.reportUnhandled(err)
			return
		}
		if !ok {
			pause()
		}
	})

	onerror := func(args ...any) {
		unpipe()
		dest.RemoveListener("error", onerrorL)
		err := errorArg(args)
		dest.reraisePipeError(err)
	}
	onerrorL = dest.PrependListener("error", onerror)

	oncloseL = dest.Once("close", func(...any) {
		dest.RemoveListener("finish", onfinishL)
		unpipe()
	})
	onfinishL = dest.Once("finish", func(...any) {
		dest.RemoveListener("close", oncloseL)
		unpipe()
	})

	dest.emit1("pipe", src.self)

	if dest.ws.NeedDrain && !dest.ws.Destroyed && !dest.ws.Ending {
		pause()
	} else if st.Flowing != FlowingTrue {
		src.resume()
	}
	return dst
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
