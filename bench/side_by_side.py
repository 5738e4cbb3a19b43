#!/usr/bin/env python3
"""regnotify and distribution's own notification code, side by side, against one outside receiver.

Builds the Go receiver and the driver of distribution's Endpoint (bench/receiver, bench/original), compiles
regnotify, starts the receiver on 127.0.0.1, then runs the senders alternately, ROUNDS times each, with the same
events (a manifest pushed with a tag, with request, actor and source, over 64 repositories). Prints one line per run
and a summary: events/s, the sender's CPU per event (user + sys of its whole process, from getrusage; and measured
by the sender over the delivery alone), TCP connections used, bytes per envelope, and the ratios.

  python3 bench/side_by_side.py [--events N] [--rounds R] [--delay D] [--batch B] [--maxinflight M] [--no-original]
                                [--jvm "JVM options"]

Needs Debian's golang-go and golang-github-docker-distribution-dev (distribution 2.8.2's source), Java 17 and Maven.
Not part of `mvn verify`: docs/performance.md gives the figures and the commands.
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import urllib.request

import regnotify_build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "side-by-side")
GOPATH = "/usr/share/gocode"


def build():
    if not os.path.isdir(os.path.join(GOPATH, "src/github.com/docker/distribution/notifications")):
        sys.exit("distribution's source is missing: apt-get install golang-go golang-github-docker-distribution-dev")
    os.makedirs(OUT, exist_ok=True)
    env = dict(os.environ, GOPATH=GOPATH, GO111MODULE="off")
    for program in ("receiver", "original"):
        subprocess.run(["go", "build", "-o", os.path.join(OUT, program), "./bench/" + program], cwd=ROOT, env=env,
                       check=True)
    return regnotify_build.compile_classpath(ROOT, OUT)


def start_receiver(delay):
    receiver = subprocess.Popen([os.path.join(OUT, "receiver"), "-addr", "127.0.0.1:0", "-delay", delay],
                                stderr=subprocess.PIPE, text=True)
    address = receiver.stderr.readline().strip()
    return receiver, "http://" + address


def call(base, path, method="GET"):
    with urllib.request.urlopen(urllib.request.Request(base + path, method=method), timeout=10) as answer:
        return json.loads(answer.read() or b"{}")


def figures(line):
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)}


def run(name, command, base, events):
    call(base, "/reset", "POST")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [l for l in done.stdout.splitlines() if "delivered=" in l]
    if done.returncode != 0 or not lines:
        sys.exit(f"{name} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    result = figures(lines[-1])
    stats = call(base, "/stats")
    process_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result.update(name=name, process_cpu_us_per_event=process_cpu * 1e6 / events,
                  connections=stats["connections"], bytes_per_envelope=stats["bytes"] / max(1, stats["envelopes"]),
                  received=stats["events"])
    print(f"{name:17} events_per_s={result['events_per_s']:8.0f}  "
          f"cpu_us_per_event: whole process {result['process_cpu_us_per_event']:6.1f}, "
          f"delivery {result['cpu_us_per_event']:6.1f}  connections={int(result['connections'])}  "
          f"bytes_per_envelope={result['bytes_per_envelope']:.0f}", flush=True)
    if result["received"] < events:
        sys.exit(f"{name}: the receiver got {result['received']} of {events} events")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--delay", default="0s", help="how long the receiver waits before each answer (Go syntax)")
    parser.add_argument("--batch", type=int, default=1, help="regnotify's batch.maxevents (distribution has none)")
    parser.add_argument("--maxinflight", type=int, default=1, help="regnotify's maxinflight")
    parser.add_argument("--no-original", action="store_true", help="run regnotify alone")
    parser.add_argument("--jvm", default="-Xms1g -Xmx1g",
                        help="regnotify's JVM options (default: a fixed 1 GiB heap, as a server is given; the bench "
                        "queues every event it cannot deliver at once)")
    parser.add_argument("--original-events", type=int, help="events for the original (default: --events); for a "
                        "receiver far away, where it delivers about 50 a second")
    args = parser.parse_args()
    classpath = build()
    receiver, base = start_receiver(args.delay)
    url = base + "/events"
    original_events = args.original_events or args.events
    main_class = ["-cp", classpath, "dev.regnotify.demo.Main", "--bench", str(args.events), "--endpoint", url,
                  "--batch", str(args.batch), "--maxinflight", str(args.maxinflight), "--timeout", "10m"]
    ours = ["java"] + args.jvm.split() + main_class
    # a short-lived process compiles with C1 alone: most of a fresh JVM's CPU is C2 compiling code it will not use
    ours_c1 = ["java"] + args.jvm.split() + ["-XX:TieredStopAtLevel=1"] + main_class
    senders = [] if args.no_original else [
        ("original", [os.path.join(OUT, "original"), "-url", url, "-events", str(original_events)])]
    senders += [("regnotify cold", ours), ("regnotify cold C1", ours_c1),
                ("regnotify warm", ours + ["--warmup", str(args.events)])]
    print(f"{args.events} events per run, {args.rounds} rounds, receiver {base} (delay {args.delay}), "
          f"regnotify batch {args.batch} maxinflight {args.maxinflight} JVM {args.jvm}; "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    results = {name: [] for name, _ in senders}
    try:
        for _ in range(args.rounds):
            for name, command in senders:
                results[name].append(run(name, command, base,
                                         original_events if name == "original" else args.events))
    finally:
        receiver.terminate()
    print(f"\nmedians of {args.rounds} rounds (load {os.getloadavg()[0]:.2f} after):")
    median = {name: {k: statistics.median(r.get(k, 0.0) for r in runs) for k in
                     ("events_per_s", "process_cpu_us_per_event", "cpu_us_per_event", "connections",
                      "producer_p99_us", "gc_pct")}
              for name, runs in results.items()}
    for name, m in median.items():
        # a warm run's process also did the warm-up: only the delivery's CPU speaks of it
        whole = "   n/a" if name.endswith("warm") else f"{m['process_cpu_us_per_event']:6.1f}"
        ours = "" if name == "original" else \
            f"  producer_p99_us={m['producer_p99_us']:.2f}  gc_pct={m['gc_pct']:.1f}"
        print(f"{name:17} events_per_s={m['events_per_s']:8.0f}  cpu_us_per_event: whole process "
              f"{whole}, delivery {m['cpu_us_per_event']:6.1f}  connections={int(m['connections'])}{ours}")
    if "original" in median:
        o = median["original"]
        for name in ("regnotify cold", "regnotify cold C1", "regnotify warm"):
            m = median[name]
            whole = "" if name.endswith("warm") else \
                f"x{m['process_cpu_us_per_event'] / o['process_cpu_us_per_event']:.2f} (whole process), "
            print(f"{name} / original: events/s x{m['events_per_s'] / o['events_per_s']:.2f}, CPU per event "
                  f"{whole}x{m['cpu_us_per_event'] / o['cpu_us_per_event']:.2f} (delivery)")


if __name__ == "__main__":
    main()
