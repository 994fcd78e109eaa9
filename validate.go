package esop

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// ManyActors is the number of pelaksana above which the validator warns:
// more columns no longer fit a landscape page legibly. MaxActors is the
// most it accepts.
const ManyActors = 8

// ValidateOptions gives the validator what is not in the document.
type ValidateOptions struct {
	// Today is the date against which review dates are judged; the zero
	// Date skips that warning.
	Today Date
	// ServiceStandard is the jangka waktu of the service's standar
	// pelayanan, when one is recorded for a service SOP.
	ServiceStandard *Duration
	// Print, when set, lays the document out for printing and returns the
	// problems of its print as warnings: a row too tall for any page
	// (layout.PrintProblems). This package cannot lay out (layout imports
	// it), so the callers that can pass it; without it that warning is
	// not given. It is called only for a document without errors.
	Print func(*Document) Problems
}

// Validate checks a document against every rule of esop.sop/1 and returns
// all errors and warnings at once, each with its JSON path. A document
// with errors must not be stored.
func Validate(d *Document, opt ValidateOptions) Problems {
	v := validator{d: d}
	if v.oversized() {
		return v.c.list
	}
	v.identity()
	v.approval()
	v.actors()
	v.steps()
	v.flow()
	v.limits()
	v.warnings(opt)
	v.identityWarnings()
	if opt.Print != nil && !v.c.list.HasErrors() {
		for _, p := range opt.Print(d) {
			p.Severity = SeverityWarning // the spec: stored, shown, not refused
			v.c.list = append(v.c.list, p)
		}
	}
	return v.c.list
}

// CheckDocuments decodes data and validates every document it holds.
func CheckDocuments(data []byte, opt ValidateOptions) ([]*Document, Problems) {
	docs, ps := DecodeDocuments(data)
	if len(docs) == 1 && !strings.HasPrefix(strings.TrimSpace(string(data)), "[") {
		return docs, append(ps, Validate(docs[0], opt)...)
	}
	for i, d := range docs {
		ps = append(ps, Validate(d, opt).Prefixed(index("", i))...)
	}
	return docs, ps
}

type validator struct {
	d *Document
	c collector
}

func (v *validator) required(path, value string) bool {
	if strings.TrimSpace(value) == "" {
		v.c.errorf(path, "required", "wajib diisi", "is required")
		return false
	}
	return true
}

func (v *validator) oneOf(path, value string, allowed ...string) {
	if value != "" && !slices.Contains(allowed, value) {
		v.c.errorf(path, "enum", "nilai %q tidak dikenal; pilih salah satu dari: %s",
			"unknown value %q; use one of: %s", value, strings.Join(allowed, ", "))
	}
}

func (v *validator) identity() {
	d := v.d
	switch {
	case d.Format == "":
		v.c.errorf("format", "required", "wajib diisi dengan %q", "is required and must be %q", FormatV1)
	case d.Format != FormatV1:
		v.c.errorf("format", "format", "format %q tidak dikenal; harus %q", "unknown format %q; must be %q", d.Format, FormatV1)
	}
	v.required("title", d.Title)
	v.required("agency", d.Agency)
	v.required("unit", d.Unit)
	v.oneOf("type", d.Type, TypeAdministratif, TypeTeknis)
	v.oneOf("category", d.Category, CategoryPelayanan, CategoryRutin, CategoryPenugasan)
	for i, r := range d.LegalBasis {
		v.legalRef(index("legalBasis", i), r)
	}
	if l := d.Layout; l != nil {
		v.oneOf("layout.paper", l.Paper, PaperA4, PaperF4)
		if l.FirstPageSteps < 0 {
			v.c.errorf("layout.firstPageSteps", "range", "harus bilangan bulat 1 atau lebih", "must be a whole number of 1 or more")
		}
		if l.PageSteps < 0 {
			v.c.errorf("layout.pageSteps", "range", "harus bilangan bulat 1 atau lebih", "must be a whole number of 1 or more")
		}
	}
}

func (v *validator) legalRef(path string, r LegalRef) {
	if r.Text != "" {
		return
	}
	if !v.required(path+".kind", r.Kind) {
		return
	}
	v.required(path+".number", r.Number)
	if r.Year < 1945 || r.Year > 2200 {
		v.c.errorf(path+".year", "range", "tahun %d tidak masuk akal (1945 atau sesudahnya)", "year %d is not plausible (1945 or later)", r.Year)
	}
}

func (v *validator) approval() {
	d := v.d
	a := d.Approval
	if a == nil {
		return
	}
	if strings.TrimSpace(d.Number) == "" {
		v.c.errorf("number", "required", "SOP yang disahkan wajib mempunyai Nomor SOP", "an approved SOP must have a number")
	}
	if d.Dates.Effective.IsZero() {
		v.c.errorf("dates.effective", "required", "SOP yang disahkan wajib mempunyai Tanggal Efektif", "an approved SOP must have an effective date")
	}
	v.required("approval.position", a.Position)
	v.required("approval.name", a.Name)
	v.oneOf("approval.capacity", a.Capacity, CapacityDefinitif, CapacityPlt, CapacityPlh, CapacityAn)
	if a.NIP != "" {
		n, bad := ParseNIP(a.NIP)
		if bad != nil {
			v.c.addText(SeverityError, "approval.nip", "nip", *bad)
		} else if soft := n.Plausible(); soft != nil {
			v.c.addText(SeverityWarning, "approval.nip", "nip", *soft)
		}
	}
}

func (v *validator) actors() {
	d := v.d
	if len(d.Actors) == 0 {
		v.c.errorf("actors", "required", "wajib ada sekurang-kurangnya satu pelaksana", "at least one actor (pelaksana) is required")
	}
	seen := map[string]int{}
	for i, a := range d.Actors {
		p := index("actors", i)
		if v.required(p+".id", a.ID) {
			if j, dup := seen[a.ID]; dup {
				v.c.errorf(p+".id", "duplicate_id", "id pelaksana %q sudah dipakai oleh actors[%d]", "actor id %q is already used by actors[%d]", a.ID, j)
			} else {
				seen[a.ID] = i
			}
		}
		v.required(p+".name", a.Name)
	}
	if len(d.Actors) > ManyActors {
		v.c.warnf("actors", "too_many_actors", "%d pelaksana; lebih dari %d kolom sulit dibaca pada satu halaman",
			"%d actors; more than %d columns are hard to read on one page", len(d.Actors), ManyActors)
	}
}

func (v *validator) steps() {
	d := v.d
	if len(d.Steps) == 0 {
		v.c.errorf("steps", "required", "wajib ada sekurang-kurangnya satu kegiatan", "at least one step is required")
		return
	}
	seen := map[string]int{}
	for i, s := range d.Steps {
		p := index("steps", i)
		if v.required(p+".id", s.ID) {
			if j, dup := seen[s.ID]; dup {
				v.c.errorf(p+".id", "duplicate_id", "id kegiatan %q sudah dipakai oleh steps[%d]", "step id %q is already used by steps[%d]", s.ID, j)
			} else {
				seen[s.ID] = i
			}
		}
		v.required(p+".activity", s.Activity)
		if v.required(p+".actor", s.Actor) && d.ActorByID(s.Actor) == nil {
			v.c.errorf(p+".actor", "unknown_ref", "pelaksana %q tidak ada di actors", "actor %q is not in actors", s.Actor)
		}
		v.stepFlow(i, p, seen)
		v.time(p+".time", s.Time)
		v.effort(p+".effort", s.Effort, s.Time)
	}
}

func (v *validator) stepFlow(i int, p string, _ map[string]int) {
	d, s := v.d, v.d.Steps[i]
	ref := func(path, id string) {
		if id != "" && d.StepIndex(id) < 0 {
			v.c.errorf(path, "unknown_ref", "kegiatan %q tidak ada di steps", "step %q is not in steps", id)
		}
	}
	ref(p+".next", s.Next)
	if s.Decision != nil {
		if i == 0 {
			v.c.errorf(p+".decision", "decision_first", "kegiatan pertama (mulai) tidak boleh berupa keputusan",
				"the first step (the start) cannot be a decision")
		}
		if s.Next != "" {
			v.c.errorf(p+".next", "decision_next", "keputusan tidak boleh mempunyai next; gunakan decision.yes dan decision.no",
				"a decision cannot have next; use decision.yes and decision.no")
		}
		for _, b := range []struct{ key, id string }{{"yes", s.Decision.Yes}, {"no", s.Decision.No}} {
			if strings.TrimSpace(b.id) == "" {
				v.c.errorf(p+".decision."+b.key, "decision_branch", "cabang keputusan wajib diisi dengan id kegiatan",
					"the decision branch is required: give a step id")
			}
			ref(p+".decision."+b.key, b.id)
		}
		if s.Decision.Yes != "" && s.Decision.Yes == s.Decision.No {
			v.c.warnf(p+".decision", "decision_same", "kedua cabang keputusan menuju kegiatan yang sama",
				"both branches of the decision go to the same step")
		}
		// A branch back to the deciding step itself repeats the decision
		// with nothing done between: the rework is a step of its own (and
		// the flowchart draws the loop into the diamond's own top).
		for _, b := range []struct{ key, id string }{{"yes", s.Decision.Yes}, {"no", s.Decision.No}} {
			if s.ID != "" && b.id == s.ID && s.Decision.Yes != s.Decision.No {
				v.c.warnf(p+".decision."+b.key, "decision_self",
					"cabang keputusan kembali ke kegiatan ini sendiri: keputusan diulang tanpa kegiatan perbaikan; arahkan ke kegiatan yang memperbaikinya",
					"the decision branch leads back to this same step: the decision repeats with nothing done between; point it at the step that makes the correction")
			}
		}
	}
	if s.End && (s.Next != "" || s.Decision != nil) {
		v.c.errorf(p+".end", "end_conflict", "kegiatan akhir (end) tidak boleh mempunyai next atau decision",
			"an end step cannot have next or decision")
	}
}

func (v *validator) time(p string, t *Duration) {
	if t == nil {
		return
	}
	switch {
	case t.Unit == "" && t.Value == 0 && strings.TrimSpace(t.Text) == "":
		v.c.errorf(p, "required", "isi value dan unit, atau text", "give value and unit, or text")
	case t.Unit != "" && !slices.Contains(TimeUnits, t.Unit):
		v.c.errorf(p+".unit", "time_unit", "satuan waktu %q tidak dikenal; pilih salah satu dari: %s",
			"unknown time unit %q; use one of: %s", t.Unit, strings.Join(TimeUnits, ", "))
	case t.Unit != "" && t.Value <= 0:
		v.c.errorf(p+".value", "time_value", "waktu harus lebih dari 0", "the time must be greater than 0")
	case t.Unit == "" && t.Value != 0:
		v.c.errorf(p+".unit", "required", "satuan waktu wajib diisi (%s)", "the time unit is required (%s)", strings.Join(TimeUnits, ", "))
	}
}

// flow checks that every step can be reached from the start and that an
// end can be reached from every step.
func (v *validator) flow() {
	d := v.d
	n := len(d.Steps)
	if n == 0 {
		return
	}
	reach := make([]bool, n)
	queue := []int{0}
	reach[0] = true
	pred := make([][]int, n)
	for i := range d.Steps {
		for _, j := range d.Successors(i) {
			pred[j] = append(pred[j], i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range d.Successors(i) {
			if !reach[j] {
				reach[j] = true
				queue = append(queue, j)
			}
		}
	}
	ends := make([]bool, n)
	queue = queue[:0]
	for i := range d.Steps {
		if d.IsEnd(i) {
			ends[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range pred[i] {
			if !ends[j] {
				ends[j] = true
				queue = append(queue, j)
			}
		}
	}
	for i := range d.Steps {
		p := index("steps", i)
		if !reach[i] {
			v.c.errorf(p, "unreachable", "kegiatan %q tidak dapat dicapai dari kegiatan pertama",
				"step %q cannot be reached from the first step", d.Steps[i].ID)
		}
		if !ends[i] {
			v.c.errorf(p, "no_end", "dari kegiatan %q tidak ada jalan menuju akhir (end); alur berputar tanpa keluar",
				"no end can be reached from step %q; the flow loops without a way out", d.Steps[i].ID)
		}
	}
}

func (v *validator) warnings(opt ValidateOptions) {
	d := v.d
	used := map[string]bool{}
	for i, s := range d.Steps {
		p := index("steps", i)
		used[s.Actor] = true
		if s.Time == nil {
			v.c.warnf(p+".time", "missing_time", "waktu (mutu baku) belum diisi", "no time (mutu baku) is given")
		}
		if strings.TrimSpace(s.Output) == "" {
			v.c.warnf(p+".output", "missing_output", "output (mutu baku) belum diisi", "no output (mutu baku) is given")
		}
		if i == 0 && d.Category == CategoryPelayanan && len(s.Requirements) == 0 {
			v.c.warnf(p+".requirements", "missing_requirements", "kelengkapan (persyaratan) layanan belum diisi pada kegiatan pertama",
				"the first step of a service gives no requirements (kelengkapan)")
		}
		if s.Activity != "" && !StartsWithVerb(s.Activity) {
			v.c.warnf(p+".activity", "activity_verb", "kegiatan sebaiknya diawali kata kerja aktif tanpa subjek, misalnya \"Menerima berkas\"",
				"an activity should start with an active verb and no subject, for example \"Menerima berkas\"")
		}
	}
	for i, a := range d.Actors {
		if a.ID != "" && !used[a.ID] {
			v.c.warnf(index("actors", i), "actor_unused", "pelaksana %q tidak mempunyai kegiatan", "actor %q has no steps", a.Name)
		}
	}
	dt := d.Dates
	if !dt.Effective.IsZero() && !dt.Created.IsZero() && dt.Effective.Before(dt.Created) {
		v.c.warnf("dates.effective", "effective_before_created", "Tanggal Efektif (%s) lebih awal dari Tanggal Pembuatan (%s)",
			"the effective date (%s) is earlier than the creation date (%s)", dt.Effective, dt.Created)
	}
	if !opt.Today.IsZero() && !dt.Revised.IsZero() && dt.Revised.Before(opt.Today) && d.IsApproved() {
		v.c.warnf("dates.revised", "review_overdue", "Tanggal Revisi (tinjauan) %s sudah lewat; SOP perlu ditinjau",
			"the review date %s has passed; the SOP is due for review", dt.Revised)
	}
	if std := opt.ServiceStandard; std != nil && d.Category == CategoryPelayanan {
		// The total along the longest path without rework, compared with
		// a day as 8 hours, a week as 5 days, a month as 22 days.
		total := TotalTime(d)
		if total.WorkingMinutes() > std.WorkingMinutes() {
			v.c.addText(SeverityWarning, "steps", "over_service_standard", Text{
				ID: fmt.Sprintf("jumlah waktu (%s) melebihi jangka waktu standar pelayanan (%s)", total.In("id"), std.In("id")),
				EN: fmt.Sprintf("the total time (%s) exceeds the service standard (%s)", total.In("en"), std.In("en"))})
		}
	}
}

// verbBases are base-form verbs accepted at the start of an activity
// besides the me-/ber- forms ("Tanda tangan", "Cetak").
var verbBases = []string{"cetak", "terima", "kirim", "periksa", "isi", "buat", "catat", "serahkan", "tanda", "simpan",
	"arsipkan", "lapor", "hadir", "ikut", "tunggu", "ambil", "bayar", "unggah", "unduh", "input", "entri", "verifikasi", "validasi", "cek"}

// StartsWithVerb reports whether an activity starts with an active verb
// form (me-, ber-, be- or a common base verb), as Permenpan RB 35/2012
// asks: "kata kerja aktif tanpa subjek". It is a heuristic for a warning.
func StartsWithVerb(activity string) bool {
	words := strings.FieldsFunc(activity, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if len(words) == 0 {
		return false
	}
	first := strings.ToLower(words[0])
	switch {
	case strings.HasPrefix(first, "me") && len(first) > 4:
		return true
	case strings.HasPrefix(first, "ber") && len(first) > 5, strings.HasPrefix(first, "be") && len(first) > 5 && !strings.HasPrefix(first, "bea"):
		return true
	}
	return slices.Contains(verbBases, first)
}

// errorsAt returns a short summary "path: message; ..." of the errors, for logs.
func errorsAt(ps Problems) string {
	var b strings.Builder
	for i, p := range ps.Errors() {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprint(&b, p.Format("en"))
	}
	return b.String()
}
