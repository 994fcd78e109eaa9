package book

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// basis is the legal basis of every decision setting SOPs of a regional
// government: public service, regional government, government
// administration, and the two regulations on SOPs (Permendagri 52/2011
// for regional governments, Permenpan RB 35/2012 for every agency). Their
// issuers are named in full, which a structured reference cannot do.
var basis = []struct {
	ref  esop.LegalRef
	text string
}{
	{esop.LegalRef{Kind: "UU", Number: "25", Year: 2009}, "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"},
	{esop.LegalRef{Kind: "UU", Number: "23", Year: 2014}, "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"},
	{esop.LegalRef{Kind: "UU", Number: "30", Year: 2014}, "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan"},
	{esop.LegalRef{Kind: "Permen", Number: "52", Year: 2011},
		"Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota"},
	{esop.LegalRef{Kind: "Permen", Number: "35", Year: 2012},
		"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"},
}

// hierarchy is the order of regulations in Mengingat: the order of the
// hierarchy of legislation (UU 12/2011), then the rest.
var hierarchy = []string{"UUD", "Perppu", "UU", "PP", "Perpres", "Keppres", "Inpres", "Permen", "Kepmen", "Perka", "Perban",
	"Perda", "Pergub", "Perbup", "Perwali", "Kepwali", "SE"}

// regional are the kinds of regulation a region makes, named with the region.
var regional = map[string]string{"Perda": "Peraturan Daerah", "Pergub": "Peraturan Gubernur", "Perbup": "Peraturan Bupati",
	"Perwali": "Peraturan Wali Kota", "Kepwali": "Keputusan Wali Kota"}

// LegalBasis returns the Mengingat of the decision setting the SOPs of
// docs, in the order of the hierarchy of legislation, each in full and
// ending in a semicolon: the basis of every SOP decision of a region; the
// regional regulations any of the SOPs cites (the region's organisation
// and the agency's duties); and what every one of the SOPs cites. The
// register (regs) gives titles that a citation leaves out and the
// amendments of a regulation; a revoked regulation is not cited.
func LegalBasis(docs []*esop.Document, regs []*esop.Regulation, government string) []string {
	register := map[string]*esop.Regulation{}
	for _, r := range regs {
		register[r.Key()] = r
	}
	type cite struct {
		ref  esop.LegalRef
		text string
	}
	var cites []cite
	seen := map[string]bool{}
	add := func(ref esop.LegalRef, text string) {
		k := ref.Key()
		if seen[k] {
			return
		}
		if r := register[k]; r != nil && r.Status == esop.RegulationRevoked {
			return
		}
		seen[k] = true
		cites = append(cites, cite{ref, text})
	}
	for _, b := range basis {
		add(b.ref, b.text)
	}
	count := map[string]int{}
	var refs []esop.LegalRef
	for _, d := range docs {
		mine := map[string]bool{}
		for _, r := range d.LegalBasis {
			s := r.Structured()
			if k := s.Key(); !mine[k] {
				mine[k] = true
				count[k]++
				refs = append(refs, r)
			}
		}
	}
	for _, r := range refs {
		s := r.Structured()
		_, local := regional[kindAbbr(s.Kind)]
		if local || len(docs) > 1 && count[s.Key()] == len(docs) {
			add(s, citation(r, register[s.Key()], government))
		}
	}
	slices.SortStableFunc(cites, func(a, b cite) int {
		return cmp.Or(cmp.Compare(level(a.ref), level(b.ref)), cmp.Compare(a.ref.Year, b.ref.Year), naturalCompare(a.ref.Number, b.ref.Number))
	})
	out := make([]string, len(cites))
	for i, c := range cites {
		text := c.text
		if r := register[c.ref.Key()]; r != nil && r.Status == esop.RegulationAmended && r.ChangedBy != "" && !strings.Contains(text, "diubah") {
			text += " sebagaimana telah diubah dengan " + spellOut(r.ChangedBy, government)
		}
		out[i] = strings.TrimRight(text, ".;, ") + ";"
	}
	return out
}

// level is the place of a reference's kind in the hierarchy; free text last.
func level(r esop.LegalRef) int {
	if i := slices.Index(hierarchy, kindAbbr(r.Kind)); i >= 0 {
		return i
	}
	return len(hierarchy)
}

func kindAbbr(kind string) string {
	for _, k := range hierarchy {
		if strings.EqualFold(k, kind) {
			return k
		}
	}
	return kind
}

// citation writes a reference in full: as the SOP wrote it when it wrote
// it out, else from its parts and the register's title, a regional
// regulation with the region's name.
func citation(r esop.LegalRef, reg *esop.Regulation, government string) string {
	if r.Text != "" && strings.Contains(strings.ToLower(r.Text), "tentang") {
		return r.Text
	}
	s := r.Structured()
	if s.Text != "" {
		return s.Text
	}
	title := s.Title
	if title == "" && reg != nil {
		title = reg.Title
	}
	text := kindName(s.Kind, government) + " Nomor " + s.Number + " Tahun " + strconv.Itoa(s.Year)
	if title != "" {
		text += " tentang " + title
	}
	return text
}

// kindName names a kind of regulation, a regional one with its region:
// Peraturan Wali Kota Malang, Peraturan Daerah Kota Malang.
func kindName(kind, government string) string {
	name, ok := regional[kindAbbr(kind)]
	if !ok {
		return esop.KindName(kind)
	}
	reg := strings.TrimSpace(strings.TrimPrefix(government, "Pemerintah"))
	if reg == "" {
		return name
	}
	if name == "Peraturan Daerah" {
		return name + " " + reg // Peraturan Daerah Kota Malang
	}
	for _, p := range []string{"Kota ", "Kabupaten ", "Provinsi "} {
		reg = strings.TrimPrefix(reg, p)
	}
	return name + " " + reg // Peraturan Wali Kota Malang
}

var shortRef = regexp.MustCompile(`^(\S+)\s+(\S+)/(\d{4})$`)

// spellOut writes a short reference of the register, "UU 9/2015", in
// full: Undang-Undang Nomor 9 Tahun 2015. Anything else is kept as it is.
func spellOut(s, government string) string {
	m := shortRef.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return s
	}
	kind := esop.LegalRef{Text: m[1] + " Nomor " + m[2] + " Tahun " + m[3]}.Structured().Kind
	if kind == "" {
		return s
	}
	return kindName(kind, government) + " Nomor " + m[2] + " Tahun " + m[3]
}
