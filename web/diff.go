package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

var errNoVersion = esop.Errorf(esop.ENOTFOUND, "Versi tidak ditemukan pada SOP ini.", "This SOP has no such version.")

// diffView is the view model of the comparison of two versions.
type diffView struct {
	SOP      *esop.SOP
	Versions []*esop.Version // every version, for choosing another pair
	From, To *esop.Version
	Sides    []diffSide // From and To, for the table of the two
	Only     bool       // the SOP has a single version
	Same     bool       // From and To are the same version
	Diff     *esop.DocDiff
	Fields   []diffFieldRow
	Actors   []diffActorRow
	Steps    []diffStepRow
	// The flowcharts, the changed rows marked.
	FromChart, ToChart template.HTML
	Legend             []diffLegend
}

type diffSide struct {
	Role string // "from" or "to"
	V    *esop.Version
}

type diffFieldRow struct{ Label, Old, New string }

type diffActorRow struct {
	Change, Label string // the kind of change and its text ("diubah")
	Old, New      string
	Column        string // "2 → 3" when the column moved
}

type diffStepRow struct {
	Change, Label string
	ID            string
	Row           string // "3", or "3 → 5" when the row's number changed
	Activity      string // the step's activity, in the newer version when it has the step
	Moved         bool
	Cells         []diffFieldRow
}

type diffLegend struct{ Change, Label string }

// diffPage compares two versions of an SOP: GET /sops/{id}/diff?from=&to=
// with version ids; by default the version before the latest, and the
// latest. Who may read the version history may compare its versions.
func (s *Server) diffPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	sop, err := s.store.FindSOPByID(ctx, id)
	if err != nil {
		return err
	}
	ok, err := s.mayReadDraft(ctx, rq.user, sop.Unit)
	if err != nil {
		return err
	}
	if !ok {
		return s.refuse(ctx, rq.user, sop)
	}
	versions, err := s.store.FindVersions(ctx, id)
	if err != nil {
		return err
	}
	from, to, err := pickVersions(versions, r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	lang := rq.lang
	a, b := from.Document, to.Document
	d := esop.Diff(a, b)
	v := &diffView{SOP: sop, Versions: versions, From: from, To: to, Only: len(versions) == 1, Same: from.ID == to.ID, Diff: d,
		Sides: []diffSide{{"from", from}, {"to", to}}}
	for _, f := range d.Fields {
		v.Fields = append(v.Fields, diffFieldRow{s.fieldLabel(lang, f.Path), s.fieldValue(lang, f.Path, f.Old), s.fieldValue(lang, f.Path, f.New)})
	}
	for _, c := range d.Actors {
		row := diffActorRow{Change: c.Kind, Label: s.changeLabel(lang, c.Kind), Old: c.Old, New: c.New}
		if c.Kind == esop.ChangeMoved {
			row.Old, row.New = c.Old, ""
		}
		if c.Moved {
			row.Column = strconv.Itoa(c.OldIndex+1) + " → " + strconv.Itoa(c.NewIndex+1)
		}
		v.Actors = append(v.Actors, row)
	}
	for _, c := range d.Steps {
		row := diffStepRow{Change: c.Kind, Label: s.changeLabel(lang, c.Kind), ID: c.ID, Moved: c.Moved}
		switch {
		case c.New == nil:
			row.Row, row.Activity = strconv.Itoa(c.OldIndex+1), c.Old.Activity
		case c.Old == nil:
			row.Row, row.Activity = strconv.Itoa(c.NewIndex+1), c.New.Activity
		default:
			row.Row, row.Activity = strconv.Itoa(c.NewIndex+1), c.New.Activity
			if c.OldIndex != c.NewIndex {
				row.Row = strconv.Itoa(c.OldIndex+1) + " → " + strconv.Itoa(c.NewIndex+1)
			}
		}
		for _, cell := range c.Cells {
			row.Cells = append(row.Cells, s.cellRow(lang, a, b, c, cell))
		}
		v.Steps = append(v.Steps, row)
	}
	oldMarks, newMarks := d.StepMarks()
	if v.FromChart, err = s.markedChart(lang, from, oldMarks); err != nil {
		return err
	}
	if v.ToChart, err = s.markedChart(lang, to, newMarks); err != nil {
		return err
	}
	for _, k := range []string{esop.ChangeAdded, esop.ChangeChanged, esop.ChangeRemoved, esop.ChangeMoved} {
		v.Legend = append(v.Legend, diffLegend{k, s.changeLabel(lang, k)})
	}
	s.zoneFor(r, rq, v.SOP.Unit)
	s.renderPage(w, r, rq, http.StatusOK, "diff", v)
	return nil
}

// pickVersions finds the versions named by the from and to parameters
// among the SOP's versions (oldest first). Without to, the latest; without
// from, the one before to (to itself when it is the first).
func pickVersions(versions []*esop.Version, fromQ, toQ string) (from, to *esop.Version, err error) {
	find := func(q string) (int, error) {
		id, err := strconv.ParseInt(q, 10, 64)
		if err != nil || id <= 0 {
			return 0, errNoVersion
		}
		for i, v := range versions {
			if v.ID == id {
				return i, nil
			}
		}
		return 0, errNoVersion
	}
	j := len(versions) - 1
	if toQ != "" {
		if j, err = find(toQ); err != nil {
			return nil, nil, err
		}
	}
	i := max(j-1, 0)
	if fromQ != "" {
		if i, err = find(fromQ); err != nil {
			return nil, nil, err
		}
	}
	return versions[i], versions[j], nil
}

// markedChart draws every flowchart page of a version stacked, the rows
// of marks highlighted.
func (s *Server) markedChart(lang string, v *esop.Version, marks map[string]string) (template.HTML, error) {
	doc, hash := v.Document, v.ContentHash
	if k, sketched := sketchIfInvalid(doc); sketched {
		if k == nil {
			return "", nil
		}
		doc, hash = k, ""
	}
	c, err := s.laidOut(doc, hash, "")
	if err != nil {
		return "", err
	}
	if len(marks) == 0 {
		return template.HTML(c.svg), nil
	}
	m := make(map[string]render.Mark, len(marks))
	for id, kind := range marks {
		m[id] = render.Mark{Change: kind, Label: s.changeLabel(lang, kind)}
	}
	var b bytes.Buffer
	if err := c.pages.SVGMarked(&b, 0, m); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// changeLabel names a kind of change in words, so that colour is never
// the only sign of it.
func (s *Server) changeLabel(lang, kind string) string {
	switch kind {
	case esop.ChangeAdded:
		return s.msgs.T(lang, "diff.added")
	case esop.ChangeRemoved:
		return s.msgs.T(lang, "diff.removed")
	case esop.ChangeRenamed:
		return s.msgs.T(lang, "diff.renamed")
	case esop.ChangeMoved:
		return s.msgs.T(lang, "diff.moved")
	}
	return s.msgs.T(lang, "diff.changed")
}

// fieldLabel names a field of the identity section by its JSON path;
// list items get their number ("Dasar hukum, butir 2").
func (s *Server) fieldLabel(lang, path string) string {
	name, index, isItem := strings.Cut(strings.TrimSuffix(path, "]"), "[")
	var label string
	switch name {
	case "format":
		label = s.msgs.T(lang, "diff.format")
	case "number":
		label = s.msgs.T(lang, "sop.number")
	case "title":
		label = s.msgs.T(lang, "sop.title")
	case "government":
		label = s.msgs.T(lang, "sop.government")
	case "agency":
		label = s.msgs.T(lang, "sop.agencyonly")
	case "unit":
		label = s.msgs.T(lang, "sop.unit")
	case "type":
		label = s.msgs.T(lang, "sop.type")
	case "category":
		label = s.msgs.T(lang, "sop.category")
	case "dates.created":
		label = s.msgs.T(lang, "sop.created")
	case "dates.revised":
		label = s.msgs.T(lang, "sop.revised")
	case "dates.effective":
		label = s.msgs.T(lang, "sop.effective")
	case "approval.position":
		label = s.msgs.T(lang, "diff.approval.position")
	case "approval.name":
		label = s.msgs.T(lang, "diff.approval.name")
	case "approval.rank":
		label = s.msgs.T(lang, "diff.approval.rank")
	case "approval.nip":
		label = s.msgs.T(lang, "diff.approval.nip")
	case "approval.capacity":
		label = s.msgs.T(lang, "diff.approval.capacity")
	case "legalBasis":
		label = s.msgs.T(lang, "sop.legalbasis")
	case "qualifications":
		label = s.msgs.T(lang, "sop.qualifications")
	case "related":
		label = s.msgs.T(lang, "sop.related")
	case "equipment":
		label = s.msgs.T(lang, "sop.equipment")
	case "warning":
		label = s.msgs.T(lang, "sop.warning")
	case "records":
		label = s.msgs.T(lang, "sop.records")
	case "layout.paper":
		label = s.msgs.T(lang, "diff.layout.paper")
	case "layout.firstPageSteps":
		label = s.msgs.T(lang, "diff.layout.firstpagesteps")
	case "layout.pageSteps":
		label = s.msgs.T(lang, "diff.layout.pagesteps")
	default:
		label = path
	}
	if isItem {
		n, _ := strconv.Atoi(index)
		return s.msgs.T(lang, "diff.item", label, n+1)
	}
	return label
}

// fieldValue prints the value of an identity field: dates in the page's language.
func (s *Server) fieldValue(lang, path, value string) string {
	if strings.HasPrefix(path, "dates.") && value != "" {
		if d, err := esop.ParseDate(value); err == nil {
			return formatDate(lang, d)
		}
	}
	return value
}

// cellRow prints one changed cell of a step: the flow with row numbers
// and the time in the page's language.
func (s *Server) cellRow(lang string, a, b *esop.Document, c esop.StepChange, cell esop.CellChange) diffFieldRow {
	row := diffFieldRow{Old: cell.Old, New: cell.New}
	switch cell.Cell {
	case esop.CellActivity:
		row.Label = s.msgs.T(lang, "sop.activity")
	case esop.CellActor:
		row.Label = s.msgs.T(lang, "sop.actor")
	case esop.CellRequirements:
		row.Label = s.msgs.T(lang, "sop.requirements")
	case esop.CellTime:
		row.Label = s.msgs.T(lang, "sop.time")
		row.Old, row.New = c.Old.Time.In(lang), c.New.Time.In(lang)
	case esop.CellEffort:
		row.Label = s.msgs.T(lang, "sop.effort")
		row.Old, row.New = c.Old.Effort.In(lang), c.New.Effort.In(lang)
	case esop.CellOutput:
		row.Label = s.msgs.T(lang, "sop.output")
	case esop.CellNote:
		row.Label = s.msgs.T(lang, "sop.note")
	case esop.CellFlow:
		row.Label = s.msgs.T(lang, "diff.flow")
		row.Old, row.New = s.flowText(lang, a, c.OldIndex), s.flowText(lang, b, c.NewIndex)
	default:
		row.Label = cell.Cell
	}
	return row
}

// flowText says where the flow goes after step i of d, naming the steps
// by their row numbers in d.
func (s *Server) flowText(lang string, d *esop.Document, i int) string {
	st := &d.Steps[i]
	ref := func(id string) string {
		if j := d.StepIndex(id); j >= 0 {
			return s.msgs.T(lang, "diff.flow.row", j+1)
		}
		return id
	}
	switch {
	case st.Decision != nil:
		yes, no := st.Decision.Labels()
		return yes + " → " + ref(st.Decision.Yes) + "; " + no + " → " + ref(st.Decision.No)
	case d.IsEnd(i):
		return s.msgs.T(lang, "diff.flow.end")
	case st.Next != "":
		return "→ " + ref(st.Next)
	}
	return "→ " + s.msgs.T(lang, "diff.flow.following", i+2)
}
