// Command receiver is the outside webhook receiver of the side-by-side benchmark: it answers every POST with 200
// (after -delay, if set), counts the events, envelopes, bytes and TCP connections it got, and discards the rest.
// GET /stats returns the counts as JSON; POST /reset zeroes them.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"
)

var events, envelopes, received, connections int64
var sampled int32

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "where to listen (loopback only)")
	delay := flag.Duration("delay", 0, "how long to wait before answering each envelope")
	sample := flag.String("sample", "", "a file to write the first envelope of each run to")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	server := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodGet && r.URL.Path == "/stats":
				json.NewEncoder(w).Encode(map[string]int64{"events": atomic.LoadInt64(&events),
					"envelopes": atomic.LoadInt64(&envelopes), "bytes": atomic.LoadInt64(&received),
					"connections": atomic.LoadInt64(&connections)})
			case r.Method == http.MethodPost && r.URL.Path == "/reset":
				atomic.StoreInt64(&events, 0)
				atomic.StoreInt64(&envelopes, 0)
				atomic.StoreInt64(&received, 0)
				atomic.StoreInt64(&connections, 0)
				atomic.StoreInt32(&sampled, 0)
			default:
				body, _ := io.ReadAll(r.Body)
				if *sample != "" && atomic.CompareAndSwapInt32(&sampled, 0, 1) {
					os.WriteFile(*sample, body, 0o644)
				}
				if *delay > 0 {
					time.Sleep(*delay)
				}
				// every event of either sender has exactly one "action" key
				atomic.AddInt64(&events, int64(bytes.Count(body, []byte(`"action":`))))
				atomic.AddInt64(&envelopes, 1)
				atomic.AddInt64(&received, int64(len(body)))
			}
		}),
		ConnState: func(c net.Conn, state http.ConnState) {
			if state == http.StateNew {
				atomic.AddInt64(&connections, 1)
			}
		},
	}
	// the port, for the script
	log.SetFlags(0)
	log.Println(listener.Addr().String())
	log.Fatal(server.Serve(listener))
}
