package stream

// STUB: the complete implementation replaces this file (see issue 2, §5).
// The signatures below are the contract the rest of the package uses.

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// NormalizeEncoding returns Node's canonical name for an encoding name
// ("utf8", "utf16le", "latin1", "ascii", "base64", "base64url", "hex"),
// matching case-insensitively and accepting Node's aliases ("UTF-8",
// "ucs2", "binary", ...). It reports false for an unknown name.
func NormalizeEncoding(enc string) (string, bool) {
	switch strings.ToLower(enc) {
	case "utf8", "utf-8":
		return "utf8", true
	case "utf16le", "utf-16le", "ucs2", "ucs-2":
		return "utf16le", true
	case "latin1", "binary":
		return "latin1", true
	case "ascii":
		return "ascii", true
	case "base64":
		return "base64", true
	case "base64url":
		return "base64url", true
	case "hex":
		return "hex", true
	}
	return "", false
}

// IsEncoding reports whether enc names an encoding Node knows (Node's
// Buffer.isEncoding).
func IsEncoding(enc string) bool { _, ok := NormalizeEncoding(enc); return ok }

// EncodeString converts s to bytes in the given encoding, as Node's
// Buffer.from(s, enc). An unknown encoding gives ErrUnknownEncoding.
func EncodeString(s, enc string) ([]byte, error) {
	n, ok := NormalizeEncoding(enc)
	if !ok {
		return nil, errUnknownEncoding(enc)
	}
	switch n {
	case "hex":
		b, _ := hex.DecodeString(s)
		return b, nil
	case "base64":
		b, _ := base64.StdEncoding.DecodeString(s)
		return b, nil
	case "latin1", "ascii":
		out := make([]byte, 0, len(s))
		for _, r := range s {
			out = append(out, byte(r))
		}
		return out, nil
	}
	return []byte(s), nil
}

// DecodeBytes converts b to a string in the given encoding, as Node's
// buf.toString(enc). An unknown encoding gives ErrUnknownEncoding.
func DecodeBytes(b []byte, enc string) (string, error) {
	n, ok := NormalizeEncoding(enc)
	if !ok {
		return "", errUnknownEncoding(enc)
	}
	switch n {
	case "hex":
		return hex.EncodeToString(b), nil
	case "base64":
		return base64.StdEncoding.EncodeToString(b), nil
	case "latin1":
		var sb strings.Builder
		for _, c := range b {
			sb.WriteRune(rune(c))
		}
		return sb.String(), nil
	case "ascii":
		var sb strings.Builder
		for _, c := range b {
			sb.WriteRune(rune(c & 0x7f))
		}
		return sb.String(), nil
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), nil
}

// StringDecoder is Node's string_decoder.StringDecoder.
type StringDecoder struct {
	enc string
	buf []byte
}

// NewStringDecoder returns a decoder for enc.
func NewStringDecoder(enc string) (*StringDecoder, error) {
	n, ok := NormalizeEncoding(enc)
	if !ok {
		return nil, errUnknownEncoding(enc)
	}
	return &StringDecoder{enc: n}, nil
}

// Encoding returns the canonical encoding name.
func (d *StringDecoder) Encoding() string { return d.enc }

// Write decodes b, holding back an incomplete trailing character.
func (d *StringDecoder) Write(b []byte) string {
	d.buf = append(d.buf, b...)
	if d.enc == "utf8" {
		i := len(d.buf)
		for j := len(d.buf) - 1; j >= 0 && j >= len(d.buf)-3; j-- {
			if utf8.RuneStart(d.buf[j]) {
				if !utf8.FullRune(d.buf[j:]) {
					i = j
				}
				break
			}
		}
		s, _ := DecodeBytes(d.buf[:i], d.enc)
		d.buf = append(d.buf[:0], d.buf[i:]...)
		return s
	}
	s, _ := DecodeBytes(d.buf, d.enc)
	d.buf = d.buf[:0]
	return s
}

// End decodes b and flushes whatever is held back.
func (d *StringDecoder) End(b []byte) string {
	s := d.Write(b)
	if len(d.buf) > 0 {
		r, _ := DecodeBytes(d.buf, d.enc)
		d.buf = d.buf[:0]
		s += r
	}
	return s
}

// utf16Len returns the length of s as a JavaScript string: the number of
// UTF-16 code units (a character outside the BMP counts 2).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// utf16Cut splits s after n UTF-16 code units, as JavaScript's
// s.slice(0, n) and s.slice(n).
func utf16Cut(s string, n int) (head, tail string) {
	units := 0
	for i, r := range s {
		if units >= n {
			return s[:i], s[i:]
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return s, ""
}
