package esop

import (
	"cmp"
	"slices"
	"strings"

	"github.com/esop-malang/esop/textsearch"
)

// Competence (PermenPANRB 38/2017, standar kompetensi jabatan ASN): the
// competences a position needs, gathered from the Kualifikasi Pelaksana
// of the SOPs in force whose steps it performs. An SOP states its
// qualifications for the SOP as a whole; a line that names one of its
// pelaksana ("Pengantar Kerja bersertifikat untuk penandatanganan kartu")
// is that pelaksana's only, every other line is every pelaksana's.

// Kinds of competence.
const (
	CompetenceTeknis         = "teknis"
	CompetenceManajerial     = "manajerial"
	CompetenceSosialKultural = "sosial-kultural"
)

// managerialWords are the eight managerial competences of PermenPANRB
// 38/2017, as they are written in qualifications.
var managerialWords = []string{"integritas", "kerja sama", "kerjasama", "komunikasi", "orientasi pada hasil", "pelayanan publik",
	"pengembangan diri", "mengembangkan orang lain", "mengelola perubahan", "pengambilan keputusan", "mengambil keputusan",
	"mengoordinasikan", "koordinasi", "kepemimpinan"}

// socioculturalWords mark the socio-cultural competence.
var socioculturalWords = []string{"perekat bangsa", "sosial kultural", "keberagaman", "kemajemukan"}

// CompetenceKind returns the kind of a qualification line: manajerial or
// sosial-kultural when it names one of those competences, else teknis.
func CompetenceKind(line string) string {
	f := textsearch.Fold(line)
	for _, w := range socioculturalWords {
		if strings.Contains(f, w) {
			return CompetenceSosialKultural
		}
	}
	for _, w := range managerialWords {
		if strings.Contains(f, w) {
			return CompetenceManajerial
		}
	}
	return CompetenceTeknis
}

// CompetenceSource is an SOP a competence comes from.
type CompetenceSource struct {
	SOPID int64  `json:"sop"`
	Title string `json:"sopTitle"`
	Steps []int  `json:"rows"` // the printed NO of the position's steps in it
}

// RequiredCompetence is one competence a position needs.
type RequiredCompetence struct {
	Text    string             `json:"text"` // as the first SOP writes it
	Kind    string             `json:"kind"`
	Steps   int                `json:"steps"` // how many of the position's steps depend on it
	Sources []CompetenceSource `json:"sops"`
}

// PositionCompetence is what one position needs.
type PositionCompetence struct {
	Position    string               `json:"position"`
	Name        string               `json:"name"`
	Unit        string               `json:"unit"`
	Existing    int                  `json:"existing"`
	Competences []RequiredCompetence `json:"competences"`
}

// CompetenceDemand is one competence across positions, for a training
// plan: the positions that need it and how much work depends on it.
type CompetenceDemand struct {
	Text      string   `json:"text"`
	Kind      string   `json:"kind"`
	Positions []string `json:"positions"` // keys
	Holders   int      `json:"holders"`   // definitive holders of those positions
	Steps     int      `json:"steps"`
}

// competenceKey folds a line so that case, accents and spacing do not
// make two competences of one.
func competenceKey(line string) string {
	return strings.Join(strings.Fields(textsearch.Fold(line)), " ")
}

// namesActor reports whether a qualification line (folded) is about a
// pelaksana: it starts with one of its folded names (its own, its position's).
func namesActor(line string, names ...string) bool {
	for _, n := range names {
		if n != "" && strings.HasPrefix(line, n) {
			return true
		}
	}
	return false
}

// RequiredCompetences returns the competences each of positions needs
// (in the order given; those of a position ordered by the steps that
// depend on them) and the demand of each competence across them (ordered
// by steps, then by holders).
func RequiredCompetences(sops []AnalysisSOP, positions []PositionInfo) ([]PositionCompetence, []CompetenceDemand) {
	at := make(map[string]int, len(positions))
	out := make([]PositionCompetence, len(positions))
	for i, p := range positions {
		at[p.Key] = i
		out[i] = PositionCompetence{Position: p.Key, Name: p.Name, Unit: p.UnitName, Existing: p.Existing, Competences: []RequiredCompetence{}}
	}
	posName := func(key string) string {
		if i, ok := at[key]; ok && key != "" {
			return positions[i].Name
		}
		return ""
	}
	index := make([]map[string]int, len(positions)) // competence key → index in out[i].Competences
	for si := range sops {
		s := &sops[si]
		if len(s.Doc.Qualifications) == 0 {
			continue
		}
		// The folded names of each pelaksana and its position, once per SOP.
		names := make(map[string][]string, len(s.Doc.Actors))
		for _, b := range s.Doc.Actors {
			names[b.ID] = []string{competenceKey(b.Name), competenceKey(posName(s.Positions[b.ID]))}
		}
		rows := map[string][]int{} // actor → rows it performs
		for i, st := range s.Doc.Steps {
			rows[st.Actor] = append(rows[st.Actor], i+1)
		}
		for _, a := range s.Doc.Actors {
			key := s.Positions[a.ID]
			pi, ok := at[key]
			if key == "" || !ok || s.External[a.ID] || len(rows[a.ID]) == 0 {
				continue
			}
			for _, line := range s.Doc.Qualifications {
				k := competenceKey(line)
				if k == "" {
					continue
				}
				if other := slices.ContainsFunc(s.Doc.Actors, func(b Actor) bool {
					return b.ID != a.ID && namesActor(k, names[b.ID]...)
				}); other && !namesActor(k, names[a.ID]...) {
					continue // the line is another pelaksana's
				}
				if index[pi] == nil {
					index[pi] = map[string]int{}
				}
				ci, seen := index[pi][k]
				if !seen {
					ci = len(out[pi].Competences)
					index[pi][k] = ci
					out[pi].Competences = append(out[pi].Competences, RequiredCompetence{Text: strings.TrimSpace(line), Kind: CompetenceKind(line)})
				}
				c := &out[pi].Competences[ci]
				c.Steps += len(rows[a.ID])
				if j := slices.IndexFunc(c.Sources, func(src CompetenceSource) bool { return src.SOPID == s.ID }); j >= 0 {
					c.Sources[j].Steps = append(c.Sources[j].Steps, rows[a.ID]...)
					slices.Sort(c.Sources[j].Steps)
				} else {
					c.Sources = append(c.Sources, CompetenceSource{SOPID: s.ID, Title: s.Title, Steps: slices.Clone(rows[a.ID])})
				}
			}
		}
	}
	demand := map[string]*CompetenceDemand{}
	var order []string
	for i := range out {
		p := &out[i]
		slices.SortStableFunc(p.Competences, func(a, b RequiredCompetence) int {
			return cmp.Or(cmp.Compare(b.Steps, a.Steps), cmp.Compare(a.Text, b.Text))
		})
		for _, c := range p.Competences {
			k := competenceKey(c.Text)
			d := demand[k]
			if d == nil {
				d = &CompetenceDemand{Text: c.Text, Kind: c.Kind}
				demand[k] = d
				order = append(order, k)
			}
			d.Positions = append(d.Positions, p.Position)
			d.Holders += p.Existing
			d.Steps += c.Steps
		}
	}
	list := make([]CompetenceDemand, 0, len(order))
	for _, k := range order {
		list = append(list, *demand[k])
	}
	slices.SortStableFunc(list, func(a, b CompetenceDemand) int {
		return cmp.Or(cmp.Compare(b.Steps, a.Steps), cmp.Compare(b.Holders, a.Holders), cmp.Compare(a.Text, b.Text))
	})
	return out, list
}
