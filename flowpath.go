package esop

// pathWeight returns the time of step i in comparison minutes
// (Duration.WorkingMinutes); a time given only as text, or none, weighs
// nothing.
func pathWeight(d *Document, i int) float64 { return d.Steps[i].Time.WorkingMinutes() }

// NoReworkPath returns the indexes of the steps on the longest path from
// the first step to an end that follows no arrow back to the same or an
// earlier row: the most a case takes when nothing is sent back for
// rework. Exclusive branches are alternatives, never added together. The
// path is chosen by comparing times with a day as 8 hours, a week as 5
// days and a month as 22 days (text times count as zero); of paths as
// long as each other it takes the one through the yes branch (or the
// earlier successor). It returns nil when no end can be reached from the
// first step without going back, or the document has no steps.
//
// A case's due (Process.Start) follows this path from its receipt.
func NoReworkPath(d *Document) []int {
	n := len(d.Steps)
	if n == 0 {
		return nil
	}
	// Forward arrows only go to later rows, so the rows taken from the
	// last to the first are a topological order: best[i] is the longest
	// time from step i to an end, -1 when no end can be reached.
	best := make([]float64, n)
	next := make([]int, n)
	index := d.StepIndexes()
	for i := n - 1; i >= 0; i-- {
		best[i], next[i] = -1, -1
		if d.IsEnd(i) {
			best[i] = pathWeight(d, i)
			continue
		}
		for _, j := range d.SuccessorsBy(i, index) {
			if j > i && best[j] >= 0 && pathWeight(d, i)+best[j] > best[i] {
				best[i], next[i] = pathWeight(d, i)+best[j], j
			}
		}
	}
	if best[0] < 0 {
		return nil
	}
	var path []int
	for i := 0; i >= 0; i = next[i] {
		path = append(path, i)
	}
	return path
}
