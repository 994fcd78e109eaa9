package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
)

// result is what one run of the command produced.
type result struct {
	err            error
	stdout, stderr string
	code           int
}

// esopRun runs the command with args and the given environment.
func esopRun(t *testing.T, envs map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return envs[k] }
	err := run(context.Background(), args, getenv, strings.NewReader(""), &out, &errb)
	code := cli.ExitCode(err, getenv, &errb)
	return result{err: err, stdout: out.String(), stderr: errb.String(), code: code}
}

func example(name string) string { return filepath.Join("..", "..", "testdata", "examples", name) }

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	ak1, _ := os.ReadFile(example("ak1-kartu-pencari-kerja.json"))
	broken := writeFile(t, dir, "broken.json", strings.Replace(string(ak1), `"no": "s1"`, `"no": "s9"`, 1))
	trunc := writeFile(t, dir, "trunc.json", string(ak1[:200]))
	notJSON := writeFile(t, dir, "notes.json", "Ini bukan JSON\n")
	deep := writeFile(t, dir, "deep.json", strings.Repeat("[", 100000)+strings.Repeat("]", 100000))

	r := esopRun(t, nil, "validate", example("ak1-kartu-pencari-kerja.json"), example("mediasi-hubungan-industrial.json"))
	if r.code != 0 {
		t.Fatalf("valid examples: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	tests := []struct {
		file, want string
	}{
		{broken, broken + ": steps[1].decision.no: kegiatan \"s9\" tidak ada di steps"},
		{trunc, trunc + ": JSON terpotong"},
		{notJSON, notJSON + ": bukan JSON yang sah pada baris 1 kolom 1"},
		{deep, deep + ": JSON bersarang terlalu dalam"},
		{filepath.Join(dir, "missing.json"), "berkas tidak dapat dibuka"},
	}
	for _, tt := range tests {
		r := esopRun(t, nil, "validate", tt.file)
		if r.code != 1 || !strings.Contains(r.stdout, tt.want) {
			t.Errorf("%s: code %d, output %q, want %q", tt.file, r.code, r.stdout, tt.want)
		}
	}
	r = esopRun(t, nil, "validate", "--lang", "en", broken)
	if !strings.Contains(r.stdout, `steps[1].decision.no: step "s9" is not in steps`) {
		t.Errorf("english: %q", r.stdout)
	}
	r = esopRun(t, nil, "validate", "--json", broken, example("ak1-kartu-pencari-kerja.json"))
	var got []cli.FileProblem
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 1 {
		t.Fatalf("json output %q: %v", r.stdout, err)
	}
	var errs []cli.FileProblem
	for _, p := range got {
		if p.Severity == esop.SeverityError {
			errs = append(errs, p)
		}
	}
	if len(got) < 2 || got[len(got)-1].Severity != esop.SeverityWarning {
		t.Errorf("warnings of the valid file are not reported: %+v", got)
	}
	got = errs
	if len(got) != 1 || got[0].File != broken || got[0].Path != "steps[1].decision.no" || got[0].Code != "unknown_ref" {
		t.Errorf("json problems %+v", got)
	}
}

// TestValidateWarnsOfMissingGlyphs: esop validate names the field and the
// characters the print's font lacks (print_glyph), and none of those
// the print sets otherwise (a check mark, Word's bullet).
func TestValidateWarnsOfMissingGlyphs(t *testing.T) {
	ak1, _ := os.ReadFile(example("ak1-kartu-pencari-kerja.json"))
	body := strings.Replace(string(ak1), `"activity": "Menerima`, `"activity": "\u2713 \uf0b7 \u65e5 Menerima`, 1)
	if body == string(ak1) {
		t.Fatal("the example's first activity is not where the test looks")
	}
	p := writeFile(t, t.TempDir(), "glyph.json", body)
	r := esopRun(t, nil, "validate", p)
	want := p + ": steps[6].activity: peringatan: huruf cetak tidak memiliki karakter 日 (U+65E5);"
	if r.code != 0 || !strings.Contains(r.stdout, want) {
		t.Errorf("code %d, output %q, want %q", r.code, r.stdout, want)
	}
	if strings.Contains(r.stdout, "U+2713") || strings.Contains(r.stdout, "U+F0B7") {
		t.Errorf("warned of a character the print sets otherwise: %q", r.stdout)
	}
	r = esopRun(t, nil, "validate", "--lang", "en", p)
	if !strings.Contains(r.stdout, "steps[6].activity: warning: the print's font has no character 日 (U+65E5); it prints as an empty box") {
		t.Errorf("english: %q", r.stdout)
	}
}

func TestValidateTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := esopRun(t, nil, "validate", p)
	if r.code != 1 || !strings.Contains(r.stdout, "berkas terlalu besar (52.4 MB; paling besar 32 MB)") {
		t.Errorf("code %d: %q", r.code, r.stdout)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	files := []string{example("ak1-kartu-pencari-kerja.json"), example("mediasi-hubungan-industrial.json")}
	r := esopRun(t, nil, append([]string{"import", "--db", db}, files...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "Diimpor 2 SOP dari 2 berkas") || !strings.Contains(r.stdout, "800/012/35.73.405/2024") {
		t.Fatalf("import: %d %q %q", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(dir, "out")
	r = esopRun(t, map[string]string{"ESOP_DB": db}, "export", "--out", out)
	if r.code != 0 {
		t.Fatalf("export: %q", r.stderr)
	}
	exported, _ := filepath.Glob(filepath.Join(out, "*.json"))
	if len(exported) != 2 {
		t.Fatalf("exported %v", exported)
	}
	for i, f := range files {
		in, _ := os.ReadFile(f)
		ex, _ := os.ReadFile(exported[i])
		if canon(t, in) != canon(t, ex) {
			t.Errorf("%s changed through import and export", f)
		}
	}
	// The export re-imports into a new database unchanged.
	db2 := filepath.Join(dir, "b.db")
	if r := esopRun(t, nil, append([]string{"import", "--db", db2}, exported...)...); r.code != 0 {
		t.Fatalf("re-import: %q", r.stderr)
	}
	out2 := filepath.Join(dir, "out2")
	esopRun(t, nil, "export", "--db", db2, "--out", out2, "800/031/35.73.405/2024")
	again, _ := filepath.Glob(filepath.Join(out2, "*.json"))
	if len(again) != 1 {
		t.Fatalf("export by number: %v", again)
	}
	a, _ := os.ReadFile(again[0])
	b, _ := os.ReadFile(files[1])
	if canon(t, a) != canon(t, b) {
		t.Error("re-imported export differs")
	}
	r = esopRun(t, nil, "export", "--db", db2, "--out", out2, "999/nope")
	if r.code != 1 || !strings.Contains(r.stderr, "SOP 999/nope tidak ditemukan") {
		t.Errorf("unknown number: %d %q", r.code, r.stderr)
	}
}

func canon(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func TestImportIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "esop.db")
	ak1, _ := os.ReadFile(example("ak1-kartu-pencari-kerja.json"))
	med, _ := os.ReadFile(example("mediasi-hubungan-industrial.json"))
	badMed := strings.Replace(string(med), `"unit": "Bidang Hubungan Industrial dan Jaminan Sosial",`, ``, 1)
	list := writeFile(t, dir, "list.json", "["+string(ak1)+","+badMed+"]")
	r := esopRun(t, nil, "import", "--db", db, list)
	if r.code != 1 || !strings.Contains(r.stderr, list+": [1].unit: wajib diisi") || !strings.Contains(r.stderr, "Tidak ada yang diimpor") {
		t.Fatalf("code %d: %q", r.code, r.stderr)
	}
	if n := countSOPs(t, db); n != 0 {
		t.Errorf("%d SOPs stored after a failed import", n)
	}
	// The same number twice: the conflict is named and nothing changes.
	if r := esopRun(t, nil, "import", "--db", db, example("ak1-kartu-pencari-kerja.json")); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r = esopRun(t, nil, "import", "--db", db, example("mediasi-hubungan-industrial.json"), example("ak1-kartu-pencari-kerja.json"))
	if r.code != 1 || !strings.Contains(r.stderr, `Nomor SOP "800/012/35.73.405/2024" sudah dipakai`) {
		t.Fatalf("duplicate: %d %q", r.code, r.stderr)
	}
	if n := countSOPs(t, db); n != 1 {
		t.Errorf("%d SOPs after a conflicting import, want 1", n)
	}
}

func countSOPs(t *testing.T, db string) int {
	t.Helper()
	s, err := openDB(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, n, err := s.FindSOPs(context.Background(), esop.SOPFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBadDatabases(t *testing.T) {
	dir := t.TempDir()
	notDB := writeFile(t, dir, "catatan.db", strings.Repeat("bukan basis data ", 300))
	r := esopRun(t, nil, "migrate", "--db", notDB)
	if r.code != 1 || !strings.Contains(r.stderr, "bukan basis data SQLite") {
		t.Errorf("not sqlite: %d %q", r.code, r.stderr)
	}
	r = esopRun(t, nil, "import", "--db", "postgres://u:rahasia@127.0.0.1:1/esop?connect_timeout=2", example("ak1-kartu-pencari-kerja.json"))
	if r.code != 1 || !strings.Contains(r.stderr, "server PostgreSQL di 127.0.0.1:1 tidak menjawab") || strings.Contains(r.stderr, "rahasia") {
		t.Errorf("dead server: %d %q", r.code, r.stderr)
	}
}

func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "esop.db")
	r := esopRun(t, map[string]string{"ESOP_DB": db}, "demo")
	if r.code != 0 || !strings.Contains(r.stdout, "Data contoh dimuat") || !strings.Contains(r.stdout, "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)") {
		t.Fatalf("demo: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = esopRun(t, map[string]string{"ESOP_DB": db, "ESOP_LANG": "en"}, "demo")
	if strings.Contains(r.stdout, "Sample data loaded") || !strings.Contains(r.stdout, "SOP catalogue") {
		t.Errorf("second demo: %q", r.stdout)
	}
}

func TestUsageAndVersion(t *testing.T) {
	if r := esopRun(t, nil); r.code != 2 || !strings.Contains(r.stdout, "esop validate") {
		t.Errorf("no args: %d", r.code)
	}
	if r := esopRun(t, nil, "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, `perintah "frobnicate" tidak dikenal`) {
		t.Errorf("unknown: %d %q", r.code, r.stderr)
	}
	if r := esopRun(t, nil, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "esop ") {
		t.Errorf("version: %q", r.stdout)
	}
}

// TestCommandsShared: this binary runs exactly the commands the light
// one runs itself and those it hands over, so that none is handed over
// to a binary that does not know it, and none is missing from the light
// one's list (it would report it unknown).
func TestCommandsShared(t *testing.T) {
	want := append(slices.Clone(cli.LightCommands), cli.ServerCommands...)
	slices.Sort(want)
	got := slices.Sorted(maps.Keys(commands))
	if !slices.Equal(got, want) {
		t.Errorf("commands %q, want %q (cli.LightCommands and cli.ServerCommands)", got, want)
	}
}

func TestUserAdd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "esop.db")
	if r := esopRun(t, map[string]string{"ESOP_DB": db}, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	env := map[string]string{"ESOP_DB": db, "ESOP_PASSWORD": "kata-sandi-baru-1"}
	r := esopRun(t, env, "user", "add", "sari", "--role", "penyusun", "--role", "pemeriksa", "--unit", "bidang-penta", "--employee", "19680512 199303 1 007",
		"--email", "sari@disnaker.malangkota.go.id")
	if r.code != 0 || !strings.Contains(r.stdout, "Pengguna sari dibuat dengan peran penyusun, pemeriksa") {
		t.Fatalf("user add: %d %q %q", r.code, r.stdout, r.stderr)
	}
	s, err := openDB(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.Authenticate(context.Background(), "sari", "kata-sandi-baru-1")
	s.Close()
	if err != nil || len(u.Grants) != 2 || u.Grants[0].UnitID == 0 || u.EmployeeID == 0 || u.Name != "Drs. Contoh Pejabat, M.Si." || u.Email != "sari@disnaker.malangkota.go.id" {
		t.Fatalf("user %+v %v", u, err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"user", "add", "sari", "--role", "penyusun"}, "sudah dipakai"},
		{[]string{"user", "add", "rudi", "--role", "raja"}, "peran \"raja\" tidak dikenal"},
		{[]string{"user", "add", "rudi", "--role", "penyusun", "--unit", "tidak-ada"}, "unit \"tidak-ada\" tidak ditemukan"},
		{[]string{"user", "add", "rudi"}, "sekurang-kurangnya satu --role"},
		{[]string{"user", "add", "rudi", "--role", "penyusun", "--email", "rudi@"}, `alamat surel "rudi@" tidak sah`},
	} {
		r := esopRun(t, env, tc.args...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %d %q", tc.args, r.code, r.stderr)
		}
	}
	if r := esopRun(t, map[string]string{"ESOP_DB": db}, "user", "add", "budi", "--role", "pelaksana"); r.code == 0 || !strings.Contains(r.stderr, "ESOP_PASSWORD") {
		t.Errorf("no password: %d %q", r.code, r.stderr)
	}
}

func TestRenderCommand(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args  []string
		magic string
	}{
		{[]string{"render", "--format", "pdf", "--out", filepath.Join(dir, "a.pdf"), example("ak1-kartu-pencari-kerja.json")}, "%PDF"},
		{[]string{"render", "--format", "svg", "--page", "1", "--out", filepath.Join(dir, "a.svg"), example("ak1-kartu-pencari-kerja.json")}, "<svg"},
		{[]string{"render", "--format", "png", "--dpi", "72", "--paper", "F4", "--out", filepath.Join(dir, "a.png"), example("mediasi-hubungan-industrial.json")}, "\x89PNG"},
	} {
		r := esopRun(t, nil, tc.args...)
		if r.code != 0 {
			t.Fatalf("%v: %q", tc.args, r.stderr)
		}
		b, _ := os.ReadFile(tc.args[len(tc.args)-2])
		if !strings.HasPrefix(string(b), tc.magic) {
			t.Errorf("%v: output starts %q", tc.args, b[:min(8, len(b))])
		}
	}
	if r := esopRun(t, nil, "render", "--format", "svg", "--page", "9", "--out", filepath.Join(dir, "x.svg"), example("ak1-kartu-pencari-kerja.json")); r.code == 0 || !strings.Contains(r.stderr, "halaman 9 tidak ada") {
		t.Errorf("page out of range: %d %q", r.code, r.stderr)
	}
	if r := esopRun(t, nil, "render", "--format", "gif", example("ak1-kartu-pencari-kerja.json")); r.code == 0 || !strings.Contains(r.stderr, "format \"gif\" tidak dikenal") {
		t.Errorf("bad format: %d %q", r.code, r.stderr)
	}
}

func TestRenderCarriesVerification(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	out := filepath.Join(t.TempDir(), "v.pdf")
	r := esopRun(t, map[string]string{"ESOP_BASE_URL": "https://sop.malangkota.go.id"}, "render", "--format", "pdf", "--out", out, example("ak1-kartu-pencari-kerja.json"))
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	text, _ := exec.Command(pdftotext, out, "-").Output()
	if !strings.Contains(string(text), "https://sop.malangkota.go.id/v/") {
		t.Error("the print of an approved SOP carries no verification address")
	}
}
