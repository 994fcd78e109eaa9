package storetest

import (
	"context"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// StatLoad describes the aggregate rows of a busy unit for the
// benchmarks of the performance figures: Tasks finished tasks spread
// over Months months up to End, SOPs SOPs (ids from FirstSOP) of Steps
// steps each, every step done by 5 of Employees employees (ids from
// FirstEmployee), and a case per Steps tasks.
type StatLoad struct {
	UnitID        int64
	FirstSOP      int64
	SOPs, Steps   int
	FirstEmployee int64
	Employees     int
	Months        int
	End           time.Time
	Tasks         int
	Seed          uint64
}

// GenerateStatRows writes the rows of l straight into stat_steps,
// stat_tasks and stat_cases, as the completions of its tasks would have
// left them, and returns how many rows of stat_tasks it wrote. A million
// tasks take seconds this way (drawing them and summing in memory),
// against hours through CompleteTask.
func GenerateStatRows(ctx context.Context, db *sqlstore.DB, l StatLoad) (int, error) {
	type key struct {
		month    string
		sop      int64
		step     int
		employee int64 // -1: the row of stat_steps
	}
	type sums struct {
		n, onTime, late, work, std, over int64
		h                                [esop.StatBuckets]int64
	}
	type ckey struct {
		month string
		sop   int64
	}
	type csum struct {
		started, finished, onTime, late, cycle, std int64
		h                                           [esop.StatBuckets]int64
	}
	rng := mrand.New(mrand.NewPCG(l.Seed, 12))
	months := make([]string, l.Months)
	for i := range months {
		months[i] = l.End.AddDate(0, -i, 0).Format("2006-01")
	}
	rows, cases := map[key]*sums{}, map[ckey]*csum{}
	add := func(k key, secs, std int64) {
		s := rows[k]
		if s == nil {
			s = &sums{}
			rows[k] = s
		}
		s.n++
		s.work += secs
		s.std += std
		s.h[esop.StatBucket(secs)]++
		if secs > std {
			s.late++
			s.over += secs - std
		} else {
			s.onTime++
		}
	}
	for i := range l.Tasks {
		k := key{month: months[rng.IntN(l.Months)], sop: l.FirstSOP + int64(rng.IntN(l.SOPs)), step: rng.IntN(l.Steps)}
		k.employee = l.FirstEmployee + int64((k.step*3+rng.IntN(5))%l.Employees)
		std := int64(60*(1+k.step%4)) * 60 // seconds
		secs := int64(float64(std) * math.Exp(math.Log(0.55)+0.8*rng.NormFloat64()))
		add(k, secs, std)
		k.employee = -1
		add(k, secs, std)
		if i%l.Steps == 0 {
			cstd := int64(l.Steps) * 150 * 60
			cycle := int64(float64(cstd) * math.Exp(math.Log(0.6)+0.6*rng.NormFloat64()))
			ck := ckey{month: k.month, sop: k.sop}
			c := cases[ck]
			if c == nil {
				c = &csum{}
				cases[ck] = c
			}
			c.started++
			c.finished++
			c.cycle += cycle
			c.std += cstd
			c.h[esop.StatBucket(cycle)]++
			if cycle > cstd {
				c.late++
			} else {
				c.onTime++
			}
		}
	}
	hcols := make([]string, esop.StatBuckets)
	for b := range hcols {
		hcols[b] = fmt.Sprintf("h%02d", b)
	}
	insert := func(table, cols string) string {
		n := len(strings.Split(cols, ", ")) + esop.StatBuckets
		ps := make([]string, n)
		for i := range ps {
			ps[i] = fmt.Sprintf("$%d", i+1)
		}
		return `INSERT INTO ` + table + ` (` + cols + `, ` + strings.Join(hcols, ", ") + `) VALUES (` + strings.Join(ps, ", ") + `)`
	}
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	const taskCols = `tasks, on_time, late, delegated, external, work_secs, wait_secs, std_secs, over_secs`
	steps, err := tx.PrepareContext(ctx, insert("stat_steps", `unit_id, month, sop_id, step, `+taskCols))
	if err != nil {
		return 0, err
	}
	defer steps.Close()
	tasks, err := tx.PrepareContext(ctx, insert("stat_tasks", `unit_id, month, sop_id, step, position, employee_id, `+taskCols))
	if err != nil {
		return 0, err
	}
	defer tasks.Close()
	n := 0
	for k, s := range rows {
		args := []any{l.UnitID, k.month, k.sop, fmt.Sprintf("s%d", k.step+1)}
		st := steps
		if k.employee >= 0 {
			args, st = append(args, "staf", k.employee), tasks
			n++
		}
		args = append(args, s.n, s.onTime, s.late, 0, 0, s.work, 0, s.std, s.over)
		for _, c := range s.h {
			args = append(args, c)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return 0, err
		}
	}
	cs, err := tx.PrepareContext(ctx, insert("stat_cases", `unit_id, month, sop_id, started, cancelled, finished, on_time, late, cycle_secs, std_secs`))
	if err != nil {
		return 0, err
	}
	defer cs.Close()
	for k, c := range cases {
		args := []any{l.UnitID, k.month, k.sop, c.started, 0, c.finished, c.onTime, c.late, c.cycle, c.std}
		for _, x := range c.h {
			args = append(args, x)
		}
		if _, err := cs.ExecContext(ctx, args...); err != nil {
			return 0, err
		}
	}
	return n, tx.Commit()
}
