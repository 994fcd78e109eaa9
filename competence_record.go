package esop

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Employees' competence records (issue 13, point 2): the trainings
// (diklat, pelatihan) an employee attended and the certificates they
// hold, each of a kind of PermenPANRB 38/2017 (teknis, manajerial,
// sosial-kultural), with the day it was obtained and, for what lapses,
// the day it expires. Set against the competences their positions need
// (RequiredCompetences) they give the gaps and the training needs.

// Types of record.
const (
	RecordTraining    = "training"
	RecordCertificate = "certificate"
)

// RecordTypes lists the types of record.
var RecordTypes = []string{RecordTraining, RecordCertificate}

// CompetenceKinds lists the kinds of competence.
var CompetenceKinds = []string{CompetenceTeknis, CompetenceManajerial, CompetenceSosialKultural}

// EntityCompetenceRecord is the audit entity of a record; EntityID is its id.
const EntityCompetenceRecord = "competence_record"

// Limits of a record's texts, in characters.
const (
	MaxRecordTitle    = 300
	MaxRecordEvidence = 1000
)

// CompetenceRecord is one training or certificate of an employee.
type CompetenceRecord struct {
	ID         int64     `json:"id"`
	EmployeeID int64     `json:"-"`
	NIP        string    `json:"nip"`
	Type       string    `json:"type"` // RecordTraining or RecordCertificate
	Title      string    `json:"title"`
	Kind       string    `json:"kind"`   // CompetenceTeknis, …
	Issuer     string    `json:"issuer"` // penyelenggara or penerbit
	Date       Date      `json:"date"`   // the day it was completed or issued
	Expiry     *Date     `json:"expiry"` // nil when it does not lapse
	Evidence   string    `json:"evidence"`
	UpdatedBy  string    `json:"updatedBy"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// RecordInput is a record as a form or a request writes it: text, so
// that a date that is no date is reported on its field.
type RecordInput struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Issuer   string `json:"issuer"`
	Date     string `json:"date"`
	Expiry   string `json:"expiry"`
	Evidence string `json:"evidence"`
}

// Record returns the record of in, checked against today (see
// CompetenceRecord.Validate), or its problems, each on its field.
func (in RecordInput) Record(today Date) (CompetenceRecord, Problems) {
	var c collector
	r := CompetenceRecord{Type: strings.TrimSpace(in.Type), Title: in.Title, Kind: strings.TrimSpace(in.Kind),
		Issuer: in.Issuer, Evidence: in.Evidence}
	if s := strings.TrimSpace(in.Date); s != "" {
		d, err := ParseDate(s)
		if err != nil {
			c.errorf("date", "bad_date", "tanggal “%s” tidak dikenali; tulis TTTT-BB-HH, misalnya 2025-03-17",
				"the date “%s” is not understood; write YYYY-MM-DD, for example 2025-03-17", s)
		} else {
			r.Date = d
		}
	}
	if s := strings.TrimSpace(in.Expiry); s != "" {
		d, err := ParseDate(s)
		if err != nil {
			c.errorf("expiry", "bad_date", "tanggal berlaku sampai “%s” tidak dikenali; tulis TTTT-BB-HH atau kosongkan bila tidak kedaluwarsa",
				"the expiry “%s” is not understood; write YYYY-MM-DD, or leave it empty when it does not lapse", s)
		} else {
			r.Expiry = &d
		}
	}
	r.Normalize()
	ps := append(c.list, r.Validate(today)...)
	// A date already reported as unreadable is not also "required".
	ps = slices.DeleteFunc(ps, func(p Problem) bool {
		return p.Code == "required" && slices.ContainsFunc(c.list, func(q Problem) bool { return q.Path == p.Path })
	})
	return r, ps
}

// Normalize trims the record's texts and folds runs of spaces in its
// one-line texts.
func (r *CompetenceRecord) Normalize() {
	r.Type, r.Kind = strings.TrimSpace(r.Type), strings.TrimSpace(r.Kind)
	r.Title = strings.Join(strings.Fields(r.Title), " ")
	r.Issuer = strings.Join(strings.Fields(r.Issuer), " ")
	r.Evidence = strings.TrimSpace(r.Evidence)
}

// Validate returns the problems of a record, each on its field: a type
// and kind of the lists, a title, a date not after today, an issuer for
// a certificate, an expiry after the date, texts within their limits.
func (r *CompetenceRecord) Validate(today Date) Problems {
	var c collector
	if !slices.Contains(RecordTypes, r.Type) {
		if r.Type == "" {
			c.errorf("type", "required", "pilih jenis catatan: pelatihan atau sertifikat", "choose the type of record: training or certificate")
		} else {
			c.errorf("type", "unknown", "jenis “%s” tidak dikenal; pilih pelatihan (training) atau sertifikat (certificate)",
				"unknown type “%s”; choose training or certificate", r.Type)
		}
	}
	switch n, ok := fitsCount(r.Title, MaxRecordTitle, false); {
	case r.Title == "":
		c.errorf("title", "required", "judul pelatihan atau sertifikat wajib diisi", "the title of the training or certificate is required")
	case !ok:
		c.errorf("title", "too_long", "judul paling panjang %d karakter tanpa karakter kendali (tertulis %d)",
			"the title has at most %d characters and no control characters (it has %d)", MaxRecordTitle, n)
	}
	if !slices.Contains(CompetenceKinds, r.Kind) {
		if r.Kind == "" {
			c.errorf("kind", "required", "pilih jenis kompetensi: teknis, manajerial atau sosial-kultural",
				"choose the kind of competence: teknis, manajerial or sosial-kultural")
		} else {
			c.errorf("kind", "unknown", "jenis kompetensi “%s” tidak dikenal; pilih teknis, manajerial atau sosial-kultural",
				"unknown kind of competence “%s”; choose teknis, manajerial or sosial-kultural", r.Kind)
		}
	}
	switch n, ok := fitsCount(r.Issuer, MaxNameLen, false); {
	case r.Issuer == "" && r.Type == RecordCertificate:
		c.errorf("issuer", "required", "penerbit sertifikat wajib diisi", "the issuer of a certificate is required")
	case r.Issuer != "" && !ok:
		c.errorf("issuer", "too_long", "penyelenggara/penerbit paling panjang %d karakter tanpa karakter kendali (tertulis %d)",
			"the issuer has at most %d characters and no control characters (it has %d)", MaxNameLen, n)
	}
	switch {
	case r.Date.IsZero():
		c.errorf("date", "required", "tanggal selesai pelatihan atau terbit sertifikat wajib diisi",
			"the date the training ended or the certificate was issued is required")
	case today.Before(r.Date):
		c.errorf("date", "future", "tanggal %s belum tiba: catat pelatihan atau sertifikat setelah diperoleh",
			"the date %s has not come yet: record a training or certificate once it is obtained", r.Date.String())
	}
	if r.Expiry != nil && !r.Date.IsZero() && !r.Date.Before(*r.Expiry) {
		c.errorf("expiry", "before_date", "berlaku sampai (%s) harus sesudah tanggal terbit (%s)",
			"the expiry (%s) must be after the date issued (%s)", r.Expiry.String(), r.Date.String())
	}
	if n, ok := fitsCount(r.Evidence, MaxRecordEvidence, true); r.Evidence != "" && !ok {
		c.errorf("evidence", "too_long", "keterangan bukti paling panjang %d karakter tanpa karakter kendali (tertulis %d)",
			"the evidence note has at most %d characters and no control characters (it has %d)", MaxRecordEvidence, n)
	}
	return c.list
}

// Expired reports whether the record has lapsed on day.
func (r *CompetenceRecord) Expired(day Date) bool {
	return r.Expiry != nil && r.Expiry.Before(day)
}

// ExpiresWithin reports whether the record, valid on day, lapses within
// days of it.
func (r *CompetenceRecord) ExpiresWithin(day Date, days int) bool {
	return r.Expiry != nil && !r.Expired(day) && !day.AddDate(0, 0, days).Before(*r.Expiry)
}

// CompetenceRecordService keeps the employees' competence records; every
// change audited.
type CompetenceRecordService interface {
	// CompetenceRecords returns an employee's records, newest first.
	CompetenceRecords(ctx context.Context, employeeID int64) ([]CompetenceRecord, error)
	// AllCompetenceRecords returns every employee's records by employee id.
	AllCompetenceRecords(ctx context.Context) (map[int64][]CompetenceRecord, error)
	// CreateCompetenceRecord stores a new record of r.EmployeeID
	// (EINVALID per Validate, ENOTFOUND for an unknown employee) and sets
	// its id; UpdateCompetenceRecord replaces one of the employee's
	// (ENOTFOUND when the employee has no record of that id);
	// DeleteCompetenceRecord removes one.
	CreateCompetenceRecord(ctx context.Context, r *CompetenceRecord) error
	UpdateCompetenceRecord(ctx context.Context, r *CompetenceRecord) error
	DeleteCompetenceRecord(ctx context.Context, employeeID, id int64) error
}
