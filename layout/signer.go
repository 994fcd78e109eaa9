package layout

import (
	"strings"

	"github.com/esop-malang/esop"
)

// StripCapacity returns position without the signing capacity it may
// begin with (Plt., Plh., a.n., atas nama; in any case, with or without
// dots or spaces between the letters, repeated or not) and the capacity
// the first such prefix names (esop.CapacityPlt, CapacityPlh,
// CapacityAn), or "" when it has none. It does not touch a position that
// merely starts with the same letters (Analis, Plhs…).
func StripCapacity(position string) (capacity, rest string) {
	rest = strings.TrimSpace(position)
	for {
		c, n := capacityPrefix(rest)
		if n == 0 {
			return capacity, rest
		}
		if capacity == "" {
			capacity = c
		}
		rest = strings.TrimSpace(rest[n:])
	}
}

// capacityPrefix returns the capacity named at the start of s and the
// length of its prefix, dots and spaces after it included; 0 when s
// starts with none.
func capacityPrefix(s string) (string, int) {
	if len(s) >= 10 && strings.EqualFold(s[:9], "atas nama") && s[9] == ' ' {
		return esop.CapacityAn, 10
	}
	for _, c := range []struct {
		letters, capacity string
	}{{"plt", esop.CapacityPlt}, {"plh", esop.CapacityPlh}, {"an", esop.CapacityAn}} {
		if n := lettersPrefix(s, c.letters); n > 0 {
			return c.capacity, n
		}
	}
	return "", 0
}

// lettersPrefix returns the length of the prefix of s that spells
// letters, in any case, with dots and spaces between and after them, when
// it ends the word: followed by a dot, a space or nothing. It returns 0
// otherwise.
func lettersPrefix(s, letters string) int {
	i := 0
	for k := 0; k < len(letters); k++ {
		if k > 0 {
			for i < len(s) && (s[i] == '.' || s[i] == ' ') {
				i++
			}
		}
		if i >= len(s) || s[i]|0x20 != letters[k] {
			return 0
		}
		i++
	}
	if i < len(s) && s[i] != '.' && s[i] != ' ' {
		return 0 // Analis, Plhx: a longer word
	}
	for i < len(s) && (s[i] == '.' || s[i] == ' ') {
		i++
	}
	return i
}

// capacityMark returns how a capacity is printed before a position.
func capacityMark(capacity string) string {
	switch capacity {
	case esop.CapacityPlt:
		return "Plt. "
	case esop.CapacityPlh:
		return "Plh. "
	case esop.CapacityAn:
		return "a.n. "
	}
	return ""
}

// SignerPosition returns the lines that name the signer's position in a
// signature block, in capitals, the capacity printed exactly once: "Plt.
// KEPALA DINAS …" for a Plt or Plh; for a.n., "a.n. KEPALA …" naming the
// head the signer signs for (head, the whole position: "Kepala Dinas
// Ketenagakerjaan dan Transmigrasi Kota Malang"), then the signer's own
// position. The capacity is the approval's; a definitive approval whose
// position carries a prefix keeps that prefix, printed once.
func SignerPosition(a *esop.Approval, head string) []string {
	prefixed, pos := StripCapacity(a.Position)
	capacity := a.CapacityOrDefault()
	if capacity == esop.CapacityDefinitif && prefixed != "" {
		capacity = prefixed
	}
	pos = strings.ToUpper(pos)
	if capacity != esop.CapacityAn {
		return []string{capacityMark(capacity) + pos}
	}
	_, head = StripCapacity(head)
	head = strings.ToUpper(head)
	if head == "" || head == pos {
		return []string{"a.n. " + pos}
	}
	if pos == "" {
		return []string{"a.n. " + head}
	}
	return []string{"a.n. " + head, pos}
}

// HeadOfAgency returns the position of the head of an agency as the
// a.n. line names it: "Kepala " and the agency with its region, taken
// from the government ("Pemerintah Kota Malang" gives "Kota Malang") when
// the agency's name does not already end with it.
func HeadOfAgency(agency, government string) string {
	return "Kepala " + AgencyWithRegion(agency, government)
}

// AgencyWithRegion returns the agency with its region, "Dinas
// Ketenagakerjaan dan Transmigrasi Kota Malang", as decisions and
// signature blocks name it.
func AgencyWithRegion(agency, government string) string {
	agency = strings.TrimSpace(agency)
	reg := Region(government)
	if reg == "" || strings.HasSuffix(strings.ToLower(agency), strings.ToLower(reg)) {
		return agency
	}
	return agency + " " + reg
}

// Region returns the region of a government, "Kota Malang" for
// "Pemerintah Kota Malang".
func Region(government string) string {
	g := strings.TrimSpace(government)
	if len(g) >= 10 && strings.EqualFold(g[:10], "pemerintah") {
		g = g[10:]
	}
	return strings.TrimSpace(g)
}
