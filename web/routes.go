package web

import (
	"net/http"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// guard is who may use a route at all (httpx.Guard). Checks that depend
// on the record (the unit of an SOP) are made again in the handler.
type guard = httpx.Guard

const (
	public   = httpx.Public   // anyone, signed in or not
	staff    = httpx.Staff    // any signed-in user
	author   = httpx.Author   // a penyusun of some unit
	admin    = httpx.Admin    // an administrator
	scrapers = httpx.Scrapers // an administrator, or a client with the metrics token (Config.MetricsToken)
)

// route is one entry of the route table.
type route struct {
	pattern string
	guard   guard
	handle  func(w http.ResponseWriter, r *http.Request, rq *request) error
}

// routeTable returns every route of the application. The authorization
// test walks this same table, so a new route cannot escape it.
func (s *Server) routeTable() []route {
	return []route{
		{"GET /{$}", public, s.catalogue},
		{"GET /search", public, s.searchPage},
		{"GET /sops/{id}", public, s.sopPage},
		{"GET /sops/{id}/flowchart.svg", public, s.sopSVG},
		{"GET /sops/{id}/document.pdf", public, s.sopPDF},
		{"GET /sops/{id}/document.png", public, s.sopPNG},
		{"GET /sops/{id}/document.json", public, s.sopJSON},
		{"GET /sops/{id}/document.docx", public, s.sopDOCX}, // exchange.go
		{"GET /sops/{id}/document.xlsx", public, s.sopXLSX},
		{"GET /book.pdf", public, s.bookPDF},
		{"GET /v/{code}", public, s.verify},
		{"GET /v", public, s.verifyForm},
		{"GET /v/{$}", public, s.verifyForm},
		{"GET /lacak", public, s.trackForm}, // public tracking of a case by its code (cases_pages.go)
		{"GET /lacak/{code}", public, s.trackPage},
		{"GET /layanan/{id}", public, s.publicStandardPage}, // a service's standard and maklumat (servicestandard_page.go)
		{"GET /login", public, s.loginForm},
		{"POST /login", public, s.login},
		{"POST /logout", staff, s.logout},
		{"POST /lang", public, s.setLang},
		{"GET /healthz", public, s.healthz},
		{"GET /readyz", public, s.readyz},
		{"GET /metrics", scrapers, s.metricsPage},

		{"GET /dashboard", staff, s.dashboard},
		// Each user's own account; a token is revoked only by its owner (the store checks).
		{"GET /account", staff, s.accountPage},
		{"POST /account/password", staff, s.accountPassword},
		{"POST /account/lang", staff, s.accountLang},
		{"POST /account/tokens/{id}/revoke", staff, s.accountRevoke},
		{"GET /audit", staff, s.auditPage}, // auditors and administrators, checked in the handler
		{"GET /audit.csv", staff, s.auditCSV},
		{"GET /sops/new", author, s.newSOPForm},
		{"POST /sops/new", author, s.createSOP},
		{"POST /preview", author, s.preview}, // the editor's live preview, for new SOPs and drafts alike
		{"GET /sops/{id}/edit", author, s.editForm},
		{"POST /sops/{id}/edit", author, s.saveDraft},
		{"POST /sops/{id}/versions", author, s.startVersion},
		{"GET /sops/{id}/versions", staff, s.versionsPage},
		{"GET /sops/{id}/monitoring", staff, s.monitoringPage},
		{"POST /sops/{id}/monitoring", staff, s.saveMonitoring},
		{"GET /sops/{id}/evaluation", staff, s.evaluationPage},
		{"POST /sops/{id}/evaluation", staff, s.saveEvaluation},
		{"GET /monev", staff, s.recapPage},
		{"GET /monev.xlsx", staff, s.recapXLSX},
		// The analyses (analysis_menu.go lists their screens): who may read
		// which unit, and who may change what, is checked in the handlers.
		{"GET /analysis", staff, s.analysisIndex},
		{"GET /analysis/workload", staff, s.workloadPage},
		{"GET /analysis/workload.xlsx", staff, s.workloadXLSX},
		{"POST /analysis/workload/sops/{id}/volume", staff, s.workloadVolumePost},
		{"GET /analysis/competence", staff, s.competencePage},
		{"GET /analysis/competence.xlsx", staff, s.competenceXLSX},
		{"GET /analysis/competence/employees/{nip}", staff, s.recordsPage},
		{"POST /analysis/competence/employees/{nip}", staff, s.addRecordPost},
		{"POST /analysis/competence/employees/{nip}/records/{id}/delete", staff, s.deleteRecordPost},
		// The performance dashboard and each official's record (stats_page.go):
		// whose figures, as the stats API.
		{"GET /stats", staff, s.statsPage},
		{"GET /stats.xlsx", staff, s.statsXLSX},
		{"GET /stats/sops/{id}/heat", staff, s.heatPage},
		{"GET /analysis/overlap", staff, s.overlapPage},
		{"GET /analysis/overlap.xlsx", staff, s.overlapXLSX},
		{"POST /analysis/overlap/{finding}/dismiss", staff, s.dismissFindingPost},
		{"POST /analysis/overlap/{finding}/restore", staff, s.restoreFindingPost},
		// The register of service standards (servicestandard_page.go).
		{"GET /standar-pelayanan", staff, s.standardsPage},
		{"GET /standar-pelayanan/new", staff, s.newStandardForm},
		{"POST /standar-pelayanan/new", staff, s.createStandardPost},
		{"GET /standar-pelayanan/{id}", staff, s.standardPage},
		{"POST /standar-pelayanan/{id}", staff, s.saveStandardPost},
		{"GET /sops/{id}/diff", staff, s.diffPage},
		{"GET /sops/{id}/review", staff, s.reviewPage},
		{"POST /sops/{id}/transitions", staff, s.transition},
		{"POST /sops/{id}/comments", staff, s.addComment},
		// Running SOPs (cases_pages.go): start a case, its page, the inbox.
		{"GET /sops/{id}/start", staff, s.startCaseForm},
		{"GET /sops/{id}/run", staff, s.runSettingsPage}, // who performs each pelaksana (cases_settings_page.go)
		{"POST /sops/{id}/run", staff, s.saveRunSettings},
		{"POST /sops/{id}/start", staff, s.startCasePost},
		{"GET /cases/{id}", staff, s.casePage},
		{"POST /cases/{id}/tasks/{task}", staff, s.completeTaskPost},
		{"POST /cases/{id}/cancel", staff, s.cancelCasePost},
		{"GET /tasks", staff, s.inboxPage},
		{"GET /import", author, s.importForm},
		{"POST /import", author, s.importDocs},
		{"GET /import/template.xlsx", author, s.importTemplate},

		{"GET /admin", admin, s.adminHome},
		{"GET /admin/units", admin, s.adminUnits},
		{"POST /admin/units", admin, s.adminCreateUnit},
		{"POST /admin/units/{id}/close", admin, s.adminCloseUnit},
		{"POST /admin/units/kode", admin, s.adminSetUnitKode},
		{"GET /admin/positions", admin, s.adminPositions},
		{"POST /admin/positions", admin, s.adminCreatePosition},
		{"POST /admin/positions/{id}/close", admin, s.adminClosePosition},
		{"GET /admin/employees", admin, s.adminEmployees},
		{"POST /admin/employees", admin, s.adminCreateEmployee},
		{"POST /admin/assignments", admin, s.adminCreateAssignment},
		{"GET /admin/regulations", admin, s.adminRegulations},
		{"POST /admin/regulations", admin, s.adminCreateRegulation},
		{"POST /admin/regulations/{id}/status", admin, s.adminRegulationStatus},
		{"POST /admin/regulations/{id}/issuer", admin, s.adminRegulationIssuer},
		{"GET /admin/users", admin, s.adminUsers},
		{"POST /admin/users", admin, s.adminCreateUser},
		{"POST /admin/users/{id}", admin, s.adminUpdateUser},
		{"POST /admin/logo", admin, s.adminLogo},
		{"GET /admin/logo.png", admin, s.adminLogoImage},
		{"GET /admin/settings", admin, s.adminSettings},
		{"POST /admin/settings", admin, s.adminSaveSettings},
		{"POST /admin/settings/office", admin, s.adminSaveOffice},
		{"POST /admin/settings/monitoring", admin, s.adminSaveMonevTarget}, // settings_params.go
		{"POST /admin/settings/workload", admin, s.adminSaveWorkload},
		{"POST /admin/settings/competence", admin, s.adminSaveExpiryWindow},
		{"GET /admin/synonyms", admin, s.adminSynonyms},
		{"POST /admin/synonyms", admin, s.adminCreateSynonym},
		{"POST /admin/synonyms/{id}/delete", admin, s.adminDeleteSynonym},
		{"GET /admin/webhooks", admin, s.adminWebhooks},
		{"POST /admin/webhooks", admin, s.adminCreateWebhook},
		{"POST /admin/webhooks/{id}/delete", admin, s.adminDeleteWebhook},
		{"POST /admin/settings/zone", admin, s.adminSaveZone},
	}
}

// routes builds the handler: the route table on a ServeMux, the static
// files, and the middleware around them.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routeTable() {
		mux.Handle(rt.pattern, s.wrap(rt))
	}
	mux.Handle("GET /static/", s.static)
	// Any other path gets the application's own "not found" page.
	mux.Handle("/", s.wrap(route{"/", public, func(http.ResponseWriter, *http.Request, *request) error {
		return esop.Errorf(esop.ENOTFOUND, "Halaman tidak ditemukan.", "Page not found.")
	}}))
	mux.Handle("/api/", s.api.Handler())
	var h http.Handler = mux
	h = s.checkInput(h) // bad text in the path, query or form: 400 before any handler
	h = s.withBudget(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.securityHeaders(h)
	h = s.observe(h)
	return h
}

// RouteInfo describes one route for tests and documentation.
type RouteInfo struct {
	Pattern string // "GET /sops/{id}"
	Guard   string // public, staff, author, admin or metrics
}

var guardNames = httpx.GuardNames

// Routes lists every route of the pages and of the API with its guard, so
// that the authorization tests can prove every one of them.
func (s *Server) Routes() []RouteInfo {
	var out []RouteInfo
	for _, r := range s.routeTable() {
		out = append(out, RouteInfo{r.pattern, guardNames[r.guard]})
	}
	for _, r := range s.api.Routes() {
		out = append(out, RouteInfo{r.Pattern, guardNames[r.Guard]})
	}
	return out
}
