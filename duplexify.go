package stream

// DuplexFromPair returns a Duplex whose writes go to writable and whose
// reads come from readable, as Node's Duplex.from({readable, writable});
// either may be nil, and that side of the Duplex is then done from the
// start (Duplex.from(readable) and Duplex.from(writable) are the pair with
// one side). Each side's object mode is its stream's. An error on either
// stream destroys the other and the Duplex with it; destroying the Duplex
// destroys both (with an AbortError when no error is given, as Node's
// does). A write is called back when writable takes it without asking to
// wait, or at its next 'drain'; End ends writable and is called back at its
// 'finish'. The streams must be on one loop, the Duplex's (a pair on two
// loops panics with the error naming them); call it on that loop.
func DuplexFromPair(readable ReadableStream, writable WritableStream) *Duplex {
	var r, w *Stream
	if readable != nil {
		r = tryReadable(readable)
	}
	if writable != nil {
		w = tryWritable(writable)
	}
	p := &duplexPair{r: r, w: w}
	loop := (*Loop)(nil)
	switch {
	case r != nil:
		loop = r.loop
	case w != nil:
		loop = w.loop
	}
	if r != nil && w != nil && r.loop != w.loop {
		panic(errOtherLoop("writable", writable, w.loop, "readable", r.loop))
	}
	loopOrDefault(loop).check()
	p.readable = r != nil && r.isReadable() == triTrue
	p.writable = w != nil && w.isWritable() == triTrue
	opts := DuplexOptions{
		Loop:               loop,
		ReadableObjectMode: r != nil && r.rs.ObjectMode,
		WritableObjectMode: w != nil && w.ws.ObjectMode,
		Readable:           Bool(p.readable),
		Writable:           Bool(p.writable),
		Destroy:            p.destroy,
	}
	if p.writable {
		opts.Write = p.write
		opts.Final = p.final
		finishedWith(w, FinishedOptions{}, func(err error) {
			p.writable = false
			if err != nil && r != nil {
				r.DestroyWith(err, nil)
			}
			p.onfinished(err)
		})
		w.On("drain", func(...any) {
			if cb := p.ondrain; cb != nil {
				p.ondrain = nil
				cb(nil)
			}
		})
		w.On("finish", func(...any) {
			if cb := p.onfinish; cb != nil {
				p.onfinish = nil
				cb(nil)
			}
		})
	}
	if p.readable {
		opts.Read = p.read
		finishedWith(r, FinishedOptions{}, func(err error) {
			p.readable = false
			if err != nil {
				r.DestroyWith(err, nil)
			}
			p.onfinished(err)
		})
		r.On("readable", func(...any) {
			if cb := p.onreadable; cb != nil {
				p.onreadable = nil
				cb()
			}
		})
		r.On("end", func(...any) { p.d.Push(nil) })
	}
	p.d = NewDuplex(opts)
	return p.d
}

// duplexPair is the state of one DuplexFromPair (the closure variables of
// Node's duplexify).
type duplexPair struct {
	d                  *Duplex
	r, w               *Stream
	readable, writable bool

	ondrain    func(error)
	onfinish   func(error)
	onreadable func()
	onclose    func(error) // a destroy waiting for a stream to be done
	done       bool        // a stream was done: Node's onclose === null
}

// onfinished is one of the two streams being done.
func (p *duplexPair) onfinished(err error) {
	cb := p.onclose
	p.onclose = nil
	p.done = true
	switch {
	case cb != nil:
		cb(err)
	case err != nil:
		p.d.Destroy(err)
	}
}

func (p *duplexPair) write(chunk any, encoding string, cb func(error)) {
	if p.w.ws.ObjectMode {
		encoding = ""
	}
	ok, err := p.w.write(chunk, encoding, nil)
	switch {
	case err != nil:
		cb(err)
	case ok:
		cb(nil)
	default:
		p.ondrain = cb
	}
}

func (p *duplexPair) final(cb func(error)) {
	p.w.end(nil, "", nil)
	p.onfinish = cb
}

func (p *duplexPair) read(int) {
	for {
		chunk := p.r.read(0, true)
		if chunk == nil {
			p.onreadable = func() { p.read(0) }
			return
		}
		if !p.d.Push(chunk) {
			return
		}
	}
}

func (p *duplexPair) destroy(err error, cb func(error)) {
	if err == nil && !p.done {
		err = errAbort(nil)
	}
	p.onreadable, p.ondrain, p.onfinish = nil, nil, nil
	if p.done {
		cb(err)
		return
	}
	p.onclose = cb
	if p.w != nil {
		p.w.DestroyWith(err, nil)
	}
	if p.r != nil {
		p.r.DestroyWith(err, nil)
	}
}
