package layout

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

func TestTerbilang(t *testing.T) {
	for n, want := range map[int]string{0: "nol", 1: "satu", 10: "sepuluh", 11: "sebelas", 12: "dua belas", 19: "sembilan belas",
		20: "dua puluh", 21: "dua puluh satu", 60: "enam puluh", 100: "seratus", 111: "seratus sebelas", 245: "dua ratus empat puluh lima",
		1000: "seribu", 1999: "seribu sembilan ratus sembilan puluh sembilan", 2026: "dua ribu dua puluh enam", 150000: "seratus lima puluh ribu"} {
		if got := Terbilang(n); got != want {
			t.Errorf("Terbilang(%d) = %q, want %q", n, got, want)
		}
	}
	if Ordinal(1) != "KESATU" || Ordinal(4) != "KEEMPAT" || Ordinal(11) != "KESEBELAS" {
		t.Error(Ordinal(1), Ordinal(4), Ordinal(11))
	}
	if DefaultPlace("Pemerintah Kota Malang") != "Malang" || DefaultPlace("Pemerintah Kabupaten Malang") != "Malang" {
		t.Error(DefaultPlace("Pemerintah Kota Malang"))
	}
}

// bookInfo returns the front matter of a book of n SOPs of the Dinas.
func bookInfo(n int, signer *esop.Approval) *BookInfo {
	info := &BookInfo{Government: "Pemerintah Kota Malang", Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Year: 2026,
		Office: Office{Address: "Jalan Contoh Nomor 1, Malang 65111", Phone: "(0341) 551234", Email: "disnaker@malangkota.go.id",
			Website: "disnaker.malangkota.go.id"},
		Decree: &Decree{Number: "188.45/017/35.73.405/2026", Date: esop.MustDate("2026-11-20"), Signer: signer,
			Legal: []string{"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
				"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;"}}}
	for i := range n {
		info.Entries = append(info.Entries, BookEntry{Number: fmt.Sprintf("800/%03d/35.73.405/2026", i+1),
			Title: fmt.Sprintf("Prosedur Uji Buku Nomor %02d", i+1), Unit: fmt.Sprintf("Bidang Uji %d", i/12+1), Version: 1,
			Effective: esop.MustDate("2026-01-05")})
	}
	return info
}

// sheetText returns the texts of a sheet joined by spaces, in order.
func sheetText(s *Sheet) string {
	var b strings.Builder
	for _, t := range s.Texts {
		b.WriteString(t.S + " ")
	}
	return b.String()
}

// TestBookLetterheadAndCover: the office's address, telephone, e-mail and
// website stand on the cover and in the decision's letterhead, the logo's
// room above the rule of the letterhead and clear of its text.
func TestBookLetterheadAndCover(t *testing.T) {
	bk, err := LayoutBook(bookInfo(3, nil), []int{3, 3, 3}, ApproxMeasure())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Sheet{&bk.Cover, &bk.Decree[0]} {
		text := sheetText(s)
		for _, want := range []string{"Jalan Contoh Nomor 1, Malang 65111", "Telepon (0341) 551234", "Pos-el disnaker@malangkota.go.id", "Laman disnaker.malangkota.go.id"} {
			if !strings.Contains(text, want) {
				t.Errorf("%q is not on the sheet: %s", want, text)
			}
		}
		if s.Logo.W <= 0 {
			t.Error("no room for the logo")
		}
	}
	kop := &bk.Decree[0]
	ruleY := kop.Rules[0].A.Y
	if kop.Logo.Y+kop.Logo.H > ruleY-1 {
		t.Errorf("the logo's room %v reaches the letterhead's rule at %.2f", kop.Logo, ruleY)
	}
	for _, tx := range kop.Texts {
		if b := tx.Bounds(ApproxMeasure()); b.Y < ruleY && overlaps(b, kop.Logo) {
			t.Errorf("%q %v overlaps the logo's room %v", tx.S, b, kop.Logo)
		}
	}
}

// TestBookNoShortLastPage: a table running over pages leaves no page
// with only one or two of its rows.
func TestBookNoShortLastPage(t *testing.T) {
	for n := 20; n <= 70; n++ {
		info := bookInfo(n, nil)
		counts := make([]int, n)
		for i := range counts {
			counts[i] = 3
		}
		bk, err := LayoutBook(info, counts, ApproxMeasure())
		if err != nil {
			t.Fatal(err)
		}
		for part, sheets := range map[string][]Sheet{"Lampiran": bk.Decree[1:], "contents": bk.Contents} {
			if len(sheets) < 2 {
				continue
			}
			last := &sheets[len(sheets)-1]
			rows := 0
			for _, tx := range last.Texts {
				if strings.HasPrefix(tx.S, "Prosedur Uji Buku") {
					rows++
				}
			}
			if rows < minTableRows {
				t.Errorf("%d SOPs: the last page of the %s holds %d rows", n, part, rows)
			}
		}
	}
}

// TestDecreeJustified: the lines of the decision, spread to the margin,
// never open a gap wider than maxStretch spaces.
func TestDecreeJustified(t *testing.T) {
	m := ApproxMeasure()
	bk, err := LayoutBook(bookInfo(5, nil), []int{2, 2, 2, 2, 2}, m)
	if err != nil {
		t.Fatal(err)
	}
	space := m.Width(" ", decreeSize, false)
	for pi, s := range bk.Decree {
		byLine := map[float64][]Text{}
		for _, tx := range s.Texts {
			if tx.Size == decreeSize && !tx.Bold && tx.Anchor == "start" && tx.X > decreeLeft+20 {
				byLine[tx.Y] = append(byLine[tx.Y], tx)
			}
		}
		for y, words := range byLine {
			slices.SortFunc(words, func(a, b Text) int { return cmp.Compare(a.X, b.X) })
			for i := 1; i < len(words); i++ {
				a, b := words[i-1], words[i]
				if len(a.S) <= 3 && strings.HasSuffix(a.S, ".") {
					continue // the letter or number of a point, before its hanging text
				}
				gap := b.X - (a.X + m.Width(a.S, a.Size, false))
				if gap > maxStretch*space+0.02 {
					t.Errorf("page %d line at %.1f: a gap of %.2f mm (%.1f spaces) between %q and %q", pi+1, y, gap, gap/space, a.S, b.S)
				}
			}
		}
	}
}
