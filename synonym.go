package esop

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// EntitySynonym is the kind of audit entry about a search synonym;
// EntityID is its id.
const EntitySynonym = "synonym"

// Synonym is a word or phrase people use for something the SOPs name
// otherwise: searching for Phrase ("kartu kuning") finds what Meaning
// ("AK/I") finds, as well as what Phrase itself finds. The
// administrator keeps the list; the catalogue search applies it to every
// query.
type Synonym struct {
	ID        int64
	Phrase    string
	Meaning   string
	UpdatedAt time.Time
}

// Limits of a synonym's texts, in characters.
const (
	SynonymPhraseMax  = 60
	SynonymMeaningMax = 200
)

// Normalize trims the texts and joins their inner spaces.
func (s *Synonym) Normalize() {
	s.Phrase = strings.Join(strings.Fields(s.Phrase), " ")
	s.Meaning = strings.Join(strings.Fields(s.Meaning), " ")
}

// Validate checks a synonym after Normalize: both texts given, within
// their limits, and different. The error says which text is wrong.
func (s *Synonym) Validate() error {
	switch {
	case s.Phrase == "":
		return Errorf(EINVALID, "Kata atau frasa yang dicari orang wajib diisi.", "The word or phrase people search for is required.")
	case utf8.RuneCountInString(s.Phrase) > SynonymPhraseMax:
		return Errorf(EINVALID, "Kata atau frasa paling panjang %d karakter.", "The word or phrase is at most %d characters long.", SynonymPhraseMax)
	case s.Meaning == "":
		return Errorf(EINVALID, "Padanan (kata dalam SOP) wajib diisi.", "The equivalent (the words of the SOPs) is required.")
	case utf8.RuneCountInString(s.Meaning) > SynonymMeaningMax:
		return Errorf(EINVALID, "Padanan paling panjang %d karakter.", "The equivalent is at most %d characters long.", SynonymMeaningMax)
	case strings.EqualFold(s.Meaning, s.Phrase):
		return Errorf(EINVALID, "Padanan sama dengan kata yang dicari.", "The equivalent is the same as the word searched for.")
	}
	return nil
}

// SynonymService keeps the search synonyms. Each change is audited.
type SynonymService interface {
	// FindSynonyms returns every synonym, by phrase.
	FindSynonyms(ctx context.Context) ([]*Synonym, error)
	// CreateSynonym stores a new synonym; a phrase already there
	// (whatever its case) is an ECONFLICT.
	CreateSynonym(ctx context.Context, s *Synonym) error
	// DeleteSynonym removes a synonym, ENOTFOUND when there is none.
	DeleteSynonym(ctx context.Context, id int64) error
}
