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

// TestVersionHistory: a new version asks why; the versions page shows,
// for each version, the reason, who created, submitted and approved it
// and when, and when it was superseded, from the version's events; what
// it showed of the first version does not move when the second is
// approved and supersedes it.
func TestVersionHistory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	kadis, err := e.db.FindEmployeeByNIP(ctx, "19680512 199303 1 007")
	if err != nil {
		t.Fatal(err)
	}
	u := e.user("pengesah")
	u.EmployeeID = kadis.ID
	if err := e.db.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	sop := e.sop(akSample)
	page := fmt.Sprintf("/sops/%d", sop.ID)
	author := e.session("penyusun")

	// The SOP page asks for the reason; without one nothing is started.
	res := e.do(author, http.MethodGet, page, nil)
	if !strings.Contains(res.body, `<textarea id="nv-note" name="note" rows="3" maxlength="1000" required`) || !strings.Contains(res.body, "Alasan versi baru") {
		t.Errorf("the SOP page does not ask why: %s", gist(res))
	}
	for _, note := range []string{"", "   "} {
		res := e.postForm(author, page+"/versions", url.Values{"note": {note}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Tuliskan alasan versi baru") {
			t.Errorf("no reason %q: %s", note, gist(res))
		}
	}
	if res := e.postForm(author, page+"/versions", url.Values{"note": {strings.Repeat("a", 1001)}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a reason of 1001 characters: %d", res.StatusCode)
	}
	if res := e.postForm(author, page+"/versions", nil, "Cookie", "lang=en"); !strings.Contains(res.body, "Write the reason for the new version") {
		t.Errorf("in English: %s", gist(res))
	}
	if s := e.reload(sop.ID); s.Draft != nil {
		t.Fatal("a version was started without a reason")
	}
	const reason = "Penyesuaian dengan Permenaker 2026 tentang AK/I"
	if res := e.postForm(author, page+"/versions", url.Values{"note": {reason}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %s", gist(res))
	}

	history := func() (v1, v2 string, body string) {
		t.Helper()
		res := e.do(e.session("pemeriksa"), http.MethodGet, page+"/versions", nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("versions: %s", gist(res))
		}
		row := regexp.MustCompile(`(?s)<tr id="v(\d)">(.*?)</tr>`)
		for _, m := range row.FindAllStringSubmatch(res.body, -1) {
			switch m[1] {
			case "1":
				v1 = m[2]
			case "2":
				v2 = m[2]
			}
		}
		return v1, v2, res.body
	}
	cell := func(row, class string) string {
		m := regexp.MustCompile(`(?s)<td class="` + class + `">(.*?)</td>`).FindStringSubmatch(row)
		if m == nil {
			return ""
		}
		return m[1]
	}
	before, draft, _ := history()
	if got := cell(draft, "reason"); got != reason {
		t.Errorf("the new version's reason %q", got)
	}
	if got := cell(draft, "event created"); !strings.Contains(got, "20/11/2026 16:00 WIB") || !strings.Contains(got, "oleh penyusun") {
		t.Errorf("the new version's creation %q", got)
	}
	if got := cell(draft, "event approved"); got != "—" {
		t.Errorf("the draft shows an approval %q", got)
	}

	// Submitted, reviewed and approved through the web.
	path := page + "/transitions"
	for _, step := range []struct{ user, action string }{{"penyusun", "submit"}, {"pemeriksa", "review"}, {"pengesah", "approve"}} {
		if res := e.postForm(e.session(step.user), path, url.Values{"action": {step.action}, "confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s by %s: %s", step.action, step.user, gist(res))
		}
	}
	after, approved, body := history()
	for class, want := range map[string]string{
		"event created":   "oleh penyusun",
		"event submitted": "oleh penyusun",
		"event approved":  "oleh pengesah",
	} {
		if got := cell(approved, class); !strings.Contains(got, "20/11/2026 16:00 WIB") || !strings.Contains(got, want) {
			t.Errorf("version 2, %s: %q, want the time and %q", class, got, want)
		}
	}
	if got := cell(approved, "event approved"); !strings.Contains(got, "ditandatangani "+kadis.Name) {
		t.Errorf("version 2 does not name its signer: %q", got)
	}
	if got := cell(after, "event superseded"); !strings.Contains(got, "20/11/2026 16:00 WIB") {
		t.Errorf("version 1 is not shown superseded: %q", got)
	}
	// What was shown of version 1 did not move.
	for _, class := range []string{"reason", "event created", "event submitted", "event approved"} {
		if cell(before, class) != cell(after, class) {
			t.Errorf("version 1, %s moved: %q → %q", class, cell(before, class), cell(after, class))
		}
	}
	if !strings.Contains(body, `href="`+page+`/diff?from=`) {
		t.Error("no link to the changes of version 2")
	}
}
