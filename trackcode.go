package esop

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
)

// TrackingCodeLength is the number of characters of a case's tracking
// code: nine random characters and a check character.
const TrackingCodeLength = 10

// trackingAlphabet is Crockford's base 32: digits and capital letters
// without I, L, O and U, which are read or typed for other characters.
const trackingAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewTrackingCode returns a new tracking code for a case: nine characters
// of Crockford's base 32 drawn from crypto/rand (45 bits, about 3.5 × 10¹³
// codes, so codes can be neither guessed nor counted) and a check
// character. Codes are not unique by construction: the store keeps them
// unique and draws again on the rare collision.
//
// The check character is the weighted sum of the nine others in the
// field GF(32) (polynomial x⁵ + x² + 1, weights the powers of its
// generator), written with the same 32 characters. Unlike Crockford's
// mod-37 check it needs no extra symbols (*~$=U), and it detects every
// single wrong character and every swap of two neighbouring characters.
func NewTrackingCode() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand, Go ≥ 1.24)
	return trackingCodeOf(binary.BigEndian.Uint64(b[:]))
}

// trackingCodeOf writes the low 45 bits of n as a tracking code.
func trackingCodeOf(n uint64) string {
	var b [TrackingCodeLength]byte
	var sum byte
	for i := range TrackingCodeLength - 1 {
		v := byte(n>>(5*(8-i))) & 31
		b[i] = trackingAlphabet[v]
		sum = gf32Alpha(sum) ^ v
	}
	b[TrackingCodeLength-1] = trackingAlphabet[gf32Alpha(sum)]
	return string(b[:])
}

// gf32Alpha multiplies v by the generator α of GF(32) = GF(2)[x]/(x⁵+x²+1).
func gf32Alpha(v byte) byte {
	v <<= 1
	if v&32 != 0 {
		v ^= 0b100101
	}
	return v
}

// ParseTrackingCode returns the canonical form of a tracking code typed
// by a person: case is ignored, hyphens and spaces are dropped, and, as
// Crockford's base 32 reads them, O is 0 and I and L are 1. It returns
// EINVALID when the code has not ten characters, holds a character
// outside the alphabet, or its check character does not match (a typing
// error).
func ParseTrackingCode(s string) (string, error) {
	code := strings.Map(normaliseTrackingRune, s)
	if len(code) != TrackingCodeLength {
		return "", Errorf(EINVALID, "kode pelacakan terdiri atas %d karakter", "a tracking code has %d characters", TrackingCodeLength)
	}
	var sum byte
	for _, r := range code {
		v := strings.IndexRune(trackingAlphabet, r)
		if v < 0 {
			return "", Errorf(EINVALID, "karakter %q tidak dipakai dalam kode pelacakan", "%q is not used in tracking codes", r)
		}
		sum = gf32Alpha(sum) ^ byte(v)
	}
	if sum != 0 {
		return "", Errorf(EINVALID, "kode pelacakan salah: periksa kembali setiap karakternya", "wrong tracking code: check each character")
	}
	return code, nil
}

// normaliseTrackingRune maps a typed character to its canonical form, or
// drops it (-1) when it only separates groups.
func normaliseTrackingRune(r rune) rune {
	switch r {
	case '-', ' ', '\t':
		return -1
	case 'o', 'O':
		return '0'
	case 'i', 'I', 'l', 'L':
		return '1'
	}
	if r >= 'a' && r <= 'z' {
		return r - 'a' + 'A'
	}
	return r
}

// FormatTrackingCode returns a canonical code in two groups of five for
// printing ("7KQ2M-XD4TE"); anything else is returned as given.
func FormatTrackingCode(code string) string {
	if len(code) != TrackingCodeLength {
		return code
	}
	return code[:5] + "-" + code[5:]
}
