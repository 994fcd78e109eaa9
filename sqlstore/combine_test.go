package sqlstore

import "testing"

func TestRenumber(t *testing.T) {
	for _, c := range []struct {
		query  string
		offset int
		want   string
	}{
		{`VALUES ($1, $2, 1, $3)`, 0, `VALUES ($1, $2, 1, $3)`},
		{`VALUES ($1, $2, 1, $3), ($4, $10, 1, $12)`, 17, `VALUES ($18, $19, 1, $20), ($21, $27, 1, $29)`},
		{`SET open = 0 WHERE note = '' AND case_id = $9`, 1, `SET open = 0 WHERE note = '' AND case_id = $10`},
	} {
		if got := renumber(c.query, c.offset); got != c.want {
			t.Errorf("renumber(%q, %d) = %q, want %q", c.query, c.offset, got, c.want)
		}
	}
}
