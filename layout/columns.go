package layout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// Column kinds, left to right.
const (
	colNo           = "no"
	colActivity     = "activity"
	colActor        = "actor"
	colRequirements = "requirements"
	colTime         = "time"
	colOutput       = "output"
	colNote         = "note"
)

// Widths of the actor columns in millimetres: the preferred range, and
// the narrowest column that still holds a symbol and its two channels.
const (
	actorMin         = 20.0
	actorMax         = 40.0
	actorLabelMax    = 60.0 // the widest an actor column grows for long exit labels
	actorFewLabelMax = 90.0 // the same with one or two actors
	actorHardMin     = 12.0
	margin           = Margin
	noColumnMin      = 7.0
	noteShortName    = "KET."
	minTextColumn    = 8.0  // an empty text column keeps at least this, and its header
	textShare        = 0.62 // of the table's width that text columns get when actors could take it
	titleRoom        = 16.0 // the narrowest pelaksana for which the text columns keep their titles whole
)

// textColumn describes one of the five text columns of the table.
type textColumn struct {
	kind, title string
	short       string  // the title the column must at least hold
	hardMin     float64 // narrowest width at all
}

// textColumnSpecs returns the text columns in the order of cellTexts.
func textColumnSpecs() [5]textColumn {
	return [5]textColumn{
		{colActivity, "KEGIATAN", "KEGIATAN", 28},
		{colRequirements, "KELENGKAPAN", "KELENGKAPAN", 16},
		{colTime, "WAKTU", "WAKTU", 11},
		{colOutput, "OUTPUT", "OUTPUT", 14},
		{colNote, "KETERANGAN", noteShortName, 12},
	}
}

// cellTexts returns the texts of the text cells of step i, in the order
// of textColumnSpecs: activity, requirements, time, output, note.
func cellTexts(s *esop.Step) [5]string {
	req := ""
	switch len(s.Requirements) {
	case 0:
	case 1:
		req = s.Requirements[0]
	default:
		items := make([]string, len(s.Requirements))
		for i, r := range s.Requirements {
			items[i] = "- " + r
		}
		req = strings.Join(items, "\n")
	}
	return [5]string{s.Activity, orDash(req), orDash(s.Time.Indonesian()), orDash(s.Output), s.Note}
}

// orDash returns s, or "-" for an empty field, as official forms print
// a field left empty. KETERANGAN is a note, not a field: it stays blank.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// columnDemand is what the content of one text column asks for.
type columnDemand struct {
	hard    float64 // the narrowest it may get
	min     float64 // narrow enough to keep its header and its longest word whole
	natural float64 // wide enough for every cell on one line
	demand  float64 // the total width of its text
}

// wordCap is the widest a column grows to keep a long word whole; longer
// words (addresses, codes) break anyway.
const wordCap = 35.0

// measureColumns returns what each text column's content asks for; a
// column's share of the free width is proportional to its demand.
func measureColumns(m Measurer, texts [][5]string, size float64, wholeTitles bool) [5]columnDemand {
	var out [5]columnDemand
	for j, tc := range textColumnSpecs() {
		c := &out[j]
		head := m.Width(tc.short, size, true) + 2*CellPadX
		c.hard = max(min(tc.hardMin, head), minTextColumn)
		if wholeTitles {
			// A reviewer reads KELENGKAPAN, not KELENGKA-PAN: the column
			// keeps its title whole at the least header size.
			c.hard = max(c.hard, m.Width(tc.short, headerMinSize, true)+2*CellPadX+0.01)
		}
		c.min = max(c.hard, head)
		c.natural = c.min
		for _, t := range texts {
			if t[j] != "" {
				c.hard = max(c.hard, tc.hardMin)
			}
			for _, line := range strings.Split(t[j], "\n") {
				w := m.Width(line, size, false)
				c.demand += w
				c.natural = max(c.natural, w+2*CellPadX+0.01)
				for _, word := range strings.Fields(line) {
					c.min = max(c.min, min(m.Width(word, size, false)+2*CellPadX+0.01, wordCap))
				}
				if tc.kind == colTime {
					// "30 menit" is read as one word: the column holds
					// every number with its unit on one line.
					for _, pair := range quantities(line) {
						w := min(m.Width(pair, size, false)+2*CellPadX+0.01, wordCap)
						c.min, c.hard = max(c.min, w), max(c.hard, w)
					}
				}
			}
		}
		c.min = max(c.min, c.hard)
		if tc.kind == colTime {
			// A time written as text ("sesuai jadwal pemberangkatan")
			// wraps like a note, a long word hyphenated: it does not
			// claim the width of its line, nor of its longest word, from
			// KEGIATAN.
			c.min = max(c.hard, min(c.min, timeNaturalMax))
			c.natural = max(c.min, min(c.natural, timeNaturalMax))
		}
	}
	return out
}

// timeNaturalMax is the widest the WAKTU column asks for when every cell
// could stand on one line: wide enough for "sesuai jadwal" and for any
// number with its unit.
const timeNaturalMax = 22.0

// quantities returns every number of line with the word after it, its
// unit ("30 menit", "1 minggu").
func quantities(line string) []string {
	f := strings.Fields(line)
	var out []string
	for i := 0; i+1 < len(f); i++ {
		if isNumber(f[i]) {
			out = append(out, f[i]+" "+f[i+1])
		}
	}
	return out
}

// isNumber reports whether s is written with digits only, a decimal
// comma or point included.
func isNumber(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r == ',' || r == '.':
		default:
			return false
		}
	}
	return digits
}

// columns lays out the table columns across the width between the
// margins: NO, KEGIATAN, one column per actor, the three MUTU BAKU
// columns and KETERANGAN.
func columns(d *esop.Document, m Measurer, texts [][5]string, paper Size, size, share float64) ([]Column, error) {
	x0, x1 := margin, paper.W-margin
	noW := ceil2(max(noColumnMin, m.Width("NO", size, true)+2*CellPadX,
		m.Width(strconv.Itoa(len(d.Steps)), size, false)+2*CellPadX) + 0.01)
	n := float64(len(d.Actors))
	avail := x1 - x0 - noW
	// The text columns keep their titles whole unless that leaves the
	// pelaksana narrower than titleRoom (twelve of them on A4), whose
	// own titles, often long names, would then take more lines.
	dem := measureColumns(m, texts, size, true)
	mins, sumMin := textMinimums(dem, avail-n*actorMin)
	if (avail-sumMin)/n < titleRoom {
		dem = measureColumns(m, texts, size, false)
		mins, sumMin = textMinimums(dem, avail-n*actorMin)
	}
	aMin := min(actorMin, (avail-sumMin)/n)
	if aMin < actorHardMin {
		return nil, fmt.Errorf("layout: %d pelaksana do not fit across the paper (%.0f mm)", len(d.Actors), paper.W)
	}
	natural := 0.0
	for j := range dem {
		natural += max(dem[j].natural, mins[j])
	}
	// The text columns ask for their natural widths, but for no more than
	// a share of the table when that would squeeze the actors.
	textWant := min(natural, max(sumMin, share*avail))
	aMax := actorWidest(d, m)
	aw := min(max((avail-textWant)/n, aMin), aMax)
	// A decision's exit label is set beside its diamond, in half of the
	// column: the pelaksana grow until the longest word of the labels
	// stands there whole ("Memenuhi", not "Me-/me-/nuhi"), or the longest
	// that can while the text keeps labelTextShare of the table (share,
	// when a larger one is asked for to fit a row); growing short of a
	// word would only squeeze the text.
	floor := max(sumMin, max(share, labelTextShare)*avail)
	if share <= textShare {
		floor = max(sumMin, labelTextShare*avail)
	}
	room := min((avail-floor)/n, aMax)
	for _, need := range labelColumns(d, m) {
		if need > aw && need <= room {
			aw = need
		}
	}
	widths, left := waterfill(avail-n*aw, mins, dem)
	if left > 0 {
		grow := min(left/n, aMax-aw)
		aw += grow
		left -= grow * n
		spreadEvenly(&widths, left)
	}
	return placeColumns(d, m, x0, x1, noW, aw, widths, size), nil
}

// actorWidest returns the widest an actor column grows when there is
// room: wider than actorMax when a decision's exit label needs it, so
// that the label stands beside its arrow clear of the channels.
func actorWidest(d *esop.Document, m Measurer) float64 {
	label := 0.0
	for _, s := range d.Steps {
		if s.Decision != nil {
			yes, no := s.Decision.Labels()
			label = max(label, m.Width(yes, LabelSize, false), m.Width(no, LabelSize, false))
		}
	}
	// Half the widest symbol, then the label beside its vertex, then a
	// track and the clearances of both.
	widest := actorLabelMax
	if len(d.Actors) <= 2 {
		widest = actorFewLabelMax
	}
	return min(max(actorMax, 2*(9+label+4)), widest)
}

// labelTextShare is the least share of the table's width the text
// columns keep when the pelaksana grow for the words of exit labels.
const labelTextShare = 0.5

// labelColumns returns, for every word of the decision exit labels of
// d, how wide an actor column must be for it to stand whole beside its
// diamond: half the column, less the room a label keeps from the rule
// (labelRuleGap) and from the arrow it names (labelGap), on each side.
func labelColumns(d *esop.Document, m Measurer) []float64 {
	var out []float64
	for _, s := range d.Steps {
		if s.Decision == nil {
			continue
		}
		yes, no := s.Decision.Labels()
		for _, w := range append(strings.Fields(yes), strings.Fields(no)...) {
			out = append(out, ceil2(2*(m.Width(w, LabelSize, false)+labelGap+labelRuleGap)+0.5))
		}
	}
	return out
}

// textMinimums returns the minimum width of each text column: enough for
// its header and longest word when room allows, else shrunk toward its
// hard minimum in proportion, all columns alike.
func textMinimums(dem [5]columnDemand, room float64) ([5]float64, float64) {
	sumMin, sumHard := 0.0, 0.0
	for _, c := range dem {
		sumMin += c.min
		sumHard += c.hard
	}
	t := 1.0
	if sumMin > room && sumMin > sumHard {
		t = max(0, (room-sumHard)/(sumMin-sumHard))
	}
	var mins [5]float64
	total := 0.0
	for j, c := range dem {
		mins[j] = c.hard + t*(c.min-c.hard)
		total += mins[j]
	}
	return mins, total
}

// waterfill shares total among the text columns: each gets its minimum,
// then the rest in proportion to its demand, never more than its natural
// width. It returns the widths and what no column could take.
func waterfill(total float64, mins [5]float64, dem [5]columnDemand) ([5]float64, float64) {
	w := mins
	left := total
	for _, v := range mins {
		left -= v
	}
	for range 6 {
		sum, open := 0.0, 0
		for j := range w {
			if w[j] < dem[j].natural {
				sum += dem[j].demand
				open++
			}
		}
		if left <= 1e-9 || open == 0 {
			break
		}
		given := 0.0
		for j := range w {
			if w[j] >= dem[j].natural {
				continue
			}
			share := left / float64(open)
			if sum > 0 {
				share = left * dem[j].demand / sum
			}
			add := min(share, dem[j].natural-w[j])
			w[j] += add
			given += add
		}
		left -= given
	}
	return w, max(left, 0)
}

// spreadEvenly adds extra width to the text columns, most to KEGIATAN.
func spreadEvenly(w *[5]float64, extra float64) {
	if extra <= 0 {
		return
	}
	shares := [5]float64{4, 2, 1, 2, 2}
	for j := range w {
		w[j] += extra * shares[j] / 11
	}
}

// placeColumns turns widths into Columns with positions rounded to
// 0.01 mm; the last column absorbs the rounding so that the table ends
// exactly at x1.
func placeColumns(d *esop.Document, m Measurer, x0, x1, noW, aw float64, tw [5]float64, size float64) []Column {
	specs := textColumnSpecs()
	cols := make([]Column, 0, len(d.Actors)+6)
	x := x0
	add := func(kind, actor, title string, w float64) {
		w = round2(w)
		cols = append(cols, Column{Kind: kind, Actor: actor, Title: title, X: round2(x), W: w})
		x = round2(x + w)
	}
	add(colNo, "", "NO", noW)
	add(colActivity, "", specs[0].title, tw[0])
	for _, a := range d.Actors {
		add(colActor, a.ID, a.Name, aw)
	}
	for j := 1; j < 5; j++ {
		title := specs[j].title
		if j == 4 && m.Width(title, size, true)+2*CellPadX > tw[j] {
			title = noteShortName
		}
		add(specs[j].kind, "", title, tw[j])
	}
	last := &cols[len(cols)-1]
	last.W = round2(x1 - last.X)
	return cols
}
