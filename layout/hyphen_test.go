package layout

import (
	"strings"
	"testing"
)

// hyphenated returns word with a hyphen at every place hyphenPoints allows.
func hyphenated(word string) string {
	var b strings.Builder
	prev := 0
	for _, at := range hyphenPoints(nil, word) {
		b.WriteString(word[prev:at] + "-")
		prev = at
	}
	b.WriteString(word[prev:])
	return b.String()
}

func TestHyphenPoints(t *testing.T) {
	for word, want := range map[string]string{
		// V-CV, VC-CV, VV
		"Pemberitahuan":   "Pem-be-ri-ta-hu-an",
		"menerima":        "me-ne-ri-ma",
		"kerja":           "ker-ja",
		"KETENAGAKERJAAN": "KE-TE-NA-GA-KER-JA-AN",
		// three consonants: after the first when the rest start a syllable, else before the last
		"instruksi":    "in-struk-si",
		"administrasi": "ad-mi-nis-tra-si",
		"transmigrasi": "trans-mig-ra-si",
		"bangkrut":     "bang-krut",
		"ekstra":       "ek-stra",
		// ng, ny, kh, sy are one consonant
		"bangun":       "ba-ngun",
		"menyusun":     "me-nyu-sun",
		"akhirnya":     "akhir-nya",
		"masyarakat":   "ma-sya-ra-kat",
		"tangkap":      "tang-kap",
		"penganggaran": "pe-ngang-gar-an", // the suffix -an, below
		// diphthongs stay whole
		"pantai": "pan-tai",
		"kerbau": "ker-bau",
		"sepoi":  "se-poi",
		// at least two letters each side
		"apabila": "apa-bi-la",
		"ia":      "ia",
		"buku":    "bu-ku",
		// only runs of ASCII letters break
		"AK/I":           "AK/I",
		"SKPD":           "SKPD",
		"2024":           "2024",
		"(PB)":           "(PB)",
		"surat-menyurat": "su-rat-me-nyu-rat",
		"Wali":           "Wa-li",
		// the suffix -an after one consonant, in words of four syllables
		// or more, breaks as KBBI breaks it (pe·la·tih·an; a reviewer
		// marked the header "Pelati-han"); shorter words keep their
		// syllables, their -an as often the root's own (suffixBreak)
		"Pelatihan":      "Pe-la-tih-an",
		"penempatan":     "pe-nem-pat-an",
		"KESEHATAN":      "KE-SE-HAT-AN",
		"pendaftaran":    "pen-daf-tar-an",
		"pengawasan":     "pe-nga-was-an",
		"pelayanan":      "pe-la-yan-an",
		"halaman":        "ha-la-man",
		"jalan":          "ja-lan",
		"ketentuan":      "ke-ten-tu-an",
		"perbendaharaan": "per-ben-da-ha-ra-an",
		// a diphthong closed by the root's last consonant before -an is
		// two syllables (a reviewer marked "pencai-ran" in OUTPUT);
		// -kan keeps it whole
		"pencairan":   "pen-ca-ir-an",
		"kaitan":      "ka-it-an",
		"lautan":      "la-ut-an",
		"permainan":   "per-ma-in-an",
		"keterkaitan": "ke-ter-ka-it-an",
		"sampaikan":   "sam-pai-kan",
		"pakaian":     "pa-kai-an",
		"kepulauan":   "ke-pu-lau-an",
	} {
		if got := hyphenated(word); got != want {
			t.Errorf("%s: %s, want %s", word, got, want)
		}
	}
}

func TestWrapHyphenates(t *testing.T) {
	m := ApproxMeasure()
	for _, tt := range []struct {
		text  string
		width float64
		want  []string
	}{
		// The word, in a narrow column: broken between syllables with a hyphen.
		{"Pemberitahuan", 18, []string{"Pemberita-", "huan"}},
		// A syllable of a long word fills the rest of the line.
		{"Surat Pemberitahuan", 20, []string{"Surat Pembe-", "ritahuan"}},
		// Codes break after their slashes and dots, without a hyphen.
		{"KEP.16/MEN/2001", 12, []string{"KEP.16/", "MEN/", "2001"}},
		// A part with no syllable break that fits is cut by letters, with a hyphen.
		{"PMPRBKEMENPAN", 12, []string{"PMPR-", "BKE-", "MEN-", "PAN"}},
		// Digits are cut without a hyphen.
		{"196805121993031007", 15, []string{"19680512", "19930310", "07"}},
		// An address breaks after its slashes and before its dots, never
		// with a hyphen added (edge-long-text: a reader typed
		// "perizinan-berusaha-berbasis-ri-siko") nor beside one of its
		// own ("-berusaha-berbasis-risiko/" read as a new item of the
		// KELENGKAPAN list).
		{"https://oss.go.id/informasi/perizinan-berusaha-berbasis-risiko", 30, []string{"https://oss.go.id/", "informasi/", "perizinan-berusaha-b", "erbasis-risiko"}},
		{"layanan.disnaker@malangkota.go.id", 22, []string{"layanan", ".disnaker", "@malangkota", ".go.id"}},
		{"www.malangkota.go.id/layanankepegawaian", 20, []string{"www", ".malangkota", ".go.id/", "layanankepeg", "awaian"}},
		{"https://x.id/PMPRBKEMENPANPMPRBKEMENPAN", 12, []string{"https://x", ".id/", "PMPRB", "KEMEN", "PANPM", "PRBKE", "MENPA", "N"}},
	} {
		got := wrap(m, tt.text, 9, false, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		for _, l := range got {
			if w := m.Width(l, 9, false); w > tt.width {
				t.Errorf("wrap(%q): %q is %.2f mm wide, over %v", tt.text, l, w, tt.width)
			}
		}
		if !readsAs(got, tt.text) {
			t.Errorf("wrap(%q) = %q changes the text", tt.text, got)
		}
		if isAddress(tt.text) {
			for i, l := range got {
				if i > 0 && strings.HasPrefix(l, "-") || i < len(got)-1 && strings.HasSuffix(l, "-") {
					t.Errorf("wrap(%q): line %q starts or ends with a hyphen", tt.text, l)
				}
			}
		}
	}
}
