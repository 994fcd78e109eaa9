package esop

import (
	"cmp"
	"slices"
)

// The process × unit matrix of PermenPANRB 19/2018 (Peta Proses Bisnis)
// as far as the SOPs give it: a row per process — the action of a step
// (ActionKey: its verb and object after stemming) — a column per unit
// that performs one, each cell the SOPs and steps in which the unit does
// it. A process in more than one unit is a possible overlap; what the
// overlap findings report is the narrower case of different positions in
// different SOPs, which may be dismissed with a reason.

// MatrixStep is one step in a cell.
type MatrixStep struct {
	SOPID    int64  `json:"sop"`
	SOPTitle string `json:"sopTitle"`
	Row      int    `json:"row"`
	Activity string `json:"activity"`
	Position string `json:"positionName"`
}

// MatrixUnit is a column.
type MatrixUnit struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ProcessRow is a row of the matrix: Cells has one entry per column.
type ProcessRow struct {
	Key      string         `json:"process"`
	Activity string         `json:"activity"` // the first step's activity, as written
	Cells    [][]MatrixStep `json:"cells"`
	Units    int            `json:"units"` // columns with a step
}

// ProcessMatrix is the whole matrix.
type ProcessMatrix struct {
	Units []MatrixUnit `json:"units"`
	Rows  []ProcessRow `json:"rows"`
}

// BuildProcessMatrix returns the matrix of the steps of sops whose
// activity has an action. A step's unit is its position's (positions, by
// key), else its SOP's; steps of external actors are left out. Columns
// follow units (the organisation's order), the units of no step left
// out; rows come by the number of units, most first, then by process.
func BuildProcessMatrix(sops []AnalysisSOP, positions map[string]PositionInfo, units []*Unit) ProcessMatrix {
	type cellKey struct {
		row  int
		unit int64
	}
	rowAt := map[string]int{}
	var rows []ProcessRow
	cells := map[cellKey][]MatrixStep{}
	used := map[int64]bool{}
	for si := range sops {
		s := &sops[si]
		for i := range s.Doc.Steps {
			st := &s.Doc.Steps[i]
			if s.External[st.Actor] {
				continue
			}
			k := ActionKey(st.Activity)
			if k == "" {
				continue
			}
			unit, name := s.UnitID, ""
			if a := s.Doc.ActorByID(st.Actor); a != nil {
				name = a.Name
			}
			if p, ok := positions[s.Positions[st.Actor]]; ok && s.Positions[st.Actor] != "" {
				unit, name = p.UnitID, cmp.Or(p.Name, name)
			}
			if unit == 0 {
				continue // neither the position nor the SOP names a unit of the organisation
			}
			r, ok := rowAt[k]
			if !ok {
				r = len(rows)
				rowAt[k] = r
				rows = append(rows, ProcessRow{Key: k, Activity: st.Activity})
			}
			used[unit] = true
			ck := cellKey{r, unit}
			cells[ck] = append(cells[ck], MatrixStep{SOPID: s.ID, SOPTitle: s.Title, Row: i + 1, Activity: st.Activity, Position: name})
		}
	}
	m := ProcessMatrix{Units: []MatrixUnit{}, Rows: []ProcessRow{}}
	for _, u := range units {
		if used[u.ID] {
			m.Units = append(m.Units, MatrixUnit{ID: u.ID, Name: u.Name})
			delete(used, u.ID)
		}
	}
	for r := range rows {
		row := &rows[r]
		row.Cells = make([][]MatrixStep, len(m.Units))
		for c, u := range m.Units {
			if list := cells[cellKey{r, u.ID}]; len(list) > 0 {
				row.Cells[c] = list
				row.Units++
			}
		}
		if row.Units > 0 {
			m.Rows = append(m.Rows, *row)
		}
	}
	slices.SortStableFunc(m.Rows, func(a, b ProcessRow) int { return cmp.Or(cmp.Compare(b.Units, a.Units), cmp.Compare(a.Key, b.Key)) })
	return m
}

// Only returns the matrix reduced to the rows with a step in one of the
// units in (all rows when in is nil) that have at least minUnits units,
// and to the columns that still have a step.
func (m ProcessMatrix) Only(in map[int64]bool, minUnits int) ProcessMatrix {
	out := ProcessMatrix{Units: []MatrixUnit{}, Rows: []ProcessRow{}}
	keepCol := make([]bool, len(m.Units))
	var rows []ProcessRow
	for _, r := range m.Rows {
		if r.Units < minUnits {
			continue
		}
		mine := in == nil
		for c, cell := range r.Cells {
			if len(cell) > 0 && in[m.Units[c].ID] {
				mine = true
			}
		}
		if !mine {
			continue
		}
		for c, cell := range r.Cells {
			if len(cell) > 0 {
				keepCol[c] = true
			}
		}
		rows = append(rows, r)
	}
	for c, u := range m.Units {
		if keepCol[c] {
			out.Units = append(out.Units, u)
		}
	}
	for _, r := range rows {
		nr := ProcessRow{Key: r.Key, Activity: r.Activity, Units: r.Units}
		for c := range m.Units {
			if keepCol[c] {
				nr.Cells = append(nr.Cells, r.Cells[c])
			}
		}
		out.Rows = append(out.Rows, nr)
	}
	return out
}
