package textsearch

import "strings"

// This file implements the Indonesian stemmer of the Snowball project
// (snowballstem.org, "indonesian"), which is Fadillah Tala's "Porter
// stemmer for Bahasa Indonesia" (2003) with Snowball's published
// clarifications: suffix -kan is kept after ke-/peng-/per-, suffix -i
// is kept after ke-/peng-/ber- and in words ending -si, and pelajar-/
// belajar- become ajar. It is the algorithm behind PostgreSQL's
// "indonesian" text-search configuration, and the tests hold Stem to
// PostgreSQL's output word for word.
//
// The algorithm works on a word from both ends, guarded by its measure,
// the number of vowels: a word with two vowels or fewer is left alone,
// and each affix removed takes one vowel with it.

// Prefix classes, as the suffix conditions need them. Their values
// follow the Snowball source so that the comparisons read the same.
const (
	prefixNone = 0 // no derivational prefix (or pelajar-)
	prefixDi   = 1 // di-, ter- and the meng- family
	prefixPer  = 2 // per-, pe-
	prefixKe   = 3 // ke- and the peng- family
	prefixBer  = 4 // ber-, be-, belajar-
)

// nasal names the meN-/peN- prefix forms whose last consonant may have
// swallowed the first consonant of the root ("memukul" is mem+pukul,
// "menulis" men+tulis). Only the forms that stood before a vowel are
// recorded, because only there is the root's first letter uncertain.
type nasal uint8

const (
	nasalNone nasal = iota
	nasalMeng       // meng-/peng- + vowel: root starts with the vowel or with k
	nasalMen        // men-/pen- + vowel: root starts with t (or n)
	nasalMem        // mem-/pem- + vowel: root starts with p or m
	nasalMeny       // meny-/peny- + vowel: root starts with s (or ny)
)

// analysis is what stemming one word found out, for Stem and for the
// search keys built on top of it.
type analysis struct {
	stem string
	// derivational is true when a prefix or a derivational suffix
	// (-kan, -an, -i) was removed, not only a particle or a possessive.
	derivational bool
	// nasal is the nasal prefix removed before a vowel, if any.
	nasal nasal
	// guarded is true when a prefix was removed but the measure then
	// forbade looking for a suffix, so a short root may still carry one
	// ("disahkan" stays "sahkan").
	guarded bool
	prefix  int // the prefix class, for the suffix conditions
	start   int // where the part of stem open to the suffix rules begins
}

// Stem returns the stem of one lower-case, accent-folded Indonesian word
// by the Snowball Indonesian algorithm: particles (-kah, -lah, -pun) and
// possessive pronouns (-ku, -mu, -nya) are removed first, then a
// first-order prefix (meng-, di-, ter-, ke-, peng- and their variants,
// recoding meny-/peny- to s and mem-/pem- before a vowel to p), then the
// suffixes -kan, -an and -i and a second-order prefix (ber-, per- and
// their variants) under the algorithm's conditions. Words with two vowels
// or fewer are returned unchanged. Stem never returns a string longer
// than word; feed it words from Tokens (or Fold) so that case and accents
// do not hide the affixes.
func Stem(word string) string {
	return analyse(word).stem
}

// analyse runs the algorithm on word and reports what it removed.
func analyse(word string) analysis {
	s := stemmer{w: word, measure: countVowels(word)}
	s.run()
	return analysis{
		stem:         s.w,
		derivational: s.derivational,
		nasal:        s.nasal,
		guarded:      s.guarded,
		prefix:       s.prefix,
		start:        s.start,
	}
}

// stemmer holds the word while affixes are taken off it.
type stemmer struct {
	w       string
	measure int // vowels left in w
	prefix  int // prefix class removed so far
	// start is where the part of w open to further changes begins: a
	// letter written by recoding (the p of mem+vowel) is not part of
	// the original word and no later rule may match on it.
	start        int
	derivational bool
	nasal        nasal
	guarded      bool
}

func (s *stemmer) run() {
	if s.measure <= 2 {
		return
	}
	s.removeEnding(particles)
	if s.measure <= 2 {
		return
	}
	s.removeEnding(possessives)
	if s.measure <= 2 {
		return
	}
	if s.removeFirstOrderPrefix() {
		if s.measure <= 2 {
			s.guarded = true
			return
		}
		// A second-order prefix is looked for after a first-order one
		// only when a suffix went too ("memperbaiki" = mem+per+baik+i
		// stems to "baik", but "diperiksa" stays "periksa").
		if s.removeSuffix() && s.measure > 2 {
			s.removeSecondOrderPrefix()
		}
		return
	}
	removed := s.removeSecondOrderPrefix()
	if s.measure > 2 {
		s.removeSuffix()
	} else if removed {
		s.guarded = true
	}
}

// Inflectional endings, each holding exactly one vowel.
var (
	particles   = [...]string{"kah", "lah", "pun"}
	possessives = [...]string{"nya", "ku", "mu"}
)

// removeEnding removes the first of endings that w ends with. The
// endings of one list never end one another, so the order does not
// matter.
func (s *stemmer) removeEnding(endings [3]string) {
	for _, e := range endings {
		if strings.HasSuffix(s.w, e) {
			s.w = s.w[:len(s.w)-len(e)]
			s.measure--
			return
		}
	}
}

// removeFirstOrderPrefix removes di-, ter-, ke- or a meN-/peN- form,
// longest form first, and reports whether it did.
func (s *stemmer) removeFirstOrderPrefix() bool {
	w := s.w
	switch {
	case strings.HasPrefix(w, "meny") && isVowelAt(w, 4):
		s.recode(4, "s", prefixDi, nasalMeny)
	case strings.HasPrefix(w, "peny") && isVowelAt(w, 4):
		s.recode(4, "s", prefixKe, nasalMeny)
	case strings.HasPrefix(w, "meng"):
		s.cutNasal(4, prefixDi, nasalMeng)
	case strings.HasPrefix(w, "peng"):
		s.cutNasal(4, prefixKe, nasalMeng)
	case strings.HasPrefix(w, "mem") && isVowelAt(w, 3):
		s.recode(3, "p", prefixDi, nasalMem)
	case strings.HasPrefix(w, "pem") && isVowelAt(w, 3):
		s.recode(3, "p", prefixKe, nasalMem)
	case strings.HasPrefix(w, "mem"):
		s.cut(3, prefixDi)
	case strings.HasPrefix(w, "pem"):
		s.cut(3, prefixKe)
	case strings.HasPrefix(w, "men"): // also meny- before a consonant
		s.cutNasal(3, prefixDi, nasalMen)
	case strings.HasPrefix(w, "pen"): // also peny- before a consonant
		s.cutNasal(3, prefixKe, nasalMen)
	case strings.HasPrefix(w, "ter"):
		s.cut(3, prefixDi)
	case strings.HasPrefix(w, "me"):
		s.cut(2, prefixDi)
	case strings.HasPrefix(w, "di"):
		s.cut(2, prefixDi)
	case strings.HasPrefix(w, "ke"):
		s.cut(2, prefixKe)
	default:
		return false
	}
	s.derivational = true
	return true
}

// cut removes the first n bytes of w as a prefix of class class.
func (s *stemmer) cut(n, class int) {
	s.w = s.w[:s.start] + s.w[s.start+n:]
	s.prefix = class
	s.measure--
}

// cutNasal removes a nasal prefix of n bytes, noting when it stood
// before a vowel.
func (s *stemmer) cutNasal(n, class int, kind nasal) {
	if isVowelAt(s.w, n) {
		s.nasal = kind
	}
	s.cut(n, class)
}

// recode replaces a nasal prefix of n bytes by the consonant it
// swallowed, which no later rule may touch.
func (s *stemmer) recode(n int, letter string, class int, kind nasal) {
	s.w = letter + s.w[n:]
	s.start = len(letter)
	s.prefix = class
	s.nasal = kind
	s.measure--
}

// removeSecondOrderPrefix removes ber-, be-, per- or pe- (with the
// belajar/pelajar special cases) where the open part of w begins, and
// reports whether it did.
func (s *stemmer) removeSecondOrderPrefix() bool {
	rest := s.w[s.start:]
	switch {
	case strings.HasPrefix(rest, "pelajar"):
		s.replaceAjar(prefixNone)
	case strings.HasPrefix(rest, "belajar"):
		s.replaceAjar(prefixBer)
	case strings.HasPrefix(rest, "per"):
		s.cut(3, prefixPer)
	case strings.HasPrefix(rest, "ber"):
		s.cut(3, prefixBer)
	case strings.HasPrefix(rest, "pe"):
		s.cut(2, prefixPer)
	case strings.HasPrefix(rest, "be") && isKer(rest[2:]):
		s.cut(2, prefixBer)
	default:
		return false
	}
	s.derivational = true
	return true
}

// replaceAjar turns pelajar-/belajar- into ajar. The Snowball source
// leaves its cursor after "ajar", so the root itself is closed to the
// suffix rules ("pelajari" loses only the -i).
func (s *stemmer) replaceAjar(class int) {
	s.w = s.w[:s.start] + "ajar" + s.w[s.start+len("pelajar"):]
	s.start += len("ajar")
	if class != prefixNone {
		s.prefix = class
	}
	s.measure--
}

// isKer reports whether rest begins with a consonant followed by "er",
// the only place where be- is a prefix ("bekerja", "beserta").
func isKer(rest string) bool {
	return len(rest) >= 3 && !isVowel(rest[0]) && rest[1:3] == "er"
}

// removeSuffix removes -kan, -an or -i from the open part of w, longest
// first, where the prefix already removed allows it, and reports whether
// it did.
func (s *stemmer) removeSuffix() bool {
	open := len(s.w) - s.start
	switch {
	case strings.HasSuffix(s.w, "kan") && open >= 3 && s.prefix != prefixKe && s.prefix != prefixPer:
		s.dropSuffix(3)
	case strings.HasSuffix(s.w, "an") && open >= 2 && s.prefix != prefixDi:
		s.dropSuffix(2)
	case strings.HasSuffix(s.w, "i") && open >= 1 && s.prefix <= prefixPer && !s.endsSi():
		s.dropSuffix(1)
	default:
		return false
	}
	return true
}

// endsSi reports whether the -i follows an s inside the open part of w:
// such words are mostly loans ("televisi", "organisasi") whose -si is
// not a suffix.
func (s *stemmer) endsSi() bool {
	n := len(s.w)
	return n-2 >= s.start && s.w[n-2] == 's'
}

func (s *stemmer) dropSuffix(n int) {
	s.w = s.w[:len(s.w)-n]
	s.measure--
	s.derivational = true
}

// guardedSuffix returns the stem without a suffix that the measure alone
// kept on it, as removeSuffix would have removed it ("disahkan" →
// "sahkan" → "sah"), or "" when there is none or what is left is shorter
// than the shortest roots, a consonant, a vowel and a consonant ("dimakan"
// → "makan" is not read as "ma").
func (a analysis) guardedSuffix() string {
	if !a.guarded {
		return ""
	}
	s := stemmer{w: a.stem, prefix: a.prefix, start: a.start, measure: countVowels(a.stem)}
	if !s.removeSuffix() || s.measure < 1 || len(s.w) < 3 {
		return ""
	}
	return s.w
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isVowelAt(w string, i int) bool {
	return i < len(w) && isVowel(w[i])
}

// countVowels counts the vowels of w, the algorithm's measure. Only the
// five ASCII vowels count, which is why words must be folded first.
func countVowels(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isVowel(w[i]) {
			n++
		}
	}
	return n
}
