#!/usr/bin/env python3
"""Hostile clients against the release binary, on loopback, bounded in count and time.
A well-behaved client keeps requesting throughout; its latencies are reported per phase.

Phases: slowloris (trickled headers and bodies), 10,000 idle keep-alive connections (p99 of normal
requests must stay under 50 ms), 2,000 connect/reset cycles (no descriptor leak, bounded
memory), a client that never reads, a pipelined flood, oversized inputs of every kind, stalled
readers of a streamed export and stalled request bodies (memory must stay flat), and a SIGTERM
under keep-alive load (no request may be lost).

Usage: scripts/abuse_test.py path/to/lattice
       ABUSE_ONLY=stalled-streams,stalled-bodies,drain ABUSE_SEEDS=DIR scripts/abuse_test.py path/to/lattice
"""
import os
import re
import resource
import select
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

from checks import BINARY, ROOT, check, finish


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Server:
    def __init__(self):
        self.log = tempfile.NamedTemporaryFile(prefix="lattice-abuse-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            [BINARY, "serve", "--port", "0", "--access-log", "false", "--header-timeout", "2", "--body-timeout", "2",
             "--write-timeout", "2", "--idle-timeout", "120", "--max-connections", "15000",
             "--seeds", os.environ.get("ABUSE_SEEDS", "seeds")],
            cwd=ROOT, stdout=self.log, stderr=self.log)
        self.port = None
        deadline = time.time() + 20
        while time.time() < deadline and self.port is None:
            match = re.search(r"address=\S*:(\d+)", open(self.log.name).read())
            if match:
                self.port = int(match.group(1))
            time.sleep(0.02)
        if self.port is None:
            sys.exit("the server did not start")

    def descriptors(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def rss_mb(self):
        status = open(f"/proc/{self.process.pid}/status").read()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024

    def open_connections(self):
        text = request(self.port, b"GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")[1].decode()
        return int(re.search(r"^lattice_http_open_connections (\d+)", text, re.M).group(1))


def connect(port, timeout=5):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


_unread = {}  # bytes received past the last response read, by socket


def read_response(s):
    """One response: (status, body). Handles Content-Length and close-delimited bodies; bytes
    of a following response that arrived with it are kept for the next call."""
    data = _unread.pop(id(s), b"")
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    if not head:
        return None, b""
    status = int(head.split(b" ")[1])
    length = re.search(rb"Content-Length: (\d+)", head)
    if length:
        while len(body) < int(length.group(1)):
            chunk = s.recv(65536)
            if not chunk:
                break
            body += chunk
        body, rest = body[:int(length.group(1))], body[int(length.group(1)):]
        if rest:
            _unread[id(s)] = rest
    return status, body


def request(port, raw):
    s = connect(port)
    try:
        s.sendall(raw)
        return read_response(s)
    finally:
        s.close()


class NormalClient(threading.Thread):
    """A well-behaved keep-alive client: one request every 10 ms, latencies by phase."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.phase = "baseline"
        self.latencies = {}
        self.errors = 0
        self.stop = threading.Event()

    def run(self):
        s = None
        while not self.stop.is_set():
            try:
                if s is None:
                    s = connect(self.port)
                started = time.perf_counter()
                s.sendall(b"GET /v1/actors/japan HTTP/1.1\r\nHost: normal\r\n\r\n")
                status, _ = read_response(s)
                elapsed = (time.perf_counter() - started) * 1000
                if status != 200:
                    raise OSError(f"status {status}")
                self.latencies.setdefault(self.phase, []).append(elapsed)
            except OSError:
                self.errors += 1
                s = None
            time.sleep(0.01)

    def report(self, phase, limit_ms):
        values = self.latencies.get(phase, [])
        p50, p99, worst = percentile(values, 50), percentile(values, 99), max(values or [float("nan")])
        print(f"     normal client during {phase}: {len(values)} requests, p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {worst:.2f} ms")
        check(len(values) > 0 and p99 < limit_ms, f"normal requests keep p99 under {limit_ms} ms during {phase}")


def slowloris(server, normal):
    normal.phase = "slowloris"
    headers = [connect(server.port) for _ in range(200)]
    bodies = [connect(server.port) for _ in range(100)]
    for s in headers:
        s.sendall(b"GET /v1 HTTP/1.1\r\n")
    for s in bodies:
        s.sendall(b"POST /v1 HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n")
    started = time.time()
    for _ in range(8):  # trickle a byte every 0.4 s, well past the 2 s timeouts
        for s in headers + bodies:
            try:
                s.send(b"X")
            except OSError:
                pass
        time.sleep(0.4)
    timed_out = 0
    for s in headers + bodies:
        s.settimeout(3)
        try:
            status, _ = read_response(s)
            if status == 405:  # the API takes no body: answered on the head, the body discarded as it comes
                status, _ = read_response(s)
            if status == 408:
                timed_out += 1
        except OSError:
            pass
        s.close()
    check(timed_out == 300, f"all 300 slow clients got 408 and were closed ({timed_out}; {time.time() - started:.1f} s)")
    normal.report("slowloris", 50)


def idle_connections(server, normal):
    rss_before = server.rss_mb()
    normal.phase = "10k-idle-open"
    idle = []
    started = time.time()
    # Keep-alive connections that made one request each and stay open. (A connection that
    # never sends a byte is held by the kernel, not the server: the listener defers accept.)
    for _ in range(10_000):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        status, _ = read_response(s)
        if status != 200:
            check(False, f"an idle-to-be connection's request was answered 200 (got {status})")
            break
        idle.append(s)
    opened = time.time() - started
    time.sleep(1)
    normal.phase = "10k-idle"
    time.sleep(3)
    count = server.open_connections()
    rss = server.rss_mb()
    print(f"     10,000 idle keep-alive connections opened in {opened:.1f} s; server RSS {rss_before:.1f} MB before, {rss:.1f} MB with them open")
    check(count >= 10_000, f"the server holds them all ({count} open)")
    check(rss < 30, f"resident memory with 10,000 idle connections is under 30 MB ({rss:.1f} MB)")
    normal.report("10k-idle", 50)
    for s in idle:
        s.close()
    deadline = time.time() + 10
    while time.time() < deadline and server.open_connections() > 5:
        time.sleep(0.1)
    check(server.open_connections() <= 5, "closed idle connections are released")


def churn(server):
    time.sleep(0.5)
    before, rss_before = server.descriptors(), server.rss_mb()
    for index in range(2000):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        if index % 2:
            s.sendall(b"GET /v1/actors HTTP/1.1\r\nHost: a\r\n")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()  # RST
    deadline = time.time() + 10
    while time.time() < deadline and server.descriptors() != before:
        time.sleep(0.1)
    after, rss_after = server.descriptors(), server.rss_mb()
    check(after == before, f"2,000 connect/reset cycles leak no descriptor ({before} before, {after} after)")
    check(rss_after - rss_before < 10, f"memory growth after churn is bounded ({rss_before:.1f} → {rss_after:.1f} MB)")


def never_reads(server, normal):
    normal.phase = "non-reader"
    baseline = server.open_connections()
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", server.port))
    s.sendall(b"GET /v1/export HTTP/1.1\r\nHost: a\r\n\r\n" * 200)  # ~30 MB of responses, never read
    time.sleep(0.5)
    check(server.open_connections() == baseline + 1, "the non-reading client is connected")
    started = time.time()
    deadline = started + 5
    while time.time() < deadline and server.open_connections() > baseline:
        time.sleep(0.05)
    remaining = server.open_connections()
    check(remaining == baseline,
          f"it is dropped after the 2 s write timeout ({time.time() - started + 0.5:.1f} s after it stopped reading)")
    s.close()
    normal.report("non-reader", 50)


def pipelined_flood(server, normal):
    normal.phase = "pipelined-flood"
    rss_before = server.rss_mb()
    count = 20_000
    s = connect(server.port, timeout=20)
    payload = b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n" * count
    sender = threading.Thread(target=s.sendall, args=(payload,))
    sender.start()
    time.sleep(1)  # let it pile up unread
    peak = server.rss_mb()
    received = b""
    while received.count(b"HTTP/1.1 200") < count:
        chunk = s.recv(1 << 20)
        if not chunk:
            break
        received += chunk
    sender.join()
    s.close()
    answered = received.count(b"HTTP/1.1 200")
    check(answered == count, f"{count} pipelined requests answered in order ({answered})")
    check(peak - rss_before < 20, f"memory stays bounded while the flood is unread ({rss_before:.1f} → {peak:.1f} MB)")
    normal.report("pipelined-flood", 50)


def oversized(server, normal):
    normal.phase = "oversized"
    cases = [
        ("request target of 100 KB", b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        ("one header of 1 MB", b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"b" * 1_000_000 + b"\r\n\r\n", 431),
        ("10,000 headers", b"GET / HTTP/1.1\r\nHost: a\r\n" + b"X: y\r\n" * 10_000 + b"\r\n", 431),
        ("Content-Length of 2 GB", b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000000\r\n\r\n", 413),
        ("chunk of 16 EB", b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n", 413),
        ("chunk-size line of 100 KB", b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;" + b"e" * 100_000 + b"\r\n", 400),
        ("body of 5 MB sent anyway", b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000000\r\n\r\n" + b"z" * 5_000_000, 413),
        ("trailer section of 1 MB", b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + b"T: " + b"t" * 1_000_000 + b"\r\n\r\n", 431),
    ]
    for name, raw, expected in cases:
        s = connect(server.port, timeout=10)
        try:
            sender = threading.Thread(target=lambda: _send_quietly(s, raw))
            sender.start()
            status, body = read_response(s)
            if status == 405 and expected != 405:
                # The API takes no body: a POST is answered on its head, and what is wrong
                # with the body it sends anyway is found while discarding it.
                status, body = read_response(s)
            sender.join()
            check(status == expected and b"application/problem+json" in body or status == expected,
                  f"{name}: {status} (expected {expected})")
        finally:
            s.close()
    normal.report("oversized", 50)


def peak_rss_during(server, action):
    """Runs action() while sampling the server's resident set every 50 ms; returns the peak."""
    samples = [server.rss_mb()]
    done = threading.Event()

    def sample():
        while not done.is_set():
            samples.append(server.rss_mb())
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        action()
    finally:
        done.set()
        sampler.join()
    return max(samples)


def stalled_streams(server, normal, count=150):
    """Issue 16 item 6: readers that stop reading a streamed export must not make the server
    keep what it already sent; each connection holds one chunk at most."""
    normal.phase = "stalled-streams"
    probe = connect(server.port, timeout=30)
    probe.sendall(b"GET /v1/export HTTP/1.0\r\n\r\n")  # HTTP/1.0: the body ends at the close
    received = bytearray()
    while chunk := probe.recv(1 << 20):
        received += chunk
    probe.close()
    size = len(received) - received.find(b"\r\n\r\n") - 4
    time.sleep(0.5)
    before = server.rss_mb()
    readers = []

    def stall():
        for _ in range(count):
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.connect(("127.0.0.1", server.port))
            s.sendall(b"GET /v1/export HTTP/1.1\r\nHost: a\r\n\r\n")
            readers.append(s)
        time.sleep(1.2)  # under the 2 s write timeout: they are all still held

    peak = peak_rss_during(server, stall)
    print(f"     {count} stalled readers of a {size:,}-byte export: server RSS {before:.1f} MB before, peak {peak:.1f} MB "
          f"(+{peak - before:.1f} MB, {(peak - before) * 1024 / count:.0f} KB per reader)")
    check((peak - before) * 1024 / count < max(64, size / 1024 / 4),
          f"a stalled streamed response holds a small window, not what it sent ({peak - before:.1f} MB for {count})")
    for s in readers:
        s.close()
    normal.report("stalled-streams", 50)


def stalled_bodies(server, normal, count=150):
    """Issue 16 item 7: the API takes no request body; one sent anyway is discarded as it
    arrives, not buffered (up to 1 MiB each) until the body timeout."""
    normal.phase = "stalled-bodies"
    time.sleep(0.5)
    before = server.rss_mb()
    senders = []
    statuses = []

    def stall():
        body = b"z" * (1024 * 1024 - 2)  # all but the last byte of 1 MiB - 1
        for _ in range(count):
            s = connect(server.port)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
            s.sendall(b"POST /v1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1048575\r\n\r\n" + body)
            senders.append(s)
        time.sleep(0.5)

    peak = peak_rss_during(server, stall)
    for s in senders:
        try:
            s.settimeout(3)
            statuses.append(read_response(s)[0])
        except OSError:
            statuses.append(None)
        s.close()
    print(f"     {count} stalled 1 MiB request bodies: server RSS {before:.1f} MB before, peak {peak:.1f} MB "
          f"(+{peak - before:.1f} MB); first answers {sorted(set(map(str, statuses)))}")
    check(peak - before < 20, f"bodies nobody reads are not stored ({peak - before:.1f} MB for {count} MiB sent)")
    normal.report("stalled-bodies", 50)


def drain_under_load(server, clients=64):
    """Issue 16 item 10: SIGTERM while keep-alive clients keep requesting. A well-behaved
    client stops using a connection that says `Connection: close` or that the server closed
    while it was idle; a request sent and met with EOF or a reset is lost."""
    lost, answered, closed_idle = [0], [0], [0]
    lock = threading.Lock()
    go = threading.Barrier(clients + 1)

    def client():
        s = connect(server.port)
        go.wait()
        while True:
            readable, _, _ = select.select([s], [], [], 0)
            if readable:  # the server closed this idle connection: do not send on it
                with lock:
                    closed_idle[0] += 1
                break
            try:
                s.sendall(b"GET /v1/actors/japan HTTP/1.1\r\nHost: drain\r\n\r\n")
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = s.recv(65536)
                    if not chunk:
                        raise ConnectionResetError("EOF")
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
                while len(body) < length:
                    chunk = s.recv(65536)
                    if not chunk:
                        raise ConnectionResetError("EOF in body")
                    body += chunk
            except OSError:
                with lock:
                    lost[0] += 1
                break
            with lock:
                answered[0] += 1
            if b"Connection: close" in head:
                break
        s.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    go.wait()
    time.sleep(1)
    server.process.terminate()
    for thread in threads:
        thread.join(timeout=20)
    print(f"     SIGTERM under {clients} keep-alive clients: {answered[0]:,} answered, {lost[0]} lost, "
          f"{closed_idle[0]} idle connections closed before their next request")
    check(lost[0] == 0, f"no request is lost at shutdown ({lost[0]} lost)")


def _send_quietly(s, raw):
    try:
        s.sendall(raw)
    except OSError:
        pass  # the server may answer and close before reading everything


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < 12_000:
        sys.exit(f"the descriptor limit ({hard}) is too low for 10,000 connections; raise it (ulimit -Hn)")
    server = Server()
    normal = NormalClient(server.port)
    normal.start()
    time.sleep(2)
    descriptors = server.descriptors()
    print(f"     server idle: {server.rss_mb():.1f} MB resident, {descriptors} descriptors")
    normal.report("baseline", 50)
    only = os.environ.get("ABUSE_ONLY")
    if only:
        phases = {"slowloris": slowloris, "stalled-streams": stalled_streams, "stalled-bodies": stalled_bodies}
        for name in only.split(","):
            if name in phases:
                phases[name](server, normal)
        normal.stop.set()
        if "drain" in only.split(","):
            drain_under_load(server)
        else:
            server.process.terminate()
        check(server.process.wait(timeout=15) == 0, "the server exits 0 on SIGTERM")
        finish("abuse", server.log.name)
        return
    slowloris(server, normal)
    idle_connections(server, normal)
    churn(server)
    never_reads(server, normal)
    pipelined_flood(server, normal)
    oversized(server, normal)
    stalled_streams(server, normal)
    stalled_bodies(server, normal)
    normal.phase = "end"
    time.sleep(1)
    check(normal.errors == 0, f"the normal client saw no errors ({normal.errors})")
    deadline = time.time() + 10
    while time.time() < deadline and server.descriptors() != descriptors:
        time.sleep(0.1)
    check(server.descriptors() == descriptors, f"descriptors back to {descriptors} at the end ({server.descriptors()})")
    normal.stop.set()
    drain_under_load(server)
    check(server.process.wait(timeout=15) == 0, "the server exits 0 on SIGTERM after all that")
    finish("abuse", server.log.name)


if __name__ == "__main__":
    main()
