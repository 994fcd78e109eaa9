package web

import (
	"context"
	"net/http"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/textsearch"
)

// Search synonyms: the administrator's list of everyday names ("kartu
// kuning") and what the SOPs call them ("AK/I"). The search applies them
// to every query (textsearch.Expand). They are read from the store once
// and again after each change here, so a change works at once; Refresh
// reads them again for changes made by another server.

// searchSynonyms returns the synonyms the search applies, reading them
// from the store the first time.
func (s *Server) searchSynonyms(ctx context.Context) ([]textsearch.Synonym, error) {
	if p := s.synonyms.Load(); p != nil {
		return *p, nil
	}
	return s.loadSynonyms(ctx)
}

// loadSynonyms reads the synonyms from the store for the search.
func (s *Server) loadSynonyms(ctx context.Context) ([]textsearch.Synonym, error) {
	list, err := s.store.FindSynonyms(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]textsearch.Synonym, len(list))
	for i, x := range list {
		out[i] = textsearch.Synonym{Phrase: x.Phrase, Meaning: x.Meaning}
	}
	s.synonyms.Store(&out)
	s.synonymsGen.Add(1)
	return out, nil
}

// synonymsView is the view model of /admin/synonyms.
type synonymsView struct {
	Error    string
	Synonyms []*esop.Synonym
	Phrase   string // the form as sent, after an error
	Meaning  string
	Done     string // "added" or "deleted" after a change
}

func (s *Server) synonymsPage(w http.ResponseWriter, r *http.Request, rq *request, v *synonymsView, formErr error) error {
	list, err := s.store.FindSynonyms(r.Context())
	if err != nil {
		return err
	}
	v.Synonyms = list
	status := http.StatusOK
	if formErr != nil {
		v.Error = esop.ErrorMessage(formErr, rq.lang)
		status = statusOf(formErr)
	}
	s.renderPage(w, r, rq, status, "admin_synonyms", v)
	return nil
}

func (s *Server) adminSynonyms(w http.ResponseWriter, r *http.Request, rq *request) error {
	done := r.URL.Query().Get("done")
	if done != "added" && done != "deleted" {
		done = ""
	}
	return s.synonymsPage(w, r, rq, &synonymsView{Done: done}, nil)
}

// afterSynonym reloads the search's synonyms after a change and goes
// back to the list, or shows the list with the form's error.
func (s *Server) afterSynonym(w http.ResponseWriter, r *http.Request, rq *request, v *synonymsView, done string, err error) error {
	switch esop.ErrorCode(err) {
	case "":
		if _, err := s.loadSynonyms(r.Context()); err != nil {
			return err
		}
		http.Redirect(w, r, "/admin/synonyms?done="+done, http.StatusSeeOther)
		return nil
	case esop.EINVALID, esop.ECONFLICT:
		return s.synonymsPage(w, r, rq, v, err)
	}
	return err
}

func (s *Server) adminCreateSynonym(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	syn := &esop.Synonym{Phrase: r.PostForm.Get("phrase"), Meaning: r.PostForm.Get("meaning")}
	err := s.store.CreateSynonym(r.Context(), syn)
	if err == nil {
		s.log.Info("search synonym added", "id", syn.ID, "by", rq.user.Username)
	}
	return s.afterSynonym(w, r, rq, &synonymsView{Phrase: syn.Phrase, Meaning: syn.Meaning}, "added", err)
}

func (s *Server) adminDeleteSynonym(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := idAndForm(w, r)
	if err != nil {
		return err
	}
	err = s.store.DeleteSynonym(r.Context(), id)
	if err == nil {
		s.log.Info("search synonym deleted", "id", id, "by", rq.user.Username)
	}
	return s.afterSynonym(w, r, rq, &synonymsView{}, "deleted", err)
}
