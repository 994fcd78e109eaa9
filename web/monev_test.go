package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/esop-malang/esop"
)

// Monitoring and evaluation: the forms with their problems next to the
// fields, corrections, a revision that opens the draft once, the recap,
// the dashboard, and the XLSX export read back cell by cell. The clock
// of the tests stands on 20 November 2026, in period 2026-S2.

// fieldBlock returns the part of a page that shows the problems of the
// field described by id ("e-result").
func fieldBlock(body, id string) string {
	i := strings.Index(body, `<div id="`+id+`">`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</div>")
	return body[i : i+j]
}

func monitoringForm(fields ...string) url.Values {
	f := url.Values{"period": {"2026-S2"}, "revision": {"0"}, "assessedOn": {"2026-11-19"}}
	for i := 0; i+1 < len(fields); i += 2 {
		f.Set(fields[i], fields[i+1])
	}
	return f
}

func TestMonitoringForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addUser("pemeriksa-hi", "pemeriksa:bidang-hi")
	c := e.session("pemeriksa-hi")
	id := e.sop(titleInForce).ID
	path := fmt.Sprintf("/sops/%d/monitoring", id)

	res := e.do(c, http.MethodGet, path, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET: %s", gist(res))
	}
	for _, want := range []string{
		`<label for="m-notes">Catatan hasil penilaian</label>`, `<label for="m-actions">Tindakan yang harus diambil</label>`,
		`<label for="m-date">Tanggal penilaian</label>`, `<legend>Penilaian terhadap penerapan</legend>`,
		`value="baik"`, `value="tidak-baik"`, `Berjalan dengan baik`, `Tidak berjalan dengan baik`,
		`Semester II 2026 (Juli–Desember)`, `value="2026-11-20"`, `Belum ada monitoring untuk Semester II 2026`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the form lacks %q", want)
		}
	}

	// Problems are shown next to their fields.
	res = e.postForm(c, path, url.Values{"period": {"2026-S2"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("empty form: %s", gist(res))
	}
	if b := fieldBlock(res.body, "e-result"); !strings.Contains(b, "pilih penilaian terhadap penerapan") {
		t.Errorf("no problem next to the assessment: %q", b)
	}
	if b := fieldBlock(res.body, "e-date"); !strings.Contains(b, "isi tanggal penilaian") {
		t.Errorf("no problem next to the date: %q", b)
	}
	res = e.postForm(c, path, monitoringForm("result", "tidak-baik", "assessedOn", "2026-02-30"))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("not good without notes: %s", gist(res))
	}
	for id, want := range map[string]string{
		"e-notes":   "tuliskan catatan mengapa SOP tidak berjalan dengan baik",
		"e-actions": "tuliskan tindakan yang harus diambil",
		"e-date":    "tanggal tidak sah",
	} {
		if b := fieldBlock(res.body, id); !strings.Contains(b, want) {
			t.Errorf("%s: %q, want %q", id, b, want)
		}
	}
	if !strings.Contains(res.body, `id="m-notes" name="notes" rows="4" aria-describedby="h-notes e-notes" aria-invalid="true"`) ||
		!strings.Contains(res.body, `value="tidak-baik" checked`) {
		t.Error("the field with a problem is not marked, or the choice was lost")
	}
	res = e.postForm(c, path, monitoringForm("result", "baik", "period", "2027-S1"))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldBlock(res.body, "e-date"), "belum dimulai") {
		t.Errorf("future period: %s", gist(res))
	}
	if list, _ := e.db.FindMonitorings(context.Background(), esop.MonevFilter{SOPID: id}); len(list) != 0 {
		t.Fatalf("an invalid form stored %d monitorings", len(list))
	}

	// A valid form is stored, with the assessor's name as the paraf.
	res = e.postForm(c, path, monitoringForm("result", "tidak-baik", "notes", "Waktu penyelesaian melebihi 30 hari kerja.\nBerkas sering kurang.",
		"actions", "Tambahkan daftar periksa kelengkapan berkas"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"?period=2026-S2&saved=1" {
		t.Fatalf("save: %s", gist(res))
	}
	res = e.do(c, http.MethodGet, res.Header.Get("Location"), nil)
	for _, want := range []string{"Tersimpan.", "Pengguna pemeriksa-hi", "19 November 2026", "20/11/2026 16:00 WIB",
		"Tambahkan daftar periksa kelengkapan berkas", "Perbaiki catatan periode ini", `name="revision" value="1"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("after saving, the page lacks %q", want)
		}
	}
	list, err := e.db.FindMonitorings(context.Background(), esop.MonevFilter{SOPID: id})
	if err != nil || len(list) != 1 {
		t.Fatalf("stored: %d (%v)", len(list), err)
	}
	m := list[0]
	if m.Result != esop.ResultNotGood || m.Assessor != (esop.Assessor{Username: "pemeriksa-hi", Name: "Pengguna pemeriksa-hi"}) ||
		m.AssessedOn != esop.MustDate("2026-11-19") || m.Period.String() != "2026-S2" || !strings.Contains(m.Notes, "\nBerkas sering kurang.") {
		t.Errorf("stored %+v", m)
	}

	// The audit log names who recorded it.
	entries, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntityMonitoring, EntityID: fmt.Sprint(m.ID)})
	if err != nil || len(entries) != 1 || entries[0].Actor != "pemeriksa-hi" || entries[0].Action != esop.AuditCreate {
		t.Errorf("audit of the monitoring: %+v (%v)", entries, err)
	}

	// A second new record of the period is refused and the page shows
	// what is stored; a correction names its revision.
	res = e.postForm(c, path, monitoringForm("result", "baik"))
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "sudah dicatat") || !strings.Contains(res.body, `value="tidak-baik" checked`) {
		t.Errorf("second record: %s", gist(res))
	}
	res = e.postForm(c, path, monitoringForm("result", "baik", "revision", "1", "notes", "Sudah diperbaiki"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correction: %s", gist(res))
	}
	if list, _ := e.db.FindMonitorings(context.Background(), esop.MonevFilter{SOPID: id}); len(list) != 1 || list[0].Revision != 2 || list[0].Result != esop.ResultGood {
		t.Errorf("after the correction: %+v", list)
	}
	res = e.postForm(c, path, monitoringForm("result", "baik", "revision", "1"))
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "sudah diubah orang lain") {
		t.Errorf("stale correction: %s", gist(res))
	}

	// A period before the SOP came into force (6 July 2026) is neither
	// offered nor accepted; the periods are tested in TestMonevPeriodsSince.
	res = e.do(c, http.MethodGet, path+"?period=2026-S1", nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Semester I 2026 (Januari–Juni) mendahului berlakunya SOP ini (tanggal efektif 6 Juli 2026)") {
		t.Errorf("a period before the SOP: %s", gist(res))
	}
	if res := e.do(c, http.MethodGet, path+"?period=2026-S9", nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad period: %d", res.StatusCode)
	}

	// The SOP page links to the monitoring for those who may read it.
	for user, want := range map[string]bool{"pemeriksa-hi": true, "auditor": true, "pelaksana": false, "penyusun": false} {
		res := e.do(e.session(user), http.MethodGet, fmt.Sprintf("/sops/%d", id), nil)
		if got := strings.Contains(res.body, path); got != want {
			t.Errorf("SOP page as %s: link to the monitoring %v, want %v", user, got, want)
		}
	}
}

func evaluationForm(conclusion, notes string, answers string) url.Values {
	f := url.Values{"period": {"2026-S2"}, "revision": {"0"}, "assessedOn": {"2026-11-20"}, "conclusion": {conclusion}, "notes": {notes}}
	for i, a := range answers {
		switch a {
		case 'Y':
			f.Set(fmt.Sprintf("c%d", i+1), "ya")
		case 'T':
			f.Set(fmt.Sprintf("c%d", i+1), "tidak")
		}
	}
	return f
}

func TestEvaluationForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	c := e.session("pengesah")
	sop := e.sop(titleInForce2)
	path := fmt.Sprintf("/sops/%d/evaluation", sop.ID)

	res := e.do(c, http.MethodGet, path, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET: %s", gist(res))
	}
	for _, cr := range esop.EvaluationCriteria {
		if want := fmt.Sprintf("<legend>%d. %s</legend>", cr.No, cr.Text.ID); !strings.Contains(res.body, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	for _, want := range []string{`name="c7" value="tidak"`, `value="revisi"`, `value="cabut"`, `<label for="e-notes-f">Catatan</label>`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the form lacks %q", want)
		}
	}

	// Unanswered criteria and a revision without reasons.
	res = e.postForm(c, path, evaluationForm("revisi", "", "YY-YYY"))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("incomplete: %s", gist(res))
	}
	for id, want := range map[string]string{"e-c3": "pilih Ya atau Tidak", "e-c7": "pilih Ya atau Tidak", "e-notes": "tuliskan alasan kesimpulan revisi"} {
		if b := fieldBlock(res.body, id); !strings.Contains(b, want) {
			t.Errorf("%s: %q, want %q", id, b, want)
		}
	}
	if b := fieldBlock(res.body, "e-c1"); strings.Contains(b, "<li>") {
		t.Errorf("an answered criterion shows a problem: %q", b)
	}
	if !strings.Contains(res.body, `name="c1" value="ya" checked`) || !strings.Contains(res.body, `value="revisi" checked`) {
		t.Error("the answers given were lost")
	}
	if s := e.reload(sop.ID); s.Draft != nil {
		t.Fatal("an invalid evaluation opened a draft")
	}

	// Revisi opens a draft, whose note names the evaluation.
	res = e.postForm(c, path, evaluationForm("revisi", "Kriteria 3 dan 6 tidak terpenuhi", "YYTYYTY"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %s", gist(res))
	}
	s := e.reload(sop.ID)
	if s.Draft == nil || !strings.Contains(s.Draft.Note, "evaluasi") || !strings.Contains(s.Draft.Note, "2026-S2") || s.Draft.CreatedBy != "pengesah" {
		t.Fatalf("draft after revisi: %+v", s.Draft)
	}
	evs, err := e.db.FindEvaluations(ctx, esop.MonevFilter{SOPID: sop.ID})
	if err != nil || len(evs) != 1 || evs[0].DraftID != s.Draft.ID || evs[0].Answers != [7]bool{true, true, false, true, true, false, true} {
		t.Fatalf("stored: %+v (%v)", evs, err)
	}
	res = e.do(c, http.MethodGet, path, nil)
	if !strings.Contains(res.body, fmt.Sprintf(`<a href="/sops/%d?draft=1">draf revisi</a>`, sop.ID)) || strings.Contains(res.body, "/edit") {
		t.Errorf("the page does not link the draft (or offers the editor to a pengesah)")
	}
	// The unit's author reads the evaluation and is offered the editor.
	res = e.do(e.session("penyusun2"), http.MethodGet, path, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, fmt.Sprintf(`/sops/%d/edit`, sop.ID)) || strings.Contains(res.body, fmt.Sprintf(`action="/sops/%d/evaluation"`, sop.ID)) {
		t.Errorf("as the author: %s", gist(res))
	}

	// Correcting it, or evaluating an earlier period with revisi, opens
	// no other draft.
	f := evaluationForm("revisi", "Kriteria 3 tidak terpenuhi", "YYTYYYY")
	f.Set("revision", "1")
	if res := e.postForm(c, path, f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correction: %s", gist(res))
	}
	f = evaluationForm("revisi", "Sama dengan semester II", "YYTYYYY")
	f.Set("period", "2026-S1")
	f.Set("assessedOn", "2026-06-30")
	if res := e.postForm(c, path, f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("earlier period: %s", gist(res))
	}
	vs, _ := e.db.FindVersions(ctx, sop.ID)
	evs, _ = e.db.FindEvaluations(ctx, esop.MonevFilter{SOPID: sop.ID})
	if len(vs) != 2 || len(evs) != 2 || evs[0].DraftID != s.Draft.ID || evs[1].DraftID != s.Draft.ID {
		t.Errorf("%d versions; evaluations %+v", len(vs), evs)
	}

	// Tetap opens nothing.
	other := e.sop(titleInForce)
	if res := e.postForm(c, fmt.Sprintf("/sops/%d/evaluation", other.ID), evaluationForm("tetap", "", "YYYYYYY")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("tetap: %s", gist(res))
	}
	if s := e.reload(other.ID); s.Draft != nil {
		t.Error("tetap opened a draft")
	}
}

// recordSample records, through the store, a monitoring and an
// evaluation of titleInForce for 2026-S2.
func recordSample(t *testing.T, e *env) (*esop.Monitoring, *esop.Evaluation) {
	t.Helper()
	ctx := context.Background()
	id := e.sop(titleInForce).ID
	m := &esop.Monitoring{SOPID: id, Period: esop.PeriodOf(esop.MustDate("2026-11-01")), Result: esop.ResultNotGood,
		Notes: "Waktu melebihi mutu baku", Actions: "Tambah petugas verifikasi", AssessedOn: esop.MustDate("2026-11-19"),
		Assessor: esop.Assessor{Username: "pengesah", Name: "Drs. Kepala Dinas"}}
	if err := e.db.SaveMonitoring(ctx, m); err != nil {
		t.Fatal(err)
	}
	ev := &esop.Evaluation{SOPID: id, Period: m.Period, Answers: [7]bool{true, true, true, false, true, true, true}, Conclusion: esop.ConclusionKeep,
		Notes: "Cukup", AssessedOn: esop.MustDate("2026-11-20"), Assessor: m.Assessor}
	if err := e.db.SaveEvaluation(ctx, ev); err != nil {
		t.Fatal(err)
	}
	return m, ev
}

func TestMonevRecap(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addUser("pemeriksa-hi", "pemeriksa:bidang-hi")
	c := e.session("pemeriksa-hi")

	// The dashboard lists the SOPs of the unit still to be monitored.
	inForce := e.sop(titleInForce).ID
	res := e.do(c, http.MethodGet, "/dashboard", nil)
	if !strings.Contains(res.body, fmt.Sprintf(`<a href="/sops/%d/monitoring">`, inForce)) || !strings.Contains(res.body, "belum dimonitor pada Semester II 2026") {
		t.Errorf("the dashboard does not list the monitoring due: %s", gist(res))
	}
	if res := e.do(e.session("pemeriksa"), http.MethodGet, "/dashboard", nil); strings.Contains(res.body, fmt.Sprintf(`<a href="/sops/%d/monitoring">`, inForce)) {
		t.Error("another unit's pemeriksa is asked to monitor a Bidang HI SOP")
	}
	recordSample(t, e)
	if res := e.do(c, http.MethodGet, "/dashboard", nil); strings.Contains(res.body, fmt.Sprintf(`<a href="/sops/%d/monitoring">`, inForce)) {
		t.Error("a monitored SOP is still listed as due")
	}

	res = e.do(c, http.MethodGet, "/monev", nil) // the user's own unit, this period
	if res.StatusCode != http.StatusOK {
		t.Fatalf("recap: %s", gist(res))
	}
	sops, _, _ := e.db.FindSOPs(context.Background(), esop.SOPFilter{Unit: unitHI})
	var inForceHI int
	for _, s := range sops {
		if s.Current != nil {
			inForceHI++
		}
	}
	for _, want := range []string{
		unitHI + " — Semester II 2026 (Juli–Desember)", titleInForce, titleInForce2,
		fmt.Sprintf("%d SOP; %d belum dimonitor, 1 sudah dievaluasi", inForceHI, inForceHI-1),
		"Tidak berjalan dengan baik", "Tambah petugas verifikasi", "Belum dimonitor", `href="/monev.xlsx?period=2026-S2&amp;unit=bidang-hi"`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the recap lacks %q", want)
		}
	}
	if strings.Contains(res.body, titleDraftHI) {
		t.Error("the recap lists an SOP that is not in force")
	}
	// The Dinas covers its bidang.
	res = e.do(e.session("auditor"), http.MethodGet, "/monev?unit=disnakertrans&period=2026-S2", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, titleInForce) || !strings.Contains(res.body, "Sekretariat") {
		t.Errorf("recap of the Dinas: %s", gist(res))
	}
	// An earlier period has no records yet.
	res = e.do(c, http.MethodGet, "/monev?period=2026-S1", nil)
	if !strings.Contains(res.body, "Semester I 2026 (Januari–Juni)") || !strings.Contains(res.body, ", 0 sudah dievaluasi") || strings.Contains(res.body, "Tambah petugas verifikasi") {
		t.Errorf("earlier period: %s", gist(res))
	}
}

// openXLSX reads an answer as a workbook.
func openXLSX(t *testing.T, res *response) *excelize.File {
	t.Helper()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %s", gist(res))
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("Content-Type %q", ct)
	}
	f, err := excelize.OpenReader(strings.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestMonevXLSX(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m, ev := recordSample(t, e)
	c := e.session("pengesah")
	res := e.do(c, http.MethodGet, "/monev.xlsx?unit=bidang-hi&period=2026-S2", nil)
	f := openXLSX(t, res)
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="monev-bidang-hi-2026-S2.xlsx"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Monitoring" || got[1] != "Evaluasi" {
		t.Fatalf("sheets %v", got)
	}
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	style := func(sheet, ref string) *excelize.Style {
		t.Helper()
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	bordered := func(s *excelize.Style) bool {
		sides := map[string]bool{}
		for _, b := range s.Border {
			if b.Style > 0 {
				sides[b.Type] = true
			}
		}
		return sides["left"] && sides["right"] && sides["top"] && sides["bottom"]
	}

	// The monitoring sheet: title, header of Tabel 7, one row per SOP.
	const mon = "Monitoring"
	if v := cell(mon, "A1"); v != "Monitoring Pelaksanaan SOP AP" {
		t.Errorf("title %q", v)
	}
	if s := style(mon, "A1"); s.Font == nil || !s.Font.Bold {
		t.Error("the title is not bold")
	}
	if v := cell(mon, "A2"); !strings.Contains(v, unitHI) || !strings.Contains(v, "Semester II 2026 (Juli–Desember)") || !strings.Contains(v, "20/11/2026 16:00 WIB") {
		t.Errorf("subtitle %q", v)
	}
	header := map[string]string{"A4": "No", "B4": "Unit", "C4": "Nomor SOP", "D4": "Prosedur", "E4": "Periode",
		"F4": "Penilaian terhadap penerapan", "F5": "Berjalan dengan baik", "G5": "Tidak berjalan dengan baik",
		"H4": "Catatan hasil penilaian", "I4": "Tindakan yang harus diambil", "J4": "Paraf penilai", "K4": "Tanggal penilaian", "L4": "Dicatat (WIB)"}
	for ref, want := range header {
		if v := cell(mon, ref); v != want {
			t.Errorf("%s: %q, want %q", ref, v, want)
		}
		if s := style(mon, ref); s.Font == nil || !s.Font.Bold || !bordered(s) {
			t.Errorf("%s: the header is not bold and bordered", ref)
		}
	}
	merged, err := f.GetMergeCells(mon)
	if err != nil {
		t.Fatal(err)
	}
	var ranges []string
	for _, mc := range merged {
		ranges = append(ranges, mc.GetStartAxis()+":"+mc.GetEndAxis())
	}
	for _, want := range []string{"A1:L1", "F4:G4", "A4:A5", "L4:L5"} {
		if !strings.Contains(strings.Join(ranges, " "), want) {
			t.Errorf("%s is not merged (merged: %v)", want, ranges)
		}
	}
	if w, _ := f.GetColWidth(mon, "D"); w < 30 {
		t.Errorf("column D (Prosedur) is %.1f wide", w)
	}
	rows, err := f.GetRows(mon)
	if err != nil {
		t.Fatal(err)
	}
	row := -1
	for i, r := range rows {
		if len(r) > 3 && r[3] == titleInForce {
			row = i + 1
		}
	}
	if row < 6 {
		t.Fatalf("no row for %s in %v", titleInForce, rows)
	}
	at := func(col string) string { return col + fmt.Sprint(row) }
	want := map[string]string{"B": unitHI, "C": e.sop(titleInForce).Number, "E": "Semester II 2026 (Juli–Desember)", "F": "", "G": "✓",
		"H": m.Notes, "I": m.Actions, "J": "Drs. Kepala Dinas", "K": "19/11/2026"}
	for col, w := range want {
		if v := cell(mon, at(col)); v != w {
			t.Errorf("%s: %q, want %q", at(col), v, w)
		}
		if !bordered(style(mon, at(col))) {
			t.Errorf("%s has no border", at(col))
		}
	}
	// The date is a real date (a serial number) shown dd/mm/yyyy, and the
	// time of recording is the WIB wall clock.
	if s := style(mon, at("K")); s.CustomNumFmt == nil || *s.CustomNumFmt != "dd/mm/yyyy" {
		t.Errorf("the date's number format is %v", s.CustomNumFmt)
	}
	raw, _ := f.GetCellValue(mon, at("K"), excelize.Options{RawCellValue: true})
	if raw != "46345" { // 19 November 2026 in the 1900 date system
		t.Errorf("the date cell holds %q, not a date serial", raw)
	}
	wantAt := m.UpdatedAt.In(time.FixedZone("WIB", 7*3600)).Format("02/01/2006 15:04")
	if v := cell(mon, at("L")); v != wantAt {
		t.Errorf("recorded at %q, want %q", v, wantAt)
	}
	var missing int
	for _, r := range rows[5:] {
		if len(r) > 7 && r[7] == "Belum dimonitor pada periode ini" {
			missing++
		}
	}
	if missing != len(rows)-6 {
		t.Errorf("%d of %d other rows say they are not monitored", missing, len(rows)-6)
	}

	// The evaluation sheet: the seven criteria as Ya/Tidak, the conclusion.
	const eva = "Evaluasi"
	if v := cell(eva, "A1"); v != "Evaluasi SOP AP" {
		t.Errorf("title %q", v)
	}
	if v := cell(eva, "F4"); v != "Kriteria evaluasi" {
		t.Errorf("F4 %q", v)
	}
	for i, cr := range esop.EvaluationCriteria {
		ref, _ := excelize.CoordinatesToCellName(6+i, 5)
		if v := cell(eva, ref); v != fmt.Sprintf("%d. %s", cr.No, cr.Text.ID) {
			t.Errorf("%s: %q", ref, v)
		}
		if s := style(eva, ref); s.Font == nil || !s.Font.Bold || s.Alignment == nil || !s.Alignment.WrapText {
			t.Errorf("%s: criterion header not bold and wrapped", ref)
		}
		ref, _ = excelize.CoordinatesToCellName(6+i, row)
		if v, w := cell(eva, ref), esop.YesNo(ev.Answers[i]).ID; v != w {
			t.Errorf("%s: %q, want %q", ref, v, w)
		}
	}
	for ref, w := range map[string]string{"M4": "Kesimpulan", "N4": "Catatan", "O4": "Penilai", "P4": "Tanggal penilaian", "Q4": "Draf revisi",
		fmt.Sprint("M", row): "Tetap", fmt.Sprint("N", row): "Cukup", fmt.Sprint("O", row): "Drs. Kepala Dinas", fmt.Sprint("P", row): "20/11/2026"} {
		if v := cell(eva, ref); v != w {
			t.Errorf("%s: %q, want %q", ref, v, w)
		}
	}
	if s := style(eva, fmt.Sprint("P", row)); s.CustomNumFmt == nil || *s.CustomNumFmt != "dd/mm/yyyy" {
		t.Errorf("evaluation date format %v", s.CustomNumFmt)
	}

	// In English, the labels change and the dates stay dd/mm/yyyy.
	en := openXLSX(t, e.do(c, http.MethodGet, "/monev.xlsx?unit=bidang-hi&period=2026-S2", nil, "Cookie", "lang=en"))
	if got := en.GetSheetList(); got[1] != "Evaluation" {
		t.Errorf("English sheets %v", got)
	}
	if v, _ := en.GetCellValue("Monitoring", "K4"); v != "Date of assessment" {
		t.Errorf("English K4 %q", v)
	}
	if v, _ := en.GetCellValue("Monitoring", at("K")); v != "19/11/2026" {
		t.Errorf("English date %q", v)
	}

	// A spreadsheet program opens it: LibreOffice, when installed,
	// converts the first sheet to CSV with the same cells.
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("LibreOffice (soffice) is not installed; the workbook was checked with excelize only")
		return
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "monev.xlsx")
	if err := os.WriteFile(in, []byte(res.body), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "monev.csv"))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV: %v\n%s", err, b)
	}
	if len(records) != len(rows) || records[0][0] != "Monitoring Pelaksanaan SOP AP" || records[4][6] != "Tidak berjalan dengan baik" {
		t.Fatalf("LibreOffice read %d rows: %q", len(records), records)
	}
	lo := records[row-1]
	if lo[3] != titleInForce || lo[6] != "✓" || lo[10] != "19/11/2026" || lo[11] != wantAt {
		t.Errorf("LibreOffice's row: %q", lo)
	}
}

// TestMonevPeriodsSince: the monitoring and evaluation forms offer the
// periods from the one in which the SOP came into force to the current
// one, and refuse an earlier period, next to the period, in both
// languages.
func TestMonevPeriodsSince(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addUser("pemeriksa-hi", "pemeriksa:bidang-hi")
	c := e.session("pemeriksa-hi")
	option := regexp.MustCompile(`<option value="(\d{4}-S[12])"`)
	offered := func(path string) []string {
		t.Helper()
		res := e.do(c, http.MethodGet, path, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, gist(res))
		}
		var list []string
		for _, m := range option.FindAllStringSubmatch(res.body, -1) {
			list = append(list, m[1])
		}
		return list
	}
	for _, tc := range []struct {
		title string
		want  []string
		since string
	}{
		{titleInForce, []string{"2026-S2"}, "berlaku sejak 6 Juli 2026"},                            // effective 6 July 2026
		{titleInForce2, []string{"2026-S2", "2026-S1", "2025-S2"}, "berlaku sejak 11 Agustus 2025"}, // effective 11 August 2025
	} {
		id := e.sop(tc.title).ID
		for _, kind := range []string{"monitoring", "evaluation"} {
			path := fmt.Sprintf("/sops/%d/%s", id, kind)
			if got := offered(path); !slices.Equal(got, tc.want) {
				t.Errorf("%s: periods %v, want %v", path, got, tc.want)
			}
			if res := e.do(c, http.MethodGet, path, nil); !strings.Contains(res.body, tc.since) {
				t.Errorf("%s does not say %q", path, tc.since)
			}
		}
	}
	// A record for a period before the SOP is refused next to the period,
	// nothing stored.
	id := e.sop(titleInForce2).ID
	path := fmt.Sprintf("/sops/%d/monitoring", id)
	res := e.postForm(c, path, monitoringForm("result", "baik", "period", "2025-S1", "assessedOn", "2025-06-30"))
	if res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(fieldBlock(res.body, "e-date"), "Semester I 2025 (Januari–Juni) mendahului berlakunya SOP ini (tanggal efektif 11 Agustus 2025)") {
		t.Errorf("monitoring of 2025-S1: %s", gist(res))
	}
	res = e.postForm(c, path, monitoringForm("result", "baik", "period", "2025-S1", "assessedOn", "2025-06-30"), "Cookie", "lang=en")
	if !strings.Contains(fieldBlock(res.body, "e-date"), "First half of 2025 (January–June) is before this SOP came into force (effective 11 August 2025)") {
		t.Errorf("in English: %s", fieldBlock(res.body, "e-date"))
	}
	if list, err := e.db.FindMonitorings(context.Background(), esop.MonevFilter{SOPID: id}); err != nil || len(list) != 0 {
		t.Errorf("stored: %v %v", list, err)
	}
	// The first period of the SOP is accepted.
	if res := e.postForm(c, path, monitoringForm("result", "baik", "period", "2025-S2", "assessedOn", "2025-12-30")); res.StatusCode != http.StatusSeeOther {
		t.Errorf("monitoring of 2025-S2: %s", gist(res))
	}
	// The evaluation form refuses it too.
	f := evaluationForm("tetap", "", "YYYYYYY")
	f.Set("period", "2025-S1")
	f.Set("assessedOn", "2025-06-30")
	if res := e.postForm(e.session("pengesah"), fmt.Sprintf("/sops/%d/evaluation", id), f); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.body, "mendahului berlakunya SOP ini") {
		t.Errorf("evaluation of 2025-S1: %s", gist(res))
	}
}
