package esop

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Regulation statuses in the register.
const (
	RegulationInForce = "berlaku" // in force
	RegulationAmended = "diubah"  // amended by ChangedBy
	RegulationRevoked = "dicabut" // revoked by ChangedBy
)

// Regulation is an entry of the regulation register (dasar hukum). Kind,
// Number and Year identify it; a reference that cannot be parsed into
// them is kept under its full text as Title with an empty Kind. Issuer
// names who issued it where the kind alone does not (Menteri
// Ketenagakerjaan for a Permen); it is printed, not part of the identity.
type Regulation struct {
	ID        int64
	Kind      string
	Number    string
	Year      int
	Title     string
	Issuer    string
	Status    string // berlaku, diubah or dicabut
	ChangedBy string // the amending or revoking regulation, as text
	ChangedOn Date   // when it was amended or revoked
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Ref returns the regulation as a structured legal reference.
func (r *Regulation) Ref() LegalRef {
	if r.Kind == "" {
		return LegalRef{Text: r.Title}
	}
	return LegalRef{Kind: r.Kind, Number: r.Number, Year: r.Year, Title: r.Title, Issuer: r.Issuer}
}

// Key returns the identity of the regulation: two references with the
// same key are the same regulation.
func (r *Regulation) Key() string { return r.Ref().Key() }

// RegulationFilter selects regulations.
type RegulationFilter struct {
	Query  string // matched against kind, number, title, issuer
	Status string
	Offset int
	Limit  int
}

// RegulationService keeps the regulation register.
type RegulationService interface {
	// FindRegulationByID returns ENOTFOUND if there is no such regulation.
	FindRegulationByID(ctx context.Context, id int64) (*Regulation, error)
	// FindRegulations returns the regulations that match f and their total count.
	FindRegulations(ctx context.Context, f RegulationFilter) ([]*Regulation, int, error)
	// CreateRegulation returns ECONFLICT if a regulation with the same key
	// exists and EINVALID if the regulation has no title or kind.
	CreateRegulation(ctx context.Context, r *Regulation) error
	// UpdateRegulationStatus sets the status of a regulation; EINVALID for
	// an unknown status or an amended/revoked status without ChangedBy.
	UpdateRegulationStatus(ctx context.Context, id int64, status, changedBy string, on Date) (*Regulation, error)
	// UpdateRegulationIssuer sets who issued the regulation ("" none);
	// ENOTFOUND if there is none, EINVALID for an issuer too long.
	UpdateRegulationIssuer(ctx context.Context, id int64, issuer string) (*Regulation, error)
	// FindSOPsCiting returns the ids of the SOP versions that cite the regulation.
	FindSOPsCiting(ctx context.Context, regulationID int64) ([]int64, error)
}

var regulationKinds = []struct{ abbr, name string }{
	{"UUD", "Undang-Undang Dasar"},
	{"Perppu", "Peraturan Pemerintah Pengganti Undang-Undang"},
	{"UU", "Undang-Undang"},
	{"PP", "Peraturan Pemerintah"},
	{"Perpres", "Peraturan Presiden"},
	{"Keppres", "Keputusan Presiden"},
	{"Inpres", "Instruksi Presiden"},
	{"Permen", "Peraturan Menteri"},
	{"Kepmen", "Keputusan Menteri"},
	{"Perka", "Peraturan Kepala"},
	{"Perban", "Peraturan Badan"},
	{"Perda", "Peraturan Daerah"},
	{"Pergub", "Peraturan Gubernur"},
	{"Perbup", "Peraturan Bupati"},
	{"Perwali", "Peraturan Wali Kota"},
	{"Kepwali", "Keputusan Wali Kota"},
	{"SE", "Surat Edaran"},
}

// longKinds maps the long names met in texts (longest first, so that
// "Peraturan Pemerintah Pengganti" wins over "Peraturan Pemerintah" and
// "Permenakertrans" over "Permenaker") to their abbreviation. A long name
// that names an office ("peraturan menteri") takes the words after it as
// the issuer (Menteri Ketenagakerjaan); a short name of one ministry's
// regulations gives that ministry as the issuer. National kinds whose
// name is their issuer (UU, PP, Perpres) take none.
var longKinds = []struct{ prefix, abbr, office, issuer string }{
	{"undang-undang dasar", "UUD", "", ""},
	{"peraturan pemerintah pengganti undang-undang", "Perppu", "", ""},
	{"undang-undang", "UU", "", ""},
	{"undang undang", "UU", "", ""},
	{"peraturan pemerintah", "PP", "", ""},
	{"peraturan presiden", "Perpres", "", ""},
	{"keputusan presiden", "Keppres", "", ""},
	{"instruksi presiden", "Inpres", "", ""},
	{"peraturan menteri", "Permen", "Menteri", ""},
	{"permenakertrans", "Permen", "", "Menteri Tenaga Kerja dan Transmigrasi"},
	{"permenaker", "Permen", "", "Menteri Ketenagakerjaan"},
	{"permenpan", "Permen", "", "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"},
	{"permendagri", "Permen", "", "Menteri Dalam Negeri"},
	{"keputusan menteri", "Kepmen", "Menteri", ""},
	{"kepmenakertrans", "Kepmen", "", "Menteri Tenaga Kerja dan Transmigrasi"},
	{"peraturan kepala", "Perka", "Kepala", ""},
	{"peraturan badan", "Perban", "Badan", ""},
	{"peraturan daerah", "Perda", "", ""},
	{"peraturan gubernur", "Pergub", "Gubernur", ""},
	{"peraturan bupati", "Perbup", "Bupati", ""},
	{"peraturan wali kota", "Perwali", "Wali Kota", ""},
	{"peraturan walikota", "Perwali", "Wali Kota", ""},
	{"keputusan wali kota", "Kepwali", "Wali Kota", ""},
	{"keputusan walikota", "Kepwali", "Wali Kota", ""},
	{"surat edaran", "SE", "", ""},
}

var (
	refPattern  = LazyRegexp(`(?i)^(.+?)\s+(?:nomor|no\.?)\s+(\S+?)(?:\s+tahun\s+(\d{4}))?(?:\s+tentang\s+(.+))?$`)
	yearInTrail = LazyRegexp(`/((?:19|20)\d\d)$`)
)

// Structured returns r in its structured form: a text reference such as
// "Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan" is parsed
// into kind UU, number 13, year 2003. A text that cannot be parsed is
// returned unchanged.
func (r LegalRef) Structured() LegalRef {
	if r.Text == "" {
		return r
	}
	m := refPattern().FindStringSubmatch(strings.Join(strings.Fields(r.Text), " "))
	if m == nil {
		return r
	}
	kind, issuer := kindAndIssuer(m[1])
	number := strings.TrimRight(m[2], ",")
	year, _ := strconv.Atoi(m[3])
	if year == 0 {
		if y := yearInTrail().FindStringSubmatch(number); y != nil {
			year, _ = strconv.Atoi(y[1])
		}
	}
	if kind == "" || year == 0 {
		return r
	}
	return LegalRef{Kind: kind, Number: number, Year: year, Title: strings.TrimSpace(m[4]), Issuer: issuer}
}

// kindOf returns the abbreviation of the kind a text names (Peraturan
// Menteri Ketenagakerjaan → Permen), or "".
func kindOf(s string) string {
	k, _ := kindAndIssuer(s)
	return k
}

// kindAndIssuer returns the abbreviation of the kind a text names and the
// issuer it names with it: "Peraturan Menteri Ketenagakerjaan" gives
// Permen and Menteri Ketenagakerjaan, "Peraturan Daerah Kota Malang"
// Perda and Kota Malang, "Permenaker" Permen and Menteri Ketenagakerjaan.
func kindAndIssuer(s string) (kind, issuer string) {
	s = strings.Join(strings.Fields(s), " ")
	for _, k := range longKinds {
		if len(s) < len(k.prefix) || !strings.EqualFold(s[:len(k.prefix)], k.prefix) {
			continue
		}
		rest := s[len(k.prefix):]
		switch {
		case k.issuer != "":
			return k.abbr, k.issuer
		case rest == "" || rest[0] != ' ' || (k.office == "" && k.abbr != "Perda"):
			return k.abbr, ""
		case k.office == "":
			return k.abbr, strings.TrimSpace(rest) // Perda: the region
		}
		return k.abbr, k.office + " " + strings.TrimSpace(rest)
	}
	for _, k := range regulationKinds {
		if strings.EqualFold(s, k.abbr) {
			return k.abbr, ""
		}
	}
	return "", ""
}

// Key returns the identity of the referenced regulation: kind, number and
// year, normalised, for structured references; the folded text otherwise.
// The text and object forms of the same regulation have the same key.
func (r LegalRef) Key() string {
	s := r.Structured()
	if s.Text != "" {
		return "text:" + strings.ToLower(strings.Join(strings.Fields(s.Text), " "))
	}
	kind := kindOf(s.Kind)
	if kind == "" {
		kind = strings.ToLower(s.Kind)
	}
	return strings.ToLower(kind) + ":" + normNumber(s.Number) + ":" + strconv.Itoa(s.Year)
}

// normNumber folds case and spaces and drops leading zeros of a plain number.
func normNumber(n string) string {
	n = strings.ToUpper(strings.Join(strings.Fields(n), ""))
	if t := strings.TrimLeft(n, "0"); t != "" && strings.Trim(t, "0123456789") == "" {
		return t
	}
	return n
}

// Regulation returns the register entry a reference creates when it is
// not yet registered; its status is berlaku.
func (r LegalRef) Regulation() *Regulation {
	s := r.Structured()
	if s.Text != "" {
		return &Regulation{Title: s.Text, Status: RegulationInForce}
	}
	return &Regulation{Kind: kindOrGiven(s.Kind), Number: s.Number, Year: s.Year, Title: s.Title, Issuer: s.Issuer, Status: RegulationInForce}
}

func kindOrGiven(k string) string {
	if c := kindOf(k); c != "" {
		return c
	}
	return k
}

// KnownKind reports whether kind is a regulation kind of the register,
// by abbreviation (UU) or long name (Undang-Undang).
func KnownKind(kind string) bool { return kindOf(kind) != "" }

// RegulationKinds returns the abbreviations of the regulation kinds.
func RegulationKinds() []string {
	out := make([]string, len(regulationKinds))
	for i, k := range regulationKinds {
		out[i] = k.abbr
	}
	return out
}
