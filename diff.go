package esop

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kinds of change in a DocDiff.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed" // a step in both versions with a cell that differs
	ChangeRenamed = "renamed" // an actor in both versions whose name differs
	ChangeMoved   = "moved"   // in both versions, otherwise the same, in another place
)

// The cells of a step compared by Diff, in the order of the table. Flow is
// where the flow goes after the step: next, decision or end.
const (
	CellActivity     = "activity"
	CellActor        = "actor"
	CellRequirements = "requirements"
	CellTime         = "time"
	CellEffort       = "effort" // the norma waktu (effort.go)
	CellOutput       = "output"
	CellNote         = "note"
	CellFlow         = "flow"
)

// StepCells lists the cells of a step in the order Diff reports them.
var StepCells = []string{CellActivity, CellActor, CellRequirements, CellTime, CellEffort, CellOutput, CellNote, CellFlow}

// DocDiff is what changed from one version of an SOP document to another.
type DocDiff struct {
	Fields []FieldChange  // the identity section, in the order of the format
	Actors []ActorChange  // pelaksana added, removed, renamed or moved, in column order
	Steps  []StepChange   // rows added, removed, changed or moved, in table order
	Counts map[string]int // rows by kind of change (ChangeAdded, ChangeRemoved, ChangeChanged, ChangeMoved)
}

// IsEmpty reports whether the two documents are the same.
func (d *DocDiff) IsEmpty() bool {
	return len(d.Fields) == 0 && len(d.Actors) == 0 && len(d.Steps) == 0
}

// StepMarks returns the kind of change of every step that changed, by
// step id, for marking rows: added and changed rows under the new version,
// removed and changed rows under the old one, moved rows under both.
func (d *DocDiff) StepMarks() (old, new map[string]string) {
	old, new = map[string]string{}, map[string]string{}
	for _, s := range d.Steps {
		if s.Old != nil && s.Kind != ChangeAdded {
			old[s.ID] = s.Kind
		}
		if s.New != nil && s.Kind != ChangeRemoved {
			new[s.ID] = s.Kind
		}
	}
	return old, new
}

// FieldChange is one changed field of the identity section. A list (legal
// basis, qualifications, related SOPs, equipment, records) is compared
// item by item: an item only in the old version has New "", one only in
// the new version Old "", and the index in Path is the item's place in
// the new version (in the old one for a removed item).
type FieldChange struct {
	Path     string // JSON path: "title", "dates.revised", "approval.name", "legalBasis[2]"
	Old, New string // as printed (dates as YYYY-MM-DD); "" when absent
}

// ActorChange is one pelaksana that was added, removed, renamed or moved.
// Actors are matched by id.
type ActorChange struct {
	Kind               string // ChangeAdded, ChangeRemoved, ChangeRenamed or ChangeMoved
	ID                 string
	Old, New           string // the names; "" where absent
	OldIndex, NewIndex int    // 0-based column among the actors; -1 where absent
	Moved              bool   // in both, and its place among the columns of both changed
}

// StepChange is one row that was added, removed, changed or moved. Steps
// are matched by id. A row counts as moved when its order among the rows
// of both versions changed, not when only its number changed because rows
// were added or removed before it.
type StepChange struct {
	Kind               string // ChangeAdded, ChangeRemoved, ChangeChanged or ChangeMoved
	ID                 string
	OldIndex, NewIndex int          // 0-based row; -1 where absent
	Moved              bool         // in both, and in another place among the rows of both
	Cells              []CellChange // the cells that differ, in the order of StepCells
	Old, New           *Step        // the step in each version; nil where absent
}

// CellChange is one cell of a step with its old and new value as printed:
// the actor by name, requirements joined with "; ", the time in Indonesian,
// the flow as "→ s5", "Ya → s5; Tidak → s2", "end", or "" when the flow
// goes on to the next row.
type CellChange struct {
	Cell     string
	Old, New string
}

// Diff compares two versions of an SOP document: a the older, b the newer.
// It only reads them.
func Diff(a, b *Document) *DocDiff {
	d := &DocDiff{Counts: map[string]int{}}
	d.Fields = diffIdentity(a, b)
	d.Actors = diffActors(a, b)
	d.Steps = diffSteps(a, b)
	for _, s := range d.Steps {
		d.Counts[s.Kind]++
	}
	return d
}

// diffIdentity compares the identity section, field by field.
func diffIdentity(a, b *Document) []FieldChange {
	var out []FieldChange
	field := func(path, x, y string) {
		if x != y {
			out = append(out, FieldChange{path, x, y})
		}
	}
	field("format", a.Format, b.Format)
	field("number", a.Number, b.Number)
	field("title", a.Title, b.Title)
	field("government", a.Government, b.Government)
	field("agency", a.Agency, b.Agency)
	field("unit", a.Unit, b.Unit)
	field("type", a.Type, b.Type)
	field("category", a.Category, b.Category)
	field("dates.created", dateText(a.Dates.Created), dateText(b.Dates.Created))
	field("dates.revised", dateText(a.Dates.Revised), dateText(b.Dates.Revised))
	field("dates.effective", dateText(a.Dates.Effective), dateText(b.Dates.Effective))
	var x, y Approval
	if a.Approval != nil {
		x = *a.Approval
	}
	if b.Approval != nil {
		y = *b.Approval
	}
	field("approval.position", x.Position, y.Position)
	field("approval.name", x.Name, y.Name)
	field("approval.rank", x.Rank, y.Rank)
	field("approval.nip", x.NIP, y.NIP)
	field("approval.capacity", x.Capacity, y.Capacity)
	if !slices.Equal(a.LegalBasis, b.LegalBasis) {
		out = diffList(out, "legalBasis", legalTexts(a.LegalBasis), legalTexts(b.LegalBasis))
	}
	out = diffList(out, "qualifications", a.Qualifications, b.Qualifications)
	out = diffList(out, "related", a.Related, b.Related)
	out = diffList(out, "equipment", a.Equipment, b.Equipment)
	field("warning", a.Warning, b.Warning)
	out = diffList(out, "records", a.Records, b.Records)
	var la, lb LayoutHint
	if a.Layout != nil {
		la = *a.Layout
	}
	if b.Layout != nil {
		lb = *b.Layout
	}
	field("layout.paper", la.Paper, lb.Paper)
	field("layout.firstPageSteps", countText(la.FirstPageSteps), countText(lb.FirstPageSteps))
	field("layout.pageSteps", countText(la.PageSteps), countText(lb.PageSteps))
	return out
}

func dateText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func countText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func legalTexts(refs []LegalRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.String()
	}
	return out
}

// diffList appends the item-wise changes from list a to list b: the items
// are aligned on their longest common subsequence, and within each gap
// between aligned items the removed and added items are paired in order
// as changed items; the rest are removed or added.
func diffList(out []FieldChange, path string, a, b []string) []FieldChange {
	if slices.Equal(a, b) {
		return out
	}
	item := func(i int) string { return path + "[" + strconv.Itoa(i) + "]" }
	pairs := lcs(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
	i, j := 0, 0
	for _, p := range append(pairs, [2]int{len(a), len(b)}) {
		// a[i:p[0]] were removed and b[j:p[1]] added.
		for ; i < p[0] && j < p[1]; i, j = i+1, j+1 {
			out = append(out, FieldChange{item(j), a[i], b[j]})
		}
		for ; i < p[0]; i++ {
			out = append(out, FieldChange{item(i), a[i], ""})
		}
		for ; j < p[1]; j++ {
			out = append(out, FieldChange{item(j), "", b[j]})
		}
		i, j = p[0]+1, p[1]+1
	}
	return out
}

// lcs returns the index pairs (i, j) of a longest common subsequence of
// two sequences of lengths n and m, where eq(i, j) tells whether item i of
// the first equals item j of the second, in increasing order. Lists of the
// identity section are short; the table is n×m.
func lcs(n, m int, eq func(i, j int) bool) [][2]int {
	// Common prefix and suffix first: most edits touch a few items.
	var head [][2]int
	for len(head) < n && len(head) < m && eq(len(head), len(head)) {
		head = append(head, [2]int{len(head), len(head)})
	}
	lo := len(head)
	hiA, hiB := n, m
	for hiA > lo && hiB > lo && eq(hiA-1, hiB-1) {
		hiA, hiB = hiA-1, hiB-1
	}
	// L[i][j] is the length of an LCS of a[lo+i:hiA] and b[lo+j:hiB].
	w, h := hiB-lo, hiA-lo
	L := make([]int, (h+1)*(w+1))
	at := func(i, j int) *int { return &L[i*(w+1)+j] }
	for i := h - 1; i >= 0; i-- {
		for j := w - 1; j >= 0; j-- {
			switch {
			case eq(lo+i, lo+j):
				*at(i, j) = *at(i+1, j+1) + 1
			default:
				*at(i, j) = max(*at(i+1, j), *at(i, j+1))
			}
		}
	}
	out := head
	for i, j := 0, 0; i < h && j < w; {
		switch {
		case eq(lo+i, lo+j):
			out = append(out, [2]int{lo + i, lo + j})
			i, j = i+1, j+1
		case *at(i+1, j) >= *at(i, j+1):
			i++
		default:
			j++
		}
	}
	for k := 0; hiA+k < n; k++ {
		out = append(out, [2]int{hiA + k, hiB + k})
	}
	return out
}

// stayed returns, for a list of old positions in new order, which entries
// keep their place: those of a longest increasing subsequence. The others
// moved relative to the rest.
func stayed(pos []int) []bool {
	keep := make([]bool, len(pos))
	// tails[k] is the index in pos of the smallest tail of an increasing
	// subsequence of length k+1; prev links each entry to its predecessor.
	tails := make([]int, 0, len(pos))
	prev := make([]int, len(pos))
	for i, p := range pos {
		k, _ := slices.BinarySearchFunc(tails, p, func(t, p int) int { return cmp.Compare(pos[t], p) })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	return keep
}

// diffActors matches the actors by id.
func diffActors(a, b *Document) []ActorChange {
	inA := make(map[string]int, len(a.Actors))
	for i, x := range a.Actors {
		inA[x.ID] = i
	}
	inB := make(map[string]int, len(b.Actors))
	for j, y := range b.Actors {
		inB[y.ID] = j
	}
	var common []int // b indexes of actors in both, in b order
	var pos []int    // their a indexes
	for j, y := range b.Actors {
		if i, ok := inA[y.ID]; ok {
			common = append(common, j)
			pos = append(pos, i)
		}
	}
	moved := map[int]bool{}
	for k, keep := range stayed(pos) {
		if !keep {
			moved[common[k]] = true
		}
	}
	var out []ActorChange
	for j, y := range b.Actors {
		i, ok := inA[y.ID]
		switch {
		case !ok:
			out = append(out, ActorChange{Kind: ChangeAdded, ID: y.ID, New: y.Name, OldIndex: -1, NewIndex: j})
		case a.Actors[i].Name != y.Name:
			out = append(out, ActorChange{Kind: ChangeRenamed, ID: y.ID, Old: a.Actors[i].Name, New: y.Name, OldIndex: i, NewIndex: j, Moved: moved[j]})
		case moved[j]:
			out = append(out, ActorChange{Kind: ChangeMoved, ID: y.ID, Old: y.Name, New: y.Name, OldIndex: i, NewIndex: j, Moved: true})
		}
	}
	return placeRemoved(out, len(a.Actors), func(i int) bool { _, ok := inB[a.Actors[i].ID]; return ok },
		func(i int) int { return inB[a.Actors[i].ID] },
		func(i int) ActorChange {
			return ActorChange{Kind: ChangeRemoved, ID: a.Actors[i].ID, Old: a.Actors[i].Name, OldIndex: i, NewIndex: -1}
		},
		func(c ActorChange) int { return c.NewIndex })
}

// placeRemoved merges the entries for the old items that are gone into
// out (ordered by new index): each goes right after the nearest item
// before it in the old order that is still there, or first.
func placeRemoved[T any](out []T, n int, kept func(i int) bool, newIndex func(i int) int, removed func(i int) T, key func(T) int) []T {
	type entry struct {
		anchor, sub int
		v           T
	}
	var gone []entry
	anchor := -1
	for i := range n {
		if kept(i) {
			anchor = newIndex(i)
			continue
		}
		gone = append(gone, entry{anchor, i, removed(i)})
	}
	if len(gone) == 0 {
		return out
	}
	// Anchors go out of order when rows moved.
	slices.SortStableFunc(gone, func(x, y entry) int { return cmp.Compare(x.anchor, y.anchor) })
	merged := make([]T, 0, len(out)+len(gone))
	k := 0
	for _, v := range out {
		for k < len(gone) && gone[k].anchor < key(v) {
			merged = append(merged, gone[k].v)
			k++
		}
		merged = append(merged, v)
	}
	for ; k < len(gone); k++ {
		merged = append(merged, gone[k].v)
	}
	return merged
}

// diffSteps matches the steps by id and compares them cell by cell.
func diffSteps(a, b *Document) []StepChange {
	inA := make(map[string]int, len(a.Steps))
	for i := range a.Steps {
		inA[a.Steps[i].ID] = i
	}
	inB := make(map[string]int, len(b.Steps))
	for j := range b.Steps {
		inB[b.Steps[j].ID] = j
	}
	common := make([]int, 0, len(b.Steps))
	pos := make([]int, 0, len(b.Steps))
	for j := range b.Steps {
		if i, ok := inA[b.Steps[j].ID]; ok {
			common = append(common, j)
			pos = append(pos, i)
		}
	}
	moved := make([]bool, len(b.Steps))
	for k, keep := range stayed(pos) {
		moved[common[k]] = !keep
	}
	var out []StepChange
	for j := range b.Steps {
		y := &b.Steps[j]
		i, ok := inA[y.ID]
		if !ok {
			out = append(out, StepChange{Kind: ChangeAdded, ID: y.ID, OldIndex: -1, NewIndex: j, New: y})
			continue
		}
		x := &a.Steps[i]
		cells := diffCells(a, b, x, y)
		switch {
		case len(cells) > 0:
			out = append(out, StepChange{Kind: ChangeChanged, ID: y.ID, OldIndex: i, NewIndex: j, Moved: moved[j], Cells: cells, Old: x, New: y})
		case moved[j]:
			out = append(out, StepChange{Kind: ChangeMoved, ID: y.ID, OldIndex: i, NewIndex: j, Moved: true, Old: x, New: y})
		}
	}
	return placeRemoved(out, len(a.Steps), func(i int) bool { _, ok := inB[a.Steps[i].ID]; return ok },
		func(i int) int { return inB[a.Steps[i].ID] },
		func(i int) StepChange {
			return StepChange{Kind: ChangeRemoved, ID: a.Steps[i].ID, OldIndex: i, NewIndex: -1, Old: &a.Steps[i]}
		},
		func(c StepChange) int { return c.NewIndex })
}

// diffCells compares step x of a with step y of b, cell by cell.
func diffCells(a, b *Document, x, y *Step) []CellChange {
	var out []CellChange
	if x.Activity != y.Activity {
		out = append(out, CellChange{CellActivity, x.Activity, y.Activity})
	}
	if x.Actor != y.Actor {
		out = append(out, CellChange{CellActor, actorName(a, x.Actor), actorName(b, y.Actor)})
	}
	if !slices.Equal(x.Requirements, y.Requirements) {
		out = append(out, CellChange{CellRequirements, strings.Join(x.Requirements, "; "), strings.Join(y.Requirements, "; ")})
	}
	if !sameDuration(x.Time, y.Time) {
		out = append(out, CellChange{CellTime, x.Time.Indonesian(), y.Time.Indonesian()})
	}
	if !sameDuration(x.Effort, y.Effort) {
		out = append(out, CellChange{CellEffort, x.Effort.Indonesian(), y.Effort.Indonesian()})
	}
	if x.Output != y.Output {
		out = append(out, CellChange{CellOutput, x.Output, y.Output})
	}
	if x.Note != y.Note {
		out = append(out, CellChange{CellNote, x.Note, y.Note})
	}
	if x.Next != y.Next || x.End != y.End || !sameDecision(x.Decision, y.Decision) {
		out = append(out, CellChange{CellFlow, FlowText(x), FlowText(y)})
	}
	return out
}

func actorName(d *Document, id string) string {
	if a := d.ActorByID(id); a != nil {
		return a.Name
	}
	return id
}

func sameDuration(x, y *Duration) bool {
	if x == nil || y == nil {
		return x == y
	}
	return *x == *y
}

func sameDecision(x, y *Decision) bool {
	if x == nil || y == nil {
		return x == y
	}
	return *x == *y
}

// FlowText returns where the flow goes after step s, as the step ids it
// names: "→ s5" (next), "Ya → s5; Tidak → s2" (a decision, with its exit
// labels), "end", or "" when the flow goes on to the following row.
func FlowText(s *Step) string {
	switch {
	case s.Decision != nil:
		yes, no := s.Decision.Labels()
		return fmt.Sprintf("%s → %s; %s → %s", yes, s.Decision.Yes, no, s.Decision.No)
	case s.End:
		return "end"
	case s.Next != "":
		return "→ " + s.Next
	}
	return ""
}
