package esop

import (
	"context"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Setting keys of an agency's office contact, per agency (AgencyKey).
const (
	SettingOfficeAddress = "office.address"
	SettingOfficePhone   = "office.phone"
	SettingOfficeEmail   = "office.email"
	SettingOfficeWebsite = "office.website"
)

// OfficeKeys lists the keys of an OfficeContact, in its fields' order.
var OfficeKeys = []string{SettingOfficeAddress, SettingOfficePhone, SettingOfficeEmail, SettingOfficeWebsite}

// OfficeContact is how an agency's office is reached, as the letterhead
// (kop) of its decisions and the cover of its SOP book print it. Empty
// fields are left out of the print.
type OfficeContact struct {
	Address string // Jalan Tenes, Malang 65111
	Phone   string // (0341) 551234
	Email   string // disnaker@malangkota.go.id
	Website string // disnaker.malangkota.go.id
}

// Values returns the fields by their setting keys.
func (c OfficeContact) Values() map[string]string {
	return map[string]string{SettingOfficeAddress: c.Address, SettingOfficePhone: c.Phone, SettingOfficeEmail: c.Email, SettingOfficeWebsite: c.Website}
}

// Set sets the field of a setting key; other keys are ignored.
func (c *OfficeContact) Set(key, value string) {
	switch key {
	case SettingOfficeAddress:
		c.Address = value
	case SettingOfficePhone:
		c.Phone = value
	case SettingOfficeEmail:
		c.Email = value
	case SettingOfficeWebsite:
		c.Website = value
	}
}

// Limits of the office contact: each is printed on one line of the letterhead.
const (
	MaxOfficeAddressLen = 200
	MaxOfficeContactLen = 100
)

// Check returns EINVALID naming every field that is not valid: a field
// too long or holding a control character (a line break included: each
// is printed on one line), a telephone number with fewer than five
// digits, an e-mail address that is not one plain address, a website
// that is not a host name with a dot (with or without http:// or
// https://). Fields are expected trimmed (Clean).
func (c OfficeContact) Check() error {
	var bad []Text
	field := func(name Text, v string, max int, ok func(string) bool, what Text) {
		switch {
		case v == "":
		case utf8.RuneCountInString(v) > max:
			bad = append(bad, Text{name.ID + ": paling panjang " + strconv.Itoa(max) + " huruf", name.EN + ": at most " + strconv.Itoa(max) + " characters"})
		case strings.ContainsFunc(v, unicode.IsControl):
			bad = append(bad, Text{name.ID + ": tidak boleh memuat baris baru atau karakter kendali", name.EN + ": no line breaks or control characters"})
		case ok != nil && !ok(v):
			bad = append(bad, Text{name.ID + ": " + what.ID, name.EN + ": " + what.EN})
		}
	}
	field(Text{"Alamat", "Address"}, c.Address, MaxOfficeAddressLen, nil, Text{})
	field(Text{"Telepon", "Telephone"}, c.Phone, MaxOfficeContactLen, phoneOK,
		Text{"tulis nomor telepon dengan sekurang-kurangnya 5 angka, misalnya (0341) 551234", "write a telephone number of at least 5 digits, for example (0341) 551234"})
	field(Text{"Pos-el", "E-mail"}, c.Email, MaxOfficeContactLen, emailOK,
		Text{"bukan alamat pos-el, misalnya disnaker@malangkota.go.id", "not an e-mail address, for example disnaker@malangkota.go.id"})
	field(Text{"Laman", "Website"}, c.Website, MaxOfficeContactLen, websiteOK,
		Text{"bukan alamat laman, misalnya disnaker.malangkota.go.id", "not a website address, for example disnaker.malangkota.go.id"})
	if len(bad) == 0 {
		return nil
	}
	var id, en []string
	for _, t := range bad {
		id, en = append(id, t.ID), append(en, t.EN)
	}
	return &Error{Code: EINVALID, Message: Text{ID: strings.Join(id, "; ") + ".", EN: strings.Join(en, "; ") + "."}}
}

// Clean returns c with every field's spaces collapsed.
func (c OfficeContact) Clean() OfficeContact {
	f := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return OfficeContact{Address: f(c.Address), Phone: f(c.Phone), Email: f(c.Email), Website: f(c.Website)}
}

func phoneOK(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +()-./,", r), unicode.IsLetter(r): // "(0341) 551234, Faks. 551235"
		default:
			return false
		}
	}
	return digits >= 5
}

func emailOK(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".")
}

func websiteOK(s string) bool {
	rest := s
	for _, p := range []string{"https://", "http://"} {
		if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
			rest = rest[len(p):]
			break
		}
	}
	if strings.ContainsAny(rest, " \\\"<>") || strings.Contains(rest, "://") {
		return false
	}
	u, err := url.Parse("https://" + rest)
	if err != nil || u.User != nil || u.Port() != "" {
		return false
	}
	host := u.Hostname()
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return false
	}
	for _, r := range host {
		if !(r == '.' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// OfficeService keeps the office contact of each agency.
type OfficeService interface {
	// OfficeContact returns what is stored for an agency (a perangkat
	// daerah unit); fields not set are empty.
	OfficeContact(ctx context.Context, agencyID int64) (OfficeContact, error)
	// PutOfficeContact replaces an agency's office contact in one
	// transaction, each change audited; an empty field is removed.
	// EINVALID for a field that fails Check or a unit that is not a
	// perangkat daerah.
	PutOfficeContact(ctx context.Context, agencyID int64, c OfficeContact) error
}
