//go:build !unix

package web_test

// processCPU is not measured here.
func processCPU() float64 { return -1 }
