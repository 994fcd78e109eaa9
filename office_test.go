package esop_test

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

func TestOfficeContactCheck(t *testing.T) {
	good := esop.OfficeContact{Address: "Jalan Tenes, Malang 65111", Phone: "(0341) 551234, Faks. 551235",
		Email: "disnaker@malangkota.go.id", Website: "https://disnaker.malangkota.go.id/layanan"}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	if err := (esop.OfficeContact{}).Check(); err != nil {
		t.Errorf("empty: %v", err)
	}
	tests := []struct {
		name string
		c    esop.OfficeContact
		want []string // parts of the Indonesian message
	}{
		{"address too long", esop.OfficeContact{Address: strings.Repeat("a", esop.MaxOfficeAddressLen+1)}, []string{"Alamat: paling panjang 200 huruf"}},
		{"line break", esop.OfficeContact{Address: "Jalan Tenes\nMalang"}, []string{"Alamat: tidak boleh memuat baris baru"}},
		{"few digits", esop.OfficeContact{Phone: "0341"}, []string{"Telepon: tulis nomor telepon"}},
		{"odd phone", esop.OfficeContact{Phone: "0341 <551234>"}, []string{"Telepon:"}},
		{"a name in the address", esop.OfficeContact{Email: "Dinas <disnaker@malangkota.go.id>"}, []string{"Pos-el: bukan alamat pos-el"}},
		{"no domain", esop.OfficeContact{Email: "disnaker@localhost"}, []string{"Pos-el:"}},
		{"no at", esop.OfficeContact{Email: "disnaker.malangkota.go.id"}, []string{"Pos-el:"}},
		{"website without a dot", esop.OfficeContact{Website: "localhost"}, []string{"Laman: bukan alamat laman"}},
		{"website with a space", esop.OfficeContact{Website: "disnaker malangkota.go.id"}, []string{"Laman:"}},
		{"website of another scheme", esop.OfficeContact{Website: "ftp://disnaker.malangkota.go.id"}, []string{"Laman:"}},
		{"website with a user", esop.OfficeContact{Website: "admin@disnaker.malangkota.go.id"}, []string{"Laman:"}},
		{"every field at once", esop.OfficeContact{Address: "a\tb", Phone: "x", Email: "y", Website: "z"},
			[]string{"Alamat:", "Telepon:", "Pos-el:", "Laman:"}},
	}
	for _, tt := range tests {
		err := tt.c.Check()
		if esop.ErrorCode(err) != esop.EINVALID {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		msg := esop.ErrorMessage(err, "id")
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %q lacks %q", tt.name, msg, w)
			}
		}
		if en := esop.ErrorMessage(err, "en"); en == msg || en == "" {
			t.Errorf("%s: English %q", tt.name, en)
		}
	}
	if c := (esop.OfficeContact{Address: "  Jalan   Tenes  "}).Clean(); c.Address != "Jalan Tenes" {
		t.Errorf("clean %q", c.Address)
	}
}
