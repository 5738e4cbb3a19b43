#!/usr/bin/env python3
"""The broker path measured: a real Apache Artemis broker, N producing and M delivering instances of the demo, and
an outside receiver, all on 127.0.0.1.

Builds the Go receiver (bench/receiver), compiles regnotify, unpacks Artemis 2.40.0 from the local Maven repository
and creates a broker instance of its own under target/broker-bench (persistence on, NIO journal, login required, the
redelivery limit off and group rebalance on for regnotify's queues, as docs/distributed.md says; deleted at the end unless --keep). Then,
ROUNDS times:

  phased    the N producers (`--bench E --role produce`) start at once and exit once their events are in the broker;
            then the M deliverers (`--bench 0 --role deliver`) start at once and drain the broker to the receiver;
  together  the same producers, and the deliverers as soon as the first producer has pushed 1,000 events: the
            end-to-end figure.

Each endpoint (--endpoints K, the same on every instance) has its own queue on the broker and its own path at the
receiver, which keeps the events' ids: every event must arrive exactly once at every endpoint, or the bench fails.
Prints one line per run and per process, and a summary of medians:

  into_broker_per_s   registry events (N x (W + E)) / wall time from the producers' start to the last one's exit (JVM
                      start included); each producer's own figure (from its first push to its events being in the
                      broker) is on its line
  out_of_broker_per_s deliveries (N x E x K) / time from the deliverers' start to the receiver's last envelope (JVM
                      start included; the deliverers' two quiet seconds before they exit are not)
  end_to_end_per_s    registry events (N x (W + E)) / time from the producers' start to the last delivery of a together run
  warm_...            with --warmup W (each producer pushes W events first, delivered too, then the E measured
                      ones): into the broker, the producers' E events over the time from the first one's warm-up
                      being in the broker to the last one's measured events being there, and each producer's own CPU
                      per event over its measured events; out of the broker (phased runs), the deliveries between
                      the moments the receiver had 25% and 90% of them, and the deliverers' and the broker's CPU
                      over the same window (sampled every 0.2 s): figures without the JVMs' start and the JIT's
                      warm-up
  cpu_us_per_event    user + sys of each process (getrusage of the child; for the broker, /proc) over its events
                      (producers: the events it pushed; deliverers: the deliveries it made; broker: the run's deliveries
                      in a together run, else the phase's)

  python3 bench/broker_bench.py [--producers N] [--deliverers M] [--events E] [--batch B] [--endpoints K]
                                [--journal] [--rounds R] [--mode phased|together|both] [--warmup W]
                                [--jvm "JVM options"]
                                [--wait SECONDS] [--keep]

Needs Java 17, Maven (with org.apache.activemq:apache-artemis:2.40.0:zip:bin in the local repository, or the means to
fetch it) and Go (Debian's golang-go). Not part of `mvn verify`: docs/performance.md gives the figures and commands.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile

import regnotify_build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "broker-bench")
ARTEMIS_VERSION = "2.40.0"
ARTEMIS_ZIP = os.path.expanduser(f"~/.m2/repository/org/apache/activemq/apache-artemis/{ARTEMIS_VERSION}/"
                                 f"apache-artemis-{ARTEMIS_VERSION}-bin.zip")
USER = "regnotify"
# the warm figures out of the broker: between the samples at which the receiver had this share of the deliveries
WARM_FROM = 0.25
WARM_TO = 0.90
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class BenchError(Exception):
    """A run that did not do what it must: the bench stops with this message."""


def build():
    if shutil.which("go") is None:
        sys.exit("the receiver is a Go program and Go is missing: apt-get install golang-go")
    os.makedirs(OUT, exist_ok=True)
    subprocess.run(["go", "build", "-o", os.path.join(OUT, "receiver"), "./bench/receiver"], cwd=ROOT,
                   env=dict(os.environ, GO111MODULE="off"), check=True)
    return regnotify_build.compile_classpath(ROOT, OUT)


def artemis_home():
    home = os.path.join(OUT, f"apache-artemis-{ARTEMIS_VERSION}")
    if os.path.isfile(os.path.join(home, "bin", "artemis")):
        return home
    if not os.path.isfile(ARTEMIS_ZIP):
        subprocess.run(["mvn", "-q", "-B", "dependency:get",
                        f"-Dartifact=org.apache.activemq:apache-artemis:{ARTEMIS_VERSION}:zip:bin"], cwd=ROOT,
                       check=True)
    # unpacked beside, then moved: an interrupted unpacking leaves no half distribution behind
    unpacking = tempfile.mkdtemp(prefix="artemis-", dir=OUT)
    try:
        with zipfile.ZipFile(ARTEMIS_ZIP) as archive:
            for entry in archive.infolist():
                path = archive.extract(entry, unpacking)
                mode = entry.external_attr >> 16
                if mode:
                    os.chmod(path, mode & 0o777)  # zipfile keeps no permissions: bin/artemis must stay executable
        shutil.rmtree(home, ignore_errors=True)
        os.rename(os.path.join(unpacking, os.path.basename(home)), home)
    finally:
        shutil.rmtree(unpacking, ignore_errors=True)
    return home


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    """An Artemis instance made with `artemis create` under target/broker-bench, run in a process of its own."""

    def __init__(self, home, password):
        self.instance = os.path.join(OUT, "broker")  # main() deletes it by this name too
        self.log = os.path.join(OUT, "broker.log")
        self.port = free_port()
        self.password = password
        self.process = None
        self.pid = None
        shutil.rmtree(self.instance, ignore_errors=True)
        with open(os.path.join(OUT, "create.log"), "w") as log:
            create = subprocess.run(
                [os.path.join(home, "bin", "artemis"), "create", self.instance, "--user", USER, "--password",
                 password, "--require-login", "--host", "127.0.0.1", "--http-host", "127.0.0.1", "--no-web",
                 "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                 "--nio", "--no-autotune", "--default-port", str(self.port), "--silent"],
                stdout=log, stderr=subprocess.STDOUT, timeout=180)
        if create.returncode != 0:
            raise BenchError(f"artemis create failed ({create.returncode}): see {OUT}/create.log")
        self._no_redelivery_limit()

    def _no_redelivery_limit(self):
        """docs/distributed.md: the redelivery limit off and group rebalance on for regnotify's queues."""
        path = os.path.join(self.instance, "etc", "broker.xml")
        with open(path) as f:
            xml = f.read()
        setting = ('<address-setting match="regnotify.#">\n'
                   '            <max-delivery-attempts>-1</max-delivery-attempts>\n'
                   '            <default-group-rebalance>true</default-group-rebalance>\n'
                   '            <default-group-rebalance-pause-dispatch>true</default-group-rebalance-pause-dispatch>\n'
                   '         </address-setting>\n         ')
        if "<address-settings>" not in xml:
            raise BenchError(f"{path} has no <address-settings> to add regnotify's to")
        with open(path, "w") as f:
            f.write(xml.replace("<address-settings>", "<address-settings>\n         " + setting, 1))

    def url(self):
        return f"tcp://127.0.0.1:{self.port}"

    def run(self, timeout):
        with open(self.log, "w") as log:
            # the instance's script execs java: this process is the broker's JVM
            self.process = subprocess.Popen([os.path.join(self.instance, "bin", "artemis"), "run"], stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"the broker exited ({self.process.returncode}) before it was active: see {self.log}")
            with open(self.log, errors="replace") as f:
                if "AMQ221007" in f.read():
                    return
            time.sleep(0.2)
        raise BenchError(f"the broker was not active (AMQ221007) within {timeout:.0f} s: see {self.log}")

    def cpu_seconds(self):
        """User + sys of the broker's JVM so far, from /proc (it runs until the bench ends)."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)


class Child:
    """One demo instance: its output in files, its resource usage from wait4 when it exits."""

    def __init__(self, name, command, env, rundir):
        self.name = name
        self.stdout = os.path.join(rundir, name + ".out")
        self.stderr = os.path.join(rundir, name + ".err")
        with open(self.stdout, "w") as out, open(self.stderr, "w") as err:
            self.started = time.monotonic()
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err,
                                            start_new_session=True)
        self.ended = None
        self.cpu = None
        self.code = None

    def reap(self):
        """@return whether it has exited (then its exit code, end and CPU are known)"""
        if self.ended is not None:
            return True
        pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        if pid == 0:
            return False
        self.ended = time.monotonic()
        self.code = os.waitstatus_to_exitcode(status)
        self.process.returncode = self.code  # reaped here: Popen must not wait for it again
        self.cpu = usage.ru_utime + usage.ru_stime
        return True

    def output(self):
        with open(self.stdout, errors="replace") as f:
            return f.read()

    def last_line(self):
        """@return the figures of its `delivered=` line"""
        lines = [line for line in self.output().splitlines() if "delivered=" in line]
        return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", lines[-1])} if lines else {}

    def produced(self):
        return "produced=" in self.output()

    def warmed_up(self):
        with open(self.stderr, errors="replace") as f:
            return "warm-up pushes delivered" in f.read()

    def failure(self):
        with open(self.stderr, errors="replace") as f:
            err = f.read()[-2000:]
        return f"{self.name} exited {self.code}:\n{self.output()[-1000:]}\n{err}"

    def kill(self):
        if self.ended is None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=30)


def wait_all(children, deadline, what):
    while not all(child.reap() for child in children):
        if time.monotonic() > deadline:
            late = [c.name for c in children if c.ended is None]
            raise BenchError(f"{what}: {', '.join(late)} still running at the deadline (--wait)")
        time.sleep(0.02)
    failed = [c for c in children if c.code != 0]
    if failed:
        raise BenchError(f"{what}: " + "\n".join(c.failure() for c in failed))


def call(base, path, method="GET"):
    with urllib.request.urlopen(urllib.request.Request(base + path, method=method), timeout=10) as answer:
        return json.loads(answer.read() or b"{}")


def check_exactly_once(stats, paths, expected, what):
    for path in paths:
        got = stats["paths"].get(path, {"distinct": 0, "repeats": 0})
        if got["distinct"] != expected or got["repeats"] != 0:
            raise BenchError(f"{what}: the receiver got {got['distinct']} distinct events of {expected} at {path}, "
                             f"and {got['repeats']} repeats; deliverers' output in {OUT}/run")
    if stats["events"] != expected * len(paths):
        raise BenchError(f"{what}: the receiver counted {stats['events']} events, {expected * len(paths)} expected "
                         "(an envelope whose ids it could not read?)")


def process_cpu_seconds(pid):
    """User + sys of a running process so far, from /proc; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class Sampler:
    """Every 0.2 s, on a thread of its own: the receiver's count of events, the broker's CPU and each running
    instance's, and when each producer said its warm-up was delivered. The warm figures are read from these
    samples: a rate over a window of the run that leaves out each JVM's start, Weld's boot and the JIT's warm-up."""

    PERIOD_S = 0.2

    def __init__(self, base, broker, children):
        self.base = base
        self.broker = broker
        self.children = children
        self.samples = []  # (monotonic, events received, broker CPU s, {child name: CPU s})
        self.warm = {}  # producer name -> monotonic time its warm-up was delivered
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="sampler", daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopped.wait(self.PERIOD_S):
            try:
                events = call(self.base, "/stats")["events"]
            except (OSError, ValueError):
                continue
            cpu = {c.name: process_cpu_seconds(c.process.pid) for c in list(self.children) if c.ended is None}
            now = time.monotonic()
            self.samples.append((now, events, self.broker.cpu_seconds(), cpu))
            for c in list(self.children):
                if c.name.startswith("producer") and c.name not in self.warm and c.warmed_up():
                    self.warm[c.name] = now

    def stop(self):
        self.stopped.set()
        self.thread.join(timeout=10)

    def window(self, low, high):
        """@return the first samples at which the receiver had at least low and at least high events, or None"""
        first = next((s for s in self.samples if s[1] >= low), None)
        last = next((s for s in self.samples if s[1] >= high), None)
        return (first, last) if first and last and last[0] > first[0] else None

    def cpu_between(self, start, end, names):
        """@return the CPU seconds the named instances spent between two samples (those alive at both)"""
        return sum(end[3][n] - start[3][n] for n in names
                   if start[3].get(n) is not None and end[3].get(n) is not None)

    def broker_cpu_between(self, start, end):
        """@return the broker's CPU between the samples nearest after two moments, or None"""
        first = next((s for s in self.samples if s[0] >= start), None)
        last = next((s for s in self.samples if s[0] >= end), self.samples[-1] if self.samples else None)
        return last[2] - first[2] if first and last and last[0] > first[0] else None


class Bench:
    """The runs: the demo instances started against one broker and one receiver, and their figures."""

    def __init__(self, args, classpath, broker, base):
        self.args = args
        self.broker = broker
        self.base = base
        self.paths = [f"/events/{k + 1}" for k in range(args.endpoints)]
        self.java = ["java"] + args.jvm.split() + ["-cp", classpath, "dev.regnotify.demo.Main"]
        self.endpoints = []
        for path in self.paths:
            self.endpoints += ["--endpoint", base + path]
        self.env = dict(os.environ, REGNOTIFY_BROKER_USER=USER, REGNOTIFY_BROKER_PASSWORD=broker.password)
        self.children = []
        self.journals = None

    def start(self, name, options, rundir):
        child = Child(name, self.java + options + self.endpoints + ["--broker", self.broker.url(), "--batch",
                                                                   str(self.args.batch), "--timeout", "10m"],
                      self.env, rundir)
        self.children.append(child)
        return child

    def producers(self, rundir):
        started = []
        for i in range(self.args.producers):
            journal = ["--journal", os.path.join(self.journals, f"{os.path.basename(rundir)}-{i + 1}")] \
                if self.journals else []
            warmup = ["--warmup", str(self.args.warmup)] if self.args.warmup else []
            started.append(self.start(f"producer-{i + 1}", ["--bench", str(self.args.events), "--role", "produce"]
                                      + warmup + journal, rundir))
        return started

    def deliverers(self, rundir):
        return [self.start(f"deliverer-{i + 1}", ["--bench", "0", "--role", "deliver"], rundir)
                for i in range(self.args.deliverers)]

    def kill_all(self):
        for child in self.children:
            child.kill()
        self.children = []

    def run(self, mode, number):
        rundir = os.path.join(OUT, "run", f"{number}-{mode}")
        os.makedirs(rundir, exist_ok=True)
        call(self.base, "/reset", "POST")
        # the warm-up's events go through the broker too, and are delivered with the others
        sent = self.args.producers * (self.args.events + self.args.warmup)
        deliveries = sent * self.args.endpoints
        deadline = time.monotonic() + self.args.wait
        cpu_before = self.broker.cpu_seconds()
        sampler = Sampler(self.base, self.broker, self.children)
        try:
            if mode == "phased":
                result = self.phased(rundir, sent, deadline, cpu_before)
            else:
                result = self.together(rundir, sent, deadline, cpu_before)
            sampler.stop()
            stats = call(self.base, "/stats")
            check_exactly_once(stats, self.paths, sent, f"run {number} ({mode})")
            last = stats["last_ns"] / 1e9
            result["receiving_per_s"] = deliveries / max(1e-9, last - stats["first_ns"] / 1e9)
            result["out_of_broker_per_s"] = deliveries / (last - result.pop("deliverers_started_unix"))
            if mode == "together":
                result["end_to_end_per_s"] = sent / (last - result["producers_started_unix"])
            self.warm_figures(sampler, result, deliveries)
        finally:
            sampler.stop()
            self.kill_all()
        result["load"] = os.getloadavg()[0]
        result["producer_cpu_us_per_event"] = statistics.mean(
            p.cpu * 1e6 / (self.args.events + self.args.warmup) for p in result["producers"])
        result["deliverer_cpu_us_per_event"] = sum(d.cpu for d in result["deliverers"]) * 1e6 / deliveries
        self.print_run(mode, number, result)
        return result

    def warm_figures(self, sampler, result, deliveries):
        """The figures without each JVM's start: see WARM in the module's documentation."""
        producers = result["producers"]
        if self.args.warmup and all(p.name in sampler.warm for p in producers):
            starts = [sampler.warm[p.name] for p in producers]
            ends = [sampler.warm[p.name] + p.last_line().get("seconds", 0) for p in producers]
            window = max(ends) - min(starts)
            result["warm_into_broker_per_s"] = self.args.producers * self.args.events / window
            result["warm_producer_cpu_us_per_event"] = statistics.mean(
                p.last_line().get("cpu_us_per_event", 0) for p in producers)
            broker = sampler.broker_cpu_between(min(starts), max(ends))
            if broker is not None:
                result["warm_broker_in_cpu_us_per_event"] = broker * 1e6 / (self.args.producers * self.args.events)
        window = sampler.window(WARM_FROM * deliveries, WARM_TO * deliveries) if "deliverers_phase" in result else None
        if window is not None:
            first, last = window
            received = last[1] - first[1]
            result["warm_out_of_broker_per_s"] = received / (last[0] - first[0])
            names = [d.name for d in result["deliverers"]]
            result["warm_deliverer_cpu_us_per_event"] = sampler.cpu_between(first, last, names) * 1e6 / received
            result["warm_broker_out_cpu_us_per_event"] = (last[2] - first[2]) * 1e6 / received

    def phased(self, rundir, events, deadline, cpu_before):
        producers_unix = time.time()
        producers = self.producers(rundir)
        wait_all(producers, deadline, "producing")
        into_s = max(p.ended for p in producers) - min(p.started for p in producers)
        cpu_between = self.broker.cpu_seconds()
        deliverers_unix = time.time()
        deliverers = self.deliverers(rundir)
        wait_all(deliverers, deadline, "delivering")
        cpu_after = self.broker.cpu_seconds()
        deliveries = events * self.args.endpoints
        return {"into_broker_per_s": events / into_s, "producers_started_unix": producers_unix,
                "deliverers_started_unix": deliverers_unix, "producers": producers, "deliverers": deliverers,
                "deliverers_phase": True, "broker_in_cpu_us_per_event": (cpu_between - cpu_before) * 1e6 / events,
                "broker_out_cpu_us_per_event": (cpu_after - cpu_between) * 1e6 / deliveries}

    def together(self, rundir, events, deadline, cpu_before):
        producers_unix = time.time()
        producers = self.producers(rundir)
        # a deliverer exits after two quiet seconds: it starts once events are on their way to the broker
        while not any(p.produced() or p.reap() for p in producers):
            if time.monotonic() > deadline:
                raise BenchError("no producer said produced=1000 (or exited) before the deadline (--wait)")
            time.sleep(0.02)
        if any(p.ended is not None and p.code != 0 for p in producers):
            wait_all(producers, deadline, "producing")
        deliverers_unix = time.time()
        deliverers = self.deliverers(rundir)
        wait_all(producers, deadline, "producing")
        into_s = max(p.ended for p in producers) - min(p.started for p in producers)
        wait_all(deliverers, deadline, "delivering")
        cpu_after = self.broker.cpu_seconds()
        return {"into_broker_per_s": events / into_s, "producers_started_unix": producers_unix,
                "deliverers_started_unix": deliverers_unix, "producers": producers, "deliverers": deliverers,
                "broker_cpu_us_per_event": (cpu_after - cpu_before) * 1e6 / events}

    def print_run(self, mode, number, r):
        e2e = f"  end_to_end_per_s={r['end_to_end_per_s']:8.0f}" if "end_to_end_per_s" in r else ""
        broker = (f"broker_cpu_us_per_event={r['broker_cpu_us_per_event']:.1f}" if "broker_cpu_us_per_event" in r
                  else f"broker_cpu_us_per_event: in {r['broker_in_cpu_us_per_event']:.1f}, "
                       f"out {r['broker_out_cpu_us_per_event']:.1f}")
        print(f"run {number} {mode:8} into_broker_per_s={r['into_broker_per_s']:8.0f}  "
              f"out_of_broker_per_s={r['out_of_broker_per_s']:8.0f}{e2e}  "
              f"receiving_per_s={r['receiving_per_s']:8.0f}  {broker}  load={r['load']:.2f}", flush=True)
        for p in r["producers"]:
            own = p.last_line()
            print(f"  {p.name:12} own_events_per_s={own.get('events_per_s', 0):8.0f}  wall_s={p.ended - p.started:6.2f}"
                  f"  cpu_us_per_event={p.cpu * 1e6 / (self.args.events + self.args.warmup):6.1f}  "
                  f"producer_p99_us={own.get('producer_p99_us', 0):.2f}"
                  + (f"  warm_cpu_us_per_event={own.get('cpu_us_per_event', 0):.1f}" if self.args.warmup else ""),
                  flush=True)
        for d in r["deliverers"]:
            own = d.last_line()
            delivered = int(own.get("delivered", 0))
            cpu = f"{d.cpu * 1e6 / delivered:6.1f}" if delivered else "   n/a"
            print(f"  {d.name:12} delivered={delivered:8d}  wall_s={d.ended - d.started:6.2f}  "
                  f"cpu_us_per_event={cpu}  envelopes={int(own.get('envelopes', 0))}", flush=True)
        warm = [k for k in WARM_KEYS if k in r]
        if warm:
            print("  warm: " + "  ".join(f"{k[5:]}={r[k]:.0f}" if k.endswith("_per_s") else f"{k[5:]}={r[k]:.1f}"
                                         for k in warm), flush=True)


WARM_KEYS = ("warm_into_broker_per_s", "warm_out_of_broker_per_s", "warm_producer_cpu_us_per_event",
             "warm_deliverer_cpu_us_per_event", "warm_broker_in_cpu_us_per_event", "warm_broker_out_cpu_us_per_event")


def summary(results, args):
    print(f"\nmedians of {args.rounds} rounds (load {os.getloadavg()[0]:.2f} after):")
    for mode, runs in results.items():
        if not runs:
            continue
        keys = ["into_broker_per_s", "out_of_broker_per_s"] + (["end_to_end_per_s"] if mode == "together" else []) \
            + ["receiving_per_s", "producer_cpu_us_per_event", "deliverer_cpu_us_per_event"] \
            + (["broker_cpu_us_per_event"] if mode == "together" else
               ["broker_in_cpu_us_per_event", "broker_out_cpu_us_per_event"]) + ["load"] \
            + [k for k in WARM_KEYS if all(k in r for r in runs)]
        m = {k: statistics.median(r[k] for r in runs) for k in keys}
        print(f"{mode:8} " + "  ".join(f"{k}={m[k]:.0f}" if k.endswith("_per_s") else
                                       f"{k}={m[k]:.2f}" if k == "load" else f"{k}={m[k]:.1f}"
                                       for k in keys), flush=True)


def terminated(signum, frame):
    """SIGTERM as Ctrl-C: the finally blocks end every child."""
    raise KeyboardInterrupt()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--producers", type=int, default=2, help="producing instances, started at once")
    parser.add_argument("--deliverers", type=int, default=1, help="delivering instances, started at once")
    parser.add_argument("--events", type=int, default=200000, help="events each producer pushes")
    parser.add_argument("--batch", type=int, default=100, help="events per envelope to the receiver")
    parser.add_argument("--endpoints", type=int, default=1, help="endpoints of every instance (one queue each)")
    parser.add_argument("--journal", action="store_true", help="producers keep their events in a journal (in a "
                        "temporary directory under target/broker-bench, on the broker's disk)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mode", choices=("phased", "together", "both"), default="both",
                        help="phased: producers then deliverers; together: at once (end to end); both: each round")
    parser.add_argument("--warmup", type=int, default=0, help="events each producer pushes and forwards before its "
                        "measured ones (they are delivered too): the warm_ figures")
    parser.add_argument("--jvm", default="-Xms1g -Xmx1g", help="the demo instances' JVM options")
    parser.add_argument("--wait", type=float, default=600, help="seconds a run may take before it is given up")
    parser.add_argument("--keep", action="store_true", help="keep the broker instance and the runs' output")
    args = parser.parse_args()
    if min(args.producers, args.deliverers, args.events, args.batch, args.endpoints, args.rounds) < 1:
        parser.error("--producers, --deliverers, --events, --batch, --endpoints and --rounds must be 1 or more")
    if args.warmup < 0:
        parser.error("--warmup must be 0 or more")
    signal.signal(signal.SIGTERM, terminated)
    broker = None
    receiver = None
    bench = None
    modes = ("phased", "together") if args.mode == "both" else (args.mode,)
    results = {mode: [] for mode in modes}
    failed = True
    try:
        classpath = build()
        home = artemis_home()
        shutil.rmtree(os.path.join(OUT, "run"), ignore_errors=True)
        broker = Broker(home, secrets.token_hex(16))
        broker.run(timeout=120)
        receiver = subprocess.Popen([os.path.join(OUT, "receiver"), "-addr", "127.0.0.1:0", "-ids"],
                                    stderr=subprocess.PIPE, text=True, start_new_session=True)
        base = "http://" + receiver.stderr.readline().strip()
        if not re.match(r"http://127\.0\.0\.1:\d+$", base):
            raise BenchError(f"the receiver did not say where it listens: {base!r}")
        bench = Bench(args, classpath, broker, base)
        if args.journal:
            bench.journals = tempfile.mkdtemp(prefix="journals-", dir=OUT)
        print(f"{args.producers} producers x {args.events} events, {args.deliverers} deliverers, {args.endpoints} "
              f"endpoints, batch {args.batch}, {'journal' if args.journal else 'no journal'}, {args.rounds} rounds; "
              f"broker {broker.url()}, receiver {base}, JVM {args.jvm}; load {os.getloadavg()[0]:.2f}", flush=True)
        number = 0
        for _ in range(args.rounds):
            for mode in modes:
                number += 1
                results[mode].append(bench.run(mode, number))
        summary(results, args)
        failed = False
    except (BenchError, subprocess.SubprocessError, OSError) as e:
        sys.exit(f"broker bench failed: {e}")
    except KeyboardInterrupt:
        sys.exit("broker bench interrupted")
    finally:
        # a second Ctrl-C must not cut the cleaning short
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if bench is not None:
            bench.kill_all()
        if receiver is not None:
            receiver.kill()
            receiver.wait(timeout=30)
        if broker is not None:
            broker.stop()
        if not args.keep:
            shutil.rmtree(os.path.join(OUT, "broker"), ignore_errors=True)
            if not failed:  # what the instances said stays for a failed run
                shutil.rmtree(os.path.join(OUT, "run"), ignore_errors=True)
            if bench is not None and bench.journals:
                shutil.rmtree(bench.journals, ignore_errors=True)


if __name__ == "__main__":
    main()
