#!/usr/bin/env python3
"""Three Lattice replicas behind Debian's nginx (deploy/replicas/lattice.conf, the operators'
example, with its ports rewritten), all on 127.0.0.1, under a bounded load from keep-alive
client threads. Checks, in one run:

1. consistency: every replica answers the same requests with byte-identical bodies and the
   same ETag, and an ETag from one replica gets 304 from the others and through nginx;
2. rolling restart: SIGTERM each replica in turn under load, restart it, wait until it is
   ready and nginx routes to it again: no failed client request;
3. crash: SIGKILL one replica under load, restart it at once (as a supervisor would):
   failed client requests (target zero) and the time until it serves again;
4. seed rollout: a changed seeds folder, SIGHUP one replica at a time: every response
   carries one dataset version (body and ETag agree); then a folder with an error is
   refused by every replica (log line and reload failure metric) and nothing changes.

Prints the figures; exits 1 if any check failed. Runs in about 30 s.
Usage: scripts/replicas_test.py [path/to/lattice]
"""
import gzip
import http.client
import json
import os
import random
import re
import shutil
import signal
import sys
import threading
import time

from checks import BINARY, ROOT, check, failures, finish
from lattice_harness import free_port, free_ports, request
from topology import Balancer, Replica, fnv1a

WORK = os.path.join(ROOT, ".build", "replicas")
DRAIN_DELAY = 1.0
GRACE = 10.0
LOAD_THREADS = 8
LOAD_LIMIT = 100.0  # seconds: the load stops by itself even if this script hangs

DOCUMENT = "ecci-unlikelihood-of-an-asian-nato"
CONSISTENCY_PATHS = [
    "/v1", "/v1/actors?limit=1", "/v1/actors/japan", "/v1/actors/seoul", "/v1/alliances/quad",
    "/v1/alliances?status=proposed&format=csv", "/v1/statements?about=asian-nato",
    "/v1/relations?actor=south-korea", "/v1/search?q=nato", "/v1/graph", "/v1/graph?focus=japan",
    f"/v1/documents/{DOCUMENT}", f"/v1/documents/{DOCUMENT}/text", "/v1/export", "/openapi.json",
    "/v1/actors/nobody", "/v1/actors?kind=country",
]

# What the load asks for, and how each answer is checked:
#   resource: ETag is the content hash of the body (so body and ETag are one version);
#   collection: the ETag starts with the body's meta.dataset_version;
#   index: both (the index body names the dataset version, its ETag is a content hash).
LOAD = [
    ("/v1/actors/japan", "resource", False),
    ("/v1/alliances/quad", "resource", False),
    ("/v1/statements/lin-rather-share-intelligence", "resource", False),
    ("/v1", "index", False),
    ("/v1/actors?limit=1", "collection", False),
    ("/v1/actors?limit=1", "collection", False),
    ("/v1/statements?about=asian-nato&limit=50", "collection", False),
    ("/v1/search?q=nato&limit=5", "collection", False),
    ("/v1/relations?actor=south-korea", "collection", False),
    ("/v1/actors?limit=20", "collection", True),  # gzip
    ("/v1/actors/japan", "conditional", False),
]

VERSION_IN_BODY = re.compile(rb'"dataset_version":"([0-9a-f]+)"')


class Load:
    """LOAD_THREADS client threads, each on its own keep-alive connection to nginx,
    reconnecting after any error. Every request is recorded with the phase it began in."""

    def __init__(self, port):
        self.port = port
        self.phase = "warm-up"
        self.stop_event = threading.Event()
        self.results = []  # (start, end, phase, path, outcome, version); list.append is atomic
        self.known_etags = {}
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True) for i in range(LOAD_THREADS)]

    def start(self):
        self.deadline = time.monotonic() + LOAD_LIMIT
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=10)

    def run(self, index):
        rng = random.Random(index)
        connection = None
        while not self.stop_event.is_set() and time.monotonic() < self.deadline:
            path, kind, compressed = LOAD[rng.randrange(len(LOAD))]
            headers = {"Accept-Encoding": "gzip" if compressed else "identity"}
            if kind == "conditional" and path in self.known_etags:
                headers["If-None-Match"] = self.known_etags[path]
            phase, started = self.phase, time.time()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                status, etag = response.status, response.getheader("ETag", "")
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except Exception as error:  # a failed client request, whatever the reason
                self.results.append((started, time.time(), phase, path, f"error: {type(error).__name__}: {error}", None))
                if connection is not None:
                    connection.close()
                connection = None
                continue
            outcome, version = self.judge(path, kind, compressed, status, etag, body)
            self.results.append((started, time.time(), phase, path, outcome, version))

    def judge(self, path, kind, compressed, status, etag, body):
        if kind == "conditional":
            if status == 304:
                return "ok", None
            if status == 200 and etag == fnv1a(body):
                self.known_etags[path] = etag
                return "ok", None
            return f"status {status}", None
        if status != 200:
            return f"status {status}", None
        if compressed:
            try:
                body = gzip.decompress(body)
            except OSError:
                return "mixed: bad gzip", None
        version = None
        if kind in ("collection", "index"):
            match = VERSION_IN_BODY.search(body)
            if not match:
                return "mixed: no dataset_version in body", None
            version = match.group(1).decode()
        if kind in ("resource", "index") and etag != fnv1a(body):
            return f"mixed: ETag {etag} is not the body's hash", version
        if kind == "collection" and not etag.startswith(f'"{version}-'):
            return f"mixed: ETag {etag} with body version {version}", version
        return "ok", version

    def summary(self, phase):
        rows = [r for r in self.results if r[2] == phase]
        bad = [r for r in rows if r[4] != "ok"]
        latencies = sorted(r[1] - r[0] for r in rows if r[4] == "ok")
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0
        span = (max(r[1] for r in rows) - min(r[0] for r in rows)) if rows else 0
        return rows, bad, p99, span


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.01)
    return False


def report_phase(load, phase, what):
    rows, bad, p99, span = load.summary(phase)
    errors = [r for r in bad if r[4].startswith("error") or r[4].startswith("status")]
    mixed = [r for r in bad if r[4].startswith("mixed")]
    rate = len(rows) / span if span else 0
    print(f"     {phase}: {len(rows)} requests in {span:.1f} s ({rate:,.0f}/s), "
          f"{len(errors)} failed, {len(mixed)} mixed, p99 {p99:.1f} ms")
    for r in bad[:5]:
        print(f"       {r[3]}: {r[4]}")
    check(len(errors) == 0, f"{what}: {len(errors)} failed client requests")
    check(len(mixed) == 0, f"{what}: {len(mixed)} responses mixing dataset versions")
    return rows


def consistency(replicas, balancer):
    print("\n-- 1. consistency across replicas")
    identical, etags = True, {}
    for path in CONSISTENCY_PATHS:
        for encoding in ("identity", "gzip"):
            answers = [r.get(path, {"Accept-Encoding": encoding}) for r in replicas]
            first = answers[0]
            same = all(a[0] == first[0] and a[2] == first[2] and a[1].get("etag") == first[1].get("etag")
                       and a[1].get("content-type") == first[1].get("content-type") for a in answers)
            if not same:
                identical = False
                print(f"     differs: {path} ({encoding}): {[(a[0], a[1].get('etag'), len(a[2])) for a in answers]}")
            if first[0] == 200:
                etags[(path, encoding)] = first[1].get("etag")
    check(identical, f"{len(CONSISTENCY_PATHS)} requests x 2 encodings: byte-identical bodies and ETags from all 3 replicas")
    check(all(etags.values()), f"every 200 has an ETag ({len(etags)} checked)")
    # An ETag from replica i gets 304 from replica i+1, directly.
    cross = [replicas[(i + 1) % 3].get(path, {"Accept-Encoding": enc, "If-None-Match": tag})[0]
             for i, ((path, enc), tag) in enumerate(etags.items())]
    check(all(s == 304 for s in cross), f"an ETag from one replica gets 304 from another ({cross.count(304)}/{len(cross)})")
    # ... and through nginx, whichever replica it picks: six in a row cover all three.
    tag = etags[("/v1/actors/japan", "identity")]
    statuses = [request(balancer.port, "/v1/actors/japan",
                        {"If-None-Match": tag, "X-Request-Id": f"consistency-{i}"})[0] for i in range(6)]
    time.sleep(0.2)
    served_by = {e["upstreams"][-1] for e in balancer.log_entries() if e["id"].startswith("consistency-")}
    check(statuses == [304] * 6, f"through nginx, an ETag from replica 1 gets 304: {statuses}")
    check(len(served_by) == 3, f"... answered by {len(served_by)} different replicas: {sorted(served_by)}")
    tag = etags[("/v1/actors?limit=1", "identity")]
    check(tag.startswith('"') and re.match(r'"[0-9a-f]{16}-', tag) is not None,
          f"collection ETags embed the dataset version: {tag}")


def rolling_restart(replicas, load):
    print(f"\n-- 2. rolling restart under load (SIGTERM, drain_delay {DRAIN_DELAY:g} s, shutdown_grace {GRACE:g} s)")
    load.phase = "rolling restart"
    for replica in replicas:
        sent = time.monotonic()
        replica.proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        readyz = request(replica.port, "/readyz")[0]
        try:
            code = replica.proc.wait(timeout=DRAIN_DELAY + GRACE + 5)
        except Exception:
            code = None
        exited = time.monotonic() - sent
        replica.start()
        ready = replica.wait_ready()
        routed = wait_until(lambda: replica.served_api_requests() > 0, 15)
        serving = time.monotonic() - sent
        print(f"     {replica.name}: /readyz {readyz} while draining; exit {code} after {exited:.2f} s; "
              f"restarted, ready in {(ready or 0) * 1000:.0f} ms; serving through nginx {serving:.2f} s after SIGTERM")
        check(readyz == 503 and code == 0 and ready is not None and routed,
              f"{replica.name}: drained (readyz 503), exited 0, came back ready and routed")
    time.sleep(0.3)
    return report_phase(load, "rolling restart", "rolling restart")


def crash(replicas, load):
    print("\n-- 3. crash: SIGKILL one replica under load, restarted at once")
    load.phase = "crash"
    time.sleep(0.5)
    replica = replicas[1]
    killed = time.monotonic()
    replica.proc.kill()
    replica.proc.wait(timeout=5)
    replica.start()
    ready = replica.wait_ready()
    routed = wait_until(lambda: replica.served_api_requests() > 0, 15)
    serving = time.monotonic() - killed
    print(f"     {replica.name}: ready {((ready or 0) * 1000):.0f} ms after restart; "
          f"serving through nginx {serving:.2f} s after SIGKILL (nginx's fail_timeout is 3 s)")
    check(ready is not None and routed, f"{replica.name} serves again after a crash ({serving:.2f} s)")
    time.sleep(0.3)
    return report_phase(load, "crash", "crash"), serving


ROLLOUT_FILE = {"document": DOCUMENT, "actors": [{
    "id": "replicas-rollout-actor", "name": "Replicas Rollout", "kind": "organization", "region": "global",
    "summary": "Added by scripts/replicas_test.py.", "evidence": ["rolled into Kyiv"]}]}


def rollout(replicas, load):
    print("\n-- 4. seed rollout: a changed seeds folder, SIGHUP one replica at a time")
    load.phase = "rollout"
    time.sleep(0.5)
    before = {r.version() for r in replicas}
    check(len(before) == 1, f"all replicas serve one version before the rollout: {sorted(before)}")
    old = before.pop()
    new_versions = []
    for replica in replicas:
        path = os.path.join(replica.seeds, "replicas-rollout.json")
        with open(path + ".tmp", "w") as f:
            json.dump(ROLLOUT_FILE, f)
        os.rename(path + ".tmp", path)
        sent = time.monotonic()
        replica.proc.send_signal(signal.SIGHUP)
        changed = wait_until(lambda: replica.version() not in (old, None), 10)
        new_versions.append(replica.version())
        print(f"     {replica.name}: {old} -> {new_versions[-1]} in {(time.monotonic() - sent) * 1000:.0f} ms")
        check(changed, f"{replica.name} reloads the changed folder")
        time.sleep(0.5)  # both versions in service for a while, under load
    finished = time.time()
    new = new_versions[0]
    check(len(set(new_versions)) == 1 and new != old, f"every replica now serves {new}")
    time.sleep(0.5)
    rows = report_phase(load, "rollout", "rollout")
    seen = {r[5] for r in rows if r[5]}
    late = {r[5] for r in rows if r[5] and r[0] > finished + 0.05}
    check(seen == {old, new}, f"the load saw both versions during the rollout: {sorted(seen)}")
    check(late == {new}, f"after the last SIGHUP every response is {new}: {sorted(late)}")
    status, _, _ = replicas[0].get("/v1/actors/replicas-rollout-actor")
    check(status == 200, "the new record is served")
    return new


def broken_rollout(replicas, load, version):
    print("\n-- 4b. a seeds folder with an error, SIGHUP one replica at a time")
    load.phase = "broken rollout"
    paths = ["/v1", "/v1/actors?limit=1", "/v1/actors/replicas-rollout-actor", "/v1/export"]
    for replica in replicas:
        bodies = [replica.get(p)[2] for p in paths]
        failed_before = replica.metric("lattice_dataset_reloads_total", 'outcome="failure"')
        offset = replica.log_size()
        with open(os.path.join(replica.seeds, "replicas-broken.json"), "w") as f:
            f.write('{"actors": [{"id": "broken", "kind": "state"')
        replica.proc.send_signal(signal.SIGHUP)
        logged = wait_until(lambda: "reload failed" in replica.log_since(offset), 10)
        failed_after = replica.metric("lattice_dataset_reloads_total", 'outcome="failure"')
        unchanged = replica.version() == version and [replica.get(p)[2] for p in paths] == bodies
        line = next((l for l in replica.log_since(offset).splitlines() if "reload failed" in l), "")
        print(f"     {replica.name}: {line.strip()[:150]}")
        check(logged and failed_after == failed_before + 1 and unchanged,
              f"{replica.name} refuses the folder: logged, reloads_total{{outcome=\"failure\"}} "
              f"{failed_before:g} -> {failed_after:g}, still {version} with identical bodies")
    # A replica that starts (after a crash, say) on that folder never listens: it is never
    # ready with partial data; it exits 1 and names the problem.
    starter = Replica(BINARY, 4, free_port(), replicas[0].seeds, os.path.join(WORK, "replica-4-broken-start.log"))
    starter.start()
    ready = starter.wait_ready(timeout=10)
    code = starter.stop(signal.SIGKILL) if ready else starter.proc.wait(timeout=5)
    check(ready is None and code == 1, f"a replica started on the broken folder never becomes ready and exits {code}")
    time.sleep(0.5)
    rows = report_phase(load, "broken rollout", "broken rollout")
    versions = {r[5] for r in rows if r[5]}
    check(versions == {version}, f"only {version} served meanwhile: {sorted(versions)}")


def retries(balancer, windows):
    """What nginx did for the clients: requests it retried on another replica, per phase."""
    entries = balancer.log_entries()
    for phase, (start, end) in windows.items():
        inside = [e for e in entries if start <= e["time"] <= end]
        retried = [e for e in inside if len(e["upstreams"]) > 1]
        statuses = {}
        for e in retried:
            key = ", ".join(e["upstream_statuses"])
            statuses[key] = statuses.get(key, 0) + 1
        print(f"     {phase}: {len(inside)} requests through nginx, {len(retried)} retried on another replica"
              + (f" (upstream statuses: {statuses})" if statuses else ""))
    # Why, from nginx's error log (whole seconds, local time, so a phase is a best guess): a refused connect (the
    # replica's listener is closed, or it is dead) is expected and harmless; a request lost
    # on an open keep-alive connection while a replica drains is the race between closing an idle connection and a request arriving on it.
    kinds = {}
    with open(balancer.error_log) as f:
        for line in f:
            if "[error]" not in line:
                continue
            when = time.mktime(time.strptime(line[:19], "%Y/%m/%d %H:%M:%S"))
            overlaps = {p: min(b, when + 1) - max(a, when) for p, (a, b) in windows.items()}
            phase = max(overlaps, key=overlaps.get)
            if overlaps[phase] <= 0:
                phase = "between phases"
            if "connect() failed (111" in line:
                kind = "connect refused"
            elif "reset by peer" in line or "prematurely closed" in line or "Broken pipe" in line:
                kind = "lost on an open connection"
            elif "timed out" in line:
                kind = "timed out"
            else:
                kind = "other"
            kinds.setdefault(phase, {}).setdefault(kind, 0)
            kinds[phase][kind] += 1
    for phase, counts in kinds.items():
        print(f"     nginx's upstream errors in {phase}: {counts}")


def main():
    started = time.monotonic()
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    ports = free_ports(4)
    replicas = []
    for i in range(3):
        seeds = os.path.join(WORK, f"seeds-{i + 1}")
        shutil.copytree(os.path.join(ROOT, "seeds"), seeds)
        replicas.append(Replica(BINARY, i + 1, ports[i], seeds, os.path.join(WORK, f"replica-{i + 1}.log"),
                                {"drain_delay": DRAIN_DELAY, "shutdown_grace": GRACE, "access_log": False}))
    balancer = Balancer(os.path.join(WORK, "nginx"), ports[3], {ports[3]: ports[:3]})
    load = None
    try:
        for replica in replicas:
            replica.start()
        check(all(r.wait_ready() is not None for r in replicas), "three replicas ready")
        balancer.start()
        print(f"     replicas on 127.0.0.1:{ports[0]},{ports[1]},{ports[2]}; nginx on 127.0.0.1:{ports[3]}")
        idle = [r.memory()["VmRSS"] for r in replicas]

        consistency(replicas, balancer)

        load = Load(balancer.port)
        windows = {}
        load.start()
        time.sleep(0.5)
        load.phase = "steady"
        t = time.time()
        peak = [0, 0, 0]
        for _ in range(10):
            peak = [max(p, r.memory()["VmRSS"]) for p, r in zip(peak, replicas)]
            time.sleep(0.2)
        print("\n-- load: 8 keep-alive client threads through nginx")
        report_phase(load, "steady", "steady load")
        windows["steady"] = (t, time.time())
        print(f"     resident memory per replica: idle {max(idle) / 1024:.1f} MB, "
              f"under load {max(peak) / 1024:.1f} MB (max of 3 replicas, sampled every 200 ms)")

        t = time.time()
        rolling_restart(replicas, load)
        windows["rolling restart"] = (t, time.time())
        t = time.time()
        _, crash_serving = crash(replicas, load)
        windows["crash"] = (t, time.time())
        t = time.time()
        version = rollout(replicas, load)
        windows["rollout"] = (t, time.time())
        t = time.time()
        broken_rollout(replicas, load, version)
        windows["broken rollout"] = (t, time.time())
        hwm = max(r.memory()["VmHWM"] for r in replicas)
        load.stop()
        print(f"\n     peak resident memory of a replica through reloads under load: {hwm / 1024:.1f} MB")

        print("\n-- what nginx did (its access log)")
        time.sleep(0.2)
        retries(balancer, windows)
        total = len(load.results)
        bad = sum(1 for r in load.results if r[4] != "ok")
        print(f"\n     total: {total} client requests, {bad} failed or mixed; "
              f"crash to serving again {crash_serving:.2f} s")
    finally:
        if load:
            load.stop()
        codes = [r.stop() for r in replicas]
        balancer.stop()
    check(codes == [0, 0, 0], f"replicas exit 0 on SIGTERM at the end: {codes}")
    print(f"     ({time.monotonic() - started:.0f} s; logs in {WORK})")
    finish("replicas", WORK)


if __name__ == "__main__":
    main()
