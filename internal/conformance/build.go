package conformance

import (
	"encoding/json"

	"github.com/nodestream/stream"
)

// Making the streams a scenario declares: their options and their hooks.

// options holds the declared options converted to the library's types.
// Each stream type takes the ones its Node constructor reads and ignores
// the others, as Node does (a Readable ignores writableHighWaterMark).
type options struct {
	hwm, rhwm, whwm                                   *int
	objectMode, rObjectMode, wObjectMode              bool
	encoding, defaultEncoding                         string
	decodeStrings, allowHalfOpen, emitClose, autoDest *bool
}

func parseOptions(decl *Decl) options {
	var o options
	intOpt := func(k string, raw json.RawMessage) *int {
		var v int
		if err := json.Unmarshal(raw, &v); err != nil {
			bad("option %s of %s: %v", k, decl.Name, err)
		}
		return &v
	}
	boolOpt := func(k string, raw json.RawMessage) *bool {
		var v bool
		if err := json.Unmarshal(raw, &v); err != nil {
			bad("option %s of %s: %v", k, decl.Name, err)
		}
		return &v
	}
	strOpt := func(k string, raw json.RawMessage) string {
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			bad("option %s of %s: %v", k, decl.Name, err)
		}
		return v
	}
	for k, raw := range decl.Options {
		if !optionKeys[k] {
			bad("unknown option %s", k)
		}
		switch k {
		case "highWaterMark":
			o.hwm = intOpt(k, raw)
		case "readableHighWaterMark":
			o.rhwm = intOpt(k, raw)
		case "writableHighWaterMark":
			o.whwm = intOpt(k, raw)
		case "objectMode":
			o.objectMode = *boolOpt(k, raw)
		case "readableObjectMode":
			o.rObjectMode = *boolOpt(k, raw)
		case "writableObjectMode":
			o.wObjectMode = *boolOpt(k, raw)
		case "encoding":
			o.encoding = strOpt(k, raw)
		case "defaultEncoding":
			o.defaultEncoding = strOpt(k, raw)
		case "decodeStrings":
			o.decodeStrings = boolOpt(k, raw)
		case "allowHalfOpen":
			o.allowHalfOpen = boolOpt(k, raw)
		case "emitClose":
			o.emitClose = boolOpt(k, raw)
		case "autoDestroy":
			o.autoDest = boolOpt(k, raw)
		}
	}
	return o
}

// makeStream builds the stream of decl with its behaviours. A constructor
// error is returned; a bad declaration panics with badScenario.
func (c *runCtx) makeStream(se *streamEntry) error {
	decl := se.decl
	name := decl.Name
	o := parseOptions(decl)
	typ := decl.Type
	hasRead := typ == "readable" || typ == "duplex"
	hasWrite := typ == "writable" || typ == "duplex"

	var (
		read      func(int)
		write     func(any, string, func(error))
		writev    func([]stream.WriteChunk, func(error))
		final     func(func(error))
		destroy   func(error, func(error))
		transform func(any, string, func(error, any))
		flush     func(func(error, any))
	)
	if hasRead {
		var beh ReadBehaviour
		if decl.Read != nil {
			beh = *decl.Read
		}
		read = c.readHook(se, beh)
	}
	if hasWrite {
		var beh WriteBehaviour
		if decl.Write != nil {
			beh = *decl.Write
		}
		write, writev = c.writeHooks(name, beh, decl.Writev)
		if decl.Final != nil {
			final = c.finalHook(name, *decl.Final)
		}
	}
	if typ == "transform" {
		var beh TransformBehaviour
		if decl.Transform != nil {
			beh = *decl.Transform
		}
		transform = c.transformHook(se, beh)
		if decl.Flush != nil {
			flush = c.flushHook(se, *decl.Flush)
		}
	}
	if decl.Destroy != nil {
		destroy = c.destroyHook(name, *decl.Destroy)
	}

	duplexOpts := func() stream.DuplexOptions {
		return stream.DuplexOptions{
			HighWaterMark:         o.hwm,
			ReadableHighWaterMark: o.rhwm,
			WritableHighWaterMark: o.whwm,
			ObjectMode:            o.objectMode,
			ReadableObjectMode:    o.rObjectMode,
			WritableObjectMode:    o.wObjectMode,
			Encoding:              o.encoding,
			DefaultEncoding:       o.defaultEncoding,
			DecodeStrings:         o.decodeStrings,
			EmitClose:             o.emitClose,
			AutoDestroy:           o.autoDest,
			AllowHalfOpen:         o.allowHalfOpen,
			Read:                  read,
			Write:                 write,
			Writev:                writev,
			Final:                 final,
			Destroy:               destroy,
			Loop:                  c.loop,
		}
	}

	var (
		self any
		err  error
	)
	switch typ {
	case "readable":
		var r *stream.Readable
		r, err = stream.NewReadableErr(stream.ReadableOptions{
			HighWaterMark:   o.hwm,
			Encoding:        o.encoding,
			DefaultEncoding: o.defaultEncoding,
			ObjectMode:      o.objectMode,
			EmitClose:       o.emitClose,
			AutoDestroy:     o.autoDest,
			Read:            read,
			Destroy:         destroy,
			Loop:            c.loop,
		})
		if err == nil {
			self, se.api, se.r = r, r, r
		}
	case "writable":
		var w *stream.Writable
		w, err = stream.NewWritableErr(stream.WritableOptions{
			HighWaterMark:   o.hwm,
			ObjectMode:      o.objectMode,
			DecodeStrings:   o.decodeStrings,
			DefaultEncoding: o.defaultEncoding,
			EmitClose:       o.emitClose,
			AutoDestroy:     o.autoDest,
			Write:           write,
			Writev:          writev,
			Final:           final,
			Destroy:         destroy,
			Loop:            c.loop,
		})
		if err == nil {
			self, se.api, se.w = w, w, w
		}
	case "duplex":
		var d *stream.Duplex
		d, err = stream.NewDuplexErr(duplexOpts())
		if err == nil {
			self, se.api, se.r, se.w = d, d, d, d
		}
	case "transform":
		var t *stream.Transform
		t, err = stream.NewTransformErr(stream.TransformOptions{
			DuplexOptions: duplexOpts(),
			Transform:     transform,
			Flush:         flush,
		})
		if err == nil {
			self, se.api, se.r, se.w = t, t, t, t
		}
	case "passthrough":
		var p *stream.PassThrough
		p, err = stream.NewPassThroughErr(duplexOpts())
		if err == nil {
			self, se.api, se.r, se.w = p, p, p, p
		}
	default:
		bad("bad stream type %s", typ)
	}
	if err != nil {
		return err
	}
	c.names[self] = name
	return nil
}
