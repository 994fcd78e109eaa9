package layout

import "strings"

// Hyphenation of Indonesian words, for breaking a word too wide for its
// column. Indonesian syllables follow a few regular rules (Pedoman Umum
// Ejaan Bahasa Indonesia, pemenggalan kata):
//
//   - between two vowels that are not a diphthong (ai, au, ei, oi): ta-hu-an;
//   - before the one consonant between two vowels: me-ne-ri-ma;
//   - between the two consonants between two vowels: ker-ja, mig-ra-si;
//   - after the first of three or more consonants when the others can
//     start a syllable (in-struk-si, bang-krut), else before the last
//     (trans-mig-ra-si);
//   - ng, ny, kh and sy each count as one consonant: ba-ngun, me-nyu-sun,
//     a-khir, ma-sya-ra-kat, tang-kap.
//
// A break leaves at least minHyphenLeft letters before it and
// minHyphenRight after it, within a run of letters; digits, punctuation
// and letters outside ASCII end a run and are never broken here.

// The fewest letters left on either side of a hyphen.
const (
	minHyphenLeft  = 2
	minHyphenRight = 2
)

// hyphenPoints appends to dst the byte offsets in word where it may be
// broken with a hyphen, in increasing order, and returns dst. The points
// of the words asked are kept for the process (hyphenMemo): a label's
// wraps ask for the same words at every width tried (brokenWords).
func hyphenPoints(dst []int, word string) []int {
	if len(word) < minHyphenLeft+minHyphenRight {
		return dst // no run of letters long enough to break
	}
	return hyphenMemo.appendOf(dst, word, hyphenPointsOf)
}

// hyphenMemo keeps hyphenPoints of the words asked, as breaksMemo does.
var hyphenMemo wordMemo[int]

// hyphenPointsOf is hyphenPoints without its memo.
func hyphenPointsOf(dst []int, word string) []int {
	for i := 0; i < len(word); {
		if !isLetter(word[i]) {
			i++
			continue
		}
		j := i
		for j < len(word) && isLetter(word[j]) {
			j++
		}
		if j-i >= minHyphenLeft+minHyphenRight {
			dst = syllableBreaks(dst, word[i:j], i)
		}
		i = j
	}
	return dst
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isVowel(c byte) bool {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// isDigraph reports whether the letters at s[i] and s[i+1] are one of the
// digraphs that spell one consonant.
func isDigraph(s string, i int) bool {
	if i+1 >= len(s) {
		return false
	}
	a, b := s[i]|0x20, s[i+1]|0x20
	return a == 'n' && (b == 'g' || b == 'y') || a == 'k' && b == 'h' || a == 's' && b == 'y'
}

func isDiphthong(a, b byte) bool {
	a, b = a|0x20, b|0x20
	return b == 'i' && (a == 'a' || a == 'e' || a == 'o') || a == 'a' && b == 'u'
}

// syllableBreaks appends the breaks of a run of letters that starts at
// byte off of its word.
func syllableBreaks(dst []int, run string, off int) []int {
	// The run as sounds: each a vowel, a consonant or a digraph, by start.
	var starts [64]int
	units := starts[:0]
	for i := 0; i < len(run); i++ {
		units = append(units, i)
		if !isVowel(run[i]) && isDigraph(run, i) {
			i++
		}
	}
	prevVowel := -1 // index in units of the last vowel seen
	for u, at := range units {
		if !isVowel(run[at]) {
			continue
		}
		if prevVowel >= 0 {
			cut := -1
			switch k := u - prevVowel - 1; {
			case k == 0 && (!isDiphthong(run[units[prevVowel]], run[at]) || rootVowels(run, units, u)):
				cut = at
			case k == 1:
				cut = units[prevVowel+1]
			case k == 2:
				cut = units[prevVowel+2]
			case k > 2:
				cut = clusterCut(run, units[prevVowel+1:u])
			}
			if cut >= minHyphenLeft && len(run)-cut >= minHyphenRight {
				dst = append(dst, off+cut)
			}
		}
		prevVowel = u
	}
	return suffixBreak(dst, run, off, units)
}

// suffixMinVowels is the fewest syllables a word ending in a
// consonant and -an has for the -an to be taken for the suffix: pelatihan,
// penempatan, kesehatan, but not jalan, halaman, sembilan.
const suffixMinVowels = 4

// suffixBreak moves the last break of a run that ends in one consonant
// between vowels and the suffix -an to after that consonant, where the
// dictionary (KBBI) breaks such words and the reader finds the root:
// pe-la-tih-an, not pe-la-ti-han; pe-nem-pat-an, ke-se-hat-an,
// pen-daf-tar-an; a digraph stays with the root (pe-nga-was-an,
// pe-la-yan-an). Words of fewer than suffixMinVowels syllables are left
// as they are: their -an is as often the root's own (ja-lan, ha-la-man).
// dst holds the breaks of the run, which starts at byte off of its word;
// units are the starts of its sounds (syllableBreaks).
func suffixBreak(dst []int, run string, off int, units []int) []int {
	n := len(units)
	if n < 4 || len(dst) == 0 || run[len(run)-2]|0x20 != 'a' || run[len(run)-1]|0x20 != 'n' {
		return dst
	}
	cons := units[n-3] // the sound before -an
	if isVowel(run[cons]) || dst[len(dst)-1] != off+cons {
		return dst // -an after a vowel (ta-hu-an), or after two consonants
	}
	syllables, root := 0, false // vowels, a diphthong one (syllableBreaks)
	for u, at := range units {
		if !isVowel(run[at]) {
			continue
		}
		if u > 0 && isVowel(run[units[u-1]]) && rootVowels(run, units, u) {
			root = true // ca·ir·an: the root ends before -an
		}
		if u == 0 || !isVowel(run[units[u-1]]) || !isDiphthong(run[units[u-1]], run[at]) || rootVowels(run, units, u) {
			syllables++
		}
	}
	if syllables >= suffixMinVowels || root {
		dst[len(dst)-1] = off + units[n-2]
	}
	return dst
}

// rootVowels reports whether the vowels at units u-1 and u, which spell
// a diphthong (ai, au, ei, oi), are two syllables because a root ends in
// them and one consonant before the suffix -an: ca·ir·an (pencairan),
// ka·it·an, la·ut·an, per·ma·in·an, as KBBI breaks them. A diphthong is
// a syllable of its own only when no consonant closes it; the reviewer
// marked "pencai-ran". Not before k, where -kan is as often the suffix
// (sam·pai·kan).
func rootVowels(run string, units []int, u int) bool {
	n := len(units)
	if u+1 != n-3 || len(run) < 2 || run[len(run)-2]|0x20 != 'a' || run[len(run)-1]|0x20 != 'n' {
		return false
	}
	c := units[u+1]
	return !isVowel(run[c]) && run[c]|0x20 != 'k' && units[u+2] == c+1
}

// clusterCut returns where to break a run of three or more consonants
// (by their starts in run): after the first when the others may begin a
// syllable, else before the last.
func clusterCut(run string, cons []int) int {
	if isOnset(run[cons[1] : cons[len(cons)-1]+1]) {
		return cons[1]
	}
	return cons[len(cons)-1]
}

// isOnset reports whether a cluster of consonants may begin a syllable:
// a stop or f before r or l (tr, gr, pl), s before a stop (st, sk, sp),
// or both (str, spr, skr).
func isOnset(c string) bool {
	c = strings.ToLower(c)
	if len(c) == 3 {
		return c[0] == 's' && isOnset(c[1:])
	}
	if len(c) != 2 {
		return false
	}
	switch {
	case strings.IndexByte("bdfgkpt", c[0]) >= 0 && (c[1] == 'r' || c[1] == 'l'):
		return true
	case c[0] == 's' && strings.IndexByte("kpt", c[1]) >= 0:
		return true
	}
	return false
}
