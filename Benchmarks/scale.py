#!/usr/bin/env python3
"""The scale table: for each seeds folder, what an operator sizes a pod by.

    python3 Benchmarks/scale.py BINARY SEEDS [SEEDS ...] [--seconds 3] [--connections 32]

Per folder, one server (access log off, log level error, no explorer, as every benchmark
here), started on its own:
  - load: time from start to /readyz 200, peak resident set during the load (VmHWM), the
    steady resident set 2 s after ready, and bytes per record (steady / records);
  - reload: SIGHUP with the peak reset first (/proc/PID/clear_refs), time until the reload
    counter moves, its peak (VmHWM) and the resident set after, and the peak over steady;
  - throughput: wrk --latency (2 threads, 32 connections, 3 s) req/s and p99 of a record by
    id, a filtered page, a common and a rare search word, a deep offset, a CSV page and a
    50-actor cohesion.
Prints a Markdown table row per folder. Figures from one run on a shared machine: compare
rows of one run, not runs.
"""
import argparse
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from lattice_harness import Lattice, request, wrk  # noqa: E402


def get_json(server, path):
    status, _, body = request(server.port, path, timeout=30)
    if status != 200:
        raise SystemExit(f"{path}: status {status}")
    return json.loads(body)


def records(server):
    total = 0
    for kind in ("actors", "alliances", "relations", "statements", "documents"):
        total += get_json(server, f"/v1/{kind}?limit=1")["meta"]["total"]
    return total


def shapes(server):
    """The query shapes, with parameters read from the dataset being served."""
    statements = get_json(server, "/v1/statements?limit=1")["meta"]["total"]
    actors = [a["id"] for a in get_json(server, "/v1/actors?limit=50")["data"]]
    return [
        ("by id", "/v1/actors/japan"),
        ("filtered page", "/v1/relations?kind=territorial_dispute&limit=20"),
        ("search, common word", "/v1/search?q=security&limit=20"),
        ("search, rare word", "/v1/search?q=kursk&limit=20"),
        ("deep offset", f"/v1/statements?offset={max(0, statements * 9 // 10)}&limit=20"),
        ("CSV page", "/v1/actors?format=csv&limit=100"),
        ("cohesion, 50 actors", "/v1/analysis/cohesion?actors=" + ",".join(actors)),
    ]


def measure(binary, seeds, seconds, connections):
    server = Lattice(binary, {"seeds": seeds, "access_log": False, "log_level": "error", "explorer": ""})
    started = time.monotonic()
    server.start()
    peak = 0
    while True:
        try:
            status, _, _ = request(server.port, "/readyz", timeout=1)
            if status == 200:
                break
        except OSError:
            pass
        if not server.running():
            raise SystemExit(f"{seeds}: lattice exited during the load:\n{server.log_text()}")
        peak = max(peak, server.rss_kb("VmHWM") or 0)
        time.sleep(0.02)
    ready = time.monotonic() - started
    time.sleep(2)
    steady = server.rss_kb("VmRSS")
    peak = max(peak, server.rss_kb("VmHWM"))
    count = records(server)

    before = server.metric("lattice_dataset_reloads_total", 'outcome="success"')
    with open(f"/proc/{server.pid}/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current resident set
    started = time.monotonic()
    server.send_signal(signal.SIGHUP)
    while server.metric("lattice_dataset_reloads_total", 'outcome="success"') <= before:
        time.sleep(0.02)
    reload_time = time.monotonic() - started
    reload_peak = server.rss_kb("VmHWM")
    time.sleep(1)
    after_reload = server.rss_kb("VmRSS")

    results = []
    for name, path in shapes(server):
        result = wrk(server.base + path, connections=connections, seconds=seconds, threads=2)
        if result["errors"]:
            raise SystemExit(f"{seeds} {path}: {result['errors']} errors\n{result['raw']}")
        results.append((name, result["rps"], result["p99"]))
    server.stop()
    return {"seeds": seeds, "records": count, "ready": ready, "peak": peak, "steady": steady,
            "per_record": steady * 1024 / count, "reload": reload_time, "reload_peak": reload_peak,
            "after_reload": after_reload, "shapes": results}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("seeds", nargs="+")
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    rows = [measure(args.binary, seeds, args.seconds, args.connections) for seeds in args.seeds]
    mb = lambda kb: f"{kb / 1024:,.0f} MB"  # noqa: E731
    print("| seeds | records | ready | steady RSS | peak (load) | bytes/record | reload | reload peak (× steady) | RSS after reload |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['seeds']} | {r['records']:,} | {r['ready']:.2f} s | {mb(r['steady'])} | {mb(r['peak'])} | "
              f"{r['per_record']:,.0f} | {r['reload']:.2f} s | {mb(r['reload_peak'])} ({r['reload_peak'] / r['steady']:.2f}×) | "
              f"{mb(r['after_reload'])} |")
    print()
    names = [name for name, _, _ in rows[0]["shapes"]]
    print("| seeds | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for r in rows:
        print(f"| {r['seeds']} | " + " | ".join(f"{rps:,.0f} req/s, p99 {p99:.2f} ms" for _, rps, p99 in r["shapes"]) + " |")


if __name__ == "__main__":
    main()
