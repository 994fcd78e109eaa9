package layout

import (
	"fmt"
	"strings"
	"testing"
)

// TestDecreePageNeverEndsInAHyphen: no page of the decision ends with a
// word broken across the page ("… PROSEDUR ADMINIS-" / "TRASI …"), on A4
// and F4, whatever the length of its Mengingat.
func TestDecreePageNeverEndsInAHyphen(t *testing.T) {
	legal := []string{
		"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
		"Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
		"Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan;",
		"Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota;",
		"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;",
		"Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas Pokok, Fungsi, dan Tata Kerja Dinas Ketenagakerjaan dan Transmigrasi;",
	}
	checked := 0
	for _, paper := range []string{"A4", "F4"} {
		for n := 1; n <= 3*len(legal); n++ {
			info := bookInfo(3, nil)
			info.Paper = paper
			info.Decree.Legal = nil
			for i := range n {
				info.Decree.Legal = append(info.Decree.Legal, legal[i%len(legal)])
			}
			bk, err := LayoutBook(info, []int{3, 3, 3}, ApproxMeasure())
			if err != nil {
				t.Fatal(err)
			}
			for i := range len(bk.Decree) - 1 {
				s := &bk.Decree[i]
				last := Text{}
				for _, tx := range s.Texts {
					if tx.Y >= last.Y {
						last = tx
					}
				}
				checked++
				if strings.HasSuffix(last.S, "-") {
					t.Errorf("%s, %d regulations: page %d of the decision ends in %q", paper, n, i+1, last.S)
				}
			}
		}
	}
	if checked < 36 {
		t.Error(fmt.Sprint("only ", checked, " pages checked"))
	}
}
