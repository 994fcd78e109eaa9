package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// bruteMatch is how Keterkaitan was resolved before titles and numbers
// were indexed by key: every reference compared with every entry, in
// catalogue order, by number first, then by title. The maps must give
// the same answers.
func bruteMatch(list []*entry, text string, self int64) *entry {
	key := memoKey(text)
	if key == "" {
		return nil
	}
	var byTitle *entry
	for _, e := range list {
		if e.ID == self {
			continue
		}
		if e.Number != "" && (strings.EqualFold(strings.TrimSpace(text), e.Number) || key == memoKey(e.Number)) {
			return e
		}
		if byTitle == nil && key == memoKey(e.Title) {
			byTitle = e
		}
	}
	return byTitle
}

// memoKey is relatedKey remembered, so that comparing all stays quick
// enough for a test.
func memoKey(s string) string {
	k, ok := memoKeys[s]
	if !ok {
		k = relatedKey(s)
		memoKeys[s] = k
	}
	return k
}

var memoKeys = map[string]string{}

// bruteReferrers is how the SOPs naming one were found before: every
// entry's every reference resolved.
func bruteReferrers(list []*entry, id int64, today esop.Date) []int64 {
	var out []int64
	for _, e := range list {
		if e.ID == id || e.Gone || e.Draft || today.Before(e.Effective) {
			continue
		}
		for _, text := range e.Related {
			if m := bruteMatch(list, text, e.ID); m != nil && m.ID == id {
				out = append(out, e.ID)
				break
			}
		}
	}
	return out
}

// randomSOP makes an SOP from a small vocabulary, so that numbers and
// titles collide (the same title twice, a number written like another's)
// and references name numbers, titles, both spelled differently, or
// nothing stored.
func randomSOP(rng *rand.Rand, id int64) *esop.SOP {
	words := []string{"Pelayanan", "Kartu", "Pencari", "Kerja", "Pengesahan", "Peraturan", "Mediasi", "Surat"}
	title := func() string {
		if rng.IntN(8) == 0 {
			return fmt.Sprintf("560/%03d/35.73.405/2026", rng.IntN(12)) // reads as another's number
		}
		return words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]
	}
	number := func() string {
		if rng.IntN(4) == 0 {
			return ""
		}
		return fmt.Sprintf("560/%03d/35.73.405/2026", rng.IntN(12))
	}
	sop := &esop.SOP{ID: id, Number: number(), Title: title(), Unit: "Bidang " + words[rng.IntN(3)]}
	d := &esop.Document{Title: sop.Title, Number: sop.Number, Unit: sop.Unit, Dates: esop.Dates{Effective: esop.MustDate("2026-01-0" + fmt.Sprint(1+rng.IntN(9)))}}
	if rng.IntN(5) == 0 {
		d.Title = title() // a later version renamed it
	}
	for range rng.IntN(5) {
		switch rng.IntN(5) {
		case 0:
			d.Related = append(d.Related, "SOP "+title())
		case 1:
			d.Related = append(d.Related, strings.ToLower(title()))
		case 2:
			d.Related = append(d.Related, fmt.Sprintf(" 560/%03d/35.73.405/2026 ", rng.IntN(12)))
		case 3:
			d.Related = append(d.Related, fmt.Sprintf("SOP Nomor 560/%03d/35.73.405/2026", rng.IntN(12)))
		default:
			d.Related = append(d.Related, "SOP yang tidak ada "+fmt.Sprint(rng.IntN(3)))
		}
	}
	v := &esop.Version{ID: id * 10, SOPID: id, Document: d}
	switch rng.IntN(5) {
	case 0:
		sop.Draft = v
	case 1:
		// withdrawn: no live version
	default:
		sop.Current = v
	}
	return sop
}

// TestKeterkaitanMapsMatchComparingAll builds the index of random SOPs,
// then changes some of them one by one as writes do, and checks after
// each round that every reference resolves, and every SOP's referrers
// are found, exactly as comparing every reference with every title
// did; and that the index kept up to date equals one built afresh.
func TestKeterkaitanMapsMatchComparingAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	today := esop.MustDate("2026-01-05")
	s := &Server{index: newCatalogueIndex(), now: func() time.Time { return time.Date(2026, 1, 5, 3, 0, 0, 0, time.UTC) }}
	sops := map[int64]*esop.SOP{}
	var first []*entry
	for id := int64(1); id <= 120; id++ {
		sops[id] = randomSOP(rng, id)
		first = append(first, entryOf(sops[id]))
	}
	s.index.apply(s.index.data, first, true)
	ctx := context.Background()
	for round := range 6 {
		_, list := s.index.snapshot()
		for _, e := range list {
			texts := append(slices.Clone(e.Related), e.Title, e.Number, "sop "+strings.ToUpper(e.Title))
			links, err := s.resolveRelated(ctx, e.ID, texts)
			if err != nil {
				t.Fatal(err)
			}
			for i, text := range texts {
				want := bruteMatch(list, text, e.ID)
				if got := links[i].ID; want == nil && got != 0 || want != nil && got != want.ID {
					t.Fatalf("round %d: SOP %d names %q: resolved to %d, comparing all gives %v", round, e.ID, text, got, want)
				}
			}
			refs, err := s.referrers(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range refs {
				got = append(got, r.ID)
			}
			if want := bruteReferrers(list, e.ID, today); !slices.Equal(got, want) {
				t.Fatalf("round %d: referrers of SOP %d = %v, comparing all gives %v", round, e.ID, got, want)
			}
		}
		// Some writes, each bringing its SOP up to date alone.
		for range 25 {
			id := 1 + rng.Int64N(130) // a few new SOPs too
			sops[id] = randomSOP(rng, id)
			s.index.apply(s.index.data, []*entry{entryOf(sops[id])}, true)
		}
	}
	fresh := newCatalogueIndex()
	var all []*entry
	for _, sop := range sops {
		all = append(all, entryOf(sop))
	}
	fresh.apply(fresh.data, all, true)
	_, got := s.index.snapshot()
	_, want := fresh.snapshot()
	if !slices.EqualFunc(got, want, func(a, b *entry) bool { return a.ID == b.ID }) {
		t.Error("the catalogue kept up to date is not in the order of one built afresh")
	}
	for _, q := range []string{"pelayanan", "kartu kerja", "560/003", "surat"} {
		a, _ := s.index.data.search.find(ctx, []string{q})
		b, _ := fresh.data.search.find(ctx, []string{q})
		if !slices.Equal(a, b) {
			t.Errorf("search %q: %v, afresh %v", q, a, b)
		}
	}
}

// TestRebuildKeepsUpdatesMadeMeanwhile checks that a whole rebuild,
// which read the store before a write, does not undo the write's update.
func TestRebuildKeepsUpdatesMadeMeanwhile(t *testing.T) {
	c := newCatalogueIndex()
	rng := rand.New(rand.NewPCG(7, 8))
	old := randomSOP(rng, 1)
	old.Title, old.Current = "Judul Lama", &esop.Version{Document: &esop.Document{Title: "Judul Lama"}}
	c.apply(c.data, []*entry{entryOf(old)}, true)
	c.mu.RLock()
	start := c.seq
	c.mu.RUnlock()
	// The rebuild has read "Judul Lama"; meanwhile a write renames it.
	renamed := *old
	renamed.Title, renamed.Current = "Judul Baru", &esop.Version{Document: &esop.Document{Title: "Judul Baru"}}
	c.apply(c.data, []*entry{entryOf(&renamed)}, true)
	fresh := newCatalogueData()
	c.apply(fresh, []*entry{entryOf(old)}, false)
	c.finishRebuild(fresh, start)
	if e := c.entry(1); e == nil || e.Title != "Judul Baru" {
		t.Errorf("after the rebuild the SOP is %+v, want the renamed one", e)
	}
}

// BenchmarkKeterkaitan resolves the Keterkaitan of an SOP naming 2,000
// SOPs (numbers, titles and unknown ones) in a catalogue of 10,000, and
// finds the SOPs that name one SOP, by the maps as the pages do; and
// resolves some of the same entries by comparing each with every number
// and title, as before (8.5 s for such a page in the issue).
//
//	go test -run '^$' -bench Keterkaitan ./web
func BenchmarkKeterkaitan(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	s := &Server{index: newCatalogueIndex(), now: func() time.Time { return time.Date(2026, 1, 5, 3, 0, 0, 0, time.UTC) }}
	var entries []*entry
	for id := int64(1); id <= 10000; id++ {
		sop := randomSOP(rng, id)
		sop.Number = fmt.Sprintf("800/%05d/35.73.405/2024", id)
		sop.Title = fmt.Sprintf("Pelayanan Uji %d %s", id, sop.Title)
		if sop.Current != nil {
			sop.Current.Document.Title = sop.Title
		}
		entries = append(entries, entryOf(sop))
	}
	s.index.apply(s.index.data, entries, true)
	var related []string
	for i := range 2000 {
		switch i % 3 {
		case 0:
			related = append(related, fmt.Sprintf("SOP Nomor 800/%05d/35.73.405/2024", 1+rng.IntN(10000)))
		case 1:
			related = append(related, entries[rng.IntN(len(entries))].Title)
		default:
			related = append(related, fmt.Sprintf("SOP yang tidak ada %d", i))
		}
	}
	ctx := context.Background()
	b.Run("maps", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := s.keterkaitan(ctx, 1, related); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(related)), "ns/entry")
	})
	b.Run("compare-all", func(b *testing.B) {
		// 20 entries of the 2,000: comparing them all takes a minute.
		_, list := s.index.snapshot()
		for b.Loop() {
			for _, text := range related[:20] {
				bruteMatchUncached(list, text, 1)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*20), "ns/entry")
	})
}

// bruteMatchUncached is bruteMatch as it ran: every key computed again.
func bruteMatchUncached(list []*entry, text string, self int64) *entry {
	key := relatedKey(text)
	if key == "" {
		return nil
	}
	var byTitle *entry
	for _, e := range list {
		if e.ID == self {
			continue
		}
		if e.Number != "" && (strings.EqualFold(strings.TrimSpace(text), e.Number) || key == relatedKey(e.Number)) {
			return e
		}
		if byTitle == nil && key == relatedKey(e.Title) {
			byTitle = e
		}
	}
	return byTitle
}
