package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// Who acts for a position on a day. A task goes to every holder of its
// position that day (definitif, Plt or Plh, within the assignment's
// dates) who is not away (esop.ChooseActing). When nobody present holds
// it, the task goes up to the direct superior (atasan langsung): the
// head of the position's unit — the unit's struktural position, the
// first by id when there are several — or, for that head itself, the
// head of the nearest unit above that has one; and on up while nobody
// present holds that one either. Users act through the employee their
// account is linked to.

// acting is who does a task.
type acting struct {
	Users     []int64
	Names     map[int64]string // user id → user name
	Delegated bool
}

// key identifies the assignment of a task, to find the tasks a change
// of the organisation moves: the user ids and the delegation.
func (a acting) key() string {
	var b strings.Builder
	for i, id := range a.Users {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	if a.Delegated {
		b.WriteString(";d")
	}
	return b.String()
}

// orgPosition is what the choice needs of a position.
type orgPosition struct {
	ID, UnitID int64
	Kind       string
}

// maxChain bounds the walk up the organisation.
const maxChain = 16

// actingFor returns who acts on day for the position with the given key;
// nobody for an empty or unknown key. The position and its holders are
// read in one query.
func actingFor(ctx context.Context, q querier, key string, day esop.Date) (acting, error) {
	out := acting{Names: map[int64]string{}}
	if key == "" {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.unit_id, p.kind, a.employee_id, a.capacity,
			EXISTS (SELECT 1 FROM absences b WHERE b.employee_id = a.employee_id AND b.date_from <= $2 AND b.date_to >= $2),
			u.id, u.username
		FROM positions p
		LEFT JOIN assignments a ON a.position_id = p.id AND (a.date_from = '' OR a.date_from <= $2) AND (a.date_to = '' OR a.date_to >= $2)
		LEFT JOIN users u ON u.employee_id = a.employee_id AND u.disabled = 0
		WHERE p.key = $1
		ORDER BY a.employee_id, a.id, u.id`, key, day.String())
	if err != nil {
		return out, err
	}
	var p orgPosition
	hs, names, err := scanHolders(rows, &p.ID, &p.UnitID, &p.Kind)
	if err != nil || p.ID == 0 { // no such position
		return out, err
	}
	return actingAt(ctx, q, p, day, hs, names)
}

// actingAt returns who acts on day for position p: its holders as
// esop.ChooseActing picks them, else the head of the unit above, and so
// on up. hs and names are p's holders when the caller read them already
// (nil: read them).
func actingAt(ctx context.Context, q querier, p orgPosition, day esop.Date, hs []esop.ActingHolder, names map[int64]string) (acting, error) {
	out := acting{Names: map[int64]string{}}
	for depth := 0; depth < maxChain; depth++ {
		holders, holderNames := hs, names
		if depth > 0 || holderNames == nil {
			var err error
			if holders, holderNames, err = holdersOf(ctx, q, p.ID, day); err != nil {
				return out, err
			}
		}
		users, delegated, ok := esop.ChooseActing(holders)
		if ok {
			out.Users, out.Delegated = users, delegated || depth > 0
			for _, id := range users {
				out.Names[id] = holderNames[id]
			}
			return out, nil
		}
		sup, found, err := superiorOf(ctx, q, p, day)
		if err != nil || !found {
			return out, err // nobody: the task waits in the unit's open work
		}
		p = sup
	}
	return out, nil
}

// holdersOf returns the holders of a position on day with their absence
// and accounts, and the accounts' user names.
func holdersOf(ctx context.Context, q querier, positionID int64, day esop.Date) ([]esop.ActingHolder, map[int64]string, error) {
	d := day.String()
	rows, err := q.QueryContext(ctx, `SELECT a.employee_id, a.capacity,
			EXISTS (SELECT 1 FROM absences b WHERE b.employee_id = a.employee_id AND b.date_from <= $2 AND b.date_to >= $2),
			u.id, u.username
		FROM assignments a LEFT JOIN users u ON u.employee_id = a.employee_id AND u.disabled = 0
		WHERE a.position_id = $1 AND (a.date_from = '' OR a.date_from <= $2) AND (a.date_to = '' OR a.date_to >= $2)
		ORDER BY a.employee_id, a.id, u.id`, positionID, d)
	if err != nil {
		return nil, nil, err
	}
	return scanHolders(rows)
}

// scanHolders reads rows of (employee, capacity, absent, user id, user
// name), after the columns of lead (scanned into it), and closes them; a
// row without an employee (a position without holders) adds none.
func scanHolders(rows *sql.Rows, lead ...any) ([]esop.ActingHolder, map[int64]string, error) {
	defer rows.Close()
	hs := []esop.ActingHolder{}
	names := map[int64]string{}
	for rows.Next() {
		var (
			h                esop.ActingHolder
			employee, userID sql.NullInt64
			capacity, name   sql.NullString
		)
		if err := rows.Scan(append(lead, &employee, &capacity, &h.Absent, &userID, &name)...); err != nil {
			return nil, nil, err
		}
		if !employee.Valid {
			continue
		}
		h.EmployeeID, h.Capacity = employee.Int64, capacity.String
		if n := len(hs); n > 0 && hs[n-1].EmployeeID == h.EmployeeID && hs[n-1].Capacity == h.Capacity {
			h = hs[n-1]
			hs = hs[:n-1]
		}
		if userID.Valid && !slices.Contains(h.Users, userID.Int64) {
			h.Users = append(h.Users, userID.Int64)
			names[userID.Int64] = name.String
		}
		hs = append(hs, h)
	}
	return hs, names, rows.Err()
}

// superiorOf returns the position of p's direct superior on day.
func superiorOf(ctx context.Context, q querier, p orgPosition, day esop.Date) (orgPosition, bool, error) {
	head, ok, err := headOf(ctx, q, p.UnitID, day)
	if err != nil || (ok && head.ID != p.ID) {
		return head, ok, err
	}
	unit := p.UnitID
	for range maxChain {
		var parent sql.NullInt64
		if err := q.QueryRowContext(ctx, `SELECT parent_id FROM units WHERE id = $1`, unit).Scan(&parent); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return orgPosition{}, false, nil
			}
			return orgPosition{}, false, err
		}
		if !parent.Valid {
			return orgPosition{}, false, nil
		}
		unit = parent.Int64
		head, ok, err := headOf(ctx, q, unit, day)
		if err != nil || ok {
			return head, ok, err
		}
	}
	return orgPosition{}, false, nil
}

// headOf returns the head position of a unit on day: its struktural
// position, the first by id.
func headOf(ctx context.Context, q querier, unitID int64, day esop.Date) (orgPosition, bool, error) {
	p := orgPosition{UnitID: unitID}
	err := q.QueryRowContext(ctx, `SELECT id, kind FROM positions WHERE unit_id = $1 AND kind = 'struktural'
		AND (valid_from = '' OR valid_from <= $2) AND (valid_to = '' OR valid_to >= $2) ORDER BY id LIMIT 1`,
		unitID, day.String()).Scan(&p.ID, &p.Kind)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	return p, err == nil, err
}

// heldPositions returns the positions an employee holds on day, in any
// capacity, by id.
func heldPositions(ctx context.Context, q querier, employeeID int64, day esop.Date) ([]orgPosition, []string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT p.id, p.unit_id, p.kind, p.key FROM assignments a JOIN positions p ON p.id = a.position_id
		WHERE a.employee_id = $1 AND (a.date_from = '' OR a.date_from <= $2) AND (a.date_to = '' OR a.date_to >= $2)
		AND (p.valid_from = '' OR p.valid_from <= $2) AND (p.valid_to = '' OR p.valid_to >= $2) ORDER BY p.id`, employeeID, day.String())
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var (
		ps   []orgPosition
		keys []string
	)
	for rows.Next() {
		var (
			p   orgPosition
			key string
		)
		if err := rows.Scan(&p.ID, &p.UnitID, &p.Kind, &key); err != nil {
			return nil, nil, err
		}
		ps, keys = append(ps, p), append(keys, key)
	}
	return ps, keys, rows.Err()
}

// HeldPositions returns the keys of the positions an employee holds on
// day (definitif, Plt or Plh within its dates).
func (db *DB) HeldPositions(ctx context.Context, employeeID int64, day esop.Date) ([]string, error) {
	var keys []string
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		_, keys, err = heldPositions(ctx, tx, employeeID, day)
		return err
	})
	return keys, err
}

// HeadedUnits returns the ids of the units an employee heads on day:
// those whose head position they hold, definitively or as Plt or Plh.
func (db *DB) HeadedUnits(ctx context.Context, employeeID int64, day esop.Date) ([]int64, error) {
	var units []int64
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		ps, _, err := heldPositions(ctx, tx, employeeID, day)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.Kind != esop.PositionStruktural {
				continue
			}
			head, ok, err := headOf(ctx, tx, p.UnitID, day)
			if err != nil {
				return err
			}
			if ok && head.ID == p.ID && !slices.Contains(units, p.UnitID) {
				units = append(units, p.UnitID)
			}
		}
		return nil
	})
	return units, err
}
