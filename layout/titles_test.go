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
