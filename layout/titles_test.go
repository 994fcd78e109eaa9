package layout

import (
	"strings"
	"testing"
)

// TestPelaksanaTitlesWhole counts the pelaksana whose titles break inside
// a word in the header, over the fixtures on A4 and F4. A reviewer read
// "Kepala Bi-/dang Hubu-/ngan Indus-/trial dan Ja-/minan Sosial" in the
// mediasi SOP while other columns had room to spare; such a title now
// takes width from the text columns where no row grows for it
// (titlesFromText), from the pelaksana whose titles stay whole
// (headerWidths), or from what the text does not need (wholeTitles).
// 41 titles broke a word before, 21 now: the rest stand in tables whose
// pelaksana are at actorMin already and whose text cannot give without a
// cell taking another line (a long activity in a 200-step document), or
// in crowded tables (nine pelaksana), or need more than headerMaxGrow
// ("Pengadministrasi"). (18 when the text may give while a cell, but no
// row, takes another line: that check wraps every text column and cost
// the 15-step layout 30 % more time.) 22 since a rework loop's pair
// stands out below and in above the rows (pageCrossings): no label of
// the 200-step document on F4 breaks a word any more, so it is not laid
// out again with a wider column for one (roomierLabels), which had kept
// "Kepala Seksi Transmigrasi" whole by the way. 23 since side exits run
// along their row (cornerExits): in sample 17 on A4, u11's "Tidak
// lengkap" stands over its run in the next column and no longer asks
// the Kepala Seksi's column to grow (27.8 → 21.4 mm); the width that
// relayout took from the text had also kept "Kepala Bidang Hubungan
// Industrial dan Jaminan Sosial" whole next to it (22.2 → 20.5 mm). 13
// since a title keeps its words whole at one line more than broken
// (fitHeader): what breaks now is a word wider than its column
// ("Pengadministrasi", "Ketenagakerjaan", "Perbendaharaan").
func TestPelaksanaTitlesWhole(t *testing.T) {
	names, docs := fixtures(t, true)
	broken := 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		for _, c := range dg.Columns {
			if c.Kind != "actor" {
				continue
			}
			if n := headerBreaks(ApproxMeasure(), c.Title, c.W, dg.BodySize); n > 0 {
				broken++
				t.Logf("%s %s: %q breaks %d words at %.1f mm", name, paper, c.Title, n, c.W)
			}
		}
	})
	t.Logf("%d pelaksana titles break inside a word", broken)
	if broken > 13 {
		t.Errorf("%d pelaksana titles break inside a word, want at most 13", broken)
	}
}

// TestTitleSlashEndsLine: a slash between the words of a pelaksana's
// title ends its line, never starts the next ("/ Tim Penilai" in
// office-plt's header on A4, the reviewer of session 20), and the title
// reads whole, with plain spaces, at every width.
func TestTitleSlashEndsLine(t *testing.T) {
	m := ApproxMeasure()
	const title = "Tim Profesi Ahli / Tim Penilai Teknis"
	for w := 14.0; w <= 60; w += 0.25 {
		h := fitHeader(m, title, w, BodySize)
		for _, line := range h.lines {
			if strings.HasPrefix(line, "/") || strings.Contains(line, "\u00a0") {
				t.Fatalf("at %.2f mm: %q", w, h.lines)
			}
		}
		// Where no word is broken, the lines read as the title.
		if got := strings.Join(h.lines, " "); !strings.Contains(got, "-") && got != title {
			t.Fatalf("at %.2f mm the title reads %q", w, got)
		}
	}
}

// TestHeaderSizeFromTheWidestWords: the titles share one size, the
// largest at which each keeps its words whole (fitHeader). It is found
// from the titles' widest words first (wordsSize), so that a long title
// is not first set at the full size, where it took four lines and went
// down to the least size, when the size another title's word asks sets
// it in three (generated document #280 on A4: "KET." in 9.6 mm asks
// 8.5 pt; "Kepala Dinas Ketenagakerjaan dan Transmigrasi" in 28.6 mm
// took four lines at 9 pt, and every title came down to 8 pt).
func TestHeaderSizeFromTheWidestWords(t *testing.T) {
	m := ApproxMeasure()
	long := "Kepala Dinas Ketenagakerjaan dan Transmigrasi"
	widths := []float64{7.18, 47.05, 28.64, 28.64, 28.64, 26.92, 14.59, 28.18, 9.62}
	titles := []string{"NO", "KEGIATAN", "Pemohon", "Kepala Bidang", long, "KELENGKAPAN", "WAKTU", "OUTPUT", "KET."}
	cols := make([]Column, len(titles))
	x := 10.0
	for i, title := range titles {
		cols[i] = Column{Title: title, X: x, W: widths[i]}
		x += widths[i]
	}
	if n := len(wrap(m, long, HeaderSize, true, widths[4]-2*CellPadX+headerSlack)); n <= 3 {
		t.Fatalf("the long title takes %d lines at %v pt: the case is not the one this test is for", n, HeaderSize)
	}
	if got := wordsSize(m, "KET.", widths[8], HeaderSize); got != 8.5 {
		t.Fatalf("KET. asks %v pt: the case is not the one this test is for", got)
	}
	h := newHeader(m, cols, HeaderSize)
	for _, c := range h.cells {
		if c.Size != 8.5 {
			t.Errorf("%q set at %v pt, not 8.5", strings.Join(c.Lines, " "), c.Size)
		}
		if strings.Join(c.Lines, " ") == long && len(c.Lines) != 3 {
			t.Errorf("the long title in %d lines: %q", len(c.Lines), c.Lines)
		}
	}
}
