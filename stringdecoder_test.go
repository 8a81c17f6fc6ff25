package stream

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStringDecoderVectors(t *testing.T) {
	v := loadEncodingVectors(t)
	for _, run := range v.Decoder {
		d, err := NewStringDecoder(run.Enc)
		require.NoError(t, err)
		require.Equal(t, run.Enc, d.Encoding())
		var trace []string
		for i, op := range run.Ops {
			require.Len(t, op, 3)
			var kind, in string
			var want []uint16
			require.NoError(t, json.Unmarshal(op[0], &kind))
			require.NoError(t, json.Unmarshal(op[1], &in))
			require.NoError(t, json.Unmarshal(op[2], &want))
			var got string
			switch kind {
			case "w":
				got = d.Write(mustHex(t, in))
				trace = append(trace, "write("+in+")")
			case "e":
				if in == "" {
					got = d.End(nil)
				} else {
					got = d.End(mustHex(t, in))
				}
				trace = append(trace, "end("+in+")")
			default:
				t.Fatalf("bad op %q", kind)
			}
			require.Equal(t, jsString(want), got, "%s: op %d of %s: want units %x, got %x",
				run.Enc, i, strings.Join(trace, " "), want, jsUnits(got))
		}
	}
}

// TestStringDecoderUTF16SplitPair shows the Node behaviour the WTF-8 form is
// for: an odd chunk emits the high surrogate at once.
func TestStringDecoderUTF16SplitPair(t *testing.T) {
	d, err := NewStringDecoder("ucs2")
	require.NoError(t, err)
	require.Equal(t, "utf16le", d.Encoding())
	a := d.Write([]byte{0x3D, 0xD8, 0x00})
	b := d.Write([]byte{0xDE})
	require.Equal(t, "\xED\xA0\xBD", a)
	require.Equal(t, "\xED\xB8\x80", b)
	require.Equal(t, "", d.End(nil))
	require.Equal(t, "😀", utf16Concat(a, b))
}

// TestStringDecoderFastPathAllocs: a Write allocates the string it returns
// and nothing else.
func TestStringDecoderFastPathAllocs(t *testing.T) {
	text := strings.Repeat("h\u00e9llo w\u00f6rld \u20ac ", 20)
	raw := []byte(text)
	d, _ := NewStringDecoder("utf8")
	require.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = d.Write(raw) }))
	// A character held back and completed costs one more string.
	cut := []byte(text + "\u20ac")
	require.Equal(t, 2.0, testing.AllocsPerRun(100, func() {
		_ = d.Write(cut[:len(cut)-1])
		_ = d.Write(cut[len(cut)-1:])
	}))
}

func BenchmarkStringDecoderUTF8(b *testing.B) {
	raw := []byte(strings.Repeat("h\u00e9llo w\u00f6rld \u20ac ", 100))
	d, _ := NewStringDecoder("utf8")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		// Cut inside the euro sign so the decoder holds bytes back.
		_ = d.Write(raw[:len(raw)-3])
		_ = d.Write(raw[len(raw)-3:])
	}
}

func ExampleStringDecoder() {
	// A euro sign cut between two chunks comes out whole, with the second.
	d, _ := NewStringDecoder("utf8")
	fmt.Printf("%q\n", d.Write([]byte{'a', 0xE2, 0x82}))
	fmt.Printf("%q\n", d.Write([]byte{0xAC, 'b'}))
	fmt.Printf("%q\n", d.End([]byte{0xE2}))
	// Output:
	// "a"
	// "€b"
	// "�"
}

func TestStringDecoderNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/stringdecoder") }

// TestStringDecoderState is the Go twin of testdata/stringdecoder/state.js.
func TestStringDecoderState(t *testing.T) {
	p := newTwin(t)
	show := func(d *StringDecoder, label, out string) {
		q, err := json.Marshal(out)
		require.NoError(t, err)
		// JSON.stringify escapes a lone surrogate as \\udXXX; Go's
		// encoder writes U+FFFD for invalid UTF-8, so the WTF-8 form of a
		// surrogate is spelled out here.
		if len(out) == 3 && out[0] == 0xED && out[1] >= 0xA0 {
			unit := (int(out[0]&0x0F) << 12) | (int(out[1]&0x3F) << 6) | int(out[2]&0x3F)
			q = []byte(fmt.Sprintf(`"\u%04x"`, unit))
		}
		parts := make([]string, 4)
		for i, c := range d.LastChar() {
			parts[i] = strconv.Itoa(int(c))
		}
		p.Log(label, string(q), strings.Join(parts, ","), d.LastNeed(), d.LastTotal())
	}
	d, _ := NewStringDecoder("utf8")
	show(d, "new", "")
	show(d, "write e2", d.Write([]byte{0xe2}))
	show(d, "write 82", d.Write([]byte{0x82}))
	show(d, "write ac", d.Write([]byte{0xac}))
	show(d, "write f0 9f", d.Write([]byte{0xf0, 0x9f}))
	show(d, "text", d.Text([]byte{0x61, 0x62, 0xe2, 0x82}, 1))
	show(d, "end", d.End(nil))
	u, _ := NewStringDecoder("utf16le")
	show(u, "u16 write 3", u.Write([]byte{0x61, 0x00, 0x3d}))
	show(u, "u16 write d8", u.Write([]byte{0xd8}))
	show(u, "u16 end", u.End(nil))
	b, _ := NewStringDecoder("base64")
	show(b, "b64 write 4", b.Write([]byte("abcd")))
	show(b, "b64 end", b.End(nil))
	p.Match("testdata/stringdecoder/state.out")

	require.Equal(t, "", d.Text([]byte("ab"), 5), "an offset past the end is clamped, as buf.slice")
	require.Equal(t, "b", d.Text([]byte("ab"), -1), "a negative offset counts from the end")
}
