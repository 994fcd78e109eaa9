package jobs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// Deliveries never go to this machine, link-local addresses (the cloud
// metadata service) or multicast; an office's private networks are allowed.
func TestWebhookAddresses(t *testing.T) {
	for addr, forbidden := range map[string]bool{
		"127.0.0.1": true, "::1": true, "127.1.2.3": true, "0.0.0.0": true, "::": true,
		"169.254.169.254": true, "fe80::1": true, "224.0.0.1": true, "ff02::1": true, "::ffff:127.0.0.1": true,
		"10.1.2.3": false, "192.168.1.10": false, "172.16.0.5": false, "203.0.113.7": false, "2001:db8::1": false,
	} {
		if got := forbiddenAddr(netip.MustParseAddr(addr), false); got != forbidden {
			t.Errorf("%s: forbidden %v, want %v", addr, got, forbidden)
		}
	}
	if forbiddenAddr(netip.MustParseAddr("127.0.0.1"), true) {
		t.Error("loopback refused although allowed")
	}
	// The dialer itself refuses: a receiver on this machine is never
	// reached, and the error says why.
	reached := false
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true }))
	defer srv.Close()
	q := &Queue{}
	code, err := q.send(context.Background(), srv.URL, "rahasia", &esop.WebhookDelivery{ID: 1, Event: esop.EventSOPApproved, Payload: "{}"})
	if err == nil || code != 0 || reached || !strings.Contains(err.Error(), "refused") || strings.Contains(err.Error(), srv.URL) {
		t.Errorf("a delivery to %s: %d %v (reached %v)", srv.URL, code, err, reached)
	}
}

func TestSign(t *testing.T) {
	// HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), RFC 4231 style known value.
	if got := Sign("key", []byte("The quick brown fox jumps over the lazy dog")); got != "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8" {
		t.Errorf("Sign: %s", got)
	}
}
