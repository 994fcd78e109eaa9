package book

import (
	"cmp"
	"slices"
	"strings"

	"github.com/esop-malang/esop"
)

// basis is the legal basis of every decision setting SOPs of a regional
// government: public service, regional government, government
// administration, and the two regulations on SOPs (Permendagri 52/2011
// for regional governments, Permenpan RB 35/2012 for every agency). The
// register, when it holds them, gives their titles and amendments.
var basis = []esop.LegalRef{
	{Kind: "UU", Number: "25", Year: 2009, Title: "Pelayanan Publik"},
	{Kind: "UU", Number: "23", Year: 2014, Title: "Pemerintahan Daerah"},
	{Kind: "UU", Number: "30", Year: 2014, Title: "Administrasi Pemerintahan"},
	{Kind: "Permen", Number: "52", Year: 2011, Issuer: "Menteri Dalam Negeri",
		Title: "Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota"},
	{Kind: "Permen", Number: "35", Year: 2012, Issuer: "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
		Title: "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"},
}

// regional are the kinds of regulation a region makes.
var regional = []string{"Perda", "Pergub", "Perbup", "Perwali", "Kepwali"}

// LegalBasis returns the Mengingat of the decision setting the SOPs of
// docs, in the order of the hierarchy of legislation (esop.LegalLevel), each in full and
// ending in a semicolon: the basis of every SOP decision of a region; the
// regional regulations any of the SOPs cites (the region's organisation
// and the agency's duties); and what every one of the SOPs cites. The
// register (regs) completes a citation: the title and issuer it leaves
// out, and the regulation that amended it, cited in full ("… sebagaimana
// telah diubah dengan Undang-Undang Nomor 9 Tahun 2015 tentang …"); a
// revoked regulation is not cited. Each is written by esop.LegalRef.Cite.
func LegalBasis(docs []*esop.Document, regs []*esop.Regulation, government string) []string {
	register := map[string]*esop.Regulation{}
	for _, r := range regs {
		register[r.Key()] = r
	}
	type cite struct {
		ref  esop.LegalRef // structured when it can be
		text string
	}
	var cites []cite
	seen := map[string]bool{}
	add := func(ref esop.LegalRef) {
		s := ref.Structured()
		k := s.Key()
		if seen[k] {
			return
		}
		reg := register[k]
		if reg != nil && reg.Status == esop.RegulationRevoked {
			return
		}
		seen[k] = true
		text := citation(ref, reg, government)
		if reg != nil && reg.Status == esop.RegulationAmended && reg.ChangedBy != "" && !strings.Contains(text, "diubah") {
			text += amendedBy(amendment(reg.ChangedBy, register, government))
		}
		cites = append(cites, cite{s, text})
	}
	for _, b := range basis {
		add(b)
	}
	count := map[string]int{}
	var refs []esop.LegalRef
	for _, d := range docs {
		mine := map[string]bool{}
		for _, r := range d.LegalBasis {
			if k := r.Structured().Key(); !mine[k] {
				mine[k] = true
				count[k]++
				refs = append(refs, r)
			}
		}
	}
	for _, r := range refs {
		s := r.Structured()
		if slices.Contains(regional, esop.LegalKind(s.Kind)) || len(docs) > 1 && count[s.Key()] == len(docs) {
			add(r)
		}
	}
	slices.SortStableFunc(cites, func(a, b cite) int {
		return cmp.Or(cmp.Compare(esop.LegalLevel(a.ref), esop.LegalLevel(b.ref)), cmp.Compare(a.ref.Year, b.ref.Year), naturalCompare(a.ref.Number, b.ref.Number))
	})
	out := make([]string, len(cites))
	for i, c := range cites {
		out[i] = strings.TrimRight(c.text, ".;, ") + ";"
	}
	return out
}

// citation writes a reference in full: as the SOP wrote it when it wrote
// it out ("… tentang …"); else from its parts, completed by the register
// (reg, nil when it has none) with the title and issuer the reference
// leaves out.
func citation(r esop.LegalRef, reg *esop.Regulation, government string) string {
	if r.Text != "" && strings.Contains(strings.ToLower(r.Text), "tentang") {
		return r.Cite(government)
	}
	s := r.Structured()
	if s.Text == "" && reg != nil {
		s.Title = cmp.Or(s.Title, reg.Title)
		s.Issuer = cmp.Or(s.Issuer, reg.Issuer)
	}
	return s.Cite(government)
}

var shortRef = esop.LazyRegexp(`^(\S+(?:\s+RB)?)\s+(\S+)/(\d{4})$`)

// amendment cites the regulation that amended another, as the register
// names it ("UU 9/2015", "Permenpan RB 35/2012", or written out): in full
// from the register when it is registered, else from its parts, else as
// given.
// amendedBy returns the words that cite the regulation that amended
// another, cited as by: "sebagaimana telah diubah dengan …", or, when it
// is a second or later amendment ("Perubahan Kedua atas …"), "sebagaimana
// telah beberapa kali diubah terakhir dengan …", as legislation cites a
// regulation amended more than once.
func amendedBy(by string) string {
	lower := strings.ToLower(by)
	for _, n := range []string{"kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan", "kesepuluh"} {
		if strings.Contains(lower, "perubahan "+n+" atas") {
			return " sebagaimana telah beberapa kali diubah terakhir dengan " + by
		}
	}
	return " sebagaimana telah diubah dengan " + by
}

func amendment(changedBy string, register map[string]*esop.Regulation, government string) string {
	ref := esop.LegalRef{Text: strings.TrimSpace(changedBy)}
	if m := shortRef().FindStringSubmatch(ref.Text); m != nil {
		ref.Text = m[1] + " Nomor " + m[2] + " Tahun " + m[3]
	}
	s := ref.Structured()
	if s.Text != "" {
		return strings.TrimSpace(changedBy)
	}
	return citation(s, register[s.Key()], government)
}
