package esop_test

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

const crockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

func TestNewTrackingCode(t *testing.T) {
	seen := map[string]bool{}
	for range 5000 {
		c := esop.NewTrackingCode()
		if len(c) != esop.TrackingCodeLength || strings.Trim(c, crockfordAlphabet) != "" {
			t.Fatalf("code %q", c)
		}
		if got, err := esop.ParseTrackingCode(c); err != nil || got != c {
			t.Fatalf("ParseTrackingCode(%q) = %q, %v", c, got, err)
		}
		if seen[c] {
			t.Fatalf("code %q drawn twice in 5000", c)
		}
		seen[c] = true
	}
	// Every character of the crockfordAlphabet appears in every random position.
	for i := range esop.TrackingCodeLength - 1 {
		used := map[byte]bool{}
		for c := range seen {
			used[c[i]] = true
		}
		if len(used) != 32 {
			t.Errorf("position %d uses %d characters", i, len(used))
		}
	}
}

// TestTrackingCodeDetectsErrors changes every character of many codes to
// every other character, and swaps every two neighbouring characters:
// the check character rejects each.
func TestTrackingCodeDetectsErrors(t *testing.T) {
	for range 200 {
		code := esop.NewTrackingCode()
		for i := range code {
			for _, r := range crockfordAlphabet {
				if byte(r) == code[i] {
					continue
				}
				typo := code[:i] + string(r) + code[i+1:]
				if _, err := esop.ParseTrackingCode(typo); esop.ErrorCode(err) != esop.EINVALID {
					t.Fatalf("%s → %s accepted", code, typo)
				}
			}
			if i+1 < len(code) && code[i] != code[i+1] {
				swap := code[:i] + code[i+1:i+2] + code[i:i+1] + code[i+2:]
				if _, err := esop.ParseTrackingCode(swap); err == nil {
					t.Fatalf("%s → %s (swap) accepted", code, swap)
				}
			}
		}
	}
}

func TestParseTrackingCode(t *testing.T) {
	code := esop.NewTrackingCode()
	typed := strings.ToLower(esop.FormatTrackingCode(code))
	if got, err := esop.ParseTrackingCode(" " + typed + " "); err != nil || got != code {
		t.Errorf("ParseTrackingCode(%q) = %q, %v; want %q", typed, got, err, code)
	}
	// O, I and L are read as 0, 1 and 1.
	for _, c := range []string{code, esop.NewTrackingCode(), esop.NewTrackingCode()} {
		misread := strings.NewReplacer("0", "O", "1", "l").Replace(c)
		if got, err := esop.ParseTrackingCode(misread); err != nil || got != c {
			t.Errorf("ParseTrackingCode(%q) = %q, %v; want %q", misread, got, err, c)
		}
	}
	for _, bad := range []string{"", "ABC", code + "0", code[:9], code[:9] + "U", "ÄBCDEFGHJK", code[:4] + "*" + code[5:]} {
		got, err := esop.ParseTrackingCode(bad)
		if esop.ErrorCode(err) != esop.EINVALID || got != "" {
			t.Errorf("ParseTrackingCode(%q) = %q, %v", bad, got, err)
		}
	}
	if got := esop.FormatTrackingCode("ABC"); got != "ABC" {
		t.Errorf("FormatTrackingCode(ABC) = %q", got)
	}
}

func FuzzParseTrackingCode(f *testing.F) {
	f.Add(esop.NewTrackingCode())
	f.Add("7kq2m-xd4te")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := esop.ParseTrackingCode(s)
		if err != nil {
			if esop.ErrorCode(err) != esop.EINVALID || got != "" {
				t.Fatalf("ParseTrackingCode(%q) = %q, %v", s, got, err)
			}
			return
		}
		if len(got) != esop.TrackingCodeLength || strings.Trim(got, crockfordAlphabet) != "" {
			t.Fatalf("ParseTrackingCode(%q) = %q", s, got)
		}
		if again, err := esop.ParseTrackingCode(got); err != nil || again != got {
			t.Fatalf("canonical %q parses as %q, %v", got, again, err)
		}
	})
}

func TestDocumentedTrackingCode(t *testing.T) {
	// The example of docs/decisions.md is a valid code.
	if got, err := esop.ParseTrackingCode("7kq2m-xd4te"); err != nil || got != "7KQ2MXD4TE" {
		t.Errorf("ParseTrackingCode = %q, %v", got, err)
	}
}
