package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// testDraftsKeptAsTyped: the web editor's SaveDraft keeps a document with
// errors (a new SOP and an existing draft), refuses what no draft may
// hold, keeps optimistic locking and numbers unique; a submission of the
// draft is refused with every error until they are fixed; comments on a
// row keep the id of its step.
func testDraftsKeptAsTyped(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newLifecycleOrg(t, db)
	half := draftOf("")
	half.Steps[1].Decision.No = ""
	half.Steps[2].Activity = ""
	half.Steps[2].Time = &esop.Duration{Text: "2-3 hr"}
	v, err := db.SaveDraft(ctx, 0, half, 0, "ani")
	must(t, err)
	s, err := db.FindSOPByID(ctx, v.SOPID)
	must(t, err)
	if s.Draft == nil || s.Draft.Status != esop.StatusDraft || s.Draft.Revision != 1 || s.Draft.CreatedBy != "ani" ||
		jsonOf(t, s.Draft.Document) != jsonOf(t, half) {
		t.Fatalf("the half-finished SOP was not kept as typed: %+v", s.Draft)
	}
	// Submitting it is refused with every error, and changes nothing.
	_, err = db.Transition(ctx, s.ID, o.as(o.author), esop.Transition{Action: esop.ActionSubmit})
	var e *esop.Error
	if !asError(err, &e) || e.Code != esop.EINVALID || len(e.Problems) != len(esop.Validate(half, esop.ValidateOptions{}).Errors()) ||
		!strings.Contains(e.Message.ID, "belum dapat diajukan") {
		t.Fatalf("submitting a draft with errors: %v", err)
	}
	for _, want := range []string{"title", "steps[1].decision.no", "steps[2].activity"} {
		if !hasPath(e.Problems, want) {
			t.Errorf("the refused submission does not name %s: %v", want, e.Problems)
		}
	}
	if s, _ := db.FindSOPByID(ctx, s.ID); s.Draft.Status != esop.StatusDraft {
		t.Errorf("a refused submission changed the status to %s", s.Draft.Status)
	}
	// Still half done, saved again from its revision; a stale one is refused.
	more := half.Clone()
	more.Title = "Pelayanan Setengah Jadi"
	_, err = db.SaveDraft(ctx, s.ID, more, 1, "ani")
	must(t, err)
	_, err = db.SaveDraft(ctx, s.ID, more, 1, "ani")
	mustCode(t, err, esop.ECONFLICT)
	// What no draft may hold.
	for name, bad := range map[string]func(d *esop.Document){
		"no unit":        func(d *esop.Document) { d.Unit = "" },
		"approval block": func(d *esop.Document) { d.Approval = &esop.Approval{Position: "Kepala", Name: "X"} },
		"other format":   func(d *esop.Document) { d.Format = "esop.sop/9" },
	} {
		d := more.Clone()
		bad(d)
		_, err := db.SaveDraft(ctx, s.ID, d, 2, "ani")
		mustCode(t, err, esop.EINVALID)
		if _, err := db.SaveDraft(ctx, 0, d, 0, "ani"); esop.ErrorCode(err) != esop.EINVALID {
			t.Errorf("%s: a new SOP was kept (%v)", name, err)
		}
	}
	// A number in use is refused for a new SOP and for a draft.
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("300/001/2024", "Bernomor")}, "t")
	must(t, err)
	dup := more.Clone()
	dup.Number = res[0].SOP.Number
	_, err = db.SaveDraft(ctx, 0, dup, 0, "ani")
	mustCode(t, err, esop.ECONFLICT)
	_, err = db.SaveDraft(ctx, s.ID, dup, 2, "ani")
	mustCode(t, err, esop.ECONFLICT)
	// The API's door stays strict.
	_, err = db.UpdateDraft(ctx, s.ID, more, 2, "ani")
	mustCode(t, err, esop.EINVALID)

	// Fixed, it is submitted; a reviewer's comment on a row, or on a
	// field of it, records the id of its step.
	fixed := draftOf("Pelayanan Setengah Jadi")
	_, err = db.SaveDraft(ctx, s.ID, fixed, 2, "ani")
	must(t, err)
	if _, err := db.Transition(ctx, s.ID, o.as(o.author), esop.Transition{Action: esop.ActionSubmit}); err != nil {
		t.Fatalf("submitting the fixed draft: %v", err)
	}
	must(t, db.AddComment(ctx, &esop.Comment{VersionID: v.ID, Path: "steps[1]", Body: "Cabang tidak kurang jelas", Author: "budi"}))
	must(t, db.AddComment(ctx, &esop.Comment{VersionID: v.ID, Path: "steps[2].time", Body: "Waktu?", Author: "budi"}))
	must(t, db.AddComment(ctx, &esop.Comment{VersionID: v.ID, Path: "title", Body: "Judul", Author: "budi"}))
	cs, err := db.FindComments(ctx, v.ID)
	must(t, err)
	if len(cs) != 3 || cs[0].Step != "s2" || cs[1].Step != "s3" || cs[2].Step != "" {
		t.Errorf("comments and their steps: %+v %+v %+v", cs[0], cs[1], cs[2])
	}
}

func asError(err error, e **esop.Error) bool {
	x, ok := err.(*esop.Error)
	*e = x
	return ok
}

func hasPath(ps esop.Problems, path string) bool {
	for _, p := range ps {
		if p.Path == path {
			return true
		}
	}
	return false
}
