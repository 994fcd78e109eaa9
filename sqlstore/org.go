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

var _ esop.OrgService = (*DB)(nil)

// CreateUnit adds a unit to the organisation tree.
func (db *DB) CreateUnit(ctx context.Context, u *esop.Unit) error {
	if err := checkUnit(u); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.insertUnit(ctx, tx, u) })
}

func checkUnit(u *esop.Unit) error {
	switch {
	case strings.TrimSpace(u.Name) == "":
		return esop.Errorf(esop.EINVALID, "nama unit wajib diisi", "a unit needs a name")
	case strings.TrimSpace(u.Key) == "":
		return esop.Errorf(esop.EINVALID, "kunci unit wajib diisi", "a unit needs a key")
	case !slices.Contains(esop.UnitKinds, u.Kind):
		return esop.Errorf(esop.EINVALID, "jenis unit %q tidak dikenal (%s)", "unknown unit kind %q (%s)", u.Kind, strings.Join(esop.UnitKinds, ", "))
	case !u.ValidTo.IsZero() && u.ValidTo.Before(u.ValidFrom):
		return esop.Errorf(esop.EINVALID, "masa berlaku unit %q berakhir sebelum dimulai", "the validity of unit %q ends before it starts", u.Name)
	}
	return nil
}

func (db *DB) insertUnit(ctx context.Context, tx *sql.Tx, u *esop.Unit) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO units (key, parent_id, kind, code, name, valid_from, valid_to, successor_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		u.Key, nullInt64(u.ParentID), u.Kind, u.Code, u.Name, u.ValidFrom.String(), u.ValidTo.String(), nullInt64(u.SuccessorID)).Scan(&u.ID)
	if db.dialect.IsUnique(err) {
		return esop.Errorf(esop.ECONFLICT, "kunci unit %q sudah dipakai", "unit key %q is already used", u.Key)
	}
	if err != nil {
		return err
	}
	return db.audit(ctx, tx, esop.AuditCreate, esop.EntityUnit, auditID(u.ID), nil, auditUnit(u))
}

// FindUnits returns the units matching f, parents before children.
func (db *DB) FindUnits(ctx context.Context, f esop.UnitFilter) ([]*esop.Unit, error) {
	conds, args := []string{"1 = 1"}, []any{}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if f.ParentID != nil {
		if *f.ParentID == 0 {
			conds = append(conds, "parent_id IS NULL")
		} else {
			conds = append(conds, "parent_id = "+arg(*f.ParentID))
		}
	}
	if f.Kind != "" {
		conds = append(conds, "kind = "+arg(f.Kind))
	}
	if f.Name != "" {
		conds = append(conds, "name = "+arg(f.Name))
	}
	if !f.On.IsZero() {
		p := arg(f.On.String())
		conds = append(conds, "(valid_from = '' OR valid_from <= "+p+") AND (valid_to = '' OR valid_to >= "+p+")")
	}
	var list []*esop.Unit
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, key, parent_id, kind, code, name, valid_from, valid_to, successor_id
			FROM units WHERE `+strings.Join(conds, " AND ")+` ORDER BY id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				u            esop.Unit
				parent, succ sql.NullInt64
				from, to     string
			)
			if err := rows.Scan(&u.ID, &u.Key, &parent, &u.Kind, &u.Code, &u.Name, &from, &to, &succ); err != nil {
				return err
			}
			u.ParentID, u.SuccessorID, u.ValidFrom, u.ValidTo = parent.Int64, succ.Int64, parseDate(from), parseDate(to)
			list = append(list, &u)
		}
		return rows.Err()
	})
	return treeOrder(list), err
}

// treeOrder puts each unit after its parent, siblings in id order.
func treeOrder(list []*esop.Unit) []*esop.Unit {
	children := map[int64][]*esop.Unit{}
	present := map[int64]bool{}
	for _, u := range list {
		present[u.ID] = true
	}
	for _, u := range list {
		p := u.ParentID
		if !present[p] {
			p = 0
		}
		children[p] = append(children[p], u)
	}
	out := make([]*esop.Unit, 0, len(list))
	var walk func(id int64)
	walk = func(id int64) {
		for _, c := range children[id] {
			out = append(out, c)
			walk(c.ID)
		}
	}
	walk(0)
	return out
}

// CreatePosition adds a jabatan to a unit.
func (db *DB) CreatePosition(ctx context.Context, p *esop.Position) error {
	if strings.TrimSpace(p.Name) == "" || strings.TrimSpace(p.Key) == "" {
		return esop.Errorf(esop.EINVALID, "nama dan kunci jabatan wajib diisi", "a position needs a name and a key")
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.insertPosition(ctx, tx, p) })
}

func (db *DB) insertPosition(ctx context.Context, tx *sql.Tx, p *esop.Position) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO positions (key, unit_id, name, kind, valid_from, valid_to)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		p.Key, p.UnitID, p.Name, p.Kind, p.ValidFrom.String(), p.ValidTo.String()).Scan(&p.ID)
	if db.dialect.IsUnique(err) {
		return esop.Errorf(esop.ECONFLICT, "kunci jabatan %q sudah dipakai", "position key %q is already used", p.Key)
	}
	if err != nil {
		return err
	}
	return db.audit(ctx, tx, esop.AuditCreate, esop.EntityPosition, auditID(p.ID), nil, auditPosition(p))
}

// FindPositions returns the positions matching f, by unit and name.
func (db *DB) FindPositions(ctx context.Context, f esop.PositionFilter) ([]*esop.Position, error) {
	conds, args := []string{"1 = 1"}, []any{}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if f.UnitID != 0 {
		conds = append(conds, "unit_id = "+arg(f.UnitID))
	}
	if f.Name != "" {
		conds = append(conds, "name = "+arg(f.Name))
	}
	if !f.On.IsZero() {
		p := arg(f.On.String())
		conds = append(conds, "(valid_from = '' OR valid_from <= "+p+") AND (valid_to = '' OR valid_to >= "+p+")")
	}
	var list []*esop.Position
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, key, unit_id, name, kind, valid_from, valid_to FROM positions
			WHERE `+strings.Join(conds, " AND ")+` ORDER BY unit_id, id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				p        esop.Position
				from, to string
			)
			if err := rows.Scan(&p.ID, &p.Key, &p.UnitID, &p.Name, &p.Kind, &from, &to); err != nil {
				return err
			}
			p.ValidFrom, p.ValidTo = parseDate(from), parseDate(to)
			list = append(list, &p)
		}
		return rows.Err()
	})
	return list, err
}

// CreateEmployee adds an employee; the NIP is stored without spaces.
func (db *DB) CreateEmployee(ctx context.Context, e *esop.Employee) error {
	nip, bad := esop.ParseNIP(e.NIP)
	if bad != nil {
		return &esop.Error{Code: esop.EINVALID, Message: *bad}
	}
	if strings.TrimSpace(e.Name) == "" {
		return esop.Errorf(esop.EINVALID, "nama pegawai wajib diisi", "an employee needs a name")
	}
	e.NIP = nip.Digits
	return db.inTx(ctx, func(tx *sql.Tx) error {
		err := db.insertEmployee(ctx, tx, e)
		if db.dialect.IsUnique(err) {
			return esop.Errorf(esop.ECONFLICT, "NIP %s sudah terdaftar", "NIP %s is already registered", nip.String())
		}
		return err
	})
}

func (db *DB) insertEmployee(ctx context.Context, tx *sql.Tx, e *esop.Employee) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO employees (nip, name, rank, grade) VALUES ($1, $2, $3, $4) RETURNING id`,
		e.NIP, e.Name, e.Rank, e.Grade).Scan(&e.ID)
	if err != nil {
		return err
	}
	return db.audit(ctx, tx, esop.AuditCreate, esop.EntityEmployee, auditID(e.ID), nil, auditEmployee(e))
}

// FindEmployees returns every employee, by name.
func (db *DB) FindEmployees(ctx context.Context) ([]*esop.Employee, error) {
	var list []*esop.Employee
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, nip, name, rank, grade FROM employees ORDER BY name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e esop.Employee
			if err := rows.Scan(&e.ID, &e.NIP, &e.Name, &e.Rank, &e.Grade); err != nil {
				return err
			}
			list = append(list, &e)
		}
		return rows.Err()
	})
	return list, err
}

// FindEmployeeByNIP finds an employee by NIP, written with or without spaces.
func (db *DB) FindEmployeeByNIP(ctx context.Context, nip string) (*esop.Employee, error) {
	digits := strings.Join(strings.Fields(nip), "")
	var e esop.Employee
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id, nip, name, rank, grade FROM employees WHERE nip = $1`, digits).
			Scan(&e.ID, &e.NIP, &e.Name, &e.Rank, &e.Grade)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Pegawai dengan NIP", "Employee with NIP", nip)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// CreateAssignment records an employee holding a position.
func (db *DB) CreateAssignment(ctx context.Context, a *esop.Assignment) error {
	switch {
	case a.Capacity != esop.CapacityDefinitif && a.Capacity != esop.CapacityPlt && a.Capacity != esop.CapacityPlh:
		return esop.Errorf(esop.EINVALID, "kedudukan %q tidak dikenal (definitif, plt, plh)", "unknown capacity %q (definitif, plt, plh)", a.Capacity)
	case !a.To.IsZero() && a.To.Before(a.From):
		return esop.Errorf(esop.EINVALID, "penugasan berakhir sebelum dimulai", "the assignment ends before it starts")
	case a.Capacity != esop.CapacityDefinitif && (a.From.IsZero() || a.To.IsZero()):
		return esop.Errorf(esop.EINVALID, "penugasan Plt/Plh wajib mempunyai tanggal mulai dan selesai", "a Plt/Plh assignment needs a start and an end date")
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.insertAssignment(ctx, tx, a) })
}

func (db *DB) insertAssignment(ctx context.Context, tx *sql.Tx, a *esop.Assignment) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO assignments (employee_id, position_id, capacity, date_from, date_to)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, a.EmployeeID, a.PositionID, a.Capacity, a.From.String(), a.To.String()).Scan(&a.ID)
	if err != nil {
		return err
	}
	return db.audit(ctx, tx, esop.AuditCreate, esop.EntityAssignment, auditID(a.ID), nil, auditAssignment(a))
}

// FindAssignments returns the assignments matching f, oldest first.
func (db *DB) FindAssignments(ctx context.Context, f esop.AssignmentFilter) ([]*esop.Assignment, error) {
	conds, args := []string{"1 = 1"}, []any{}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if f.EmployeeID != 0 {
		conds = append(conds, "employee_id = "+arg(f.EmployeeID))
	}
	if f.PositionID != 0 {
		conds = append(conds, "position_id = "+arg(f.PositionID))
	}
	if !f.On.IsZero() {
		p := arg(f.On.String())
		conds = append(conds, "(date_from = '' OR date_from <= "+p+") AND (date_to = '' OR date_to >= "+p+")")
	}
	var list []*esop.Assignment
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, employee_id, position_id, capacity, date_from, date_to FROM assignments
			WHERE `+strings.Join(conds, " AND ")+` ORDER BY date_from, id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				a        esop.Assignment
				from, to string
			)
			if err := rows.Scan(&a.ID, &a.EmployeeID, &a.PositionID, &a.Capacity, &from, &to); err != nil {
				return err
			}
			a.From, a.To = parseDate(from), parseDate(to)
			list = append(list, &a)
		}
		return rows.Err()
	})
	return list, err
}
