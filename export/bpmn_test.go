package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// BPMNModdleVersion is the version of bpmn-moddle (the model bpmn.io and
// Camunda Modeler read files with) the test loads every export with; the
// Makefile's bpmn-moddle target installs the same.
const bpmnModdleVersion = "10.3.1"

// xmlNode is an element of a parsed XML file, for the structural checks.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []xmlNode  `xml:",any"`
}

func (n *xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *xmlNode) walk(f func(*xmlNode)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

func num64(t *testing.T, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

type box struct{ x, y, w, h float64 }

func (b box) contains(o box) bool {
	return o.x >= b.x-0.05 && o.y >= b.y-0.05 && o.x+o.w <= b.x+b.w+0.05 && o.y+o.h <= b.y+b.h+0.05
}

func (b box) overlaps(o box) bool {
	return b.x < o.x+o.w && o.x < b.x+b.w && b.y < o.y+o.h && o.y < b.y+b.h
}

// onOutline reports whether p is on the outline of b.
func (b box) onOutline(x, y float64) bool {
	const e = 0.11
	in := x >= b.x-e && x <= b.x+b.w+e && y >= b.y-e && y <= b.y+b.h+e
	return in && (math.Abs(x-b.x) < e || math.Abs(x-b.x-b.w) < e || math.Abs(y-b.y) < e || math.Abs(y-b.y-b.h) < e)
}

// TestBPMNStructure parses every sample's BPMN back and checks it as a
// BPMN tool would need it: ids unique, every reference names an element
// that is there, one lane per pelaksana holding exactly its steps, one
// sequence flow per arrow of the flowchart with the decision's labels,
// a shape for every node inside its lane, no two nodes overlapping, and
// orthogonal edges from the outline of their source to that of their
// target.
func TestBPMNStructure(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteBPMN(&b, s.doc); err != nil {
				t.Fatal(err)
			}
			var root xmlNode
			if err := xml.Unmarshal(b.Bytes(), &root); err != nil {
				t.Fatal(err)
			}
			checkBPMN(t, s.doc, &root)
		})
	}
}

func checkBPMN(t *testing.T, d *esop.Document, root *xmlNode) {
	t.Helper()
	const model = "http://www.omg.org/spec/BPMN/20100524/MODEL"
	if root.XMLName.Space != model || root.XMLName.Local != "definitions" {
		t.Fatalf("root %v", root.XMLName)
	}
	ids := map[string]*xmlNode{}
	root.walk(func(n *xmlNode) {
		if id := n.attr("id"); id != "" {
			if ids[id] != nil {
				t.Errorf("id %s twice", id)
			}
			ids[id] = n
		}
	})
	var lanes, flows, nodes, shapes, edges []*xmlNode
	participants := 0
	root.walk(func(n *xmlNode) {
		switch n.XMLName.Local {
		case "participant":
			participants++
			if ids[n.attr("processRef")] == nil {
				t.Errorf("participant names process %q, which is not there", n.attr("processRef"))
			}
		case "lane":
			lanes = append(lanes, n)
		case "sequenceFlow":
			flows = append(flows, n)
		case "startEvent", "endEvent", "task", "exclusiveGateway":
			nodes = append(nodes, n)
		case "BPMNShape":
			shapes = append(shapes, n)
		case "BPMNEdge":
			edges = append(edges, n)
		}
	})
	if participants != 1 {
		t.Errorf("%d participants, want 1", participants)
	}
	// One lane per pelaksana, in order, with the nodes of its steps.
	if len(lanes) != len(d.Actors) {
		t.Fatalf("%d lanes for %d pelaksana", len(lanes), len(d.Actors))
	}
	laneOf := map[string]int{}
	for k, l := range lanes {
		if l.attr("name") != d.Actors[k].Name {
			t.Errorf("lane %d is %q, want %q", k, l.attr("name"), d.Actors[k].Name)
		}
		for _, r := range l.Nodes {
			if r.XMLName.Local == "flowNodeRef" {
				if ids[r.Text] == nil {
					t.Errorf("lane %d lists %q, which is not there", k, r.Text)
				}
				if _, dup := laneOf[r.Text]; dup {
					t.Errorf("%s in two lanes", r.Text)
				}
				laneOf[r.Text] = k
			}
		}
	}
	for i, st := range d.Steps {
		id := "Step_" + strconv.Itoa(i+1)
		n := ids[id]
		if n == nil {
			t.Fatalf("no node for step %s", st.ID)
		}
		if k, ok := laneOf[id]; !ok || d.Actors[k].ID != st.Actor {
			t.Errorf("step %s in lane %d, want the lane of %s", st.ID, k, st.Actor)
		}
		want := "task"
		switch {
		case st.Decision != nil:
			want = "exclusiveGateway"
		case d.IsEnd(i) && i > 0:
			want = "endEvent"
		case i == 0 && n.XMLName.Local == "startEvent":
			want = "startEvent"
		}
		if n.XMLName.Local != want {
			t.Errorf("step %s is a %s, want a %s", st.ID, n.XMLName.Local, want)
		}
		if n.attr("name") != st.Activity {
			t.Errorf("step %s named %q", st.ID, n.attr("name"))
		}
	}
	if len(laneOf) != len(nodes) {
		t.Errorf("%d nodes in lanes of %d", len(laneOf), len(nodes))
	}
	// One sequence flow per arrow (and the one from an added start event).
	type arrow struct{ from, to, name string }
	var want []arrow
	for i := range d.Steps {
		var labels [2]string
		if dec := d.Steps[i].Decision; dec != nil {
			labels[0], labels[1] = dec.Labels()
		}
		for b, j := range d.Successors(i) {
			want = append(want, arrow{"Step_" + strconv.Itoa(i+1), "Step_" + strconv.Itoa(j+1), labels[b]})
		}
	}
	var got []arrow
	for _, f := range flows {
		src, dst := f.attr("sourceRef"), f.attr("targetRef")
		if ids[src] == nil || ids[dst] == nil {
			t.Errorf("flow %s from %q to %q: not there", f.attr("id"), src, dst)
		}
		if f.attr("id") == "Flow_start" {
			if ids[src].XMLName.Local != "startEvent" || dst != "Step_1" || ids["Step_1"].XMLName.Local != "task" {
				t.Errorf("the added start flow goes from %s to %s", src, dst)
			}
			continue
		}
		got = append(got, arrow{src, dst, f.attr("name")})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sequence flows\n got %v\nwant %v", got, want)
	}
	// incoming/outgoing name the flows.
	for _, n := range nodes {
		for _, c := range n.Nodes {
			if c.XMLName.Local == "incoming" || c.XMLName.Local == "outgoing" {
				f := ids[c.Text]
				if f == nil || f.XMLName.Local != "sequenceFlow" {
					t.Errorf("%s: %s %q is no flow", n.attr("id"), c.XMLName.Local, c.Text)
				} else if end := map[string]string{"incoming": "targetRef", "outgoing": "sourceRef"}[c.XMLName.Local]; f.attr(end) != n.attr("id") {
					t.Errorf("%s: %s %s does not touch it", n.attr("id"), c.XMLName.Local, c.Text)
				}
			}
		}
	}
	// The diagram: a shape per node and lane, an edge per flow.
	bounds := map[string]box{}
	for _, sh := range shapes {
		el := sh.attr("bpmnElement")
		if ids[el] == nil {
			t.Errorf("shape of %q, which is not there", el)
		}
		for _, c := range sh.Nodes {
			if c.XMLName.Local == "Bounds" {
				bounds[el] = box{num64(t, c.attr("x")), num64(t, c.attr("y")), num64(t, c.attr("width")), num64(t, c.attr("height"))}
			}
		}
	}
	pool := bounds["Participant_1"]
	for k, l := range lanes {
		lb, ok := bounds[l.attr("id")]
		if !ok || !pool.contains(lb) {
			t.Errorf("lane %d: bounds %v outside the pool %v", k, lb, pool)
		}
	}
	for i, n := range nodes {
		id := n.attr("id")
		nb, ok := bounds[id]
		if !ok {
			t.Errorf("no shape for %s", id)
			continue
		}
		if lb := bounds[lanes[laneOf[id]].attr("id")]; !lb.contains(nb) {
			t.Errorf("%s %v outside its lane %v", id, nb, lb)
		}
		for _, o := range nodes[i+1:] {
			if ob := bounds[o.attr("id")]; nb.overlaps(ob) {
				t.Errorf("%s %v overlaps %s %v", id, nb, o.attr("id"), ob)
			}
		}
	}
	if len(edges) != len(flows) {
		t.Errorf("%d edges for %d flows", len(edges), len(flows))
	}
	for _, e := range edges {
		f := ids[e.attr("bpmnElement")]
		if f == nil || f.XMLName.Local != "sequenceFlow" {
			t.Errorf("edge of %q, no flow", e.attr("bpmnElement"))
			continue
		}
		var pts [][2]float64
		for _, c := range e.Nodes {
			if c.XMLName.Local == "waypoint" {
				pts = append(pts, [2]float64{num64(t, c.attr("x")), num64(t, c.attr("y"))})
			}
		}
		if len(pts) < 2 {
			t.Errorf("edge %s has %d waypoints", e.attr("id"), len(pts))
			continue
		}
		for k := 1; k < len(pts); k++ {
			if pts[k][0] != pts[k-1][0] && pts[k][1] != pts[k-1][1] {
				t.Errorf("edge %s: %v to %v is not orthogonal", e.attr("id"), pts[k-1], pts[k])
			}
		}
		src, dst := bounds[f.attr("sourceRef")], bounds[f.attr("targetRef")]
		if p := pts[0]; !src.onOutline(p[0], p[1]) {
			t.Errorf("edge %s starts at %v, off %s %v", e.attr("id"), p, f.attr("sourceRef"), src)
		}
		if p := pts[len(pts)-1]; !dst.onOutline(p[0], p[1]) {
			t.Errorf("edge %s ends at %v, off %s %v", e.attr("id"), p, f.attr("targetRef"), dst)
		}
	}
}

// TestBPMNRefusesInvalid: a document with errors is refused, nothing written.
func TestBPMNRefusesInvalid(t *testing.T) {
	d := samples(t)[0].doc.Clone()
	d.Steps[0].Actor = "nobody"
	var b bytes.Buffer
	err := WriteBPMN(&b, d)
	if esop.ErrorCode(err) != esop.EINVALID || b.Len() != 0 {
		t.Fatalf("err %v, %d bytes written", err, b.Len())
	}
}

// moddleDir returns the folder bpmn-moddle is installed in, installing
// it with npm the first time. Without Node.js the test is skipped, except
// under CI=true, where it fails.
func moddleDir(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Node.js is not installed; CI must run the bpmn-moddle check (.ci/run installs nodejs)")
		}
		t.Skip("Node.js is not installed")
	}
	_ = node
	dir, err := filepath.Abs(filepath.Join("..", ".cache", "bpmn-moddle-"+bpmnModdleVersion))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "bpmn-moddle", "package.json")); err == nil {
		return dir
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("npm is not installed")
		}
		t.Skip("npm is not installed")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npm, "install", "--prefix", dir, "--no-audit", "--no-fund", "--no-save", "bpmn-moddle@"+bpmnModdleVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("npm install bpmn-moddle: %v\n%s", err, out)
		}
		t.Skipf("npm install bpmn-moddle failed (offline?): %v\n%s", err, out)
	}
	return dir
}

// TestBPMNModdle loads every sample's BPMN with bpmn-moddle and requires
// no warning, one lane per pelaksana with the nodes of its steps, one
// sequence flow per arrow and a diagram element for each.
func TestBPMNModdle(t *testing.T) {
	dir := moddleDir(t)
	tmp := t.TempDir()
	ss := samples(t)
	args := []string{filepath.Join("testdata", "bpmncheck.mjs"), dir}
	for i, s := range ss {
		name := filepath.Join(tmp, strconv.Itoa(i)+".bpmn")
		var b bytes.Buffer
		if err := WriteBPMN(&b, s.doc); err != nil {
			t.Fatal(s.name, err)
		}
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, name)
	}
	out, err := exec.Command("node", args...).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("node: %v\n%s", err, stderr)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	n := 0
	for sc.Scan() {
		var r struct {
			Error    string
			Warnings []string
			Lanes    []struct {
				Name  string
				Nodes []string
			}
			Flows []struct{ ID, Name, Source, Target string }
			Nodes []struct {
				ID, Type string
			}
			Shapes []struct{ Element string }
			Edges  []struct {
				Element   string
				Waypoints [][2]float64
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		s := ss[n]
		n++
		d := s.doc
		if r.Error != "" || len(r.Warnings) > 0 {
			t.Errorf("%s: error %q, warnings %q", s.name, r.Error, r.Warnings)
			continue
		}
		if len(r.Lanes) != len(d.Actors) {
			t.Errorf("%s: %d lanes for %d pelaksana", s.name, len(r.Lanes), len(d.Actors))
			continue
		}
		for k, l := range r.Lanes {
			var want []string
			for i, st := range d.Steps {
				if st.Actor == d.Actors[k].ID {
					want = append(want, "Step_"+strconv.Itoa(i+1))
				}
			}
			got := strings.Join(l.Nodes, " ")
			got = strings.TrimPrefix(got, "Start_1 ")
			if l.Name != d.Actors[k].Name || got != strings.Join(want, " ") {
				t.Errorf("%s: lane %d %q holds %v, want %v", s.name, k, l.Name, l.Nodes, want)
			}
		}
		arrows := 0
		for i := range d.Steps {
			arrows += len(d.Successors(i))
		}
		flows := 0
		for _, f := range r.Flows {
			if f.ID != "Flow_start" {
				flows++
			}
			if f.Source == "" || f.Target == "" {
				t.Errorf("%s: flow %s has no source or target", s.name, f.ID)
			}
		}
		if flows != arrows {
			t.Errorf("%s: %d sequence flows for %d arrows", s.name, flows, arrows)
		}
		if len(r.Edges) != len(r.Flows) || len(r.Shapes) != len(r.Nodes)+len(r.Lanes)+1 {
			t.Errorf("%s: %d edges for %d flows, %d shapes for %d nodes and %d lanes", s.name, len(r.Edges), len(r.Flows), len(r.Shapes), len(r.Nodes), len(r.Lanes))
		}
		for _, e := range r.Edges {
			if e.Element == "" || len(e.Waypoints) < 2 {
				t.Errorf("%s: edge of %q with %d waypoints", s.name, e.Element, len(e.Waypoints))
			}
		}
	}
	if n != len(ss) {
		t.Fatalf("bpmn-moddle answered for %d of %d files", n, len(ss))
	}
}
