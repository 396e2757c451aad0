#!/usr/bin/env python3
"""Hardening figures (bounded query work, and memory across failed reloads) for one or two lattice binaries on one seeds folder:
the cost of repeated search words and filter values and of the gzipped whole graph, and the
resident set through failed reloads of a 56 MB invalid file and a burst of 50 SIGHUPs.

    Benchmarks/hardening.py BEFORE_BINARY AFTER_BINARY SEEDS   (either binary may be "-")

The servers run from the repository root (the explorer folder is found there); SEEDS is
the caller's path. Loopback only; every loop is bounded."""
import os, sys, time, signal, http.client, statistics, shutil
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
from lattice_harness import Lattice  # noqa: E402

def start(binary, seeds, log):
    open(log, "w").close()  # this run's lines only
    server = Lattice(binary, {"seeds": os.path.abspath(seeds), "access_log": False, "log_level": "info"}, log=log, name="server").start()
    server.require_ready(timeout=30, interval=0.05)
    return server, server.port

def timed(port, path, headers={}, n=15):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    status = None
    for _ in range(n):
        t = time.perf_counter(); c.request("GET", path, headers=headers); r = c.getresponse(); r.read(); times.append(time.perf_counter() - t); status = r.status
    return statistics.median(times) * 1000, status

def run(name, binary, seeds):
    print(f"== {name}")
    p, port = start(binary, seeds, f"/tmp/measure-{name}.log")
    q = "+".join(["a"] * 100)
    ms, st = timed(port, f"/v1/search?q={q}"); print(f"query work: search with 100 repeated words: {ms:.2f} ms (status {st})")
    ms, st = timed(port, "/v1/search?q=a"); print(f"query work: search for one word 'a': {ms:.2f} ms (status {st})")
    kinds = ",".join(["state"] * 1300)
    ms, st = timed(port, f"/v1/actors?kind={kinds}&limit=1"); print(f"query work: kind= with 1,300 repeated values: {ms:.2f} ms (status {st})")
    ms, st = timed(port, "/v1/graph", {"Accept-Encoding": "gzip"}); print(f"query work: whole graph gzipped, median of 15: {ms:.2f} ms (status {st})")
    p.stop(timeout=60)
    # failed reloads with a 56 MB invalid file, and 50 SIGHUPs in a second
    folder = f"/tmp/measure-seeds-{name}"
    shutil.rmtree(folder, ignore_errors=True); shutil.copytree(seeds, folder)
    p, port = start(binary, folder, f"/tmp/measure-{name}-reload.log")
    before = p.rss_mb()
    with open(f"{folder}/zz-huge.json", "w") as f:
        f.write('{"document": "ecci-unlikelihood-of-an-asian-nato", "actors": [' + ",".join(['{"id": "x%d", "name": "%s"}' % (i, "y" * 40) for i in range(800000)]) + ", oops")
    size = os.path.getsize(f"{folder}/zz-huge.json") / 1e6
    samples = []
    logfile = f"/tmp/measure-{name}-reload.log"
    for i in range(8):
        count = open(logfile).read().count("reload failed")
        p.send_signal(signal.SIGHUP)
        for _ in range(600):
            if open(logfile).read().count("reload failed") > count: break
            time.sleep(0.05)
        time.sleep(0.3)
        samples.append(p.rss_mb())
    print(f"failed reloads: {size:.0f} MB invalid file, 8 failed reloads: RSS {before:.0f} MB before, after each: " + ", ".join(f"{s:.0f}" for s in samples) + " MB")
    os.remove(f"{folder}/zz-huge.json")
    time.sleep(1)
    text = open(logfile).read()
    done_before = text.count("reloaded seeds") + text.count("reload failed")
    t = time.time()
    for i in range(50):
        p.send_signal(signal.SIGHUP); time.sleep(0.02)
    time.sleep(1)
    last = -1
    while True:
        text = open(logfile).read(); n = text.count("reloaded seeds") + text.count("reload failed")
        if n == last: break
        last = n; time.sleep(2)
    print(f"failed reloads: 50 SIGHUPs in {time.time() - t - 2:.1f} s ran {last - done_before} reloads; RSS after {p.rss_mb():.0f} MB")
    p.stop(timeout=60)
    shutil.rmtree(folder, ignore_errors=True)

for name, binary in [("before", sys.argv[1]), ("after", sys.argv[2])]:
    if binary == "-": continue
    run(name, binary, sys.argv[3])
