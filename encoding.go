package stream

// This file holds the character encodings of Node's Buffer: the names Node
// accepts, Buffer.from(string, enc), buf.toString(enc), and the helpers for
// the package's form of JavaScript strings. The StringDecoder built on them,
// which Readable.SetEncoding uses, is in stringdecoder.go.
//
// JavaScript strings versus Go strings
//
// A JavaScript string is a sequence of UTF-16 code units and may hold a lone
// surrogate; Node produces them, for example when utf16le decodes an
// unpaired 0xD800, or when a StringDecoder emits the first half of a
// surrogate pair whose second half has not arrived yet. A Go string is bytes.
// The package maps one onto the other with WTF-8: a lone surrogate is the
// three bytes its code point would have in UTF-8 (ED A0 80 for U+D800), and
// everything else is ordinary UTF-8. The strings the package makes are
// always in this form, with every surrogate pair written as one four-byte
// character, never as two three-byte halves.
//
// The functions that take a string read it the same way, leniently:
// three-byte surrogates count as one code unit each, a high surrogate
// followed by a low one counts as the pair it is in JavaScript, and bytes
// that are not UTF-8 at all (which no JavaScript string can hold) read as
// U+FFFD, one per maximal ill-formed subsequence, as a UTF-8 decoder would
// read them.
//
// Cutting a string in the middle of a pair (utf16Cut) leaves a lone high
// surrogate at the end of one piece and a lone low surrogate at the start of
// the other. Joining such pieces with + gives two three-byte halves; join
// them with utf16Concat to get the four-byte character back.
//
// Why not golang.org/x/text here: its UTF-16 decoder turns lone surrogates
// into U+FFFD and its Latin-1 encoder turns characters above U+00FF into
// 0x1A, where Node keeps the surrogate and the low byte. (Why the
// StringDecoder is no transform.Transformer either: stringdecoder.go.)

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// encodingID is one of Node's seven encodings, after normalization.
type encodingID uint8

// The zero encodingID is utf8, Node's default, so that a zero StringDecoder
// decodes UTF-8.
const (
	encUTF8 encodingID = iota
	encUTF16LE
	encLatin1
	encASCII
	encBase64
	encBase64URL
	encHex
)

// encodingNames holds the canonical name of each encodingID.
var encodingNames = [...]string{
	encUTF8:      "utf8",
	encUTF16LE:   "utf16le",
	encLatin1:    "latin1",
	encASCII:     "ascii",
	encBase64:    "base64",
	encBase64URL: "base64url",
	encHex:       "hex",
}

func (e encodingID) String() string { return encodingNames[e] }

// encodingAliases is every name Buffer.isEncoding accepts, in lower case.
// Node compares case-insensitively and nothing else: no spaces, no other
// spellings ("utf16", "latin-1" and "utf-16be" are unknown).
var encodingAliases = [...]struct {
	name string
	id   encodingID
}{
	{"utf8", encUTF8},
	{"utf-8", encUTF8},
	{"utf16le", encUTF16LE},
	{"utf-16le", encUTF16LE},
	{"ucs2", encUTF16LE},
	{"ucs-2", encUTF16LE},
	{"latin1", encLatin1},
	{"binary", encLatin1},
	{"ascii", encASCII},
	{"base64", encBase64},
	{"base64url", encBase64URL},
	{"hex", encHex},
}

// lookupEncoding finds the encoding named enc. The case folding is ASCII
// only, as Node's is in effect: JavaScript's toLowerCase maps no other
// character onto the letters of these names (Go's would map U+0130 to 'i'
// and U+212A to 'k').
func lookupEncoding(enc string) (encodingID, bool) {
	for _, a := range encodingAliases {
		if len(a.name) == len(enc) && asciiLowerEqual(enc, a.name) {
			return a.id, true
		}
	}
	return 0, false
}

// asciiLowerEqual reports whether s, with ASCII capitals lowered, equals the
// lower-case lower.
func asciiLowerEqual(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// resolveEncoding is lookupEncoding for the functions that take an optional
// encoding: the empty name means utf8, as an omitted one does in Node.
func resolveEncoding(enc string) (encodingID, error) {
	if enc == "" {
		return encUTF8, nil
	}
	id, ok := lookupEncoding(enc)
	if !ok {
		return 0, errUnknownEncoding(enc)
	}
	return id, nil
}

// NormalizeEncoding returns Node's canonical name for the encoding named enc:
// one of "utf8", "utf16le", "latin1", "ascii", "base64", "base64url" and
// "hex". It accepts exactly the names Node's Buffer.isEncoding accepts: the
// canonical names and the aliases "utf-8", "utf-16le", "ucs2", "ucs-2" and
// "binary", in any mix of upper and lower case. For any other name,
// including "", it returns "" and false.
func NormalizeEncoding(enc string) (string, bool) {
	id, ok := lookupEncoding(enc)
	if !ok {
		return "", false
	}
	return encodingNames[id], true
}

// IsEncoding reports whether enc names an encoding Node knows, as Node's
// Buffer.isEncoding does. IsEncoding("") is false.
func IsEncoding(enc string) bool {
	_, ok := lookupEncoding(enc)
	return ok
}

// EncodeString returns the bytes of s in the encoding enc, as Node's
// Buffer.from(s, enc) does, quirks included:
//
//   - utf8 writes each lone surrogate as EF BF BD (U+FFFD).
//   - utf16le writes each UTF-16 code unit, lone surrogates included, little
//     end first.
//   - latin1 and ascii (the same in this direction) keep the low byte of each
//     code unit, so "\u0100" gives 00 and "😀" (D83D DE00) gives 3D 00.
//   - hex decodes pairs of hex digits, in either case, and stops at the first
//     pair that is not one; an odd last digit is dropped.
//   - base64 and base64url both accept both alphabets, with or without
//     padding; they skip every character outside the alphabets (whitespace
//     included) and stop at the first '='.
//
// hex, base64 and base64url read the low byte of each code unit, as Node
// does, so "\u0161" reads as 'a'.
//
// s is read as the JavaScript string it stands for: a lone surrogate is its
// three-byte WTF-8 form (ED A0 80 for U+D800), a high surrogate followed by
// a low one is the pair they make, and bytes that are not UTF-8 read as
// U+FFFD, one per maximal ill-formed subsequence.
//
// The empty name means utf8, like an omitted encoding in Node; an unknown
// name gives an error matching [ErrUnknownEncoding].
func EncodeString(s, enc string) ([]byte, error) {
	id, err := resolveEncoding(enc)
	if err != nil {
		return nil, err
	}
	return encodeString(s, id), nil
}

// DecodeBytes returns b as a string in the encoding enc, as Node's
// buf.toString(enc) does:
//
//   - utf8 replaces each maximal ill-formed subsequence with one U+FFFD, as
//     the WHATWG Encoding Standard (and V8) do: E2 82 41 gives "\uFFFDA",
//     ED A0 80 (a surrogate) gives three U+FFFD.
//   - utf16le keeps lone surrogates (as WTF-8) and drops an odd last byte.
//   - latin1 maps each byte to the code point of the same value.
//   - ascii clears the high bit of each byte.
//   - base64 writes padding; base64url does not.
//   - hex writes lower-case digits.
//
// The empty name means utf8; an unknown name gives an error matching
// [ErrUnknownEncoding].
func DecodeBytes(b []byte, enc string) (string, error) {
	id, err := resolveEncoding(enc)
	if err != nil {
		return "", err
	}
	return decodeBytes(b, id), nil
}

// encodeString is EncodeString for a known encoding.
func encodeString(s string, id encodingID) []byte {
	switch id {
	case encUTF16LE:
		return encodeUTF16LE(s)
	case encLatin1, encASCII:
		return lowBytes(s)
	case encHex:
		if isASCII(s) {
			return decodeHexPrefix(s)
		}
		return decodeHexPrefix(lowBytes(s))
	case encBase64, encBase64URL:
		if isASCII(s) {
			return decodeBase64Lenient(s)
		}
		return decodeBase64Lenient(lowBytes(s))
	}
	return encodeUTF8(s)
}

// decodeBytes is DecodeBytes for a known encoding.
func decodeBytes(b []byte, id encodingID) string {
	switch id {
	case encUTF16LE:
		return decodeUTF16LE(b)
	case encLatin1:
		return decodeLatin1(b)
	case encASCII:
		return decodeASCII(b)
	case encBase64:
		return base64.StdEncoding.EncodeToString(b)
	case encBase64URL:
		return base64.RawURLEncoding.EncodeToString(b)
	case encHex:
		return hex.EncodeToString(b)
	}
	return decodeUTF8(b)
}

// isASCII reports whether s is all ASCII.
func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ---- Reading and writing WTF-8.

// illFormedLen returns the length of the maximal ill-formed subsequence at
// the start of s, which must not start with a well-formed character: the
// longest prefix that could still begin one (at least one byte). This is the
// unit the WHATWG decoder replaces with one U+FFFD.
func illFormedLen[T string | []byte](s T) int {
	c := s[0]
	need, lo, hi := 0, byte(0x80), byte(0xBF)
	switch {
	case 0xC2 <= c && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case 0xE1 <= c && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case 0xF1 <= c && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for n <= need && n < len(s) && lo <= s[n] && s[n] <= hi {
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}

// decodeWTF8 returns the code point at the start of the non-empty s and its
// length in bytes. A three-byte surrogate comes back as the surrogate; bytes
// that are not WTF-8 come back as U+FFFD with the length of the maximal
// ill-formed subsequence.
func decodeWTF8(s string) (rune, int) {
	c := s[0]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, n := utf8.DecodeRuneInString(s)
	if r != utf8.RuneError || n != 1 {
		return r, n
	}
	if c == 0xED && len(s) >= 3 && s[1]&0xE0 == 0xA0 && s[2]&0xC0 == 0x80 {
		return rune(c&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.RuneError, illFormedLen(s)
}

// appendWTF8 appends r, which may be a surrogate, to b.
func appendWTF8(b []byte, r rune) []byte {
	if isSurrogate(r) {
		return append(b, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
	}
	return utf8.AppendRune(b, r)
}

func isSurrogate(r rune) bool     { return 0xD800 <= r && r <= 0xDFFF }
func isHighSurrogate(r rune) bool { return 0xD800 <= r && r <= 0xDBFF }
func isLowSurrogate(r rune) bool  { return 0xDC00 <= r && r <= 0xDFFF }

// nextCodePoint is decodeWTF8 that also joins a high surrogate with the low
// surrogate after it, as JavaScript sees the two.
func nextCodePoint(s string) (rune, int) {
	r, n := decodeWTF8(s)
	if isHighSurrogate(r) && len(s) >= n+3 {
		if r2, n2 := decodeWTF8(s[n:]); isLowSurrogate(r2) {
			return utf16.DecodeRune(r, r2), n + n2
		}
	}
	return r, n
}

// utf16Len returns the length of s as a JavaScript string: its number of
// UTF-16 code units. A character outside the Basic Multilingual Plane counts
// two, a lone surrogate (three WTF-8 bytes) one, and so does each
// ill-formed byte sequence, which reads as U+FFFD.
func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := decodeWTF8(s[i:])
		n++
		if r > 0xFFFF {
			n++
		}
		i += size
	}
	return n
}

// utf16Cut splits s after n UTF-16 code units, as JavaScript's s.slice(0, n)
// and s.slice(n) do for 0 <= n. A negative n counts as 0 and an n past the
// end as the end. When n falls inside a surrogate pair the pair is split
// into its halves, a lone high surrogate ending head and a lone low one
// starting tail (see utf16Concat).
func utf16Cut(s string, n int) (head, tail string) {
	units := 0
	for i := 0; i < len(s); {
		if units >= n {
			return s[:i], s[i:]
		}
		if s[i] < utf8.RuneSelf {
			units++
			i++
			continue
		}
		r, size := decodeWTF8(s[i:])
		if r <= 0xFFFF {
			units++
		} else if units+1 == n {
			hi, lo := utf16.EncodeRune(r)
			return string(appendWTF8([]byte(s[:i]), hi)),
				string(appendWTF8(nil, lo)) + s[i+size:]
		} else {
			units += 2
		}
		i += size
	}
	return s, ""
}

// utf16Concat returns a + b as JavaScript joins strings: when a ends with a
// lone high surrogate and b starts with a lone low one, the two become the
// four-byte character they make together. Code that joins strings which
// may have been cut between the halves of a pair (pieces from utf16Cut, or
// successive results of StringDecoder.Write for utf16le) should use it, so
// the result stays in the package's normal form.
func utf16Concat(a, b string) string {
	if len(a) >= 3 && len(b) >= 3 &&
		a[len(a)-3] == 0xED && a[len(a)-2]&0xF0 == 0xA0 && a[len(a)-1]&0xC0 == 0x80 &&
		b[0] == 0xED && b[1]&0xF0 == 0xB0 && b[2]&0xC0 == 0x80 {
		hi, _ := decodeWTF8(a[len(a)-3:])
		lo, _ := decodeWTF8(b[:3])
		var buf [4]byte
		utf8.EncodeRune(buf[:], utf16.DecodeRune(hi, lo))
		return a[:len(a)-3] + string(buf[:]) + b[3:]
	}
	return a + b
}

// ---- Strings to bytes.

// encodeUTF8 is Buffer.from(s, 'utf8').
func encodeUTF8(s string) []byte {
	if utf8.ValidString(s) {
		return []byte(s)
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			out = append(out, s[i])
			i++
			continue
		}
		r, n := nextCodePoint(s[i:])
		// A lone surrogate has no UTF-8 form; AppendRune writes U+FFFD for
		// it, which is what V8 writes.
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

// encodeUTF16LE is Buffer.from(s, 'utf16le').
func encodeUTF16LE(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			out = append(out, s[i], 0)
			i++
			continue
		}
		r, n := decodeWTF8(s[i:])
		if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			out = append(out, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
		} else {
			out = append(out, byte(r), byte(r>>8))
		}
		i += n
	}
	return out
}

// lowBytes returns the low byte of each UTF-16 code unit of s: Node's
// latin1 (and ascii) encoding, and what its hex and base64 decoders read.
func lowBytes(s string) []byte {
	if isASCII(s) {
		return []byte(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			out = append(out, s[i])
			i++
			continue
		}
		r, n := decodeWTF8(s[i:])
		if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			out = append(out, byte(hi), byte(lo))
		} else {
			out = append(out, byte(r))
		}
		i += n
	}
	return out
}

// unhex is the value of a hex digit, or -1.
func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// decodeHexPrefix decodes the pairs of hex digits at the start of s, up to
// the first pair that is not two digits. encoding/hex.DecodeString would
// return the same prefix, but it also rejects the odd length Node accepts,
// and this way the bytes come straight from the string.
func decodeHexPrefix[T string | []byte](s T) []byte {
	out := make([]byte, len(s)/2)
	for i := range out {
		a, b := unhex(s[2*i]), unhex(s[2*i+1])
		if a < 0 || b < 0 {
			return out[:i]
		}
		out[i] = byte(a<<4 | b)
	}
	return out
}

// base64Value maps a byte to its value in either base64 alphabet, or -1.
var base64Value = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(std); i++ {
		t[std[i]] = int8(i)
	}
	t['-'], t['_'] = 62, 63
	return t
}()

// decodeBase64Lenient decodes s as Node's base64 and base64url decoders
// both do. encoding/base64 is strict about padding, alphabet and junk, so
// it cannot serve here.
func decodeBase64Lenient[T string | []byte](s T) []byte {
	out := make([]byte, 0, len(s)*3/4+2)
	var acc uint32
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		v := base64Value[c]
		if v < 0 {
			if c == '=' {
				break
			}
			continue
		}
		acc = acc<<6 | uint32(v)
		n++
		if n == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	// A last group of two or three characters still yields its whole
	// bytes; a single character yields nothing.
	switch n {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	return out
}

// ---- Bytes to strings.

// decodeUTF8 is buf.toString('utf8').
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 16)
	start := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n != 1 {
			i += n
			continue
		}
		sb.Write(b[start:i])
		sb.WriteString("\uFFFD")
		i += illFormedLen(b[i:])
		start = i
	}
	sb.Write(b[start:])
	return sb.String()
}

// decodeUTF16LE is buf.toString('utf16le').
func decodeUTF16LE(b []byte) string {
	n := len(b) &^ 1
	var sb strings.Builder
	sb.Grow(n / 2)
	var tmp [4]byte
	for i := 0; i < n; i += 2 {
		r := rune(b[i]) | rune(b[i+1])<<8
		switch {
		case r < utf8.RuneSelf:
			sb.WriteByte(byte(r))
			continue
		case isHighSurrogate(r) && i+3 < n:
			if r2 := rune(b[i+2]) | rune(b[i+3])<<8; isLowSurrogate(r2) {
				r = utf16.DecodeRune(r, r2)
				i += 2
			}
		}
		sb.Write(appendWTF8(tmp[:0], r))
	}
	return sb.String()
}

// decodeLatin1 is buf.toString('latin1').
func decodeLatin1(b []byte) string {
	high := 0
	for _, c := range b {
		if c >= utf8.RuneSelf {
			high++
		}
	}
	if high == 0 {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + high)
	for _, c := range b {
		if c < utf8.RuneSelf {
			sb.WriteByte(c)
		} else {
			sb.WriteByte(0xC0 | c>>6)
			sb.WriteByte(0x80 | c&0x3F)
		}
	}
	return sb.String()
}

// decodeASCII is buf.toString('ascii').
func decodeASCII(b []byte) string {
	if isASCII(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		sb.WriteByte(c & 0x7F)
	}
	return sb.String()
}
