package esop

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Analisis Beban Kerja (ABK) as public ABK tools apply PermenPANRB No. 1
// Tahun 2020 (Analisis Jabatan dan Analisis Beban Kerja):
//
//	beban kerja of a task    = volume per year × norma waktu (minutes)
//	kebutuhan pegawai        = Σ beban kerja ÷ WKE
//	efektivitas jabatan (EJ) = Σ beban kerja ÷ (pegawai existing × WKE)
//	prestasi jabatan (PJ)    = A above 1.00, B 0.90–1.00, C 0.70–0.89,
//	                           D 0.50–0.69, E below 0.50
//
// A task is one step of an SOP in force performed by a position (the
// position its pelaksana is mapped to, as running the SOP maps it); its
// norma waktu is the step's effort, else its time when that is in minutes
// or hours (an estimate), else unknown; its volume is the SOP's volume of
// the year: the one the unit entered, else the number of cases started
// that year. Every step is counted once per unit of volume: exclusive
// branches (a rejection path) are counted as if always taken, an upper
// bound the unit corrects with the step's effort.

// DefaultWKE is the default waktu kerja efektif, in minutes a year: 1,250
// hours, what ABK tools cite for PermenPANRB 1/2020 (235 working days of
// about 5 h 20 min, rounded). DefaultWKEBasis is its legal basis as shown
// beside it.
const (
	DefaultWKE      = 75000
	DefaultWKEBasis = "PermenPANRB No. 1 Tahun 2020 tentang Pedoman Analisis Jabatan dan Analisis Beban Kerja: 1.250 jam (75.000 menit) per tahun"
)

// Bounds of the settings and of an entered volume.
const (
	MinWKE       = 60000  // 1,000 hours
	MaxWKE       = 150000 // 2,500 hours
	MaxVolume    = 1e7    // a step performed ten million times a year by one office is a typing mistake
	MinVolumeAge = 2000   // the first year a volume may be entered for
)

// WorkloadRounding states how kebutuhan pegawai is rounded, as the
// analysis shows it beside the unrounded figure.
var WorkloadRounding = Text{
	ID: "Kebutuhan pegawai dibulatkan dari jumlah seluruh tugas jabatan (bukan per tugas): pecahan 0,5 atau lebih ke atas, di bawah 0,5 ke bawah. Angka sebelum pembulatan ditampilkan. PJ dinilai dari EJ yang dibulatkan dua desimal.",
	EN: "Staff needed is rounded from the position's total (not per task): a fraction of 0.5 or more up, below 0.5 down. The figure before rounding is shown. The grade (PJ) is judged on the EJ rounded to two decimals.",
}

// WorkloadSettings are the administrator's settings of the analysis.
type WorkloadSettings struct {
	WKE   float64 `json:"wke"`   // minutes a year
	Basis string  `json:"basis"` // the legal basis shown beside it
}

// DefaultWorkloadSettings returns the settings before the administrator changes them.
func DefaultWorkloadSettings() WorkloadSettings {
	return WorkloadSettings{WKE: DefaultWKE, Basis: DefaultWKEBasis}
}

// Validate returns the problems of s: a WKE outside MinWKE..MaxWKE, a
// basis missing or too long.
func (s WorkloadSettings) Validate() Problems {
	var c collector
	if s.WKE < MinWKE || s.WKE > MaxWKE || math.IsNaN(s.WKE) {
		c.errorf("wke", "range", "WKE harus antara %d dan %d menit per tahun (1.000 sampai 2.500 jam)",
			"the WKE must be between %d and %d minutes a year (1,000 to 2,500 hours)", MinWKE, MaxWKE)
	}
	if strings.TrimSpace(s.Basis) == "" {
		c.errorf("basis", "required", "dasar hukum WKE wajib diisi", "the legal basis of the WKE is required")
	} else if len([]rune(s.Basis)) > 500 {
		c.errorf("basis", "too_long", "dasar hukum paling panjang 500 karakter", "the legal basis has at most 500 characters")
	}
	return c.list
}

// ValidateVolume returns the problems of a yearly volume entered for an
// SOP: a year outside MinVolumeAge .. this year + 1, a volume below 0 or
// above MaxVolume. today is the date it is entered.
func ValidateVolume(year int, volume float64, today Date) Problems {
	var c collector
	if year < MinVolumeAge || year > today.Year+1 {
		c.errorf("year", "range", "tahun %d di luar jangkauan (%d sampai %d)", "year %d is out of range (%d to %d)",
			year, MinVolumeAge, today.Year+1)
	}
	switch {
	case math.IsNaN(volume) || volume < 0:
		c.errorf("volume", "range", "volume tidak boleh negatif", "the volume cannot be negative")
	case volume > MaxVolume:
		c.errorf("volume", "range", "volume paling banyak %d per tahun", "the volume is at most %d a year", int(MaxVolume))
	case volume != math.Trunc(volume):
		c.errorf("volume", "whole", "volume harus bilangan bulat (jumlah satuan hasil per tahun)",
			"the volume must be a whole number (units of output a year)")
	}
	return c.list
}

// SOPVolume is the volume of an SOP in a year: the one its unit entered
// and the one measured from its cases, side by side.
type SOPVolume struct {
	SOPID    int64
	Year     int
	Entered  *float64 // nil when the unit entered none
	Measured int      // cases started that year and not cancelled
}

// EntitySOPVolume is the audit entity of an SOP's yearly volume; its
// EntityID is "sop id/year".
const EntitySOPVolume = "sop_volume"

// Volume sources.
const (
	VolumeEntered  = "entered"
	VolumeMeasured = "measured"
)

// Used returns the volume the analysis uses, the entered one when there
// is one, else the measured one, and which it is.
func (v SOPVolume) Used() (float64, string) {
	if v.Entered != nil {
		return *v.Entered, VolumeEntered
	}
	return float64(v.Measured), VolumeMeasured
}

// AnalysisSOP is an SOP in force as the analyses read it: its document
// and who performs each pelaksana.
type AnalysisSOP struct {
	ID     int64
	Number string
	Title  string
	Unit   string // the unit's name, as the document gives it
	UnitID int64  // the unit of the organisation, 0 when none matches
	Doc    *Document
	// Positions maps each actor id to the key of the position that
	// performs it ("" for none); External marks actors outside the office.
	Positions map[string]string
	External  map[string]bool
}

// PositionInfo is a position of the organisation as the workload sees it.
type PositionInfo struct {
	Key      string
	Name     string
	UnitID   int64
	UnitName string
	Existing int // employees holding it definitively on the reference day
}

// WorkloadTask is one step of one SOP performed by a position.
type WorkloadTask struct {
	SOPID          int64    `json:"sop"`
	SOPNumber      string   `json:"sopNumber,omitempty"`
	SOPTitle       string   `json:"sopTitle"`
	Step           string   `json:"step"`
	Row            int      `json:"row"` // the printed NO, from 1
	Activity       string   `json:"activity"`
	Output         string   `json:"output,omitempty"`
	EffortMinutes  float64  `json:"effortMinutes"`
	Estimate       bool     `json:"estimate"`         // from the step's time, not its effort
	NoNorm         bool     `json:"noNorm,omitempty"` // neither gives a norma waktu: load 0
	Volume         float64  `json:"volume"`
	VolumeSource   string   `json:"volumeSource"`
	VolumeEntered  *float64 `json:"volumeEntered"`
	VolumeMeasured int      `json:"volumeMeasured"`
	Load           float64  `json:"load"` // minutes a year
}

// PositionWorkload is the ABK of one position.
type PositionWorkload struct {
	Position    string         `json:"position"` // the position's key
	Name        string         `json:"name"`
	UnitID      int64          `json:"-"`
	Unit        string         `json:"unit"`
	Tasks       []WorkloadTask `json:"tasks"`
	Load        float64        `json:"load"`        // Σ beban kerja, minutes a year
	Need        float64        `json:"need"`        // kebutuhan pegawai, unrounded
	NeedRounded int            `json:"needRounded"` // by WorkloadRounding
	Existing    int            `json:"existing"`
	EJ          *float64       `json:"ej"`    // unrounded; nil when no one holds the position
	Grade       string         `json:"grade"` // PJ A–E; "" without EJ
	Overloaded  bool           `json:"overloaded"`
	// Missing counts tasks without a norma waktu; Estimated those whose
	// norm comes from their time.
	Missing   int `json:"missing"`
	Estimated int `json:"estimated"`
}

// UnmappedActor is a pelaksana inside the office that no position
// performs: its steps are in no position's workload until it is mapped.
type UnmappedActor struct {
	SOPID int64  `json:"sop"`
	Title string `json:"sopTitle"`
	Actor string `json:"actor"`
	Name  string `json:"name"`
	Steps int    `json:"steps"`
}

// Workload is the ABK of a set of positions in a year.
type Workload struct {
	Year      int                `json:"year"`
	WKE       float64            `json:"wke"`
	Basis     string             `json:"wkeBasis"`
	Positions []PositionWorkload `json:"positions"`
	Unmapped  []UnmappedActor    `json:"unmapped"`
}

// Grade returns the prestasi jabatan of an efektivitas jabatan, judged on
// ej rounded to two decimals (so that the figure shown and its letter
// agree): A above 1.00, B 0.90–1.00, C 0.70–0.89, D 0.50–0.69, E below.
func Grade(ej float64) string {
	r := math.Round(ej*100) / 100
	switch {
	case r > 1:
		return "A"
	case r >= 0.9:
		return "B"
	case r >= 0.7:
		return "C"
	case r >= 0.5:
		return "D"
	}
	return "E"
}

// RoundNeed rounds kebutuhan pegawai as WorkloadRounding states: half up.
func RoundNeed(need float64) int { return int(math.Floor(need + 0.5)) }

// ComputeWorkload returns the ABK of positions over the tasks of sops,
// with each SOP's volume from volumes (by SOP id; none counts as 0),
// at wke minutes a year. Positions are returned in the order given, each
// with its tasks by SOP and row; tasks of positions not listed are left
// out. Unmapped lists the internal pelaksana of sops that perform steps
// and have no position.
func ComputeWorkload(sops []AnalysisSOP, positions []PositionInfo, volumes map[int64]SOPVolume, wke float64) Workload {
	w := Workload{WKE: wke, Positions: make([]PositionWorkload, len(positions))}
	at := make(map[string]int, len(positions))
	for i, p := range positions {
		at[p.Key] = i
		w.Positions[i] = PositionWorkload{Position: p.Key, Name: p.Name, UnitID: p.UnitID, Unit: p.UnitName, Existing: p.Existing, Tasks: []WorkloadTask{}}
	}
	for si := range sops {
		s := &sops[si]
		vol := volumes[s.ID]
		used, source := vol.Used()
		unmapped := map[string]int{}
		for i := range s.Doc.Steps {
			st := &s.Doc.Steps[i]
			key := s.Positions[st.Actor]
			if key == "" {
				if !s.External[st.Actor] && s.Doc.ActorByID(st.Actor) != nil {
					unmapped[st.Actor]++
				}
				continue
			}
			pi, ok := at[key]
			if !ok {
				continue
			}
			n := NormOf(st)
			t := WorkloadTask{SOPID: s.ID, SOPNumber: s.Number, SOPTitle: s.Title, Step: st.ID, Row: i + 1,
				Activity: st.Activity, Output: st.Output, EffortMinutes: n.Minutes, Estimate: n.Estimate, NoNorm: !n.Known,
				Volume: used, VolumeSource: source, VolumeEntered: vol.Entered, VolumeMeasured: vol.Measured,
				Load: used * n.Minutes}
			p := &w.Positions[pi]
			p.Tasks = append(p.Tasks, t)
			p.Load += t.Load
			if t.NoNorm {
				p.Missing++
			} else if t.Estimate {
				p.Estimated++
			}
		}
		for _, a := range s.Doc.Actors {
			if n := unmapped[a.ID]; n > 0 {
				w.Unmapped = append(w.Unmapped, UnmappedActor{SOPID: s.ID, Title: s.Title, Actor: a.ID, Name: a.Name, Steps: n})
			}
		}
	}
	for i := range w.Positions {
		p := &w.Positions[i]
		p.Need = p.Load / wke
		p.NeedRounded = RoundNeed(p.Need)
		if p.Existing > 0 {
			ej := p.Load / (float64(p.Existing) * wke)
			p.EJ = &ej
			p.Grade = Grade(ej)
			p.Overloaded = p.Grade == "A" // EJ above 1.00: beban berlebih
		}
		slices.SortStableFunc(p.Tasks, func(a, b WorkloadTask) int {
			return cmp.Or(cmp.Compare(a.SOPTitle, b.SOPTitle), cmp.Compare(a.SOPID, b.SOPID), cmp.Compare(a.Row, b.Row))
		})
	}
	if w.Unmapped == nil {
		w.Unmapped = []UnmappedActor{}
	}
	return w
}

// FormatMinutes returns minutes as Indonesian text with thousands
// separators: 182880 → "182.880"; fractions to two decimals: "2,44".
func FormatMinutes(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	whole := int64(v)
	frac := math.Round((v - float64(whole)) * 100)
	if frac == 100 {
		whole, frac = whole+1, 0
	}
	s := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac > 0 {
		b.WriteString("," + strconv.FormatInt(int64(100+frac), 10)[1:])
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// AnalysisService is what the analyses need of the store beyond the
// SOPs and the organisation.
type AnalysisService interface {
	// AnalysisSOPs returns every SOP with a version in force today, its
	// actors mapped to positions as a case started today maps them.
	AnalysisSOPs(ctx context.Context) ([]AnalysisSOP, error)
	// SetSOPVolume stores the volume of an SOP in a year (audited):
	// ENOTFOUND for an unknown SOP, EINVALID per ValidateVolume.
	SetSOPVolume(ctx context.Context, sopID int64, year int, volume float64) (SOPVolume, error)
	// SOPVolumes returns the entered and measured volumes of every SOP
	// that has either in year.
	SOPVolumes(ctx context.Context, year int) (map[int64]SOPVolume, error)
}
