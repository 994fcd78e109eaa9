package web

import "testing"

// The WKE's explanation writes hours as the language writes numbers.
func TestHoursText(t *testing.T) {
	for _, c := range []struct {
		minutes float64
		lang    string
		want    string
	}{
		{75000, "id", "1.250"},
		{75000, "en", "1,250"},
		{74000, "id", "1.233,3"},
		{74000, "en", "1,233.3"},
		{60000, "id", "1.000"},
		{59970, "id", "999,5"},
	} {
		if got := hoursText(c.minutes, c.lang); got != c.want {
			t.Errorf("hoursText(%v, %s) = %q, want %q", c.minutes, c.lang, got, c.want)
		}
	}
}
