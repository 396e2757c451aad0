"""Lattice replicas behind Debian's nginx, on loopback only: what scripts/replicas_test.py
and Benchmarks/replicas.py share. Every process is a child of the calling script (nginx
with `daemon off`), and every wait is bounded."""
import os
import re
import shutil
import signal
import socket
import subprocess
import time

from lattice_harness import ROOT, Lattice

EXAMPLE = os.path.join(ROOT, "deploy", "replicas", "lattice.conf")
EXAMPLE_PORTS = (8081, 8082, 8083)
EXAMPLE_LISTEN = "127.0.0.1:8080"
EXAMPLE_LOG = "/var/log/nginx/lattice.access.log"


def nginx_binary():
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise SystemExit("nginx is missing: apt-get install nginx-light")


def fnv1a(data):
    """The content hash of single-resource ETags (Sources/API/Caching/ContentHash.swift)."""
    h = 0xcbf29ce484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f'"{h:016x}"'


def cpu_seconds(pid):
    """utime + stime of a process, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


class Replica(Lattice):
    """One `lattice serve` on a loopback port, restartable on the same port."""

    def __init__(self, binary, index, port, seeds, log_path, settings=None):
        super().__init__(binary, {"host": "127.0.0.1", "port": port, "seeds": seeds, **(settings or {})},
                         name=f"replica {index} (:{port})", log=log_path)
        self.index, self.seeds = index, seeds

    def wait_ready(self, timeout=10, interval=0.005):
        return super().wait_ready(timeout, interval)

    def served_api_requests(self):
        """API requests this process has answered (its metrics start at zero)."""
        return self.metric("lattice_http_requests_total", 'route="/v1')


class Balancer:
    """nginx in the foreground (a child of the caller) with the operators' example config,
    its ports, log and temp paths rewritten to a directory of our own."""

    def __init__(self, directory, listen_port, pools, workers=1, access_log=True):
        """pools: {listen_port: [replica ports]}; the first pool is the example's server
        block as shipped, further pools (the benchmark's) are copies of it."""
        self.directory, self.workers = directory, workers
        self.port = listen_port
        self.pools = pools
        self.access_log = os.path.join(directory, "access.log")
        self.error_log = os.path.join(directory, "error.log")
        self.access_log_on = access_log
        self.proc = None

    def config(self):
        with open(EXAMPLE) as f:
            example = f.read()
        # The example must still have what this test rewrites, each exactly where expected.
        for needle, count in [(f"listen {EXAMPLE_LISTEN};", 1), (EXAMPLE_LOG, 1), ("upstream lattice {", 1),
                              ("proxy_pass http://lattice;", 1)] + [(f"server 127.0.0.1:{p} ", 1) for p in EXAMPLE_PORTS]:
            if example.count(needle) != count:
                raise SystemExit(f"{EXAMPLE}: expected {needle!r} {count} time(s); update scripts/topology.py")
        upstream_start = example.index("upstream lattice {")
        upstream_end = example.index("\n}\n", upstream_start) + 3
        server_start = example.index("server {", upstream_end)
        upstream, server = example[upstream_start:upstream_end], example[server_start:]
        shared = example[:upstream_start] + example[upstream_end:server_start]
        out = [shared]
        for number, (listen, ports) in enumerate(self.pools.items()):
            name = "lattice" if number == 0 else f"lattice{number}"
            servers = re.search(r"(( *)server 127\.0\.0\.1:8081 ([^\n]*)\n)( *server 127\.0\.0\.1:808[23] [^\n]*\n){2}", upstream)
            if not servers:
                raise SystemExit(f"{EXAMPLE}: the three server lines must be consecutive; update scripts/topology.py")
            indent, options = servers.group(2), servers.group(3)
            generated = "".join(f"{indent}server 127.0.0.1:{p} {options}\n" for p in ports)
            block = upstream[:servers.start()] + generated + upstream[servers.end():]
            block = block.replace("upstream lattice {", f"upstream {name} {{")
            block += "\n" + server.replace(f"listen {EXAMPLE_LISTEN};", f"listen 127.0.0.1:{listen};") \
                .replace("proxy_pass http://lattice;", f"proxy_pass http://{name};") \
                .replace(EXAMPLE_LOG, self.access_log if self.access_log_on else "off")
            if not self.access_log_on:
                block = block.replace(f"access_log off lattice_upstream;", "access_log off;")
            out.append(block)
        d = self.directory
        return (f"worker_processes {self.workers};\ndaemon off;\npid {d}/nginx.pid;\n"
                f"error_log {self.error_log} notice;\n"
                "events { worker_connections 4096; }\n"
                "http {\n"
                f"    client_body_temp_path {d}/tmp/body;\n    proxy_temp_path {d}/tmp/proxy;\n"
                f"    fastcgi_temp_path {d}/tmp/fastcgi;\n    uwsgi_temp_path {d}/tmp/uwsgi;\n"
                f"    scgi_temp_path {d}/tmp/scgi;\n"
                + "".join(out) + "\n}\n")

    def start(self):
        os.makedirs(os.path.join(self.directory, "tmp"), exist_ok=True)
        path = os.path.join(self.directory, "nginx.conf")
        with open(path, "w") as f:
            f.write(self.config())
        binary = nginx_binary()
        test = subprocess.run([binary, "-t", "-q", "-p", self.directory, "-e", self.error_log, "-c", path],
                              capture_output=True, text=True, timeout=30)
        if test.returncode != 0:
            raise SystemExit(f"nginx rejects {path}:\n{test.stderr}")
        self.proc = subprocess.Popen([binary, "-p", self.directory, "-e", self.error_log, "-c", path],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.directory, "stderr.log"), "a"))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"nginx exited: see {self.error_log}")
                time.sleep(0.02)
        raise SystemExit("nginx did not start listening within 10 s")

    def pids(self):
        return [self.proc.pid] + children(self.proc.pid) if self.proc else []

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful: finish requests, then exit
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)

    LINE = re.compile(r'^(\S+) (\d+) (\d+) (\S+) "([^"]*)" "([^"]*)" "([^"]*)" (\S+) "([^"]*)"$')

    def log_entries(self):
        """Parsed access log lines: time, status, upstream addresses, upstream statuses, id, request."""
        entries = []
        try:
            with open(self.access_log) as f:
                for line in f:
                    m = self.LINE.match(line.rstrip("\n"))
                    if m:
                        entries.append({
                            "time": float(m.group(1)), "status": int(m.group(2)),
                            "upstreams": [a.strip() for a in m.group(5).split(",")],
                            "upstream_statuses": [s.strip() for s in m.group(6).split(",")],
                            "id": m.group(8), "request": m.group(9)})
        except OSError:
            pass
        return entries
