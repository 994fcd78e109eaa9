package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// user manages accounts: esop user add USERNAME --role ROLE [--role ROLE…] [--unit UNIT] [--employee NIP] [--name NAME] [--email ADDRESS].
func (c *cli) user(args []string) error {
	if len(args) < 2 || args[0] != "add" || strings.HasPrefix(args[1], "-") {
		c.say(c.stderr, "Penggunaan: esop user add NAMA_PENGGUNA --role PERAN [--role PERAN…] [--unit UNIT] [--employee NIP] [--name NAMA] [--email ALAMAT]\n",
			"Usage: esop user add USERNAME --role ROLE [--role ROLE…] [--unit UNIT] [--employee NIP] [--name NAME] [--email ADDRESS]\n")
		return exitError(2)
	}
	username := args[1]
	fs := c.flags("user add")
	dsn := c.dbFlag(fs)
	var roles []string
	fs.Func("role", "a role: "+strings.Join(esop.Roles, ", ")+" (may be repeated)", func(s string) error {
		roles = append(roles, s)
		return nil
	})
	unit := fs.String("unit", "", "the unit the roles are for, by key or name (default: every unit)")
	nip := fs.String("employee", "", "the NIP of the employee the account belongs to")
	name := fs.String("name", "", "the user's full name")
	email := fs.String("email", "", "the e-mail address review reminders go to")
	if err := fs.Parse(args[2:]); err != nil {
		return exitError(2)
	}
	if len(roles) == 0 {
		c.say(c.stderr, "esop user add: sebutkan sekurang-kurangnya satu --role\n", "esop user add: give at least one --role\n")
		return exitError(2)
	}
	if _, err := esop.NormalizeEmail(*email); err != nil {
		return err
	}
	db, err := openDB(c.ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &esop.User{Username: username, Name: *name, Email: *email}
	unitID, err := c.findUnit(db, *unit)
	if err != nil {
		return err
	}
	for _, r := range roles {
		u.Grants = append(u.Grants, esop.Grant{Role: r, UnitID: unitID})
	}
	if *nip != "" {
		e, err := db.FindEmployeeByNIP(c.ctx, *nip)
		if err != nil {
			return err
		}
		u.EmployeeID = e.ID
		if u.Name == "" {
			u.Name = e.Name
		}
	}
	password, err := c.password()
	if err != nil {
		return err
	}
	if err := db.CreateUser(c.ctx, u, password); err != nil {
		return err
	}
	c.say(c.stdout, "Pengguna %s dibuat dengan peran %s.\n", "User %s created with roles %s.\n", u.Username, strings.Join(roles, ", "))
	return nil
}

// findUnit returns the id of the unit with the given key or name; "" is every unit (0).
func (c *cli) findUnit(db *sqlstore.DB, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	units, err := db.FindUnits(c.ctx, esop.UnitFilter{})
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

// password reads the new user's password from $ESOP_PASSWORD, or asks
// for it twice on the terminal without echo.
func (c *cli) password() (string, error) {
	if p := c.getenv("ESOP_PASSWORD"); p != "" {
		return p, nil
	}
	in, ok := c.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		if ok {
			// Not a terminal: read one line (e.g. from a pipe).
			line, err := bufio.NewReader(in).ReadString('\n')
			if p := strings.TrimRight(line, "\r\n"); p != "" {
				return p, nil
			}
			if err != nil {
				return "", esop.Errorf(esop.EINVALID, "kata sandi tidak diberikan: isi $ESOP_PASSWORD", "no password given: set $ESOP_PASSWORD")
			}
		}
		return "", esop.Errorf(esop.EINVALID, "kata sandi tidak diberikan: isi $ESOP_PASSWORD", "no password given: set $ESOP_PASSWORD")
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(c.stderr, prompt)
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(c.stderr)
		return string(b), err
	}
	p1, err := ask(map[string]string{"id": "Kata sandi: ", "en": "Password: "}[c.lang()])
	if err != nil {
		return "", err
	}
	p2, err := ask(map[string]string{"id": "Ulangi kata sandi: ", "en": "Repeat the password: "}[c.lang()])
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", esop.Errorf(esop.EINVALID, "kedua kata sandi tidak sama", "the two passwords differ")
	}
	return p1, nil
}
