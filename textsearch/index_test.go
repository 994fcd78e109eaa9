package textsearch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// sopIndex indexes a few SOPs the way the catalogue will: title and
// number weigh more than activities, outputs and legal basis.
func sopIndex() *Index {
	var ix Index
	add := func(id, number, title string, body ...string) {
		fields := []Field{{Text: title, Weight: TitleWeight}, {Text: number, Weight: TitleWeight}}
		for _, b := range body {
			fields = append(fields, Field{Text: b, Weight: BodyWeight})
		}
		ix.Add(id, fields...)
	}
	add("pp", "560/015/35.73.405/2026", "Pengesahan Peraturan Perusahaan",
		"Menerima berkas permohonan pengesahan dari perusahaan",
		"Mengesahkan peraturan perusahaan",
		"Surat Keputusan Kepala Dinas tentang pengesahan peraturan perusahaan",
		"Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan")
	add("ak1", "560/003/35.73.405/2026", "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)",
		"Memeriksa kelengkapan berkas pemohon",
		"Mencetak kartu AK/I (kartu kuning)",
		"Kartu AK/I yang disahkan Kepala Bidang")
	add("mediasi", "560/021/35.73.405/2026", "Penyelesaian Perselisihan Hubungan Industrial melalui Mediasi",
		"Mediator memanggil para pihak",
		"Anjuran tertulis mediator",
		"Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial")
	add("taman", "660/101/35.73.404/2025", "Pemeliharaan Taman Kota",
		"Memangkas pohon perindang di jalur hijau",
		"Pohon yang tumbang dilaporkan kepada kepala seksi")
	add("surat", "800/012/35.73.405/2024", "Pengelolaan Surat Masuk dan Disposisi",
		"Menerima surat masuk dan mendisposisikan kepada kepala bidang",
		"Lembar disposisi")
	return &ix
}

func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func TestIndexSearch(t *testing.T) {
	ix := sopIndex()
	cases := []struct {
		query string
		want  []string // in rank order
	}{
		{"pengesahan", []string{"pp", "ak1"}}, // ak1: "disahkan" in its body
		{"disahkan", []string{"pp", "ak1"}},
		{"mengesahkan peraturan", []string{"pp"}},
		{"kartu kuning", []string{"ak1"}},
		{"ak/i", []string{"ak1"}},
		{"AK/I", []string{"ak1"}},
		{"mediasi", []string{"mediasi"}},
		{"Mediator", []string{"mediasi"}},
		{"perselisihan industrial", []string{"mediasi"}},
		{"pemohon", []string{"ak1", "pp"}}, // permohonan in pp; never taman's pohon
		{"pohon", []string{"taman"}},
		{"800/012", []string{"surat"}},
		{"012", []string{"surat"}},
		{"35.73.404", []string{"taman"}},
		{"disposisi", []string{"surat"}},
		{"kart", []string{"ak1"}},
		{"ketenagakerjaan", []string{"pp"}},
		{"penerimaan", []string{"pp", "surat"}}, // menerima
		{"", nil},
		{"  / . ", nil},
		{"tidak ada", nil},
	}
	for _, c := range cases {
		if got := ids(ix.Search(c.query)); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q) = %q, want %q", c.query, got, c.want)
		}
	}
}

func TestIndexRanking(t *testing.T) {
	var ix Index
	ix.Add("body-a", Field{Text: "Laporan", Weight: TitleWeight}, Field{Text: "pengesahan pengesahan pengesahan", Weight: BodyWeight})
	ix.Add("title", Field{Text: "Pengesahan Dokumen", Weight: TitleWeight}, Field{Text: "lain", Weight: BodyWeight})
	ix.Add("title-stem", Field{Text: "Disahkan", Weight: TitleWeight})
	ix.Add("body-b", Field{Text: "Laporan", Weight: TitleWeight}, Field{Text: "pengesahan", Weight: BodyWeight})
	hits := ix.Search("pengesahan")
	// Title hits first, the exact word before a shared root; body hits
	// tie and fall back to ID order.
	if got, want := ids(hits), []string{"title", "title-stem", "body-a", "body-b"}; !slices.Equal(got, want) {
		t.Fatalf("Search ranked %q (%v), want %q", got, hits, want)
	}
	if hits[0].Score <= hits[1].Score || hits[1].Score <= hits[2].Score || hits[2].Score != hits[3].Score {
		t.Errorf("scores %v", hits)
	}
}

func TestIndexReplaceAndRemove(t *testing.T) {
	var ix Index
	if ix.Len() != 0 || ix.Search("apa") != nil || ix.Remove("x") {
		t.Fatal("the zero Index is not empty")
	}
	ix.Add("a", Field{Text: "Pengesahan Peraturan"})
	ix.Add("b", Field{Text: "Pengesahan Kartu"})
	ix.Add("a", Field{Text: "Mediasi"}) // replaces the first a
	if ix.Len() != 2 {
		t.Fatalf("Len = %d, want 2", ix.Len())
	}
	if got := ids(ix.Search("peraturan")); len(got) != 0 {
		t.Errorf("replaced text still found: %q", got)
	}
	if got := ids(ix.Search("mediasi")); !slices.Equal(got, []string{"a"}) {
		t.Errorf("Search(mediasi) = %q", got)
	}
	if !ix.Remove("b") || ix.Remove("b") {
		t.Error("Remove(b) did not report b once")
	}
	if got := ids(ix.Search("kar")); len(got) != 0 {
		t.Errorf("removed text still found by prefix: %q", got)
	}
	if got := liveWords(&ix); !slices.Equal(got, []string{"mediasi"}) {
		t.Errorf("word list after removal = %q", got)
	}
	ix.Add("c", Field{Text: "Kartu"}) // reuses b's slot
	if got := ids(ix.Search("kartu")); !slices.Equal(got, []string{"c"}) {
		t.Errorf("Search(kartu) = %q", got)
	}
}

// liveWords returns the words of the index that some document holds.
func liveWords(ix *Index) []string {
	var out []string
	for _, w := range append(slices.Clone(ix.words), ix.fresh...) {
		if _, ok := ix.post[w]; ok {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// TestIndexConcurrent runs searches while one writer adds and removes;
// run it with -race.
func TestIndexConcurrent(t *testing.T) {
	ix := sopIndex()
	var wg sync.WaitGroup
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if got := ids(ix.Search("mediasi")); !slices.Equal(got, []string{"mediasi"}) {
					t.Errorf("Search(mediasi) = %q during writes", got)
					return
				}
				ix.Search("kart")
			}
		}()
	}
	for i := 0; i < 200; i++ {
		id := fmt.Sprint("tmp", i%7)
		ix.Add(id, Field{Text: "Kartu sementara nomor " + id})
		if i%3 == 0 {
			ix.Remove(id)
		}
	}
	wg.Wait()
}

// TestIndexChangesMatchRebuild adds, replaces and removes documents at
// random, many times over, and checks that the index then answers every
// query exactly as an index built afresh from the same documents: the
// same documents, scores and order. It also checks the bookkeeping that
// makes a removal cheap: each posting's position as its document records it.
func TestIndexChangesMatchRebuild(t *testing.T) {
	titles, numbers, bodies := sopTexts(t, 400)
	rng := rand.New(rand.NewPCG(3, 4))
	var ix Index
	current := map[string]int{} // document ID → the text it holds
	add := func(ix *Index, id string, k int) {
		ix.Add(id, Field{Text: titles[k], Weight: TitleWeight}, Field{Text: numbers[k], Weight: TitleWeight},
			Field{Text: bodies[k], Weight: BodyWeight})
	}
	for i := 0; i < 3000; i++ {
		id := fmt.Sprint("d", rng.IntN(150))
		if rng.IntN(4) == 0 {
			if _, ok := current[id]; ix.Remove(id) != ok {
				t.Fatalf("Remove(%s) reported wrongly", id)
			}
			delete(current, id)
			continue
		}
		k := rng.IntN(len(titles))
		add(&ix, id, k)
		current[id] = k
	}
	var fresh Index
	for id, k := range current {
		add(&fresh, id, k)
	}
	if ix.Len() != fresh.Len() {
		t.Fatalf("Len = %d, want %d", ix.Len(), fresh.Len())
	}
	for slot, d := range ix.docs {
		for i, term := range d.terms {
			if p := ix.post[term][d.pos[i]]; p.slot != int32(slot) {
				t.Fatalf("document %s: posting of %q recorded at %d holds slot %d", d.id, term, d.pos[i], p.slot)
			}
		}
	}
	words := liveWords(&fresh)
	if got := liveWords(&ix); !slices.Equal(got, words) {
		t.Errorf("the word lists differ: %d words, want %d", len(got), len(words))
	}
	queries := []string{"a", "pe", "ber", "pengesahan", "kartu pencari", "800/0", "35.73.40", "me di"}
	for i := 0; i < 40; i++ {
		queries = append(queries, words[rng.IntN(len(words))], words[rng.IntN(len(words))][:2])
	}
	defer func(c int) { termChunk = c }(termChunk)
	for _, chunk := range []int{termChunk, 7} {
		termChunk = chunk // 7: the lock is let go after every few words
		for _, q := range queries {
			if got, want := ix.Search(q), fresh.Search(q); !slices.Equal(got, want) {
				t.Errorf("chunks of %d: Search(%q): %d hits %v…, want %d %v…", chunk, q, len(got), head(got), len(want), head(want))
			}
		}
	}
}

// TestSearchResumesAfterMerge lets the word lists merge while a search
// has let go of the lock after its first word: a word that was among the
// fresh ones, and now sorts before the words already done, is still found.
func TestSearchResumesAfterMerge(t *testing.T) {
	defer func(c int) { termChunk, betweenChunks = c, nil }(termChunk)
	var ix Index
	ix.Add("lama", Field{Text: "abadi akta atas"})
	ix.mu.Lock()
	ix.compactWords()
	ix.mu.Unlock()
	ix.Add("baru", Field{Text: "aaron"}) // in fresh, before "abadi"
	want := ix.Search("a")
	termChunk = 1
	betweenChunks = func() {
		betweenChunks = nil
		ix.mu.Lock()
		ix.compactWords()
		ix.mu.Unlock()
	}
	if got := ix.Search("a"); !slices.Equal(got, want) || len(got) != 2 {
		t.Errorf("Search(a) with a merge in between = %v, want %v", got, want)
	}
}

// TestSearchWhileWordsMerge searches, a few postings at a time, while a
// writer adds and removes documents whose new words make the word lists
// merge again and again: the documents that do not change are always
// found, with the scores they have alone.
func TestSearchWhileWordsMerge(t *testing.T) {
	defer func(c int) { termChunk = c }(termChunk)
	termChunk = 2
	titles, numbers, bodies := sopTexts(t, 60)
	var ix, still Index
	for i := range 30 {
		for _, x := range []*Index{&ix, &still} {
			x.Add(numbers[i], Field{Text: titles[i], Weight: TitleWeight}, Field{Text: bodies[i], Weight: BodyWeight})
		}
	}
	queries := []string{"pe", "a", "ber", "me"}
	want := map[string][]Hit{}
	for _, q := range queries {
		want[q] = still.Search(q)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			k := 30 + i%30
			id := fmt.Sprint("baru", i%5)
			// A new word in each, so fresh fills and merges.
			ix.Add(id, Field{Text: titles[k] + fmt.Sprintf(" kata%d", i), Weight: TitleWeight}, Field{Text: bodies[k], Weight: BodyWeight})
			if i%2 == 0 {
				ix.Remove(id)
			}
		}
	}()
	for range 200 {
		for _, q := range queries {
			var got []Hit
			for _, h := range ix.Search(q) {
				if !strings.HasPrefix(h.ID, "baru") {
					got = append(got, h)
				}
			}
			if !slices.Equal(got, want[q]) {
				t.Errorf("Search(%q) during writes: %d hits, want %d", q, len(got), len(want[q]))
			}
		}
	}
	close(stop)
	wg.Wait()
	if ix.merges == 0 {
		t.Error("the word lists never merged during the test")
	}
}

func head(hits []Hit) []Hit { return hits[:min(len(hits), 3)] }

// TestSearchContextStops checks that a search whose context has ended
// stops with the context's error.
func TestSearchContextStops(t *testing.T) {
	ix := sopIndex()
	ctx, cancel := context.WithCancel(context.Background())
	if hits, err := ix.SearchContext(ctx, "pengesahan"); err != nil || len(hits) != 2 {
		t.Fatalf("SearchContext = %v, %v", hits, err)
	}
	cancel()
	if hits, err := ix.SearchContext(ctx, "pengesahan"); !errors.Is(err, context.Canceled) || hits != nil {
		t.Errorf("after cancel: %v, %v", hits, err)
	}
}
