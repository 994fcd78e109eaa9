package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/esop-malang/esop"
)

// adminView is the view model of every administration page: the lists it
// shows and an error to show above the forms.
type adminView struct {
	Error       string
	Units       []*esop.Unit
	Positions   []*esop.Position
	Employees   []*esop.Employee
	Assignments []*esop.Assignment
	Regulations []*esop.Regulation
	Users       []*esop.User
	Settings    *settingsView
	Kodes       []unitKodeRow // the units' classification codes (kode.go)
	UnitKinds   []string
	Roles       []string
	unitNames   map[int64]string
	posNames    map[int64]string
	// UnitTree is the units valid today, each under its parent, for the
	// lists to choose a unit from.
	UnitTree []unitChoice
	// Done names the change just made (?done= after the redirect).
	Done string
	// Logo is the hash of the office's logo, "" when none was uploaded.
	Logo string
}

// unitChoice is a unit in a list to choose from, indented by its depth.
type unitChoice struct {
	ID     int64
	Name   string
	Indent string // a run of non-breaking spaces, two for each level
}

// unitTree orders the units valid on day as a tree: each unit after its
// parent, siblings by name. A unit whose parent is not valid that day
// is put at the top level, so that none is lost.
func unitTree(units []*esop.Unit, day esop.Date) []unitChoice {
	valid := map[int64]*esop.Unit{}
	for _, u := range units {
		if u.ValidOn(day) {
			valid[u.ID] = u
		}
	}
	children := map[int64][]*esop.Unit{}
	for _, u := range valid {
		parent := u.ParentID
		if valid[parent] == nil {
			parent = 0
		}
		children[parent] = append(children[parent], u)
	}
	var out []unitChoice
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		list := children[parent]
		slices.SortFunc(list, func(a, b *esop.Unit) int { return strings.Compare(a.Name, b.Name) })
		for _, u := range list {
			out = append(out, unitChoice{ID: u.ID, Name: u.Name, Indent: strings.Repeat("\u00a0\u00a0", depth)})
			walk(u.ID, depth+1)
		}
	}
	walk(0, 0)
	return out
}

// UnitChoices is UnitTree for a list whose current choice is selected:
// a unit no longer valid that a record still names stays at the end,
// with the date it ended, so that saving the form does not change it.
func (v *adminView) UnitChoices(selected int64) []unitChoice {
	if selected == 0 || slices.ContainsFunc(v.UnitTree, func(o unitChoice) bool { return o.ID == selected }) {
		return v.UnitTree
	}
	for _, u := range v.Units {
		if u.ID == selected {
			name := u.Name
			if !u.ValidTo.IsZero() {
				name += " (s.d. " + u.ValidTo.String() + ")"
			}
			return append(slices.Clip(v.UnitTree), unitChoice{ID: u.ID, Name: name})
		}
	}
	return v.UnitTree
}

// EmployeeName names the holder of an assignment: name and NIP.
func (v *adminView) EmployeeName(id int64) string {
	for _, e := range v.Employees {
		if e.ID == id {
			return e.Name + " (NIP " + esop.FormatNIP(e.NIP) + ")"
		}
	}
	return "—"
}

// UnitName returns the name of a unit id, or "—".
func (v *adminView) UnitName(id int64) string {
	if n, ok := v.unitNames[id]; ok {
		return n
	}
	return "—"
}

// PositionName returns the name of a position id.
func (v *adminView) PositionName(id int64) string { return v.posNames[id] }

// load fills the lists an administration page needs.
func (s *Server) adminData(r *http.Request) (*adminView, error) {
	ctx := r.Context()
	v := &adminView{UnitKinds: esop.UnitKinds, Roles: esop.Roles, unitNames: map[int64]string{}, posNames: map[int64]string{}}
	var err error
	if v.Units, err = s.store.FindUnits(ctx, esop.UnitFilter{}); err != nil {
		return nil, err
	}
	for _, u := range v.Units {
		v.unitNames[u.ID] = u.Name
	}
	v.UnitTree = unitTree(v.Units, s.today())
	if v.Positions, err = s.store.FindPositions(ctx, esop.PositionFilter{}); err != nil {
		return nil, err
	}
	for _, p := range v.Positions {
		v.posNames[p.ID] = p.Name
	}
	return v, nil
}

// adminPage renders an administration page; a failed form shows its error.
func (s *Server) adminPage(w http.ResponseWriter, r *http.Request, rq *request, page string, fill func(*adminView) error, formErr error) error {
	v, err := s.adminData(r)
	if err != nil {
		return err
	}
	if fill != nil {
		if err := fill(v); err != nil {
			return err
		}
	}
	status := http.StatusOK
	if formErr != nil {
		v.Error = esop.ErrorMessage(formErr, rq.lang)
		status = statusOf(formErr)
	}
	s.renderPage(w, r, rq, status, page, v)
	return nil
}

// afterForm redirects back to the list after a successful change, and
// shows the page with the error otherwise (internal errors propagate).
func (s *Server) afterForm(w http.ResponseWriter, r *http.Request, rq *request, page, back string, fill func(*adminView) error, err error) error {
	switch esop.ErrorCode(err) {
	case "":
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	case esop.EINVALID, esop.ECONFLICT, esop.ENOTFOUND:
		return s.adminPage(w, r, rq, page, fill, err)
	}
	return err
}

func (s *Server) adminHome(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.adminPage(w, r, rq, "admin", s.fillHome(r), nil)
}

// fillHome adds the current logo to the administration page, and the
// confirmation of its change after the redirect.
func (s *Server) fillHome(r *http.Request) func(*adminView) error {
	return func(v *adminView) error {
		if r.Method == http.MethodGet && r.URL.Query().Get("done") == "logo" {
			v.Done = "logo"
		}
		if l := s.logo.Load(); l != nil && l.png != nil {
			v.Logo = l.hash
		}
		return nil
	}
}

func (s *Server) adminUnits(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.adminPage(w, r, rq, "admin_units", s.withUnitKodes(r), nil)
}

func formDate(r *http.Request, key string) (esop.Date, error) {
	v := strings.TrimSpace(r.PostForm.Get(key))
	if v == "" {
		return esop.Date{}, nil
	}
	d, err := esop.ParseDate(v)
	if err != nil {
		return d, esop.Errorf(esop.EINVALID, "Tanggal %q tidak sah (TTTT-BB-HH).", "The date %q is not valid (YYYY-MM-DD).", v)
	}
	return d, nil
}

func formID(r *http.Request, key string) int64 {
	id, _ := strconv.ParseInt(r.PostForm.Get(key), 10, 64)
	return id
}

// idAndForm reads the {id} of the path and the posted form.
func idAndForm(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, err
	}
	return id, parseAdminForm(w, r)
}

func parseAdminForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak sah.", "The form is not valid.")
	}
	return nil
}

func (s *Server) adminCreateUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	from, err1 := formDate(r, "validFrom")
	to, err2 := formDate(r, "validTo")
	err := firstErr(err1, err2)
	if err == nil {
		u := &esop.Unit{Key: clean(r.PostForm.Get("key")), ParentID: formID(r, "parent"), Kind: r.PostForm.Get("kind"),
			Code: clean(r.PostForm.Get("code")), Name: clean(r.PostForm.Get("name")), ValidFrom: from, ValidTo: to}
		err = s.store.CreateUnit(r.Context(), u)
	}
	return s.afterForm(w, r, rq, "admin_units", "/admin/units", nil, err)
}

func (s *Server) adminPositions(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.adminPage(w, r, rq, "admin_positions", nil, nil)
}

func (s *Server) adminCreatePosition(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	from, err1 := formDate(r, "validFrom")
	to, err2 := formDate(r, "validTo")
	err := firstErr(err1, err2)
	if err == nil {
		p := &esop.Position{Key: clean(r.PostForm.Get("key")), UnitID: formID(r, "unit"), Name: clean(r.PostForm.Get("name")),
			Kind: r.PostForm.Get("kind"), ValidFrom: from, ValidTo: to}
		err = s.store.CreatePosition(r.Context(), p)
	}
	return s.afterForm(w, r, rq, "admin_positions", "/admin/positions", nil, err)
}

func (s *Server) fillEmployees(r *http.Request) func(*adminView) error {
	return func(v *adminView) error {
		var err error
		if v.Employees, err = s.store.FindEmployees(r.Context()); err != nil {
			return err
		}
		v.Assignments, err = s.store.FindAssignments(r.Context(), esop.AssignmentFilter{})
		return err
	}
}

func (s *Server) adminEmployees(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.adminPage(w, r, rq, "admin_employees", s.fillEmployees(r), nil)
}

func (s *Server) adminCreateEmployee(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	e := &esop.Employee{NIP: r.PostForm.Get("nip"), Name: clean(r.PostForm.Get("name")), Rank: clean(r.PostForm.Get("rank")), Grade: clean(r.PostForm.Get("grade"))}
	err := s.store.CreateEmployee(r.Context(), e)
	return s.afterForm(w, r, rq, "admin_employees", "/admin/employees", s.fillEmployees(r), err)
}

func (s *Server) adminCreateAssignment(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	from, err1 := formDate(r, "from")
	to, err2 := formDate(r, "to")
	err := firstErr(err1, err2)
	if err == nil {
		var e *esop.Employee
		e, err = s.store.FindEmployeeByNIP(r.Context(), r.PostForm.Get("nip"))
		if err == nil {
			err = s.store.CreateAssignment(r.Context(), &esop.Assignment{EmployeeID: e.ID, PositionID: formID(r, "position"),
				Capacity: r.PostForm.Get("capacity"), From: from, To: to})
		}
	}
	return s.afterForm(w, r, rq, "admin_employees", "/admin/employees", s.fillEmployees(r), err)
}

func (s *Server) fillRegulations(r *http.Request) func(*adminView) error {
	return func(v *adminView) (err error) {
		v.Regulations, _, err = s.store.FindRegulations(r.Context(), esop.RegulationFilter{})
		return err
	}
}

func (s *Server) adminRegulations(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.adminPage(w, r, rq, "admin_regulations", s.fillRegulations(r), nil)
}

func (s *Server) adminCreateRegulation(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	year, _ := strconv.Atoi(r.PostForm.Get("year"))
	reg := &esop.Regulation{Kind: r.PostForm.Get("kind"), Number: clean(r.PostForm.Get("number")), Year: year,
		Title: clean(r.PostForm.Get("title")), Issuer: clean(r.PostForm.Get("issuer")), Status: esop.RegulationInForce}
	err := s.store.CreateRegulation(r.Context(), reg)
	return s.afterForm(w, r, rq, "admin_regulations", "/admin/regulations", s.fillRegulations(r), err)
}

func (s *Server) adminRegulationStatus(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := idAndForm(w, r)
	if err != nil {
		return err
	}
	on, err := formDate(r, "on")
	if err == nil {
		_, err = s.store.UpdateRegulationStatus(r.Context(), id, r.PostForm.Get("status"), clean(r.PostForm.Get("changedBy")), on)
	}
	if err == nil {
		s.log.Info("regulation status changed", "id", id, "status", r.PostForm.Get("status"), "by", rq.user.Username)
	}
	return s.afterForm(w, r, rq, "admin_regulations", "/admin/regulations", s.fillRegulations(r), err)
}

// adminRegulationIssuer sets who issued a registered regulation
// (Menteri Ketenagakerjaan), printed in its citation; empty removes it.
func (s *Server) adminRegulationIssuer(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := idAndForm(w, r)
	if err != nil {
		return err
	}
	_, err = s.store.UpdateRegulationIssuer(r.Context(), id, clean(r.PostForm.Get("issuer")))
	if err == nil {
		s.log.Info("regulation issuer changed", "id", id, "by", rq.user.Username)
	}
	return s.afterForm(w, r, rq, "admin_regulations", "/admin/regulations", s.fillRegulations(r), err)
}

func (s *Server) fillUsers(r *http.Request) func(*adminView) error {
	return func(v *adminView) (err error) {
		if v.Users, err = s.store.FindUsers(r.Context()); err != nil {
			return err
		}
		v.Employees, err = s.store.FindEmployees(r.Context())
		return err
	}
}

// Employee returns the employee with id, or nil.
func (v *adminView) Employee(id int64) *esop.Employee {
	for _, e := range v.Employees {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// formEmployee sets u's employee from the NIP in the form's employee
// field: empty unlinks, an NIP must be one of the organisation's
// employees. A user without a name takes the employee's.
func (s *Server) formEmployee(r *http.Request, u *esop.User) error {
	nip := strings.TrimSpace(r.PostForm.Get("employee"))
	u.EmployeeID = 0
	if nip == "" {
		return nil
	}
	if _, problem := esop.ParseNIP(nip); problem != nil {
		return &esop.Error{Code: esop.EINVALID, Message: esop.Text{ID: fmt.Sprintf("Pegawai (NIP) %q: %s.", nip, problem.ID),
			EN: fmt.Sprintf("Employee (NIP) %q: %s.", nip, problem.EN)}}
	}
	e, err := s.store.FindEmployeeByNIP(r.Context(), nip)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return esop.Errorf(esop.EINVALID, "Tidak ada pegawai dengan NIP %s; tambahkan dulu di Administrasi → Pegawai.",
			"There is no employee with NIP %s; add them first under Administration → Employees.", esop.FormatNIP(nip))
	}
	if err != nil {
		return err
	}
	u.EmployeeID = e.ID
	if u.Name == "" {
		u.Name = e.Name
	}
	return nil
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.adminPage(w, r, rq, "admin_users", s.fillUsers(r), nil)
}

// formGrants reads the role[i]/unit[i] pairs of a user form.
func formGrants(r *http.Request) []esop.Grant {
	var gs []esop.Grant
	for i := range 8 {
		role := r.PostForm.Get(fmt.Sprintf("role%d", i))
		if role == "" {
			continue
		}
		gs = append(gs, esop.Grant{Role: role, UnitID: formID(r, fmt.Sprintf("unit%d", i))})
	}
	return gs
}

func (s *Server) adminCreateUser(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	u := &esop.User{Username: strings.ToLower(clean(r.PostForm.Get("username"))), Name: clean(r.PostForm.Get("name")),
		Email: clean(r.PostForm.Get("email")), Lang: r.PostForm.Get("lang"), Grants: formGrants(r)}
	err := s.formEmployee(r, u)
	if err == nil {
		err = s.store.CreateUser(r.Context(), u, r.PostForm.Get("password"))
	}
	if err == nil {
		s.log.Info("user created", "username", u.Username, "by", rq.user.Username)
	}
	return s.afterForm(w, r, rq, "admin_users", "/admin/users", s.fillUsers(r), err)
}

func (s *Server) adminUpdateUser(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := idAndForm(w, r)
	if err != nil {
		return err
	}
	u, err := s.store.FindUserByID(r.Context(), id)
	if err == nil {
		u.Name, u.Lang, u.Disabled = clean(r.PostForm.Get("name")), r.PostForm.Get("lang"), r.PostForm.Get("disabled") == "1"
		u.Email = clean(r.PostForm.Get("email"))
		u.Grants = formGrants(r)
		err = s.formEmployee(r, u)
	}
	if err == nil && u.ID == rq.user.ID && (u.Disabled || !u.Has(esop.RoleAdministrator)) {
		err = esop.Errorf(esop.EINVALID, "Anda tidak dapat menonaktifkan akun sendiri atau mencabut peran administrator Anda sendiri.",
			"You cannot disable your own account or remove your own administrator role.")
	}
	p := r.PostForm.Get("password")
	if err == nil && p != "" && utf8.RuneCountInString(p) < esop.MinPasswordLength {
		// Refused before anything is saved, so that the other changes of
		// the form are not made without the password.
		err = esop.Errorf(esop.EINVALID, "kata sandi terlalu pendek: sekurang-kurangnya %d karakter", "the password is too short: at least %d characters", esop.MinPasswordLength)
	}
	if err == nil {
		err = s.store.UpdateUser(r.Context(), u)
	}
	if err == nil && p != "" {
		err = s.store.SetPassword(r.Context(), id, p)
	}
	if err == nil {
		s.log.Info("user changed", "username", u.Username, "by", rq.user.Username)
	}
	return s.afterForm(w, r, rq, "admin_users", "/admin/users", s.fillUsers(r), err)
}

// adminCloseUnit ends a unit's validity, naming the unit that took it
// over, as when an office is renamed or merged.
func (s *Server) adminCloseUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := idAndForm(w, r)
	if err != nil {
		return err
	}
	to, err := formDate(r, "validTo")
	if err == nil {
		_, err = s.store.CloseUnit(r.Context(), id, to, formID(r, "successor"))
	}
	return s.afterForm(w, r, rq, "admin_units", "/admin/units", nil, err)
}

// adminClosePosition ends a position's validity.
func (s *Server) adminClosePosition(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := idAndForm(w, r)
	if err != nil {
		return err
	}
	to, err := formDate(r, "validTo")
	if err == nil {
		_, err = s.store.ClosePosition(r.Context(), id, to)
	}
	return s.afterForm(w, r, rq, "admin_positions", "/admin/positions", nil, err)
}
