package esop_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

var today = esop.MustDate("2024-06-01")

func readExample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExamplesAreValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/examples/*.json")
	// The shared examples, when the checkout sits beside shared/, must pass too.
	shared, _ := filepath.Glob("../shared/examples/*.json")
	files = append(files, shared...)
	if len(files) < 2 {
		t.Fatalf("found %d examples", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs, ps := esop.CheckDocuments(b, esop.ValidateOptions{Today: today})
		if ps.HasErrors() || len(docs) != 1 {
			t.Errorf("%s: %d docs, problems: %v", f, len(docs), ps)
		}
		if len(ps.Warnings()) > 0 {
			t.Errorf("%s: unexpected warnings: %v", f, ps.Warnings())
		}
	}
}

// mutate decodes the AK/I example into a generic map, lets fn change it,
// and returns the problems of the result.
func mutate(t *testing.T, fn func(m map[string]any)) esop.Problems {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readExample(t, "ak1-kartu-pencari-kerja.json"), &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	_, ps := esop.CheckDocuments(b, esop.ValidateOptions{Today: today})
	return ps
}

func step(m map[string]any, i int) map[string]any { return m["steps"].([]any)[i].(map[string]any) }

func TestBrokenVariants(t *testing.T) {
	tests := []struct {
		name string
		fn   func(m map[string]any)
		path string
		code string
	}{
		{"missing format", func(m map[string]any) { delete(m, "format") }, "format", "required"},
		{"wrong format", func(m map[string]any) { m["format"] = "esop.sop/2" }, "format", "format"},
		{"missing title", func(m map[string]any) { delete(m, "title") }, "title", "required"},
		{"blank agency", func(m map[string]any) { m["agency"] = "  " }, "agency", "required"},
		{"missing unit", func(m map[string]any) { delete(m, "unit") }, "unit", "required"},
		{"unknown key", func(m map[string]any) { m["titel"] = "x" }, "titel", "unknown_key"},
		{"unknown step key", func(m map[string]any) { step(m, 2)["nxt"] = "s4" }, "steps[2].nxt", "unknown_key"},
		{"unknown nested key", func(m map[string]any) { m["dates"].(map[string]any)["signed"] = "2024-01-01" }, "dates.signed", "unknown_key"},
		{"bad type", func(m map[string]any) { m["title"] = 12 }, "title", "type"},
		{"bad list item", func(m map[string]any) { m["equipment"] = []any{"Komputer", 3} }, "equipment[1]", "type"},
		{"bad enum type", func(m map[string]any) { m["type"] = "teknik" }, "type", "enum"},
		{"bad category", func(m map[string]any) { m["category"] = "layanan" }, "category", "enum"},
		{"no actors", func(m map[string]any) { m["actors"] = []any{} }, "actors", "required"},
		{"no steps", func(m map[string]any) { m["steps"] = []any{} }, "steps", "required"},
		{"duplicate step id", func(m map[string]any) { step(m, 3)["id"] = "s3" }, "steps[3].id", "duplicate_id"},
		{"duplicate actor id", func(m map[string]any) {
			m["actors"] = append(m["actors"].([]any), map[string]any{"id": "pk", "name": "Lagi"})
		}, "actors[3].id", "duplicate_id"},
		{"unknown actor", func(m map[string]any) { step(m, 2)["actor"] = "kadis" }, "steps[2].actor", "unknown_ref"},
		{"missing actor", func(m map[string]any) { delete(step(m, 2), "actor") }, "steps[2].actor", "required"},
		{"unknown next", func(m map[string]any) { step(m, 2)["next"] = "s99" }, "steps[2].next", "unknown_ref"},
		{"unknown branch", func(m map[string]any) { step(m, 1)["decision"].(map[string]any)["no"] = "zz" }, "steps[1].decision.no", "unknown_ref"},
		{"missing branch", func(m map[string]any) { delete(step(m, 1)["decision"].(map[string]any), "yes") }, "steps[1].decision.yes", "decision_branch"},
		{"decision with next", func(m map[string]any) { step(m, 1)["next"] = "s4" }, "steps[1].next", "decision_next"},
		{"decision first", func(m map[string]any) {
			step(m, 0)["decision"] = map[string]any{"yes": "s2", "no": "s3"}
		}, "steps[0].decision", "decision_first"},
		{"end with next", func(m map[string]any) { step(m, 2)["end"] = true; step(m, 2)["next"] = "s4" }, "steps[2].end", "end_conflict"},
		{"end with decision", func(m map[string]any) { step(m, 1)["end"] = true }, "steps[1].end", "end_conflict"},
		{"unreachable", func(m map[string]any) { step(m, 2)["next"] = "s5" }, "steps[3]", "unreachable"},
		{"no end", func(m map[string]any) { step(m, 6)["next"] = "s5" }, "steps[4]", "no_end"},
		{"bad time unit", func(m map[string]any) { step(m, 0)["time"] = map[string]any{"value": 2, "unit": "menit"} }, "steps[0].time.unit", "time_unit"},
		{"zero time", func(m map[string]any) { step(m, 0)["time"] = map[string]any{"value": 0, "unit": "minute"} }, "steps[0].time.value", "time_value"},
		{"negative time", func(m map[string]any) { step(m, 0)["time"] = map[string]any{"value": -1, "unit": "day"} }, "steps[0].time.value", "time_value"},
		{"empty time", func(m map[string]any) { step(m, 0)["time"] = map[string]any{} }, "steps[0].time", "required"},
		{"time text type", func(m map[string]any) { step(m, 0)["time"] = "2 menit" }, "steps[0].time", "type"},
		{"bad date", func(m map[string]any) { m["dates"].(map[string]any)["created"] = "2024-02-30" }, "dates.created", "date"},
		{"bad date form", func(m map[string]any) { m["dates"].(map[string]any)["revised"] = "8 Januari 2025" }, "dates.revised", "date"},
		{"short nip", func(m map[string]any) { m["approval"].(map[string]any)["nip"] = "1968051219930310" }, "approval.nip", "nip"},
		{"nip bad birth", func(m map[string]any) { m["approval"].(map[string]any)["nip"] = "19681332 199303 1 007" }, "approval.nip", "nip"},
		{"nip bad month", func(m map[string]any) { m["approval"].(map[string]any)["nip"] = "19680512 199313 1 007" }, "approval.nip", "nip"},
		{"approved without number", func(m map[string]any) { delete(m, "number") }, "number", "required"},
		{"approved without effective", func(m map[string]any) { delete(m["dates"].(map[string]any), "effective") }, "dates.effective", "required"},
		{"approval without name", func(m map[string]any) { delete(m["approval"].(map[string]any), "name") }, "approval.name", "required"},
		{"approval bad capacity", func(m map[string]any) { m["approval"].(map[string]any)["capacity"] = "pj" }, "approval.capacity", "enum"},
		{"legal ref missing number", func(m map[string]any) { delete(m["legalBasis"].([]any)[0].(map[string]any), "number") }, "legalBasis[0].number", "required"},
		{"legal ref bad type", func(m map[string]any) { m["legalBasis"].([]any)[1] = 5 }, "legalBasis[1]", "type"},
		{"layout paper", func(m map[string]any) { m["layout"] = map[string]any{"paper": "A3"} }, "layout.paper", "enum"},
		{"layout zero", func(m map[string]any) { m["layout"] = map[string]any{"pageSteps": 0} }, "layout.pageSteps", "range"},
		{"layout fraction", func(m map[string]any) { m["layout"] = map[string]any{"pageSteps": 2.5} }, "layout.pageSteps", "type"},
		{"end not bool", func(m map[string]any) { step(m, 6)["end"] = "ya" }, "steps[6].end", "type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := mutate(t, tt.fn)
			if !ps.HasErrors() {
				t.Fatalf("no error; problems: %v", ps)
			}
			found := slices.ContainsFunc(ps.Errors(), func(p esop.Problem) bool { return p.Path == tt.path && p.Code == tt.code })
			if !found {
				t.Errorf("want error %s at %q, got %v", tt.code, tt.path, ps.Errors())
			}
			for _, p := range ps {
				if p.Message.ID == "" || p.Message.EN == "" || p.Message.ID == p.Message.EN {
					t.Errorf("problem %+v lacks a message in both languages", p)
				}
			}
		})
	}
}

func TestXKeysAreIgnored(t *testing.T) {
	ps := mutate(t, func(m map[string]any) {
		m["x-source"] = "Word"
		step(m, 0)["x-color"] = "red"
	})
	if ps.HasErrors() {
		t.Fatal(ps)
	}
}

func TestAllErrorsReportedAtOnce(t *testing.T) {
	ps := mutate(t, func(m map[string]any) {
		delete(m, "title")
		m["foo"] = 1
		step(m, 1)["decision"].(map[string]any)["no"] = "zz"
		step(m, 4)["time"] = map[string]any{"value": 1, "unit": "year"}
	})
	if n := len(ps.Errors()); n < 4 {
		t.Errorf("want at least 4 errors at once, got %d: %v", n, ps)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name string
		fn   func(m map[string]any)
		path string
		code string
	}{
		{"no time", func(m map[string]any) { delete(step(m, 2), "time") }, "steps[2].time", "missing_time"},
		{"no output", func(m map[string]any) { delete(step(m, 2), "output") }, "steps[2].output", "missing_output"},
		{"no requirements", func(m map[string]any) { delete(step(m, 0), "requirements") }, "steps[0].requirements", "missing_requirements"},
		{"not a verb", func(m map[string]any) { step(m, 2)["activity"] = "Pengisian data pencari kerja" }, "steps[2].activity", "activity_verb"},
		{"unused actor", func(m map[string]any) {
			m["actors"] = append(m["actors"].([]any), map[string]any{"id": "kadis", "name": "Kepala Dinas"})
		}, "actors[3]", "actor_unused"},
		{"effective before created", func(m map[string]any) { m["dates"].(map[string]any)["effective"] = "2024-01-01" }, "dates.effective", "effective_before_created"},
		{"review overdue", func(m map[string]any) { m["dates"].(map[string]any)["revised"] = "2024-05-31" }, "dates.revised", "review_overdue"},
		{"too many actors", func(m map[string]any) {
			for i := range 7 {
				id := "extra" + string(rune('a'+i))
				m["actors"] = append(m["actors"].([]any), map[string]any{"id": id, "name": "Pelaksana " + id})
			}
		}, "actors", "too_many_actors"},
		{"branch to itself", func(m map[string]any) { step(m, 5)["decision"].(map[string]any)["no"] = "s6" }, "steps[5].decision.no", "decision_self"},
		{"nip gender", func(m map[string]any) { m["approval"].(map[string]any)["nip"] = "19680512 199303 3 007" }, "approval.nip", "nip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := mutate(t, tt.fn)
			if ps.HasErrors() {
				t.Fatalf("unexpected errors: %v", ps.Errors())
			}
			if !slices.ContainsFunc(ps.Warnings(), func(p esop.Problem) bool { return p.Path == tt.path && p.Code == tt.code }) {
				t.Errorf("want warning %s at %q, got %v", tt.code, tt.path, ps.Warnings())
			}
		})
	}
}

func TestServiceStandardWarning(t *testing.T) {
	d, ps := esop.DecodeDocument(readExample(t, "ak1-kartu-pencari-kerja.json"))
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	// The AK/I steps add up to 20 minutes.
	if got := esop.TotalTime(d).Indonesian(); got != "20 menit" {
		t.Errorf("total = %q", got)
	}
	for _, tc := range []struct {
		std  esop.Duration
		warn bool
	}{{esop.Duration{Value: 15, Unit: "minute"}, true}, {esop.Duration{Value: 20, Unit: "minute"}, false}, {esop.Duration{Value: 1, Unit: "hour"}, false}} {
		ps := esop.Validate(d, esop.ValidateOptions{ServiceStandard: &tc.std})
		got := slices.ContainsFunc(ps, func(p esop.Problem) bool { return p.Code == "over_service_standard" })
		if got != tc.warn {
			t.Errorf("standard %v: warning %v, want %v", tc.std, got, tc.warn)
		}
	}
}

func TestDecodeErrorsOfForm(t *testing.T) {
	tests := []struct {
		name, in, code, msg string
	}{
		{"not json", "hello", "syntax", "baris 1 kolom 1"},
		{"truncated", `{"format": "esop.sop/1", "steps": [`, "syntax", "terpotong"},
		{"syntax line", "{\n \"format\": \"esop.sop/1\",\n \"title\" \"x\"\n}", "syntax", "baris 3"},
		{"empty", "   ", "syntax", "kosong"},
		{"trailing", `{"format": "esop.sop/1"} {}`, "syntax", "setelah"},
		{"scalar", `42`, "type", "objek"},
		{"empty list", `[]`, "empty", "kosong"},
		{"deep", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "too_deep", "terlalu dalam"},
		{"huge", `"` + strings.Repeat("a", esop.MaxDocumentBytes) + `"`, "too_large", "terlalu besar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := esop.DecodeDocuments([]byte(tt.in))
			if len(ps) == 0 || ps[0].Code != tt.code || !strings.Contains(ps[0].Message.ID, tt.msg) {
				t.Errorf("got %v, want code %s with %q", ps, tt.code, tt.msg)
			}
		})
	}
}

func TestListPathsAreIndexed(t *testing.T) {
	a := string(readExample(t, "ak1-kartu-pencari-kerja.json"))
	b := strings.Replace(string(readExample(t, "mediasi-hubungan-industrial.json")), `"actor": "kadis"`, `"actor": "nobody"`, 1)
	docs, ps := esop.CheckDocuments([]byte("["+a+","+b+"]"), esop.ValidateOptions{})
	if len(docs) != 2 {
		t.Fatalf("got %d docs", len(docs))
	}
	errs := ps.Errors()
	if len(errs) != 1 || errs[0].Path != "[1].steps[1].actor" {
		t.Errorf("got %v", errs)
	}
}
