package book_test

import (
	"slices"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/book"
)

func TestRelatedLines(t *testing.T) {
	sops := []*esop.SOP{
		{ID: 1, Number: "800/012/35.73.405/2024", Title: "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)"},
		{ID: 2, Number: "560/041/35.73.405/2026", Title: "Pelayanan Informasi Lowongan Kerja"},
		{ID: 3, Title: "Penyusunan Rencana Kerja"}, // a draft without a number
		{ID: 4, Number: "560/099/35.73.405/2026", Title: "SOP Pencatatan Serikat Pekerja"},
	}
	got := book.RelatedLines(sops, 2, []string{
		"800/012/35.73.405/2024",                   // a bare number
		"SOP Pelayanan Informasi Lowongan Kerja",   // the SOP itself: not resolved
		"sop penyusunan rencana kerja",             // a title, in any case
		"Pencatatan Serikat Pekerja",               // the title already starts with SOP
		"SOP Pelaporan Pencari Kerja Enam Bulanan", // not stored
	})
	want := []string{
		"SOP Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I) Nomor 800/012/35.73.405/2024",
		"SOP Pelayanan Informasi Lowongan Kerja",
		"SOP Penyusunan Rencana Kerja",
		"SOP Pencatatan Serikat Pekerja Nomor 560/099/35.73.405/2026",
		"SOP Pelaporan Pencari Kerja Enam Bulanan",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if book.RelatedLines(sops, 0, nil) != nil {
		t.Error("no Keterkaitan gives lines")
	}
}
