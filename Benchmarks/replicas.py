#!/usr/bin/env python3
"""What the load balancer costs, and what a drain loses at full speed: Lattice replicas
behind nginx (deploy/replicas/lattice.conf) on 127.0.0.1, measured with wrk.

  scaling: one replica hit directly, and one, two and three replicas behind nginx, in
           interleaved rounds; req/s, p99, and CPU per request of the replicas and of
           nginx (utime+stime from /proc divided by the requests served); resident memory
           of a replica idle and under load.
  drain:   wrk at full speed (a) through nginx while every replica is restarted in turn by
           SIGTERM, (b) directly on one replica while it drains: wrk's socket errors split
           into refused connects (the listener is closed: expected without a balancer) and
           requests lost on an open connection (the race between closing an idle connection and a request arriving on it).

On a 2-CPU machine wrk, nginx and the replicas share the same two CPUs: more replicas
cannot add throughput here, so the scaling rows measure overhead, not speed-up.

Usage: Benchmarks/replicas.py [--binary PATH] [--rounds 3] [--seconds 10] [--sections scaling,drain]
Run it under `flock /tmp/lattice-cpu.lock` on shared machines. Prints Markdown.
"""
import argparse
import os
import shutil
import signal
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
from lattice_harness import ROOT, free_port, free_ports, proc_status, request, wrk  # noqa: E402
from topology import Balancer, Replica, cpu_seconds  # noqa: E402

WORK = os.path.join(ROOT, ".build", "replicas-bench")
PATHS = {"actor": "/v1/actors/japan", "search": "/v1/search?q=nato&limit=10"}


def wrk_at(port, path, seconds):
    """wrk -t2 -c64 on 127.0.0.1:port, giving up on a request after 5 s."""
    return wrk(f"http://127.0.0.1:{port}{path}", 64, seconds, timeout=5)


def context_switches(pid):
    """Voluntary + involuntary context switches of every thread of a process."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
    except OSError:
        pass
    return total


class MemorySampler(threading.Thread):
    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.peak, self.stop_event = pids, {p: 0 for p in pids}, threading.Event()

    def run(self):
        while not self.stop_event.wait(0.2):
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], proc_status(pid)["VmRSS"])


def start_topology(binary, settings=None, access_log=False):
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    ports = free_ports(6)
    replicas = [Replica(binary, i + 1, ports[i], os.path.join(ROOT, "seeds"), os.path.join(WORK, f"replica-{i + 1}.log"),
                        {"access_log": False, **(settings or {})}) for i in range(3)]
    for r in replicas:
        r.start()
    if not all(r.wait_ready() is not None for r in replicas):
        raise SystemExit("replicas did not start")
    pools = {ports[5]: ports[:3], ports[3]: ports[:1], ports[4]: ports[:2]}
    workers = os.cpu_count() or 1
    balancer = Balancer(os.path.join(WORK, "nginx"), ports[5], pools, workers=workers, access_log=access_log)
    balancer.start()
    return replicas, balancer, {"1 replica via nginx": ports[3], "2 replicas via nginx": ports[4],
                                "3 replicas via nginx": ports[5]}


def scaling(binary, rounds, seconds):
    replicas, balancer, lbs = start_topology(binary)
    try:
        idle = [r.rss_kb() for r in replicas]
        targets = {"1 replica direct": replicas[0].port, **lbs}
        for name, port in targets.items():  # warm every path and connection pool once
            for path in PATHS.values():
                request(port, path)
        results = {}
        sampler = MemorySampler([r.proc.pid for r in replicas])
        sampler.start()
        for round_number in range(rounds):
            for shape, path in PATHS.items():
                for name, port in targets.items():
                    lattice_before = sum(cpu_seconds(r.proc.pid) for r in replicas)
                    nginx_before = sum(cpu_seconds(p) for p in balancer.pids())
                    switches_before = sum(context_switches(r.proc.pid) for r in replicas)
                    result = wrk_at(port, path, seconds)
                    result["lattice_cpu"] = sum(cpu_seconds(r.proc.pid) for r in replicas) - lattice_before
                    result["nginx_cpu"] = sum(cpu_seconds(p) for p in balancer.pids()) - nginx_before
                    result["switches"] = sum(context_switches(r.proc.pid) for r in replicas) - switches_before
                    results.setdefault((shape, name), []).append(result)
                    print(f"  round {round_number + 1} {shape:6} {name:22} {result['rps']:>9,.0f} req/s "
                          f"p99 {result['p99']:.2f} ms", file=sys.stderr, flush=True)
        sampler.stop_event.set()
        peak = max(sampler.peak.values())
        hwm = max(r.rss_kb("VmHWM") for r in replicas)
    finally:
        for r in replicas:
            r.stop()
        balancer.stop()

    cpus = os.cpu_count()
    print(f"\n### Scaling out behind nginx ({cpus} CPUs, wrk -t2 -c64 on the same machine, "
          f"{rounds} rounds x {seconds} s, targets interleaved; medians)\n")
    print("nginx: the example config (`deploy/replicas/lattice.conf`), "
          f"`worker_processes {cpus}`, access log off (as Lattice's); replicas with access log off.\n")
    print("| request | target | req/s | p50 ms | p99 ms | errors | Lattice CPU µs/req | nginx CPU µs/req | wrk CPU µs/req | Lattice context switches/req |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    summary = {}
    for (shape, name), runs in results.items():
        def med(key):
            return statistics.median(r[key] for r in runs)
        per = lambda key: statistics.median(r[key] / r["requests"] * 1e6 for r in runs if r["requests"])  # noqa: E731
        errors = sum(r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"] for r in runs)
        summary[(shape, name)] = {"rps": med("rps"), "p99": med("p99"), "lattice": per("lattice_cpu"),
                                  "nginx": per("nginx_cpu"), "wrk": per("cpu"),
                                  "switches": statistics.median(r["switches"] / r["requests"] for r in runs if r["requests"])}
        s = summary[(shape, name)]
        print(f"| `{PATHS[shape]}` | {name} | {s['rps']:,.0f} | {med('p50'):.2f} | {s['p99']:.2f} | {errors} | "
              f"{s['lattice']:.1f} | {s['nginx']:.1f} | {s['wrk']:.1f} | {s['switches']:.2f} |")
    print()
    for shape in PATHS:
        direct = summary[(shape, "1 replica direct")]
        via = [summary[(shape, f"{n} replica{'s' if n > 1 else ''} via nginx")] for n in (1, 2, 3)]
        lattice_us = statistics.median(v["lattice"] for v in via)
        nginx_us = statistics.median(v["nginx"] for v in via)
        saturated = direct["lattice"]
        print(f"- `{PATHS[shape]}`: through nginx {via[0]['rps']:,.0f} / {via[1]['rps']:,.0f} / "
              f"{via[2]['rps']:,.0f} req/s with 1 / 2 / 3 replicas, against {direct['rps']:,.0f} hitting one "
              f"replica directly ({via[0]['rps'] / direct['rps']:.2f}× / {via[1]['rps'] / direct['rps']:.2f}× / "
              f"{via[2]['rps'] / direct['rps']:.2f}×). CPU per request: Lattice {saturated:.1f} µs when saturated "
              f"(direct), {lattice_us:.1f} µs behind nginx (median of 1-3 replicas; each replica less busy, "
              f"so fewer requests per wakeup); nginx {nginx_us:.1f} µs. A CPU core given to replicas carries "
              f"{1e6 / lattice_us:,.0f}-{1e6 / saturated:,.0f} req/s, so N cores about N × that; the balancer "
              f"needs a core per {1e6 / nginx_us:,.0f} req/s; both on the same N cores: "
              f"N × {1e6 / (lattice_us + nginx_us):,.0f}-{1e6 / (saturated + nginx_us):,.0f}.")
    print(f"\nResident memory of a replica (bundled seeds): idle {max(idle) / 1024:.1f} MB, "
          f"under load {peak / 1024:.1f} MB (max sampled every 200 ms), peak (VmHWM) {hwm / 1024:.1f} MB.\n")


def drain(binary, seconds):
    print("\n### Draining at full speed (wrk -t2 -c64)\n")
    # (a) Through nginx: every replica restarted in turn while wrk runs.
    replicas, balancer, lbs = start_topology(binary, {"drain_delay": 1, "shutdown_grace": 10}, access_log=True)
    port = lbs["3 replicas via nginx"]
    duration = max(seconds, 20)
    result = {}
    runner = threading.Thread(target=lambda: result.update(wrk_at(port, PATHS["actor"], duration)))
    try:
        runner.start()
        time.sleep(2)
        for r in replicas:
            r.stop(signal.SIGTERM)
            r.start()
            r.wait_ready()
            time.sleep(3.5)  # nginx's fail_timeout: the replica is back in rotation
        runner.join(timeout=duration + 30)
    finally:
        for r in replicas:
            r.stop()
        balancer.stop()
    kinds = {"refused": 0, "lost": 0, "other": 0}
    with open(balancer.error_log) as f:
        for line in f:
            if "[error]" in line:
                kinds["refused" if "connect() failed (111" in line else
                      "lost" if ("prematurely closed" in line or "reset by peer" in line or "Broken pipe" in line)
                      else "other"] += 1
    retried = sum(1 for e in balancer.log_entries() if len(e["upstreams"]) > 1)
    total_errors = result["non2xx"] + result["connect"] + result["read"] + result["write"] + result["timeout"]
    print(f"- Through nginx, 3 replicas, each restarted by SIGTERM (drain_delay 1 s) during {duration} s: "
          f"{result['requests']:,.0f} requests, {total_errors} failed at the client; nginx retried {retried} on "
          f"another replica: {kinds['refused']} refused connects, {kinds['lost']} requests lost on an open "
          f"keep-alive connection, {kinds['other']} other.")

    # (b) Directly on one replica, no balancer, SIGTERM after 1 s, drain_delay 0.5 s.
    outcomes = []
    for attempt in range(3):
        port = free_port()
        r = Replica(binary, 9, port, os.path.join(ROOT, "seeds"), os.path.join(WORK, "direct.log"),
                    {"access_log": False, "drain_delay": 0.5, "shutdown_grace": 10})
        r.start()
        r.wait_ready()
        result = {}
        runner = threading.Thread(target=lambda: result.update(wrk_at(port, PATHS["actor"], 3)))
        runner.start()
        time.sleep(1)
        code = r.stop(signal.SIGTERM)
        runner.join(timeout=30)
        outcomes.append((result, code))
    for result, code in outcomes:
        print(f"- Directly, one replica, SIGTERM after 1 s of a 3 s wrk run (drain_delay 0.5 s): "
              f"{result['requests']:,.0f} requests answered, {result['read']} lost on an open connection "
              f"(wrk's read errors), {result['write'] + result['connect']} connects refused after the listener closed "
              f"(wrk counts them as write errors), {result['non2xx']} non-2xx; exit {code}.")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "lattice"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--sections", default="scaling,drain")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    sections = args.sections.split(",")
    print(f"Machine: {os.cpu_count()} CPUs, {os.uname().release}; binary {args.binary}")
    if "scaling" in sections:
        scaling(args.binary, args.rounds, args.seconds)
    if "drain" in sections:
        drain(args.binary, args.seconds)


if __name__ == "__main__":
    main()
