package esop_test

import (
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// version returns an approved version whose Tanggal Revisi is revised.
func version(revised string) *esop.Version {
	d := &esop.Document{Title: "x"}
	if revised != "" {
		d.Dates.Revised = esop.MustDate(revised)
	}
	return &esop.Version{Status: esop.StatusApproved, Document: d}
}

func TestReviewsDue(t *testing.T) {
	// 00:30 on 20 November 2026 in Jakarta is still the 19th in UTC: the
	// day is judged in WIB.
	now := time.Date(2026, 11, 19, 17, 30, 0, 0, time.UTC)
	today := esop.Today(now)
	if today != esop.MustDate("2026-11-20") {
		t.Fatalf("today %s, want 2026-11-20 (WIB)", today)
	}
	tests := []struct {
		name     string
		sop      esop.SOP
		state    string
		days     int
		reviewOn string
	}{
		{"long overdue", esop.SOP{Current: version("2025-01-08")}, esop.ReviewOverdue, -681, "2025-01-08"},
		{"overdue since yesterday", esop.SOP{Current: version("2026-11-19")}, esop.ReviewOverdue, -1, "2026-11-19"},
		{"due today", esop.SOP{Current: version("2026-11-20")}, esop.ReviewDue, 0, "2026-11-20"},
		{"due tomorrow", esop.SOP{Current: version("2026-11-21")}, esop.ReviewDue, 1, "2026-11-21"},
		{"due in 30 days", esop.SOP{Current: version("2026-12-20")}, esop.ReviewDue, 30, "2026-12-20"},
		{"31 days ahead", esop.SOP{Current: version("2026-12-21")}, "", 0, "2026-12-21"},
		{"next year", esop.SOP{Current: version("2027-11-20")}, "", 0, "2027-11-20"},
		{"no review date", esop.SOP{Current: version("")}, "", 0, ""},
		{"never approved", esop.SOP{Draft: &esop.Version{Status: esop.StatusDraft, Document: &esop.Document{}}}, "", 0, ""},
		{"withdrawn", esop.SOP{}, "", 0, ""},
		// A new version approved to come into force later has been reviewed:
		// its own date counts, not the old version's.
		{"reviewed, new version pending", esop.SOP{Current: version("2026-10-01"), Pending: version("2027-12-01")}, "", 0, "2027-12-01"},
		// A draft under way does not stop the reminders: the review is not done.
		{"overdue with a draft under way", esop.SOP{Current: version("2026-10-01"), Draft: &esop.Version{Status: esop.StatusDraft}}, esop.ReviewOverdue, -50, "2026-10-01"},
	}
	var sops []*esop.SOP
	for i := range tests {
		tt := &tests[i]
		tt.sop.ID = int64(i + 1)
		tt.sop.Title = tt.name
		sops = append(sops, &tt.sop)
		if got := esop.ReviewState(&tt.sop, today); got != tt.state {
			t.Errorf("%s: state %q, want %q", tt.name, got, tt.state)
		}
		if got := esop.ReviewDate(&tt.sop).String(); got != tt.reviewOn {
			t.Errorf("%s: review date %q, want %q", tt.name, got, tt.reviewOn)
		}
	}
	// The list: overdue first, the longest overdue first, then the nearest due.
	var got []string
	for _, it := range esop.ReviewsDue(sops, today) {
		want := tests[it.SOP.ID-1]
		if it.State != want.state || it.Days != want.days || it.Date.String() != want.reviewOn {
			t.Errorf("%s: %+v, want state %s, %d days", it.SOP.Title, it, want.state, want.days)
		}
		got = append(got, it.SOP.Title)
	}
	if want := "long overdue|overdue with a draft under way|overdue since yesterday|due today|due tomorrow|due in 30 days"; strings.Join(got, "|") != want {
		t.Errorf("list %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestNumberingConfigCheckAndOver(t *testing.T) {
	def := esop.DefaultNumbering()
	if def.Template != esop.DefaultNumberTemplate || def.Kode != "800" || def.ReviewMonths != 12 {
		t.Fatalf("defaults %+v", def)
	}
	agency := esop.NumberingConfig{ReviewMonths: 6}
	if got := agency.Over(def); got != (esop.NumberingConfig{Template: def.Template, Kode: "800", ReviewMonths: 6}) {
		t.Errorf("over: %+v", got)
	}
	for _, tt := range []struct {
		c  esop.NumberingConfig
		ok bool
	}{
		{esop.NumberingConfig{}, true},
		{esop.NumberingConfig{Template: "{kode}/{urut:03}/{tahun}", Kode: "000.8.3", ReviewMonths: 60}, true},
		{esop.NumberingConfig{ReviewMonths: 1}, true},
		{esop.NumberingConfig{ReviewMonths: 61}, false},
		{esop.NumberingConfig{ReviewMonths: -3}, false},
		{esop.NumberingConfig{Template: "{kode}/{tahun}"}, false},
		{esop.NumberingConfig{Template: "{urut}\n"}, false},
		{esop.NumberingConfig{Kode: " 800"}, false},
	} {
		if err := tt.c.Check(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt.c, err)
		}
	}
	if k := esop.AgencyKey(esop.SettingReviewMonths, 12); k != "review.months:12" {
		t.Errorf("agency key %q", k)
	}
	if k := esop.AgencyKey(esop.SettingReviewMonths, 0); k != "review.months" {
		t.Errorf("installation key %q", k)
	}
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "",
		"  ani@malangkota.go.id ":         "ani@malangkota.go.id",
		"Ani Lestari <ani@example.go.id>": "ani@example.go.id",
	} {
		if got, err := esop.NormalizeEmail(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"ani", "@example.org", "ani@example.org, budi@example.org", "ani@example.org\nBcc: x@example.org"} {
		if _, err := esop.NormalizeEmail(bad); esop.ErrorCode(err) != esop.EINVALID {
			t.Errorf("%q accepted (%v)", bad, err)
		}
	}
}
