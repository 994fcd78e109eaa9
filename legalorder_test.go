package esop_test

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestLegalOrderWarnings: the Biro Organisasi's reviewers of session 12
// marked the Dasar Hukum of five samples out of the order of the
// hierarchy of legislation (a UU after a Permen, a PP or Perpres after a
// Permen, a UU after a Kepmen) and one that listed UU 29/2009 after "UU
// 15/1997 … sebagaimana telah diubah dengan UU 29/2009". The validator
// warns, at the entry out of place, naming the one it follows.
func TestLegalOrderWarnings(t *testing.T) {
	ref := func(kind, number string, year int) map[string]any {
		return map[string]any{"kind": kind, "number": number, "year": year, "title": "X"}
	}
	basis := func(refs ...any) func(m map[string]any) {
		return func(m map[string]any) { m["legalBasis"] = refs }
	}
	tests := []struct {
		name string
		fn   func(m map[string]any)
		want []string // "path code message", none when no warning is expected
	}{
		{"in order", basis(ref("UU", "13", 2003), ref("PP", "31", 2006), ref("Perpres", "68", 2022), ref("Permen", "8", 2014),
			ref("Perda", "6", 2012), ref("Perwali", "44", 2021)), nil},
		{"one level in either order", basis(ref("Perppu", "2", 2022), ref("UU", "13", 2003), ref("Kepmen", "KEP.16/MEN/2001", 2001), ref("Permen", "8", 2014)), nil},
		{"a UU after a Permen, as text", basis(ref("UU", "18", 2017), ref("Permen", "9", 2019), "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
			[]string{"legalBasis[2] legal_order dasar hukum tidak urut hierarki: UU 25/2009 tercantum sesudah Permen 9/2019 (nomor 2)"}},
		{"after the lowest so far", basis(ref("PP", "31", 2006), ref("Permen", "8", 2014), ref("PP", "10", 2018), ref("Perpres", "68", 2022)),
			[]string{"legalBasis[2] legal_order PP 10/2018 tercantum sesudah Permen 8/2014 (nomor 2)",
				"legalBasis[3] legal_order Perpres 68/2022 tercantum sesudah Permen 8/2014 (nomor 2)"}},
		{"a number carrying its year", basis(ref("Kepmen", "KEP.16/MEN/2001", 2001), ref("UU", "21", 2000)),
			[]string{"legalBasis[1] legal_order UU 21/2000 tercantum sesudah Kepmen KEP.16/MEN/2001 (nomor 1)"}},
		{"the same regulation twice, text and object", basis(ref("UU", "25", 2009), "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
			[]string{"legalBasis[1] legal_duplicate UU 25/2009 sudah tercantum sebagai dasar hukum nomor 1"}},
		{"an amendment cited already", basis("Undang-Undang Nomor 15 Tahun 1997 tentang Ketransmigrasian sebagaimana telah diubah dengan Undang-Undang Nomor 29 Tahun 2009",
			ref("UU", "29", 2009), ref("PP", "3", 2014)),
			[]string{"legalBasis[1] legal_duplicate UU 29/2009 sudah disebut dalam dasar hukum nomor 1"}},
		{"an amendment in another regulation's title", basis(ref("UU", "29", 2009), map[string]any{"kind": "PP", "number": "3", "year": 2014,
			"title": "Pelaksanaan Undang-Undang Nomor 15 Tahun 1997 tentang Ketransmigrasian sebagaimana telah diubah dengan Undang-Undang Nomor 29 Tahun 2009"}), nil},
		{"a text that names no kind", basis("Keputusan bersama para pihak", ref("UU", "13", 2003)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := mutate(t, tt.fn)
			if ps.HasErrors() {
				t.Fatalf("errors: %v", ps.Errors())
			}
			var got []esop.Problem
			for _, p := range ps.Warnings() {
				if p.Code == "legal_order" || p.Code == "legal_duplicate" {
					got = append(got, p)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %q", got, tt.want)
			}
			for i, w := range tt.want {
				parts := strings.SplitN(w, " ", 3)
				if p := got[i]; p.Path != parts[0] || p.Code != parts[1] || !strings.Contains(p.Message.ID, parts[2]) || p.Message.EN == "" {
					t.Errorf("got %s %s %q, want %q", p.Path, p.Code, p.Message.ID, w)
				}
			}
		})
	}
}
