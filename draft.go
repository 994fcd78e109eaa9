package esop

import "fmt"

// A draft written in the web editor is kept as typed, half-finished work
// included: the author saves, goes away and comes back. Its problems are
// shown; only submission for review needs a valid document. Documents
// that arrive whole (an import, the API) are still refused with their errors.

// CheckDraft returns an error when d cannot be kept even as a draft: it
// must be of the esop.sop/1 format, name its unit (which decides who may
// see and edit it) and carry no approval block (approval goes through the
// lifecycle). Every other problem waits for submission.
func CheckDraft(d *Document) error {
	var c collector
	if d.Format != FormatV1 {
		c.errorf("format", "format", "format %q tidak dikenal; harus %q", "unknown format %q; must be %q", d.Format, FormatV1)
	}
	if d.Unit == "" {
		c.errorf("unit", "required", "wajib diisi: unit menentukan siapa yang boleh menyunting draf", "is required: the unit decides who may edit the draft")
	}
	if d.IsApproved() {
		c.errorf("approval", "draft_approval", "draf tidak boleh memuat blok pengesahan; pengesahan dilakukan melalui alur persetujuan",
			"a draft cannot carry an approval block; approval goes through the approval workflow")
	}
	if len(c.list) == 0 {
		return nil
	}
	e := InvalidError(c.list)
	e.Message = Text{ID: "Draf tidak dapat disimpan: " + c.list[0].Labelled("id") + ".", EN: "The draft cannot be saved: " + c.list[0].Labelled("en") + "."}
	return e
}

// CheckSubmit returns nil when d may be submitted for review, and
// otherwise an EINVALID *Error that lists every error of the document
// (warnings do not stop a submission).
func CheckSubmit(d *Document) error {
	errs := Validate(d, ValidateOptions{}).Errors()
	if len(errs) == 0 {
		return nil
	}
	e := InvalidError(errs)
	e.Message = Text{
		ID: fmt.Sprintf("SOP belum dapat diajukan: masih ada %d kesalahan. Perbaiki di editor, lalu ajukan lagi.", len(errs)),
		EN: fmt.Sprintf("The SOP cannot be submitted yet: it still has %d errors. Fix them in the editor, then submit again.", len(errs)),
	}
	return e
}
