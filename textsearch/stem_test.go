package textsearch

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// stemCases are the Snowball Indonesian stems of words an SOP uses, as
// PostgreSQL's indonesian_stem dictionary gives them. Where the
// algorithm surprises, the comment says why; Stem follows the algorithm
// and the search keys in terms.go make up for it.
var stemCases = []struct{ word, stem string }{
	// The first-order prefixes and their suffixes.
	{"mengesahkan", "esah"},    // meng- is removed, the e of menge- stays
	{"pengesahan", "esah"},     // the same, so the two still meet
	{"pengesahannya", "esah"},  // possessive -nya first
	{"disahkan", "sahkan"},     // -kan stays: after di- only two vowels are left
	{"menerima", "erima"},      // men- is removed, the t it swallowed is not restored
	{"penerimaan", "erima"},    // likewise
	{"diterima", "terima"},     // ter- is not a prefix after di-
	{"terima", "ima"},          // but it is at the start of a bare word
	{"memeriksa", "periksa"},   // mem- before a vowel is recoded to p
	{"pemeriksaan", "periksa"}, //
	{"diperiksa", "periksa"},   // no second-order prefix unless a suffix went
	{"menyampaikan", "sampai"}, // meny- before a vowel is recoded to s
	{"penyampaian", "sampai"},
	{"disampaikan", "sampai"},
	{"mendisposisikan", "disposisi"}, // one first-order prefix only; -si protects the i
	{"pelatihan", "latih"},
	{"pelaksana", "laksana"},
	{"pelaksanaan", "laksana"},
	{"kebijakan", "bijak"}, // -kan is not removed after ke-, -an is
	{"berjalan", "jalan"},
	{"perjanjian", "janji"},
	{"ketenagakerjaan", "tenagakerja"},
	{"pencari", "cari"}, // -i is kept after peng-/pen-
	{"pencarian", "cari"},
	{"keterangan", "terang"},
	{"pemohon", "pohon"}, // the over-reach the search keys guard against
	{"permohonan", "mohon"},
	{"pohon", "pohon"},
	{"pemerintah", "perintah"},
	{"kecamatan", "camat"},
	{"pendaftaran", "daftar"},
	{"pelayanan", "layan"},
	{"perusahaan", "usaha"},
	{"peraturan", "atur"},
	{"perselisihan", "selisih"},
	{"penyelesaian", "selesai"},
	{"hubungan", "hubung"},
	{"menggunakan", "guna"},
	{"penggunaan", "guna"},
	{"mengirim", "irim"}, // the k of kirim is not restored either
	{"pengiriman", "irim"},
	{"mengecat", "ecat"},
	{"menanti", "anti"},      // nanti loses its n
	{"penempatan", "empat"},  // tempat loses its t: now "four"
	{"menyatakan", "sata"},   // nyata is read as meny+ata
	{"pernyataan", "nyata"},  // but per-+an gets it right
	{"memakai", "paka"},      // -i goes, and mem+a becomes p
	{"mediasi", "diasi"},     // me- is a prefix before any letter
	{"ketua", "tua"},         //
	{"kepala", "pala"},       //
	{"sekolah", "seko"},      // -lah is a particle wherever it ends a word
	{"masalah", "masa"},      //
	{"berlaku", "berla"},     // and -ku a possessive
	{"apakah", "apa"},        //
	{"memperbaiki", "baik"},  // mem-, -i, then per-
	{"perbaikan", "baik"},    // Snowball's amendment: -kan stays after per-
	{"peledakan", "ledak"},   // and after pe-
	{"pelajaran", "ajar"},    // pelajar- becomes ajar
	{"pelajari", "ajar"},     //
	{"belajar", "ajar"},      //
	{"bekerja", "kerja"},     // be- before consonant+er
	{"beserta", "serta"},     //
	{"televisi", "televisi"}, // -si is not a suffix
	{"organisasi", "organisasi"},
	// Too short to touch: two vowels or fewer.
	{"kartu", "kartu"},
	{"sah", "sah"},
	{"di", "di"},
	{"", ""},
	{"ak1", "ak1"},
}

func TestStem(t *testing.T) {
	for _, c := range stemCases {
		if got := Stem(c.word); got != c.stem {
			t.Errorf("Stem(%q) = %q, want %q", c.word, got, c.stem)
		}
	}
}

// TestStemGolden holds Stem to PostgreSQL's Snowball stems of the words
// of the sample SOP book and of the words above, recorded in
// testdata/stems.tsv (word, tab, stem).
func TestStemGolden(t *testing.T) {
	words, stems := readGolden(t)
	for i, w := range words {
		if got := Stem(w); got != stems[i] {
			t.Errorf("Stem(%q) = %q, PostgreSQL gives %q", w, got, stems[i])
		}
	}
}

func readGolden(t testing.TB) (words, stems []string) {
	t.Helper()
	f, err := os.Open("testdata/stems.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w, s, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("testdata/stems.tsv: bad line %q", sc.Text())
		}
		words = append(words, w)
		stems = append(stems, s)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(words) < 1000 {
		t.Fatalf("testdata/stems.tsv has only %d words", len(words))
	}
	return words, stems
}

// TestStemPostgres compares Stem with PostgreSQL's indonesian_stem
// dictionary live, on the golden words and on every combination of
// common affixes with a set of roots, which reaches the corners of the
// algorithm (prefix after prefix, suffix conditions, the measure). It
// runs when ESOP_TEST_POSTGRES names a server.
func TestStemPostgres(t *testing.T) {
	dsn := os.Getenv("ESOP_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("ESOP_TEST_POSTGRES is not set; set it to postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable to compare with PostgreSQL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	words, _ := readGolden(t)
	words = append(words, affixCombinations()...)
	rows, err := conn.Query(ctx,
		`SELECT w, coalesce((ts_lexize('indonesian_stem', w))[1], '') FROM unnest($1::text[]) AS w`, words)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var w, want string
		if err := rows.Scan(&w, &want); err != nil {
			t.Fatal(err)
		}
		n++
		if got := Stem(w); got != want {
			t.Errorf("Stem(%q) = %q, PostgreSQL gives %q", w, got, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d words compared", n)
}

// affixCombinations returns prefixes × roots × endings, the roots chosen
// to start with each kind of letter the prefix rules look at.
func affixCombinations() []string {
	prefixes := []string{"", "di", "ter", "ke", "me", "mem", "men", "meng", "meny",
		"pe", "pem", "pen", "peng", "peny", "ber", "be", "per", "memper", "diper",
		"keber", "pel", "bel", "pelajar", "belajar"}
	roots := []string{"sah", "ajar", "kerja", "serta", "periksa", "terima", "ambil",
		"isi", "usaha", "oleh", "pohon", "nyata", "tulis", "cari", "si", "a", "lajar",
		"rerata", "disposisi", "tenaga", "kan", "i"}
	endings := []string{"", "kan", "an", "i", "si", "kah", "lah", "pun", "ku", "mu",
		"nya", "kannya", "inya", "kanlah", "annyapun"}
	var out []string
	for _, p := range prefixes {
		for _, r := range roots {
			for _, e := range endings {
				out = append(out, p+r+e)
			}
		}
	}
	return out
}
