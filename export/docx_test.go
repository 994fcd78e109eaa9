package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

// readDOCX unzips a Word document and parses its parts: every part must
// be well-formed XML (or a PNG under word/media), the content types must
// cover every part, and every relationship's target must be there.
func readDOCX(t *testing.T, b []byte) (doc *xmlNode, media map[string][]byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = body
	}
	xmlPart := func(name string) *xmlNode {
		body, ok := parts[name]
		if !ok {
			t.Fatalf("no part %s", name)
		}
		var n xmlNode
		if err := xml.Unmarshal(body, &n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return &n
	}
	types := xmlPart("[Content_Types].xml")
	defaults, overrides := map[string]bool{}, map[string]bool{}
	for _, c := range types.Nodes {
		switch c.XMLName.Local {
		case "Default":
			defaults[c.attr("Extension")] = true
		case "Override":
			overrides[c.attr("PartName")] = true
		}
	}
	media = map[string][]byte{}
	for name, body := range parts {
		ext := name[strings.LastIndex(name, ".")+1:]
		if !defaults[ext] && !overrides["/"+name] {
			t.Errorf("part %s has no content type", name)
		}
		if strings.HasPrefix(name, "word/media/") {
			if _, err := png.DecodeConfig(bytes.NewReader(body)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			media[name] = body
		} else {
			xmlPart(name)
		}
	}
	for rels, dir := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word/"} {
		for _, r := range xmlPart(rels).Nodes {
			if _, ok := parts[dir+r.attr("Target")]; !ok {
				t.Errorf("%s: %s names %s, which is not there", rels, r.attr("Id"), r.attr("Target"))
			}
		}
	}
	return xmlPart("word/document.xml"), media
}

// cellText is the text of a table cell, its paragraphs joined by "\n".
func cellText(tc *xmlNode) string {
	var paras []string
	for _, p := range tc.Nodes {
		if p.XMLName.Local != "p" {
			continue
		}
		var b strings.Builder
		p.walk(func(n *xmlNode) {
			if n.XMLName.Local == "t" {
				b.WriteString(n.Text)
			}
		})
		paras = append(paras, b.String())
	}
	return strings.Join(paras, "\n")
}

func children(n *xmlNode, local string) []*xmlNode {
	var out []*xmlNode
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			out = append(out, &n.Nodes[i])
		}
	}
	return out
}

// TestDOCX writes every sample as a Word document and reads it back: the
// identity section as two tables (NOMOR SOP and NAMA SOP in their rows,
// the three pairs of lists), the activity table with one row per step
// (activity, pelaksana, the mutu baku and the note in their columns)
// under two header rows repeated on every page, one picture per
// flowchart page at 300 dpi filling the writing area, and a landscape
// section on the document's paper.
func TestDOCX(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	ss := samples(t)
	if testing.Short() {
		ss = ss[:3]
	}
	for _, s := range ss {
		t.Run(s.name, func(t *testing.T) {
			d := s.doc
			p, b := docxOf(t, r, d, nil, DOCXOptions{DPI: 100, Now: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)})
			checkDOCX(t, d, p, b.Bytes(), 100)
		})
	}
}

func checkDOCX(t *testing.T, d *esop.Document, p *render.Pages, b []byte, dpi float64) {
	t.Helper()
	doc, media := readDOCX(t, b)
	body := children(doc, "body")
	if len(body) != 1 {
		t.Fatal("no body")
	}
	tables := children(body[0], "tbl")
	if len(tables) != 3 {
		t.Fatalf("%d tables, want 3 (identity header, identity lists, activities)", len(tables))
	}
	// The identity header.
	rows := children(tables[0], "tr")
	if len(rows) != 6 {
		t.Fatalf("identity header: %d rows", len(rows))
	}
	cells := children(rows[0], "tc")
	if got := cellText(cells[1]) + "=" + cellText(cells[2]); got != "NOMOR SOP="+dash(d.Number) {
		t.Errorf("first identity row %q", got)
	}
	if got := cellText(children(rows[5], "tc")[2]); got != strings.ToUpper(d.Title) {
		t.Errorf("NAMA SOP %q", got)
	}
	if d.Approval != nil && !strings.Contains(cellText(children(rows[4], "tc")[2]), d.Approval.Name) {
		t.Errorf("DISAHKAN OLEH without the signer's name")
	}
	if !strings.Contains(cellText(children(rows[0], "tc")[0]), strings.ToUpper(d.Unit)) {
		t.Errorf("the header's left cell does not name the unit")
	}
	lists := children(tables[1], "tr")
	if len(lists) != 3 || !strings.HasPrefix(cellText(children(lists[0], "tc")[0]), "DASAR HUKUM:") {
		t.Fatalf("identity lists: %d rows", len(lists))
	}
	if n := strings.Count(cellText(children(lists[0], "tc")[1]), "\n"); n != max(len(d.Qualifications), 1) {
		t.Errorf("KUALIFIKASI PELAKSANA has %d lines for %d entries", n, len(d.Qualifications))
	}
	// The activities: header rows, one per step, the total.
	var steps []*xmlNode
	headers := 0
	for _, tr := range children(tables[2], "tr") {
		isHeader := false
		tr.walk(func(n *xmlNode) { isHeader = isHeader || n.XMLName.Local == "tblHeader" })
		switch {
		case isHeader:
			headers++
		case len(children(tr, "tc")) == 7:
			steps = append(steps, tr)
		}
	}
	if headers != 2 || len(steps) != len(d.Steps) {
		t.Fatalf("activity table: %d header rows, %d step rows for %d steps", headers, len(steps), len(d.Steps))
	}
	for i, tr := range steps {
		s := &d.Steps[i]
		tc := children(tr, "tc")
		if got := cellText(tc[0]); got != strconv.Itoa(i+1)+"." {
			t.Errorf("row %d numbered %q", i, got)
		}
		if got := cellText(tc[1]); !strings.HasPrefix(got, s.Activity) {
			t.Errorf("row %d activity %q", i, got)
		}
		if s.Decision != nil {
			yes, no := s.Decision.Labels()
			if got := cellText(tc[1]); !strings.Contains(got, yes+": ke "+strconv.Itoa(d.StepIndex(s.Decision.Yes)+1)) || !strings.Contains(got, no+": ke ") {
				t.Errorf("row %d: the decision's branches are not said: %q", i, got)
			}
		}
		if got := cellText(tc[2]); got != d.ActorByID(s.Actor).Name {
			t.Errorf("row %d pelaksana %q", i, got)
		}
		if got := cellText(tc[3]); len(s.Requirements) > 0 && !strings.Contains(got, s.Requirements[0]) {
			t.Errorf("row %d kelengkapan %q", i, got)
		}
		if got := cellText(tc[4]); got != dash(s.Time.Indonesian()) {
			t.Errorf("row %d waktu %q", i, got)
		}
		if got := cellText(tc[5]); got != dash(s.Output) || cellText(tc[6]) != s.Note {
			t.Errorf("row %d output %q, keterangan %q", i, got, cellText(tc[6]))
		}
	}
	// The pictures: one per flowchart page, at the resolution asked for
	// (the logo, if any, is checked by TestDOCXLogo).
	var extents [][2]float64
	for _, pic := range pictures(doc) {
		if strings.HasPrefix(pic.rel, "rIdImg") {
			extents = append(extents, [2]float64{pic.w, pic.h})
		}
	}
	flowMedia := 0
	for name := range media {
		if strings.HasPrefix(name, "word/media/flowchart-") {
			flowMedia++
		}
	}
	pages := len(p.Flow.Pages)
	if len(extents) != pages || flowMedia != pages {
		t.Fatalf("%d pictures, %d images for %d flowchart pages", len(extents), flowMedia, pages)
	}
	paper := p.Flow.Paper
	for n := 1; n <= pages; n++ {
		cfg, err := png.DecodeConfig(bytes.NewReader(media["word/media/flowchart-"+strconv.Itoa(n)+".png"]))
		if err != nil {
			t.Fatal(err)
		}
		wantW := (paper.W - 2*p.Flow.Margin) * dpi / 25.4
		if math.Abs(float64(cfg.Width)-wantW) > 2 {
			t.Errorf("picture %d is %d px wide, want %.0f at %v dpi", n, cfg.Width, wantW, dpi)
		}
		e := extents[n-1]
		if e[0] > paper.W-2*p.Flow.Margin || e[1] > paper.H-2*p.Flow.Margin || e[0] < 0.95*(paper.W-2*p.Flow.Margin) {
			t.Errorf("picture %d is %.1f × %.1f mm on %v", n, e[0], e[1], paper)
		}
		if math.Abs(e[0]/e[1]-float64(cfg.Width)/float64(cfg.Height)) > 0.01 {
			t.Errorf("picture %d distorted", n)
		}
	}
	// The section: landscape, the paper's size.
	var sect *xmlNode
	body[0].walk(func(n *xmlNode) {
		if n.XMLName.Local == "pgSz" {
			sect = n
		}
	})
	if sect == nil || sect.attr("orient") != "landscape" {
		t.Fatal("no landscape section")
	}
	w, _ := strconv.Atoi(sect.attr("w"))
	h, _ := strconv.Atoi(sect.attr("h"))
	if math.Abs(float64(w)/twipsPerMM-paper.W) > 0.1 || math.Abs(float64(h)/twipsPerMM-paper.H) > 0.1 {
		t.Errorf("page %d × %d twips for %v mm", w, h, paper)
	}
}

// picture is a drawing of document.xml: its size in millimetres and the
// relationship of its image.
type picture struct {
	w, h float64
	rel  string
}

// pictures returns the drawings under n, in order.
func pictures(n *xmlNode) []picture {
	var out []picture
	n.walk(func(in *xmlNode) {
		if in.XMLName.Local != "inline" {
			return
		}
		var p picture
		in.walk(func(c *xmlNode) {
			switch c.XMLName.Local {
			case "extent":
				cx, _ := strconv.ParseFloat(c.attr("cx"), 64)
				cy, _ := strconv.ParseFloat(c.attr("cy"), 64)
				p.w, p.h = cx/emuPerMM, cy/emuPerMM
			case "blip":
				p.rel = c.attr("embed")
			}
		})
		out = append(out, p)
	})
	return out
}

// TestDOCXLogo: the office's logo given to the layout (render.Options.Logo,
// as the web application and esop render --logo give it) is the picture
// of the identity table's left cell, above the names: its image is a part
// of the document named by a relationship, kept at most 600 pixels a side,
// and its size fits the room the print gives it with its aspect kept.
// Without a logo there is no such picture.
func TestDOCXLogo(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	d := samples(t)[0].doc
	for _, tc := range []struct {
		w, h         int // pixels of the logo given; 0 for none
		keptW, keptH int // pixels of the one in the file
		name         string
	}{
		{0, 0, 0, 0, "none"},
		{300, 100, 300, 100, "wide"},
		{80, 200, 80, 200, "tall"},
		{1500, 1000, 600, 400, "large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := &render.Options{}
			if tc.w > 0 {
				img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
				for i := range img.Pix {
					img.Pix[i] = uint8(i)
				}
				opt.Logo = img
			}
			p, b := docxOf(t, r, d, opt, DOCXOptions{DPI: 72})
			checkDOCX(t, d, p, b.Bytes(), 72)
			doc, media := readDOCX(t, b.Bytes())
			z, _ := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
			rels := ""
			for _, f := range z.File {
				if f.Name == "word/_rels/document.xml.rels" {
					rc, _ := f.Open()
					body, _ := io.ReadAll(rc)
					rc.Close()
					rels = string(body)
				}
			}
			left := children(children(children(children(doc, "body")[0], "tbl")[0], "tr")[0], "tc")[0]
			inCell := pictures(left)
			var logos []picture
			for _, pic := range pictures(doc) {
				if pic.rel == "rIdLogo" {
					logos = append(logos, pic)
				}
			}
			if tc.w == 0 {
				if len(logos) != 0 || len(inCell) != 0 || media["word/media/logo.png"] != nil || strings.Contains(rels, "rIdLogo") {
					t.Fatalf("a logo without one: %d pictures, %d in the cell, rels %s", len(logos), len(inCell), rels)
				}
				return
			}
			if !strings.Contains(rels, `Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"`) {
				t.Errorf("no relationship of the logo: %s", rels)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(media["word/media/logo.png"]))
			if err != nil || cfg.Width != tc.keptW || cfg.Height != tc.keptH {
				t.Fatalf("the logo's image: %v %+v, want %d × %d", err, cfg, tc.keptW, tc.keptH)
			}
			if len(logos) != 1 || len(inCell) != 1 || inCell[0].rel != "rIdLogo" {
				t.Fatalf("%d logos, %d pictures in the identity table's left cell", len(logos), len(inCell))
			}
			if !strings.Contains(cellText(left), strings.ToUpper(d.Unit)) {
				t.Error("the names are gone from the logo's cell")
			}
			room := p.Identity.Pages[0].Logo
			got := logos[0]
			if math.Abs(got.w/got.h-float64(tc.w)/float64(tc.h)) > 0.01 {
				t.Errorf("the logo is %.2f × %.2f mm, not in the aspect of %d × %d", got.w, got.h, tc.w, tc.h)
			}
			if got.w > room.W+0.01 || got.h > room.H+0.01 || (math.Abs(got.w-room.W) > 0.01 && math.Abs(got.h-room.H) > 0.01) {
				t.Errorf("the logo is %.2f × %.2f mm in a room of %.2f × %.2f", got.w, got.h, room.W, room.H)
			}
		})
	}
}

// TestDOCXPaperAndDraft: F4 when the document asks for it, and a draft
// says so at the top.
func TestDOCXPaperAndDraft(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	d := samples(t)[0].doc.Clone()
	d.Layout = &esop.LayoutHint{Paper: esop.PaperF4}
	d.Approval, d.Number, d.Dates.Effective = nil, "", esop.Date{}
	p, b := docxOf(t, r, d, nil, DOCXOptions{DPI: 72})
	checkDOCX(t, d, p, b.Bytes(), 72)
	doc, _ := readDOCX(t, b.Bytes())
	var first string
	doc.walk(func(n *xmlNode) {
		if n.XMLName.Local == "t" && first == "" {
			first = n.Text
		}
	})
	if first != "KONSEP — belum disahkan" {
		t.Errorf("a draft starts with %q", first)
	}
}

// TestDOCXLibreOffice converts a sample with LibreOffice, where it is
// installed, to PDF and checks that it has the pages of the identity,
// the activities and each flowchart page.
func TestDOCXLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var d *esop.Document
	for _, s := range samples(t) {
		if p, _ := r.Layout(s.doc, nil); p != nil && len(p.Flow.Pages) >= 2 && len(s.doc.Steps) < 20 {
			d = s.doc
			break
		}
	}
	p, b := docxOf(t, r, d, nil, DOCXOptions{})
	in := filepath.Join(dir, "sop.docx")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "sop.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// Pages: count the page objects.
	pagesN := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type/Page/")) + bytes.Count(pdf, []byte("/Type/Page>")) + bytes.Count(pdf, []byte("/Type /Page/")) + bytes.Count(pdf, []byte("/Type /Page>"))
	flow := len(p.Flow.Pages)
	if pagesN < 2+flow || pagesN > 4+flow {
		t.Errorf("LibreOffice made %d pages of %d flowchart pages and the identity and activities", pagesN, flow)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "sop.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"NOMOR SOP", "KEGIATAN DAN MUTU BAKU", d.Steps[0].Activity[:20]} {
			if !strings.Contains(string(out), want) {
				t.Errorf("the PDF of LibreOffice lacks %q", want)
			}
		}
	}
}

// TestDOCXListsWithoutTheirAuthorsMarkers: items their author numbered
// or bulleted are numbered once in the identity table and dashed once
// in KELENGKAPAN.
func TestDOCXListsWithoutTheirAuthorsMarkers(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	d := samples(t)[0].doc.Clone()
	d.Qualifications = []string{"1. Memahami tata naskah dinas", "2) Mampu mengoperasikan komputer"}
	d.Steps[0].Requirements = []string{"1. Surat masuk", " ", "• Lembar disposisi"}
	d.Qualifications = append(d.Qualifications, "")
	d.Steps[1].Activity = "2. " + d.Steps[1].Activity
	d.Steps[2].Note = "Dicek ✓ \uF0B7 lampiran"
	_, b := docxOf(t, r, d, nil, DOCXOptions{DPI: 72})
	doc, _ := readDOCX(t, b.Bytes())
	var texts []string
	doc.walk(func(n *xmlNode) {
		if n.XMLName.Local == "t" {
			texts = append(texts, n.Text)
		}
	})
	all := strings.Join(texts, "\n")
	for _, want := range []string{"1. Memahami tata naskah dinas", "2. Mampu mengoperasikan komputer", "- Surat masuk", "- Lembar disposisi",
		"Dicek √ • lampiran"} { // as the print sets it (layout.PrintText)
		if !strings.Contains(all, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	for _, s := range texts {
		if s == "- " || strings.HasSuffix(s, ". ") && strings.TrimRight(s, "0123456789. ") == "" {
			t.Errorf("the document prints an empty item: %q", s)
		}
	}
	for _, bad := range []string{"1. 1.", "2. 2)", "- 1.", "- •", "2. " + strings.TrimPrefix(d.Steps[1].Activity, "2. ")} {
		if strings.Contains(all, bad) {
			t.Errorf("the document prints %q", bad)
		}
	}
}

// docxOf lays d out with r (with opt) and writes it as a Word document
// with dopt: the pages and the document's bytes.
func docxOf(t *testing.T, r *render.Renderer, d *esop.Document, opt *render.Options, dopt DOCXOptions) (*render.Pages, *bytes.Buffer) {
	t.Helper()
	p, err := r.Layout(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDOCX(&b, r, p, dopt); err != nil {
		t.Fatal(err)
	}
	return p, &b
}
