#!/usr/bin/env python3
"""Lattice benchmarks: throughput and latency against peers (Hummingbird 2, nginx) and
against the floor of each event design (Benchmarks/Floor) in one run with the servers
interleaved, memory, startup, and scaling to the 1,000x seeds. Prints a Markdown report.
Run through Benchmarks/run.sh, which builds what it needs.

  bench.py --lattice BIN --peer BIN --floor BIN --seeds DIR --big-seeds DIR [--runs 3] [--duration 10]
           [--baseline BIN]

--baseline adds another Lattice build (say, main before a change) to the interleaved rounds
and the memory table, as "lattice (baseline)": the only fair before/after on a shared machine.

Every server is started as a child of this script, in its session. That matters here: with
kernel.sched_autogroup_enabled, a server that calls setsid (nginx with `daemon on`) is
scheduled as its own group against wrk's, which changes how the shared CPUs are split.
"""
import argparse
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
from lattice_harness import ROOT, Lattice, Server, free_port, wrk  # noqa: E402


def started(server):
    """Starts a harness Server and waits for it; its startup time is `ready_seconds`."""
    server.start()
    server.ready_seconds = server.require_ready(timeout=60, interval=0.001)
    return server


def start_lattice(name, binary, seeds, access_log=False):
    """A Lattice server on a free port, serving `seeds`, its access log on or off."""
    return started(Lattice(binary, {"seeds": seeds, "access_log": access_log}, name=name))


class Nginx(Server):
    """nginx-light, one worker, serving the identical bytes from a file. It runs in the
    foreground (`daemon off`), in this script's session like every other server."""

    def __init__(self, body, port, access_log=False):
        self.dir = tempfile.mkdtemp(prefix="bench-nginx-")
        os.makedirs(f"{self.dir}/www/v1/actors")
        open(f"{self.dir}/www/v1/actors/japan", "wb").write(body)
        open(f"{self.dir}/www/readyz", "w").write("ready")
        config = open(os.path.join(HERE, "nginx.conf")).read()
        if access_log:  # nginx's default format, to a file
            config = config.replace("access_log off;", "access_log @DIR@/access.log;")
        config = config.replace("@DIR@", self.dir).replace("@PORT@", str(port))
        open(f"{self.dir}/nginx.conf", "w").write(config)
        # With master_process off there is one process: the worker.
        super().__init__(["nginx", "-c", f"{self.dir}/nginx.conf", "-p", self.dir], port,
                         name="nginx, access log on" if access_log else "nginx")
        started(self)

    def stop(self):
        code = super().stop()
        shutil.rmtree(self.dir, ignore_errors=True)
        return code


def median(results, key):
    return statistics.median(r[key] for r in results)


def measure_rss_during(server, seconds):
    samples = []

    def sample():
        end = time.time() + seconds
        while time.time() < end:
            samples.append(server.rss_mb())
            time.sleep(0.2)

    thread = threading.Thread(target=sample)
    thread.start()
    return thread, samples


def idle_connections(port, count=10_000):
    """Keep-alive connections that made one request each and stay open. (One that never
    sends a byte would stay in the kernel where the listener defers accept, as Lattice's does.)"""
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /v1/actors/japan HTTP/1.1\r\nHost: bench\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += s.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
        while len(body) < length:
            body += s.recv(65536)
        sockets.append(s)
    return sockets


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lattice", required=True)
    parser.add_argument("--peer", required=True)
    parser.add_argument("--floor", required=True, help="Benchmarks/Floor's binary")
    parser.add_argument("--seeds", default=os.path.join(ROOT, "seeds"))
    parser.add_argument("--big-seeds", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--baseline", help="another lattice binary, measured in the same rounds")
    parser.add_argument("--sections", default="peers,startup,scaling",
                        help="comma-separated: peers (throughput, shapes, memory), startup, scaling")
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    report = []
    out = lambda line="": (report.append(line), print(line, flush=True))

    out(f"Machine: {os.cpu_count()} CPUs ({open('/proc/cpuinfo').read().split('model name')[1].split(':')[1].splitlines()[0].strip()}), "
        f"{subprocess.run(['uname', '-r'], capture_output=True, text=True).stdout.strip()}; wrk -t2 on the same machine; "
        f"{args.runs} runs x {args.duration} s, servers interleaved; medians.")
    out()

    if "peers" in sections:
        peers(args, out)
    if "startup" in sections:
        startup(args, out)
    if "scaling" in sections:
        scaling(args, out)
    open(os.path.join(HERE, "results.md"), "w").write("\n".join(report) + "\n")
    print(f"\nwritten to {os.path.join(HERE, 'results.md')}")


def peers(args, out):
    peer_port, nginx_port = free_port(), free_port()
    lattice = start_lattice("lattice", args.lattice, args.seeds)
    lattice_port = lattice.port
    body = urllib.request.urlopen(f"http://127.0.0.1:{lattice_port}/v1/actors/japan").read()
    body_file = tempfile.NamedTemporaryFile(prefix="bench-body-", suffix=".json", delete=False)
    body_file.write(body)
    body_file.close()
    peer = started(Server([args.peer, str(peer_port), body_file.name], peer_port, name="hummingbird"))
    nginx = Nginx(body, nginx_port)
    floors = [started(Server([args.floor, design, str(port), body_file.name], port, name=f"floor ({design})"))
              for design, port in [("dispatch", free_port()), ("hybrid", free_port()), ("epoll", free_port())]]
    servers = [lattice, peer, nginx] + floors
    baseline = None
    if args.baseline:
        baseline = start_lattice("lattice (baseline)", args.baseline, args.seeds)
        servers.insert(1, baseline)
    for server in servers:
        served = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/v1/actors/japan").read()
        assert served == body, f"{server.name} serves different bytes"
    idle = {server.name: server.rss_mb() for server in servers}

    # Throughput and latency, single resource, interleaved.
    shapes = [("keep-alive, 64 connections", 64, False), ("keep-alive, 512 connections", 512, False),
              ("one request per connection, 64 concurrent", 64, True)]
    results = {(shape, server.name): [] for shape, _, _ in shapes for server in servers}
    under_load = {server.name: 0.0 for server in servers}
    for run in range(args.runs):
        for shape, connections, close in shapes:
            for server in servers:
                sampler, samples = measure_rss_during(server, args.duration)
                results[(shape, server.name)].append(
                    wrk(f"http://127.0.0.1:{server.port}/v1/actors/japan", connections, args.duration, close=close))
                sampler.join()
                under_load[server.name] = max(under_load[server.name], max(samples or [0]))
                time.sleep(1)
    out(f"### Single resource (`GET /v1/actors/japan`, {len(body)} bytes of JSON)")
    out()
    out("Floors: `Benchmarks/Floor` answers every request with the same bytes and does no other HTTP work "
        "— `dispatch` with a Dispatch read source per connection (one serial queue per core; Lattice's design "
        "before the event layer was reworked), `hybrid` with one Dispatch read source per queue on that queue's own epoll set "
        "(Lattice's design since), `epoll` with an epoll loop per thread. They show what each design costs "
        "before any real work.")
    out()
    out("| shape | server | req/s | p50 ms | p99 ms | errors | Lattice ÷ server |")
    out("|---|---|---:|---:|---:|---:|---:|")
    for shape, _, _ in shapes:
        lattice_rps = median(results[(shape, "lattice")], "rps")
        for server in servers:
            r = results[(shape, server.name)]
            ratio = "" if server is lattice else f"{lattice_rps / median(r, 'rps'):.2f}×"
            out(f"| {shape} | {server.name} | {median(r, 'rps'):,.0f} | {median(r, 'p50'):.2f} | {median(r, 'p99'):.2f} | "
                f"{sum(x['errors'] for x in r)} | {ratio} |")
    out()

    # Access logs on for both: Lattice as shipped (one text line per request to standard
    # error, redirected to a file), nginx's default access_log to a file.
    logged = []
    for name, binary in [("lattice", args.lattice)] + ([("lattice (baseline)", args.baseline)] if args.baseline else []):
        logged.append(start_lattice(f"{name}, access log on", binary, args.seeds, access_log=True))
    logged.append(Nginx(body, free_port(), access_log=True))
    logged_results = {server.name: [] for server in logged}
    for run in range(args.runs):
        for server in logged:
            logged_results[server.name].append(wrk(f"http://127.0.0.1:{server.port}/v1/actors/japan", 64, args.duration))
            time.sleep(1)
    out("### Access logs on (keep-alive, 64 connections)")
    out()
    out("| server | req/s | p50 ms | p99 ms | errors | Lattice ÷ server |")
    out("|---|---:|---:|---:|---:|---:|")
    lattice_logged = median(logged_results[logged[0].name], "rps")
    for server in logged:
        r = logged_results[server.name]
        ratio = "" if server is logged[0] else f"{lattice_logged / median(r, 'rps'):.2f}×"
        out(f"| {server.name} | {median(r, 'rps'):,.0f} | {median(r, 'p50'):.2f} | {median(r, 'p99'):.2f} | "
            f"{sum(x['errors'] for x in r)} | {ratio} |")
    out()
    for server in logged:
        server.stop()

    # Lattice's other shapes.
    other = [("filtered collection", "/v1/statements?about=asian-nato&limit=50"), ("search", "/v1/search?q=nato"),
             ("graph", "/v1/graph"), ("graph around a focus", "/v1/graph?focus=japan")]
    out("### Other shapes (Lattice, keep-alive, 64 connections)")
    out()
    out("| shape | request | bytes | req/s | p50 ms | p99 ms |")
    out("|---|---|---:|---:|---:|---:|")
    for name, path in other:
        size = len(urllib.request.urlopen(f"http://127.0.0.1:{lattice_port}{path}").read())
        runs = [wrk(f"http://127.0.0.1:{lattice_port}{path}", 64, args.duration) for _ in range(args.runs)]
        out(f"| {name} | `{path}` | {size:,} | {median(runs, 'rps'):,.0f} | {median(runs, 'p50'):.2f} | {median(runs, 'p99'):.2f} |")
    out()

    # Memory, and latency with 10,000 idle connections open.
    out("### Memory (resident set)")
    out()
    out("| server | idle | under load (max while benchmarked) | with 10,000 idle keep-alive connections | normal requests meanwhile: p50 / p99 ms |")
    out("|---|---:|---:|---:|---:|")
    for server in [lattice] + ([baseline] if baseline else []) + [peer, nginx]:
        sockets = idle_connections(server.port)
        time.sleep(2)
        with_idle = server.rss_mb()
        meanwhile = wrk(f"http://127.0.0.1:{server.port}/v1/actors/japan", 16, 5)
        for s in sockets:
            s.close()
        out(f"| {server.name} | {idle[server.name]:.1f} MB | {under_load[server.name]:.1f} MB | {with_idle:.1f} MB | "
            f"{meanwhile['p50']:.2f} / {meanwhile['p99']:.2f} |")
        time.sleep(2)
    out()
    for server in servers:
        server.stop()


def startup(args, out):
    startups = []
    for _ in range(5):
        server = start_lattice("lattice-startup", args.lattice, args.seeds)
        startups.append(server.ready_seconds * 1000)
        server.stop()
    out(f"### Startup\n\nProcess start to the first 200 from `/readyz` on the bundled seeds: median {statistics.median(startups):.0f} ms "
        f"(runs: {', '.join(f'{s:.0f}' for s in startups)} ms).")
    out()


def scaling(args, out):
    # The same queries on the bundled seeds and on the 1,000x seeds (which include them).
    big = start_lattice("lattice-1000x", args.lattice, args.big_seeds)
    port = big.port
    deadline = time.time() + 5  # log lines are flushed within 100 ms
    while not re.search(r"load_ms=(\d+)", big.log_text()) and time.time() < deadline:
        time.sleep(0.05)
    load_ms = int(re.search(r"load_ms=(\d+)", big.log_text()).group(1))
    counts = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/v1").read())["counts"]
    peak = big.rss_mb("VmHWM")
    small = start_lattice("lattice-1x", args.lattice, args.seeds)
    small_port = small.port
    hub = json.load(open(os.path.join(args.big_seeds, "annotations", "doc-00001.json")))["actors"][0]["id"]
    out(f"### Scaling to the 1,000x seeds\n\n{counts['documents']:,} documents, {counts['actors']:,} actors, {counts['alliances']:,} alliances, "
        f"{counts['relations']:,} relations, {counts['statements']:,} statements (`lattice generate-seeds --scale 1000 --include-real seeds`). "
        f"Loaded, verified and rendered in {load_ms:,} ms (ready {big.ready_seconds * 1000:,.0f} ms after start); "
        f"peak resident set {peak:.0f} MB, {big.rss_mb():.0f} MB after loading.")
    out()
    out("| query | bundled seeds: req/s (µs per request) | 1,000x seeds: req/s (µs per request) | cost ratio |")
    out("|---|---:|---:|---:|")
    queries = ["/v1/actors/japan", "/v1/statements?about=asian-nato&limit=50", "/v1/statements?speaker=ying-yu-lin&mode=direct",
               "/v1/relations?actor=south-korea&kind=territorial_dispute", "/v1/search?q=nato&limit=10", "/v1/graph?focus=japan"]
    for path in queries:
        a = [wrk(f"http://127.0.0.1:{small_port}{path}", 64, args.duration) for _ in range(args.runs)]
        b = [wrk(f"http://127.0.0.1:{port}{path}", 64, args.duration) for _ in range(args.runs)]
        ra, rb = median(a, "rps"), median(b, "rps")
        out(f"| `{path}` | {ra:,.0f} ({1e6 / ra:.1f}) | {rb:,.0f} ({1e6 / rb:.1f}) | {ra / rb:.2f}× |")
    hub_path = f"/v1/statements?about={hub}&limit=50"
    total = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}{hub_path}").read())["meta"]["total"]
    h = [wrk(f"http://127.0.0.1:{port}{hub_path}", 64, args.duration) for _ in range(args.runs)]
    out(f"| hub: `/v1/statements?about={hub}&limit=50` ({total:,} matches) | — | {median(h, 'rps'):,.0f} ({1e6 / median(h, 'rps'):.1f}) | — |")
    out()
    big.stop()
    small.stop()


if __name__ == "__main__":
    main()
