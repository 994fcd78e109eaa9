package esop

import (
	"slices"
	"strconv"
	"strings"
)

// legalKinds is the order in which regulations are cited (Dasar Hukum,
// Mengingat): the hierarchy of legislation of UU 12/2011 (UUD, UU and
// Perppu, PP, Perpres, then the ministers' and agencies' regulations, the
// regions' Perda and the heads of regions' regulations), the decisions
// and circulars of each level after its regulations; with the tier of
// each, kinds of one tier standing in either order (a UU beside a Perppu,
// a Permen beside a Kepmen).
var legalKinds = []legalKindTier{
	{"UUD", 0}, {"Perppu", 1}, {"UU", 1}, {"PP", 2}, {"Perpres", 3}, {"Keppres", 3}, {"Inpres", 3},
	{"Permen", 4}, {"Kepmen", 4}, {"Perka", 4}, {"Perban", 4}, {"Perda", 5}, {"Pergub", 6},
	{"Perbup", 7}, {"Perwali", 7}, {"Kepwali", 7}, {"SE", 8},
}

// legalIndex returns the place of kind in legalKinds, case aside, or -1.
func legalIndex(kind string) int {
	return slices.IndexFunc(legalKinds, func(k legalKindTier) bool { return strings.EqualFold(k.kind, kind) })
}

type legalKindTier struct {
	kind string
	tier int
}

// LegalKind returns kind as legalKinds writes it ("uu" → "UU"), or
// kind unchanged when the order does not hold it.
func LegalKind(kind string) string {
	if i := legalIndex(kind); i >= 0 {
		return legalKinds[i].kind
	}
	return kind
}

// LegalLevel returns the place of r's kind in the order of citation
// (legalKinds), a text reference parsed first (Structured); past the
// last for a kind the order does not hold or a text that cannot be
// parsed: those come last.
func LegalLevel(r LegalRef) int {
	if i := legalIndex(r.Structured().Kind); i >= 0 {
		return i
	}
	return len(legalKinds)
}

// legalOrderWarnings warns about the legal basis where it reads wrongly
// to a reviewer, though every entry is valid (the Biro Organisasi's
// reviewers of session 12 marked five of the samples so): an entry of a
// higher level of the hierarchy after one of a lower level ("UU 25/2009
// after a Permenaker"); the same regulation twice; an amending regulation
// listed on its own after an entry that cites it already ("UU 15/1997 …
// sebagaimana telah diubah dengan UU 29/2009", then UU 29/2009).
func (v *validator) legalOrderWarnings() {
	refs := v.d.LegalBasis
	seen := map[string]int{}
	lowest, lowestAt := -1, -1 // the lowest level so far, and where
	for i, r := range refs {
		path := index("legalBasis", i)
		s := r.Structured()
		name := legalShort(s)
		if j, ok := seen[r.Key()]; ok {
			v.c.warnf(path, "legal_duplicate", "%s sudah tercantum sebagai dasar hukum nomor %d", "%s is already listed as legal basis number %d",
				name, j+1)
			continue
		}
		seen[r.Key()] = i
		if j := amendedIn(refs, i); j >= 0 {
			v.c.warnf(path, "legal_duplicate", "%s sudah disebut dalam dasar hukum nomor %d (\"sebagaimana telah diubah dengan …\")",
				"%s is already cited in legal basis number %d (\"as amended by …\")", name, j+1)
		}
		k := legalIndex(s.Kind)
		if k < 0 { // a kind the hierarchy does not hold, or a text not parsed
			continue
		}
		tier := legalKinds[k].tier
		if lowest > tier {
			v.c.warnf(path, "legal_order", "dasar hukum tidak urut hierarki: %s tercantum sesudah %s (nomor %d); urutkan dari peraturan yang lebih tinggi (UU 12/2011)",
				"legal basis out of the order of the hierarchy of legislation: %s is listed after %s (number %d); list the higher regulations first (UU 12/2011)",
				name, legalShort(refs[lowestAt].Structured()), lowestAt+1)
			continue
		}
		if tier > lowest {
			lowest, lowestAt = tier, i
		}
	}
}

// legalShort names a structured reference briefly: "UU 25/2009",
// "Kepmen KEP.16/MEN/2001"; a text reference by its text.
func legalShort(s LegalRef) string {
	if s.Text != "" {
		return s.Text
	}
	if NumberCarriesYear(s.Number, s.Year) {
		return LegalKind(s.Kind) + " " + s.Number
	}
	return LegalKind(s.Kind) + " " + s.Number + "/" + strconv.Itoa(s.Year)
}

// amendedIn returns the index of another entry of refs whose own title
// says it was amended by refs[i] ("… tentang Ketransmigrasian sebagaimana
// telah diubah dengan Undang-Undang Nomor 29 Tahun 2009"), or -1. An
// amendment named in the title of another regulation ("Pelaksanaan
// Undang-Undang Nomor 15 Tahun 1997 … sebagaimana telah diubah dengan …",
// the PP carrying out the UU) does not count: there the clause follows
// another regulation's number.
func amendedIn(refs []LegalRef, i int) int {
	key := refs[i].Key()
	for j, r := range refs {
		if j == i {
			continue
		}
		title := strings.ToLower(strings.Join(strings.Fields(r.Structured().Title), " "))
		at := strings.Index(title, "diubah")
		if at < 0 || strings.Contains(title[:at], "nomor ") {
			continue
		}
		for _, m := range amendmentPattern().FindAllStringSubmatch(title[at:], -1) {
			if (LegalRef{Text: m[1]}).Key() == key {
				return j
			}
		}
	}
	return -1
}

var amendmentPattern = LazyRegexp(`(?i)dengan\s+((?:undang-undang|peraturan|keputusan|instruksi)[^,;]*?\s+nomor\s+\S+\s+tahun\s+\d{4})`)
