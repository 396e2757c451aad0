#!/usr/bin/env python3
"""Smoke test of the release binary, run as a user would: start it, wait for /readyz,
request every endpoint once with curl, parse /metrics with a real Prometheus parser,
reload with SIGHUP (a valid change, then a broken seed), and drain with SIGTERM under
load, checking that no accepted request is dropped and the exit status is 0.

Usage: scripts/smoke_test.py path/to/lattice
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from checks import BINARY, ROOT, check, finish, get_json, wait_for
from lattice_harness import Lattice


def curl(url, *extra):
    out = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", *extra, url],
                         capture_output=True, text=True, timeout=30)
    return int(out.stdout or 0)


def main():
    seeds = tempfile.mkdtemp(prefix="lattice-smoke-seeds-")
    shutil.rmtree(seeds)
    shutil.copytree(os.path.join(ROOT, "seeds"), seeds)
    server = Lattice(BINARY, {"port": 0, "seeds": seeds, "log_format": "json", "drain_delay": 1, "shutdown_grace": 10},
                     name="lattice-smoke").start()
    ready = server.wait_ready(timeout=40)
    port = server.port
    check(port is not None, "the server logs its listening address")
    check(ready is not None, "/readyz answers 200")
    if ready is None:
        finish("smoke", server.log_path)
    base = server.base
    print(f"     ready {int(ready * 1000)} ms after start (debug of the whole process)")
    startup = server.log_text()
    actors = get_json(base + "/v1")["counts"]["actors"]
    for field in ['"dataset_version"', '"load_ms"', f'"actors":{actors}', '"address"']:
        check(field in startup, f"the startup line has {field}")

    # Every endpoint once, with curl.
    spec = get_json(base + "/openapi.json")
    samples = {"{id}": {"/v1/actors": "japan", "/v1/alliances": "quad", "/v1/statements": "lin-rather-share-intelligence",
                        "/v1/relations": "russia-ukraine-war", "/v1/documents": "ecci-unlikelihood-of-an-asian-nato"}}
    for path, operations in spec["paths"].items():
        if "get" not in operations:
            # POST only (/mcp): GET is 405, and one JSON-RPC ping is answered.
            check(curl(base + path) == 405, f"GET {path} -> 405")
            ping = curl(base + path, "-X", "POST", "-H", "Content-Type: application/json", "-H", "MCP-Protocol-Version: 2025-06-18",
                        "--data", '{"jsonrpc":"2.0","id":1,"method":"ping"}')
            check(ping == 200, f"POST {path} ping -> {ping}")
            continue
        url = path
        if "{id}" in path:
            prefix = path.split("/{id}")[0]
            url = path.replace("{id}", samples["{id}"][prefix])
        # Operations whose required parameters have no default get a sample query.
        url += {"/v1/search": "?q=nato", "/v1/analysis/cohesion": "?alliance=ap4",
                "/v1/analysis/positions": "?alliance=asian-nato"}.get(path, "")
        if "{asset}" in path:
            url = path.replace("{asset}", "index.html")
        status = curl(base + url)
        expected = 308 if path == "/" else 200
        check(status == expected, f"GET {url} -> {status}")
    check(curl(base + "/v1/actors/seoul") == 308, "an alias redirects")
    check(curl(base + "/v1/actors/atlantis") == 404, "an unknown id is 404")
    check(curl(base + "/v1/actors", "-X", "POST") == 405, "POST is 405")

    # Metrics through a real Prometheus parser.
    text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    families = {family.name: family for family in text_string_to_metric_families(text)}
    for name, kind in [("lattice_http_requests", "counter"), ("lattice_http_request_duration_seconds", "histogram"),
                       ("lattice_http_response_bytes", "counter"), ("lattice_http_open_connections", "gauge"),
                       ("lattice_dataset_info", "gauge"), ("lattice_dataset_records", "gauge"),
                       ("lattice_dataset_reloads", "counter"), ("process_start_time_seconds", "gauge")]:
        check(name in families and families[name].type == kind, f"/metrics has {name} as a {kind}")
    requests = families["lattice_http_requests"]
    routes = {sample.labels["route"] for sample in requests.samples}
    check("/v1/actors/{id}" in routes and not any("japan" in route for route in routes),
          "requests are labelled by route template, not raw path")

    # SIGHUP with a valid change.
    version = get_json(base + "/v1")["dataset_version"]
    with open(os.path.join(seeds, "smoke-extra.json"), "w") as f:
        json.dump({"document": "ecci-unlikelihood-of-an-asian-nato", "actors": [{
            "id": "smoke-test-actor", "name": "Smoke Test", "kind": "organization", "region": "global",
            "summary": "Added by the smoke test.", "evidence": ["rolled into Kyiv"]}]}, f)
    server.send_signal(signal.SIGHUP)
    check(wait_for(lambda: get_json(base + "/v1")["dataset_version"] != version), "SIGHUP swaps in a valid change")
    check(curl(base + "/v1/actors/smoke-test-actor") == 200, "the new record is served")
    version = get_json(base + "/v1")["dataset_version"]

    # SIGHUP with a broken seed: old data stays, the failure is logged and counted.
    with open(os.path.join(seeds, "smoke-broken.json"), "w") as f:
        f.write('{"actors": [{"id": "broken", "kind": "state"')
    server.send_signal(signal.SIGHUP)
    check(wait_for(lambda: "reload failed" in server.log_text()), "a broken seed logs 'reload failed'")
    check(get_json(base + "/v1")["dataset_version"] == version, "a broken seed keeps the old data")
    metrics = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    check('lattice_dataset_reloads_total{outcome="failure"} 1' in metrics, "the failed reload is counted")

    # Drain under load, with the clients behaving like a load balancer: they stop opening
    # new connections once /readyz says 503 (the drain delay gives them time to notice).
    # Every request the server accepted must complete; a slow streamed response too.
    outcomes = {"ok": 0, "refused": 0, "dropped": 0}
    lock = threading.Lock()
    stop = threading.Event()
    routed = threading.Event()  # set while the balancer still routes here
    routed.set()

    def balancer():
        while not stop.is_set() and routed.is_set():
            try:
                if curl(base + "/readyz", "--max-time", "1") != 200:
                    routed.clear()
            except Exception:
                routed.clear()
            time.sleep(0.05)

    def hammer():
        while not stop.is_set() and routed.is_set():
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            except (ConnectionRefusedError, OSError):
                with lock:
                    outcomes["refused"] += 1
                time.sleep(0.01)
                continue
            try:
                connection.sendall(b"GET /v1/actors?limit=20 HTTP/1.1\r\nHost: smoke\r\nConnection: close\r\n\r\n")
                data = b""
                while True:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = re.search(rb"Content-Length: (\d+)", head)
                complete = head.startswith(b"HTTP/1.1 200") and length and len(body) == int(length.group(1))
                with lock:
                    outcomes["ok" if complete else "dropped"] += 1
            except OSError:
                with lock:
                    outcomes["dropped"] += 1
            finally:
                connection.close()

    slow = {"lines": 0, "complete": False}

    def slow_export():
        connection = socket.create_connection(("127.0.0.1", port), timeout=15)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        connection.sendall(b"GET /v1/export HTTP/1.1\r\nHost: smoke\r\n\r\n")
        data = b""
        while True:
            chunk = connection.recv(2048)
            if not chunk:
                break
            data += chunk
            time.sleep(0.02)
            if data.endswith(b"\r\n0\r\n\r\n"):
                slow["complete"] = True
                break
        slow["lines"] = data.count(b"\n{")
        connection.close()

    workers = [threading.Thread(target=hammer) for _ in range(8)] + [threading.Thread(target=balancer)]
    for worker in workers:
        worker.start()
    reader = threading.Thread(target=slow_export)
    reader.start()
    time.sleep(0.5)
    sent = time.time()
    server.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    check(curl(base + "/readyz") == 503, "/readyz turns 503 as soon as draining starts")
    code = server.wait(timeout=20)
    took = time.time() - sent
    stop.set()
    for worker in workers:
        worker.join()
    reader.join()
    check(code == 0, f"SIGTERM: exit status {code} after {took:.2f} s (drain delay 1 s, grace 10 s)")
    check(took < 12, "the server exits within the grace period")
    print(f"     during the drain: {outcomes}")
    check(outcomes["ok"] > 0, "requests were served while draining began")
    check(outcomes["dropped"] == 0, "no accepted request was dropped during the drain")
    check(slow["complete"], f"a slow client's streamed export completed ({slow['lines']} lines)")
    shutil.rmtree(seeds, ignore_errors=True)
    finish("smoke", server.log_path)


if __name__ == "__main__":
    main()
