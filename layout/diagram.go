// Package layout turns a valid SOP document into the geometry of its
// printed flowchart, in millimetres: the table of Permenpan RB 35/2012
// (NO | KEGIATAN | PELAKSANA … | MUTU BAKU: KELENGKAPAN, WAKTU, OUTPUT |
// KETERANGAN), one symbol per row in its actor's column, orthogonal arrows
// routed between them, and pages joined by off-page connectors.
//
// Layout is pure and deterministic: the same document and options give the
// same Diagram, byte for byte once encoded. It draws nothing; the renderers
// in render/svg, render/pdf and render/png only paint the Diagram.
//
// Coordinates are millimetres on a landscape page, origin at the top-left
// corner of the paper, x to the right and y downwards.
package layout

// Paper sizes in millimetres, landscape (width > height).
var (
	A4 = Size{W: 297, H: 210}
	F4 = Size{W: 330, H: 215}
)

// Size is a width and a height in millimetres.
type Size struct{ W, H float64 }

// Point is a position in millimetres.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle: X, Y is its top-left corner.
type Rect struct{ X, Y, W, H float64 }

// Symbol kinds: the shapes of Permenpan RB 35/2012 drawn in the actor
// columns. Arrows end exactly on the outline of these shapes drawn in
// their Rect: a terminator is a capsule whose ends are half circles of
// radius min(W, H)/2; a decision a diamond whose corners are the middles
// of the Rect's sides; an off-page connector a pentagon pointing down,
// its tip the middle of the Rect's bottom side, which arrows join at
// that tip or at the middle of its top side.
const (
	Terminator = "terminator" // capsule: the first step and every end
	Process    = "process"    // rectangle
	Decision   = "decision"   // diamond
	OffPage    = "offpage"    // pentagon joining two pages
)

// Measurer measures text for line breaking. Width returns the advance of s
// in millimetres, set at size points, bold or regular. The renderers
// provide one from the font they embed, so that the lines computed here
// are the lines they print.
type Measurer interface {
	Width(s string, size float64, bold bool) float64
}

// Options changes how a document is laid out. The zero Options (or nil)
// uses the document's layout hints, then the defaults.
type Options struct {
	// Paper overrides the document's layout.paper: "A4" or "F4".
	Paper string
	// FirstPageSteps and PageSteps override the document's rows per page.
	FirstPageSteps, PageSteps int
	// Measure measures text; nil uses an approximation of Liberation Sans.
	Measure Measurer
	// QR keeps room on the identity page for the QR code of the print's
	// verification address (render sets it for approved SOPs when the
	// site's address is known).
	QR bool
	// Related, when not nil, is the Keterkaitan printed on the identity
	// page, one line per entry, in place of the document's entries as
	// written: render passes the entries resolved to the SOPs they name
	// (number and title) when the SOP is printed from a database.
	Related []string

	memo  *columnsMemo // set by Layout: what its layouts of one document share (columns.go)
	prior []float64    // the width the pelaksana asked beyond their labels' need in the layout a second one mends (nearerLabels), or nil
	// widerNotes gives KETERANGAN width from the other text columns
	// where its notes make their rows tall (notesFromText): the layout
	// notesKept makes again.
	widerNotes bool
	notesRoom  *pageRoom // the pages of the layout notesKept mends, their rows and room (widerNotes)
	// widerOutputs gives OUTPUT width where its cells stand a word a line
	// (widerOutputs, within outputsRoom): the layout outputsKept makes
	// again.
	widerOutputs bool
	outputsRoom  *pageRoom
	// airy lets the text's rows grow by labelRowsGrowthAiry for the
	// pelaksana whose labels stand squeezed or at a rule (widerForLabels).
	airy bool
	// tallTitles gives the pelaksana whose title stands tallest in the
	// header width from the text (shorterTitles): the layout
	// shorterHeader makes again.
	tallTitles bool
	// channels is the width the first and the last pelaksana take from
	// the text for a run along their outer rule (channelRoom): the layout
	// channelRoom makes again.
	channels [2]float64
	// noForks lays every page out from the start, none from a fork
	// (fork.go): what TestForkedPagesAsLaidOut compares the forks with.
	noForks bool
}

// Text sizes of the flowchart in points. Official-layout.md asks for the
// KEGIATAN and MUTU BAKU text at 9 pt at least (8 pt with more than six
// pelaksana), headers at 8 pt at least and nothing below MinTextSize;
// more rows take more pages, never smaller type.
const (
	HeaderSize = 9 // table header, the size of the body text, down to headerMinSize for a word that does not fit
	BodySize   = 9 // table cells with up to six pelaksana
	// BodySizeCrowded is the size of the table cells with more than
	// crowdedActors pelaksana, whose text columns are narrower.
	BodySizeCrowded = 8
	LabelSize       = 7 // arrow labels; connector letters are set bold a point larger
)

// The arrowhead at the end of every arrow, in millimetres: its length
// along the arrow and half its width (render draws it so).
const (
	ArrowHeadLength = 1.8
	ArrowHeadHalf   = 0.75
)

// headClear is how far a label keeps from the middle of an arrow where
// the arrow ends in its head: half the head, its outline and labelClear.
const headClear = ArrowHeadHalf + 0.1 + labelClear

// crowdedActors is the most pelaksana whose table is set at BodySize.
const crowdedActors = 6

// Diagram is the laid-out flowchart part of an SOP.
type Diagram struct {
	Paper  Size
	Margin float64 // on every side
	Frame  Frame   // the margins, the footer and the draft mark of every page
	// BodySize is the size in points of the text of the table's cells and of its total.
	BodySize float64
	Columns  []Column // left to right, shared by every page
	Pages    []Page
	// Total is the printed total of the WAKTU column, "Jumlah waktu: 2 hari 15 menit", or "".
	Total string
	// TotalLines is Total as printed in each page's TotalAt, wrapped
	// under the MUTU BAKU columns (and KETERANGAN) where it is long.
	TotalLines []string
}

// Column is one column of the table.
type Column struct {
	Kind  string // "no", "activity", "actor", "requirements", "time", "output", "note"
	Actor string // actor id, for Kind "actor"
	Title string // the column's title, e.g. "KEGIATAN" or the actor's name (the header prints KETERANGAN as "KET." where it must)
	X, W  float64
	// GutterL and GutterR are, for the first and the last pelaksana, the
	// width the column has beside the table's rule for the channel of
	// arrows there (openGutters, and channelRoom for a run along that
	// rule), beyond what the pelaksana share.
	GutterL, GutterR float64
	// Middle is the x of the middle of the column's symbols: X+W/2, or
	// off it by half its gutter where an arrow runs along it.
	Middle float64
}

// Inner returns the width of the column its symbols stand in the middle
// of: its width, its gutters aside.
func (c Column) Inner() float64 { return c.W - c.GutterL - c.GutterR }

// Page is one flowchart page.
type Page struct {
	Number int    // 1-based among the flowchart pages
	Cells  []Cell // header cells and body cells, with their wrapped text
	Rules  []Line // the table's ruling lines
	Rows   []Row
	// Symbols, Arrows and Connectors are what is drawn in the actor columns.
	Symbols    []Symbol
	Arrows     []Arrow
	Connectors []Connector
	// TotalAt is where the total line is printed on the last page (zero elsewhere).
	TotalAt Rect
	// Refs are the KEGIATAN cells of the bands of off-page connectors that
	// name where the arrow of each connector of the band comes from or
	// goes to ("A dari kegiatan 14"), set at the body size where it fits,
	// else at LabelSize (connectorRefs).
	Refs []Cell

	labelsUnfree    int        // labels that found no free place (labelSpot's last resort)
	connOffRules    bool       // connectors were moved for their sides to clear a rule, or set connGapWide apart (stubsOffRules)
	labelRoomUnused float64    // the most room a decision row keeps for labels where none stands (see tighten)
	unclear         []exitSide // side exits whose labels stand as near another arrow as their own (unclearExits)
	flanking        []exitSide // side exits whose labels stand under their runs beside their diamond's bottom exit (flankingExits)
	lanesWanted     bool       // a connector sharing its column could drop straight to its step, and does not (markLanes)
	underMoved      []int      // the edges whose connectors moved under (or over) their channel runs (underRuns)
	underCould      bool       // underRuns would move a connector of the page (underCould)
	bottoms         []float64  // the bottom of each row, connector rows too, for the rules (fillTable)
	crossAll        int        // arrowCrossings' counts, once crossKnown: pagination compares one page many times
	crossNear       int
	crossKnown      bool
	crossPts        []crossingPoint // crossingPoints, once crossKnown (inCrossing asks for each connector)
	hopsMoved       bool            // a pass moved a piece of an arrow others may cross since markHops (remarkHops)
	made            *pageRecipe     // what the page was made with (buildPageWith), for remakeAs
}

// Row is the band of one step on a page.
type Row struct {
	Step  string // step id
	Index int    // 0-based index of the step in the document
	Y, H  float64

	breathed float64 // the height openRows gave it
}

// Cell is a table cell with its text already broken into lines. Each line
// fits the cell's width less 2×CellPadX as measured by Options.Measure;
// set LineHeight(Size) apart, the lines fit its height less 2×CellPadY.
// Size is the diagram's BodySize, or the header's size: the same, or 8 pt
// for a header title whose words would not fit its column otherwise.
type Cell struct {
	Rect
	Lines []string
	Size  float64 // points
	Bold  bool
	Align string // "left", "center" (both ways), "middle" (left, between top and bottom)
	// Hang is how much further right than the others a line starting
	// with HangMark is drawn (the mark itself is not): a list item's
	// later lines, under its first word.
	Hang float64 `json:",omitempty"`
}

// Line is a straight line segment.
type Line struct{ A, B Point }

// Symbol is the shape of one step.
type Symbol struct {
	Step string // step id
	Kind string // Terminator, Process or Decision
	Rect        // bounding box; a decision's diamond touches the middle of each side
}

// Arrow is one routed edge of the flow, or the part of it on one page.
// Points are the corners of an orthogonal polyline; the last point touches
// the target (a symbol or a connector) and carries the arrowhead.
type Arrow struct {
	From, To string // step ids of the edge this arrow draws
	Points   []Point
	Label    *Label // the decision exit label ("Ya", "Tidak", …), or nil
	// Hops are the points of the arrow's horizontal runs where another
	// arrow's vertical run crosses them: the arrow is drawn hopping over
	// it there (HopRadius), so that the crossing does not read as a
	// junction. Few: the routes avoid crossings where any route can.
	Hops []Point
}

// HopRadius is the radius in millimetres of the half circle an arrow
// draws over another at a crossing (Arrow.Hops).
const HopRadius = 1.2

// Label is a short text placed next to an arrow, set at LabelSize in the
// middle of its Rect, which no arrow crosses.
type Label struct {
	Text string
	// Lines is Text broken into lines no wider than W, as measured by
	// Options.Measure; set LineHeight(LabelSize) apart they fill H.
	Lines []string
	Rect
}

// Connector is an off-page connector (pentagon). Every arrow whose two
// steps stand on different pages is cut into a pair of connectors with
// the same letter: the "out" one on the page of its source, in the band
// below the last row, and the "in" one on the page of its target, in the
// band above the first row, whichever way the arrow runs; nothing of it is
// drawn on the pages between. A rework loop's connector may stand in the
// other band (see Up).
type Connector struct {
	Letter string // A, B, C, … Z, AA, AB, …
	In     bool   // true at the page where the flow enters
	// Up: the pentagon points up, the way its arrow runs: a rework loop's
	// connector in the other band (an in-connector below the rows, its
	// arrow rising from its point; an out-connector above them, its arrow
	// rising into it). Else it points down, as an in-connector above the
	// rows and an out-connector below them do: the point shows where the
	// flow goes, so that an in and an out side by side in one band are
	// told apart by more than their arrowheads.
	Up       bool
	From, To string // step ids of the edge it carries
	Rect
}
