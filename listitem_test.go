package esop

import (
	"slices"
	"testing"
)

func TestListItem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"KTP asli", "KTP asli"},
		{"1. KTP asli", "KTP asli"},
		{"12) Kartu Keluarga", "Kartu Keluarga"},
		{"(3) NPWP", "NPWP"},
		{"1.Buku register", "Buku register"},
		{"1)KTP", "KTP"},
		{"a. Ijazah terakhir", "Ijazah terakhir"},
		{"b) Transkrip", "Transkrip"},
		{"(c) Akta", "Akta"},
		{"iv. Surat keterangan", "Surat keterangan"},
		{"xii) Lampiran", "Lampiran"},
		{"- Komputer", "Komputer"},
		{"-  - Komputer", "Komputer"},
		{"• Printer", "Printer"},
		{"•Printer", "Printer"},
		{"o Scanner", "Scanner"},
		{"► Map", "Map"},
		{"√ KTP", "KTP"},
		{"☐ Formulir", "Formulir"},
		{"\uF0B7 Formulir", "Formulir"},
		{"- 1. KTP", "KTP"},
		{"  2. Pas foto 3x4  ", "Pas foto 3x4"},
		// Numbers and letters that are the text's own.
		{"2 lembar pas foto", "2 lembar pas foto"},
		{"1.5 kg dokumen", "1.5 kg dokumen"},
		{"a.n. Kepala Dinas", "a.n. Kepala Dinas"},
		{"-KTP", "-KTP"},
		{"oleh petugas", "oleh petugas"},
		{"via pos", "via pos"},
		{"ii", "ii"},
		{"a)b", "a)b"},
		{"(1.) x", "(1.) x"},
		{"Undang-Undang Nomor 13 Tahun 2003", "Undang-Undang Nomor 13 Tahun 2003"},
		{"1.", "1."},
		{"-", "-"},
		{"", ""},
		{"1234. Nomor", "1234. Nomor"},
		{"UU 13/2003", "UU 13/2003"},
	} {
		if got := ListItem(c.in); got != c.want {
			t.Errorf("ListItem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzListItem(f *testing.F) {
	for _, s := range []string{"1. KTP", "- • a) x", "a.n. b", "(iv) y", "1.5", "", "o o o"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ListItem(s)
		if ListItem(got) != got {
			t.Fatalf("ListItem(%q) = %q, which ListItem changes again to %q", s, got, ListItem(got))
		}
		if len(got) > len(s) {
			t.Fatalf("ListItem(%q) = %q, longer", s, got)
		}
	})
}

func TestListItems(t *testing.T) {
	in := []string{"KTP", "Kartu Keluarga"}
	if got := ListItems(in); &got[0] != &in[0] {
		t.Error("ListItems copied a list that needs no change")
	}
	got := ListItems([]string{"KTP", "  ", "2. Kartu Keluarga", "", "- NPWP"})
	if want := []string{"KTP", "Kartu Keluarga", "NPWP"}; !slices.Equal(got, want) {
		t.Errorf("ListItems = %q, want %q", got, want)
	}
	if got := ListItems([]string{"", " "}); len(got) != 0 {
		t.Errorf("ListItems of blanks = %q", got)
	}
}
