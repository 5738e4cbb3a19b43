// Command original drives distribution's own notification code (its Endpoint behind its Broadcaster, from
// Debian's golang-github-docker-distribution-dev, distribution 2.8.2) with prebuilt events: a manifest push with
// a tag, request, actor and source, as regnotify's --bench sends. It writes -events of them as fast as the
// broadcaster takes them, waits until the endpoint delivered all, and prints one line of figures.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"syscall"
	"time"

	"github.com/docker/distribution"
	"github.com/docker/distribution/notifications"
	"github.com/opencontainers/go-digest"
	"github.com/sirupsen/logrus"
)

func main() {
	url := flag.String("url", "", "the receiver's URL")
	count := flag.Int("events", 20000, "how many events")
	repositories := flag.Int("repositories", 64, "how many repositories the pushes are spread over")
	flag.Parse()
	logrus.SetLevel(logrus.WarnLevel)
	events := prebuilt(*count, *repositories)

	endpoint := notifications.NewEndpoint("bench", *url, notifications.EndpointConfig{
		Timeout: 5 * time.Second, Threshold: 10, Backoff: time.Second})
	broadcaster := notifications.NewBroadcaster(endpoint)

	cpuBefore := cpu()
	started := time.Now()
	for _, event := range events {
		if err := broadcaster.Write(event); err != nil {
			log.Fatal(err)
		}
	}
	var metrics notifications.EndpointMetrics
	for {
		endpoint.ReadMetrics(&metrics)
		if metrics.Successes >= *count {
			break
		}
		time.Sleep(time.Millisecond)
	}
	seconds := time.Since(started).Seconds()
	cpuUsed := cpu() - cpuBefore
	fmt.Printf("sender=original delivered=%d seconds=%.3f events_per_s=%.0f cpu_us_per_event=%.1f\n",
		metrics.Successes, seconds, float64(metrics.Successes)/seconds, cpuUsed.Seconds()*1e6/float64(*count))
	os.Exit(0)
}

// prebuilt makes the events regnotify's --bench produces: a manifest pushed with a tag, by a client, to one of
// several repositories.
func prebuilt(count, repositories int) []notifications.Event {
	manifest := digest.FromString("bench manifest")
	events := make([]notifications.Event, count)
	for i := range events {
		e := &events[i]
		e.ID = fmt.Sprintf("bench-%08d-0000-4000-8000-000000000000", i)
		e.Timestamp = time.Now()
		e.Action = notifications.EventActionPush
		e.Target.Descriptor = distribution.Descriptor{
			MediaType: "application/vnd.oci.image.manifest.v1+json", Size: 399, Digest: manifest}
		e.Target.Length = 399
		e.Target.Repository = fmt.Sprintf("bench/repo-%d", i%repositories)
		e.Target.URL = "http://localhost:5000/v2/" + e.Target.Repository + "/manifests/" + manifest.String()
		e.Target.Tag = "v1"
		e.Request = notifications.RequestRecord{ID: "bench", Addr: "127.0.0.1", Host: "localhost:5000",
			Method: "PUT", UserAgent: "regnotify-bench/0.1"}
		e.Actor = notifications.ActorRecord{Name: "bench"}
		e.Source = notifications.SourceRecord{Addr: "bench:5000", InstanceID: "00000000-0000-4000-8000-000000000000"}
	}
	return events
}

// cpu is the user and system time this process used so far.
func cpu() time.Duration {
	var usage syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &usage)
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}
