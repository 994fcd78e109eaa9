package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestKeterkaitan checks that the related SOPs an SOP names are linked to
// the stored SOPs in both directions, and that a reference to none is flagged.
func TestKeterkaitan(t *testing.T) {
	e := newEnv(t)
	anon := e.client("")
	ak1 := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	info := e.sop("Pelayanan Informasi Lowongan Kerja")
	_, body := e.get(anon, fmt.Sprintf("/sops/%d", ak1.ID))
	if !strings.Contains(body, fmt.Sprintf(`<a href="/sops/%d">SOP Pelayanan Informasi Lowongan Kerja</a>`, info.ID)) {
		t.Error("the related SOP is not linked")
	}
	if !strings.Contains(body, "SOP Pelaporan Pencari Kerja Enam Bulanan <span class=\"tag off\">tidak ditemukan di e-SOP</span>") {
		t.Error("a reference to no stored SOP is not flagged")
	}
	_, body = e.get(anon, fmt.Sprintf("/sops/%d", info.ID))
	if !strings.Contains(body, "Dirujuk oleh") || !strings.Contains(body, fmt.Sprintf(`<a href="/sops/%d">%s</a>`, ak1.ID, ak1.Title)) {
		t.Error("the referring SOP is not shown")
	}
}

// TestRegulationImpactShown checks that revoking a regulation marks the
// SOPs citing it as needing review, for staff only.
func TestRegulationImpactShown(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	regs, _, err := e.db.FindRegulations(ctx, esop.RegulationFilter{Query: "pelayanan publik"})
	if err != nil || len(regs) == 0 {
		t.Fatalf("regulations %v %v", regs, err)
	}
	var uu *esop.Regulation
	for _, r := range regs {
		if r.Kind == "UU" && r.Number == "25" {
			uu = r
		}
	}
	if uu == nil {
		t.Fatal("UU 25/2009 is not in the register")
	}
	if _, err := e.db.UpdateRegulationStatus(ctx, uu.ID, esop.RegulationAmended, "UU 1/2099", esop.MustDate("2026-11-01")); err != nil {
		t.Fatal(err)
	}
	ak1 := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	path := fmt.Sprintf("/sops/%d", ak1.ID)
	if _, body := e.get(e.client("auditor"), path); !strings.Contains(body, "Perlu ditinjau") || !strings.Contains(body, "diubah oleh UU 1/2099") {
		t.Error("the SOP page does not tell staff it needs review")
	}
	if _, body := e.get(e.client(""), path); strings.Contains(body, "Perlu ditinjau") {
		t.Error("the public page shows the review flag")
	}
	if _, body := e.get(e.client("auditor"), "/dashboard"); !strings.Contains(body, "Perlu ditinjau karena perubahan peraturan") || !strings.Contains(body, ak1.Title) {
		t.Error("the dashboard does not list the SOP to review")
	}
}
