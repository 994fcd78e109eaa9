package layout

// Rows taller than a page. The columns share the width by what their
// text asks for over the whole table; a row with much more text than the
// others in one cell (fifteen requirements, a note of ten lines) can end
// up taller than a page under that sharing although it would fit with
// its column wider. Before giving up on such a row, the layout widens
// the column of its tallest cell, taking width from the other text
// columns and from the pelaksana, down to their least widths, as long as
// that makes the row shorter. It never makes the type smaller.

// fitStep is how many millimetres a column is widened at a time.
const fitStep = 2.0

// fitTallRows changes the column widths until every row fits a page by
// itself, or no change helps. Only rows that take more than half the
// room under the header are tried: on other documents it does nothing.
func (l *layouter) fitTallRows(texts [][5]string) error {
	if !l.narrowGutters && l.unfitRow() >= 0 {
		// The text columns give the gutters no more than they least do:
		// the rest is for the row's column.
		l.narrowGutters = true
		if err := l.prepareColumns(texts, l.share); err != nil {
			return err
		}
		l.prepareTotal()
	}
	for range 60 {
		i := l.unfitRow()
		if i < 0 {
			return nil
		}
		if !l.widenFor(i) {
			return nil // the row stays too tall: pagination reports it
		}
		l.lanes = newLanes(l.cols, len(l.d.Actors))
		l.head = newHeader(l.m, l.cols, l.body)
		if err := l.prepareSteps(texts); err != nil {
			return err
		}
		l.prepareTotal()
	}
	return nil
}

// unfitRow returns the first tall row that does not fit a page by
// itself, with the arrows that pass its breaks, or -1.
func (l *layouter) unfitRow() int {
	room := l.frame.Bottom - l.head.y2
	for i := range l.steps {
		if l.steps[i].textH < room/2 {
			continue
		}
		top, bottom := l.pageCrossings(i, i+1, nil)
		if _, err := l.buildPage(1, i, i+1, top, bottom); err != nil {
			return i
		}
	}
	return -1
}

// widenFor widens the column of the tallest cell of row i by fitStep,
// from the text column that can best spare it (one whose cell in the row
// stays shorter) or else from the pelaksana, and reports whether it could.
func (l *layouter) widenFor(i int) bool {
	n := len(l.d.Actors)
	st := &l.steps[i]
	tall := 0
	for j := 1; j < 5; j++ {
		if st.nLines[j+1] > st.nLines[tall+1] {
			tall = j
		}
	}
	tw := [5]float64{}
	for j := range tw {
		tw[j] = l.cols[l.textCol(j)].W
	}
	aw := make([]float64, n)
	for a := range aw {
		aw[a] = l.cols[2+a].W
	}
	narrowest := narrowestWidth(l.cols[2 : 2+n])
	noW := l.cols[0].W
	specs := textColumnSpecs()
	donor, spare := -1, 0.0
	for j := range tw {
		if j == tall {
			continue
		}
		least := max(specs[j].hardMin, l.m.Width(specs[j].short, l.body, true)+2*CellPadX)
		if j == 4 {
			least = max(minTextColumn, l.m.Width(noteShortName, l.body, true)+2*CellPadX)
		}
		if s := tw[j] - fitStep - least; s > spare && l.linesAt(i, j, tw[j]-fitStep) < st.nLines[tall+1]-1 {
			donor, spare = j, s
		}
	}
	switch {
	case donor >= 0:
		tw[donor] -= fitStep
	case narrowest-fitStep/float64(n) >= actorFloor(narrowest):
		for a := range aw {
			aw[a] -= fitStep / float64(n)
		}
	default:
		return false
	}
	tw[tall] += fitStep
	gapL, gapR := gutters(l.cols)
	l.cols = placeColumns(l.d, l.m, margin, l.paper.W-margin, noW, aw, tw, l.body, gapL, gapR)
	return true
}

// actorFloor is the narrowest the pelaksana may get to make a row fit:
// actorMin, keeping room for the decisions' labels, unless they are
// narrower already (many pelaksana), then a little above the least that
// holds a symbol and its channels.
func actorFloor(aw float64) float64 {
	if aw >= actorMin {
		return actorMin
	}
	return actorHardMin + 1
}

// linesAt returns how many lines text cell j of row i takes in a column
// w millimetres wide.
func (l *layouter) linesAt(i, j int, w float64) int {
	return l.opt.memo.counter(l.m, l.texts, l.body, j).lines(i, w)
}
