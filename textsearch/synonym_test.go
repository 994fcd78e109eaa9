package textsearch

import (
	"context"
	"slices"
	"testing"
)

func TestExpand(t *testing.T) {
	syn := []Synonym{{"kartu kuning", "AK/I"}, {"PKB", "perjanjian kerja bersama"}, {"job fair", "bursa kerja"}}
	cases := []struct {
		q    string
		want []string
	}{
		{"kartu kuning", []string{"kartu kuning", "ak/i"}},
		{"Perpanjangan KARTU Kuning", []string{"Perpanjangan KARTU Kuning", "perpanjangan ak/i"}},
		{"kartu", []string{"kartu"}},               // a part of a phrase is not the phrase
		{"kuning kartu", []string{"kuning kartu"}}, // nor its words in another order
		{"pkb", []string{"pkb", "perjanjian kerja bersama"}},
		{"job fair pkb", []string{"job fair pkb", "job fair perjanjian kerja bersama", "bursa kerja pkb"}},
		{"", []string{""}},
	}
	for _, c := range cases {
		if got := Expand(c.q, syn); !slices.Equal(got, c.want) {
			t.Errorf("Expand(%q) = %q, want %q", c.q, got, c.want)
		}
	}
}

func TestSearchAllSynonym(t *testing.T) {
	ix := sopIndex()
	syn := []Synonym{{"kartu kuning", "AK/I"}, {"taman", "Mediasi"}}
	if hits := ix.Search("kartu hijau"); len(hits) != 0 {
		t.Fatalf("kartu hijau finds %v", ids(hits))
	}
	hits, err := ix.SearchAll(context.Background(), Expand("kartu kuning", syn))
	if err != nil || len(hits) == 0 || hits[0].ID != "ak1" {
		t.Errorf("kartu kuning: %v %v, want ak1 first", ids(hits), err)
	}
	// Both the words as typed and their meaning are found, each once.
	hits, _ = ix.SearchAll(context.Background(), Expand("taman", syn))
	if got := ids(hits); !slices.Contains(got, "taman") || !slices.Contains(got, "mediasi") || len(got) != 2 {
		t.Errorf("taman with its synonym finds %v, want taman and mediasi", got)
	}
}

func TestSuggest(t *testing.T) {
	var ix Index
	ix.Add("1", Field{Text: "Pelatihan Berbasis Kompetensi", Weight: TitleWeight}, Field{Text: "Peserta pelatihan mengikuti uji kompetensi"})
	ix.Add("2", Field{Text: "Izin Lembaga Pelatihan Kerja Swasta", Weight: TitleWeight})
	ix.Add("3", Field{Text: "Pelayanan Kartu Pencari Kerja", Weight: TitleWeight}, Field{Text: "Pelatih memeriksa berkas"})
	ix.Add("4", Field{Text: "Pemagangan di Dalam Negeri", Weight: TitleWeight})
	cases := []struct{ q, want string }{
		{"pelatian", "pelatihan"},             // one letter left out; pelatihan (2 SOPs) before pelatih (1)
		{"pelatian kerja", "pelatihan kerja"}, // the word that matches is kept
		{"kompetnesi", "kompetensi"},          // two letters swapped: one edit
		{"pemaganagn", "pemagangan"},
		{"pelatihan", ""}, // found as typed: no suggestion
		{"kerj", ""},      // a prefix of a word matches
		{"xyzzy", ""},     // nothing near
		{"ak/x", ""},      // compounds are left alone
		{"krj", ""},       // short words: one edit at most, and kerja is two away
	}
	for _, c := range cases {
		if got := ix.Suggest(c.q); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.q, got, c.want)
		}
	}
	// A word no document holds any more is not suggested.
	ix.Remove("4")
	if got := ix.Suggest("pemaganagn"); got != "" {
		t.Errorf("after its SOP went, Suggest(pemaganagn) = %q", got)
	}
}

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b string
		d    int
	}{
		{"pelatian", "pelatihan", 1}, {"kompetnesi", "kompetensi", 1}, {"abc", "abc", 0}, {"ab", "ba", 1},
		{"kartu", "karut", 1}, {"mediasi", "medias", 1}, {"abcdef", "ghijkl", 3}, {"", "ab", 2},
	}
	for _, c := range cases {
		if got := editDistance([]rune(c.a), []rune(c.b), 2); got != min(c.d, 3) {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, min(c.d, 3))
		}
	}
}
