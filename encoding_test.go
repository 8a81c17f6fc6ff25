package stream

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

// The vectors in testdata/encoding/vectors.json are Node's own answers,
// recorded by testdata/encoding/gen.js. Strings there are arrays of UTF-16
// code units, so lone surrogates survive JSON; byte strings are hex.

type encodingVectors struct {
	Node      string             `json:"node"`
	Encodings []string           `json:"encodings"`
	Names     map[string]*string `json:"names"`
	OddNames  [][]uint16         `json:"oddNames"`
	Encode    []struct {
		Enc   string   `json:"enc"`
		Str   []uint16 `json:"str"`
		Bytes string   `json:"bytes"`
	} `json:"encode"`
	Decode []struct {
		Enc   string   `json:"enc"`
		Bytes string   `json:"bytes"`
		Str   []uint16 `json:"str"`
	} `json:"decode"`
	// Each op is ["w" or "e", hex input, output units].
	Decoder []struct {
		Enc string              `json:"enc"`
		Ops [][]json.RawMessage `json:"ops"`
	} `json:"decoder"`
}

func loadEncodingVectors(t testing.TB) *encodingVectors {
	t.Helper()
	data, err := os.ReadFile("testdata/encoding/vectors.json")
	require.NoError(t, err)
	var v encodingVectors
	require.NoError(t, json.Unmarshal(data, &v))
	require.NotEmpty(t, v.Encode)
	require.NotEmpty(t, v.Decode)
	require.NotEmpty(t, v.Decoder)
	return &v
}

// jsString turns UTF-16 code units into the package's form of a JavaScript
// string: UTF-8, with pairs joined and lone surrogates as WTF-8.
func jsString(units []uint16) string {
	var b []byte
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		if isHighSurrogate(r) && i+1 < len(units) && isLowSurrogate(rune(units[i+1])) {
			r = utf16.DecodeRune(r, rune(units[i+1]))
			i++
		}
		b = appendWTF8(b, r)
	}
	return string(b)
}

// jsUnits is the inverse of jsString, for messages and for the lenient
// reading of strings.
func jsUnits(s string) []uint16 {
	var u []uint16
	for i := 0; i < len(s); {
		r, n := decodeWTF8(s[i:])
		if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			u = append(u, uint16(hi), uint16(lo))
		} else {
			u = append(u, uint16(r))
		}
		i += n
	}
	return u
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func TestEncodeStringVectors(t *testing.T) {
	v := loadEncodingVectors(t)
	for _, tc := range v.Encode {
		s := jsString(tc.Str)
		got, err := EncodeString(s, tc.Enc)
		require.NoError(t, err)
		require.Equal(t, tc.Bytes, hex.EncodeToString(got), "Buffer.from(%q = %x, %q)", s, tc.Str, tc.Enc)
	}
}

func TestDecodeBytesVectors(t *testing.T) {
	v := loadEncodingVectors(t)
	for _, tc := range v.Decode {
		got, err := DecodeBytes(mustHex(t, tc.Bytes), tc.Enc)
		require.NoError(t, err)
		require.Equal(t, jsString(tc.Str), got, "Buffer.from(%s, 'hex').toString(%q): units %x, got %x",
			tc.Bytes, tc.Enc, tc.Str, jsUnits(got))
	}
}

func TestNormalizeEncodingVectors(t *testing.T) {
	v := loadEncodingVectors(t)
	for name, want := range v.Names {
		got, ok := NormalizeEncoding(name)
		if want == nil {
			require.False(t, ok, "%q", name)
			require.Equal(t, "", got)
			require.False(t, IsEncoding(name), "%q", name)
			continue
		}
		require.True(t, ok, "%q", name)
		require.Equal(t, *want, got, "%q", name)
		require.True(t, IsEncoding(name), "%q", name)
		d, err := NewStringDecoder(name)
		require.NoError(t, err)
		require.Equal(t, *want, d.Encoding())
	}
	// Node accepts no spelling beyond ASCII case changes; gen.js tried every
	// code unit in every position.
	for _, u := range v.OddNames {
		require.True(t, IsEncoding(jsString(u)), "%x", u)
	}
}

func TestNormalizeEncoding(t *testing.T) {
	for in, want := range map[string]string{
		"utf8": "utf8", "UTF-8": "utf8", "uTf8": "utf8",
		"ucs2": "utf16le", "UCS-2": "utf16le", "utf-16LE": "utf16le", "Utf16le": "utf16le",
		"binary": "latin1", "LATIN1": "latin1", "ascii": "ascii",
		"base64": "base64", "Base64URL": "base64url", "HEX": "hex",
	} {
		got, ok := NormalizeEncoding(in)
		require.True(t, ok, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "utf16", "utf-16", "latin-1", "buffer", "utf8 ", "b\u0130nary", "he\u212Ax"} {
		_, ok := NormalizeEncoding(in)
		require.False(t, ok, in)
	}
}

func TestUnknownEncoding(t *testing.T) {
	check := func(err error) {
		t.Helper()
		require.Error(t, err)
		require.Equal(t, "ERR_UNKNOWN_ENCODING", ErrorCode(err))
		require.True(t, errors.Is(err, ErrUnknownEncoding))
		require.Contains(t, err.Error(), "utf-16")
	}
	_, err := EncodeString("x", "utf-16")
	check(err)
	_, err = DecodeBytes([]byte("x"), "utf-16")
	check(err)
	d, err := NewStringDecoder("utf-16")
	check(err)
	require.Nil(t, d)
}

func TestEncodingEmptyNameIsUTF8(t *testing.T) {
	// "" plays the omitted argument: Buffer.from(s), buf.toString(),
	// new StringDecoder().
	b, err := EncodeString("\u00e9", "")
	require.NoError(t, err)
	require.Equal(t, []byte{0xC3, 0xA9}, b)
	s, err := DecodeBytes([]byte{0xE2, 0x82, 0x41}, "")
	require.NoError(t, err)
	require.Equal(t, "\uFFFDA", s)
	d, err := NewStringDecoder("")
	require.NoError(t, err)
	require.Equal(t, "utf8", d.Encoding())
	var zero StringDecoder
	require.Equal(t, "utf8", zero.Encoding())
	require.Equal(t, "", zero.Write([]byte{0xE2, 0x82}))
	require.Equal(t, "\u20ac", zero.End([]byte{0xAC}))
}

func TestDecodeBytesUTF8MaximalSubpart(t *testing.T) {
	for in, want := range map[string]string{
		"\xE2\x82\x41":     "\uFFFDA",
		"\xF0\x9F\x98":     "\uFFFD",
		"\xED\xA0\x80":     "\uFFFD\uFFFD\uFFFD",
		"\xC0\x80":         "\uFFFD\uFFFD",
		"\xF4\x90\x80\x80": "\uFFFD\uFFFD\uFFFD\uFFFD",
		"\x80\xBF":         "\uFFFD\uFFFD",
		"a\xFFb":           "a\uFFFDb",
	} {
		got, err := DecodeBytes([]byte(in), "utf8")
		require.NoError(t, err)
		require.Equal(t, want, got, "%x", in)
	}
}

func TestEncodingLoneSurrogates(t *testing.T) {
	// utf16le keeps a lone surrogate, as WTF-8, and takes it back.
	s, err := DecodeBytes([]byte{0x00, 0xD8, 0x41, 0x00}, "utf16le")
	require.NoError(t, err)
	require.Equal(t, "\xED\xA0\x80A", s)
	b, err := EncodeString(s, "utf16le")
	require.NoError(t, err)
	require.Equal(t, []byte{0x00, 0xD8, 0x41, 0x00}, b)
	// utf8 cannot write it.
	b, err = EncodeString(s, "utf8")
	require.NoError(t, err)
	require.Equal(t, []byte("\uFFFDA"), b)
	// Two halves side by side are the pair they make in JavaScript.
	b, err = EncodeString("\xED\xA0\xBD\xED\xB8\x80", "utf8")
	require.NoError(t, err)
	require.Equal(t, []byte("😀"), b)
	// Bytes no JavaScript string can hold read as U+FFFD.
	b, err = EncodeString("a\xE2\x82b\xFF", "utf8")
	require.NoError(t, err)
	require.Equal(t, []byte("a\uFFFDb\uFFFD"), b)
	b, err = EncodeString("a\xE2\x82b", "utf16le")
	require.NoError(t, err)
	require.Equal(t, []byte{'a', 0, 0xFD, 0xFF, 'b', 0}, b)
}

func TestUtf16Len(t *testing.T) {
	for s, want := range map[string]int{
		"":                         0,
		"abc":                      3,
		"caf\u00e9":                4,
		"\u20ac":                   1,
		"😀":                        2,
		"a😀b":                      4,
		"\xED\xA0\x80":             1, // lone U+D800
		"\xED\xA0\xBD\xED\xB8\x80": 2, // a pair as two halves
		"\xE2\x82":                 1, // one ill-formed subsequence
		"\xFF\xFE":                 2,
	} {
		require.Equal(t, want, utf16Len(s), "%q", s)
		require.Equal(t, want, len(jsUnits(s)), "%q", s)
	}
}

func TestUtf16Cut(t *testing.T) {
	cases := []struct {
		s          string
		n          int
		head, tail string
	}{
		{"hello", 2, "he", "llo"},
		{"hello", 0, "", "hello"},
		{"hello", -1, "", "hello"},
		{"hello", 5, "hello", ""},
		{"hello", 9, "hello", ""},
		{"", 3, "", ""},
		{"caf\u00e9s", 4, "caf\u00e9", "s"},
		{"a😀b", 1, "a", "😀b"},
		{"a😀b", 3, "a😀", "b"},
		{"a😀b", 2, "a\xED\xA0\xBD", "\xED\xB8\x80b"},
		{"😀", 1, "\xED\xA0\xBD", "\xED\xB8\x80"},
		{"\xED\xA0\x80x", 1, "\xED\xA0\x80", "x"},
		{"\xE2\x82x", 1, "\xE2\x82", "x"},
	}
	for _, tc := range cases {
		head, tail := utf16Cut(tc.s, tc.n)
		require.Equal(t, tc.head, head, "%q %d", tc.s, tc.n)
		require.Equal(t, tc.tail, tail, "%q %d", tc.s, tc.n)
		require.Equal(t, tc.s, utf16Concat(head, tail), "%q %d", tc.s, tc.n)
	}
	// Every cut of a mixed string: the lengths add up and the pieces join
	// back, as JavaScript's slice does.
	s := "a\u00e9\u20ac😀\xED\xA0\x80😀z"
	l := utf16Len(s)
	for n := 0; n <= l; n++ {
		head, tail := utf16Cut(s, n)
		require.Equal(t, n, utf16Len(head))
		require.Equal(t, l-n, utf16Len(tail))
		require.Equal(t, s, utf16Concat(head, tail))
		require.Equal(t, jsUnits(s), append(jsUnits(head), jsUnits(tail)...))
	}
}

func TestUtf16Concat(t *testing.T) {
	require.Equal(t, "ab", utf16Concat("a", "b"))
	require.Equal(t, "x😀y", utf16Concat("x\xED\xA0\xBD", "\xED\xB8\x80y"))
	// Low before high is no pair.
	require.Equal(t, "\xED\xB8\x80\xED\xA0\xBD", utf16Concat("\xED\xB8\x80", "\xED\xA0\xBD"))
	require.Equal(t, "\xED\xA0\xBD", utf16Concat("\xED\xA0\xBD", ""))
}

func TestEncodingFastPathAllocs(t *testing.T) {
	text := strings.Repeat("h\u00e9llo w\u00f6rld \u20ac ", 20)
	raw := []byte(text)
	require.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _, _ = DecodeBytes(raw, "utf8") }))
	require.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _, _ = EncodeString(text, "utf8") }))
	require.Equal(t, 0.0, testing.AllocsPerRun(100, func() { _ = utf16Len(text) }))
}

func BenchmarkDecodeBytesUTF8(b *testing.B) {
	raw := []byte(strings.Repeat("h\u00e9llo w\u00f6rld \u20ac ", 100))
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = DecodeBytes(raw, "utf8")
	}
}

func BenchmarkUtf16Len(b *testing.B) {
	s := strings.Repeat("h\u00e9llo w\u00f6rld \u20ac😀 ", 100)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = utf16Len(s)
	}
}
