package esop

import (
	"cmp"
	"slices"
	"strings"
)

// Matching employees' records against the competences their positions
// need, and the training needs that follow (analisis kebutuhan diklat).
//
// The rule (docs/decisions.md): a text is reduced to its words — folded
// (textsearch.Fold: case and accents gone), split on anything but letters
// and digits, stemmed (textsearch.Stem) — less the stop words of the
// overlap analysis, less the words that say how a competence is held
// rather than what it is (memahami, mampu, memiliki, menguasai,
// mengoperasikan, melakukan, sertifikat, pelatihan, diklat, bimtek, …),
// and less the words too common in this office to tell competences apart
// (kerja, peraturan, perundang-undangan, ketentuan, aplikasi, sistem),
// which count only when nothing else is left. A record matches a required
// competence when, of the smaller of the two word sets, at least two
// thirds are in the other and at least two (one when the smaller set has
// one word). "Sertifikat Pengantar Kerja" {antar} so meets "Pengantar
// Kerja bersertifikat untuk penandatanganan kartu" {antar, andatangan,
// kartu}; "Diklat Bendahara Penerimaan" {bendahara, terima} does not meet
// "Memiliki sertifikat Bendahara Pengeluaran" {bendahara, eluar}. The
// kind of the record is not compared: the kind of a required competence
// is read from its words (CompetenceKind) and may be wrong.

// holdingWords are the stems of words that say how a competence is held.
var holdingWords = map[string]bool{"paham": true, "mampu": true, "pilik": true, "milik": true, "uasa": true, "kuasa": true,
	"operasi": true, "laku": true, "tahu": true, "kenal": true, "sertifikat": true, "sertifikasi": true, "latih": true,
	"diklat": true, "bimtek": true, "kursus": true, "teknis": true, "yang": true, "telah": true, "baik": true, "dasar": true,
	"lanjut": true, "tingkat": true, "ikut": true, "didik": true, "banyak": true, "bagai": true}

// commonWords are stems too common in the office's competences to tell
// them apart: they count only when a text has no other word.
var commonWords = map[string]bool{"kerja": true, "atur": true, "undang": true, "tentu": true, "aplikasi": true, "sistem": true}

// CompetenceWords returns the words a text is matched on (see above),
// sorted and without repeats.
func CompetenceWords(text string) []string {
	var main, common []string
	for _, w := range words(text) {
		if stopWords[w] {
			continue
		}
		st := stem(w)
		switch {
		case holdingWords[st] || holdingWords[w] || len(st) < 2:
		case commonWords[st]:
			common = append(common, st)
		default:
			main = append(main, st)
		}
	}
	if len(main) == 0 {
		main = common
	}
	slices.Sort(main)
	return slices.Compact(main)
}

// wordsMatch applies the rule to two word sets (sorted, see CompetenceWords).
func wordsMatch(a, b []string) bool {
	small := min(len(a), len(b))
	if small == 0 {
		return false
	}
	m := 0
	for _, w := range a {
		if _, ok := slices.BinarySearch(b, w); ok {
			m++
		}
	}
	return m >= min(2, small) && 3*m >= 2*small
}

// MatchesCompetence reports whether a record titled title meets the
// required competence text.
func MatchesCompetence(required, title string) bool {
	return wordsMatch(CompetenceWords(required), CompetenceWords(title))
}

// Status of a required competence for one employee.
const (
	CompetenceHeld     = "held"     // a record meets it and does not lapse within the window
	CompetenceExpiring = "expiring" // held, but the record lapses within the window
	CompetenceExpired  = "expired"  // the only records that met it have lapsed: a gap
	CompetenceMissing  = "missing"  // no record meets it: a gap
)

// DefaultExpiryWindow is how many days before its expiry a certificate is
// flagged, unless the setting says otherwise.
const DefaultExpiryWindow = 90

// CompetenceHolder is an employee who holds a position (definitif) on the
// day of the analysis.
type CompetenceHolder struct {
	EmployeeID int64  `json:"-"`
	NIP        string `json:"nip"`
	Name       string `json:"name"`
}

// RecordRef names the record behind a status.
type RecordRef struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Type   string `json:"type"`
	Expiry *Date  `json:"expiry"`
}

// EmployeeCompetence is one required competence for one employee.
type EmployeeCompetence struct {
	Text   string     `json:"text"`
	Kind   string     `json:"kind"`
	Status string     `json:"status"`
	Record *RecordRef `json:"record"` // the record that meets it (the latest to lapse); nil when missing
}

// HolderCompetence is what one holder of a position has of what it needs.
type HolderCompetence struct {
	CompetenceHolder
	Competences []EmployeeCompetence `json:"competences"`
	Gaps        int                  `json:"gaps"`     // missing or expired
	Expiring    int                  `json:"expiring"` // held, lapsing within the window
}

// PositionCompetenceStatus is one position: what it needs and what each
// of its holders has.
type PositionCompetenceStatus struct {
	PositionCompetence
	Holders  []HolderCompetence `json:"holders"`
	Gaps     int                `json:"gaps"`
	Expiring int                `json:"expiring"`
	Vacant   bool               `json:"vacant"` // needs competences but has no holder
}

// NeedEmployee is an employee a training need names.
type NeedEmployee struct {
	NIP      string `json:"nip"`
	Name     string `json:"name"`
	Position string `json:"position"`
	Status   string `json:"status"` // missing, expired or expiring
}

// TrainingNeed is one competence to develop (analisis kebutuhan diklat):
// who lacks it, and how much work depends on it.
type TrainingNeed struct {
	Text      string         `json:"text"`
	Kind      string         `json:"kind"`
	Employees []NeedEmployee `json:"employees"`
	Gaps      int            `json:"gaps"`     // employees for whom it is missing or expired
	Expiring  int            `json:"expiring"` // employees whose record lapses within the window
	Steps     int            `json:"steps"`    // steps of their positions that depend on it
	SOPs      int            `json:"sops"`     // SOPs those steps are in
	Load      float64        `json:"load"`     // minutes a year of those steps (volume × norma waktu), 0 when unknown
}

// CompetenceAnalysis is the whole analysis of a set of positions.
type CompetenceAnalysis struct {
	Window    int                        `json:"expiryWindowDays"`
	Day       Date                       `json:"referenceDate"`
	Positions []PositionCompetenceStatus `json:"positions"`
	Needs     []TrainingNeed             `json:"needs"`
	Gaps      int                        `json:"gaps"`
	Expiring  int                        `json:"expiring"`
}

// TaskLoad returns the yearly minutes of a position's step (volume ×
// norma waktu), 0 when unknown.
type TaskLoad func(position string, sop int64, row int) float64

// AnalyseCompetence sets the records of each position's holders (by
// position key; records by employee id) against what it needs on day,
// flagging records that lapse within window days, and gathers the
// training needs ordered by the yearly load of the steps that depend on
// them, then by those steps, SOPs and employees.
func AnalyseCompetence(required []PositionCompetence, holders map[string][]CompetenceHolder, records map[int64][]CompetenceRecord,
	load TaskLoad, day Date, window int) CompetenceAnalysis {
	a := CompetenceAnalysis{Window: window, Day: day, Positions: make([]PositionCompetenceStatus, 0, len(required)), Needs: []TrainingNeed{}}
	recWords := map[int64][][]string{} // employee → words of each record's title
	needs := map[string]*TrainingNeed{}
	needSOPs := map[string]map[int64]bool{}
	needPositions := map[string]map[string]bool{}
	var order []string
	for _, pc := range required {
		ps := PositionCompetenceStatus{PositionCompetence: pc, Holders: []HolderCompetence{}}
		hs := holders[pc.Position]
		ps.Vacant = len(hs) == 0 && len(pc.Competences) > 0
		reqWords := make([][]string, len(pc.Competences))
		for i, c := range pc.Competences {
			reqWords[i] = CompetenceWords(c.Text)
		}
		for _, h := range hs {
			recs := records[h.EmployeeID]
			ws, ok := recWords[h.EmployeeID]
			if !ok {
				ws = make([][]string, len(recs))
				for i := range recs {
					ws[i] = CompetenceWords(recs[i].Title)
				}
				recWords[h.EmployeeID] = ws
			}
			hc := HolderCompetence{CompetenceHolder: h, Competences: make([]EmployeeCompetence, 0, len(pc.Competences))}
			for i, c := range pc.Competences {
				ec := EmployeeCompetence{Text: c.Text, Kind: c.Kind, Status: CompetenceMissing}
				var best *CompetenceRecord
				for j := range recs {
					if !wordsMatch(reqWords[i], ws[j]) {
						continue
					}
					r := &recs[j]
					if best == nil || lapsesLater(r, best) {
						best = r
					}
				}
				if best != nil {
					ec.Record = &RecordRef{ID: best.ID, Title: best.Title, Type: best.Type, Expiry: best.Expiry}
					switch {
					case best.Expired(day):
						ec.Status = CompetenceExpired
					case best.ExpiresWithin(day, window):
						ec.Status = CompetenceExpiring
					default:
						ec.Status = CompetenceHeld
					}
				}
				switch ec.Status {
				case CompetenceMissing, CompetenceExpired:
					hc.Gaps++
				case CompetenceExpiring:
					hc.Expiring++
				}
				if ec.Status != CompetenceHeld {
					k := competenceKey(c.Text)
					n := needs[k]
					if n == nil {
						n = &TrainingNeed{Text: c.Text, Kind: c.Kind}
						needs[k], needSOPs[k], needPositions[k] = n, map[int64]bool{}, map[string]bool{}
						order = append(order, k)
					}
					n.Employees = append(n.Employees, NeedEmployee{NIP: h.NIP, Name: h.Name, Position: pc.Name, Status: ec.Status})
					if ec.Status == CompetenceExpiring {
						n.Expiring++
					} else {
						n.Gaps++
					}
					if !needPositions[k][pc.Position] { // the work of a position counts once
						needPositions[k][pc.Position] = true
						n.Steps += c.Steps
						for _, src := range c.Sources {
							needSOPs[k][src.SOPID] = true
							if load != nil {
								for _, row := range src.Steps {
									n.Load += load(pc.Position, src.SOPID, row)
								}
							}
						}
						n.SOPs = len(needSOPs[k])
					}
				}
				hc.Competences = append(hc.Competences, ec)
			}
			ps.Gaps += hc.Gaps
			ps.Expiring += hc.Expiring
			ps.Holders = append(ps.Holders, hc)
		}
		a.Gaps += ps.Gaps
		a.Expiring += ps.Expiring
		a.Positions = append(a.Positions, ps)
	}
	for _, k := range order {
		a.Needs = append(a.Needs, *needs[k])
	}
	slices.SortStableFunc(a.Needs, func(x, y TrainingNeed) int {
		return cmp.Or(cmp.Compare(y.Load, x.Load), cmp.Compare(y.Steps, x.Steps), cmp.Compare(y.SOPs, x.SOPs),
			cmp.Compare(y.Gaps+y.Expiring, x.Gaps+x.Expiring), strings.Compare(x.Text, y.Text))
	})
	return a
}

// lapsesLater reports whether record a stays valid longer than b: no
// expiry beats any, a later expiry beats an earlier, a later date breaks ties.
func lapsesLater(a, b *CompetenceRecord) bool {
	switch {
	case a.Expiry == nil && b.Expiry != nil:
		return true
	case a.Expiry != nil && b.Expiry == nil:
		return false
	case a.Expiry != nil && *a.Expiry != *b.Expiry:
		return b.Expiry.Before(*a.Expiry)
	}
	return b.Date.Before(a.Date)
}
