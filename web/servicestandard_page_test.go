package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// standardFormValues is a complete form for the WLKP verification SOP.
func standardFormValues(sop int64) url.Values {
	return url.Values{"sop": {fmt.Sprint(sop)}, "name": {"Verifikasi WLKP"}, "requirements": {"Akun perusahaan pada aplikasi WLKP\nNomor Induk Berusaha"},
		"procedure": {"Sesuai SOP"}, "durationValue": {"2"}, "durationUnit": {"day"}, "cost": {"Gratis"}, "product": {"Bukti lapor WLKP"},
		"complaints": {"Loket"}, "legalBasis": {"Undang-Undang Nomor 7 Tahun 1981"}, "facilities": {"Komputer\nAplikasi WLKP daring"},
		"competence": {"Memahami WLKP"}, "supervision": {"Kepala Seksi"}, "staffing": {"1"}, "guarantee": {"Sesuai standar"},
		"safety": {"Data dijaga"}, "evaluation": {"Tahunan"}}
}

// TestServiceStandardPages: the register, the form with its field errors
// (nothing saved), saving and the check beside it, a stale edit, the
// public page in both languages, the link from the SOP page, the
// dashboard's card and the validator's warning from the registered
// standard.
func TestServiceStandardPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.session("admin")
	status, body := e.get(admin, "/standar-pelayanan")
	if status != 200 || !strings.Contains(body, "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I, kartu kuning)") ||
		!strings.Contains(body, "1 ketidaksesuaian") || !strings.Contains(body, "2 ketidaksesuaian") || !strings.Contains(body, ">Sesuai<") {
		t.Fatalf("register: %d %s", status, gistBody(body))
	}

	wlkp := e.sopID("560/046/35.73.405/2026")
	bad := standardFormValues(wlkp)
	bad.Set("durationUnit", "fortnight")
	bad.Set("cost", "")
	bad.Set("staffing", "dua")
	res := e.postForm(admin, "/standar-pelayanan/new", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: %d", res.StatusCode)
	}
	for _, want := range []string{"Biaya/tarif wajib diisi", "satuan jangka waktu &#34;fortnight&#34; tidak dikenal", "jumlah pelaksana harus bilangan bulat",
		`id="f-cost" name="cost" rows="2" aria-describedby="e-cost" aria-invalid="true"`, `value="dua"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("bad form: no %q", want)
		}
	}
	if stds, _ := e.db.FindServiceStandards(context.Background()); len(stds) != 3 {
		t.Fatalf("a refused form saved something: %d standards", len(stds))
	}
	draft := standardFormValues(e.sop(titleDraftHI).ID)
	if res := e.postForm(admin, "/standar-pelayanan/new", draft); res.StatusCode != 422 || !strings.Contains(res.body, "SOP ini masih draf") {
		t.Errorf("draft SOP: %d", res.StatusCode)
	}

	good := standardFormValues(wlkp)
	good.Set("requirements", "Akun perusahaan pada aplikasi WLKP\nNomor Induk Berusaha\nSurat kuasa")
	good.Set("facilities", "Komputer\nAplikasi WLKP daring")
	res = e.postForm(admin, "/standar-pelayanan/new", good)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/standar-pelayanan/\d+\?saved=1$`).MatchString(loc) {
		t.Fatalf("save: %d %q", res.StatusCode, loc)
	}
	path := strings.TrimSuffix(loc, "?saved=1")
	status, body = e.get(admin, loc)
	for _, want := range []string{"Standar pelayanan disimpan.", "Pemeriksaan terhadap SOP", `persyaratan &#34;Surat kuasa&#34; tidak tercantum`,
		"jumlah waktu SOP", `name="revision" value="1"`} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("saved page: no %q", want)
		}
	}
	good.Set("revision", "1")
	good.Set("requirements", "Nomor Induk Berusaha")
	good.Set("durationValue", "2")
	good.Set("durationUnit", "week")
	if res := e.postForm(admin, path, good); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", res.StatusCode, gistBody(res.body))
	}
	if _, body := e.get(admin, path); !strings.Contains(body, "Standar ini sesuai dengan SOP-nya.") {
		t.Errorf("after the edit: %s", gistBody(body))
	}
	if res := e.postForm(admin, path, good); res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "sudah diubah orang lain") {
		t.Errorf("stale edit: %d", res.StatusCode)
	}
	if res := e.postForm(e.session("penyusun2"), path, good); res.StatusCode != http.StatusForbidden {
		t.Errorf("another unit's author: %d", res.StatusCode)
	}

	// The public page, from the SOP page, in Indonesian and English.
	ak1 := e.sopID("800/012/35.73.405/2024")
	_, sopPage := e.get(e.newClient(), fmt.Sprintf("/sops/%d", ak1))
	m := regexp.MustCompile(`id="service-standard" href="(/layanan/\d+)"`).FindStringSubmatch(sopPage)
	if m == nil {
		t.Fatal("the public SOP page does not link its service standard")
	}
	status, body = e.get(e.newClient(), m[1])
	for _, want := range []string{"Maklumat pelayanan", "Dengan ini, kami menyatakan sanggup", "1. Persyaratan", "14. Evaluasi kinerja pelaksana",
		"Fotokopi ijazah terakhir", "15 menit", "Gratis (tidak dipungut biaya)", "1 orang", "Drs. Contoh Pejabat, M.Si."} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("public page: no %q", want)
		}
	}
	en := e.newClient()
	e.postForm(en, "/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	if _, body := e.get(en, m[1]); !strings.Contains(body, "Service pledge") || !strings.Contains(body, "15 minutes") || !strings.Contains(body, "We hereby declare") {
		t.Errorf("public page in English: %s", gistBody(body))
	}

	// The dashboard's card of the unit, and the validator's warning.
	_, dash := e.get(admin, "/dashboard")
	for _, want := range []string{"Standar pelayanan tidak sesuai SOP — Bidang Penempatan dan Perluasan Kerja",
		"Standar pelayanan tidak sesuai SOP — Bidang Hubungan Industrial dan Jaminan Sosial",
		"jumlah waktu SOP (20 menit) melebihi jangka waktu standar pelayanan (15 menit)"} {
		if !strings.Contains(dash, want) {
			t.Errorf("dashboard: no %q", want)
		}
	}
	if _, dash := e.get(e.session("pelaksana"), "/dashboard"); strings.Contains(dash, "tidak sesuai SOP") {
		t.Error("a pelaksana sees the mismatch card")
	}
	_, page := e.get(e.session("penyusun"), fmt.Sprintf("/sops/%d", ak1))
	if !strings.Contains(page, "jumlah waktu (20 menit) melebihi jangka waktu standar pelayanan (15 menit)") {
		t.Error("the SOP page does not warn that the SOP is slower than its registered standard")
	}
	_, page = e.get(e.session("penyusun"), fmt.Sprintf("/sops/%d", e.sopID("560/081/35.73.405/2025")))
	if strings.Contains(page, "melebihi jangka waktu standar pelayanan") {
		t.Error("the PKB, within its standard, is warned of")
	}
}

func gistBody(b string) string {
	if i := strings.Index(b, `<main id="main">`); i >= 0 {
		b = b[i:]
	}
	if len(b) > 600 {
		b = b[:600]
	}
	return b
}

// TestPreviewWarnsOfTheServiceStandard: the editor's live preview of a
// draft of the AK/I (htmx names the editor's page in HX-Current-URL)
// warns that its 20 minutes exceed the registered 15; a new SOP, with no
// standard, is not warned.
func TestPreviewWarnsOfTheServiceStandard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	ak := e.sop(akSample)
	d := draftDocument(t, ak, unitPenta, "Pratinjau")
	const warning = "jumlah waktu (20 menit) melebihi jangka waktu standar pelayanan (15 menit)"
	res := e.postForm(c, "/preview", editorForm(d, "", 0), "HX-Request", "true",
		"HX-Current-URL", fmt.Sprintf("%s/sops/%d/edit", e.srv.URL, ak.ID))
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, warning) {
		t.Errorf("the preview of the AK/I's draft does not warn: %d %s", res.StatusCode, gistBody(res.body))
	}
	res = e.postForm(c, "/preview", editorForm(d, "", 0), "HX-Request", "true", "HX-Current-URL", e.srv.URL+"/sops/new")
	if res.StatusCode != http.StatusOK || strings.Contains(res.body, warning) {
		t.Errorf("a new SOP is warned of a standard it does not have: %d", res.StatusCode)
	}
}
