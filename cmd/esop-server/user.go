package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
	"github.com/esop-malang/esop/sqlstore"
)

// userUsageID and userUsageEN are the usage of esop user.
const (
	userUsageID = `Penggunaan:
  esop user add NAMA_PENGGUNA --role PERAN [--role PERAN…] [--unit UNIT] [--employee NIP] [--name NAMA] [--email ALAMAT]
  esop user set NAMA_PENGGUNA [--role PERAN…] [--unit UNIT] [--employee NIP] [--email ALAMAT] [--name NAMA]
  esop user passwd NAMA_PENGGUNA
Kata sandi dari $ESOP_PASSWORD, atau ditanyakan di terminal.
`
	userUsageEN = `Usage:
  esop user add USERNAME --role ROLE [--role ROLE…] [--unit UNIT] [--employee NIP] [--name NAME] [--email ADDRESS]
  esop user set USERNAME [--role ROLE…] [--unit UNIT] [--employee NIP] [--email ADDRESS] [--name NAME]
  esop user passwd USERNAME
The password comes from $ESOP_PASSWORD, or is asked for on the terminal.
`
)

// user manages accounts: add one, change one, or give one a new password.
func (c *app) user(args []string) error {
	if len(args) >= 2 && !strings.HasPrefix(args[1], "-") {
		switch args[0] {
		case "add":
			return c.userAdd(args[1], args[2:])
		case "set":
			return c.userSet(args[1], args[2:])
		case "passwd":
			return c.userPasswd(args[1], args[2:])
		}
	}
	c.Say(c.Stderr, userUsageID, userUsageEN)
	return cli.ExitError(2)
}

// userFlags are the flags that describe an account, shared by add and set.
type userFlags struct {
	dsn, unit, nip, name, email *string
	roles                       []string
}

func (c *app) userFlagSet(name string) (*flag.FlagSet, *userFlags) {
	fs := c.Flags(name)
	f := &userFlags{dsn: c.DBFlag(fs)}
	fs.Func("role", "a role: "+strings.Join(esop.Roles, ", ")+" (may be repeated)", func(s string) error {
		f.roles = append(f.roles, s)
		return nil
	})
	f.unit = fs.String("unit", "", "the unit the roles are for, by key or name (default: every unit)")
	f.nip = fs.String("employee", "", "the NIP of the employee the account belongs to")
	f.name = fs.String("name", "", "the user's full name")
	f.email = fs.String("email", "", "the e-mail address review reminders go to")
	return fs, f
}

// userAdd: esop user add USERNAME --role ROLE [--role ROLE…] [--unit UNIT] [--employee NIP] [--name NAME] [--email ADDRESS].
func (c *app) userAdd(username string, args []string) error {
	fs, f := c.userFlagSet("user add")
	if err := fs.Parse(args); err != nil {
		return cli.ExitError(2)
	}
	if len(f.roles) == 0 {
		c.Say(c.Stderr, "esop user add: sebutkan sekurang-kurangnya satu --role\n", "esop user add: give at least one --role\n")
		return cli.ExitError(2)
	}
	if _, err := esop.NormalizeEmail(*f.email); err != nil {
		return err
	}
	db, err := openDB(c.Ctx, *f.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &esop.User{Username: username, Name: *f.name, Email: *f.email}
	unitID, err := c.findUnit(db, *f.unit)
	if err != nil {
		return err
	}
	for _, r := range f.roles {
		u.Grants = append(u.Grants, esop.Grant{Role: r, UnitID: unitID})
	}
	if *f.nip != "" {
		if err := c.linkEmployee(db, u, *f.nip); err != nil {
			return err
		}
	}
	password, err := c.password()
	if err != nil {
		return err
	}
	if err := db.CreateUser(c.Ctx, u, password); err != nil {
		return err
	}
	c.Say(c.Stdout, "Pengguna %s dibuat dengan peran %s.\n", "User %s created with roles %s.\n", u.Username, strings.Join(f.roles, ", "))
	return nil
}

// userSet: esop user set USERNAME [--role ROLE…] [--unit UNIT] [--employee NIP] [--email ADDRESS] [--name NAME].
// Only what is given changes: --role replaces every role (for --unit, or
// every unit); --unit alone moves the roles the user has to that unit;
// --employee "" unlinks the employee and --email "" removes the address.
func (c *app) userSet(username string, args []string) error {
	fs, f := c.userFlagSet("user set")
	if err := fs.Parse(args); err != nil {
		return cli.ExitError(2)
	}
	if fs.NArg() > 0 {
		c.Say(c.Stderr, "esop user set: argumen tidak dikenal %q\n", "esop user set: unexpected argument %q\n", fs.Arg(0))
		return cli.ExitError(2)
	}
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if !given["role"] && !given["unit"] && !given["employee"] && !given["email"] && !given["name"] {
		c.Say(c.Stderr, "esop user set: tidak ada yang diubah; sebutkan --role, --unit, --employee, --email atau --name\n",
			"esop user set: nothing to change; give --role, --unit, --employee, --email or --name\n")
		return cli.ExitError(2)
	}
	db, err := openDB(c.Ctx, *f.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := c.findUser(db, username)
	if err != nil {
		return err
	}
	if given["role"] || given["unit"] {
		if err := c.setGrants(db, u, f.roles, *f.unit); err != nil {
			return err
		}
	}
	if given["employee"] {
		u.EmployeeID = 0
		if *f.nip != "" {
			if err := c.linkEmployee(db, u, *f.nip); err != nil {
				return err
			}
		}
	}
	if given["email"] {
		u.Email = *f.email
	}
	if given["name"] {
		u.Name = *f.name
	}
	if err := db.UpdateUser(c.Ctx, u); err != nil {
		return err
	}
	return c.describeUser(db, u)
}

// setGrants gives u the roles for the unit named unit ("" is every unit);
// without roles, the roles u has move to that unit.
func (c *app) setGrants(db *sqlstore.DB, u *esop.User, roles []string, unit string) error {
	unitID, err := c.findUnit(db, unit)
	if err != nil {
		return err
	}
	if len(roles) == 0 {
		for _, g := range u.Grants {
			roles = append(roles, g.Role)
		}
	}
	u.Grants = nil
	for _, r := range roles {
		u.Grants = append(u.Grants, esop.Grant{Role: r, UnitID: unitID})
	}
	return nil
}

// describeUser prints what an account is now: roles, employee, address.
func (c *app) describeUser(db *sqlstore.DB, u *esop.User) error {
	units, err := db.FindUnits(c.Ctx, esop.UnitFilter{})
	if err != nil {
		return err
	}
	names := map[int64]string{0: map[string]string{"id": "semua unit", "en": "every unit"}[c.Lang()]}
	for _, unit := range units {
		names[unit.ID] = unit.Name
	}
	var grants []string
	for _, g := range u.Grants {
		grants = append(grants, fmt.Sprintf("%s (%s)", g.Role, names[g.UnitID]))
	}
	employee, email := "—", "—"
	if u.EmployeeID != 0 {
		emps, err := db.FindEmployees(c.Ctx)
		if err != nil {
			return err
		}
		for _, e := range emps {
			if e.ID == u.EmployeeID {
				employee = fmt.Sprintf("%s, NIP %s", e.Name, esop.FormatNIP(e.NIP))
			}
		}
	}
	if u.Email != "" {
		email = u.Email
	}
	c.Say(c.Stdout, "Pengguna %s diubah.\n  peran:   %s\n  pegawai: %s\n  surel:   %s\n", "User %s changed.\n  roles:    %s\n  employee: %s\n  e-mail:   %s\n",
		u.Username, strings.Join(grants, ", "), employee, email)
	return nil
}

// userPasswd: esop user passwd USERNAME. The way back into a system whose
// administrator lost their password: it needs access to the database, not
// to the web application.
func (c *app) userPasswd(username string, args []string) error {
	fs := c.Flags("user passwd")
	dsn := c.DBFlag(fs)
	if err := fs.Parse(args); err != nil {
		return cli.ExitError(2)
	}
	if fs.NArg() > 0 {
		c.Say(c.Stderr, "esop user passwd: argumen tidak dikenal %q\n", "esop user passwd: unexpected argument %q\n", fs.Arg(0))
		return cli.ExitError(2)
	}
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := c.findUser(db, username)
	if err != nil {
		return err
	}
	password, err := c.password()
	if err != nil {
		return err
	}
	if err := db.SetPassword(c.Ctx, u.ID, password); err != nil {
		return err
	}
	c.Say(c.Stdout, "Kata sandi %s diganti; semua sesi dan token API-nya diakhiri.\n",
		"The password of %s was changed; all their sessions and API tokens were ended.\n", u.Username)
	if u.Disabled {
		c.Say(c.Stdout, "Perhatian: akun %s nonaktif; aktifkan di Administrasi → Pengguna.\n",
			"Note: the account %s is disabled; enable it under Administration → Users.\n", u.Username)
	}
	return nil
}

// findUser returns the user with that user name.
func (c *app) findUser(db *sqlstore.DB, username string) (*esop.User, error) {
	users, err := db.FindUsers(c.Ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.Username == username {
			return u, nil
		}
	}
	return nil, esop.Errorf(esop.ENOTFOUND, "pengguna %q tidak ditemukan", "user %q not found", username)
}

// linkEmployee links u to the employee with that NIP; a user without a
// name takes the employee's.
func (c *app) linkEmployee(db *sqlstore.DB, u *esop.User, nip string) error {
	e, err := db.FindEmployeeByNIP(c.Ctx, nip)
	if err != nil {
		return err
	}
	u.EmployeeID = e.ID
	if u.Name == "" {
		u.Name = e.Name
	}
	return nil
}

// findUnit returns the id of the unit with the given key or name; "" is every unit (0).
func (c *app) findUnit(db *sqlstore.DB, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	units, err := db.FindUnits(c.Ctx, esop.UnitFilter{})
	if err != nil {
		return 0, err
	}
	for _, u := range units {
		if u.Key == s || strings.EqualFold(u.Name, s) {
			return u.ID, nil
		}
	}
	return 0, esop.Errorf(esop.ENOTFOUND, "unit %q tidak ditemukan", "unit %q not found", s)
}

var errNoPassword = esop.Errorf(esop.EINVALID, "kata sandi tidak diberikan: isi $ESOP_PASSWORD, atau jalankan perintah ini di terminal",
	"no password given: set $ESOP_PASSWORD, or run this command on a terminal")

// password reads a new password from $ESOP_PASSWORD, or asks for it twice
// on the terminal without echo. Anything else (a pipe, a file) is refused:
// a script passes $ESOP_PASSWORD, a person types it. Its rules (length)
// are checked by the store, the same for every door.
func (c *app) password() (string, error) {
	if p := c.Getenv("ESOP_PASSWORD"); p != "" {
		return p, nil
	}
	in, ok := c.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return "", errNoPassword
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(c.Stderr, prompt)
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(c.Stderr)
		return string(b), err
	}
	p1, err := ask(map[string]string{"id": "Kata sandi baru: ", "en": "New password: "}[c.Lang()])
	if err != nil {
		return "", err
	}
	if p1 == "" {
		return "", errNoPassword
	}
	p2, err := ask(map[string]string{"id": "Ulangi kata sandi: ", "en": "Repeat the password: "}[c.Lang()])
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", esop.Errorf(esop.EINVALID, "kedua kata sandi tidak sama", "the two passwords differ")
	}
	return p1, nil
}
