package stream

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzStringDecoder checks the property Node's StringDecoder has and
// streams rely on: however the bytes are cut into chunks, the strings the
// decoder returns join (as JavaScript joins strings) into what one End of
// all the bytes returns, which is in turn buf.toString(enc). It also checks
// that every output is in the package's normal form, that the decoded
// string encodes back to the bytes where the encoding allows it, and that
// utf16Cut and utf16Len agree on the result.
//
// data is the byte string; each byte of cuts is the length of the next
// chunk modulo 8 (so empty writes happen too), and whatever is left after
// the cuts is the last chunk. An odd number of cuts hands the last chunk to
// End instead of Write.
func FuzzStringDecoder(f *testing.F) {
	f.Add([]byte("hello, world"), []byte{3, 4})
	f.Add([]byte("a\xE2\x82\xACb\xF0\x9F\x98\x80c"), []byte{2, 1, 1, 3})
	f.Add([]byte("\xE2\x82\x41\xF0\x9F\x41\xED\xA0\x80\xC0\x80\xF5\xFF\x80"), []byte{1, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Add([]byte{0x3D, 0xD8, 0x00, 0xDE, 0x00, 0xD8, 0x41}, []byte{3, 1, 2})
	f.Add([]byte{0x00, 0xDC, 0x00, 0xD8, 0x00, 0xD8, 0x00}, []byte{1, 0, 2, 5})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, []byte{1, 2, 4})
	f.Fuzz(func(t *testing.T, data, cuts []byte) {
		var chunks [][]byte
		rest := data
		for _, c := range cuts {
			n := min(int(c%8), len(rest))
			chunks = append(chunks, rest[:n])
			rest = rest[n:]
		}
		chunks = append(chunks, rest)
		endWithLast := len(cuts)%2 == 1

		for id := range encodingNames {
			enc := encodingID(id)
			want := decodeBytes(data, enc)
			requireNormal(t, enc, want)

			whole := &StringDecoder{enc: enc}
			if got := whole.End(data); got != want {
				t.Fatalf("%v: End(%x) = %q, toString gives %q", enc, data, got, want)
			}
			// After End the decoder is as new.
			if got := whole.End(data); got != want {
				t.Fatalf("%v: second End(%x) = %q, want %q", enc, data, got, want)
			}

			d := &StringDecoder{enc: enc}
			var joined string
			for i, c := range chunks {
				var out string
				if i == len(chunks)-1 && endWithLast {
					out = d.End(c)
				} else {
					out = d.Write(c)
				}
				requireNormal(t, enc, out)
				joined = utf16Concat(joined, out)
			}
			if !endWithLast {
				out := d.End(nil)
				requireNormal(t, enc, out)
				joined = utf16Concat(joined, out)
			}
			if joined != want {
				t.Fatalf("%v: chunks %x give %q, whole gives %q", enc, chunks, joined, want)
			}

			// Back to bytes.
			var back []byte
			switch enc {
			case encHex, encBase64, encBase64URL, encLatin1:
				back = data
			case encUTF16LE:
				back = data[:len(data)&^1]
			case encASCII:
				back = make([]byte, len(data))
				for i, c := range data {
					back[i] = c & 0x7F
				}
			case encUTF8:
				if utf8.Valid(data) {
					back = data
				} else {
					back = []byte(want) // U+FFFD and all
				}
			}
			if got := encodeString(want, enc); !bytes.Equal(got, back) {
				t.Fatalf("%v: %x decodes to %q, which encodes to %x, want %x", enc, data, want, got, back)
			}

			// Cutting the result anywhere and joining it again.
			l := utf16Len(want)
			if l != len(jsUnits(want)) {
				t.Fatalf("%v: utf16Len(%q) = %d, want %d", enc, want, l, len(jsUnits(want)))
			}
			for _, c := range cuts {
				n := int(c) % (l + 2)
				head, tail := utf16Cut(want, n)
				if utf16Len(head) != min(n, l) || utf16Concat(head, tail) != want {
					t.Fatalf("%v: utf16Cut(%q, %d) = %q, %q", enc, want, n, head, tail)
				}
			}
		}
	})
}

// requireNormal fails unless s is in the package's form of a JavaScript
// string: UTF-8 with lone surrogates as WTF-8 and no pair split in two.
func requireNormal(t *testing.T, enc encodingID, s string) {
	t.Helper()
	if jsString(jsUnits(s)) != s {
		t.Fatalf("%v: output %q is not in normal form", enc, s)
	}
}
