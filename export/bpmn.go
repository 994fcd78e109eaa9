package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
)

// MIMEBPMN is the media type of a BPMN 2.0 file.
const MIMEBPMN = "application/xml"

// BPMN 2.0 (OMG formal/2011-01-03), as bpmn.io and Camunda Modeler read
// it. The process is the document's flow: one lane per pelaksana, a start
// event for the first step, an end event for every end, an exclusive
// gateway for every decision and a task for every other step, one
// sequence flow per arrow of the flowchart (a decision's two named by its
// labels). Where the first step is the target of an arrow back (rework
// starting over), BPMN does not let a start event have incoming flows:
// the first step is then a task and an unnamed start event comes before
// it, with one sequence flow more, whose id starts with "Flow_start".
//
// The diagram (BPMNDI) is the printed flowchart turned a quarter: the
// pelaksana columns become horizontal lanes and the rows follow one
// another from left to right, page after page, with the arrows routed by
// package layout. Each axis goes through a monotone piecewise-linear map
// (symbols to the sizes BPMN tools draw, the room between them scaled),
// so routes stay orthogonal and keep clear of the symbols they avoided on
// paper. Arrows cut at a page break are joined again.

// BPMN geometry in pixels.
const (
	bpmnTaskW      = 100.0 // along the flow
	bpmnNodeAcross = 80.0  // a task's height; the room a symbol takes across its lane
	bpmnGatewayW   = 50.0
	bpmnEventW     = 36.0
	bpmnScale      = 5.0  // pixels per millimetre between symbols
	bpmnMinGap     = 12.0 // pixels at least between two breakpoints of an axis
	bpmnLaneHead   = 30.0 // the pool's and lanes' name band
	bpmnOrigin     = 40.0
	bpmnPad        = 20.0 // room inside the pool before the first and after the last symbol
	bpmnJog        = 12.0 // pitch of the joins of arrows cut at a page break
)

// bpmnNode is a flow node of the process.
type bpmnNode struct {
	id, name, kind string // kind: startEvent, endEvent, task, exclusiveGateway
	step           int    // index of the step, -1 for the added start event
	lane           int
	doc            string
	in, out        []string
	bounds         layout.Rect
}

// bpmnFlow is a sequence flow.
type bpmnFlow struct {
	id, name, src, dst string
	pts                []layout.Point
	label              *layout.Rect
}

// WriteBPMN writes d as a BPMN 2.0 file. d must be valid (esop.Validate
// reports no errors); otherwise an error of code EINVALID is returned and
// nothing is written.
func WriteBPMN(w io.Writer, d *esop.Document) error {
	m, err := buildBPMN(d)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	x := &xmlWriter{w: bw}
	m.write(x)
	if x.err != nil {
		return x.err
	}
	return bw.Flush()
}

type bpmnModel struct {
	d     *esop.Document
	nodes []*bpmnNode
	flows []*bpmnFlow
	lanes []layout.Rect // per actor
	pool  layout.Rect
}

func buildBPMN(d *esop.Document) (*bpmnModel, error) {
	if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
		return nil, esop.Errorf(esop.EINVALID, "SOP ini masih mempunyai kesalahan (%s); perbaiki dulu sebelum diekspor ke BPMN.",
			"This SOP still has errors (%s); fix them before exporting it to BPMN.", ps.Errors()[0].Path)
	}
	g, err := layout.Layout(d, nil)
	if err != nil {
		return nil, err
	}
	m := &bpmnModel{d: d}
	actorIdx := map[string]int{}
	for i, a := range d.Actors {
		actorIdx[a.ID] = i
	}
	// Which steps are entered by an arrow: the first may not be a start event then.
	entered := make([]bool, len(d.Steps))
	for i := range d.Steps {
		for _, j := range d.Successors(i) {
			entered[j] = true
		}
	}
	stepNode := make([]*bpmnNode, len(d.Steps))
	for i := range d.Steps {
		s := &d.Steps[i]
		n := &bpmnNode{id: "Step_" + strconv.Itoa(i+1), name: s.Activity, step: i, lane: actorIdx[s.Actor], doc: stepDoc(s)}
		switch {
		case i == 0 && !entered[0]:
			n.kind = "startEvent"
		case s.Decision != nil:
			n.kind = "exclusiveGateway"
		case d.IsEnd(i):
			n.kind = "endEvent"
		default:
			n.kind = "task"
		}
		stepNode[i] = n
		m.nodes = append(m.nodes, n)
	}
	var start *bpmnNode
	if entered[0] {
		start = &bpmnNode{id: "Start_1", kind: "startEvent", step: -1, lane: stepNode[0].lane}
		m.nodes = append([]*bpmnNode{start}, m.nodes...)
	}
	// The arrows, in the order of the steps and their successors (yes before no).
	type edge struct {
		from, to int
		f        *bpmnFlow
	}
	var edges []edge
	for i := range d.Steps {
		var labels [2]string
		if dec := d.Steps[i].Decision; dec != nil {
			labels[0], labels[1] = dec.Labels()
		}
		for b, j := range d.Successors(i) {
			f := &bpmnFlow{id: "Flow_" + strconv.Itoa(len(m.flows)+1), name: labels[b], src: stepNode[i].id, dst: stepNode[j].id}
			m.flows = append(m.flows, f)
			edges = append(edges, edge{i, j, f})
			stepNode[i].out = append(stepNode[i].out, f.id)
			stepNode[j].in = append(stepNode[j].in, f.id)
		}
	}

	// The geometry: the two axis maps from the diagram.
	kinds := make([]string, len(d.Steps))
	for i, n := range stepNode {
		kinds[i] = n.kind
	}
	lead := 0.0
	if entered[0] {
		lead = bpmnEventW + 2*bpmnPad
	}
	geo := newBPMNGeometry(d, g, kinds, lead)
	m.lanes, m.pool = geo.lanes, geo.pool
	for _, n := range m.nodes {
		if n.step >= 0 {
			n.bounds = geo.nodeBounds(n.step, n.kind)
		}
	}
	if start != nil {
		b := stepNode[0].bounds
		start.bounds = layout.Rect{X: geo.pool.X + bpmnLaneHead + bpmnPad, Y: b.Y + b.H/2 - bpmnEventW/2, W: bpmnEventW, H: bpmnEventW}
		f := &bpmnFlow{id: "Flow_start", src: start.id, dst: stepNode[0].id,
			pts: []layout.Point{{X: start.bounds.X + start.bounds.W, Y: b.Y + b.H/2}, {X: b.X, Y: b.Y + b.H/2}}}
		m.flows = append(m.flows, f)
		start.out = append(start.out, f.id)
		stepNode[0].in = append([]string{f.id}, stepNode[0].in...)
	}
	// Each edge's route: its arrows on the pages, chained.
	used := map[*layout.Arrow]bool{}
	for _, e := range edges {
		parts := geo.parts(d.Steps[e.from].ID, d.Steps[e.to].ID, e.to > e.from, used)
		e.f.pts, e.f.label = geo.route(parts, stepNode[e.from].bounds, stepNode[e.to].bounds)
		if e.f.label != nil && e.f.name == "" {
			e.f.label = nil
		}
	}
	return m, nil
}

// stepDoc is the mutu baku and note of a step, for the documentation of its node.
func stepDoc(s *esop.Step) string {
	var lines []string
	if len(s.Requirements) > 0 {
		lines = append(lines, "Kelengkapan: "+strings.Join(s.Requirements, "; "))
	}
	if s.Time != nil {
		lines = append(lines, "Waktu: "+s.Time.Indonesian())
	}
	if s.Output != "" {
		lines = append(lines, "Output: "+s.Output)
	}
	if s.Note != "" {
		lines = append(lines, "Keterangan: "+s.Note)
	}
	return strings.Join(lines, "\n")
}

// pwl is a monotone piecewise-linear map from millimetres of the layout
// to pixels of the BPMN diagram, extended beyond its ends at bpmnScale.
type pwl struct{ from, to []float64 }

func (p *pwl) add(from, to float64) {
	if n := len(p.from); n > 0 && from <= p.from[n-1]+1e-9 {
		return
	}
	p.from, p.to = append(p.from, from), append(p.to, to)
}

// next appends the breakpoint from at a distance of at least minGap (or,
// when fixed is not zero, exactly fixed) from the last one.
func (p *pwl) next(from, fixed float64) {
	n := len(p.from)
	if n == 0 {
		p.add(from, 0)
		return
	}
	if from <= p.from[n-1]+1e-9 {
		return
	}
	gap := fixed
	if gap == 0 {
		gap = max(bpmnMinGap, (from-p.from[n-1])*bpmnScale)
	}
	p.add(from, p.to[n-1]+gap)
}

func (p *pwl) at(v float64) float64 {
	n := len(p.from)
	switch {
	case n == 0:
		return v * bpmnScale
	case v <= p.from[0]:
		return p.to[0] - (p.from[0]-v)*bpmnScale
	case v >= p.from[n-1]:
		return p.to[n-1] + (v-p.from[n-1])*bpmnScale
	}
	i, _ := slices.BinarySearch(p.from, v)
	if p.from[i] == v {
		return p.to[i]
	}
	f0, f1, t0, t1 := p.from[i-1], p.from[i], p.to[i-1], p.to[i]
	return t0 + (v-f0)/(f1-f0)*(t1-t0)
}

// bpmnGeometry maps the paginated diagram onto one BPMN plane.
type bpmnGeometry struct {
	g      *layout.Diagram
	across pwl   // layout x → BPMN y
	along  []pwl // per page: layout y → BPMN x
	page   []int // the page of each step
	sym    []layout.Symbol
	lanes  []layout.Rect
	pool   layout.Rect
	// gaps[p] is the x of the room between page p and p+1, for joins.
	gaps  []float64
	joins map[int]int // joins made so far in each gap
}

func newBPMNGeometry(d *esop.Document, g *layout.Diagram, kinds []string, lead float64) *bpmnGeometry {
	geo := &bpmnGeometry{g: g, page: make([]int, len(d.Steps)), sym: make([]layout.Symbol, len(d.Steps)), joins: map[int]int{}}
	idx := map[string]int{}
	for i := range d.Steps {
		idx[d.Steps[i].ID] = i
	}
	for p := range g.Pages {
		for _, s := range g.Pages[p].Symbols {
			if i, ok := idx[s.Step]; ok {
				geo.page[i], geo.sym[i] = p, s
			}
		}
	}
	// Across: each pelaksana column, the widest symbol drawn in it at
	// bpmnNodeAcross, the room on either side scaled.
	top := bpmnOrigin
	for _, a := range d.Actors {
		var col *layout.Column
		for k := range g.Columns {
			if g.Columns[k].Kind == "actor" && g.Columns[k].Actor == a.ID {
				col = &g.Columns[k]
			}
		}
		if col == nil {
			continue
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range d.Steps {
			if d.Steps[i].Actor == a.ID {
				lo, hi = min(lo, geo.sym[i].X), max(hi, geo.sym[i].X+geo.sym[i].W)
			}
		}
		if lo > hi { // no step: the middle third of the column
			lo, hi = col.X+col.W/3, col.X+2*col.W/3
		}
		if len(geo.across.from) == 0 {
			geo.across.add(col.X, top)
		} else {
			geo.across.next(col.X, 0)
		}
		geo.across.next(lo, 0)
		geo.across.next(hi, bpmnNodeAcross)
		geo.across.next(col.X+col.W, 0)
	}
	for _, a := range d.Actors {
		for k := range g.Columns {
			if c := g.Columns[k]; c.Kind == "actor" && c.Actor == a.ID {
				// Rounded as written, so that a lane's written bottom
				// is the next lane's top and, for the last, the pool's.
				y0, y1 := round1(geo.across.at(c.X)), round1(geo.across.at(c.X+c.W))
				geo.lanes = append(geo.lanes, layout.Rect{Y: y0, H: y1 - y0})
			}
		}
	}
	// Along: page after page, each row's symbol at the size BPMN draws it.
	x := bpmnOrigin + bpmnLaneHead + bpmnPad + lead
	for p := range g.Pages {
		pg := &g.Pages[p]
		var marks []float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, r := range pg.Rows {
			lo, hi = min(lo, r.Y), max(hi, r.Y+r.H)
		}
		for _, c := range pg.Connectors {
			lo, hi = min(lo, c.Y), max(hi, c.Y+c.H)
		}
		for _, a := range pg.Arrows {
			for _, pt := range a.Points {
				lo, hi = min(lo, pt.Y), max(hi, pt.Y)
			}
		}
		marks = append(marks, lo)
		fixed := map[float64]float64{}
		for _, s := range pg.Symbols {
			marks = append(marks, s.Y, s.Y+s.H)
			fixed[s.Y+s.H] = alongSize(kinds[idx[s.Step]])
		}
		for _, r := range pg.Rows {
			marks = append(marks, r.Y, r.Y+r.H)
		}
		marks = append(marks, hi)
		slices.Sort(marks)
		var m pwl
		m.add(lo, x)
		for _, v := range marks[1:] {
			m.next(v, fixed[v])
		}
		geo.along = append(geo.along, m)
		x = m.to[len(m.to)-1]
		if p < len(g.Pages)-1 {
			cuts := 0
			for _, c := range pg.Connectors {
				cuts += 1 - boolInt(c.In)
			}
			for _, c := range g.Pages[p+1].Connectors {
				cuts += 1 - boolInt(c.In)
			}
			geo.gaps = append(geo.gaps, x)
			x += bpmnJog * float64(cuts+1)
		}
	}
	bottom := top
	if n := len(geo.lanes); n > 0 {
		bottom = geo.lanes[n-1].Y + geo.lanes[n-1].H
	}
	geo.pool = layout.Rect{X: bpmnOrigin, Y: top, W: x + bpmnPad - bpmnOrigin, H: bottom - top}
	for i := range geo.lanes {
		geo.lanes[i].X, geo.lanes[i].W = geo.pool.X+bpmnLaneHead, geo.pool.W-bpmnLaneHead
	}
	return geo
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// alongSize is the width along the flow of the node a step becomes.
func alongSize(kind string) float64 {
	switch kind {
	case "exclusiveGateway":
		return bpmnGatewayW
	case "startEvent", "endEvent":
		return bpmnEventW
	}
	return bpmnTaskW
}

// nodeBounds returns the bounds of step i's node: its symbol mapped,
// events and gateways made square about its middle.
func (geo *bpmnGeometry) nodeBounds(i int, kind string) layout.Rect {
	s := geo.sym[i]
	al := &geo.along[geo.page[i]]
	x0, x1 := al.at(s.Y), al.at(s.Y+s.H)
	y0, y1 := geo.across.at(s.X), geo.across.at(s.X+s.W)
	r := layout.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
	if kind != "task" {
		side := bpmnGatewayW
		if kind != "exclusiveGateway" {
			side = bpmnEventW
		}
		r = layout.Rect{X: r.X + r.W/2 - side/2, Y: r.Y + r.H/2 - side/2, W: side, H: side}
	}
	return r
}

// arrowPart is an arrow drawn on one page.
type arrowPart struct {
	page int
	a    *layout.Arrow
}

// parts returns the arrows that draw the edge from → to, page by page in
// the direction of the flow; used keeps an arrow from serving two edges
// (a decision whose two branches go to the same step).
func (geo *bpmnGeometry) parts(from, to string, forward bool, used map[*layout.Arrow]bool) []arrowPart {
	var out []arrowPart
	for p := range geo.g.Pages {
		for k := range geo.g.Pages[p].Arrows {
			a := &geo.g.Pages[p].Arrows[k]
			if a.From == from && a.To == to && !used[a] {
				used[a] = true
				out = append(out, arrowPart{p, a})
				break
			}
		}
	}
	if !forward {
		slices.Reverse(out)
	}
	return out
}

func (geo *bpmnGeometry) point(page int, p layout.Point) layout.Point {
	return layout.Point{X: geo.along[page].at(p.Y), Y: geo.across.at(p.X)}
}

// route maps the parts of an edge and joins them where a page break cut
// them; its ends are put on the outlines of src and dst.
func (geo *bpmnGeometry) route(parts []arrowPart, src, dst layout.Rect) ([]layout.Point, *layout.Rect) {
	var pts []layout.Point
	var label *layout.Rect
	for k, part := range parts {
		mapped := make([]layout.Point, len(part.a.Points))
		for i, p := range part.a.Points {
			mapped[i] = geo.point(part.page, p)
		}
		if k > 0 && len(pts) > 0 && len(mapped) > 0 {
			// Join at the gap between the two pages.
			gap := min(part.page, parts[k-1].page)
			geo.joins[gap]++
			xm := geo.gaps[gap] + bpmnJog*float64(geo.joins[gap])
			a, b := pts[len(pts)-1], mapped[0]
			pts = append(pts, layout.Point{X: xm, Y: a.Y}, layout.Point{X: xm, Y: b.Y})
		}
		pts = append(pts, mapped...)
		if l := part.a.Label; l != nil {
			// The label's middle mapped; its size that of the text as BPMN tools set it.
			c := geo.point(part.page, layout.Point{X: l.X + l.W/2, Y: l.Y + l.H/2})
			n := float64(utf8.RuneCountInString(l.Text))
			w := min(max(n*6+6, 20), 90)
			h := 14 * math.Ceil(n*6/90+0.01)
			label = &layout.Rect{X: c.X - w/2, Y: c.Y - h/2, W: w, H: h}
		}
	}
	if len(pts) < 2 {
		// No arrow found (the layout draws every edge; kept for safety): a straight line.
		a := layout.Point{X: src.X + src.W/2, Y: src.Y + src.H/2}
		b := layout.Point{X: dst.X + dst.W/2, Y: dst.Y + dst.H/2}
		pts = []layout.Point{a, {X: b.X, Y: a.Y}, b}
	}
	pts = dedupe(pts)
	snapEnd(pts, 0, 1, src)
	snapEnd(pts, len(pts)-1, len(pts)-2, dst)
	return dedupe(pts), label
}

// snapEnd moves the end point pts[e] of the segment from pts[n] onto
// the outline of r along that segment, and into r's extent across it.
func snapEnd(pts []layout.Point, e, n int, r layout.Rect) {
	if n < 0 || n >= len(pts) {
		return
	}
	p, q := &pts[e], &pts[n]
	if math.Abs(p.Y-q.Y) < 1e-6 { // horizontal
		y := min(max(p.Y, r.Y+2), r.Y+r.H-2)
		p.Y, q.Y = y, y
		if q.X < r.X+r.W/2 {
			p.X = r.X
		} else {
			p.X = r.X + r.W
		}
		return
	}
	x := min(max(p.X, r.X+2), r.X+r.W-2)
	p.X, q.X = x, x
	if q.Y < r.Y+r.H/2 {
		p.Y = r.Y
	} else {
		p.Y = r.Y + r.H
	}
}

// dedupe drops repeated points and the middle of three in a line.
func dedupe(pts []layout.Point) []layout.Point {
	var out []layout.Point
	for _, p := range pts {
		p = layout.Point{X: round1(p.X), Y: round1(p.Y)}
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if a.X == b.X && b.X == p.X || a.Y == b.Y && b.Y == p.Y {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func num(v float64) string { return strconv.FormatFloat(round1(v), 'f', -1, 64) }

// write writes the model as BPMN 2.0 XML.
func (m *bpmnModel) write(x *xmlWriter) {
	d := m.d
	x.s(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.s(`<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_1" targetNamespace="urn:esop:sop" exporter="e-SOP" exporterVersion="1">` + "\n")
	x.s(`  <bpmn:collaboration id="Collaboration_1">` + "\n")
	x.s(`    <bpmn:participant id="Participant_1" name="`)
	x.text(poolName(d))
	x.s(`" processRef="Process_1" />` + "\n")
	x.s("  </bpmn:collaboration>\n")
	x.s(`  <bpmn:process id="Process_1" name="`)
	x.text(d.Title)
	x.s(`" isExecutable="false">` + "\n")
	if d.Number != "" {
		x.s("    <bpmn:documentation>")
		x.text("Nomor SOP: " + d.Number)
		x.s("</bpmn:documentation>\n")
	}
	x.s(`    <bpmn:laneSet id="LaneSet_1">` + "\n")
	for i, a := range d.Actors {
		fmt.Fprintf(x, `      <bpmn:lane id="Lane_%d" name="`, i+1)
		x.text(a.Name)
		x.s(`">` + "\n")
		for _, n := range m.nodes {
			if n.lane == i {
				x.s("        <bpmn:flowNodeRef>" + n.id + "</bpmn:flowNodeRef>\n")
			}
		}
		x.s("      </bpmn:lane>\n")
	}
	x.s("    </bpmn:laneSet>\n")
	for _, n := range m.nodes {
		x.s("    <bpmn:" + n.kind + ` id="` + n.id + `"`)
		if n.name != "" {
			x.s(` name="`)
			x.text(n.name)
			x.s(`"`)
		}
		x.s(">\n")
		if n.doc != "" {
			x.s("      <bpmn:documentation>")
			x.text(n.doc)
			x.s("</bpmn:documentation>\n")
		}
		for _, f := range n.in {
			x.s("      <bpmn:incoming>" + f + "</bpmn:incoming>\n")
		}
		for _, f := range n.out {
			x.s("      <bpmn:outgoing>" + f + "</bpmn:outgoing>\n")
		}
		x.s("    </bpmn:" + n.kind + ">\n")
	}
	for _, f := range m.flows {
		x.s(`    <bpmn:sequenceFlow id="` + f.id + `"`)
		if f.name != "" {
			x.s(` name="`)
			x.text(f.name)
			x.s(`"`)
		}
		x.s(` sourceRef="` + f.src + `" targetRef="` + f.dst + `" />` + "\n")
	}
	x.s("  </bpmn:process>\n")
	x.s(`  <bpmndi:BPMNDiagram id="BPMNDiagram_1">` + "\n")
	x.s(`    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">` + "\n")
	shape := func(id, el string, r layout.Rect, extra string) {
		x.s(`      <bpmndi:BPMNShape id="` + id + `" bpmnElement="` + el + `"` + extra + ">\n")
		x.s(`        <dc:Bounds x="` + num(r.X) + `" y="` + num(r.Y) + `" width="` + num(r.W) + `" height="` + num(r.H) + `" />` + "\n")
		x.s("      </bpmndi:BPMNShape>\n")
	}
	shape("Participant_1_di", "Participant_1", m.pool, ` isHorizontal="true"`)
	for i, l := range m.lanes {
		id := "Lane_" + strconv.Itoa(i+1)
		shape(id+"_di", id, l, ` isHorizontal="true"`)
	}
	for _, n := range m.nodes {
		extra := ""
		if n.kind == "exclusiveGateway" {
			extra = ` isMarkerVisible="true"`
		}
		shape(n.id+"_di", n.id, n.bounds, extra)
	}
	for _, f := range m.flows {
		x.s(`      <bpmndi:BPMNEdge id="` + f.id + `_di" bpmnElement="` + f.id + `">` + "\n")
		for _, p := range f.pts {
			x.s(`        <di:waypoint x="` + num(p.X) + `" y="` + num(p.Y) + `" />` + "\n")
		}
		if f.label != nil {
			r := f.label
			x.s("        <bpmndi:BPMNLabel>\n")
			x.s(`          <dc:Bounds x="` + num(r.X) + `" y="` + num(r.Y) + `" width="` + num(max(r.W, 20)) + `" height="` + num(max(r.H, 14)) + `" />` + "\n")
			x.s("        </bpmndi:BPMNLabel>\n")
		}
		x.s("      </bpmndi:BPMNEdge>\n")
	}
	x.s("    </bpmndi:BPMNPlane>\n")
	x.s("  </bpmndi:BPMNDiagram>\n")
	x.s("</bpmn:definitions>\n")
}

// Write makes an xmlWriter an io.Writer for fmt.Fprintf.
func (b *xmlWriter) Write(p []byte) (int, error) {
	b.s(string(p))
	return len(p), b.err
}

// poolName is the participant's name: the unit and the agency.
func poolName(d *esop.Document) string {
	return strings.Join(slices.DeleteFunc([]string{d.Unit, d.Agency}, func(s string) bool { return s == "" }), " — ")
}
