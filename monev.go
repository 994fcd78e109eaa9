package esop

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Monitoring and evaluation (monev) of SOPs in force, as Permenpan RB
// 35/2012 sets them out: a regular monitoring every six months on the
// form of Tabel 7 "Monitoring Pelaksanaan SOP AP", and an evaluation of
// the SOP against seven Ya/Tidak criteria ending in a conclusion.

// Period is one half-year of the regular monitoring: "2026-S1" is
// January to June 2026 and "2026-S2" July to December. The zero Period
// means "not given".
type Period struct {
	Year int
	Half int // 1 or 2
}

// ParsePeriod reads a period written YYYY-S1 or YYYY-S2 (a lower-case s
// is accepted); anything else is EINVALID.
func ParsePeriod(s string) (Period, error) {
	year, half, ok := strings.Cut(strings.TrimSpace(s), "-")
	y, err := strconv.Atoi(year)
	if !ok || err != nil || len(year) != 4 || y < 1900 || (half != "S1" && half != "S2" && half != "s1" && half != "s2") {
		return Period{}, Errorf(EINVALID, "periode %q tidak sah; tulis TTTT-S1 (Januari–Juni) atau TTTT-S2 (Juli–Desember)",
			"period %q is not valid; write YYYY-S1 (January–June) or YYYY-S2 (July–December)", s)
	}
	return Period{Year: y, Half: int(half[1] - '0')}, nil
}

// PeriodOf returns the period that holds day d.
func PeriodOf(d Date) Period {
	if d.IsZero() {
		return Period{}
	}
	if d.Month <= time.June {
		return Period{d.Year, 1}
	}
	return Period{d.Year, 2}
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// String returns p as "2026-S1", or "" for the zero Period.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-S%d", p.Year, p.Half)
}

// Start returns the first day of p: 1 January or 1 July.
func (p Period) Start() Date {
	return Date{p.Year, time.Month(6*(p.Half-1) + 1), 1}
}

// End returns the last day of p: 30 June or 31 December.
func (p Period) End() Date {
	if p.Half == 1 {
		return Date{p.Year, time.June, 30}
	}
	return Date{p.Year, time.December, 31}
}

// Contains reports whether day d lies in p.
func (p Period) Contains(d Date) bool { return PeriodOf(d) == p }

// Before reports whether p comes before q.
func (p Period) Before(q Period) bool {
	return p.Year < q.Year || p.Year == q.Year && p.Half < q.Half
}

// Prev returns the period before p.
func (p Period) Prev() Period {
	if p.Half == 2 {
		return Period{p.Year, 1}
	}
	return Period{p.Year - 1, 2}
}

// Label returns p for people: "Semester I 2026 (Januari–Juni)".
func (p Period) Label() Text {
	if p.Half == 1 {
		return Text{ID: fmt.Sprintf("Semester I %d (Januari–Juni)", p.Year), EN: fmt.Sprintf("First half of %d (January–June)", p.Year)}
	}
	return Text{ID: fmt.Sprintf("Semester II %d (Juli–Desember)", p.Year), EN: fmt.Sprintf("Second half of %d (July–December)", p.Year)}
}

// MarshalText writes p as "2026-S1".
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads a period; an empty text is the zero Period.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	v, err := ParsePeriod(string(b))
	*p = v
	return err
}

// The assessment of how an SOP is applied (Tabel 7, column 3).
const (
	ResultGood    = "baik"       // Berjalan dengan baik
	ResultNotGood = "tidak-baik" // Tidak berjalan dengan baik
)

// Results lists the assessments of a monitoring.
var Results = []string{ResultGood, ResultNotGood}

// ResultLabel returns the printed text of an assessment.
func ResultLabel(r string) Text {
	switch r {
	case ResultGood:
		return Text{ID: "Berjalan dengan baik", EN: "Running well"}
	case ResultNotGood:
		return Text{ID: "Tidak berjalan dengan baik", EN: "Not running well"}
	}
	return Text{ID: r, EN: r}
}

// Assessor is who recorded a monitoring or an evaluation: the Paraf
// penilai of the form is the user's name, with the time it was recorded.
type Assessor struct {
	Username string
	Name     string // the user's name as it was when recorded
}

// Monitoring is one row of Tabel 7 "Monitoring Pelaksanaan SOP AP": how
// one SOP was applied in one period. There is at most one per SOP and
// period; recording it again corrects it.
type Monitoring struct {
	ID        int64
	SOPID     int64
	VersionID int64 // the version in force when it was recorded
	Period    Period
	Result    string // ResultGood or ResultNotGood
	Notes     string // Catatan hasil penilaian
	Actions   string // Tindakan yang harus diambil
	// AssessedOn is the day of the assessment (the date of the paraf).
	AssessedOn Date
	Assessor   Assessor
	// Revision counts the saves; a correction names the revision it
	// started from (optimistic locking), 0 for a new record.
	Revision  int
	CreatedAt time.Time
	UpdatedAt time.Time // when the paraf was given
}

// maxMonevText is the longest note accepted, in characters.
const maxMonevText = 4000

// Validate checks a monitoring about to be recorded on day today.
func (m *Monitoring) Validate(today Date) Problems {
	var c collector
	checkPeriod(&c, m.Period, m.AssessedOn, today)
	switch {
	case m.Result == "":
		c.errorf("result", "required", "pilih penilaian terhadap penerapan", "choose the assessment of how it is applied")
	case !slices.Contains(Results, m.Result):
		c.errorf("result", "enum", "penilaian %q tidak dikenal", "unknown assessment %q", m.Result)
	case m.Result == ResultNotGood:
		if strings.TrimSpace(m.Notes) == "" {
			c.errorf("notes", "required", "tuliskan catatan mengapa SOP tidak berjalan dengan baik",
				"write notes on why the SOP is not running well")
		}
		if strings.TrimSpace(m.Actions) == "" {
			c.errorf("actions", "required", "tuliskan tindakan yang harus diambil", "write the action to be taken")
		}
	}
	checkLength(&c, "notes", m.Notes)
	checkLength(&c, "actions", m.Actions)
	checkAssessor(&c, m.Assessor)
	return c.list
}

// Criterion is one question of the evaluation, answered Ya or Tidak.
type Criterion struct {
	No   int
	Text Text
}

// EvaluationCriteria are the seven criteria of the evaluation of an SOP.
var EvaluationCriteria = [7]Criterion{
	{1, Text{ID: "Mampu mendorong peningkatan kinerja", EN: "Drives better performance"}},
	{2, Text{ID: "Mudah dipahami", EN: "Easy to understand"}},
	{3, Text{ID: "Mudah dilaksanakan", EN: "Easy to carry out"}},
	{4, Text{ID: "Semua orang dapat menjalankan perannya masing-masing", EN: "Everyone can play their own part"}},
	{5, Text{ID: "Mampu mengatasi permasalahan yang berkaitan dengan proses", EN: "Solves the problems of the process"}},
	{6, Text{ID: "Mampu menjawab kebutuhan peningkatan kinerja organisasi", EN: "Meets the organisation's need for better performance"}},
	{7, Text{ID: "Sinergi satu dengan lainnya", EN: "Works in synergy with the others"}},
}

// The conclusions of an evaluation.
const (
	ConclusionKeep     = "tetap"  // the SOP stays as it is
	ConclusionRevise   = "revisi" // the SOP is revised: a new draft is opened
	ConclusionReplace  = "ganti"  // the SOP is replaced by another
	ConclusionWithdraw = "cabut"  // the SOP is to be withdrawn
)

// Conclusions lists the conclusions of an evaluation.
var Conclusions = []string{ConclusionKeep, ConclusionRevise, ConclusionReplace, ConclusionWithdraw}

// ConclusionLabel returns the printed text of a conclusion.
func ConclusionLabel(c string) Text {
	switch c {
	case ConclusionKeep:
		return Text{ID: "Tetap", EN: "Keep"}
	case ConclusionRevise:
		return Text{ID: "Revisi", EN: "Revise"}
	case ConclusionReplace:
		return Text{ID: "Ganti", EN: "Replace"}
	case ConclusionWithdraw:
		return Text{ID: "Cabut", EN: "Withdraw"}
	}
	return Text{ID: c, EN: c}
}

// YesNo returns "Ya" or "Tidak".
func YesNo(b bool) Text {
	if b {
		return Text{ID: "Ya", EN: "Yes"}
	}
	return Text{ID: "Tidak", EN: "No"}
}

// Evaluation is the evaluation of one SOP in one period: the seven
// criteria answered Ya (true) or Tidak, and a conclusion. There is at
// most one per SOP and period; recording it again corrects it.
type Evaluation struct {
	ID         int64
	SOPID      int64
	VersionID  int64 // the version in force when it was recorded
	Period     Period
	Answers    [7]bool // in the order of EvaluationCriteria
	Conclusion string
	Notes      string
	AssessedOn Date
	Assessor   Assessor
	// DraftID is the draft version opened (or found already open) for a
	// revision; 0 when there is none.
	DraftID   int64
	Revision  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks an evaluation about to be recorded on day today.
func (e *Evaluation) Validate(today Date) Problems {
	var c collector
	checkPeriod(&c, e.Period, e.AssessedOn, today)
	switch {
	case e.Conclusion == "":
		c.errorf("conclusion", "required", "pilih kesimpulan evaluasi", "choose the conclusion of the evaluation")
	case !slices.Contains(Conclusions, e.Conclusion):
		c.errorf("conclusion", "enum", "kesimpulan %q tidak dikenal", "unknown conclusion %q", e.Conclusion)
	case e.Conclusion != ConclusionKeep && strings.TrimSpace(e.Notes) == "":
		l := ConclusionLabel(e.Conclusion)
		c.addText(SeverityError, "notes", "required", Text{ID: "tuliskan alasan kesimpulan " + strings.ToLower(l.ID),
			EN: "write the reason for the conclusion " + strings.ToLower(l.EN)})
	}
	checkLength(&c, "notes", e.Notes)
	checkAssessor(&c, e.Assessor)
	return c.list
}

func checkPeriod(c *collector, p Period, on, today Date) {
	switch {
	case p.IsZero():
		c.errorf("period", "required", "pilih periode", "choose the period")
	case PeriodOf(today).Before(p):
		c.errorf("period", "future", "periode %s belum dimulai", "period %s has not started yet", p)
	}
	switch {
	case on.IsZero():
		c.errorf("assessedOn", "required", "isi tanggal penilaian", "enter the date of the assessment")
	case today.Before(on):
		c.errorf("assessedOn", "future", "tanggal penilaian %s belum tiba", "the date of the assessment, %s, is still to come", on)
	case !p.IsZero() && on.Before(p.Start()):
		c.errorf("assessedOn", "range", "tanggal penilaian %s mendahului periode %s", "the date of the assessment, %s, is before period %s", on, p)
	}
}

func checkLength(c *collector, path, s string) {
	if n := utf8.RuneCountInString(s); n > maxMonevText {
		c.errorf(path, "length", "terlalu panjang (%d karakter; paling banyak %d)", "too long (%d characters; at most %d)", n, maxMonevText)
	}
}

func checkAssessor(c *collector, a Assessor) {
	if a.Username == "" {
		c.errorf("assessor", "required", "penilai tidak diketahui", "the assessor is not known")
	}
}

// Entities of the audit log for monitoring and evaluation.
const (
	EntityMonitoring = "monitoring"
	EntityEvaluation = "evaluation"
)

// MonevFilter selects monitorings and evaluations.
type MonevFilter struct {
	SOPID  int64    // 0: any SOP
	Units  []string // the SOPs of these units (by name); empty: any unit
	Period Period   // zero: every period
}

// MonevService keeps the monitorings and evaluations of SOPs.
type MonevService interface {
	// SaveMonitoring records m for its SOP and period. With Revision 0 it
	// is a new record: ECONFLICT when the SOP already has one for the
	// period. Otherwise it corrects the record of that period, which must
	// still be at Revision (ECONFLICT when it was saved since). The SOP
	// must have a version in force (ECONFLICT otherwise); EINVALID when m
	// does not validate; ENOTFOUND for an unknown SOP. On success m holds
	// the stored record.
	SaveMonitoring(ctx context.Context, m *Monitoring) error
	// SaveEvaluation records e as SaveMonitoring records a monitoring. When
	// the conclusion is ConclusionRevise and the evaluation has no draft
	// yet, the SOP's draft becomes its draft: the one already open, or a
	// new one, opened as StartVersion opens it, in the same transaction,
	// whose note names the evaluation. An evaluation thus opens a draft
	// at most once, and never fails for a draft that is already open.
	SaveEvaluation(ctx context.Context, e *Evaluation) error
	// FindMonitorings returns the monitorings matching f, newest period
	// first, then by SOP number.
	FindMonitorings(ctx context.Context, f MonevFilter) ([]*Monitoring, error)
	// FindEvaluations returns the evaluations matching f, in the same order.
	FindEvaluations(ctx context.Context, f MonevFilter) ([]*Evaluation, error)
}
