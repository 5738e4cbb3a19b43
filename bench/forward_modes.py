#!/usr/bin/env python3
"""How a forwarder waits for the broker, measured: starts an Apache Artemis 2.40.0 broker of its own exactly as
bench/broker_bench.py does (under target/broker-bench: persistence on, NIO journal, login required), then runs
dev.regnotify.bench.ForwardModes against it through Maven's bench profile, giving it the broker's pid for its CPU.

  python3 bench/forward_modes.py [--rounds R] [--events E] [--sizes 300,100] [--modes tx10,async16,...] [--keep]

Needs Java 17 and Maven (with org.apache.activemq:apache-artemis:2.40.0:zip:bin in the local repository, or the means
to fetch it). Not part of `mvn verify`: docs/performance.md gives the figures and commands.
"""

import argparse
import os
import secrets
import shutil
import subprocess
import sys

import broker_bench


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--events", type=int, default=300000, help="events per run (each mode sends them all)")
    parser.add_argument("--sizes", default="300,100", help="events per message, one series each")
    parser.add_argument("--modes", default="", help="comma-separated (ForwardModes' Javadoc); all by default")
    parser.add_argument("--jvm", default="-Xms1g -Xmx1g", help="the bench's JVM options")
    parser.add_argument("--keep", action="store_true", help="keep the broker instance under target/broker-bench")
    args = parser.parse_args()
    broker = None
    try:
        os.makedirs(broker_bench.OUT, exist_ok=True)
        broker = broker_bench.Broker(broker_bench.artemis_home(), secrets.token_hex(16))
        broker.run(timeout=120)
        bench_args = [broker.url(), broker_bench.USER, broker.password, str(broker.process.pid), str(args.rounds),
                      str(args.events), args.sizes] + ([args.modes] if args.modes else [])
        # the password is a throwaway of this broker's: on the command line it harms nothing
        run = subprocess.run(["mvn", "-q", "-B", "-Pbench", "test-compile", "exec:exec",
                              "-Dbench.main=dev.regnotify.bench.ForwardModes", f"-Dbench.jvm={args.jvm}",
                              "-Djmh.args=" + " ".join(bench_args)], cwd=broker_bench.ROOT)
        sys.exit(run.returncode)
    except (broker_bench.BenchError, subprocess.SubprocessError, OSError) as e:
        sys.exit(f"forward modes bench failed: {e}")
    finally:
        if broker is not None:
            broker.stop()
        if not args.keep:
            shutil.rmtree(os.path.join(broker_bench.OUT, "broker"), ignore_errors=True)


if __name__ == "__main__":
    main()
