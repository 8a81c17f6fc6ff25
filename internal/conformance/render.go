package conformance

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nodestream/stream"
)

// renderBytes renders a Buffer: b"..." byte by byte (SPEC.md section 9).
func renderBytes(b []byte) string {
	var sb strings.Builder
	sb.WriteString(`b"`)
	for _, c := range b {
		switch {
		case c == '"':
			sb.WriteString(`\"`)
		case c == '\\':
			sb.WriteString(`\\`)
		case c >= 0x20 && c <= 0x7e:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, `\x%02x`, c)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// codePoints splits a Go string into the code points JavaScript would
// iterate over. The library stores a lone UTF-16 surrogate WTF-8 encoded
// (ED A0 80 for U+D800), which Go's UTF-8 decoder rejects, so surrogates are
// decoded by hand; a high surrogate followed by a low one is one code point,
// as the two halves of a pair are in a JS string. Each element is the code
// point and the bytes it spans.
func codePoints(s string) (cps []rune, spans []string) {
	for i := 0; i < len(s); {
		cp, n := decodeWTF8(s[i:])
		if cp >= 0xd800 && cp <= 0xdbff {
			if lo, m := decodeWTF8(s[i+n:]); lo >= 0xdc00 && lo <= 0xdfff {
				cp = 0x10000 + (cp-0xd800)<<10 + (lo - 0xdc00)
				n += m
			}
		}
		cps = append(cps, cp)
		spans = append(spans, s[i:i+n])
		i += n
	}
	return cps, spans
}

// decodeWTF8 decodes one code point, accepting encoded surrogates. Bytes
// that are not WTF-8 decode to U+FFFD, one byte at a time, which is what a
// JS string made from them would hold.
func decodeWTF8(s string) (rune, int) {
	if len(s) >= 3 && s[0] == 0xed && s[1] >= 0xa0 && s[1] <= 0xbf && s[2] >= 0x80 && s[2] <= 0xbf {
		return rune(0xd<<12) | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f), 3
	}
	return utf8.DecodeRuneInString(s)
}

// utf16Len is the length JavaScript gives the string.
func utf16Len(s string) int {
	n := 0
	cps, _ := codePoints(s)
	for _, cp := range cps {
		if cp > 0xffff {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// renderString renders a string: s"..." code point by code point.
func renderString(s string) string {
	var sb strings.Builder
	sb.WriteString(`s"`)
	cps, _ := codePoints(s)
	for _, cp := range cps {
		switch {
		case cp == '"':
			sb.WriteString(`\"`)
		case cp == '\\':
			sb.WriteString(`\\`)
		case cp >= 0x20 && cp <= 0x7e:
			sb.WriteRune(cp)
		default:
			fmt.Fprintf(&sb, `\u{%x}`, cp)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// renderChunk renders any chunk or object-mode value.
func renderChunk(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case []byte:
		return renderBytes(v)
	case string:
		return renderString(v)
	}
	return canonicalJSON(v)
}

// canonicalJSON is JSON.stringify with object keys sorted, as run.js
// renders object-mode values.
func canonicalJSON(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return jsNumber(v)
	case int:
		return strconv.Itoa(v)
	case string:
		return jsonQuote(v)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = canonicalJSON(e)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		// JS sorts by UTF-16 code units; the kit's keys are ASCII, where
		// that is byte order.
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = jsonQuote(k) + ":" + canonicalJSON(v[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	// Not a value a scenario can make: show it plainly so that the trace
	// differs visibly.
	return fmt.Sprintf("<%T %v>", v, v)
}

// jsNumber formats a number as JavaScript's Number#toString does.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f), math.IsInf(f, 0):
		return "null" // JSON.stringify's rendering
	case f == 0:
		return "0"
	}
	abs := math.Abs(f)
	if abs >= 1e-6 && abs < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	// Exponent form: JS writes 1e+21 and 1.5e-7.
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	sign := exp[0]
	exp = strings.TrimLeft(exp[1:], "0")
	return mant + "e" + string(sign) + exp
}

// jsonQuote is JSON.stringify of a string.
func jsonQuote(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	cps, spans := codePoints(s)
	for i, cp := range cps {
		switch {
		case cp == '"':
			sb.WriteString(`\"`)
		case cp == '\\':
			sb.WriteString(`\\`)
		case cp == '\b':
			sb.WriteString(`\b`)
		case cp == '\f':
			sb.WriteString(`\f`)
		case cp == '\n':
			sb.WriteString(`\n`)
		case cp == '\r':
			sb.WriteString(`\r`)
		case cp == '\t':
			sb.WriteString(`\t`)
		case cp < 0x20, cp >= 0xd800 && cp <= 0xdfff:
			fmt.Fprintf(&sb, `\u%04x`, cp)
		default:
			sb.WriteString(spans[i])
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// renderError renders an error as its Node code, or Error(message) for the
// errors a scenario makes itself, which have no code.
func renderError(err error) string {
	if err == nil {
		return "null"
	}
	if code := stream.ErrorCode(err); code != "" {
		return code
	}
	return "Error(" + err.Error() + ")"
}

// renderErrorArg renders the argument of an 'error' event or of a callback,
// which in JS need not be an Error at all.
func renderErrorArg(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case error:
		return renderError(v)
	}
	return fmt.Sprintf("Error(%v)", v)
}

// nullEncoding stands for JavaScript's null as the encoding argument.
//
// In object mode Node does not normalise the encoding, so a hook sees what
// the caller's arguments left there: undefined after write(chunk) (and
// after pipe's writes), null after write(chunk, cb), whose argument
// shifting sets encoding to null. Go has only "" for "not given", which the
// library passes through unchanged in object mode; the runner therefore
// calls WriteWith with this marker where Node would have null, and renders
// "" as undefined.
const nullEncoding = "\x00null"

func renderEncoding(enc string) string {
	switch enc {
	case "":
		return "undefined"
	case nullEncoding:
		return "null"
	}
	return enc
}
