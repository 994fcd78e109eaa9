package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/esop-malang/esop"
)

// The SOP editor. Its form names every field by its JSON path in the
// document (title, steps[3].decision.no), so that each problem the
// validator finds is shown beside the field it is about, and listed, with
// the row named as people name it, at the top. A draft is saved as typed,
// errors and all; only submission for review ("Ajukan untuk diperiksa",
// offered here too) needs a valid document. The live preview (htmx)
// redraws the flowchart and every problem as the author types; without
// script the form still saves and submits.

// editorView is the view model of the SOP editor.
type editorView struct {
	SOP       *esop.SOP // nil for a new SOP
	SOPID     int64     // 0 for a new SOP
	Revision  int
	Doc       *esop.Document
	Action    string
	Units     []string
	Positions []string
	Drawing   drawing
	MaySubmit bool
	InForce   bool   // a version of the SOP is in force: it has a public page
	Status    string // of the draft: draft or returned
	Seq       int    // the draft's version number

	// Problems of the document and of what was typed, by slot (see slotOf).
	problems map[string][]slotMsg
	List     []listedProblem // every problem, in the order of the form
	Errors   int
	Warnings int
	Message  string // a refusal or failure, shown at the top
	Saved    bool
	Fresh    bool // a new form, not yet checked
	// Raw keeps, by field, what was typed but could not be read (a date,
	// a number), so that the box shows it again instead of an empty one.
	Raw map[string]string

	Review *reviewNotes // the return note and the reviewers' comments, or nil
	lang   string

	// Kode is the classification code chosen for the SOP ("" for its
	// unit's), KodeInherited the unit's (kode.go).
	Kode, KodeInherited string
}

// slotMsg is one message beside a field.
type slotMsg struct {
	Text    string
	Warning bool
}

// listedProblem is one problem in the list at the top of the editor.
type listedProblem struct {
	Label, Text, Anchor string
	Warning             bool
}

// fieldSlot is the box of messages beside one field: its element id, the
// id of the control it describes, and its messages.
type fieldSlot struct {
	Key, ID, Control string
	Msgs             []slotMsg
	Invalid          bool
}

// Slot returns the messages box of a slot ("title", "steps[2].time").
func (v *editorView) Slot(key string) fieldSlot {
	f := fieldSlot{Key: key, ID: "p-" + slotID(key), Control: controlOf(key), Msgs: v.problems[key]}
	for _, m := range f.Msgs {
		f.Invalid = f.Invalid || !m.Warning
	}
	return f
}

// Invalid reports whether a slot holds an error, for aria-invalid.
func (v *editorView) Invalid(key string) bool { return v.Slot(key).Invalid }

// Slots returns every slot of the form, in its order: the live preview
// sends them all again, so that a fixed problem disappears from beside
// its field as the author types.
func (v *editorView) Slots() []fieldSlot {
	keys := slotKeys(v.Doc)
	out := make([]fieldSlot, len(keys))
	for i, k := range keys {
		out[i] = v.Slot(k)
	}
	return out
}

// identitySlots are the fields of the identity section, in form order.
var identitySlots = []string{"title", "number", "unit", "agency", "government", "type", "category", "dates.created", "dates.revised",
	"legalBasis", "qualifications", "related", "equipment", "records", "warning", "layout"}

// stepSlots are the fields of a row, in form order.
var stepSlots = []string{"activity", "actor", "kind", "next", "decision.yes", "decision.no", "requirements", "time", "effort", "output", "note"}

func slotKeys(d *esop.Document) []string {
	keys := append([]string{""}, identitySlots...)
	keys = append(keys, "actors")
	for i := range d.Actors {
		keys = append(keys, fmt.Sprintf("actors[%d]", i))
	}
	keys = append(keys, "steps")
	for i := range d.Steps {
		p := fmt.Sprintf("steps[%d]", i)
		keys = append(keys, p)
		for _, f := range stepSlots {
			keys = append(keys, p+"."+f)
		}
	}
	return keys
}

var (
	itemPath = regexp.MustCompile(`^(actors|steps|legalBasis|qualifications|related|equipment|records)\[(\d{1,6})\](?:\.(.+))?$`)
	notID    = regexp.MustCompile(`[^A-Za-z0-9]+`)
)

// slotOf returns the slot in which the editor shows a problem or comment
// on path: the field itself, or the nearest box the form has for it (a
// legal reference's year beside the Dasar Hukum box, a time's unit
// beside the Waktu box); "" for the top of the form.
func slotOf(path string) string {
	if slices.Contains(identitySlots, path) || path == "actors" || path == "steps" {
		return path
	}
	if strings.HasPrefix(path, "layout.") {
		return "layout"
	}
	m := itemPath.FindStringSubmatch(path)
	if m == nil {
		return ""
	}
	item := m[1] + "[" + m[2] + "]"
	switch {
	case m[1] != "actors" && m[1] != "steps":
		return m[1]
	case m[1] == "actors" || m[3] == "" || m[3] == "id":
		return item
	}
	part := m[3]
	switch {
	case part == "decision" || part == "end":
		part = "kind"
	case strings.HasPrefix(part, "decision.yes"):
		part = "decision.yes"
	case strings.HasPrefix(part, "decision.no"):
		part = "decision.no"
	case strings.HasPrefix(part, "time"):
		part = "time"
	case strings.HasPrefix(part, "effort"):
		part = "effort"
	case strings.HasPrefix(part, "requirements"):
		part = "requirements"
	}
	if !slices.Contains(stepSlots, part) {
		return item
	}
	return item + "." + part
}

// slotID turns a slot into a part of an element id: steps[2].time → steps-2-time.
func slotID(key string) string {
	if key == "" {
		return "top"
	}
	return strings.Trim(notID.ReplaceAllString(key, "-"), "-")
}

// identityControls are the element ids of the identity fields.
var identityControls = map[string]string{"title": "f-title", "number": "f-number", "unit": "f-unit", "agency": "f-agency",
	"government": "f-government", "type": "f-type", "category": "f-category", "dates.created": "f-created",
	"dates.revised": "f-revised", "legalBasis": "f-legal", "qualifications": "f-qual", "related": "f-related",
	"equipment": "f-equipment", "records": "f-records", "warning": "f-warning", "layout": "f-paper"}

// stepControls are the element id suffixes of the fields of a row.
var stepControls = map[string]string{"activity": "activity", "actor": "actor", "kind": "kind", "next": "next",
	"decision.yes": "yes", "decision.no": "no", "requirements": "req", "time": "time", "effort": "effort", "output": "output", "note": "note"}

// controlOf returns the element id of the control a slot describes, or "".
func controlOf(key string) string {
	if c, ok := identityControls[key]; ok {
		return c
	}
	m := itemPath.FindStringSubmatch(key)
	switch {
	case m == nil:
		return ""
	case m[1] == "actors":
		return "f-actor-" + m[2]
	case m[1] == "steps" && m[3] != "":
		return "f-s" + m[2] + "-" + stepControls[m[3]]
	}
	return ""
}

// anchorOf returns where the list at the top links a problem to.
func anchorOf(slot string) string {
	if c := controlOf(slot); c != "" {
		return c
	}
	if m := itemPath.FindStringSubmatch(slot); m != nil && m[1] == "steps" {
		return "row-" + m[2]
	}
	switch slot {
	case "actors":
		return "actors-title"
	case "steps":
		return "steps-title"
	}
	return ""
}

// setProblems files problems under their slots and in the list, each
// named as people name it, warnings after errors of the same field.
func (v *editorView) setProblems(ps esop.Problems) {
	v.problems, v.List, v.Errors, v.Warnings = map[string][]slotMsg{}, nil, 0, 0
	order := map[string]int{}
	for i, k := range slotKeys(v.Doc) {
		order[k] = i
	}
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b esop.Problem) int { return cmp.Compare(order[slotOf(a.Path)], order[slotOf(b.Path)]) })
	for _, p := range ps {
		p = p.ForPeople(v.Doc)
		warn := p.Severity == esop.SeverityWarning
		if warn {
			v.Warnings++
		} else {
			v.Errors++
		}
		msg := p.Message.In(v.lang)
		if warn {
			msg = esop.Text{ID: "Peringatan: ", EN: "Warning: "}.In(v.lang) + msg
		}
		slot := slotOf(p.Path)
		beside := msg
		if p.Path != slot && p.Path != "" {
			beside = esop.PathLabel(p.Path).In(v.lang) + ": " + msg
		}
		v.problems[slot] = append(v.problems[slot], slotMsg{Text: beside, Warning: warn})
		v.List = append(v.List, listedProblem{Label: esop.PathLabel(p.Path).In(v.lang), Text: msg, Anchor: anchorOf(slot), Warning: warn})
	}
}

// Lines joins a list for a one-item-per-line textarea.
func (v *editorView) Lines(list []string) string { return strings.Join(list, "\n") }

// LegalLines returns the legal basis one per line, cited as printed
// (esop.LegalRef.Cite, with its issuer).
func (v *editorView) LegalLines() string {
	var out []string
	for _, r := range v.Doc.LegalBasis {
		out = append(out, r.Cite(v.Doc.Government))
	}
	return strings.Join(out, "\n")
}

// Kind returns "process", "decision" or "end" for step i.
func (v *editorView) Kind(i int) string {
	s := v.Doc.Steps[i]
	switch {
	case s.Decision != nil:
		return "decision"
	case s.End:
		return "end"
	}
	return "process"
}

// TimeBox returns the time of step i as its box shows it: "2 hari".
func (v *editorView) TimeBox(i int) string { return esop.TimeText(v.Doc.Steps[i].Time, v.lang) }

// EffortBox returns the effort (norma waktu) of step i as its box shows it: "45 menit".
func (v *editorView) EffortBox(i int) string { return esop.TimeText(v.Doc.Steps[i].Effort, v.lang) }

// Value returns what a field that can fail to read shows: what was typed
// when it could not be read, else the stored value.
func (v *editorView) Value(field string) string {
	if raw, ok := v.Raw[field]; ok {
		return raw
	}
	d := v.Doc
	switch field {
	case "dates.created":
		return d.Dates.Created.String()
	case "dates.revised":
		return d.Dates.Revised.String()
	}
	if d.Layout == nil {
		return ""
	}
	switch field {
	case "layout.firstPageSteps":
		return nonZero(d.Layout.FirstPageSteps)
	case "layout.pageSteps":
		return nonZero(d.Layout.PageSteps)
	}
	return ""
}

// Paper returns the paper of the layout hint, or "".
func (v *editorView) Paper() string {
	if v.Doc.Layout == nil {
		return ""
	}
	return v.Doc.Layout.Paper
}

func nonZero(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// UnitKnown reports whether the document's unit is among those offered;
// when it is not, the form offers it too rather than switch units silently.
func (v *editorView) UnitKnown() bool {
	return v.Doc.Unit == "" || slices.Contains(v.Units, v.Doc.Unit)
}

// HasActor and HasStep report whether an id names an actor or a step of
// the document; a reference to one deleted is kept in the form, marked,
// for the author to choose again.
func (v *editorView) HasActor(id string) bool { return v.Doc.ActorByID(id) != nil }

// HasStep reports whether id names a step of the document ("" counts as known).
func (v *editorView) HasStep(id string) bool { return id == "" || v.Doc.StepIndex(id) >= 0 }

// Field returns a step field name: steps[3].activity.
func (v *editorView) Field(i int, name string) string { return fmt.Sprintf("steps[%d].%s", i, name) }

// ActorField returns an actor field name: actors[1].name.
func (v *editorView) ActorField(i int, name string) string {
	return fmt.Sprintf("actors[%d].%s", i, name)
}

// newDocument is the starting point of a new SOP.
func (s *Server) newDocument(unit string) *esop.Document {
	return &esop.Document{Format: esop.FormatV1, Unit: unit, Type: esop.TypeAdministratif,
		Actors: []esop.Actor{{ID: "a1", Name: "Pemohon"}, {ID: "a2", Name: ""}},
		Steps:  []esop.Step{{ID: "s1", Actor: "a1"}}}
}

// editableUnits returns the names of the units u may write SOPs for, valid today.
func (s *Server) editableUnits(r *http.Request, u *esop.User) ([]string, error) {
	all, err := s.allUnits(r.Context())
	if err != nil {
		return nil, err
	}
	today := s.today()
	units := slices.DeleteFunc(slices.Clone(all), func(x *esop.Unit) bool { return !x.ValidOn(today) })
	var names []string
	for _, unit := range units {
		if unit.Kind == esop.UnitPemerintah {
			continue
		}
		ok, err := s.mayEdit(r.Context(), u, unit.Name)
		if err != nil {
			return nil, err
		}
		if ok {
			names = append(names, unit.Name)
		}
	}
	return names, nil
}

// agencyOf returns the government and agency names above a unit.
func (s *Server) agencyOf(r *http.Request, unit string) (government, agency string, err error) {
	units, err := s.allUnits(r.Context())
	if err != nil {
		return "", "", err
	}
	byID := map[int64]*esop.Unit{}
	var u *esop.Unit
	for _, x := range units {
		byID[x.ID] = x
		if x.Name == unit && (u == nil || x.ValidOn(s.today())) {
			u = x
		}
	}
	for ; u != nil; u = byID[u.ParentID] {
		switch u.Kind {
		case esop.UnitPerangkatDaerah:
			if agency == "" {
				agency = u.Name
			}
		case esop.UnitPemerintah:
			government = u.Name
		}
	}
	return government, agency, nil
}

func (s *Server) positionNames(r *http.Request) ([]string, error) {
	ps, err := s.store.FindPositions(r.Context(), esop.PositionFilter{On: s.today()})
	if err != nil {
		return nil, err
	}
	names := []string{"Pemohon"}
	for _, p := range ps {
		if !slices.Contains(names, p.Name) {
			names = append(names, p.Name)
		}
	}
	return names, nil
}

// newEditorView starts the view of doc for rq; sop is nil for a new SOP.
func newEditorView(rq *request, sop *esop.SOP, d *esop.Document, revision int) *editorView {
	v := &editorView{SOP: sop, Doc: d, Revision: revision, Action: "/sops/new", lang: rq.lang}
	if sop != nil {
		v.SOPID, v.Action = sop.ID, fmt.Sprintf("/sops/%d/edit", sop.ID)
		if sop.Draft != nil {
			v.Status, v.Seq = sop.Draft.Status, sop.Draft.Seq
		}
	}
	return v
}

// showEditor renders the editor for the view's document with every
// problem of it and of in (what could not be read), the review notes
// and the preview.
func (s *Server) showEditor(w http.ResponseWriter, r *http.Request, rq *request, status int, v *editorView, in *editorInput) error {
	if err := s.fillEditor(r, rq, v, in); err != nil {
		return err
	}
	s.renderPage(w, r, rq, status, "editor", v)
	return nil
}

// fillEditor computes what the editor shows besides the form values.
func (s *Server) fillEditor(r *http.Request, rq *request, v *editorView, in *editorInput) error {
	ctx := r.Context()
	var err error
	if v.Units, err = s.editableUnits(r, rq.user); err != nil {
		return err
	}
	if v.Positions, err = s.positionNames(r); err != nil {
		return err
	}
	if in != nil {
		v.Raw = in.raw
	}
	var sopID int64
	if v.SOP != nil {
		sopID = v.SOP.ID
	}
	v.setProblems(s.editorProblems(ctx, sopID, v.Doc, in))
	v.Drawing = s.drawDocument(v.Doc, "", rq.lang)
	if v.SOP != nil {
		v.InForce = s.inForce(v.SOP) != nil
		if v.Review, err = s.reviewNotes(ctx, v.SOP, v.Doc, rq.lang); err != nil {
			return err
		}
	}
	if err := s.fillKode(ctx, v, in); err != nil {
		return err
	}
	v.MaySubmit, err = s.maySubmit(ctx, rq.user, v.Doc.Unit)
	return err
}

// editorProblems returns the problems of d, a document of the SOP with
// sopID (0 for a new one; warnings judged against today and its service
// standard), those of its times written as text that could not be read,
// and those of in.
func (s *Server) editorProblems(ctx context.Context, sopID int64, d *esop.Document, in *editorInput) esop.Problems {
	ps := esop.Validate(d, s.validateOptions(ctx, sopID))
	ps = append(ps, unreadTimes(d)...)
	if in != nil {
		ps = append(ps, in.problems...)
	}
	return ps
}

// unreadTimes warns of every time kept as text that does not read as an
// amount and a unit: it prints as typed but is not summed.
func unreadTimes(d *esop.Document) esop.Problems {
	var ps esop.Problems
	for i, st := range d.Steps {
		t := st.Time
		if t == nil || t.Text == "" || t.IsMeasured() {
			continue
		}
		if _, ok := esop.ParseTimeText(t.Text); !ok {
			ps = append(ps, esop.Problem{Path: fmt.Sprintf("steps[%d].time", i), Severity: esop.SeverityWarning, Code: "time_text",
				Message: esop.Text{
					ID: fmt.Sprintf("waktu %q tidak terbaca sebagai jumlah dan satuan (misalnya 2 hari, 1,5 jam, 30 menit); disimpan sebagai teks dan tidak ikut dijumlahkan", t.Text),
					EN: fmt.Sprintf("the time %q cannot be read as an amount and a unit (for example 2 days, 1.5 hours, 30 minutes); it is kept as text and not added to the total", t.Text)}})
		}
	}
	return ps
}

// maySubmit reports whether u may submit an SOP of unit for review.
func (s *Server) maySubmit(ctx context.Context, u *esop.User, unit string) (bool, error) {
	if unit == "" {
		return false, nil
	}
	a, err := s.requester(ctx, u, unit)
	if err != nil {
		return false, err
	}
	return esop.CheckTransition(a, esop.Transition{Action: esop.ActionSubmit}, nil) == nil, nil
}

func (s *Server) newSOPForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	units, err := s.editableUnits(r, rq.user)
	if err != nil {
		return err
	}
	unit := ""
	if len(units) > 0 {
		unit = units[0]
	}
	d := s.newDocument(unit)
	if d.Government, d.Agency, err = s.agencyOf(r, unit); err != nil {
		return err
	}
	v := newEditorView(rq, nil, d, 0)
	if err := s.fillEditor(r, rq, v, nil); err != nil {
		return err
	}
	// A new form shows no problems until the author starts writing.
	v.setProblems(nil)
	v.Fresh = true
	s.renderPage(w, r, rq, http.StatusOK, "editor", v)
	return nil
}

func (s *Server) createSOP(w http.ResponseWriter, r *http.Request, rq *request) error {
	in, err := s.parseEditor(w, r)
	if err != nil {
		return err
	}
	v := newEditorView(rq, nil, in.doc, 0)
	if !in.saves() {
		applyOp(in.doc, in.op)
		return s.showEditor(w, r, rq, http.StatusOK, v, in)
	}
	if ok, err := s.mayEdit(r.Context(), rq.user, in.doc.Unit); err != nil || !ok {
		return firstErr(err, errForbidden)
	}
	if in.doc.Government == "" || in.doc.Agency == "" {
		in.doc.Government, in.doc.Agency, _ = s.agencyOf(r, in.doc.Unit)
	}
	saved, err := s.store.SaveDraft(r.Context(), 0, in.doc, 0, rq.user.Username)
	if code := esop.ErrorCode(err); code == esop.EINVALID || code == esop.ECONFLICT {
		v.Message = esop.ErrorMessage(err, rq.lang)
		return s.showEditor(w, r, rq, statusOf(err), v, in)
	}
	if err != nil {
		return err
	}
	s.log.Info("sop created", "id", saved.SOPID, "by", rq.user.Username)
	return s.afterSave(w, r, rq, saved.SOPID, in)
}

// editable loads SOP {id} and its draft, checking that rq may edit it.
func (s *Server) editable(r *http.Request, rq *request) (*esop.SOP, error) {
	return s.sopFor(r, rq, s.mayEdit)
}

// sopFor loads SOP {id} for a user whom may allows to act on its unit (api.SOPFor).
func (s *Server) sopFor(r *http.Request, rq *request, may func(context.Context, *esop.User, string) (bool, error)) (*esop.SOP, error) {
	return s.api.SOPFor(r, rq.user, may)
}

// draftOf returns the editable draft of sop, or an error saying what to do.
func draftOf(sop *esop.SOP) (*esop.Version, error) {
	if sop.Draft == nil {
		return nil, esop.Errorf(esop.ECONFLICT, "SOP ini tidak mempunyai draf. Mulailah versi baru dari halaman SOP.",
			"This SOP has no draft. Start a new version from the SOP's page.")
	}
	return sop.Draft, nil
}

func (s *Server) editForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.editable(r, rq)
	if err != nil {
		return err
	}
	draft, err := draftOf(sop)
	if err != nil {
		return err
	}
	if !draft.IsEditable() {
		// Under review: the review screen shows it and its comments.
		http.Redirect(w, r, fmt.Sprintf("/sops/%d/review", sop.ID), http.StatusSeeOther)
		return nil
	}
	v := newEditorView(rq, sop, draft.Document, draft.Revision)
	v.Saved = r.URL.Query().Get("saved") == "1"
	return s.showEditor(w, r, rq, http.StatusOK, v, nil)
}

func (s *Server) saveDraft(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.editable(r, rq)
	if err != nil {
		return err
	}
	if _, err := draftOf(sop); err != nil {
		return err
	}
	in, err := s.parseEditor(w, r)
	if err != nil {
		return err
	}
	v := newEditorView(rq, sop, in.doc, in.revision)
	if !in.saves() {
		applyOp(in.doc, in.op)
		return s.showEditor(w, r, rq, http.StatusOK, v, in)
	}
	keepLegalForms(in.doc, sop.Draft)
	keepTimeForms(in, sop.Draft, rq.lang)
	if in.doc.Unit != sop.Unit {
		if ok, err := s.mayEdit(r.Context(), rq.user, in.doc.Unit); err != nil || !ok {
			return firstErr(err, errForbidden)
		}
	}
	_, err = s.store.SaveDraft(r.Context(), sop.ID, in.doc, in.revision, rq.user.Username)
	if code := esop.ErrorCode(err); code == esop.EINVALID || code == esop.ECONFLICT || code == esop.ENOTFOUND {
		v.Message = esop.ErrorMessage(err, rq.lang)
		return s.showEditor(w, r, rq, statusOf(err), v, in)
	}
	if err != nil {
		return err
	}
	return s.afterSave(w, r, rq, sop.ID, in)
}

// afterSave answers a save that went through. A submission goes on to
// the review, or comes back to the editor with why it was refused (the
// draft stays saved). A plain save returns to the editor: by a redirect,
// unless something typed could not be read, which the form then shows
// again for the author to correct.
func (s *Server) afterSave(w http.ResponseWriter, r *http.Request, rq *request, id int64, in *editorInput) error {
	if in.kodeOK {
		if err := s.store.SetSOPKode(r.Context(), id, in.kode); err != nil {
			return err
		}
	}
	if err := s.reindex(r.Context(), id); err != nil {
		return err
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if err != nil {
		return err
	}
	if sop.Draft == nil { // approved meanwhile: nothing left to edit
		http.Redirect(w, r, fmt.Sprintf("/sops/%d", id), http.StatusSeeOther)
		return nil
	}
	reload := func(status int, msg string) error {
		v := newEditorView(rq, sop, sop.Draft.Document, sop.Draft.Revision)
		v.Saved, v.Message = true, msg
		return s.showEditor(w, r, rq, status, v, in)
	}
	if in.op == "submit" {
		if in.problems.HasErrors() {
			return reload(http.StatusUnprocessableEntity, s.msgs.T(rq.lang, "editor.submit.unread"))
		}
		_, terr := s.applyTransition(r, rq, sop, esop.Transition{Action: esop.ActionSubmit})
		switch esop.ErrorCode(terr) {
		case "":
			http.Redirect(w, r, fmt.Sprintf("/sops/%d/review?done=submit", id), http.StatusSeeOther)
			return nil
		case esop.EINVALID, esop.EFORBIDDEN, esop.ECONFLICT:
			return reload(statusOf(terr), esop.ErrorMessage(terr, rq.lang))
		}
		return terr
	}
	if len(in.problems) > 0 {
		return reload(http.StatusOK, s.msgs.T(rq.lang, "editor.saved.unread"))
	}
	http.Redirect(w, r, fmt.Sprintf("/sops/%d/edit?saved=1", id), http.StatusSeeOther)
	return nil
}

// preview answers the editor's live preview (an htmx fragment): the
// flowchart, and every problem again beside its field and in the list.
func (s *Server) preview(w http.ResponseWriter, r *http.Request, rq *request) error {
	in, err := s.parseEditor(w, r)
	if err != nil {
		return err
	}
	v := newEditorView(rq, nil, in.doc, in.revision)
	v.Raw = in.raw
	v.setProblems(s.editorProblems(r.Context(), editedSOP(r), in.doc, in))
	v.Drawing = s.drawDocument(in.doc, "", rq.lang)
	s.renderFragment(w, r, rq, "editor", "preview-update", v)
	return nil
}

func (s *Server) startVersion(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.editable(r, rq)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(r.FormValue("note"))
	if note == "" {
		return esop.Errorf(esop.EINVALID, "Tuliskan alasan versi baru: mengapa SOP ini direvisi.", "Write the reason for the new version: why this SOP is revised.")
	}
	if n := utf8.RuneCountInString(note); n > 1000 {
		return esop.Errorf(esop.EINVALID, "Alasan versi baru terlalu panjang (%d karakter; paling banyak 1000).", "The reason for the new version is too long (%d characters; at most 1000).", n)
	}
	if _, err := s.store.StartVersion(r.Context(), sop.ID, note, rq.user.Username); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/sops/%d/edit", sop.ID), http.StatusSeeOther)
	return nil
}

// keepLegalForms keeps the object form of legal-basis entries whose text
// was not changed in the editor, so that saving does not rewrite them.
func keepLegalForms(d *esop.Document, draft *esop.Version) {
	if draft == nil {
		return
	}
	for i, r := range d.LegalBasis {
		for _, old := range draft.Document.LegalBasis {
			if old.Cite(draft.Document.Government) == r.Text {
				d.LegalBasis[i] = old
				break
			}
		}
	}
}

// keepTimeForms keeps the stored time of a step whose Waktu box was not
// changed, so that a time with both an amount and a printed text (or a
// text the box shows differently) is not rewritten by saving.
func keepTimeForms(in *editorInput, draft *esop.Version, lang string) {
	for i := range in.doc.Steps {
		st := &in.doc.Steps[i]
		j := draft.Document.StepIndex(st.ID)
		if j < 0 {
			continue
		}
		old := draft.Document.Steps[j].Time
		if old != nil && esop.TimeText(old, lang) == in.times[i] {
			st.Time = old
		}
	}
}

// maxEditorForm bounds the editor form: a document of esop.MaxDocumentBytes
// as form fields, whose encoding (%XX) triples non-ASCII text and which
// repeats each row's field names.
const maxEditorForm = 4 * esop.MaxDocumentBytes

var indexed = regexp.MustCompile(`^(actors|steps)\[(\d{1,4})\]\.(.+)$`)

// editorInput is the editor form as read: the document, the operation
// asked for, the revision the edit started from, and what was typed but
// could not be read (kept as typed in raw, with a problem for each).
type editorInput struct {
	doc      *esop.Document
	op       string
	revision int
	problems esop.Problems
	raw      map[string]string
	times    map[int]string // step index → the Waktu box as typed
	kode     string         // the classification code box as typed
	kodeOK   bool           // kode can be stored
}

// saves reports whether the operation stores the draft.
func (in *editorInput) saves() bool { return in.op == "save" || in.op == "submit" }

// parseEditor reads the editor form.
func (s *Server) parseEditor(w http.ResponseWriter, r *http.Request) (*editorInput, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxEditorForm)
	if err := r.ParseForm(); err != nil {
		return nil, formError(err, maxEditorForm)
	}
	f := r.PostForm
	in := &editorInput{op: f.Get("op"), revision: atoi(f.Get("revision")), raw: map[string]string{}, times: map[int]string{}}
	d := &esop.Document{
		Format: esop.FormatV1, Number: clean(f.Get("number")), Title: clean(f.Get("title")),
		Government: clean(f.Get("government")), Agency: clean(f.Get("agency")), Unit: clean(f.Get("unit")),
		Type: f.Get("type"), Category: f.Get("category"), Warning: strings.TrimSpace(f.Get("warning")),
		Qualifications: lines(f.Get("qualifications")), Related: lines(f.Get("related")),
		Equipment: lines(f.Get("equipment")), Records: lines(f.Get("records")),
	}
	in.doc = d
	in.readKode(f)
	d.Dates.Created = in.date(f, "dates.created")
	d.Dates.Revised = in.date(f, "dates.revised")
	for _, l := range lines(f.Get("legalBasis")) {
		d.LegalBasis = append(d.LegalBasis, esop.LegalRef{Text: l})
	}
	if p, a, b := f.Get("layout.paper"), in.count(f, "layout.firstPageSteps"), in.count(f, "layout.pageSteps"); p != "" || a != 0 || b != 0 {
		d.Layout = &esop.LayoutHint{Paper: p, FirstPageSteps: a, PageSteps: b}
	}
	actors, steps := map[int]url.Values{}, map[int]url.Values{}
	for key, vals := range f {
		m := indexed.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		i, _ := strconv.Atoi(m[2])
		target := actors
		if m[1] == "steps" {
			target = steps
		}
		if target[i] == nil {
			target[i] = url.Values{}
		}
		target[i][m[3]] = vals
	}
	for _, i := range sortedKeys(actors) {
		a := actors[i]
		d.Actors = append(d.Actors, esop.Actor{ID: clean(a.Get("id")), Name: clean(a.Get("name")),
			Position: clean(a.Get("position")), External: a.Get("external") == "1"})
	}
	for _, i := range sortedKeys(steps) {
		in.times[len(d.Steps)] = clean(steps[i].Get("time"))
		d.Steps = append(d.Steps, stepFrom(steps[i]))
	}
	return in, nil
}

// date reads a date box; what cannot be read is kept as typed, with an error.
func (in *editorInput) date(f url.Values, field string) esop.Date {
	typed := strings.TrimSpace(f.Get(field))
	d, err := esop.ParseDateText(typed)
	if err != nil {
		in.raw[field] = typed
		in.problems = append(in.problems, esop.Problem{Path: field, Severity: esop.SeverityError, Code: "unreadable_date",
			Message: esop.Text{ID: esop.ErrorMessage(err, "id") + ". Tanggal ini belum tersimpan.", EN: esop.ErrorMessage(err, "en") + ". This date is not saved yet."}})
	}
	return d
}

// count reads a whole-number box; what cannot be read is kept as typed, with an error.
func (in *editorInput) count(f url.Values, field string) int {
	typed := strings.TrimSpace(f.Get(field))
	if typed == "" {
		return 0
	}
	n, err := strconv.Atoi(typed)
	if err != nil || n < 1 || n > 999 {
		in.raw[field] = typed
		in.problems = append(in.problems, esop.Problem{Path: field, Severity: esop.SeverityError, Code: "unreadable_number",
			Message: esop.Text{ID: fmt.Sprintf("%q bukan bilangan bulat dari 1 sampai 999; isian ini belum tersimpan", typed),
				EN: fmt.Sprintf("%q is not a whole number from 1 to 999; it is not saved yet", typed)}})
		return 0
	}
	return n
}

func stepFrom(v url.Values) esop.Step {
	st := esop.Step{ID: clean(v.Get("id")), Activity: clean(v.Get("activity")), Actor: v.Get("actor"),
		Requirements: lines(v.Get("requirements")), Output: clean(v.Get("output")), Note: strings.TrimSpace(v.Get("note"))}
	// What cannot be read is kept as a text time; the editor warns of it.
	st.Time, _ = esop.ParseTimeText(v.Get("time"))
	// The effort is read as a time is; one in days is kept, and the
	// validator says why it is refused, beside the box.
	if e, _ := esop.ParseTimeText(v.Get("effort")); e != nil {
		if e.Unit != "" {
			e.Text = ""
		}
		st.Effort = e
	}
	switch v.Get("kind") {
	case "decision":
		st.Decision = &esop.Decision{Yes: v.Get("decision.yes"), No: v.Get("decision.no"),
			YesLabel: clean(v.Get("decision.yesLabel")), NoLabel: clean(v.Get("decision.noLabel"))}
	case "end":
		st.End = true
	default:
		st.Next = v.Get("next")
	}
	return st
}

func sortedKeys(m map[int]url.Values) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = clean(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// applyOp applies an editing operation of the activity table: add,
// insert, move or delete a row or an actor. References to a deleted row
// are left for the validator to point out.
func applyOp(d *esop.Document, op string) {
	name, arg, _ := strings.Cut(op, ":")
	i, _ := strconv.Atoi(arg)
	switch name {
	case "add-step":
		d.Steps = append(d.Steps, esop.Step{ID: freshID(d, "s"), Actor: lastActor(d)})
	case "insert-step":
		if i >= 0 && i <= len(d.Steps) {
			d.Steps = slices.Insert(d.Steps, i, esop.Step{ID: freshID(d, "s"), Actor: lastActor(d)})
		}
	case "delete-step":
		if i >= 0 && i < len(d.Steps) && len(d.Steps) > 1 {
			d.Steps = slices.Delete(d.Steps, i, i+1)
		}
	case "up-step":
		if i > 0 && i < len(d.Steps) {
			d.Steps[i-1], d.Steps[i] = d.Steps[i], d.Steps[i-1]
		}
	case "down-step":
		if i >= 0 && i+1 < len(d.Steps) {
			d.Steps[i], d.Steps[i+1] = d.Steps[i+1], d.Steps[i]
		}
	case "add-actor":
		d.Actors = append(d.Actors, esop.Actor{ID: freshID(d, "a")})
	case "delete-actor":
		if i >= 0 && i < len(d.Actors) && len(d.Actors) > 1 {
			d.Actors = slices.Delete(d.Actors, i, i+1)
		}
	}
}

func lastActor(d *esop.Document) string {
	if len(d.Steps) > 0 {
		return d.Steps[len(d.Steps)-1].Actor
	}
	if len(d.Actors) > 0 {
		return d.Actors[0].ID
	}
	return ""
}

// freshID returns prefix+N, the first not used by a step or actor.
func freshID(d *esop.Document, prefix string) string {
	used := map[string]bool{}
	for _, s := range d.Steps {
		used[s.ID] = true
	}
	for _, a := range d.Actors {
		used[a.ID] = true
	}
	for n := 1; ; n++ {
		if id := prefix + strconv.Itoa(n); !used[id] {
			return id
		}
	}
}

// editedPath is the editor's address, from which htmx sends a preview.
var editedPath = regexp.MustCompile(`^/sops/([0-9]+)/edit$`)

// editedSOP returns the id of the SOP whose editor sent a preview (htmx
// names the page in HX-Current-URL), 0 for a new SOP or none. It only
// chooses the service standard the warnings compare with.
func editedSOP(r *http.Request) int64 {
	u, err := url.Parse(r.Header.Get("HX-Current-URL"))
	if err != nil {
		return 0
	}
	m := editedPath.FindStringSubmatch(u.Path)
	if m == nil {
		return 0
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// validateOptions returns the validator's options for a document of the
// SOP with sopID (0 for a new one): today, the print check and, when the
// SOP has a registered service standard, its jangka waktu, so that a
// service SOP slower than its standard is warned of.
func (s *Server) validateOptions(ctx context.Context, sopID int64) esop.ValidateOptions {
	opt := esop.ValidateOptions{Today: s.today(), Print: s.printCheck}
	if sopID <= 0 {
		return opt
	}
	std, err := s.store.FindServiceStandardBySOP(ctx, sopID)
	switch {
	case err == nil:
		opt.ServiceStandard = std.Components.Duration.Duration()
	case esop.ErrorCode(err) != esop.ENOTFOUND:
		s.log.Warn("service standard unreadable; validating without it", "sop", sopID, "err", err)
	}
	return opt
}
