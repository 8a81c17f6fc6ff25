package stream

// DuplexPair returns two Duplex streams connected to each other, as Node's
// stream.duplexPair(options): what is written to one is read from the
// other, with backpressure (a write completes when the other side's reader
// asks for more), and ending one ends the other's readable side. opts
// applies to both; its hooks are replaced.
func DuplexPair(opts DuplexOptions) (*Duplex, *Duplex) {
	a := newDuplexSide(opts)
	b := newDuplexSide(opts)
	a.other, b.other = b, a
	return a.Duplex, b.Duplex
}

// duplexSide is one end of a DuplexPair.
type duplexSide struct {
	*Duplex
	other    *duplexSide
	callback func(error) // the write callback held until the other side reads
}

func newDuplexSide(opts DuplexOptions) *duplexSide {
	d := &duplexSide{}
	opts.Read = d.read
	opts.Write = d.write
	opts.Writev = nil
	opts.Final = d.final
	d.Duplex = NewDuplex(opts)
	return d
}

func (d *duplexSide) read(int) {
	if cb := d.callback; cb != nil {
		d.callback = nil
		cb(nil)
	}
}

func (d *duplexSide) write(chunk any, _ string, cb func(error)) {
	if hasLength(chunk) && chunkLen(chunk) == 0 {
		d.loop.NextTick(func() { cb(nil) })
		return
	}
	d.other.Stream.push(chunk, "", false)
	d.other.callback = cb
}

func (d *duplexSide) final(cb func(error)) {
	d.other.On("end", func(...any) { cb(nil) })
	d.other.Stream.push(nil, "", false)
}

// hasLength reports whether chunk has a JavaScript length (bytes or a
// string), as Node's chunk.length === 0 test needs.
func hasLength(chunk any) bool {
	switch chunk.(type) {
	case []byte, string:
		return true
	}
	return false
}
