// Command hello is the ceiling of the load test: the smallest Go HTTP
// server, measured in the same run as e-SOP (scripts/loadtest.sh).
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "address to listen on")
	flag.Parse()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("hello\n"))
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
