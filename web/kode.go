package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/esop-malang/esop"
)

// Classification codes (kode klasifikasi) of SOP numbers: set per unit on
// the units page and inherited downwards, chosen per SOP in the editor
// (issue 10). The store applies them at approval (sqlstore/kode.go).

// readKode reads the editor's classification code box; a code that is
// not valid stays in the box with an error beside the number and is not
// stored.
func (in *editorInput) readKode(f url.Values) {
	if _, sent := f["kode"]; !sent {
		return // a form without the box (an older page) changes nothing
	}
	in.kode = strings.TrimSpace(f.Get("kode"))
	if err := esop.CheckKode(in.kode); err != nil {
		in.raw["kode"] = in.kode
		in.problems = append(in.problems, esop.Problem{Path: "number", Severity: esop.SeverityError, Code: "kode",
			Message: esop.Text{ID: esop.ErrorMessage(err, "id") + ". Kode ini belum tersimpan.", EN: esop.ErrorMessage(err, "en") + ". This code is not saved yet."}})
		return
	}
	in.kodeOK = true
}

// inheritedKode returns the classification code that applies to the
// unit named unit: its own or the nearest above it, else the
// installation's, else 800.
func (s *Server) inheritedKode(ctx context.Context, unit string) (string, error) {
	units, err := s.allUnits(ctx) // the request's organisation, loaded once
	if err != nil {
		return "", err
	}
	own, err := s.store.UnitKodes(ctx)
	if err != nil {
		return "", err
	}
	installation, err := s.store.NumberingConfig(ctx, 0)
	if err != nil {
		return "", err
	}
	byID := make(map[int64]*esop.Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	id, _ := esop.UnitScope(units, unit, s.today())
	return esop.InheritedKode(id, byID, own, installation.Kode), nil
}

// fillKode shows the SOP's classification code (or what was typed) and
// its unit's.
func (s *Server) fillKode(ctx context.Context, v *editorView, in *editorInput) error {
	var err error
	switch {
	case in != nil && (in.kodeOK || in.raw["kode"] != ""):
		v.Kode = in.kode
	case v.SOP != nil:
		if v.Kode, err = s.store.SOPKode(ctx, v.SOP.ID); err != nil {
			return err
		}
	}
	v.KodeInherited, err = s.inheritedKode(ctx, v.Doc.Unit)
	return err
}

// unitKodeRow is one unit of the classification code table.
type unitKodeRow struct {
	Unit      *esop.Unit
	Label     string // the name, indented by its depth in the tree
	Own       string
	Effective string
}

// withUnitKodes adds the classification code of every unit valid today
// to the units page.
func (s *Server) withUnitKodes(r *http.Request) func(*adminView) error {
	return func(v *adminView) error {
		ctx := r.Context()
		own, err := s.store.UnitKodes(ctx)
		if err != nil {
			return err
		}
		installation, err := s.store.NumberingConfig(ctx, 0)
		if err != nil {
			return err
		}
		byID := make(map[int64]*esop.Unit, len(v.Units))
		for _, u := range v.Units {
			byID[u.ID] = u
		}
		today := s.today()
		for _, u := range v.Units {
			if !u.ValidOn(today) {
				continue
			}
			depth := 0
			for p := byID[u.ParentID]; p != nil && depth < 32; p = byID[p.ParentID] {
				depth++
			}
			v.Kodes = append(v.Kodes, unitKodeRow{Unit: u, Label: strings.Repeat("\u00a0\u00a0", depth) + u.Name, Own: own[u.ID],
				Effective: esop.InheritedKode(u.ID, byID, own, installation.Kode)})
		}
		return nil
	}
}

// adminSetUnitKode sets the classification code of a unit ("" to inherit).
func (s *Server) adminSetUnitKode(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	unit, kode := formID(r, "unit"), strings.TrimSpace(r.PostForm.Get("kode"))
	err := s.store.SetUnitKode(r.Context(), unit, kode)
	if err == nil {
		s.log.Info("unit classification code changed", "unit", unit, "kode", kode, "by", rq.user.Username)
	}
	return s.afterForm(w, r, rq, "admin_units", "/admin/units", s.withUnitKodes(r), err)
}
