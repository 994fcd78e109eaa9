package textsearch

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Pengesahan", "pengesahan"},
		{"PENGESAHAN", "pengesahan"},
		{"é", "e"},
		{"Café Résumé", "cafe resume"},
		{"Ångström", "angstrom"},
		{"İzin", "izin"},                      // dotted capital I: NFKD gives I and a dot
		{"ﬁnal", "final"},                     // ligature
		{"ＳＯＰ　１２", "sop 12"},                  // full-width letters, digits, space
		{"Straße Øresund", "strasse oresund"}, // letters without separable marks
		{"Jum’at", "jum'at"},                  // typographic apostrophe
		{"e‑KTP – 2024", "e-ktp - 2024"},      // non-breaking hyphen, en dash
		{"800/012/35.73.405/2024", "800/012/35.73.405/2024"},
		{"AK/I", "ak/i"},
		{"", ""},
		{"bad\xffbyte", "bad byte"}, // invalid UTF-8 becomes a separator
		{"\xe0\xd1\xf1Ơ", " o"},     // and does not stop the next letter folding
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Pengesahan Peraturan Perusahaan", []string{"pengesahan", "peraturan", "perusahaan"}},
		{"Nomor: 800/012/35.73.405/2024.", []string{
			"nomor", "800/012/35.73.405/2024", "800", "012", "35", "73", "405", "2024"}},
		{"Kartu Pencari Kerja (AK/I)", []string{"kartu", "pencari", "kerja", "ak/i", "ak", "i"}},
		{"Jum'at, kupu-kupu, e-KTP", []string{"jumat", "kupu", "kupu", "e", "ktp"}},
		{"selesai. Kemudian / atau", []string{"selesai", "kemudian", "atau"}},
		{"Drs. Contoh, M.Si.", []string{"drs", "contoh", "m.si", "m", "si"}},
		{"pukul 08.00–12.00 WIB", []string{"pukul", "08.00", "08", "00", "12.00", "12", "00", "wib"}},
		{"Pembina (IV/c)", []string{"pembina", "iv/c", "iv", "c"}},
		{"'kutipan' ...", []string{"kutipan"}},
		{"Résumé", []string{"resume"}},
		{"", nil},
		{" -- / . ", nil},
	}
	for _, c := range cases {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTerms(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		// A bare word is its own only term; a repeated word appears once.
		{"kartu kartu", []string{"kartu"}},
		// Inflections alone give no stem term.
		{"masalah berlaku", []string{"masalah", "berlaku"}},
		{"disahkan", []string{"disahkan", "=sahkan", "~sah"}},
		{"pengesahan", []string{"pengesahan", "=esah", "=kesah", "~sah"}},
		{"pemohon", []string{"pemohon", "~pohon", "~mohon"}},
		{"permohonan", []string{"permohonan", "=mohon"}},
		{"menerima", []string{"menerima", "=terima", "~erima", "~nerima"}},
		{"penyampaian", []string{"penyampaian", "=sampai", "~nyampai"}},
		{"800/012/35.73", []string{"800/012/35.73", "012/35.73", "35.73", "800", "012", "35", "73"}},
	}
	for _, c := range cases {
		if got := Terms(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestQuery(t *testing.T) {
	if q := Query("  ,. "); q != nil {
		t.Errorf("Query of punctuation = %+v, want none", q)
	}
	q := Query("Kartu kartu AK/I")
	if len(q) != 2 || q[0].Word != "kartu" || !slices.Equal(q[0].Stems, []string{"=kartu"}) ||
		q[1].Word != "ak/i" || q[1].Stems != nil {
		t.Errorf("Query(%q) = %+v", "Kartu kartu AK/I", q)
	}
}

// TestMatch states the matching rule word by word.
func TestMatch(t *testing.T) {
	cases := []struct {
		query, text string
		want        bool
	}{
		{"pengesahan", "Pengesahan", true},
		{"pengesahan", "mengesahkan", true},   // derived esah on both sides
		{"pengesahan", "disahkan", true},      // guessed sah on both sides
		{"pengesahan", "pengesahannya", true}, // prefix, and the same stems
		{"disahkan", "Mengesahkan peraturan", true},
		{"mengesahkan", "pengesahan", true},
		{"pemohon", "pohon", false}, // guessed pohon against a bare word
		{"pohon", "pemohon", false}, // and the other way round
		{"pemohon", "permohonan", true},
		{"pemohon", "memohon", true},
		{"permohonan", "pemohon", true},
		{"kart", "kartu", true},
		{"kartu", "kart", false},
		{"kerja", "pekerjaan", true}, // a bare root finds its derivations
		{"pekerjaan", "bekerja", true},
		{"pekerjaan", "kerja", true},
		{"terima", "penerimaan", true},
		{"penerimaan", "diterima", true},
		{"menerima", "penerimaan", true},
		{"sampai", "penyampaian", true},
		{"menyampaikan", "disampaikan", true},
		{"periksa", "pemeriksaan", false}, // the price of the rule: p/m is a guess
		{"periksa", "diperiksa", true},
		{"pemeriksaan", "memeriksa", true},
		{"masalah", "masa", false}, // -lah is no suffix of masalah
		{"masa", "masalah", true},  // but masa is a prefix of it
		{"pohon", "pohonnya", true},
		{"ak/i", "Kartu AK/I", true},
		{"AK/I", "kartu ak/i", true},
		{"800/012", "Nomor 800/012/35.73.405/2024", true},
		{"012", "Nomor 800/012/35.73.405/2024", true},
		{"35.73", "Nomor 800/012/35.73.405/2024", true},
		{"405/2024", "Nomor 800/012/35.73.405/2024", true},
		{"800/013", "Nomor 800/012/35.73.405/2024", false},
		{"kartu kuning", "kartu kuning", true},
		{"kartu kuning", "kartu hijau", false}, // every word must match
		{"Résumé", "resume", true},
		{"", "apa saja", false},
	}
	for _, c := range cases {
		if got := Match(c.query, c.text); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.query, c.text, got, c.want)
		}
	}
}
