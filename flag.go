package esop

import (
	"context"
	"time"
)

// Flag marks an SOP in force as needing review (perlu ditinjau) because a
// regulation it cites was amended or revoked. It stays until a new
// version of the SOP is approved.
type Flag struct {
	ID           int64
	SOPID        int64
	SOPTitle     string
	RegulationID int64
	Regulation   string // the regulation as printed
	Status       string // diubah or dicabut
	ChangedBy    string // the amending or revoking regulation
	ChangedOn    Date
	FlaggedAt    time.Time
}

// FlagService lists the open flags.
type FlagService interface {
	// FindFlags returns the open flags of an SOP, or of every SOP when
	// sopID is 0, newest first.
	FindFlags(ctx context.Context, sopID int64) ([]*Flag, error)
}
