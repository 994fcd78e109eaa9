package esop

import "strings"

// SplitCapacity returns position without the signing capacity it may
// begin with (Plt., Plh., a.n., atas nama; in any case, with or without
// dots or spaces between the letters, repeated or not) and the capacity
// the first such prefix names (CapacityPlt, CapacityPlh,
// CapacityAn), or "" when it has none. It does not touch a position that
// merely starts with the same letters (Analis, Plhs…). The printed
// signature (layout) and the validator read the prefix with it.
func SplitCapacity(position string) (capacity, rest string) {
	rest = strings.TrimSpace(position)
	for {
		c, n := capacityPrefix(rest)
		if n == 0 {
			return capacity, rest
		}
		if capacity == "" {
			capacity = c
		}
		rest = strings.TrimSpace(rest[n:])
	}
}

// capacityPrefix returns the capacity named at the start of s and the
// length of its prefix, dots and spaces after it included; 0 when s
// starts with none.
func capacityPrefix(s string) (string, int) {
	if len(s) >= 10 && strings.EqualFold(s[:9], "atas nama") && s[9] == ' ' {
		return CapacityAn, 10
	}
	for _, c := range []struct {
		letters, capacity string
	}{{"plt", CapacityPlt}, {"plh", CapacityPlh}, {"an", CapacityAn}} {
		if n := lettersPrefix(s, c.letters); n > 0 {
			return c.capacity, n
		}
	}
	return "", 0
}

// lettersPrefix returns the length of the prefix of s that spells
// letters, in any case, with dots and spaces between and after them, when
// it ends the word: followed by a dot, a space or nothing. It returns 0
// otherwise.
func lettersPrefix(s, letters string) int {
	i := 0
	for k := 0; k < len(letters); k++ {
		if k > 0 {
			for i < len(s) && (s[i] == '.' || s[i] == ' ') {
				i++
			}
		}
		if i >= len(s) || s[i]|0x20 != letters[k] {
			return 0
		}
		i++
	}
	if i < len(s) && s[i] != '.' && s[i] != ' ' {
		return 0 // Analis, Plhx: a longer word
	}
	for i < len(s) && (s[i] == '.' || s[i] == ' ') {
		i++
	}
	return i
}
