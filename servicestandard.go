package esop

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Standar Pelayanan (PermenPANRB No. 15 Tahun 2014; UU 25/2009 Pasal 21):
// the office's published promise for one public service, in fourteen
// components, six of service delivery and eight of how the service is
// made. Each standard is linked to the SOP that carries out the service,
// and is checked against it (CheckServiceStandard).

// ServiceStandard is one service standard of the register.
type ServiceStandard struct {
	ID    int64  `json:"id"`
	SOPID int64  `json:"sop"`
	Name  string `json:"name"`
	// Maklumat is the maklumat pelayanan printed on the public page; ""
	// prints DefaultMaklumat.
	Maklumat   string            `json:"maklumat,omitempty"`
	Components ServiceComponents `json:"components"`
	// Revision counts the saves; an edit names the revision it started
	// from (optimistic locking), and every save is audited with the
	// standard before and after.
	Revision  int       `json:"revision"`
	CreatedBy string    `json:"createdBy,omitempty"` // user names: not shown to the public
	UpdatedBy string    `json:"updatedBy,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// ServiceComponents are the fourteen components of PermenPANRB 15/2014,
// in its order.
type ServiceComponents struct {
	// Service delivery (penyampaian pelayanan).
	Requirements []string        `json:"requirements"` // persyaratan
	Procedure    string          `json:"procedure"`    // sistem, mekanisme dan prosedur
	Duration     ServiceDuration `json:"duration"`     // jangka waktu pelayanan
	Cost         string          `json:"cost"`         // biaya/tarif
	Product      string          `json:"product"`      // produk pelayanan
	Complaints   string          `json:"complaints"`   // penanganan pengaduan, saran dan masukan
	// Manufacturing (pengelolaan pelayanan).
	LegalBasis  []string `json:"legalBasis"`  // dasar hukum
	Facilities  []string `json:"facilities"`  // sarana dan prasarana, fasilitas
	Competence  []string `json:"competence"`  // kompetensi pelaksana
	Supervision string   `json:"supervision"` // pengawasan internal
	Staffing    int      `json:"staffing"`    // jumlah pelaksana
	Guarantee   string   `json:"guarantee"`   // jaminan pelayanan
	Safety      string   `json:"safety"`      // jaminan keamanan dan keselamatan pelayanan
	Evaluation  string   `json:"evaluation"`  // evaluasi kinerja pelaksana
}

// ServiceDuration is the jangka waktu: a positive value in a time unit of
// the SOPs (TimeUnits); a day is a working day, as in the SOPs.
type ServiceDuration struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

// Duration returns d as an SOP duration, for comparing and printing.
func (d ServiceDuration) Duration() *Duration { return &Duration{Value: d.Value, Unit: d.Unit} }

// ServiceComponentKeys are the JSON keys of the components in the order
// of PermenPANRB 15/2014; ServiceComponentNames their names.
var ServiceComponentKeys = []string{"requirements", "procedure", "duration", "cost", "product", "complaints",
	"legalBasis", "facilities", "competence", "supervision", "staffing", "guarantee", "safety", "evaluation"}

// ServiceComponentNames names each component in Indonesian and English.
var ServiceComponentNames = map[string]Text{
	"requirements": {"Persyaratan", "Requirements"},
	"procedure":    {"Sistem, mekanisme dan prosedur", "System, mechanism and procedure"},
	"duration":     {"Jangka waktu pelayanan", "Service time"},
	"cost":         {"Biaya/tarif", "Cost/fee"},
	"product":      {"Produk pelayanan", "Service product"},
	"complaints":   {"Penanganan pengaduan, saran dan masukan", "Complaints, suggestions and feedback"},
	"legalBasis":   {"Dasar hukum", "Legal basis"},
	"facilities":   {"Sarana dan prasarana, dan/atau fasilitas", "Facilities and infrastructure"},
	"competence":   {"Kompetensi pelaksana", "Staff competence"},
	"supervision":  {"Pengawasan internal", "Internal supervision"},
	"staffing":     {"Jumlah pelaksana", "Number of staff"},
	"guarantee":    {"Jaminan pelayanan", "Service guarantee"},
	"safety":       {"Jaminan keamanan dan keselamatan pelayanan", "Security and safety guarantee"},
	"evaluation":   {"Evaluasi kinerja pelaksana", "Staff performance evaluation"},
}

// DefaultMaklumat is the maklumat pelayanan printed when a standard gives
// none: the wording offices publish after the model of PermenPANRB
// 15/2014 (see docs/decisions.md).
var DefaultMaklumat = Text{
	ID: "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.",
	EN: "We hereby declare that we are able to deliver the service according to the service standard set, and that if we do not keep this promise we are ready to accept sanctions under the laws and regulations in force.",
}

// Bounds of a service standard.
const (
	MaxServiceText     = 2000  // characters of one text component
	MaxServiceItem     = 500   // characters of one item of a list
	MaxServiceItems    = 50    // items of one list
	MaxServiceName     = 200   // characters of the name
	MaxServiceStaffing = 10000 // people
	MaxServiceMinutes  = 5 * 22 * 8 * 60 * 12
)

// EntityServiceStandard is the audit entity of a service standard; its
// EntityID is the standard's id.
const EntityServiceStandard = "service_standard"

// Normalize trims every text and list item of s and drops empty items,
// so that what is checked is what is stored.
func (s *ServiceStandard) Normalize() {
	s.Name = strings.TrimSpace(s.Name)
	s.Maklumat = strings.TrimSpace(s.Maklumat)
	c := &s.Components
	for _, p := range []*string{&c.Procedure, &c.Cost, &c.Product, &c.Complaints, &c.Supervision, &c.Guarantee, &c.Safety, &c.Evaluation} {
		*p = strings.TrimSpace(*p)
	}
	for _, l := range []*[]string{&c.Requirements, &c.LegalBasis, &c.Facilities, &c.Competence} {
		out := []string{}
		for _, it := range *l {
			if it = strings.TrimSpace(it); it != "" {
				out = append(out, it)
			}
		}
		*l = out
	}
	c.Duration.Unit = strings.TrimSpace(c.Duration.Unit)
}

// Validate returns every problem of s, each with its JSON path
// ("components.duration.unit"): a name, every component required, the
// duration's unit one of TimeUnits and its value positive, the jumlah
// pelaksana a whole number from 1. Call Normalize first.
func (s *ServiceStandard) Validate() Problems {
	var c collector
	switch n := len([]rune(s.Name)); {
	case n == 0:
		c.errorf("name", "required", "nama layanan wajib diisi", "the name of the service is required")
	case n > MaxServiceName:
		c.errorf("name", "too_long", "nama layanan paling panjang %d karakter", "the name has at most %d characters", MaxServiceName)
	}
	if len([]rune(s.Maklumat)) > MaxServiceText {
		c.errorf("maklumat", "too_long", "maklumat pelayanan paling panjang %d karakter", "the maklumat has at most %d characters", MaxServiceText)
	}
	cm := &s.Components
	texts := map[string]string{"procedure": cm.Procedure, "cost": cm.Cost, "product": cm.Product, "complaints": cm.Complaints,
		"supervision": cm.Supervision, "guarantee": cm.Guarantee, "safety": cm.Safety, "evaluation": cm.Evaluation}
	lists := map[string][]string{"requirements": cm.Requirements, "legalBasis": cm.LegalBasis, "facilities": cm.Facilities, "competence": cm.Competence}
	for _, key := range ServiceComponentKeys {
		path, name := "components."+key, ServiceComponentNames[key]
		if t, ok := texts[key]; ok {
			switch n := len([]rune(t)); {
			case n == 0:
				c.addText(SeverityError, path, "required", Text{ID: name.ID + " wajib diisi", EN: name.EN + " is required"})
			case n > MaxServiceText:
				c.addText(SeverityError, path, "too_long", Text{ID: fmt.Sprintf("%s paling panjang %d karakter", name.ID, MaxServiceText),
					EN: fmt.Sprintf("%s has at most %d characters", name.EN, MaxServiceText)})
			}
		}
		if l, ok := lists[key]; ok {
			switch {
			case len(l) == 0:
				c.addText(SeverityError, path, "required", Text{ID: name.ID + " wajib diisi, paling sedikit satu butir", EN: name.EN + " is required: at least one item"})
			case len(l) > MaxServiceItems:
				c.addText(SeverityError, path, "too_many", Text{ID: fmt.Sprintf("%s paling banyak %d butir", name.ID, MaxServiceItems),
					EN: fmt.Sprintf("%s has at most %d items", name.EN, MaxServiceItems)})
			}
			for i, it := range l {
				if len([]rune(it)) > MaxServiceItem {
					c.addText(SeverityError, fmt.Sprintf("%s[%d]", path, i), "too_long", Text{ID: fmt.Sprintf("butir paling panjang %d karakter", MaxServiceItem),
						EN: fmt.Sprintf("an item has at most %d characters", MaxServiceItem)})
				}
			}
		}
	}
	d := cm.Duration
	switch {
	case d.Unit == "":
		c.errorf("components.duration.unit", "required", "satuan jangka waktu wajib diisi (%s)", "the unit of the service time is required (%s)", strings.Join(TimeUnits, ", "))
	case !slices.Contains(TimeUnits, d.Unit):
		c.errorf("components.duration.unit", "unit", "satuan jangka waktu %q tidak dikenal; pilih salah satu dari %s", "unknown unit %q of the service time; choose one of %s", d.Unit, strings.Join(TimeUnits, ", "))
	}
	switch {
	case math.IsNaN(d.Value) || math.IsInf(d.Value, 0) || d.Value <= 0:
		c.errorf("components.duration.value", "range", "jangka waktu harus lebih dari 0", "the service time must be more than 0")
	case slices.Contains(TimeUnits, d.Unit) && d.Duration().WorkingMinutes() > MaxServiceMinutes:
		c.errorf("components.duration.value", "range", "jangka waktu paling lama lima tahun kerja", "the service time is at most five working years")
	}
	switch {
	case cm.Staffing < 1:
		c.errorf("components.staffing", "range", "jumlah pelaksana wajib diisi, paling sedikit 1 orang", "the number of staff is required, at least 1")
	case cm.Staffing > MaxServiceStaffing:
		c.errorf("components.staffing", "range", "jumlah pelaksana paling banyak %d orang", "the number of staff is at most %d", MaxServiceStaffing)
	}
	return c.list
}

// ServiceFinding is one mismatch between a standard and its SOP:
// which component, what the standard says (Expected) and what the SOP
// has (Found), and where in the SOP (Step, "" for the SOP as a whole).
type ServiceFinding struct {
	Component string `json:"component"`
	Message   Text   `json:"message"`
	SOP       int64  `json:"sop"`
	Step      string `json:"step,omitempty"`
	Expected  string `json:"expected"`
	Found     string `json:"found"`
}

// ServiceNote is a check that could not be made, and why.
type ServiceNote struct {
	Component string `json:"component"`
	Message   Text   `json:"message"`
}

// ServiceStaffing is what the workload analysis says of the positions
// that perform an SOP's steps: how many people hold them and how many
// the SOP's own yearly load needs.
type ServiceStaffing struct {
	Known    bool    // false when the SOP is not in force or no position performs its steps
	Year     int     // of the volume
	Existing int     // definitive holders of the positions, summed
	Need     float64 // Σ load of the SOP's tasks ÷ WKE, unrounded
	Volume   float64 // the volume used; 0 gives no need
	Unmapped int     // internal pelaksana without a position
}

// ServiceCheck is the result of checking a standard against its SOP.
type ServiceCheck struct {
	OK       bool             `json:"ok"`
	Findings []ServiceFinding `json:"findings"`
	Notes    []ServiceNote    `json:"notes"`
}

// CheckServiceStandard checks s against doc, the version of its SOP that
// is in force (sopID its id), as the domain notes ask (the rules are in
// docs/decisions.md):
//
//   - persyaratan: every requirement is among the kelengkapan of the
//     intake steps (from the first step to the first decision, the
//     completeness check, along the path without rework);
//   - jangka waktu: the SOP's total time (TotalTime, working-day
//     comparison minutes) is not longer than the standard's;
//   - produk: the product is the output, or what is handed over (the
//     kelengkapan), of a step that ends the flow;
//   - dasar hukum: every legal basis of the standard is in the SOP's
//     Dasar Hukum (the same regulation by kind, number and year);
//   - sarana: every facility is among the SOP's Peralatan/Perlengkapan;
//   - jumlah pelaksana: not more than the people holding the positions
//     that perform the SOP, and not fewer than the SOP's yearly load
//     needs (st, from the workload analysis).
//
// Texts match when, folded to lower-case words, one contains the other.
func CheckServiceStandard(s *ServiceStandard, sopID int64, doc *Document, st ServiceStaffing) ServiceCheck {
	out := ServiceCheck{Findings: []ServiceFinding{}, Notes: []ServiceNote{}}
	cm := &s.Components
	find := func(component, step, expected, found string, msg Text) {
		out.Findings = append(out.Findings, ServiceFinding{Component: component, Message: msg, SOP: sopID, Step: step, Expected: expected, Found: found})
	}
	note := func(component string, msg Text) {
		out.Notes = append(out.Notes, ServiceNote{Component: component, Message: msg})
	}
	path := NoReworkPath(doc)

	// Persyaratan against the kelengkapan of the intake steps.
	var intake []string
	var intakeSteps []string
	for _, i := range path {
		step := &doc.Steps[i]
		intake = append(intake, step.Requirements...)
		intakeSteps = append(intakeSteps, step.ID)
		if step.Decision != nil {
			break
		}
	}
	if len(path) == 0 && len(doc.Steps) > 0 {
		intake, intakeSteps = doc.Steps[0].Requirements, []string{doc.Steps[0].ID}
	}
	for _, req := range cm.Requirements {
		if !matchesAny(req, intake) {
			find("requirements", strings.Join(intakeSteps, ","), req, strings.Join(intake, "; "), Text{
				ID: fmt.Sprintf("persyaratan %q tidak tercantum pada kelengkapan kegiatan penerimaan SOP (kegiatan %s)", req, strings.Join(rows(doc, intakeSteps), ", ")),
				EN: fmt.Sprintf("requirement %q is not among the kelengkapan of the SOP's intake steps (steps %s)", req, strings.Join(rows(doc, intakeSteps), ", "))})
		}
	}

	// Jangka waktu against the total time.
	std := cm.Duration.Duration()
	total := TotalTime(doc)
	switch {
	case total.WorkingMinutes() == 0:
		note("duration", Text{ID: "SOP tidak mempunyai waktu terukur untuk dijumlahkan; jangka waktu tidak dapat dibandingkan",
			EN: "the SOP has no measured times to add up; the service time cannot be compared"})
	case total.WorkingMinutes() > std.WorkingMinutes():
		find("duration", "", std.In("id"), total.In("id"), Text{
			ID: fmt.Sprintf("jumlah waktu SOP (%s) melebihi jangka waktu standar pelayanan (%s)", total.In("id"), std.In("id")),
			EN: fmt.Sprintf("the SOP's total time (%s) exceeds the service time of the standard (%s)", total.In("en"), std.In("en"))})
	}
	if len(total.Text) > 0 && total.WorkingMinutes() > 0 {
		var rs []string
		for _, t := range total.Text {
			rs = append(rs, fmt.Sprint(t.Row))
		}
		note("duration", Text{ID: "waktu kegiatan " + strings.Join(rs, ", ") + " berupa teks dan tidak ikut dijumlahkan",
			EN: "the time of step(s) " + strings.Join(rs, ", ") + " is text and is not added up"})
	}

	// Produk against the final output: the output, or what is handed
	// over, of a step that ends the flow (a service may end in more than
	// one result, as a mediation in a Perjanjian Bersama or an anjuran).
	var ends []int
	for i := range doc.Steps {
		if doc.IsEnd(i) {
			ends = append(ends, i)
		}
	}
	if len(ends) == 0 {
		note("product", Text{ID: "SOP tidak mempunyai kegiatan akhir; produk tidak dapat dibandingkan",
			EN: "the SOP has no final step; the product cannot be compared"})
	} else if !slices.ContainsFunc(ends, func(i int) bool {
		return matches(cm.Product, doc.Steps[i].Output) || matchesAny(cm.Product, doc.Steps[i].Requirements)
	}) {
		var outs, ids, nos []string
		for _, i := range ends {
			outs = append(outs, doc.Steps[i].Output)
			ids = append(ids, doc.Steps[i].ID)
			nos = append(nos, fmt.Sprint(i+1))
		}
		find("product", strings.Join(ids, ","), cm.Product, strings.Join(outs, "; "), Text{
			ID: fmt.Sprintf("produk pelayanan %q tidak sama dengan output kegiatan akhir SOP (kegiatan %s: %s)", cm.Product, strings.Join(nos, ", "), strings.Join(outs, "; ")),
			EN: fmt.Sprintf("the service product %q is not the output of the SOP's final step (step %s: %s)", cm.Product, strings.Join(nos, ", "), strings.Join(outs, "; "))})
	}

	// Dasar hukum against the SOP's.
	var cited []string
	keys := map[string]bool{}
	for _, r := range doc.LegalBasis {
		keys[r.Key()] = true
		cited = append(cited, r.Cite(doc.Government))
	}
	for _, lb := range cm.LegalBasis {
		ref := LegalRef{Text: lb}
		if keys[ref.Key()] || matchesAny(lb, cited) {
			continue
		}
		find("legalBasis", "", lb, strings.Join(cited, "; "), Text{
			ID: fmt.Sprintf("dasar hukum %q tidak tercantum pada Dasar Hukum SOP", lb),
			EN: fmt.Sprintf("legal basis %q is not in the SOP's Dasar Hukum", lb)})
	}

	// Sarana against the SOP's Peralatan/Perlengkapan.
	for _, f := range cm.Facilities {
		if !matchesAny(f, doc.Equipment) {
			find("facilities", "", f, strings.Join(doc.Equipment, "; "), Text{
				ID: fmt.Sprintf("sarana %q tidak tercantum pada Peralatan/Perlengkapan SOP", f),
				EN: fmt.Sprintf("facility %q is not in the SOP's equipment (Peralatan/Perlengkapan)", f)})
		}
	}

	// Jumlah pelaksana against the workload.
	switch {
	case !st.Known:
		note("staffing", Text{ID: "SOP belum berlaku atau pelaksananya belum dipetakan ke jabatan; jumlah pelaksana tidak dapat dibandingkan dengan analisis beban kerja",
			EN: "the SOP is not in force or its pelaksana are not mapped to positions; the number of staff cannot be compared with the workload analysis"})
	default:
		if st.Existing < cm.Staffing {
			find("staffing", "", fmt.Sprint(cm.Staffing), fmt.Sprint(st.Existing), Text{
				ID: fmt.Sprintf("standar menyebut %d pelaksana, tetapi jabatan pelaksana SOP hanya diisi %d pegawai", cm.Staffing, st.Existing),
				EN: fmt.Sprintf("the standard names %d staff, but the positions that perform the SOP are held by %d employees", cm.Staffing, st.Existing)})
		}
		if st.Volume <= 0 {
			note("staffing", Text{ID: fmt.Sprintf("volume SOP tahun %d belum ada; kebutuhan pegawai dari beban kerja tidak dihitung", st.Year),
				EN: fmt.Sprintf("the SOP has no volume for %d; the staff needed by the workload is not computed", st.Year)})
		} else if st.Need > float64(cm.Staffing)+1e-9 {
			find("staffing", "", fmt.Sprint(cm.Staffing), FormatMinutes(st.Need), Text{
				ID: fmt.Sprintf("beban kerja SOP tahun %d membutuhkan %s pegawai, lebih dari jumlah pelaksana standar (%d)", st.Year, FormatMinutes(st.Need), cm.Staffing),
				EN: fmt.Sprintf("the SOP's workload in %d needs %s staff, more than the standard's number of staff (%d)", st.Year, FormatMinutes(st.Need), cm.Staffing)})
		}
		if st.Unmapped > 0 {
			note("staffing", Text{ID: fmt.Sprintf("%d pelaksana SOP belum dipetakan ke jabatan dan tidak ikut dihitung", st.Unmapped),
				EN: fmt.Sprintf("%d pelaksana of the SOP are not mapped to positions and are not counted", st.Unmapped)})
		}
	}
	out.OK = len(out.Findings) == 0
	return out
}

// rows returns the printed numbers (NO) of the steps with ids.
func rows(d *Document, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, fmt.Sprint(d.StepIndex(id)+1))
	}
	return out
}

// foldWords returns s in lower case with every run of characters other
// than letters and digits turned into one space, padded with spaces.
func foldWords(s string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// matches reports whether a and b name the same thing: folded to words,
// one contains the other (whole words).
func matches(a, b string) bool {
	fa, fb := foldWords(a), foldWords(b)
	if strings.TrimSpace(fa) == "" || strings.TrimSpace(fb) == "" {
		return false
	}
	return strings.Contains(fa, fb) || strings.Contains(fb, fa)
}

func matchesAny(a string, list []string) bool {
	return slices.ContainsFunc(list, func(b string) bool { return matches(a, b) })
}

// ServiceStandardService keeps the register of service standards.
type ServiceStandardService interface {
	// CreateServiceStandard stores a new standard (audited): EINVALID
	// with every problem per Validate, or at path "sop" for an SOP that
	// does not exist or has no approved version; ECONFLICT when the SOP
	// has a standard already.
	CreateServiceStandard(ctx context.Context, s *ServiceStandard) (*ServiceStandard, error)
	// UpdateServiceStandard replaces the standard's name, maklumat and
	// components from revision (audited with before and after): ENOTFOUND,
	// ECONFLICT for a stale revision, EINVALID as for creating. The SOP
	// it is linked to does not change.
	UpdateServiceStandard(ctx context.Context, s *ServiceStandard, revision int) (*ServiceStandard, error)
	// FindServiceStandard returns ENOTFOUND if there is no such standard.
	FindServiceStandard(ctx context.Context, id int64) (*ServiceStandard, error)
	// FindServiceStandardBySOP returns the SOP's standard, ENOTFOUND when none.
	FindServiceStandardBySOP(ctx context.Context, sopID int64) (*ServiceStandard, error)
	// FindServiceStandards returns every standard, by name.
	FindServiceStandards(ctx context.Context) ([]*ServiceStandard, error)
}
