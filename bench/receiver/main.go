// Command receiver is the outside webhook receiver of the benchmarks: it answers every POST with 200 (after -delay, if
// set), counts the events, envelopes, bytes and TCP connections it got, and discards the rest. With -ids it also
// keeps the events' ids per path, to count distinct events and repeats (the broker bench checks exactly once).
// GET /stats returns the counts as JSON (and the Unix times, in ns, of the first and last envelope); POST /reset
// zeroes them.
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
	"sync"
	"sync/atomic"
	"time"
)

var events, envelopes, received, connections, first, last int64
var sampled int32

// the events' ids per path, with -ids; an id counts once, each further arrival as a repeat
var idsLock sync.Mutex
var ids = map[string]map[string]bool{}
var repeats = map[string]int64{}

var eventStart = []byte(`{"id":"`)

// keep records the ids of an envelope's events: each event of the v1 envelope opens with its id, after the array's
// '[' or the ',' between events (the request's id follows a ':'), so no JSON decoding is needed
func keep(path string, body []byte) {
	idsLock.Lock()
	defer idsLock.Unlock()
	seen := ids[path]
	if seen == nil {
		seen = map[string]bool{}
		ids[path] = seen
	}
	for at := 0; ; {
		i := bytes.Index(body[at:], eventStart)
		if i < 0 {
			return
		}
		start := at + i + len(eventStart)
		end := bytes.IndexByte(body[start:], '"')
		if end < 0 {
			return
		}
		if at+i > 0 && (body[at+i-1] == '[' || body[at+i-1] == ',') {
			id := string(body[start : start+end])
			if seen[id] {
				repeats[path]++
			} else {
				seen[id] = true
			}
		}
		at = start + end
	}
}

func pathStats() map[string]map[string]int64 {
	idsLock.Lock()
	defer idsLock.Unlock()
	stats := map[string]map[string]int64{}
	for path, seen := range ids {
		stats[path] = map[string]int64{"distinct": int64(len(seen)), "repeats": repeats[path]}
	}
	return stats
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "where to listen (loopback only)")
	delay := flag.Duration("delay", 0, "how long to wait before answering each envelope")
	sample := flag.String("sample", "", "a file to write the first envelope of each run to")
	keepIds := flag.Bool("ids", false, "keep the events' ids per path, for distinct and repeated counts")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	server := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodGet && r.URL.Path == "/stats":
				json.NewEncoder(w).Encode(map[string]interface{}{"events": atomic.LoadInt64(&events),
					"envelopes": atomic.LoadInt64(&envelopes), "bytes": atomic.LoadInt64(&received),
					"connections": atomic.LoadInt64(&connections), "first_ns": atomic.LoadInt64(&first),
					"last_ns": atomic.LoadInt64(&last), "paths": pathStats()})
			case r.Method == http.MethodPost && r.URL.Path == "/reset":
				atomic.StoreInt64(&events, 0)
				atomic.StoreInt64(&envelopes, 0)
				atomic.StoreInt64(&received, 0)
				atomic.StoreInt64(&connections, 0)
				atomic.StoreInt32(&sampled, 0)
				atomic.StoreInt64(&first, 0)
				atomic.StoreInt64(&last, 0)
				idsLock.Lock()
				ids = map[string]map[string]bool{}
				repeats = map[string]int64{}
				idsLock.Unlock()
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
				if *keepIds {
					keep(r.URL.Path, body)
				}
				now := time.Now().UnixNano()
				atomic.CompareAndSwapInt64(&first, 0, now)
				atomic.StoreInt64(&last, now)
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
