package esop

import (
	"encoding/json"
	"strings"
)

// FormatV1 is the value of the "format" key of an esop.sop/1 document.
const FormatV1 = "esop.sop/1"

// SOP types (jenis SOP).
const (
	TypeAdministratif = "administratif"
	TypeTeknis        = "teknis"
)

// SOP categories: the kind of activity the SOP covers.
const (
	CategoryPelayanan = "pelayanan" // a public service, started by an applicant
	CategoryRutin     = "rutin"     // a routine task
	CategoryPenugasan = "penugasan" // an assignment
)

// Signing capacities of the official who approves (mengesahkan) an SOP.
const (
	CapacityDefinitif = "definitif"
	CapacityPlt       = "plt" // Pelaksana Tugas
	CapacityPlh       = "plh" // Pelaksana Harian
	CapacityAn        = "an"  // atas nama
)

// Paper sizes for printing; the flowchart is always landscape.
const (
	PaperA4 = "A4"
	PaperF4 = "F4"
)

// Time units of a step's Waktu. A day is a working day.
const (
	UnitMinute = "minute"
	UnitHour   = "hour"
	UnitDay    = "day"
	UnitWeek   = "week"
	UnitMonth  = "month"
)

// TimeUnits lists the time units in increasing size.
var TimeUnits = []string{UnitMinute, UnitHour, UnitDay, UnitWeek, UnitMonth}

// Document is one SOP AP in the esop.sop/1 interchange format: the
// identity section (Bagian Identitas) and the activity table from which
// the flowchart (Bagian Flowchart) is drawn. Optional fields left empty
// are omitted when the document is written, so a decoded document
// encodes back to the same JSON up to key order.
type Document struct {
	Format         string      `json:"format"`
	Number         string      `json:"number,omitempty"`
	Title          string      `json:"title"`
	Government     string      `json:"government,omitempty"`
	Agency         string      `json:"agency"`
	Unit           string      `json:"unit"`
	Type           string      `json:"type,omitempty"`
	Category       string      `json:"category,omitempty"`
	Dates          Dates       `json:"dates,omitzero"`
	Approval       *Approval   `json:"approval,omitempty"`
	LegalBasis     []LegalRef  `json:"legalBasis,omitempty"`
	Qualifications []string    `json:"qualifications,omitempty"`
	Related        []string    `json:"related,omitempty"`
	Equipment      []string    `json:"equipment,omitempty"`
	Warning        string      `json:"warning,omitempty"`
	Records        []string    `json:"records,omitempty"`
	Actors         []Actor     `json:"actors"`
	Steps          []Step      `json:"steps"`
	Layout         *LayoutHint `json:"layout,omitempty"`
}

// Dates are the three dates of the identity section.
type Dates struct {
	Created   Date `json:"created,omitzero"`   // Tanggal Pembuatan
	Revised   Date `json:"revised,omitzero"`   // Tanggal Revisi (last revision or planned review)
	Effective Date `json:"effective,omitzero"` // Tanggal Efektif (the signing date)
}

// Approval is the pengesahan block: who signed the SOP and in what capacity.
type Approval struct {
	Position string `json:"position"`
	Name     string `json:"name"`
	Rank     string `json:"rank,omitempty"`
	NIP      string `json:"nip,omitempty"`
	Capacity string `json:"capacity,omitempty"`
}

// CapacityOrDefault returns the signing capacity, definitif when none is given.
func (a *Approval) CapacityOrDefault() string {
	if a.Capacity == "" {
		return CapacityDefinitif
	}
	return a.Capacity
}

// LegalRef is one entry of Dasar Hukum. It is written either as free text
// (Text) or as a structured reference (Kind, Number, Year, Title and,
// where the kind alone does not name it, the Issuer: Menteri
// Ketenagakerjaan, Wali Kota Malang), and is encoded back in the form it
// was given.
type LegalRef struct {
	Text   string
	Kind   string
	Number string
	Year   int
	Title  string
	Issuer string
}

// MarshalJSON writes the text form for a text reference and the object form otherwise.
func (r LegalRef) MarshalJSON() ([]byte, error) {
	if r.Text != "" {
		return json.Marshal(r.Text)
	}
	type obj struct {
		Kind   string `json:"kind"`
		Number string `json:"number"`
		Year   int    `json:"year"`
		Title  string `json:"title,omitempty"`
		Issuer string `json:"issuer,omitempty"`
	}
	return json.Marshal(obj{r.Kind, r.Number, r.Year, r.Title, r.Issuer})
}

// String returns the reference as it is printed under Dasar Hukum when
// no government is known: Cite("").
func (r LegalRef) String() string { return r.Cite("") }

// Actor is a pelaksana: one column of the flowchart. Name is a jabatan
// or a role (Pemohon), never a person. Position is the key of the
// organisation's position (jabatan) whose holders perform the column's
// steps when the SOP is run; External marks a party outside the office
// (the applicant, a company, another agency). Both only matter for
// running cases; an office may also set them per SOP as operational
// data, without changing the approved text.
type Actor struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Position string `json:"position,omitempty"`
	External bool   `json:"external,omitempty"`
}

// Step is one row of the flowchart: an activity, its pelaksana, its mutu
// baku and where the flow goes next.
type Step struct {
	ID           string    `json:"id"`
	Activity     string    `json:"activity"`
	Actor        string    `json:"actor"`
	Requirements []string  `json:"requirements,omitempty"`
	Time         *Duration `json:"time,omitempty"`
	Effort       *Duration `json:"effort,omitempty"` // norma waktu, minutes or hours (effort.go)
	Output       string    `json:"output,omitempty"`
	Note         string    `json:"note,omitempty"`
	Next         string    `json:"next,omitempty"`
	Decision     *Decision `json:"decision,omitempty"`
	End          bool      `json:"end,omitempty"`
}

// Duration is the Waktu of a step: a positive Value in a Unit, or only a
// Text for times that are not a duration ("sesuai jadwal"). When both are
// given, Text is what is printed and Value/Unit what is summed.
type Duration struct {
	Value float64 `json:"value,omitempty"`
	Unit  string  `json:"unit,omitempty"`
	Text  string  `json:"text,omitempty"`
}

// Decision makes a step a decision (diamond) with two exits.
type Decision struct {
	Yes      string `json:"yes"`
	No       string `json:"no"`
	YesLabel string `json:"yesLabel,omitempty"`
	NoLabel  string `json:"noLabel,omitempty"`
}

// Labels returns the exit labels, Ya and Tidak when none are given.
func (d *Decision) Labels() (yes, no string) {
	yes, no = d.YesLabel, d.NoLabel
	if yes == "" {
		yes = "Ya"
	}
	if no == "" {
		no = "Tidak"
	}
	return yes, no
}

// LayoutHint holds the author's printing preferences.
type LayoutHint struct {
	Paper          string `json:"paper,omitempty"`
	FirstPageSteps int    `json:"firstPageSteps,omitempty"`
	PageSteps      int    `json:"pageSteps,omitempty"`
}

// IsApproved reports whether the document carries an approval block,
// which makes it an approved SOP rather than a draft.
func (d *Document) IsApproved() bool { return d.Approval != nil }

// Actor returns the actor with the given id, or nil.
func (d *Document) ActorByID(id string) *Actor {
	for i := range d.Actors {
		if d.Actors[i].ID == id {
			return &d.Actors[i]
		}
	}
	return nil
}

// StepIndex returns the index of the step with the given id, or -1.
func (d *Document) StepIndex(id string) int {
	for i := range d.Steps {
		if d.Steps[i].ID == id {
			return i
		}
	}
	return -1
}

// Successors returns the indexes of the steps that follow step i, in the
// order yes, no for a decision. It follows the meaning of the flow in the
// spec: an end has none; a decision has its two branches; any other step
// has its next, else the following row; the last row ends. Unknown ids
// are left out.
func (d *Document) Successors(i int) []int {
	return d.SuccessorsBy(i, nil)
}

// StepIndexes returns each step id's index, the first step of an id as
// StepIndex finds it: for callers asking the successors of every step
// (SuccessorsBy), where StepIndex would read the steps for each.
func (d *Document) StepIndexes() map[string]int {
	index := make(map[string]int, len(d.Steps))
	for i := range d.Steps {
		if _, ok := index[d.Steps[i].ID]; !ok {
			index[d.Steps[i].ID] = i
		}
	}
	return index
}

// SuccessorsBy is Successors finding the ids in index (StepIndexes), or
// by StepIndex when index is nil.
func (d *Document) SuccessorsBy(i int, index map[string]int) []int {
	s := &d.Steps[i]
	var ids []string
	switch {
	case s.End:
		return nil
	case s.Decision != nil:
		ids = []string{s.Decision.Yes, s.Decision.No}
	case s.Next != "":
		ids = []string{s.Next}
	case i+1 < len(d.Steps):
		return []int{i + 1}
	default:
		return nil
	}
	var out []int
	for _, id := range ids {
		if index == nil {
			if j := d.StepIndex(id); j >= 0 {
				out = append(out, j)
			}
		} else if j, ok := index[id]; ok {
			out = append(out, j)
		}
	}
	return out
}

// IsEnd reports whether step i ends the flow: it is marked end, or it is
// the last row with neither next nor decision.
func (d *Document) IsEnd(i int) bool {
	s := &d.Steps[i]
	return s.End || (i == len(d.Steps)-1 && s.Next == "" && s.Decision == nil)
}

// Clone returns a deep copy of d.
func (d *Document) Clone() *Document {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // a Document always encodes
	}
	var c Document
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	return &c
}

// KindName returns the long Indonesian name of a regulation kind
// abbreviation (UU → Undang-Undang); an unknown kind is returned as given.
func KindName(kind string) string {
	for _, k := range regulationKinds {
		if strings.EqualFold(k.abbr, kind) {
			return k.name
		}
	}
	return kind
}

// UnmarshalJSON reads either form of a legal reference. It is lenient and
// used only for copies of documents the decoder has already checked; use
// DecodeDocuments for untrusted input.
func (r *LegalRef) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*r = LegalRef{Text: s}
		return nil
	}
	var o struct {
		Kind   string `json:"kind"`
		Number string `json:"number"`
		Year   int    `json:"year"`
		Title  string `json:"title"`
		Issuer string `json:"issuer"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	*r = LegalRef{Kind: o.Kind, Number: o.Number, Year: o.Year, Title: o.Title, Issuer: o.Issuer}
	return nil
}
