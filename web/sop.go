package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/api"
	"github.com/esop-malang/esop/internal/access"
)

var errNoSOP = access.ErrNoSOP

// shown is the SOP and the version of it that a request may see (api.Shown).
type shown = api.Shown

// sopVersion returns the version of SOP {id} to show (api.SOPVersion).
func (s *Server) sopVersion(r *http.Request, rq *request) (*shown, error) {
	return s.api.SOPVersion(r, rq.user)
}

// sopView is the view model of the SOP page.
type sopView struct {
	*shown
	Doc       *esop.Document
	Flowchart template.HTML
	Sketch    string // why the flowchart is a sketch (a draft with errors), or ""
	Total     string
	Pages     int
	PNGPages  []int
	MayEdit   bool
	MayRead   bool  // may read drafts and history
	MayMonev  bool  // may read its monitoring and evaluation
	MayStart  bool  // may start a case of it ("Mulai layanan", cases_pages.go)
	Standard  int64 // its service standard (the public page /layanan/{id}) when the SOP is published, else 0
	Signer    []string
	Warnings  esop.Problems
	DraftLink bool
	Related   []relatedLink // its Keterkaitan, resolved
	Referrers []*entry      // SOPs in force that name it
	Flags     []*esop.Flag  // regulation changes it must be reviewed for (staff only)
	// Service is last month's performance of a public service in force
	// (UU 25/2009): its cases finished and the share on time, no names.
	Service *servicePerformance
}

func (s *Server) sopPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	// A visitor who is not signed in gets the same page as every other:
	// it is rendered once per version, language, day and logo.
	var key string
	if rq.user == nil {
		key = fmt.Sprintf("%d/%s/%s/%s/%s/%d", sh.Version.ID, sh.Version.ContentHash, rq.lang, s.today(), s.logo.Load().hash, s.index.generation())
		if serveKept(w, s.pageOut, key) {
			return nil
		}
	}
	d := sh.Version.Document
	// A draft saved with errors is drawn as a sketch, and not printed.
	dr := s.drawDocument(d, sh.Version.ContentHash, rq.lang)
	v := &sopView{shown: sh, Doc: d, Flowchart: dr.SVG, Sketch: dr.Sketch, Pages: dr.Pages}
	if t := esop.TotalTime(d); !t.IsZero() {
		v.Total = t.In(rq.lang)
	}
	for i := 1; i <= v.Pages; i++ {
		v.PNGPages = append(v.PNGPages, i)
	}
	if rq.user != nil {
		if v.MayEdit, err = s.mayEdit(r.Context(), rq.user, sh.SOP.Unit); err != nil {
			return err
		}
		if v.MayRead, err = s.mayReadDraft(r.Context(), rq.user, sh.SOP.Unit); err != nil {
			return err
		}
		v.DraftLink = v.MayRead && sh.SOP.Draft != nil && sh.Version != sh.SOP.Draft
		if v.MayMonev, err = s.mayReadMonev(r.Context(), rq.user, sh.SOP.Unit); err != nil {
			return err
		}
		v.MayMonev = v.MayMonev && sh.InForce
		v.MayStart = s.mayStartSOP(r, rq.user, sh)
		v.Warnings = esop.Validate(d, s.validateOptions(r.Context(), sh.SOP.ID)).Warnings()
	}
	if sh.SOP.Published() != nil {
		switch std, err := s.store.FindServiceStandardBySOP(r.Context(), sh.SOP.ID); esop.ErrorCode(err) {
		case "":
			v.Standard = std.ID
		case esop.ENOTFOUND:
		default:
			return err
		}
	}
	if v.Service, err = s.servicePerformance(r.Context(), sh, d); err != nil {
		return err
	}
	v.Signer = signer(d)
	if v.Related, v.Referrers, err = s.keterkaitan(r.Context(), sh.SOP.ID, d.Related); err != nil {
		return err
	}
	if v.MayRead {
		if v.Flags, err = s.store.FindFlags(r.Context(), sh.SOP.ID); err != nil {
			return err
		}
	}
	if key == "" {
		s.renderPage(w, r, rq, http.StatusOK, "sop", v)
		return nil
	}
	buf, err := s.execute(r, rq, "sop", "layout", v)
	if err != nil {
		return err
	}
	s.pageOut.put(key, buf.Bytes())
	sendPage(w, buf)
	return nil
}

// signer returns the lines of the Disahkan oleh box as printed.
func signer(d *esop.Document) []string {
	a := d.Approval
	if a == nil {
		return nil
	}
	prefix := map[string]string{esop.CapacityPlt: "Plt. ", esop.CapacityPlh: "Plh. ", esop.CapacityAn: "a.n. "}[a.Capacity]
	lines := []string{prefix + a.Position, a.Name}
	if a.Rank != "" {
		lines = append(lines, a.Rank)
	}
	if a.NIP != "" {
		lines = append(lines, "NIP. "+esop.FormatNIP(a.NIP))
	}
	return lines
}

func (s *Server) sopSVG(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	c, err := s.laidOut(sh.Version.Document, sh.Version.ContentHash, "")
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	body := c.svg
	if page != 0 {
		var b bytes.Buffer
		if err := c.pages.SVG(&b, page); err != nil {
			return err
		}
		body = b.Bytes()
	}
	writeBuffered(w, http.StatusOK, "image/svg+xml", bytes.NewBuffer(body))
	return nil
}

// download sets the headers of a file to save, named after the SOP.
func download(w http.ResponseWriter, sh *shown, ext string) {
	name := fmt.Sprintf("sop-%d", sh.SOP.ID)
	if sh.SOP.Number != "" {
		name = "sop-" + safeName(sh.SOP.Number)
	}
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`.`+ext+`"`)
}

func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			b[i] = '-'
		}
	}
	return string(b)
}

func (s *Server) sopPDF(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	paper := strings.ToUpper(r.URL.Query().Get("paper"))
	if paper != "" && paper != esop.PaperA4 && paper != esop.PaperF4 {
		return esop.Errorf(esop.EINVALID, "Ukuran kertas tidak dikenal (A4 atau F4).", "Unknown paper size (A4 or F4).")
	}
	c, err := s.laidOutFor(sh.Version.Document, sh.Version.ContentHash, paper, s.verifyBase())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := s.renderer.PDF(&b, c.pages); err != nil {
		return err
	}
	download(w, sh, "pdf")
	writeBuffered(w, http.StatusOK, "application/pdf", &b)
	return nil
}

func (s *Server) sopPNG(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	c, err := s.laidOutFor(sh.Version.Document, sh.Version.ContentHash, "", s.verifyBase())
	if err != nil {
		return err
	}
	page := 1
	if p := r.URL.Query().Get("page"); p != "" {
		if page, err = strconv.Atoi(p); err != nil {
			return esop.Errorf(esop.EINVALID, "Nomor halaman tidak sah.", "The page number is not valid.")
		}
	}
	var b bytes.Buffer
	if err := s.renderer.PNG(&b, c.pages, page); err != nil {
		return err
	}
	download(w, sh, "png")
	writeBuffered(w, http.StatusOK, "image/png", &b)
	return nil
}

func (s *Server) sopJSON(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sh.Version.Document); err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+fmt.Sprintf("sop-%d", sh.SOP.ID)+`.json"`)
	writeBuffered(w, http.StatusOK, "application/json", &b)
	return nil
}

// versionsView is the view model of the version list.
type versionsView struct {
	SOP      *esop.SOP
	Versions []*esop.Version
	Rows     []versionRow
}

// versionRow is one version in the history: why it was made, and who
// did what when, from the version's events, which are written once and
// never change (not from its updated_at or current state).
type versionRow struct {
	*esop.Version
	Reason     string      // from its creation
	Created    *esop.Event // who made it, when
	Submitted  *esop.Event // the last submission for review
	Approved   *esop.Event // the approval (pengesahan)
	Superseded *esop.Event // replaced by a later version
	Withdrawn  *esop.Event // revoked (dicabut)
	Signer     string      // who signed it, as printed in the approval block
	Prev       *esop.Version
}

// versionRows builds the history rows of versions from their events.
func (s *Server) versionRows(ctx context.Context, versions []*esop.Version) ([]versionRow, error) {
	rows := make([]versionRow, 0, len(versions))
	var prev *esop.Version
	for _, v := range versions {
		events, err := s.store.FindEvents(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		row := versionRow{Version: v, Reason: v.Note, Prev: prev}
		for _, e := range events {
			switch e.Action {
			case "create":
				row.Created = e
				if e.Note != "" {
					row.Reason = e.Note
				}
			case esop.ActionSubmit:
				row.Submitted = e
			case esop.ActionApprove:
				row.Approved = e
			case "supersede":
				row.Superseded = e
			case esop.ActionWithdraw:
				row.Withdrawn = e
			}
		}
		if row.Created == nil {
			row.Created = &esop.Event{Action: "create", Actor: v.CreatedBy, At: v.CreatedAt}
		}
		if row.Approved == nil && v.ApprovedBy != "" {
			// Approved outside the web's workflow (imported as approved):
			// the approver is on the record, the moment is not.
			row.Approved = &esop.Event{Action: esop.ActionApprove, Actor: v.ApprovedBy}
		}
		if a := v.Document.Approval; a != nil && a.Name != "" {
			row.Signer = a.Name
		}
		rows = append(rows, row)
		prev = v
	}
	return rows, nil
}

func (s *Server) versionsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.reviewable(r, rq)
	if err != nil {
		return err
	}
	versions, err := s.store.FindVersions(r.Context(), sop.ID)
	if err != nil {
		return err
	}
	rows, err := s.versionRows(r.Context(), versions)
	if err != nil {
		return err
	}
	s.zoneFor(r, rq, sop.Unit)
	s.renderPage(w, r, rq, http.StatusOK, "versions", versionsView{SOP: sop, Versions: versions, Rows: rows})
	return nil
}
