package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// The editor form names its fields by their JSON path in the document
// (title, steps[3].decision.no), so that every problem the validator
// reports is shown next to the field it names.

// editorView is the view model of the SOP editor.
type editorView struct {
	SOPID     int64 // 0 for a new SOP
	Revision  int
	Doc       *esop.Document
	Problems  map[string][]string // path → messages
	Errors    int
	Warnings  int
	Units     []string
	Positions []string
	Preview   template.HTML
	Saved     bool
	Action    string
}

// At returns the messages for a field.
func (v *editorView) At(path string) []string { return v.Problems[path] }

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

// Lines joins a list for a one-item-per-line textarea.
func (v *editorView) Lines(list []string) string { return strings.Join(list, "\n") }

// LegalLines returns the legal basis one per line.
func (v *editorView) LegalLines() string {
	var out []string
	for _, r := range v.Doc.LegalBasis {
		out = append(out, r.String())
	}
	return strings.Join(out, "\n")
}

// TimeValue returns the time value of step i as typed ("0,5"), or "".
func (v *editorView) TimeValue(i int) string {
	t := v.Doc.Steps[i].Time
	if t == nil || t.Value == 0 {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(t.Value, 'f', -1, 64), ".", ",", 1)
}

// Field returns a step field name: steps[3].activity.
func (v *editorView) Field(i int, name string) string { return fmt.Sprintf("steps[%d].%s", i, name) }

// ActorField returns an actor field name: actors[1].name.
func (v *editorView) ActorField(i int, name string) string {
	return fmt.Sprintf("actors[%d].%s", i, name)
}

// newDocument is the starting point of a new SOP.
func (s *Server) newDocument(unit string) *esop.Document {
	d := &esop.Document{Format: esop.FormatV1, Unit: unit, Type: esop.TypeAdministratif,
		Actors: []esop.Actor{{ID: "a1", Name: "Pemohon"}, {ID: "a2", Name: ""}},
		Steps:  []esop.Step{{ID: "s1", Actor: "a1"}}}
	return d
}

// editableUnits returns the names of the units u may write SOPs for, valid today.
func (s *Server) editableUnits(r *http.Request, u *esop.User) ([]string, error) {
	units, err := s.store.FindUnits(r.Context(), esop.UnitFilter{On: s.today()})
	if err != nil {
		return nil, err
	}
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
	units, err := s.store.FindUnits(r.Context(), esop.UnitFilter{})
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

// showEditor renders the editor for doc with its problems.
func (s *Server) showEditor(w http.ResponseWriter, r *http.Request, rq *request, status int, v *editorView) error {
	var err error
	if v.Units, err = s.editableUnits(r, rq.user); err != nil {
		return err
	}
	if v.Positions, err = s.positionNames(r); err != nil {
		return err
	}
	if v.Problems == nil {
		v.setProblems(esop.Validate(v.Doc, esop.ValidateOptions{Today: s.today()}), rq.lang)
	}
	v.Preview = s.previewHTML(v.Doc, rq)
	s.renderPage(w, r, rq, status, "editor", v)
	return nil
}

func (v *editorView) setProblems(ps esop.Problems, lang string) {
	v.Problems = map[string][]string{}
	for _, p := range ps {
		msg := p.Message.In(lang)
		if p.Severity == esop.SeverityWarning {
			msg = map[string]string{"id": "Peringatan: ", "en": "Warning: "}[lang] + msg
			v.Warnings++
		} else {
			v.Errors++
		}
		v.Problems[p.Path] = append(v.Problems[p.Path], msg)
	}
}

// previewHTML lays out doc and returns its flowchart, or the list of
// what must be fixed before it can be drawn.
func (s *Server) previewHTML(d *esop.Document, rq *request) template.HTML {
	ps := esop.Validate(d, esop.ValidateOptions{})
	var b bytes.Buffer
	if ps.HasErrors() {
		b.WriteString(`<div class="preview-blocked" role="status"><p>` + template.HTMLEscapeString(s.msgs.T(rq.lang, "editor.preview.blocked")) + `</p><ul>`)
		for _, p := range ps.Errors() {
			b.WriteString("<li>" + template.HTMLEscapeString(p.Format(rq.lang)) + "</li>")
		}
		b.WriteString("</ul></div>")
		return template.HTML(b.String())
	}
	c, err := s.laidOut(d, "", "")
	if err != nil {
		s.log.Error("preview layout", "err", err)
		return template.HTML("<p>" + template.HTMLEscapeString(s.msgs.T(rq.lang, "editor.preview.failed")) + "</p>")
	}
	return template.HTML(c.svg)
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
	d.Government, d.Agency, err = s.agencyOf(r, unit)
	if err != nil {
		return err
	}
	return s.showEditor(w, r, rq, http.StatusOK, &editorView{Doc: d, Action: "/sops/new", Problems: map[string][]string{}})
}

func (s *Server) createSOP(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, op, _, err := s.parseEditor(w, r)
	if err != nil {
		return err
	}
	v := &editorView{Doc: d, Action: "/sops/new"}
	if op != "save" {
		applyOp(d, op)
		return s.showEditor(w, r, rq, http.StatusOK, v)
	}
	if ok, err := s.mayEdit(r.Context(), rq.user, d.Unit); err != nil || !ok {
		return firstErr(err, errForbidden)
	}
	if d.Government == "" || d.Agency == "" {
		d.Government, d.Agency, _ = s.agencyOf(r, d.Unit)
	}
	res, err := s.store.ImportDocuments(r.Context(), []*esop.Document{d}, rq.user.Username)
	if code := esop.ErrorCode(err); code == esop.EINVALID || code == esop.ECONFLICT {
		return s.showEditor(w, r, rq, statusOf(err), v.withError(err, rq.lang))
	}
	if err != nil {
		return err
	}
	if err := s.reindex(r.Context(), res[0].SOP.ID); err != nil {
		return err
	}
	s.log.Info("sop created", "id", res[0].SOP.ID, "by", rq.user.Username)
	http.Redirect(w, r, fmt.Sprintf("/sops/%d/edit?saved=1", res[0].SOP.ID), http.StatusSeeOther)
	return nil
}

// withError records a store error on the view: the validator's problems
// next to their fields, anything else at the top.
func (v *editorView) withError(err error, lang string) *editorView {
	var e *esop.Error
	if errors.As(err, &e) && len(e.Problems) > 0 {
		v.setProblems(e.Problems, lang)
		return v
	}
	v.Problems = map[string][]string{"": {esop.ErrorMessage(err, lang)}}
	v.Errors = 1
	return v
}

// editable loads SOP {id} and its draft, checking that rq may edit it.
func (s *Server) editable(r *http.Request, rq *request) (*esop.SOP, error) {
	return s.sopFor(r, rq, s.mayEdit)
}

// sopFor loads SOP {id} for a user whom may allows to act on its unit,
// and refuses anyone else as refuse says (a draft is not revealed).
func (s *Server) sopFor(r *http.Request, rq *request, may func(context.Context, *esop.User, string) (bool, error)) (*esop.SOP, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	ok, err := may(r.Context(), rq.user, sop.Unit)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.refuse(r.Context(), rq.user, sop)
	}
	return sop, nil
}

func (s *Server) editForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.editable(r, rq)
	if err != nil {
		return err
	}
	if sop.Draft == nil {
		return esop.Errorf(esop.ECONFLICT, "SOP ini tidak mempunyai draf. Mulailah versi baru dari halaman SOP.",
			"This SOP has no draft. Start a new version from the SOP's page.")
	}
	if !sop.Draft.IsEditable() {
		// Under review: the review screen shows it and its comments.
		http.Redirect(w, r, fmt.Sprintf("/sops/%d/review", sop.ID), http.StatusSeeOther)
		return nil
	}
	v := &editorView{SOPID: sop.ID, Revision: sop.Draft.Revision, Doc: sop.Draft.Document, Saved: r.URL.Query().Get("saved") == "1",
		Action: fmt.Sprintf("/sops/%d/edit", sop.ID)}
	return s.showEditor(w, r, rq, http.StatusOK, v)
}

func (s *Server) saveDraft(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.editable(r, rq)
	if err != nil {
		return err
	}
	d, op, revision, err := s.parseEditor(w, r)
	if err != nil {
		return err
	}
	v := &editorView{SOPID: sop.ID, Revision: revision, Doc: d, Action: fmt.Sprintf("/sops/%d/edit", sop.ID)}
	if op != "save" {
		applyOp(d, op)
		return s.showEditor(w, r, rq, http.StatusOK, v)
	}
	keepLegalForms(d, sop.Draft)
	if d.Unit != sop.Unit {
		if ok, err := s.mayEdit(r.Context(), rq.user, d.Unit); err != nil || !ok {
			return firstErr(err, errForbidden)
		}
	}
	_, err = s.store.UpdateDraft(r.Context(), sop.ID, d, revision, rq.user.Username)
	if code := esop.ErrorCode(err); code == esop.EINVALID || code == esop.ECONFLICT {
		return s.showEditor(w, r, rq, statusOf(err), v.withError(err, rq.lang))
	}
	if err != nil {
		return err
	}
	if err := s.reindex(r.Context(), sop.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/sops/%d/edit?saved=1", sop.ID), http.StatusSeeOther)
	return nil
}

// preview answers the editor's live preview (an htmx fragment).
func (s *Server) preview(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, _, _, err := s.parseEditor(w, r)
	if err != nil {
		return err
	}
	v := &editorView{Doc: d}
	v.setProblems(esop.Validate(d, esop.ValidateOptions{Today: s.today()}), rq.lang)
	v.Preview = s.previewHTML(d, rq)
	s.renderFragment(w, r, rq, "editor", "preview", v)
	return nil
}

func (s *Server) startVersion(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.editable(r, rq)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(r.FormValue("note"))
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
			if old.String() == r.Text {
				d.LegalBasis[i] = old
				break
			}
		}
	}
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// maxEditorForm bounds the editor form: a 300-step SOP fits easily.
const maxEditorForm = 2 << 20

var indexed = regexp.MustCompile(`^(actors|steps)\[(\d{1,4})\]\.(.+)$`)

// parseEditor reads the editor form into a document, the requested
// operation and the revision the edit started from.
func (s *Server) parseEditor(w http.ResponseWriter, r *http.Request) (*esop.Document, string, int, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxEditorForm)
	if err := r.ParseForm(); err != nil {
		return nil, "", 0, esop.Errorf(esop.EINVALID, "Formulir terlalu besar atau tidak sah.", "The form is too large or not valid.")
	}
	f := r.PostForm
	d := &esop.Document{
		Format: esop.FormatV1, Number: clean(f.Get("number")), Title: clean(f.Get("title")),
		Government: clean(f.Get("government")), Agency: clean(f.Get("agency")), Unit: clean(f.Get("unit")),
		Type: f.Get("type"), Category: f.Get("category"), Warning: strings.TrimSpace(f.Get("warning")),
		Qualifications: lines(f.Get("qualifications")), Related: lines(f.Get("related")),
		Equipment: lines(f.Get("equipment")), Records: lines(f.Get("records")),
	}
	d.Dates.Created, _ = esop.ParseDate(f.Get("dates.created"))
	d.Dates.Revised, _ = esop.ParseDate(f.Get("dates.revised"))
	for _, l := range lines(f.Get("legalBasis")) {
		d.LegalBasis = append(d.LegalBasis, esop.LegalRef{Text: l})
	}
	if p, a, b := f.Get("layout.paper"), atoi(f.Get("layout.firstPageSteps")), atoi(f.Get("layout.pageSteps")); p != "" || a != 0 || b != 0 {
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
		d.Actors = append(d.Actors, esop.Actor{ID: clean(a.Get("id")), Name: clean(a.Get("name"))})
	}
	for _, i := range sortedKeys(steps) {
		d.Steps = append(d.Steps, stepFrom(steps[i]))
	}
	return d, f.Get("op"), atoi(f.Get("revision")), nil
}

func stepFrom(v url.Values) esop.Step {
	st := esop.Step{ID: clean(v.Get("id")), Activity: clean(v.Get("activity")), Actor: v.Get("actor"),
		Requirements: lines(v.Get("requirements")), Output: clean(v.Get("output")), Note: strings.TrimSpace(v.Get("note"))}
	value, _ := strconv.ParseFloat(strings.Replace(strings.TrimSpace(v.Get("time.value")), ",", ".", 1), 64)
	if text := clean(v.Get("time.text")); value != 0 || text != "" {
		st.Time = &esop.Duration{Value: value, Text: text}
		if value != 0 {
			st.Time.Unit = v.Get("time.unit")
		}
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
