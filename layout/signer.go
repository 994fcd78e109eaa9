package layout

import (
	"strings"

	"github.com/esop-malang/esop"
)

// StripCapacity returns position without the signing capacity it may
// begin with and the capacity that prefix names, or "" when it has none:
// esop.SplitCapacity, which the validator uses too.
func StripCapacity(position string) (capacity, rest string) { return esop.SplitCapacity(position) }

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
