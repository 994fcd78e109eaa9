package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// The SOP workbook: the official form as offices keep it in a
// spreadsheet. Sheet "Identitas" holds the identity section, one field
// per row (label in A, value in B; lists one row per item with the label
// repeated); sheet "Kegiatan" holds the activity table under two header
// rows: NO, KEGIATAN, one column per pelaksana (under PELAKSANA) marked
// with X where the step is done, KELENGKAPAN, WAKTU and OUTPUT (under
// MUTU BAKU), KETERANGAN, the decision's rows for YA and TIDAK (under
// KEPUTUSAN; "3", or "Lengkap: 3" with the document's own label), and
// LANJUT KE (a row the flow jumps to), SELESAI (the flow ends), NORMA
// WAKTU (the working time) and ID (the step's id, kept for the round
// trip). The same layout is read back by ReadSOPWorkbook.

// Sheet names and labels of the SOP workbook.
const (
	SheetIdentity   = "Identitas"
	SheetActivities = "Kegiatan"
	SheetHelp       = "Petunjuk"
)

// Identity labels, in the order written.
const (
	lblNumber      = "Nomor SOP"
	lblTitle       = "Nama SOP"
	lblGovernment  = "Pemerintah"
	lblAgency      = "Perangkat Daerah"
	lblUnit        = "Unit"
	lblType        = "Jenis SOP"
	lblCategory    = "Kategori"
	lblCreated     = "Tanggal Pembuatan"
	lblRevised     = "Tanggal Revisi"
	lblEffective   = "Tanggal Efektif"
	lblPosition    = "Disahkan oleh: Jabatan"
	lblName        = "Disahkan oleh: Nama"
	lblRank        = "Disahkan oleh: Pangkat/Golongan"
	lblNIP         = "Disahkan oleh: NIP"
	lblCapacity    = "Disahkan oleh: Kapasitas"
	lblLegal       = "Dasar Hukum"
	lblQualif      = "Kualifikasi Pelaksana"
	lblRelated     = "Keterkaitan"
	lblEquipment   = "Peralatan/Perlengkapan"
	lblWarning     = "Peringatan"
	lblRecords     = "Pencatatan dan Pendataan"
	lblActor       = "Pelaksana"
	lblPaper       = "Kertas"
	lblFirstSteps  = "Baris Halaman Pertama"
	lblLaterSteps  = "Baris Halaman Berikutnya"
	identityHeadID = "ISIAN"
	identityHeadV  = "NILAI"
)

// Headers of the activity table.
const (
	hNo        = "NO"
	hActivity  = "KEGIATAN"
	hActors    = "PELAKSANA"
	hMutu      = "MUTU BAKU"
	hReq       = "KELENGKAPAN"
	hTime      = "WAKTU"
	hOutput    = "OUTPUT"
	hNote      = "KETERANGAN"
	hDecision  = "KEPUTUSAN"
	hYes       = "YA"
	hNo2       = "TIDAK"
	hNext      = "LANJUT KE"
	hEnd       = "SELESAI"
	hEffort    = "NORMA WAKTU"
	hID        = "ID"
	actorMark  = "X"
	endMark    = "YA"
	headerRows = 2
)

// sopStyles are the cell formats of the SOP workbook.
type sopStyles struct {
	title, head, label, body, center int
}

func newSOPStyles(wb *Workbook) sopStyles {
	return sopStyles{
		title:  wb.Style(Style{Bold: true, Size: 13}),
		head:   wb.Style(Style{Bold: true, Border: true, Fill: "D9D9D9", Horizontal: "center", Vertical: "center", Wrap: true}),
		label:  wb.Style(Style{Bold: true, Border: true, Vertical: "top", Wrap: true}),
		body:   wb.Style(Style{Border: true, Vertical: "top", Wrap: true}),
		center: wb.Style(Style{Border: true, Vertical: "top", Horizontal: "center"}),
	}
}

// WriteSOPXLSX writes d as the SOP workbook.
func WriteSOPXLSX(w io.Writer, d *esop.Document) error {
	return SOPWorkbook(d).Write(w)
}

// WriteSOPTemplate writes the empty SOP workbook to fill in, with three
// pelaksana columns and a sheet of instructions.
func WriteSOPTemplate(w io.Writer) error {
	d := &esop.Document{Format: esop.FormatV1, Actors: []esop.Actor{{Name: "Pelaksana 1"}, {Name: "Pelaksana 2"}, {Name: "Pelaksana 3"}},
		Steps: make([]esop.Step, 5)}
	wb := sopWorkbook(d, true)
	help := wb.AddSheet(SheetHelp)
	help.SetWidth(1, 110)
	st := wb.Style(Style{Wrap: true, Vertical: "top"})
	for i, line := range templateHelp {
		help.Set(1, i+1, line, st)
	}
	return wb.Write(w)
}

var templateHelp = []string{
	"PETUNJUK PENGISIAN SOP (format esop.sop/1)",
	"Lembar Identitas: isi kolom NILAI di samping setiap isian. Daftar (Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan, Pencatatan dan Pendataan, Pelaksana) ditulis satu baris per butir, dengan nama isian diulang di kolom A.",
	"Dasar Hukum: tulis kutipan lengkap di kolom B, atau jenis (UU, PP, Perpres, Permen, Perda, Perwali …), nomor, tahun, tentang dan penerbit di kolom C–G.",
	"Pelaksana: nama jabatan atau peran di kolom B (bukan nama orang); kolom C (ID), D (kode jabatan) dan E (isi \"eksternal\" untuk pihak di luar kantor) boleh kosong. Urutan baris menjadi urutan kolom pelaksana.",
	"Tanggal ditulis 2024-01-15 atau 15-01-2024 atau 15 Januari 2024. Jenis SOP: administratif atau teknis. Kategori: pelayanan, rutin atau penugasan. Kapasitas: definitif, plt, plh atau an. Kertas: A4 atau F4.",
	"Lembar Kegiatan: satu baris per kegiatan. Beri tanda X di kolom pelaksana yang melakukan kegiatan (tepat satu). Judul kolom pelaksana harus sama dengan nama pelaksana di lembar Identitas.",
	"WAKTU dan NORMA WAKTU: 5 menit, 1,5 jam, 2 hari, 1 minggu, 1 bulan, atau teks seperti \"sesuai jadwal\". KELENGKAPAN: satu butir per baris dalam sel.",
	"KEPUTUSAN: untuk kegiatan yang berupa keputusan, tulis NO baris tujuan di kolom YA dan TIDAK (mis. 3), atau dengan label (mis. \"Lengkap: 3\" dan \"Tidak lengkap: 1\").",
	"LANJUT KE: NO baris berikutnya bila bukan baris di bawahnya. SELESAI: tulis YA bila alur berakhir setelah kegiatan ini. Kolom ID boleh kosong.",
	"Impor: menu Impor di e-SOP atau perintah `esop import BERKAS.xlsx`. Setiap masalah disebut dengan lembar, baris dan kolomnya; tidak ada yang disimpan sampai semuanya benar.",
}

// SOPWorkbook returns the SOP workbook of d.
func SOPWorkbook(d *esop.Document) *Workbook { return sopWorkbook(d, false) }

func sopWorkbook(d *esop.Document, template bool) *Workbook {
	wb := NewWorkbook()
	wb.Title, wb.Creator, wb.Language = d.Title, "e-SOP", "id-ID"
	st := newSOPStyles(wb)
	writeIdentitySheet(wb, st, d, template)
	writeActivitySheet(wb, st, d, template)
	return wb
}

func writeIdentitySheet(wb *Workbook, st sopStyles, d *esop.Document, template bool) {
	s := wb.AddSheet(SheetIdentity)
	s.SetWidth(1, 32)
	s.SetWidth(2, 70)
	for c := 3; c <= 7; c++ {
		s.SetWidth(c, 18)
	}
	s.Set(1, 1, "IDENTITAS SOP", st.title)
	s.Set(1, 2, identityHeadID, st.head)
	s.Set(2, 2, identityHeadV, st.head)
	for c, h := range []string{"JENIS", "NOMOR", "TAHUN", "TENTANG", "PENERBIT"} {
		s.Set(3+c, 2, "Dasar Hukum: "+h+" / Pelaksana: "+[]string{"ID", "JABATAN", "EKSTERNAL", "", ""}[c], st.head)
	}
	s.FreezeRows(2)
	row := 3
	put := func(label string, values ...any) {
		s.Set(1, row, label, st.label)
		for c := 2; c <= 7; c++ {
			var v any
			if c-2 < len(values) {
				v = values[c-2]
			}
			if sv, ok := v.(string); ok && sv == "" {
				v = nil
			}
			s.Set(c, row, v, st.body)
		}
		row++
	}
	date := func(x esop.Date) string {
		if x.IsZero() {
			return ""
		}
		return x.String()
	}
	put(lblNumber, d.Number)
	put(lblTitle, d.Title)
	put(lblGovernment, d.Government)
	put(lblAgency, d.Agency)
	put(lblUnit, d.Unit)
	put(lblType, d.Type)
	put(lblCategory, d.Category)
	put(lblCreated, date(d.Dates.Created))
	put(lblRevised, date(d.Dates.Revised))
	put(lblEffective, date(d.Dates.Effective))
	a := d.Approval
	if a == nil {
		a = &esop.Approval{}
	}
	put(lblPosition, a.Position)
	put(lblName, a.Name)
	put(lblRank, a.Rank)
	put(lblNIP, a.NIP)
	put(lblCapacity, a.Capacity)
	if len(d.LegalBasis) == 0 {
		put(lblLegal)
	}
	for _, r := range d.LegalBasis {
		if r.Text != "" {
			put(lblLegal, r.Text)
			continue
		}
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		put(lblLegal, r.Cite(d.Government), r.Kind, r.Number, year, r.Title, r.Issuer)
	}
	list := func(label string, items []string) {
		if len(items) == 0 {
			put(label)
		}
		for _, it := range items {
			put(label, it)
		}
	}
	list(lblQualif, d.Qualifications)
	list(lblRelated, d.Related)
	list(lblEquipment, d.Equipment)
	put(lblWarning, d.Warning)
	list(lblRecords, d.Records)
	for _, ac := range d.Actors {
		ext := ""
		if ac.External {
			ext = "eksternal"
		}
		put(lblActor, ac.Name, ac.ID, ac.Position, ext)
	}
	l := d.Layout
	if l == nil {
		l = &esop.LayoutHint{}
	}
	num := func(n int) any {
		if n == 0 {
			return nil
		}
		return n
	}
	put(lblPaper, l.Paper)
	put(lblFirstSteps, num(l.FirstPageSteps))
	put(lblLaterSteps, num(l.PageSteps))
	_ = template
}

// activityColumns are the columns of the activity table for n pelaksana.
type activityColumns struct {
	no, activity, actor0, req, time, output, note, yes, no2, next, end, effort, id int
}

func newActivityColumns(n int) activityColumns {
	c := activityColumns{no: 1, activity: 2, actor0: 3}
	c.req = c.actor0 + n
	c.time, c.output, c.note = c.req+1, c.req+2, c.req+3
	c.yes, c.no2 = c.note+1, c.note+2
	c.next, c.end, c.effort, c.id = c.no2+1, c.no2+2, c.no2+3, c.no2+4
	return c
}

func writeActivitySheet(wb *Workbook, st sopStyles, d *esop.Document, template bool) {
	s := wb.AddSheet(SheetActivities)
	n := len(d.Actors)
	c := newActivityColumns(n)
	// The two header rows.
	single := func(col int, title string, width float64) {
		s.Set(col, 1, title, st.head)
		s.Set(col, 2, nil, st.head)
		s.Merge(col, 1, col, 2)
		s.SetWidth(col, width)
	}
	group := func(from int, title string, subs []string, width float64) {
		s.Set(from, 1, title, st.head)
		for i, sub := range subs {
			if i > 0 {
				s.Set(from+i, 1, nil, st.head)
			}
			s.Set(from+i, 2, sub, st.head)
			s.SetWidth(from+i, width)
		}
		if len(subs) > 1 {
			s.Merge(from, 1, from+len(subs)-1, 1)
		}
	}
	single(c.no, hNo, 5)
	single(c.activity, hActivity, 40)
	var names []string
	for _, a := range d.Actors {
		names = append(names, a.Name)
	}
	group(c.actor0, hActors, names, 14)
	group(c.req, hMutu, []string{hReq, hTime, hOutput}, 24)
	s.SetWidth(c.time, 14)
	single(c.note, hNote, 28)
	group(c.yes, hDecision, []string{hYes, hNo2}, 14)
	single(c.next, hNext, 10)
	single(c.end, hEnd, 10)
	single(c.effort, hEffort, 14)
	single(c.id, hID, 10)
	s.FreezeRows(headerRows)
	s.PrintLandscapeOnePageWide()
	row := func(i int) int { return headerRows + 1 + i }
	ref := func(label, id string) any {
		j := d.StepIndex(id)
		if j < 0 {
			return id
		}
		if label == "" {
			return j + 1
		}
		return label + ": " + strconv.Itoa(j+1)
	}
	for i := range d.Steps {
		st2 := &d.Steps[i]
		r := row(i)
		s.Set(c.no, r, i+1, st.center)
		for k := range n {
			var mark any
			if !template && d.Actors[k].ID == st2.Actor {
				mark = actorMark
			}
			s.Set(c.actor0+k, r, mark, st.center)
		}
		text := func(col int, v string) {
			if v == "" {
				s.Set(col, r, nil, st.body)
			} else {
				s.Set(col, r, v, st.body)
			}
		}
		text(c.activity, st2.Activity)
		text(c.req, strings.Join(st2.Requirements, "\n"))
		text(c.time, esop.TimeText(st2.Time, "id"))
		text(c.output, st2.Output)
		text(c.note, st2.Note)
		if dec := st2.Decision; dec != nil {
			s.Set(c.yes, r, ref(dec.YesLabel, dec.Yes), st.center)
			s.Set(c.no2, r, ref(dec.NoLabel, dec.No), st.center)
		} else {
			s.Set(c.yes, r, nil, st.center)
			s.Set(c.no2, r, nil, st.center)
		}
		if st2.Next != "" {
			s.Set(c.next, r, ref("", st2.Next), st.center)
		} else {
			s.Set(c.next, r, nil, st.center)
		}
		if st2.End {
			s.Set(c.end, r, endMark, st.center)
		} else {
			s.Set(c.end, r, nil, st.center)
		}
		text(c.effort, esop.TimeText(st2.Effort, "id"))
		if template {
			text(c.id, "")
			s.Set(c.no, r, i+1, st.center)
		} else {
			text(c.id, st2.ID)
		}
	}
}
