package web_test

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// competenceBody is the answer of GET /api/v1/analysis/competence.
type competenceBody struct {
	Unit, Rule, ReferenceDate string
	ExpiryWindowDays          int
	Gaps, Expiring            int
	Positions                 []struct {
		Position       string
		Gaps, Expiring int
		Vacant         bool
		Holders        []struct {
			NIP, Name   string
			Gaps        int
			Competences []struct {
				Text, Kind, Status string
				Record             *struct {
					ID     int64
					Title  string
					Expiry *string
				}
			}
		}
	}
	Needs []struct {
		Text           string
		Employees      []struct{ NIP, Status string }
		Gaps, Expiring int
		Steps, SOPs    int
		Load           float64
	}
}

// holderStatus returns the status of competence text for the holder nip of position.
func (b competenceBody) holderStatus(t *testing.T, position, nip, text string) (string, string) {
	t.Helper()
	for _, p := range b.Positions {
		if p.Position != position {
			continue
		}
		for _, h := range p.Holders {
			if h.NIP != nip {
				continue
			}
			for _, c := range h.Competences {
				if c.Text == text {
					title := ""
					if c.Record != nil {
						title = c.Record.Title
					}
					return c.Status, title
				}
			}
		}
	}
	t.Fatalf("no %q for %s in %s", text, nip, position)
	return "", ""
}

// TestCompetenceAnalysisAPI: the Pengantar Kerja's certificate meets the
// AK/I card's qualification; lapsing within the window it is flagged,
// outside a shorter window it is held, expired it is a gap; the needs
// are ordered by the load of the work behind them and name the employee.
func TestCompetenceAnalysisAPI(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	c, admin := e.newClient(), e.bearer("admin")
	pk := strings.ReplaceAll(nipPengantar, " ", "")
	const cert = "Pengantar Kerja bersertifikat untuk penandatanganan kartu"
	get := func() competenceBody {
		t.Helper()
		var b competenceBody
		mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/competence?unit=bidang-penta", admin, nil, &b), http.StatusOK)
		return b
	}
	b := get()
	if st, _ := b.holderStatus(t, "pengantar-kerja", pk, cert); st != "missing" || b.ExpiryWindowDays != 90 || b.ReferenceDate != "2026-11-20" ||
		!strings.Contains(b.Rule, "dua pertiga") {
		t.Fatalf("before any record: %s, %+v", st, b.ExpiryWindowDays)
	}
	gapsBefore := b.Gaps
	records := "/api/v1/employees/" + url.PathEscape(nipPengantar) + "/competences"
	var rec recordOut
	mustStatus(t, e.apiJSON(c, http.MethodPost, records, admin, map[string]any{"type": "certificate", "title": "Sertifikat Pengantar Kerja",
		"kind": "teknis", "issuer": "Kemnaker", "date": "2021-12-01", "expiry": "2026-12-31"}, &rec), http.StatusCreated)
	b = get()
	if st, title := b.holderStatus(t, "pengantar-kerja", pk, cert); st != "expiring" || title != "Sertifikat Pengantar Kerja" {
		t.Errorf("within 90 days: %s %q", st, title)
	}
	if st, _ := b.holderStatus(t, "pengantar-kerja", pk, "Memahami ketentuan pendaftaran dan penempatan pencari kerja"); st != "missing" {
		t.Errorf("another competence is not met by the certificate: %s", st)
	}
	// The certificate also meets "Pengantar Kerja yang memahami …" of
	// other SOPs (its one word is in theirs): each was a gap, now expiring.
	if b.Expiring == 0 || b.Gaps != gapsBefore-b.Expiring {
		t.Errorf("totals: %d expiring, %d gaps (%d before)", b.Expiring, b.Gaps, gapsBefore)
	}
	if len(b.Needs) < 2 {
		t.Fatalf("needs %+v", b.Needs)
	}
	for i := 1; i < len(b.Needs); i++ {
		x, y := b.Needs[i-1], b.Needs[i]
		if x.Load < y.Load || x.Load == y.Load && x.Steps < y.Steps {
			t.Errorf("needs out of order at %d: %+v before %+v", i, x, y)
		}
	}
	i := slices.IndexFunc(b.Needs, func(n struct {
		Text           string
		Employees      []struct{ NIP, Status string }
		Gaps, Expiring int
		Steps, SOPs    int
		Load           float64
	}) bool {
		return n.Text == cert
	})
	if i < 0 || b.Needs[i].Expiring != 1 || b.Needs[i].Gaps != 0 || b.Needs[i].Employees[0].NIP != pk || b.Needs[i].Steps == 0 || b.Needs[i].SOPs != 1 {
		t.Errorf("the certificate's need: %d %+v", i, b.Needs)
	}
	// A shorter window: held.
	mustStatus(t, e.apiJSON(c, http.MethodPut, "/api/v1/analysis/competence/settings", admin, map[string]any{"expiryWindowDays": 30}, nil), http.StatusOK)
	mustStatus(t, e.apiJSON(c, http.MethodPut, "/api/v1/analysis/competence/settings", admin, map[string]any{"expiryWindowDays": 1000}, nil),
		http.StatusUnprocessableEntity)
	if st, _ := get().holderStatus(t, "pengantar-kerja", pk, cert); st != "held" {
		t.Errorf("outside 30 days: %s", st)
	}
	// Expired: a gap.
	mustStatus(t, e.apiJSON(c, http.MethodPut, records+"/"+strconv.FormatInt(rec.ID, 10), admin, map[string]any{"type": "certificate", "title": "Sertifikat Pengantar Kerja",
		"kind": "teknis", "issuer": "Kemnaker", "date": "2021-12-01", "expiry": "2026-10-31"}, nil), http.StatusOK)
	b = get()
	if st, _ := b.holderStatus(t, "pengantar-kerja", pk, cert); st != "expired" || b.Gaps != gapsBefore {
		t.Errorf("expired: %s, gaps %d (%d before)", st, b.Gaps, gapsBefore)
	}
}

// TestAnalysisWorkbooks: the competence and overlap workbooks are XLSX
// files whose sheets hold the analyses' figures.
func TestAnalysisWorkbooks(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	c := e.session("admin")
	for path, want := range map[string][]string{
		"/analysis/competence.xlsx?unit=bidang-penta": {"Kebutuhan diklat", "Pengantar Kerja bersertifikat untuk penandatanganan kartu", "belum dimiliki"},
		"/analysis/overlap.xlsx":                      {"Temuan", "Matriks proses-unit", "periksa lengkap berkas", "Kegiatan sama"},
	} {
		res := e.do(c, http.MethodGet, path, nil)
		mustStatus(t, res, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Errorf("%s: %s", path, ct)
		}
		zr, err := zip.NewReader(bytes.NewReader([]byte(res.body)), int64(len(res.body)))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var text strings.Builder
		for _, f := range zr.File {
			if f.Name == "xl/sharedStrings.xml" || f.Name == "xl/workbook.xml" {
				r, _ := f.Open()
				b, _ := io.ReadAll(r)
				text.Write(b)
			}
		}
		for _, w := range want {
			if !strings.Contains(text.String(), w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
}

// TestAnalysisPages: the menu reaches the three analyses; the records
// form keeps what was typed and names each wrong field, saving nothing;
// the overlap page dismisses a finding with a reason and reopens it.
func TestAnalysisPages(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	c := e.session("admin")
	res := e.do(c, http.MethodGet, "/dashboard", nil)
	mustStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, `href="/analysis"`) {
		t.Error("the menu has no Analisis for the administrator")
	}
	if res := e.do(e.session("penyusun"), http.MethodGet, "/dashboard", nil); strings.Contains(res.body, `href="/analysis"`) {
		t.Error("the menu offers Analisis to an author")
	}
	res = e.do(c, http.MethodGet, "/analysis", nil)
	for _, p := range []string{"/analysis/workload", "/analysis/competence", "/analysis/overlap"} {
		if !strings.Contains(res.body, `href="`+p+`"`) {
			t.Errorf("/analysis lacks %s", p)
		}
	}
	res = e.do(c, http.MethodGet, "/analysis/competence?unit=bidang-penta", nil)
	mustStatus(t, res, http.StatusOK)
	for _, w := range []string{"<title id=\"gc-title\">", "<desc id=\"gc-desc\">", `id="gap-figures"`, `id="needs"`,
		"/analysis/competence/employees/" + strings.ReplaceAll(nipPengantar, " ", "")} {
		if !strings.Contains(res.body, w) {
			t.Errorf("the competence page lacks %s", w)
		}
	}

	// The administrator reaches any employee's records from the employees.
	if res := e.do(c, http.MethodGet, "/admin/employees", nil); !strings.Contains(res.body, `href="/analysis/competence/employees/`+strings.ReplaceAll(nipPengantar, " ", "")+`"`) {
		t.Error("the employees page does not link their competence records")
	}

	// The records form.
	path := "/analysis/competence/employees/" + strings.ReplaceAll(nipPengantar, " ", "")
	bad := url.Values{"type": {"certificate"}, "title": {"Sertifikat Pengantar Kerja"}, "kind": {"teknis"}, "issuer": {""},
		"date": {"2024-05-02"}, "expiry": {"2024-01-01"}}
	res = e.postForm(c, path, bad)
	mustStatus(t, res, http.StatusUnprocessableEntity)
	for _, w := range []string{"penerbit sertifikat wajib diisi", "harus sesudah tanggal terbit", `value="Sertifikat Pengantar Kerja"`, `aria-invalid="true"`} {
		if !strings.Contains(res.body, w) {
			t.Errorf("the refused form lacks %q", w)
		}
	}
	if strings.Contains(res.body, `id="records"`) {
		t.Error("a refused record was saved")
	}
	bad.Set("issuer", "Kemnaker")
	bad.Set("expiry", "")
	res = e.postForm(c, path, bad)
	mustStatus(t, res, http.StatusSeeOther)
	res = e.do(c, http.MethodGet, res.Header.Get("Location"), nil)
	if !strings.Contains(res.body, `id="records"`) || !strings.Contains(res.body, "Kemnaker") || !strings.Contains(res.body, `role="status"`) {
		t.Errorf("the saved record is not listed: %.600s", res.body)
	}

	// The overlap page: dismiss without a reason, then with one, then reopen.
	res = e.do(c, http.MethodGet, "/analysis/overlap", nil)
	mustStatus(t, res, http.StatusOK)
	i := strings.Index(res.body, `action="/analysis/overlap/`)
	if i < 0 || !strings.Contains(res.body, `id="matrix"`) || !strings.Contains(res.body, `href="/sops/`) {
		t.Fatalf("the overlap page has no dismiss form or matrix")
	}
	action := res.body[i+len(`action="`):]
	action = action[:strings.Index(action, `"`)]
	id := strings.TrimSuffix(strings.TrimPrefix(action, "/analysis/overlap/"), "/dismiss")
	res = e.postForm(c, action, url.Values{"reason": {"  "}})
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "alasan wajib diisi") || !strings.Contains(res.body, `id="e-`+id+`"`) {
		t.Errorf("no message beside the form")
	}
	res = e.postForm(c, action, url.Values{"reason": {"Dua tahap yang berbeda"}})
	mustStatus(t, res, http.StatusSeeOther)
	res = e.do(c, http.MethodGet, "/analysis/overlap", nil)
	if !strings.Contains(res.body, `id="dismissed"`) || !strings.Contains(res.body, "Dua tahap yang berbeda") ||
		!strings.Contains(res.body, `action="/analysis/overlap/`+id+`/restore"`) {
		t.Errorf("the dismissed finding is not shown as such")
	}
	mustStatus(t, e.postForm(c, "/analysis/overlap/"+id+"/restore", url.Values{}), http.StatusSeeOther)
	if res := e.do(c, http.MethodGet, "/analysis/overlap", nil); strings.Contains(res.body, `id="dismissed"`) {
		t.Error("the reopened finding is still dismissed")
	}
	// English.
	mustStatus(t, e.postForm(c, "/lang", url.Values{"lang": {"en"}, "next": {"/analysis/overlap"}}), http.StatusSeeOther)
	for path, want := range map[string]string{"/analysis/overlap": "Process × unit matrix", "/analysis/competence": "Training needs",
		path: "Add a record", "/analysis": "Overlap"} {
		if res := e.do(c, http.MethodGet, path, nil); !strings.Contains(res.body, want) || !strings.Contains(res.body, `lang="en"`) {
			t.Errorf("%s in English lacks %q", path, want)
		}
	}
}

// TestProcessMatrixAPI: the matrix of the sample book has the checking
// of berkas in two units at least, each cell naming SOPs and rows; all=true
// gives more rows; a unit keeps only its processes.
func TestProcessMatrixAPI(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	c, admin := e.newClient(), e.bearer("admin")
	type matrix struct {
		Unit  string
		Units []struct {
			ID   int64
			Name string
		}
		Rows []struct {
			Process string
			Units   int
			Cells   [][]struct {
				SOP int64
				Row int
			}
		}
	}
	var shared, all, hi matrix
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/process-matrix", admin, nil, &shared), http.StatusOK)
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/process-matrix?all=true", admin, nil, &all), http.StatusOK)
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/process-matrix?unit=bidang-hi&all=true", e.bearer("kabidhi"), nil, &hi), http.StatusOK)
	if len(shared.Rows) == 0 || len(all.Rows) <= len(shared.Rows) || hi.Unit != "bidang-hi" || len(hi.Rows) == 0 || len(hi.Rows) >= len(all.Rows) {
		t.Fatalf("rows: %d shared, %d all, %d of Bidang HI", len(shared.Rows), len(all.Rows), len(hi.Rows))
	}
	found := false
	for _, r := range shared.Rows {
		n := 0
		for c, cell := range r.Cells {
			if len(cell) > 0 {
				n++
				if cell[0].SOP == 0 || cell[0].Row == 0 || c >= len(shared.Units) {
					t.Errorf("cell %+v", cell)
				}
			}
		}
		if n != r.Units || r.Units < 2 {
			t.Errorf("row %s: %d units, %d cells filled", r.Process, r.Units, n)
		}
		found = found || r.Process == "periksa lengkap berkas"
	}
	if !found {
		t.Error("the checking of berkas is not shared")
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/process-matrix?unit=bidang-penta", e.bearer("kabidhi"), nil, nil), http.StatusForbidden)
}
