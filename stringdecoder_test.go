package stream

import (
	"encoding/json"
	"fmt"
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
