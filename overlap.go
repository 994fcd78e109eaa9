package esop

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/esop-malang/esop/textsearch"
)

// Overlap of duties (tumpang tindih). PermenPANRB 19/2018 (Peta Proses
// Bisnis) wants duplicated work and unclear responsibility found but
// gives no method; what can be computed from the SOPs in force:
//
//   - action: the same action on the same object — the activity's verb
//     and the first two words of its object after Indonesian stemming
//     ("Memeriksa kelengkapan berkas" and "Memeriksa kelengkapan
//     berkas-berkas" alike) — performed in different SOPs by different
//     positions;
//   - output: the same output (stemmed words) produced in different SOPs
//     by different positions;
//   - duplicate: two SOPs whose actions are nearly the same set (Jaccard
//     similarity of their action keys at least DuplicateSimilarity);
//   - segregation: one position that prepares an output and later
//     approves (signs, paraf, verifies, sets) the same output in one SOP.
//
// A finding's id is a hash of its kind and its steps, so a dismissal
// (with its reason) holds for as long as the finding names the same steps.

// Kinds of finding.
const (
	OverlapAction      = "action"
	OverlapOutput      = "output"
	OverlapDuplicate   = "duplicate"
	OverlapSegregation = "segregation"
)

// OverlapKinds lists the kinds of finding.
var OverlapKinds = []string{OverlapAction, OverlapOutput, OverlapDuplicate, OverlapSegregation}

// DuplicateSimilarity is the Jaccard similarity of two SOPs' action sets
// from which they are reported as near duplicates.
const DuplicateSimilarity = 0.7

// maxPosting is how many SOPs may share an action key before it stops
// counting for near duplicates: a key in every SOP ("menerima berkas")
// says nothing of likeness and would make the comparison quadratic.
const maxPosting = 50

// FindingStep is one step a finding names.
type FindingStep struct {
	SOPID    int64  `json:"sop"`
	SOPTitle string `json:"sopTitle"`
	Step     string `json:"step"`
	Row      int    `json:"row"`
	Activity string `json:"activity"`
	Output   string `json:"output,omitempty"`
	UnitID   int64  `json:"-"`
	Unit     string `json:"unit"`     // the unit of the position, else of the SOP
	Position string `json:"position"` // the position's key, else the pelaksana's name
	Name     string `json:"positionName"`
}

// Finding is one overlap.
type Finding struct {
	ID         string        `json:"id"`
	Kind       string        `json:"kind"`
	Key        string        `json:"key"` // the stemmed action or output; the two SOPs' ids for a duplicate
	Steps      []FindingStep `json:"steps"`
	Similarity float64       `json:"similarity,omitempty"` // a duplicate's
	Dismissed  bool          `json:"dismissed"`
	Reason     string        `json:"reason"` // why it was dismissed; "" while open
	By         string        `json:"dismissedBy,omitempty"`
}

// Dismissal records that a finding is not a problem.
type Dismissal struct {
	ID     string
	Kind   string
	Reason string
	By     string
	At     time.Time
}

// EntityFinding is the audit entity of a dismissal; EntityID is the finding's id.
const EntityFinding = "overlap_finding"

// ValidateDismissal returns the problems of a dismissal's reason.
func ValidateDismissal(reason string) Problems {
	var c collector
	switch n := len([]rune(strings.TrimSpace(reason))); {
	case n == 0:
		c.errorf("reason", "required", "alasan wajib diisi", "a reason is required")
	case n > 1000:
		c.errorf("reason", "too_long", "alasan paling panjang 1000 karakter", "the reason has at most 1000 characters")
	}
	return c.list
}

// FindingID returns the id of a finding of kind over steps: the first 16
// hex digits of the SHA-256 of the kind and the sorted "sop/step" names.
func FindingID(kind string, steps []FindingStep) string {
	refs := make([]string, len(steps))
	for i, s := range steps {
		refs[i] = strconv.FormatInt(s.SOPID, 10) + "/" + s.Step
	}
	slices.Sort(refs)
	sum := sha256.Sum256([]byte(kind + "\n" + strings.Join(refs, "\n")))
	return hex.EncodeToString(sum[:8])
}

// stopWords are left out of an object: conjunctions, prepositions and
// words that say nothing of what is acted on.
var stopWords = map[string]bool{
	"dan": true, "atau": true, "yang": true, "untuk": true, "ke": true, "kepada": true, "dari": true, "di": true,
	"dengan": true, "serta": true, "oleh": true, "pada": true, "dalam": true, "bagi": true, "sebagai": true,
	"tersebut": true, "ini": true, "itu": true, "para": true, "secara": true, "telah": true, "akan": true,
	"sudah": true, "apabila": true, "jika": true, "bila": true, "sesuai": true, "atas": true, "agar": true,
}

// words returns the folded words of s, letters and digits only.
func words(s string) []string {
	return strings.FieldsFunc(textsearch.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// verbFix turns stems the Snowball algorithm reads oddly into the root
// the other forms of the verb give: menandatangani → andatangan, but
// ditandatangani → tandatangan; menerima → erima, diterima → terima.
var verbFix = map[string]string{"andatangan": "tandatangan", "erima": "terima", "tandatang": "tandatangan"}

// stem returns the stem of a folded word.
func stem(w string) string { return textsearch.Stem(w) }

// ActionKey returns the action of an activity as "verb object": the
// stem of its first word (which must be a verb form, see StartsWithVerb)
// and of the first two words of its object that are not stop words;
// "" for an activity that does not start with a verb or has no object.
func ActionKey(activity string) string {
	if !StartsWithVerb(activity) {
		return ""
	}
	ws := words(activity)
	if len(ws) < 2 {
		return ""
	}
	verb := stem(ws[0])
	if ws[0] == "tanda" && len(ws) > 2 && ws[1] == "tangan" { // "Tanda tangan surat"
		verb, ws = "tandatangan", ws[1:]
	}
	key := []string{cmp.Or(verbFix[verb], verb)}
	for _, w := range ws[1:] {
		if stopWords[w] || len(key) == 1 && StartsWithVerb(w) && !strings.HasPrefix(w, "ber") {
			// "Memeriksa dan memaraf konsep": the second verb is not the object.
			if len(key) > 1 {
				break // the object ended: "berkas dari pemohon" is berkas
			}
			continue
		}
		key = append(key, stem(w))
		if len(key) == 3 {
			break
		}
	}
	if len(key) < 2 {
		return ""
	}
	return strings.Join(key, " ")
}

// OutputKey returns an output as its stemmed words without stop words:
// "Surat Keputusan Pendaftaran" → "surat putus daftar"; "" for none.
func OutputKey(output string) string {
	var key []string
	for _, w := range words(output) {
		if !stopWords[w] {
			key = append(key, stem(w))
		}
	}
	return strings.Join(key, " ")
}

// Verbs of preparing and of approving, by their stems (and the folded
// word, where the stemmer reads the word oddly: menandatangani → andatangan).
var (
	prepareVerbs = map[string]bool{"susun": true, "buat": true, "siap": true, "konsep": true, "ketik": true, "isi": true,
		"input": true, "entri": true, "olah": true, "rekam": true, "hitung": true, "rancang": true, "catat": true, "draf": true}
	approveVerbs = map[string]bool{"setuju": true, "sah": true, "esah": true, "tandatangan": true,
		"paraf": true, "tetap": true, "verifikasi": true, "validasi": true, "otorisasi": true}
)

// verbStem returns the stem of an activity's verb, "" when it has none.
func verbStem(activity string) string {
	if !StartsWithVerb(activity) {
		return ""
	}
	ws := words(activity)
	if len(ws) == 0 {
		return ""
	}
	if ws[0] == "tanda" {
		return "tandatangan"
	}
	st := stem(ws[0])
	return cmp.Or(verbFix[st], st)
}

// performer is who performs a step, for the findings.
type performer struct {
	key, name string // position key (else the pelaksana's name) and name
	unitID    int64
	unit      string
}

// FindOverlaps returns the findings over sops, with the steps' units
// from positions (by key) and the dismissals (by finding id) applied; in
// a stable order: by kind, then by the first step. Only steps whose
// pelaksana is mapped to a position take part: an actor that is no known
// position (an applicant not flagged external, a role such as "Kepala
// Bidang Terkait") cannot be said to do another's work.
func FindOverlaps(sops []AnalysisSOP, positions map[string]PositionInfo, unitNames map[int64]string, dismissed map[string]Dismissal) []Finding {
	type ref struct {
		sop  int
		step int
	}
	steps := map[string][]ref{}   // action key → steps
	outputs := map[string][]ref{} // output key → steps
	who := func(s *AnalysisSOP, st *Step) (performer, bool) {
		if s.External[st.Actor] {
			return performer{}, false
		}
		a := s.Doc.ActorByID(st.Actor)
		if a == nil {
			return performer{}, false
		}
		key := s.Positions[st.Actor]
		if key == "" {
			return performer{}, false // not known to be a position: see the workload's unmapped pelaksana
		}
		p := positions[key]
		return performer{key: key, name: cmp.Or(p.Name, a.Name), unitID: p.UnitID, unit: p.UnitName}, true
	}
	actionSets := make([]map[string]bool, len(sops))
	for si := range sops {
		s := &sops[si]
		actionSets[si] = map[string]bool{}
		for i := range s.Doc.Steps {
			st := &s.Doc.Steps[i]
			if _, ok := who(s, st); !ok {
				continue
			}
			if k := ActionKey(st.Activity); k != "" {
				steps[k] = append(steps[k], ref{si, i})
				actionSets[si][k] = true
			}
			if k := OutputKey(st.Output); k != "" {
				outputs[k] = append(outputs[k], ref{si, i})
			}
		}
	}
	stepOf := func(r ref) FindingStep {
		s := &sops[r.sop]
		st := &s.Doc.Steps[r.step]
		p, _ := who(s, st)
		return FindingStep{SOPID: s.ID, SOPTitle: s.Title, Step: st.ID, Row: r.step + 1, Activity: st.Activity, Output: st.Output,
			UnitID: p.unitID, Unit: p.unit, Position: p.key, Name: p.name}
	}
	var out []Finding
	// The same action or output by different performers in different SOPs.
	group := func(kind string, byKey map[string][]ref) {
		for key, refs := range byKey {
			if len(refs) < 2 {
				continue
			}
			sopsSeen, performers := map[int]bool{}, map[string]bool{}
			fs := make([]FindingStep, 0, len(refs))
			for _, r := range refs {
				f := stepOf(r)
				sopsSeen[r.sop] = true
				performers[f.Position+"\x00"+strconv.FormatInt(f.UnitID, 10)] = true
				fs = append(fs, f)
			}
			if len(sopsSeen) < 2 || len(performers) < 2 {
				continue
			}
			out = append(out, Finding{Kind: kind, Key: key, Steps: fs})
		}
	}
	group(OverlapAction, steps)
	for key := range outputs {
		if allGeneric(key) {
			delete(outputs, key) // "Berkas", "Surat": every SOP has one
		}
	}
	group(OverlapOutput, outputs)
	// Near-duplicate SOPs: candidates share an action key that few SOPs have.
	shared := map[[2]int]int{}
	for _, refs := range steps {
		var in []int
		for _, r := range refs {
			if !slices.Contains(in, r.sop) {
				in = append(in, r.sop)
			}
		}
		if len(in) > maxPosting {
			continue
		}
		for a := 0; a < len(in); a++ {
			for b := a + 1; b < len(in); b++ {
				x, y := min(in[a], in[b]), max(in[a], in[b])
				shared[[2]int{x, y}]++
			}
		}
	}
	for pair, n := range shared {
		a, b := actionSets[pair[0]], actionSets[pair[1]]
		sim := float64(n) / float64(len(a)+len(b)-n)
		if len(a) < 3 || len(b) < 3 || sim < DuplicateSimilarity {
			continue
		}
		var fs []FindingStep
		for _, si := range pair {
			s := &sops[si]
			if len(s.Doc.Steps) > 0 {
				f := stepOf(ref{si, 0})
				f.Unit, f.UnitID = cmp.Or(unitNames[s.UnitID], s.Unit), s.UnitID
				fs = append(fs, f)
			}
		}
		out = append(out, Finding{Kind: OverlapDuplicate, Key: strconv.FormatInt(sops[pair[0]].ID, 10) + "~" + strconv.FormatInt(sops[pair[1]].ID, 10),
			Steps: fs, Similarity: float64(int(sim*1000+0.5)) / 1000})
	}
	// Segregation of duties: one position prepares and later approves the same output.
	for si := range sops {
		s := &sops[si]
		for i := range s.Doc.Steps {
			prep := &s.Doc.Steps[i]
			if !prepareVerbs[verbStem(prep.Activity)] {
				continue
			}
			p, ok := who(s, prep)
			if !ok {
				continue
			}
			made := objectWords(prep.Output + " " + prep.Activity)
			for j := i + 1; j < len(s.Doc.Steps); j++ {
				appr := &s.Doc.Steps[j]
				if !approveVerbs[verbStem(appr.Activity)] {
					continue
				}
				if q, ok := who(s, appr); !ok || q.key != p.key {
					continue
				}
				if key := sharedWord(made, objectWords(appr.Activity+" "+appr.Output)); key != "" {
					out = append(out, Finding{Kind: OverlapSegregation, Key: p.key + ": " + key, Steps: []FindingStep{stepOf(ref{si, i}), stepOf(ref{si, j})}})
					break
				}
			}
		}
	}
	for i := range out {
		f := &out[i]
		slices.SortFunc(f.Steps, func(a, b FindingStep) int { return cmp.Or(cmp.Compare(a.SOPID, b.SOPID), cmp.Compare(a.Row, b.Row)) })
		f.ID = FindingID(f.Kind, f.Steps)
		if d, ok := dismissed[f.ID]; ok {
			f.Dismissed, f.Reason, f.By = true, d.Reason, d.By
		}
	}
	kindOrder := func(k string) int { return slices.Index(OverlapKinds, k) }
	slices.SortFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.Steps[0].SOPID, b.Steps[0].SOPID),
			cmp.Compare(a.Steps[0].Row, b.Steps[0].Row), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// genericWords are object words too common to tie a preparation to an
// approval: every SOP has a konsep, a surat and a berkas.
var genericWords = map[string]bool{"konsep": true, "draf": true, "surat": true, "berkas": true, "dokumen": true, "data": true,
	"naskah": true, "hasil": true, "lapor": true, "kerja": true}

// allGeneric reports whether every word of a key is a generic one.
func allGeneric(key string) bool {
	for _, w := range strings.Fields(key) {
		if !genericWords[w] {
			return false
		}
	}
	return true
}

// objectWords returns the stems of the words of s that may name an
// output, verbs and stop words left out.
func objectWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(s) {
		st := stem(w)
		if stopWords[w] || genericWords[st] || prepareVerbs[st] || approveVerbs[st] || len(st) < 4 {
			continue
		}
		out[st] = true
	}
	return out
}

// sharedWord returns a word both sets hold (the smallest, for a stable
// answer), or "".
func sharedWord(a, b map[string]bool) string {
	var both []string
	for w := range a {
		if b[w] {
			both = append(both, w)
		}
	}
	if len(both) == 0 {
		return ""
	}
	return slices.Min(both)
}

// OverlapService keeps the dismissals of findings.
type OverlapService interface {
	// DismissFinding records that a finding is not a problem, with a
	// reason (audited): EINVALID without one, ECONFLICT when it is
	// dismissed already. RestoreFinding removes the dismissal (audited),
	// ENOTFOUND without one.
	DismissFinding(ctx context.Context, d Dismissal) error
	RestoreFinding(ctx context.Context, id string) error
	// Dismissals returns every dismissal by finding id.
	Dismissals(ctx context.Context) (map[string]Dismissal, error)
}
