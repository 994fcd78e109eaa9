package book

import (
	"context"
	"testing"

	"github.com/esop-malang/esop"
)

type versionStore struct {
	Store
	versions []*esop.Version
}

func (s versionStore) FindVersions(context.Context, int64) ([]*esop.Version, error) {
	return s.versions, nil
}

func version(seq int, status, effective string) *esop.Version {
	return &esop.Version{Seq: seq, Status: status, Document: &esop.Document{Dates: esop.Dates{Effective: esop.MustDate(effective)}}}
}

// TestVersionOn: the version in force on a day is the pending one from its
// date, the current one from its date, and before that the one it superseded.
func TestVersionOn(t *testing.T) {
	v1 := version(1, esop.StatusSuperseded, "2024-01-15")
	v2 := version(2, esop.StatusSuperseded, "2025-03-01")
	v3 := version(3, esop.StatusApproved, "2026-01-05")
	v4 := version(4, esop.StatusApproved, "2027-01-04")
	st := versionStore{versions: []*esop.Version{v1, v2, v3, v4}}
	s := &esop.SOP{Current: v3, Pending: v4}
	for day, want := range map[string]*esop.Version{
		"2023-12-31": nil, "2024-01-15": v1, "2025-02-28": v1, "2025-03-01": v2, "2026-01-04": v2, "2026-01-05": v3, "2027-01-04": v4,
	} {
		got, err := versionOn(context.Background(), st, s, esop.MustDate(day))
		if err != nil || got != want {
			t.Errorf("%s: version %v, want %v (%v)", day, got, want, err)
		}
	}
	if got, _ := versionOn(context.Background(), st, &esop.SOP{Draft: v4}, esop.MustDate("2027-02-01")); got != nil {
		t.Errorf("an SOP never approved is in force: %v", got)
	}
}
