package stream

// This file holds Node's string_decoder: the StringDecoder, which turns
// bytes arriving in chunks into strings, over the encodings of encoding.go
// (which also describes the form its strings take: WTF-8).
//
// Why it is not a golang.org/x/text transform.Transformer: Node's output
// depends on where the chunks end (a utf16le chunk of odd length emits a
// lone high surrogate right away), while a Transformer's caller may re-cut
// its input as it likes.

import "unicode/utf8"

// A StringDecoder turns a stream of bytes, arriving in chunks, into strings
// without splitting a character between two of them, as Node's
// string_decoder.StringDecoder does; Readable.SetEncoding uses one.
//
// For utf8 it holds back an incomplete character at the end of a chunk until
// the next chunk completes it or shows it to be invalid; for utf16le, an odd
// byte and a high surrogate at the end of a chunk; for base64 and base64url,
// the bytes past the last whole group of three, so that the output has
// padding only at the very end. hex, latin1 and ascii need no state.
//
// The output is exactly Node's, chunk by chunk. In particular a utf16le
// chunk of odd length whose last whole code unit is a high surrogate emits
// that surrogate alone, and the low surrogate comes with the next chunk; the
// two results join into one character with utf16Concat.
//
// The zero value is a decoder for utf8. A StringDecoder is not safe for use
// by multiple goroutines at once.
type StringDecoder struct {
	enc encodingID
	// missing is how many more bytes the held-back character wants (Node's
	// kMissingBytes); buffered is how many are in partial (kBufferedBytes).
	missing, buffered int
	partial           [4]byte
}

// NewStringDecoder returns a decoder for the encoding named enc, as Node's
// new StringDecoder(enc). The empty name means utf8, like an omitted one in
// Node; an unknown name gives an error matching [ErrUnknownEncoding].
func NewStringDecoder(enc string) (*StringDecoder, error) {
	id, err := resolveEncoding(enc)
	if err != nil {
		return nil, err
	}
	return &StringDecoder{enc: id}, nil
}

// Encoding returns the canonical name of the decoder's encoding, as Node's
// decoder.encoding ("utf16le" for a decoder made for "ucs2").
func (d *StringDecoder) Encoding() string { return encodingNames[d.enc] }

// Write returns the string b decodes to, leaving out whatever it holds back
// for the next call, as Node's decoder.write(b). Write does not keep b.
func (d *StringDecoder) Write(b []byte) string {
	switch d.enc {
	case encUTF8, encUTF16LE, encBase64, encBase64URL:
	default:
		return decodeBytes(b, d.enc)
	}
	var head string
	if d.missing > 0 {
		if d.enc == encUTF8 {
			// A byte that cannot continue the held-back character ends it
			// early: it is decoded (to U+FFFD) with what continuation
			// bytes came before, and the new byte starts afresh.
			for i := 0; i < len(b) && i < d.missing; i++ {
				if b[i]&0xC0 != 0x80 {
					d.buffered += copy(d.partial[d.buffered:], b[:i])
					b = b[i:]
					d.missing = 0
					break
				}
			}
		}
		n := copy(d.partial[d.buffered:d.buffered+d.missing], b)
		d.buffered += n
		d.missing -= n
		b = b[n:]
		if d.missing > 0 {
			return "" // b is used up and the character is still incomplete
		}
		head = decodeBytes(d.partial[:d.buffered], d.enc)
		d.buffered = 0
	}
	if len(b) == 0 {
		return head
	}
	d.holdBack(b)
	keep := len(b) - d.buffered
	copy(d.partial[:], b[keep:])
	if keep == 0 {
		return head
	}
	return utf16Concat(head, decodeBytes(b[:keep], d.enc))
}

// holdBack decides how many bytes at the end of b, a chunk with nothing held
// back before it, to keep for the next Write, and how many more those want.
func (d *StringDecoder) holdBack(b []byte) {
	last := b[len(b)-1]
	switch d.enc {
	case encUTF8:
		if last < utf8.RuneSelf {
			return
		}
		// Walk back over at most three continuation bytes to the lead byte,
		// and hold the character back if the lead wants more bytes than
		// follow it. Nothing is held back when there is no lead byte in
		// reach or the lead byte can start no character (F8-FF); invalid
		// data then goes to the decoder whole.
		for i := len(b) - 1; ; i-- {
			d.buffered++
			c := b[i]
			if c&0xC0 == 0x80 {
				if d.buffered >= 4 || i == 0 {
					d.buffered = 0
					return
				}
				continue
			}
			switch {
			case c&0xE0 == 0xC0:
				d.missing = 2
			case c&0xF0 == 0xE0:
				d.missing = 3
			case c&0xF8 == 0xF0:
				d.missing = 4
			default:
				d.buffered = 0
				return
			}
			if d.buffered >= d.missing {
				d.missing, d.buffered = 0, 0
			} else {
				d.missing -= d.buffered
			}
			return
		}
	case encUTF16LE:
		if len(b)%2 == 1 {
			d.buffered, d.missing = 1, 1
		} else if last&0xFC == 0xD8 {
			// A high surrogate waits for its low half.
			d.buffered, d.missing = 2, 2
		}
	case encBase64, encBase64URL:
		if d.buffered = len(b) % 3; d.buffered > 0 {
			d.missing = 3 - d.buffered
		}
	}
}

// Text returns the string b[offset:] decodes to, after dropping whatever
// the decoder held back, as Node's decoder.text(b, offset); what b's end
// holds back stays for the next call. offset is clamped as Node's
// buf.slice(offset) does: past the end it gives "", and a negative offset
// counts from the end.
func (d *StringDecoder) Text(b []byte, offset int) string {
	if offset < 0 {
		offset = max(offset+len(b), 0)
	}
	offset = min(offset, len(b))
	d.missing, d.buffered = 0, 0
	return d.Write(b[offset:])
}

// LastChar returns a copy of the decoder's four-byte buffer for a
// character split between chunks, as Node's decoder.lastChar: the first
// LastTotal()-LastNeed() bytes are the part held back; the rest are left
// over from earlier characters, as in Node.
func (d *StringDecoder) LastChar() []byte {
	b := d.partial
	return b[:]
}

// LastNeed returns how many more bytes the held-back character wants
// (Node's decoder.lastNeed), 0 if nothing is held back.
func (d *StringDecoder) LastNeed() int { return d.missing }

// LastTotal returns the length of the held-back character once complete
// (Node's decoder.lastTotal): the bytes held plus the bytes it wants.
func (d *StringDecoder) LastTotal() int { return d.buffered + d.missing }

// End returns the string b decodes to followed by whatever the decoder still
// holds back, decoded as it is, as Node's decoder.end(b): an incomplete
// UTF-8 character gives U+FFFD, a held-back high surrogate gives itself, an
// odd utf16le byte is dropped, and base64 gets its padding. End(nil) is
// Node's decoder.end(). After End the decoder is as new and may be reused.
func (d *StringDecoder) End(b []byte) string {
	var s string
	if len(b) > 0 {
		s = d.Write(b)
	}
	if d.buffered > 0 {
		if d.enc == encUTF16LE {
			d.buffered &^= 1
		}
		if d.buffered > 0 {
			s = utf16Concat(s, decodeBytes(d.partial[:d.buffered], d.enc))
		}
	}
	d.missing, d.buffered = 0, 0
	return s
}
