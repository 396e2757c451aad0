#!/usr/bin/env python3
"""Hardening figures (bounded query work, and memory across failed reloads) for one or two lattice binaries on one seeds folder:
the cost of repeated search words and filter values and of the gzipped whole graph, and the
resident set through failed reloads of a 56 MB invalid file and a burst of 50 SIGHUPs.

    Benchmarks/hardening.py BEFORE_BINARY AFTER_BINARY SEEDS   (either binary may be "-")

Run it from the repository root (the explorer folder is found there). Loopback only;
every loop is bounded."""
import os, subprocess, sys, time, signal, socket, http.client, statistics, shutil

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def start(binary, seeds, log):
    port = free_port()
    p = subprocess.Popen([binary, "serve", "--port", str(port), "--seeds", seeds, "--access-log", "false", "--log-level", "info"],
                         stdout=open(log, "w"), stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30); c.request("GET", "/readyz"); r = c.getresponse(); r.read()
            if r.status == 200: return p, port
        except Exception: pass
        time.sleep(0.05)
    raise SystemExit("server did not start")

def timed(port, path, headers={}, n=15):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    status = None
    for _ in range(n):
        t = time.perf_counter(); c.request("GET", path, headers=headers); r = c.getresponse(); r.read(); times.append(time.perf_counter() - t); status = r.status
    return statistics.median(times) * 1000, status

def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"): return int(line.split()[1]) / 1024
    return 0

def run(name, binary, seeds):
    print(f"== {name}")
    p, port = start(binary, seeds, f"/tmp/measure-{name}.log")
    q = "+".join(["a"] * 100)
    ms, st = timed(port, f"/v1/search?q={q}"); print(f"query work: search with 100 repeated words: {ms:.2f} ms (status {st})")
    ms, st = timed(port, "/v1/search?q=a"); print(f"query work: search for one word 'a': {ms:.2f} ms (status {st})")
    kinds = ",".join(["state"] * 1300)
    ms, st = timed(port, f"/v1/actors?kind={kinds}&limit=1"); print(f"query work: kind= with 1,300 repeated values: {ms:.2f} ms (status {st})")
    ms, st = timed(port, "/v1/graph", {"Accept-Encoding": "gzip"}); print(f"query work: whole graph gzipped, median of 15: {ms:.2f} ms (status {st})")
    p.send_signal(signal.SIGTERM); p.wait()
    # failed reloads with a 56 MB invalid file, and 50 SIGHUPs in a second
    folder = f"/tmp/measure-seeds-{name}"
    shutil.rmtree(folder, ignore_errors=True); shutil.copytree(seeds, folder)
    p, port = start(binary, folder, f"/tmp/measure-{name}-reload.log")
    before = rss(p.pid)
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
        samples.append(rss(p.pid))
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
    print(f"failed reloads: 50 SIGHUPs in {time.time() - t - 2:.1f} s ran {last - done_before} reloads; RSS after {rss(p.pid):.0f} MB")
    p.send_signal(signal.SIGTERM); p.wait()
    shutil.rmtree(folder, ignore_errors=True)

for name, binary in [("before", sys.argv[1]), ("after", sys.argv[2])]:
    if binary == "-": continue
    run(name, binary, sys.argv[3])
