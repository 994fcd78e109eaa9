package storetest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// CaseFixture is an organisation and an SOP in force ready to run, for
// the benchmarks of cases and the crash test: one unit ("Bidang Uji")
// with one position ("staf") held by Users, each an account linked to
// its employee, and an SOP of three steps of that position (s1 → s2 →
// s3, each 1 hour, s1 with one requirement "Berkas").
type CaseFixture struct {
	SOPID, VersionID, UnitID int64
	Users                    []*esop.User
}

// NewCaseFixture builds the fixture in an empty database.
func NewCaseFixture(ctx context.Context, db *sqlstore.DB, users int) (*CaseFixture, error) {
	f := &CaseFixture{}
	root := &esop.Unit{Key: "dinas-uji", Kind: esop.UnitPerangkatDaerah, Name: "Dinas Uji"}
	if err := db.CreateUnit(ctx, root); err != nil {
		return nil, err
	}
	unit := &esop.Unit{Key: "bidang-uji", Kind: esop.UnitBidang, Name: "Bidang Uji", ParentID: root.ID}
	if err := db.CreateUnit(ctx, unit); err != nil {
		return nil, err
	}
	f.UnitID = unit.ID
	pos := &esop.Position{Key: "staf", UnitID: unit.ID, Name: "Analis", Kind: esop.PositionFungsional}
	if err := db.CreatePosition(ctx, pos); err != nil {
		return nil, err
	}
	for i := range users {
		e := &esop.Employee{NIP: nip(100 + i), Name: fmt.Sprintf("Pegawai %d", i)}
		if err := db.CreateEmployee(ctx, e); err != nil {
			return nil, err
		}
		if err := db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: e.ID, PositionID: pos.ID, Capacity: esop.CapacityDefinitif,
			From: esop.MustDate("2020-01-01")}); err != nil {
			return nil, err
		}
		u := &esop.User{Username: fmt.Sprintf("staf%02d", i), Name: e.Name, EmployeeID: e.ID,
			Grants: []esop.Grant{{Role: esop.RolePelaksana, UnitID: unit.ID}}}
		if err := db.CreateUser(ctx, u, "kata-sandi-uji-123"); err != nil {
			return nil, err
		}
		f.Users = append(f.Users, u)
	}
	hour := func() *esop.Duration { return &esop.Duration{Value: 1, Unit: esop.UnitHour} }
	d := &esop.Document{Format: esop.FormatV1, Number: "800/900/2026", Title: "Pelayanan Uji Beban", Agency: "Dinas Uji", Unit: "Bidang Uji",
		Category: esop.CategoryPelayanan,
		Dates:    esop.Dates{Created: esop.MustDate("2026-01-02"), Effective: esop.MustDate("2026-01-05")},
		Approval: &esop.Approval{Position: "Kepala Dinas Uji", Name: "Drs. Uji"},
		Actors:   []esop.Actor{{ID: "staf", Name: "Analis", Position: "staf"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Menerima berkas", Actor: "staf", Requirements: []string{"Berkas"}, Time: hour(), Output: "Berkas"},
			{ID: "s2", Activity: "Memeriksa berkas", Actor: "staf", Time: hour(), Output: "Berkas diperiksa"},
			{ID: "s3", Activity: "Menyelesaikan layanan", Actor: "staf", Time: hour(), Output: "Layanan selesai"},
		}}
	res, err := db.ImportDocuments(ctx, []*esop.Document{d}, "tester")
	if err != nil {
		return nil, err
	}
	f.SOPID, f.VersionID = res[0].SOP.ID, res[0].Version.ID
	return f, nil
}

// GenerateOpenTasks writes n open cases of the fixture's SOP straight
// into the database, in one transaction, each with its first task open
// and given to the users assign(i) names (ids), due one hour apart from
// at. It is for the benchmarks of the inbox: 100,000 cases take seconds
// this way, against minutes through StartCase.
func (f *CaseFixture) GenerateOpenTasks(ctx context.Context, db *sqlstore.DB, n int, at time.Time, assign func(i int) []int64) error {
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ts := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }
	var caseID int64
	for i := range n {
		received := at.Add(time.Duration(i) * time.Second)
		due := received.Add(time.Duration(i%500) * time.Hour)
		if err := tx.QueryRowContext(ctx, `INSERT INTO cases (code, sop_id, version_id, unit_id, agency_id, day_count, received_at, due,
			state, started_by, created_at) VALUES ($1, $2, $3, $4, 0, 'working', $5, $6, 'open', $7, $5) RETURNING id`,
			esop.NewTrackingCode(), f.SOPID, f.VersionID, f.UnitID, ts(received), ts(due), f.Users[0].ID).Scan(&caseID); err != nil {
			return err
		}
		users := assign(i)
		var key strings.Builder
		for k, u := range users {
			if k > 0 {
				key.WriteByte(',')
			}
			fmt.Fprint(&key, u)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_tasks (case_id, task_no, step, activity, actor, position, unit_id, opened_at,
			due, sort_due, state, assignee_key, notice_at, notice_kind)
			VALUES ($1, 1, 's1', 'Menerima berkas', 'staf', 'staf', $2, $3, $4, $4, 'open', $5, $4, 'breached')`,
			caseID, f.UnitID, ts(received), ts(due), key.String()); err != nil {
			return err
		}
		for _, u := range users {
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_task_assignees (case_id, task_no, user_id, open, sort_due) VALUES ($1, 1, $2, 1, $3)`,
				caseID, u, ts(due)); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}
