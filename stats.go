package esop

import (
	"context"
	"math"
	"time"
)

// Performance figures (issue 12): how the cases of the SOPs ran against
// their mutu baku, per SOP, unit, position, employee and month. The
// store keeps them as aggregates updated in the transaction of each
// completion, so that a dashboard reads a few thousand rows instead of a
// million tasks; times are working time as the agency's calendar counts
// it, reported in working minutes.
//
// Times are kept as a histogram on a log scale: bucket b holds the times
// m (in working minutes) with b ≤ StatBucketsPerDoubling·log2(1+m) < b+1.
// A quantile is reported as the geometric middle of its bucket in 1+m,
// so it is within a factor 2^(1/8) (9.1 %) of the true quantile's 1+m
// (see docs/decisions.md).

// StatBucketsPerDoubling is how many histogram buckets span a doubling of
// 1 + working minutes.
const StatBucketsPerDoubling = 4

// StatBuckets is how many buckets a histogram has: the last holds every
// time from 2^(63/4) − 1 working minutes (about 55,000, 115 working
// days of 8 hours) up.
const StatBuckets = 64

// StatBucket returns the histogram bucket of a time of secs working seconds.
func StatBucket(secs int64) int {
	if secs <= 0 {
		return 0
	}
	return min(int(math.Floor(StatBucketsPerDoubling*math.Log2(1+float64(secs)/60))), StatBuckets-1)
}

// StatBucketMinutes returns the minutes a bucket stands for: the
// geometric middle of its bounds in 1 + minutes.
func StatBucketMinutes(b int) float64 {
	return math.Pow(2, (float64(b)+0.5)/StatBucketsPerDoubling) - 1
}

// StatBucketError is the largest relative error of a quantile from the
// histogram, in 1 + minutes: half a bucket's width on the log scale.
var StatBucketError = math.Pow(2, 0.5/StatBucketsPerDoubling) - 1

// Histogram counts times by bucket.
type Histogram map[int]int64

// Add counts n times of bucket b.
func (h Histogram) Add(b int, n int64) { h[b] += n }

// Quantile returns the q-quantile (0 < q ≤ 1) in working minutes: the
// middle of the bucket that holds the ⌈q·n⌉-th smallest time; 0 when
// the histogram is empty.
func (h Histogram) Quantile(q float64) float64 {
	var n int64
	lo, hi := math.MaxInt, math.MinInt
	for b, c := range h {
		n += c
		lo, hi = min(lo, b), max(hi, b)
	}
	if n == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(n)))
	rank = max(rank, 1)
	var seen int64
	for b := lo; b <= hi; b++ {
		if seen += h[b]; seen >= rank {
			return round1(StatBucketMinutes(b))
		}
	}
	return round1(StatBucketMinutes(hi))
}

// ExactQuantile returns the q-quantile of minutes by the same rank rule
// as Histogram.Quantile, exactly: for tests and checks.
func ExactQuantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := max(int(math.Ceil(q*float64(len(sorted)))), 1)
	return sorted[rank-1]
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// Groupings of the figures.
const (
	StatsByStep     = "step"
	StatsByPosition = "position"
	StatsByEmployee = "employee"
	StatsByMonth    = "month"
	StatsBySOP      = "sop"
)

// StatsGroupings lists them.
var StatsGroupings = []string{StatsByStep, StatsByPosition, StatsByEmployee, StatsByMonth, StatsBySOP}

// StatsQuery selects figures. Months are "YYYY-MM", both included, in the
// agency's zone. Units, when not nil, limits them to the cases of these
// units (what the reader may see); Unit narrows them to one unit's
// subtree, already resolved into Units by the caller.
type StatsQuery struct {
	Units      []int64
	SOPID      int64
	Position   string
	EmployeeID int64
	From, To   string
	By         string
	Now        time.Time // for the open work's SLA; zero: the store's clock
	// GroupsOnly leaves out the open work (and the case figures, unless
	// by month or SOP): for a second grouping of the same scope.
	GroupsOnly bool
}

// CaseFigures are the cases of a scope in a period.
type CaseFigures struct {
	Started   int64 `json:"started"`
	Finished  int64 `json:"finished"`
	OnTime    int64 `json:"onTime"`
	Late      int64 `json:"late"` // finished after their due; finished cases without a due are neither
	Cancelled int64 `json:"cancelled"`
}

// TimeFigures are a median and a 90th percentile against a standard, in
// working minutes (the standard is the mean of the standards of the timed
// work, 0 when none had one).
type TimeFigures struct {
	Median   float64 `json:"median"`
	P90      float64 `json:"p90"`
	Standard float64 `json:"standard"`
	Count    int64   `json:"count"` // how many times the figures are of
}

// OpenFigures are the open tasks now by SLA state.
type OpenFigures struct {
	OnTrack  int64 `json:"onTrack"`
	AtRisk   int64 `json:"atRisk"`
	Breached int64 `json:"breached"`
}

// StatsGroup is the task figures of one group. OnTimeShare is
// OnTime/(OnTime+Late); LateShare is the group's share of all the late
// tasks of the answer (where the work stalls). Both are 0 when their
// denominator is.
type StatsGroup struct {
	Key             string       `json:"key"`
	Label           string       `json:"label"`
	SOPID           int64        `json:"sopId,omitempty"` // by step and by SOP
	Step            string       `json:"step,omitempty"`  // by step
	Tasks           int64        `json:"tasks"`
	OnTime          int64        `json:"onTime"`
	Late            int64        `json:"late"`
	Delegated       int64        `json:"delegated"`
	External        int64        `json:"external"`
	OnTimeShare     float64      `json:"onTimeShare"`
	LateShare       float64      `json:"lateShare"`
	MedianMinutes   float64      `json:"medianMinutes"`
	P90Minutes      float64      `json:"p90Minutes"`
	StandardMinutes float64      `json:"standardMinutes"`
	WorkingMinutes  float64      `json:"workingMinutes"`  // the sum over internal tasks
	WaitingMinutes  float64      `json:"waitingMinutes"`  // the sum over the applicant's steps
	OverdueMinutes  float64      `json:"overdueMinutes"`  // the sum past the due of the late tasks
	Cases           *CaseFigures `json:"cases,omitempty"` // by month and by SOP
}

// Stats is the answer of a StatsQuery.
type Stats struct {
	From      string       `json:"from"`
	To        string       `json:"to"`
	By        string       `json:"by"`
	Cases     *CaseFigures `json:"cases"`     // nil with a position or employee filter: cases are not anyone's
	CycleTime *TimeFigures `json:"cycleTime"` // of the finished cases; nil as Cases
	Tasks     StatsGroup   `json:"tasks"`     // all the tasks of the answer
	Open      OpenFigures  `json:"open"`
	Groups    []StatsGroup `json:"groups"`
}

// StatsService answers performance figures.
type StatsService interface {
	// Stats returns the figures of q (EINVALID for a bad month or
	// grouping).
	Stats(ctx context.Context, q StatsQuery) (*Stats, error)
	// RebuildStats recomputes every aggregate from the tasks and cases.
	RebuildStats(ctx context.Context) error
}

// TrackingCodeFrom returns the tracking code written by the low 45 bits
// of n: for generated histories, whose codes come from a seeded source
// (cases started for real draw theirs with NewTrackingCode).
func TrackingCodeFrom(n uint64) string { return trackingCodeOf(n) }
