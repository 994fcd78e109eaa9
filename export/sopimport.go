package export

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/esop-malang/esop"
)

// ReadSOPWorkbook reads an SOP workbook in the layout SOPWorkbook writes
// (sheets Identitas and Kegiatan; see sopxlsx.go) into an esop.sop/1
// document, then checks it as an imported JSON document is checked. Every
// problem, of the workbook or of the document, names its sheet, row and
// column, in Indonesian and English. A document is returned only when
// there is no error.
func ReadSOPWorkbook(data []byte, opt esop.ValidateOptions) (*esop.Document, esop.Problems) {
	sheets, err := ReadWorkbook(data)
	if err != nil {
		return nil, esop.Problems{problem(esop.SeverityError, "xlsx",
			esop.Text{ID: "berkas bukan buku kerja Excel (XLSX) yang dapat dibaca: " + plainErr(err),
				EN: "the file is not a readable Excel workbook (XLSX): " + plainErr(err)})}
	}
	r := &sopReader{where: map[string]loc{}}
	for _, s := range sheets {
		switch strings.ToLower(strings.TrimSpace(s.Name)) {
		case strings.ToLower(SheetIdentity):
			r.id = s
		case strings.ToLower(SheetActivities):
			r.act = s
		}
	}
	if r.id == nil || r.act == nil {
		var names []string
		for _, s := range sheets {
			names = append(names, s.Name)
		}
		return nil, esop.Problems{problem(esop.SeverityError, "sheets", esop.Text{
			ID: fmt.Sprintf("buku kerja harus memuat lembar %q dan %q (ada: %s); unduh templatnya", SheetIdentity, SheetActivities, strings.Join(names, ", ")),
			EN: fmt.Sprintf("the workbook must have the sheets %q and %q (it has: %s); download the template", SheetIdentity, SheetActivities, strings.Join(names, ", "))})}
	}
	d := &esop.Document{Format: esop.FormatV1}
	r.identity(d)
	r.activities(d)
	if r.ps.HasErrors() {
		return nil, r.ps
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil, append(r.ps, problem(esop.SeverityError, "xlsx", esop.Text{ID: err.Error(), EN: err.Error()}))
	}
	docs, ps := esop.CheckDocuments(b, opt)
	for _, p := range ps {
		r.ps = append(r.ps, r.locate(p))
	}
	if r.ps.HasErrors() || len(docs) != 1 {
		return nil, r.ps
	}
	return docs[0], r.ps
}

func plainErr(err error) string {
	return strings.TrimPrefix(strings.TrimPrefix(err.Error(), ErrNotWorkbook.Error()), ": ")
}

// loc is a place in the workbook.
type loc struct {
	sheet    string
	col, row int    // 0: the whole row or sheet
	title    string // the column's title
}

func (l loc) text() esop.Text {
	switch {
	case l.row == 0:
		return esop.Text{ID: "lembar " + l.sheet, EN: "sheet " + l.sheet}
	case l.col == 0:
		return esop.Text{ID: fmt.Sprintf("lembar %s, baris %d", l.sheet, l.row), EN: fmt.Sprintf("sheet %s, row %d", l.sheet, l.row)}
	}
	t := ""
	if l.title != "" {
		t = " (" + l.title + ")"
	}
	return esop.Text{ID: fmt.Sprintf("lembar %s, baris %d, kolom %s%s", l.sheet, l.row, ColumnName(l.col), t),
		EN: fmt.Sprintf("sheet %s, row %d, column %s%s", l.sheet, l.row, ColumnName(l.col), t)}
}

func problem(sev, code string, msg esop.Text) esop.Problem {
	return esop.Problem{Severity: sev, Code: code, Message: msg}
}

// sopReader reads the two sheets, keeping where each field came from.
type sopReader struct {
	id, act *ReadSheet
	ps      esop.Problems
	where   map[string]loc // JSON path → place
	cols    activityColumns
	actorC  []int // the column of each actor in the activity table
	rows    []int // the row of each step
	actorT  []string
}

// maxProblems is the most problems reported of one workbook.
const maxProblems = 200

// full reports whether as many problems as are reported have been found.
func (r *sopReader) full() bool { return len(r.ps) >= maxProblems }

func (r *sopReader) add(sev, code string, l loc, msg esop.Text) {
	if r.full() {
		return
	}
	at := l.text()
	r.ps = append(r.ps, problem(sev, code, esop.Text{ID: at.ID + ": " + msg.ID, EN: at.EN + ": " + msg.EN}))
}

func (r *sopReader) errorf(l loc, id, en string, args ...any) {
	r.add(esop.SeverityError, "xlsx", l, esop.Text{ID: fmt.Sprintf(id, args...), EN: fmt.Sprintf(en, args...)})
}

// locate turns a problem of the document, whose path is a JSON path,
// into one that names the sheet, row and column it came from.
func (r *sopReader) locate(p esop.Problem) esop.Problem {
	path := p.Path
	l, ok := loc{}, false
	for q := path; q != ""; {
		if l, ok = r.where[q]; ok {
			break
		}
		i := strings.LastIndexAny(q, ".[")
		if i < 0 {
			break
		}
		q = q[:i]
	}
	if !ok {
		if strings.HasPrefix(path, "steps") || strings.HasPrefix(path, "actors") {
			l = loc{sheet: SheetActivities}
		} else {
			l = loc{sheet: SheetIdentity}
		}
	}
	at := l.text()
	return esop.Problem{Severity: p.Severity, Code: p.Code, Message: esop.Text{ID: at.ID + ": " + p.Message.ID, EN: at.EN + ": " + p.Message.EN}}
}

// norm is a label or title as compared: upper case, single spaces, no
// trailing colon.
func norm(s string) string {
	return strings.ToUpper(strings.TrimRight(strings.Join(strings.Fields(s), " "), ": "))
}

// identityLabels are the labels of sheet Identitas by their normal form,
// made on first use (not at the start of every command).
var identityLabels = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, l := range []string{lblNumber, lblTitle, lblGovernment, lblAgency, lblUnit, lblType, lblCategory, lblCreated, lblRevised, lblEffective,
		lblPosition, lblName, lblRank, lblNIP, lblCapacity, lblLegal, lblQualif, lblRelated, lblEquipment, lblWarning, lblRecords, lblActor,
		lblPaper, lblFirstSteps, lblLaterSteps} {
		m[norm(l)] = l
	}
	return m
})

// identity reads sheet Identitas.
func (r *sopReader) identity(d *esop.Document) {
	s := r.id
	seen := map[string]int{}
	var a esop.Approval
	for _, row := range s.RowNumbers() {
		if r.full() {
			return
		}
		raw := s.Get(1, row)
		key := norm(raw)
		if key == "" || key == identityHeadID || key == "IDENTITAS SOP" {
			if key == "" && strings.TrimSpace(s.Get(2, row)) != "" {
				r.errorf(loc{SheetIdentity, 1, row, ""}, "nilai tanpa nama isian di kolom A", "a value without a field name in column A")
			}
			continue
		}
		label, ok := identityLabels()[key]
		if !ok {
			r.errorf(loc{SheetIdentity, 1, row, ""}, "isian %q tidak dikenal (lihat templat)", "unknown field %q (see the template)", raw)
			continue
		}
		v := strings.TrimSpace(s.Get(2, row))
		at := loc{SheetIdentity, 2, row, label}
		single := func(path string, dst *string) {
			if n, dup := seen[label]; dup {
				r.errorf(loc{SheetIdentity, 1, row, ""}, "isian %q sudah ada di baris %d", "field %q is already given in row %d", label, n)
				return
			}
			seen[label] = row
			*dst = v
			r.where[path] = at
		}
		date := func(path string, dst *esop.Date) {
			var text string
			single(path, &text)
			if text == "" {
				return
			}
			if val := s.Value(2, row); val.Number {
				if t, ok := serialDate(val.Text); ok {
					*dst = esop.DateOf(t)
					return
				}
			}
			dt, err := esop.ParseDateText(text)
			if err != nil {
				r.add(esop.SeverityError, "xlsx", at, esop.Text{ID: esop.ErrorMessage(err, "id"), EN: esop.ErrorMessage(err, "en")})
				return
			}
			*dst = dt
		}
		item := func(path string, list *[]string) {
			if v == "" {
				return
			}
			r.where[fmt.Sprintf("%s[%d]", path, len(*list))] = at
			*list = append(*list, v)
		}
		number := func(path string, dst *int) {
			var text string
			single(path, &text)
			if text == "" {
				return
			}
			n, err := strconv.Atoi(text)
			if err != nil || n < 1 {
				r.errorf(at, "%q bukan bilangan bulat positif", "%q is not a positive whole number", text)
				return
			}
			*dst = n
		}
		switch label {
		case lblNumber:
			single("number", &d.Number)
		case lblTitle:
			single("title", &d.Title)
		case lblGovernment:
			single("government", &d.Government)
		case lblAgency:
			single("agency", &d.Agency)
		case lblUnit:
			single("unit", &d.Unit)
		case lblType:
			single("type", &d.Type)
			d.Type = strings.ToLower(d.Type)
		case lblCategory:
			single("category", &d.Category)
			d.Category = strings.ToLower(d.Category)
		case lblCreated:
			date("dates.created", &d.Dates.Created)
		case lblRevised:
			date("dates.revised", &d.Dates.Revised)
		case lblEffective:
			date("dates.effective", &d.Dates.Effective)
		case lblPosition:
			single("approval.position", &a.Position)
			r.where["approval"] = at
		case lblName:
			single("approval.name", &a.Name)
		case lblRank:
			single("approval.rank", &a.Rank)
		case lblNIP:
			single("approval.nip", &a.NIP)
		case lblCapacity:
			single("approval.capacity", &a.Capacity)
			a.Capacity = strings.ToLower(a.Capacity)
		case lblLegal:
			kind := strings.TrimSpace(s.Get(3, row))
			if kind == "" {
				if v != "" {
					r.where[fmt.Sprintf("legalBasis[%d]", len(d.LegalBasis))] = at
					d.LegalBasis = append(d.LegalBasis, esop.LegalRef{Text: v})
				}
				continue
			}
			ref := esop.LegalRef{Kind: kind, Number: strings.TrimSpace(s.Get(4, row)), Title: strings.TrimSpace(s.Get(6, row)), Issuer: strings.TrimSpace(s.Get(7, row))}
			if y := strings.TrimSpace(s.Get(5, row)); y != "" {
				n, err := strconv.Atoi(y)
				if err != nil {
					r.errorf(loc{SheetIdentity, 5, row, "TAHUN"}, "tahun %q bukan bilangan", "the year %q is not a number", y)
				}
				ref.Year = n
			}
			r.where[fmt.Sprintf("legalBasis[%d]", len(d.LegalBasis))] = loc{SheetIdentity, 3, row, "JENIS"}
			d.LegalBasis = append(d.LegalBasis, ref)
		case lblQualif:
			item("qualifications", &d.Qualifications)
		case lblRelated:
			item("related", &d.Related)
		case lblEquipment:
			item("equipment", &d.Equipment)
		case lblWarning:
			single("warning", &d.Warning)
		case lblRecords:
			item("records", &d.Records)
		case lblActor:
			if v == "" && s.Get(3, row) == "" {
				continue
			}
			k := len(d.Actors)
			ext := norm(s.Get(5, row))
			if ext != "" && ext != "EKSTERNAL" && ext != "YA" && ext != "X" && ext != "TRUE" {
				r.errorf(loc{SheetIdentity, 5, row, "EKSTERNAL"}, "isi \"eksternal\" atau kosongkan (bukan %q)", "write \"eksternal\" or leave it empty (not %q)", s.Get(5, row))
			}
			d.Actors = append(d.Actors, esop.Actor{Name: v, ID: strings.TrimSpace(s.Get(3, row)), Position: strings.TrimSpace(s.Get(4, row)), External: ext != ""})
			r.where[fmt.Sprintf("actors[%d]", k)] = at
			r.where[fmt.Sprintf("actors[%d].id", k)] = loc{SheetIdentity, 3, row, "ID"}
			r.where[fmt.Sprintf("actors[%d].position", k)] = loc{SheetIdentity, 4, row, "JABATAN"}
		case lblPaper:
			var p string
			single("layout.paper", &p)
			if p != "" {
				r.layout(d).Paper = strings.ToUpper(p)
			}
		case lblFirstSteps:
			var n int
			number("layout.firstPageSteps", &n)
			if n > 0 {
				r.layout(d).FirstPageSteps = n
			}
		case lblLaterSteps:
			var n int
			number("layout.pageSteps", &n)
			if n > 0 {
				r.layout(d).PageSteps = n
			}
		}
	}
	if a != (esop.Approval{}) {
		d.Approval = &a
	}
}

func (r *sopReader) layout(d *esop.Document) *esop.LayoutHint {
	if d.Layout == nil {
		d.Layout = &esop.LayoutHint{}
	}
	return d.Layout
}

// serialDate turns a spreadsheet's date serial into a date.
func serialDate(text string) (time.Time, bool) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f < 1 || f > 2958465 {
		return time.Time{}, false
	}
	day := int(math.Floor(f))
	if day < 61 {
		day++ // the 29 February 1900 that never was
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day), true
}

// refLabelled compiles on first use: esop version links this package too.
var refLabelled = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.*\S)\s*:\s*(\d+)$`) })

// activities reads sheet Kegiatan.
func (r *sopReader) activities(d *esop.Document) {
	s := r.act
	head := 0
	for row := 1; row <= min(s.Rows, 20) && head == 0; row++ {
		no, act := false, false
		for c := 1; c <= s.Cols; c++ {
			switch norm(s.Get(c, row)) {
			case hNo:
				no = true
			case hActivity:
				act = true
			}
		}
		if no && act {
			head = row
		}
	}
	if head == 0 {
		r.errorf(loc{sheet: SheetActivities}, "baris judul dengan kolom NO dan KEGIATAN tidak ditemukan (dalam 20 baris pertama)",
			"no header row with the columns NO and KEGIATAN (within the first 20 rows)")
		return
	}
	// Two header rows when the second holds the sub-titles of MUTU BAKU.
	sub := 0
	for c := 1; c <= s.Cols; c++ {
		if norm(s.Get(c, head+1)) == hReq {
			sub = head + 1
		}
	}
	cols := activityColumns{}
	set := func(dst *int, c int, title string) {
		if *dst != 0 {
			r.errorf(loc{SheetActivities, c, head, title}, "kolom %s sudah ada di kolom %s", "column %s is already column %s", title, ColumnName(*dst))
			return
		}
		*dst = c
	}
	inActors := false
	for c := 1; c <= s.Cols; c++ {
		top, low := norm(s.Get(c, head)), ""
		if sub > 0 {
			low = norm(s.Get(c, sub))
		}
		t := low
		if t == "" {
			t = top
		}
		if top == hActors {
			inActors = true
		} else if top != "" {
			inActors = false
		}
		switch t {
		case "":
			continue
		case hNo:
			set(&cols.no, c, t)
		case hActivity:
			set(&cols.activity, c, t)
		case hReq:
			set(&cols.req, c, t)
			inActors = false
		case hTime:
			set(&cols.time, c, t)
		case hOutput:
			set(&cols.output, c, t)
		case hNote:
			set(&cols.note, c, t)
		case hYes:
			set(&cols.yes, c, t)
		case hNo2:
			set(&cols.no2, c, t)
		case hNext:
			set(&cols.next, c, t)
		case hEnd:
			set(&cols.end, c, t)
		case hEffort:
			set(&cols.effort, c, t)
		case hID:
			set(&cols.id, c, t)
		case hMutu, hDecision, hActors:
		default:
			if inActors || sub == 0 && cols.activity != 0 && cols.req == 0 {
				r.actorC = append(r.actorC, c)
				r.actorT = append(r.actorT, strings.Join(strings.Fields(s.Get(c, max(sub, head))), " "))
				continue
			}
			r.add(esop.SeverityWarning, "xlsx", loc{SheetActivities, c, max(sub, head), ""}, esop.Text{
				ID: fmt.Sprintf("kolom %q tidak dikenal dan tidak dibaca", s.Get(c, max(sub, head))),
				EN: fmt.Sprintf("column %q is unknown and was not read", s.Get(c, max(sub, head)))})
		}
	}
	r.cols = cols
	if len(r.actorC) > esop.MaxActors {
		r.errorf(loc{SheetActivities, r.actorC[esop.MaxActors], max(sub, head), ""}, "lebih dari %d kolom pelaksana", "more than %d pelaksana columns", esop.MaxActors)
		return
	}
	if cols.no == 0 || cols.activity == 0 || len(r.actorC) == 0 {
		r.errorf(loc{SheetActivities, 0, head, ""}, "baris judul harus memuat NO, KEGIATAN dan sekurang-kurangnya satu kolom pelaksana di bawah PELAKSANA",
			"the header must have NO, KEGIATAN and at least one pelaksana column under PELAKSANA")
		return
	}
	// The pelaksana columns name the actors of Identitas, or are them.
	actorOf := make([]int, len(r.actorC))
	if len(d.Actors) == 0 {
		used := map[string]bool{}
		for k, t := range r.actorT {
			id := slugID(t, used)
			d.Actors = append(d.Actors, esop.Actor{ID: id, Name: t})
			r.where[fmt.Sprintf("actors[%d]", k)] = loc{SheetActivities, r.actorC[k], max(sub, head), t}
			actorOf[k] = k
		}
	} else {
		used := map[string]bool{}
		for _, a := range d.Actors {
			used[a.ID] = true
		}
		for k := range d.Actors {
			if d.Actors[k].ID == "" {
				d.Actors[k].ID = slugID(d.Actors[k].Name, used)
			}
		}
		for k, t := range r.actorT {
			actorOf[k] = -1
			for i, a := range d.Actors {
				if norm(a.Name) == norm(t) {
					actorOf[k] = i
				}
			}
			if actorOf[k] < 0 {
				r.errorf(loc{SheetActivities, r.actorC[k], max(sub, head), t}, "pelaksana %q tidak ada di lembar %s", "pelaksana %q is not listed on sheet %s", t, SheetIdentity)
			}
		}
	}
	// The rows.
	type pending struct {
		step          int
		col           int
		text, title   string
		yes, no, next bool
	}
	var refs []pending
	noOf := map[string]int{} // the NO of a row → step index
	first := max(sub, head) + 1
	for _, row := range s.RowNumbers() {
		if row < first {
			continue
		}
		empty := true // a row with nothing but its NO is an empty row of the form
		for c, v := range s.Cells[row] {
			if c != cols.no && strings.TrimSpace(v.Text) != "" {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		i := len(d.Steps)
		if i == esop.MaxSteps || r.full() {
			r.errorf(loc{SheetActivities, 0, row, ""}, "lebih dari %d kegiatan; baris berikutnya tidak dibaca", "more than %d activities; the rows below were not read", esop.MaxSteps)
			break
		}
		r.rows = append(r.rows, row)
		get := func(c int) string {
			if c == 0 {
				return ""
			}
			return strings.TrimSpace(s.Get(c, row))
		}
		st := esop.Step{Activity: strings.Join(strings.Fields(get(cols.activity)), " "), Output: get(cols.output), Note: get(cols.note)}
		no := get(cols.no)
		if no == "" {
			no = strconv.Itoa(i + 1)
		}
		no = strings.TrimSuffix(no, ".")
		if prev, dup := noOf[no]; dup {
			r.errorf(loc{SheetActivities, cols.no, row, hNo}, "NO %s sudah dipakai di baris %d", "NO %s is already used in row %d", no, r.rows[prev])
		}
		noOf[no] = i
		st.ID = get(cols.id)
		if st.ID == "" {
			st.ID = "s" + no
		}
		marked := 0
		for k, c := range r.actorC {
			if get(c) != "" {
				marked++
				if actorOf[k] >= 0 {
					st.Actor = d.Actors[actorOf[k]].ID
				}
			}
		}
		if marked != 1 {
			r.errorf(loc{SheetActivities, r.actorC[0], row, hActors}, "tandai tepat satu kolom pelaksana (ada %d)", "mark exactly one pelaksana column (%d are marked)", marked)
		}
		for _, line := range strings.Split(get(cols.req), "\n") {
			line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "-•"))
			if line != "" {
				st.Requirements = append(st.Requirements, line)
			}
		}
		readTime := func(c int, title string, dst **esop.Duration) {
			t := get(c)
			if t == "" {
				return
			}
			dur, ok := esop.ParseTimeText(t)
			if !ok && title == hEffort {
				r.errorf(loc{SheetActivities, c, row, title}, "%q bukan lama waktu (mis. 15 menit, 1,5 jam)", "%q is not a duration (e.g. 15 menit, 1,5 jam)", t)
			}
			*dst = dur
		}
		readTime(cols.time, hTime, &st.Time)
		readTime(cols.effort, hEffort, &st.Effort)
		if y, n := get(cols.yes), get(cols.no2); y != "" || n != "" {
			st.Decision = &esop.Decision{}
			refs = append(refs, pending{step: i, col: cols.yes, text: y, title: hYes, yes: true}, pending{step: i, col: cols.no2, text: n, title: hNo2, no: true})
		}
		if nx := get(cols.next); nx != "" {
			refs = append(refs, pending{step: i, col: cols.next, text: nx, title: hNext, next: true})
		}
		if e := norm(get(cols.end)); e != "" {
			switch e {
			case "YA", "Y", "X", "TRUE", "SELESAI", "YES":
				st.End = true
			default:
				r.errorf(loc{SheetActivities, cols.end, row, hEnd}, "tulis YA atau kosongkan (bukan %q)", "write YA or leave it empty (not %q)", get(cols.end))
			}
		}
		for path, c := range map[string]int{"": cols.activity, ".id": cols.id, ".activity": cols.activity, ".actor": r.actorC[0], ".requirements": cols.req,
			".time": cols.time, ".effort": cols.effort, ".output": cols.output, ".note": cols.note, ".next": cols.next,
			".decision": cols.yes, ".decision.yes": cols.yes, ".decision.no": cols.no2, ".end": cols.end} {
			if c == 0 {
				c = cols.activity
			}
			r.where[fmt.Sprintf("steps[%d]%s", i, path)] = loc{SheetActivities, c, row, r.title(c)}
		}
		d.Steps = append(d.Steps, st)
	}
	for _, p := range refs {
		st := &d.Steps[p.step]
		at := loc{SheetActivities, p.col, r.rows[p.step], p.title}
		if p.text == "" {
			r.errorf(at, "keputusan harus menyebut NO baris untuk YA dan untuk TIDAK", "a decision must name the NO of a row for YA and for TIDAK")
			continue
		}
		label, ref := "", strings.TrimSuffix(p.text, ".")
		if m := refLabelled().FindStringSubmatch(p.text); m != nil && !p.next {
			label, ref = strings.TrimSpace(m[1]), m[2]
		}
		j, ok := noOf[ref]
		if !ok {
			r.errorf(at, "tidak ada baris dengan NO %q", "there is no row with NO %q", ref)
			continue
		}
		id := d.Steps[j].ID
		switch {
		case p.yes:
			st.Decision.Yes, st.Decision.YesLabel = id, label
		case p.no:
			st.Decision.No, st.Decision.NoLabel = id, label
		default:
			st.Next = id
		}
	}
}

// title returns the title of column c of the activity table.
func (r *sopReader) title(c int) string {
	for k, ac := range r.actorC {
		if ac == c {
			return r.actorT[k]
		}
	}
	cols := r.cols
	return map[int]string{cols.no: hNo, cols.activity: hActivity, cols.req: hReq, cols.time: hTime, cols.output: hOutput, cols.note: hNote,
		cols.yes: hYes, cols.no2: hNo2, cols.next: hNext, cols.end: hEnd, cols.effort: hEffort, cols.id: hID}[c]
}

// slugID makes an actor id from a name: lower-case letters and digits
// joined by hyphens, unique among used.
func slugID(name string, used map[string]bool) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-")
	if id == "" {
		id = "pelaksana"
	}
	base := id
	for n := 2; used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	used[id] = true
	return id
}

// IsXLSX reports whether data looks like a zip file (an XLSX workbook).
func IsXLSX(data []byte) bool { return len(data) >= 4 && string(data[:4]) == "PK\x03\x04" }
