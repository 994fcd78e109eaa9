package web_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop/render"
)

// signIn gives the tab a session of username made in the store (the login
// form itself is walked in TestBrowserWriteSOP), or none for "".
func (b *browser) signIn(e *env, username string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		b.t.Fatalf("sign out: %v", err)
	}
	if username == "" {
		return
	}
	p := network.SetCookieParams{Name: "esop_session", Value: e.sessionToken(username, "web"), URL: e.srv.URL + "/"}
	if _, err := chromedp.Call(b.ctx, network.SetCookie, p); err != nil {
		b.t.Fatalf("sign in as %s: %v", username, err)
	}
}

// widestJS names the elements that reach past the window's right edge,
// widest first, leaving out those inside a box that scrolls on its own.
const widestJS = `(() => {
	const w = document.documentElement.clientWidth;
	const inBox = e => { for (let p = e.parentElement; p; p = p.parentElement) { const s = getComputedStyle(p); if (s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowX === "hidden") return true; } return false; };
	const out = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > w + 1 && !inBox(e));
	out.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
	return out.slice(0, 3).map(e => "<" + e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + "> " +
		Math.round(e.getBoundingClientRect().width) + " px wide, to " + Math.round(e.getBoundingClientRect().right) + " px: " + JSON.stringify((e.textContent || "").trim().slice(0, 40))).join("; ");
})()`

// TestBrowserPhoneWidth opens every page, public and staff, in a 360 px
// wide window and checks that none scrolls sideways: the page is no
// wider than the window (wide tables scroll inside their own box). It
// lists every page that fails with the elements that stick out.
func TestBrowserPhoneWidth(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sop, v1, v2 := newVersionEdited(t, e) // a draft of Bidang HI, for penyusun2
	ak := e.sop(akSample)
	verify := "/v/" + render.VerifyCode(ak.Current.Document)

	// A draft of Bidang Penempatan submitted for review.
	d := draftDocument(t, ak, unitPenta, "Pelayanan Uji Lebar Ponsel dengan Judul yang Cukup Panjang untuk Dipotong")
	if res := e.postForm(e.session("penyusun"), "/sops/new", editorForm(d, "submit", 0)); res.StatusCode != 303 {
		t.Fatalf("submit: %s", gist(res))
	}
	inReview := e.sop(d.Title)
	if _, err := e.db.FindSOPByID(ctx, inReview.ID); err != nil {
		t.Fatal(err)
	}

	pages := []struct{ user, path string }{
		{"", "/"},
		{"", "/search?q=kartu"},
		{"", "/search?q=zzzz"},
		{"", "/search?q=pelatian"},
		{"", "/search"},
		{"", fmt.Sprintf("/sops/%d", ak.ID)},
		{"", verify},
		{"", "/v"},
		{"", "/lacak"},
		{"", "/login"},
		{"penyusun2", fmt.Sprintf("/sops/%d/versions", sop.ID)},
		{"penyusun2", fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v1.ID, v2.ID)},
		{"penyusun2", fmt.Sprintf("/sops/%d/edit", sop.ID)},
		{"penyusun", "/dashboard"},
		{"penyusun", "/sops/new"},
		{"penyusun", "/import"},
		{"pemeriksa", fmt.Sprintf("/sops/%d/review", inReview.ID)},
		{"pemeriksa", "/dashboard"},
		{"pemeriksa", "/tasks"},
		{"pengesah", fmt.Sprintf("/sops/%d/monitoring", ak.ID)},
		{"pengesah", fmt.Sprintf("/sops/%d/evaluation", ak.ID)},
		{"admin", "/monev"},
		{"admin", "/admin"},
		{"admin", "/admin/units"},
		{"admin", "/admin/positions"},
		{"admin", "/admin/employees"},
		{"admin", "/admin/regulations"},
		{"admin", "/admin/users"},
		{"admin", "/admin/settings"},
		{"admin", "/admin/synonyms"},
		{"admin", "/admin/webhooks"},
		{"admin", "/audit"},
		{"admin", "/account"},
		{"admin", "/analysis"},
		{"admin", "/analysis/workload?unit=bidang-penta"},
		{"admin", "/analysis/competence?unit=bidang-penta"},
		{"admin", "/analysis/competence/employees/198802152011012006"},
		{"admin", "/analysis/overlap"},
		{"admin", "/analysis/overlap?matrix=all"},
		{"admin", "/stats"},
		{"admin", fmt.Sprintf("/stats/sops/%d/heat", ak.ID)},
		{"", fmt.Sprintf("/layanan/%d", standardOf(t, e, ak.ID))},
		{"penyusun", "/standar-pelayanan"},
		{"penyusun", fmt.Sprintf("/standar-pelayanan/%d", standardOf(t, e, ak.ID))},
		{"penyusun", "/standar-pelayanan/new"},
	}
	// One browser for each account in turn, so that each stays well within
	// its time; screenshots only when they are kept.
	var b *browser
	var wide []string
	who := "-"
	for i, p := range pages {
		if p.user != who || i%6 == 0 {
			b = newBrowser(t, e.srv.URL)
			b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
			b.signIn(e, p.user)
			who = p.user
		}
		b.open(p.path, 200)
		type widths struct{ Scroll, Client int }
		w := eval[widths](b, "widths", `({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})`)
		if w.Scroll > 360 {
			wide = append(wide, fmt.Sprintf("%s (as %q): %d px wide; %s", p.path, p.user, w.Scroll, eval[string](b, "widest", widestJS)))
		}
		b.checkConsole(p.path + " at 360 px")
		if os.Getenv("ESOP_SCREENSHOTS") != "" {
			b.viewShot(fmt.Sprintf("phone-%02d.png", i))
		}
	}
	if len(wide) > 0 {
		t.Errorf("%d of %d pages scroll sideways in a 360 px window:\n%s", len(wide), len(pages), strings.Join(wide, "\n"))
	}
}
