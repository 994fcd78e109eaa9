package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// newVersionEdited starts version 2 of the sample SOP in force (titleInForce,
// steps e1…e14) and edits its draft: the warning and one equipment item,
// an actor renamed, step e3 changed, e6 removed, a step n1 added at the
// end and e13 moved after e14. It returns the SOP and its two versions.
func newVersionEdited(t testing.TB, e *env) (*esop.SOP, *esop.Version, *esop.Version) {
	t.Helper()
	ctx := context.Background()
	sop := e.sop(titleInForce)
	if _, err := e.db.StartVersion(ctx, sop.ID, "Penyesuaian dengan regulasi baru", "penyusun2"); err != nil {
		t.Fatal(err)
	}
	sop = e.reload(sop.ID)
	doc := sop.Draft.Document.Clone()
	doc.Warning = "Peringatan yang diperbarui."
	doc.Equipment = append(doc.Equipment, "Pemindai dokumen")
	doc.Actors[3].Name = "Kepala Bidang HI dan Jamsos" // kabid
	doc.Steps[2].Activity = "Mendisposisikan permohonan kepada Kepala Bidang"
	doc.Steps[2].Time = &esop.Duration{Value: 2, Unit: esop.UnitHour}
	doc.Steps = slices.Delete(doc.Steps, 5, 6) // e6
	n := len(doc.Steps)
	doc.Steps[n-2], doc.Steps[n-1] = doc.Steps[n-1], doc.Steps[n-2] // e14 before e13
	doc.Steps = append(doc.Steps, esop.Step{ID: "n1", Activity: "Melaporkan pengesahan kepada Kepala Dinas", Actor: "staf", Output: "Laporan"})
	if _, err := e.db.UpdateDraft(ctx, sop.ID, doc, sop.Draft.Revision, "penyusun2"); err != nil {
		t.Fatal(err)
	}
	versions, err := e.db.FindVersions(ctx, sop.ID)
	if err != nil || len(versions) != 2 {
		t.Fatalf("versions: %v (%d)", err, len(versions))
	}
	return sop, versions[0], versions[1]
}

func TestDiffPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sop, v1, v2 := newVersionEdited(t, e)
	c := e.session("penyusun2")
	path := fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v1.ID, v2.ID)
	res := e.do(c, http.MethodGet, path, nil, "Accept-Language", "id")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", path, res.StatusCode, gist(res))
	}
	body := html.UnescapeString(res.body)
	for _, want := range []string{
		"Perbandingan versi",
		"Penyesuaian dengan regulasi baru", // why version 2 was made
		"penyusun2",
		// identity
		"<th scope=\"row\">Peringatan</th>", "Peringatan yang diperbarui.",
		"Peralatan/Perlengkapan, butir 6", "Pemindai dokumen",
		// actors
		"berganti nama", "Kepala Bidang Hubungan Industrial dan Jaminan Sosial", "Kepala Bidang HI dan Jamsos",
		// steps and cells
		"Kegiatan: 1 baru, 1 dihapus, 1 diubah, 1 dipindah.",
		"Mendisposisikan permohonan kepada Kepala Bidang Hubungan Industrial dan Jaminan Sosial", "Mendisposisikan permohonan kepada Kepala Bidang<",
		"1 hari", "2 jam",
		"Melakukan peninjauan lapangan dan klarifikasi ke perusahaan", // e6, removed
		"Melaporkan pengesahan kepada Kepala Dinas",                   // n1, added
		`class="change-tag change-changed">diubah<`, `class="change-tag change-removed">dihapus<`,
		`class="change-tag change-added">baru<`, `class="change-tag change-moved">dipindah<`,
		// the flowcharts side by side
		`class="flowchart" tabindex="0" role="region" aria-label="Diagram alir versi 1"`,
		`class="flowchart" tabindex="0" role="region" aria-label="Diagram alir versi 2"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the comparison does not show %q", want)
		}
	}
	if strings.Count(body, "<svg ") != 2 {
		t.Errorf("%d flowcharts, want 2", strings.Count(body, "<svg "))
	}
	// The marks: the old chart has e3 changed, e6 removed and the moved
	// row; the new one e3 changed, n1 added and the moved row.
	oldChart, newChart, _ := strings.Cut(body[strings.Index(body, "<svg "):], "</svg>")
	marks := regexp.MustCompile(`<g class="mark" data-change="(\w+)" data-row="(\w+)">`)
	found := func(chart string) []string {
		var out []string
		for _, m := range marks.FindAllStringSubmatch(chart, -1) {
			out = append(out, m[2]+":"+m[1])
		}
		slices.Sort(out)
		return out
	}
	if got, want := found(oldChart), []string{"e13:moved", "e3:changed", "e6:removed"}; !slices.Equal(got, want) && !slices.Equal(got, []string{"e14:moved", "e3:changed", "e6:removed"}) {
		t.Errorf("old chart marks %v, want %v", got, want)
	}
	if got := found(newChart); len(got) != 3 || !slices.Contains(got, "e3:changed") || !slices.Contains(got, "n1:added") {
		t.Errorf("new chart marks %v", got)
	}
	if !strings.Contains(oldChart, ">dihapus</text>") || !strings.Contains(newChart, ">baru</text>") {
		t.Error("the marked rows are not labelled in words")
	}

	// The defaults are the version before the latest and the latest.
	def := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/diff", sop.ID), nil, "Accept-Language", "id")
	if def.StatusCode != http.StatusOK || def.body != res.body {
		t.Errorf("the default comparison differs from version 1 → 2 (%d)", def.StatusCode)
	}
	// The same version twice, and backwards.
	if r := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v2.ID, v2.ID), nil); r.StatusCode != 200 || !strings.Contains(r.body, "Versi yang sama dipilih dua kali") {
		t.Errorf("the same version twice: %d", r.StatusCode)
	}
	if r := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v2.ID, v1.ID), nil); r.StatusCode != 200 || !strings.Contains(r.body, "Kegiatan: 1 baru, 1 dihapus, 1 diubah, 1 dipindah.") {
		t.Errorf("backwards: %d", r.StatusCode)
	}

	// In English.
	en := e.do(c, http.MethodGet, path, nil, "Cookie", "lang=en")
	for _, want := range []string{"Compare versions", "Steps: 1 added, 1 removed, 1 changed, 1 moved.", ">changed<", ">removed</text>", "2 hours", "Equipment, item 6"} {
		if !strings.Contains(en.body, want) {
			t.Errorf("the English comparison does not show %q", want)
		}
	}
	for _, r := range []*response{res, en} {
		if m := regexp.MustCompile(`>\s*(diff|versions)\.[a-z.]+\s*<`).FindString(r.body); m != "" || strings.Contains(r.body, "%!") {
			t.Errorf("a message key or a format error is shown: %q", m)
		}
	}

	// The version history links each version to the one before it and
	// offers any two.
	hist := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/versions", sop.ID), nil, "Accept-Language", "id")
	for _, want := range []string{
		fmt.Sprintf(`href="/sops/%d/diff?from=%d&amp;to=%d">Perubahan dari versi 1<`, sop.ID, v1.ID, v2.ID),
		fmt.Sprintf(`<form method="get" action="/sops/%d/diff"`, sop.ID),
		fmt.Sprintf(`<option value="%d" selected>Versi 1`, v1.ID),
		fmt.Sprintf(`<option value="%d" selected>Versi 2`, v2.ID),
		"Penyesuaian dengan regulasi baru",
	} {
		if !strings.Contains(hist.body, want) {
			t.Errorf("the version history does not show %q", want)
		}
	}
}

func TestDiffPageRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sop, v1, v2 := newVersionEdited(t, e)
	other := e.sop(titleInForce2)
	otherVersions, err := e.db.FindVersions(context.Background(), other.ID)
	if err != nil {
		t.Fatal(err)
	}
	draftOnly := e.sop(titleDraftHI)
	c := e.session("auditor")
	cases := []struct {
		path string
		want int
	}{
		{fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v1.ID, v2.ID), http.StatusOK},
		{fmt.Sprintf("/sops/%d/diff?from=abc&to=%d", sop.ID, v2.ID), http.StatusNotFound},
		{fmt.Sprintf("/sops/%d/diff?from=%d&to=-1", sop.ID, v1.ID), http.StatusNotFound},
		{fmt.Sprintf("/sops/%d/diff?from=999999", sop.ID), http.StatusNotFound},
		{fmt.Sprintf("/sops/%d/diff?to=999999", sop.ID), http.StatusNotFound},
		// a version of another SOP
		{fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, otherVersions[0].ID, v2.ID), http.StatusNotFound},
		{fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", other.ID, v1.ID, otherVersions[0].ID), http.StatusNotFound},
		{"/sops/999999/diff", http.StatusNotFound},
		{"/sops/abc/diff", http.StatusNotFound},
		// an SOP with a single version
		{fmt.Sprintf("/sops/%d/diff", other.ID), http.StatusOK},
		{fmt.Sprintf("/sops/%d/diff", draftOnly.ID), http.StatusOK},
	}
	for _, tc := range cases {
		if res := e.do(c, http.MethodGet, tc.path, nil); res.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d (%s)", tc.path, res.StatusCode, tc.want, gist(res))
		}
	}
	if res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/diff", other.ID), nil, "Accept-Language", "id"); !strings.Contains(res.body, "baru mempunyai satu versi") {
		t.Error("a single version is not explained")
	}
	// Readers of the unit's drafts only: the SOP in force is refused
	// (403), the draft-only one is not revealed (404), whatever the versions asked.
	path := fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v1.ID, v2.ID)
	for user, want := range map[string]int{"pelaksana": 403, "penyusun": 403, "pengesah": 200, "": 303} {
		if res := e.do(e.session(user), http.MethodGet, path, nil); res.StatusCode != want {
			t.Errorf("%s as %q: %d, want %d", path, user, res.StatusCode, want)
		}
	}
	if res := e.do(e.session("pelaksana"), http.MethodGet, fmt.Sprintf("/sops/%d/diff?from=1&to=2", draftOnly.ID), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("a draft-only SOP as pelaksana: %d, want 404", res.StatusCode)
	}
}

// BenchmarkDiffPage measures the whole comparison page of the sample SOP
// (14 steps, version 1 against an edited version 2): the diff, both
// flowcharts laid out (from the cache after the first request) and marked,
// and the template.
func BenchmarkDiffPage(b *testing.B) {
	e := newEnv(b)
	sop, v1, v2 := newVersionEdited(b, e)
	c := e.session("auditor")
	path := fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v1.ID, v2.ID)
	for b.Loop() {
		if res := e.do(c, http.MethodGet, path, nil); res.StatusCode != http.StatusOK {
			b.Fatal(res.StatusCode)
		}
	}
}
