package render_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sampledata"
)

// bookOf lays out n copies of the shortest sample SOP, each with its own
// number, title and unit (five units), as the SOPs of a book.
func bookOf(t *testing.T, r *render.Renderer, n int) ([]*render.Pages, []render.BookEntry) {
	t.Helper()
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var base *esop.Document
	for _, d := range docs {
		if d.Number != "" && (base == nil || len(d.Steps) < len(base.Steps)) {
			base = d
		}
	}
	var pages []*render.Pages
	var entries []render.BookEntry
	for i := range n {
		d := *base
		d.Number = fmt.Sprintf("800/%03d/35.73.405/2026", i+1)
		d.Title = fmt.Sprintf("Prosedur Uji Buku Nomor %02d", i+1)
		d.Unit = fmt.Sprintf("Bidang Uji %d", i/12+1)
		p, err := r.Layout(&d, nil)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
		entries = append(entries, render.BookEntry{Number: d.Number, Title: d.Title, Unit: d.Unit, Version: 1 + i%3,
			Effective: d.Dates.Effective, Revised: d.Dates.Revised})
	}
	return pages, entries
}

func decreeInfo(entries []render.BookEntry) render.BookInfo {
	return render.BookInfo{BookInfo: layout.BookInfo{Government: "Pemerintah Kota Malang", Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Year: 2026,
		Office:  render.Office{Address: "Jalan Contoh Nomor 1, Malang", Phone: "(0341) 551234", Email: "disnaker@malangkota.go.id", Website: "disnaker.malangkota.go.id"},
		Entries: entries,
		Decree: &render.Decree{Number: "188.45/017/35.73.405/2026", Date: esop.MustDate("2026-11-20"),
			Issuer: "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang",
			Legal: []string{"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
				"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;",
				"Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas Pokok, Fungsi, dan Tata Kerja Dinas Ketenagakerjaan dan Transmigrasi."},
			Signer: &esop.Approval{Position: "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", Name: "Drs. Contoh Pejabat, M.Si.",
				Rank: "Pembina Utama Muda (IV/c)", NIP: "196805121993031007"}},
	}}
}

// pdfPages writes the PDF, checks it with qpdf and returns the text of
// each page, laid out as printed.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	qpdf, pdftotext := tool(t, "qpdf"), tool(t, "pdftotext")
	file := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(qpdf, "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1] // the text ends with a form feed
}

// TestBookDecision renders a book of 60 SOPs with the head of office's
// decision and checks what a reader finds: the decision with its list of
// SOPs over several pages, the contents with every SOP's version, dates
// and page, and the pages numbered across the book.
func TestBookDecision(t *testing.T) {
	r := newRenderer(t)
	docs, entries := bookOf(t, r, 60)
	var b bytes.Buffer
	if err := r.Book(&b, decreeInfo(entries), docs, nil); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, b.Bytes())
	sopPages := 0
	for _, d := range docs {
		sopPages += d.Count()
	}
	// The parts are told apart by their running footers.
	var decision, lampiran, contents []int
	for i, p := range pages {
		footer := fmt.Sprintf("Halaman %d dari %d", i+1, len(pages))
		switch {
		case i == 0:
			continue
		case !strings.Contains(p, footer):
			t.Errorf("page %d has no running footer with its number:\n%s", i+1, p)
		case strings.Contains(p, "Daftar Isi — Standar Operasional Prosedur Dinas Ketenagakerjaan dan Transmigrasi"):
			contents = append(contents, i+1)
		case strings.Contains(p, "Keputusan Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang Nomor 188.45/017/35.73.405/2026"):
			if strings.Contains(p, "LAMPIRAN") || len(lampiran) > 0 {
				lampiran = append(lampiran, i+1)
			} else {
				decision = append(decision, i+1)
			}
		}
		pages[i] = regexp.MustCompile(`(?m)^.*`+footer+`\s*$`).ReplaceAllString(p, "")
	}
	if len(lampiran) < 2 || len(contents) < 2 || len(decision) < 1 {
		t.Fatalf("decision pages %v, list pages %v, contents pages %v: a list of 60 SOPs should run over several pages", decision, lampiran, contents)
	}
	if want := 1 + len(decision) + len(lampiran) + len(contents) + sopPages; len(pages) != want {
		t.Errorf("%d pages, want cover + %d decision + %d contents + %d SOP pages", len(pages), len(decision)+len(lampiran), len(contents), sopPages)
	}
	if decision[0] != 2 || lampiran[0] != decision[len(decision)-1]+1 || contents[0] != lampiran[len(lampiran)-1]+1 {
		t.Errorf("the parts are out of order: decision %v, list %v, contents %v", decision, lampiran, contents)
	}

	// The decision: its heading, number, considerations, legal basis,
	// dictums and the signature of the head of office.
	text := strings.Join(pages[decision[0]-1:decision[len(decision)-1]], "\n")
	flat := unhyphenate(strings.Join(strings.Fields(text), " "))
	for _, want := range []string{
		"KEPUTUSAN KEPALA DINAS KETENAGAKERJAAN DAN TRANSMIGRASI", "NOMOR 188.45/017/35.73.405/2026", "TENTANG",
		"STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN", "Menimbang", "Mengingat", "Pelayanan Publik;",
		"Nomor 35 Tahun 2012", "MEMUTUSKAN:", "Menetapkan", "KESATU", "sebanyak 60 (enam puluh) standar operasional prosedur",
		"KEDUA", "KETIGA", "KEEMPAT", "Ditetapkan di Malang", "pada tanggal 20 November 2026",
		"KEPALA DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG,", "Drs. Contoh Pejabat, M.Si.", "Pembina Utama Muda (IV/c)",
		"NIP. 19680512 199303 1 007",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the decision lacks %q:\n%s", want, text)
		}
	}

	// The Lampiran: every SOP once, with its number, title and effective
	// date, the table's header on every page, and the signature at the end.
	listed := strings.Join(pages[lampiran[0]-1:lampiran[len(lampiran)-1]], "\n")
	for _, n := range lampiran {
		if !strings.Contains(pages[n-1], "NOMOR SOP") {
			t.Errorf("list page %d has no table header", n)
		}
	}
	for i, e := range entries {
		row := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\.\s+%s\s+%s\s+%s\s*$`, i+1, regexp.QuoteMeta(e.Number), regexp.QuoteMeta(e.Title),
			regexp.QuoteMeta(e.Effective.Indonesian())))
		if len(row.FindAllString(listed, -1)) != 1 {
			t.Errorf("the list has no single row for %s %s", e.Number, e.Title)
		}
	}
	if !strings.Contains(pages[lampiran[len(lampiran)-1]-1], "NIP. 19680512 199303 1 007") {
		t.Error("the list does not end with the signature")
	}
	if strings.Count(listed, "Bidang Uji ") != 5 {
		t.Errorf("the list should head each of the 5 units once:\n%s", listed)
	}

	// The contents: every SOP with number, title, unit, version, dates
	// and the page it starts on, which holds its identity section.
	toc := strings.Join(pages[contents[0]-1:contents[len(contents)-1]], "\n")
	if !strings.Contains(pages[contents[0]-1], "DAFTAR ISI") {
		t.Error("no DAFTAR ISI heading")
	}
	page := 1 + len(decision) + len(lampiran) + len(contents) + 1
	for i, e := range entries {
		row := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\.\s+%s\s+%s\s+%s\s+%d\s+%s\s+%s\s+(\d+)\s*$`, i+1, regexp.QuoteMeta(e.Number),
			regexp.QuoteMeta(e.Title), regexp.QuoteMeta(e.Unit), e.Version, regexp.QuoteMeta(e.Effective.Indonesian()), regexp.QuoteMeta(e.Revised.Indonesian())))
		m := row.FindStringSubmatch(toc)
		if m == nil {
			t.Errorf("the contents have no row for %s %s", e.Number, e.Title)
		} else if m[1] != fmt.Sprint(page) {
			t.Errorf("%s starts on page %s in the contents, want %d", e.Number, m[1], page)
		} else if !strings.Contains(pages[page-1], e.Number) || !strings.Contains(pages[page-1], "NOMOR SOP") {
			t.Errorf("page %d is not the identity page of %s", page, e.Number)
		}
		page += docs[i].Count()
	}
	for _, want := range []string{"Keputusan Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang Nomor 188.45/017/35.73.405/2026", "Daftar Isi"} {
		if !strings.Contains(toc, want) {
			t.Errorf("the contents do not list %q", want)
		}
	}
}

// TestBookDecisionBlanks: a decision without number, date or signer
// leaves them to be completed by hand, and a unit's book names the unit.
func TestBookDecisionBlanks(t *testing.T) {
	r := newRenderer(t)
	docs, entries := bookOf(t, r, 2)
	info := decreeInfo(entries)
	info.Unit = "Bidang Uji 1"
	info.Decree = &render.Decree{}
	var b bytes.Buffer
	if err := r.Book(&b, info, docs, nil); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, b.Bytes())
	flat := unhyphenate(strings.Join(strings.Fields(strings.Join(pages[1:4], "\n")), " "))
	for _, want := range []string{
		"KEPUTUSAN KEPALA DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG", "NOMOR …/…/…",
		"PADA BIDANG UJI 1 DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG", "sebanyak 2 (dua) standar operasional prosedur",
		"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012", "pada tanggal ……", "NIP. ……",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the decision lacks %q:\n%s", want, flat)
		}
	}
	if strings.Contains(flat, "Contoh Pejabat") {
		t.Error("a decision without signer names one")
	}
	if err := r.Book(&b, render.BookInfo{BookInfo: layout.BookInfo{Entries: entries[:1], Decree: &render.Decree{}}}, docs, nil); err == nil {
		t.Error("a book with fewer entries than documents")
	}
}

// unhyphenate joins the words the justified text of the decision broke
// between lines with a hyphen ("Bi- rokrasi").
func unhyphenate(flat string) string {
	return regexp.MustCompile(`(\pL)- (\pL)`).ReplaceAllString(flat, "$1$2")
}
