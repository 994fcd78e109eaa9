package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestReviewAndApproval takes a draft through the lifecycle in the web
// application: submitted by its author, returned with notes and a
// comment, submitted again, reviewed, approved by the head of office
// with the number, signer and capacity of the day, then withdrawn through
// the API.
func TestReviewAndApproval(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// The pengesah account belongs to the Kepala Dinas.
	kadis, err := e.db.FindEmployeeByNIP(ctx, "19680512 199303 1 007")
	if err != nil {
		t.Fatal(err)
	}
	users, _ := e.db.FindUsers(ctx)
	for _, u := range users {
		if u.Username == "pengesah" {
			u.EmployeeID = kadis.ID
			if err := e.db.UpdateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
	}
	d := &esop.Document{Format: esop.FormatV1, Title: "Pelayanan Uji Alur Pengesahan", Government: "Pemerintah Kota Malang",
		Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Unit: "Bidang Penempatan dan Perluasan Kerja", Category: esop.CategoryRutin,
		Actors: []esop.Actor{{ID: "a", Name: "Petugas"}, {ID: "b", Name: "Kepala Seksi"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Menerima berkas", Actor: "a", Time: &esop.Duration{Value: 5, Unit: esop.UnitMinute}, Output: "Berkas"},
			{ID: "s2", Activity: "Memeriksa berkas", Actor: "b", Time: &esop.Duration{Value: 1, Unit: esop.UnitHour}, Output: "Berkas terperiksa"},
		}}
	res, err := e.db.ImportDocuments(ctx, []*esop.Document{d}, "penyusun")
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].SOP.ID
	// The home page as visitors see it is kept rendered (web/catalogue.go):
	// fill that copy now, so that the checks below show it is replaced
	// when an SOP is approved and when it is withdrawn.
	if _, body := e.get(e.client(""), "/"); strings.Contains(body, "Pelayanan Uji Alur Pengesahan") {
		t.Fatal("the catalogue lists a draft")
	}
	// So are visitors' search pages: fill them too, with and without a unit.
	searches := []string{"/search?q=uji+alur", "/search?q=uji+alur&unit=" + url.QueryEscape(d.Unit)}
	for _, p := range searches {
		if _, body := e.get(e.client(""), p); strings.Contains(body, "Pelayanan Uji Alur Pengesahan") {
			t.Fatalf("%s finds a draft", p)
		}
	}
	path := fmt.Sprintf("/sops/%d", id)
	post := func(c *http.Client, p string, form url.Values) (int, string) {
		t.Helper()
		r, err := c.PostForm(e.srv.URL+p, form)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b)
	}
	status := func() string {
		s, _ := e.db.FindSOPByID(ctx, id)
		return s.Latest().Status
	}
	author, reviewer, approver := e.client("penyusun"), e.client("pemeriksa"), e.client("pengesah")

	if st, body := post(reviewer, path+"/transitions", url.Values{"action": {"submit"}}); st != http.StatusForbidden || !strings.Contains(body, "Hanya penyusun") {
		t.Fatalf("a reviewer submits: %d", st)
	}
	if st, _ := post(author, path+"/transitions", url.Values{"action": {"submit"}}); st != http.StatusSeeOther || status() != esop.StatusSubmitted {
		t.Fatalf("submit: %d, %s", st, status())
	}
	if r, err := author.Get(e.srv.URL + path + "/edit"); err != nil || r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path+"/review" {
		t.Errorf("the editor of a submitted SOP does not lead to the review screen: %v %v", r.StatusCode, err)
	} else {
		r.Body.Close()
	}
	_, body := e.get(reviewer, path+"/review")
	if !strings.Contains(body, "Nyatakan sudah diperiksa") || !strings.Contains(body, "Kembalikan kepada penyusun") || strings.Contains(body, "Sahkan SOP") {
		t.Fatal("the reviewer's actions are not offered")
	}
	if st, _ := post(reviewer, path+"/comments", url.Values{"path": {"steps[1]"}, "body": {"Waktu pemeriksaan terlalu lama"}}); st != http.StatusSeeOther {
		t.Fatalf("comment: %d", st)
	}
	if st, body := post(reviewer, path+"/transitions", url.Values{"action": {"return"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "catatan") {
		t.Fatalf("return without notes: %d", st)
	}
	if st, _ := post(reviewer, path+"/transitions", url.Values{"action": {"return"}, "note": {"Perbaiki waktu langkah 2"}}); st != http.StatusSeeOther || status() != esop.StatusReturned {
		t.Fatalf("return: %d %s", st, status())
	}
	_, body = e.get(author, path+"/review")
	if !strings.Contains(body, "Waktu pemeriksaan terlalu lama") || !strings.Contains(body, "Perbaiki waktu langkah 2") {
		t.Error("the author does not see the comment and the notes")
	}
	post(author, path+"/transitions", url.Values{"action": {"submit"}})
	if st, _ := post(reviewer, path+"/transitions", url.Values{"action": {"review"}}); st != http.StatusSeeOther || status() != esop.StatusReviewed {
		t.Fatalf("review: %d %s", st, status())
	}
	_, body = e.get(approver, path+"/review")
	for _, want := range []string{"Yang akan disahkan", "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "19680512 199303 1 007", "Sahkan SOP"} {
		if !strings.Contains(body, want) {
			t.Errorf("the approval screen lacks %q", want)
		}
	}
	// Approving is asked again first, and only the confirmation approves.
	if st, body := post(approver, path+"/transitions", url.Values{"action": {"approve"}}); st != http.StatusOK || !strings.Contains(body, "Ya, sahkan SOP") || status() != esop.StatusReviewed {
		t.Fatalf("approve without confirming: %d, %s", st, status())
	}
	if st, _ := post(approver, path+"/transitions", url.Values{"action": {"approve"}, "confirm": {"yes"}}); st != http.StatusSeeOther {
		t.Fatalf("approve: %d", st)
	}
	s, _ := e.db.FindSOPByID(ctx, id)
	if s.Current == nil || s.Current.Document.Approval == nil || !strings.HasPrefix(s.Number, "800/") || !strings.Contains(s.Number, "/35.73.405/") {
		t.Fatalf("after approval: number %q, current %+v", s.Number, s.Current)
	}
	if st, body := e.get(e.client(""), path); st != http.StatusOK || !strings.Contains(body, s.Number) {
		t.Errorf("the approved SOP is not public: %d", st)
	}
	if _, body := e.get(e.client(""), "/"); !strings.Contains(body, "Pelayanan Uji Alur Pengesahan") {
		t.Error("the catalogue does not list the new SOP")
	}
	for _, p := range searches {
		if _, body := e.get(e.client(""), p); !strings.Contains(body, "Pelayanan Uji Alur Pengesahan") {
			t.Errorf("%s does not find the new SOP", p)
		}
	}

	// Withdrawal through the API, with a reason.
	token := apiToken(t, e, "pengesah")
	call := func(body string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1"+path+"/transitions", bytes.NewBufferString(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		var out map[string]any
		json.NewDecoder(r.Body).Decode(&out)
		return r.StatusCode, out
	}
	if st, _ := call(`{"action":"withdraw"}`); st != http.StatusUnprocessableEntity {
		t.Errorf("withdraw without a reason: %d", st)
	}
	if st, _ := call(`{"action":"approve"}`); st != http.StatusConflict {
		t.Errorf("approve an approved SOP: %d", st)
	}
	if st, out := call(`{"action":"withdraw","note":"Diganti SOP baru"}`); st != http.StatusOK || out["status"] != esop.StatusWithdrawn {
		t.Fatalf("withdraw: %d %v", st, out)
	}
	if st, _ := e.get(e.client(""), path); st != http.StatusNotFound {
		t.Errorf("a withdrawn SOP is still public: %d", st)
	}
	if _, body := e.get(e.client(""), "/"); strings.Contains(body, "Pelayanan Uji Alur Pengesahan") {
		t.Error("the catalogue still lists the withdrawn SOP")
	}
	for _, p := range searches {
		if _, body := e.get(e.client(""), p); strings.Contains(body, "Pelayanan Uji Alur Pengesahan") {
			t.Errorf("%s still finds the withdrawn SOP", p)
		}
	}
}

// apiToken gets a bearer token by the API.
func apiToken(t *testing.T, e *env, user string) string {
	t.Helper()
	r, err := http.Post(e.srv.URL+"/api/v1/tokens", "application/json", strings.NewReader(`{"username":"`+user+`","password":"`+testPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(r.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("token: %v", err)
	}
	return out.Token
}
