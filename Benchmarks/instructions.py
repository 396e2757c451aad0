#!/usr/bin/env python3
"""Instructions per request, counted by callgrind: the one figure for a code change that
repeats on these shared machines, where req/s moves by 10% from one run to the next.

  Benchmarks/instructions.py BIN [BIN ...] [--requests 2000] [--seeds DIR [DIR ...]] [--path /v1/actors/japan]

`--seeds` gives each binary its own seeds folder (in order; default: the repository's), for
comparing builds whose seed formats differ; `--path` the request measured.

Each BIN is a dynamically linked release build with its debug info stripped (valgrind 3.19
cannot read the Swift toolchain's DWARF; see Benchmarks/README.md). For each binary and
each shape, the server runs under callgrind with one worker; instrumentation is switched on
after a warm-up, the requests are sent one at a time, and the total is divided by their
number. Shapes: keep-alive (one connection), keep-alive with the access log on, and one
request per connection (`Connection: close`).
"""
import argparse
import glob
import os
import re
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
from lattice_harness import ROOT, Lattice  # noqa: E402

REQUEST = b"GET /v1/actors/japan HTTP/1.1\r\nHost: bench\r\n\r\n"
CLOSE = b"GET /v1/actors/japan HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"


def set_path(path):
    global REQUEST, CLOSE
    REQUEST = f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
    CLOSE = f"GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n".encode()


def read_response(sock, pending):
    """Reads one Content-Length response; returns the bytes after it."""
    while b"\r\n\r\n" not in pending:
        pending += sock.recv(65536)
    head, rest = pending.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))
    while len(rest) < length:
        rest += sock.recv(65536)
    return rest[length:]


def keep_alive(port, count):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        pending = b""
        for _ in range(count):
            sock.sendall(REQUEST)
            pending = read_response(sock, pending)


def one_per_connection(port, count):
    for _ in range(count):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(CLOSE)
            read_response(sock, b"")


def measure(binary, shape, count, work, seeds):
    out = tempfile.mkdtemp(prefix="callgrind-")
    server = Lattice(binary, {"workers": 1, "seeds": seeds, "explorer": "",
                              "access_log": shape == "keep-alive, access log on"},
                     wrapper=["valgrind", "--tool=callgrind", "--instr-atstart=no",
                              f"--callgrind-out-file={out}/callgrind.out.%p"],
                     log=f"{out}/server.log", name=f"{binary} under valgrind").start()
    server.require_ready(timeout=120, interval=0.5)
    port = server.port
    work(port, 200)  # warm-up: caches filled, lazy statics made
    subprocess.run(["callgrind_control", "-i", "on", str(server.pid)], check=True, capture_output=True)
    work(port, count)
    subprocess.run(["callgrind_control", "-i", "off", str(server.pid)], check=True, capture_output=True)
    subprocess.run(["callgrind_control", "-d", str(server.pid)], check=True, capture_output=True)
    server.stop(timeout=60)
    total = 0
    for path in glob.glob(f"{out}/callgrind.out.*"):
        for line in open(path, errors="replace"):
            if line.startswith("summary:") or line.startswith("totals:"):
                total = max(total, int(line.split()[1]))
    return total / count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seeds", nargs="+", default=None)
    parser.add_argument("--path", default="/v1/actors/japan")
    args = parser.parse_args()
    set_path(args.path)
    seeds = args.seeds or [os.path.join(ROOT, "seeds")] * len(args.binaries)
    if len(seeds) != len(args.binaries):
        sys.exit("give one --seeds folder per binary")
    shapes = [("keep-alive", keep_alive), ("keep-alive, access log on", keep_alive),
              ("one request per connection", one_per_connection)]
    print("| shape | " + " | ".join(f"`{b}`" for b in args.binaries) + " |")
    print("|---|" + "---:|" * len(args.binaries))
    for shape, work in shapes:
        counts = [measure(binary, shape, args.requests, work, folder) for binary, folder in zip(args.binaries, seeds)]
        print(f"| {shape} | " + " | ".join(f"{c:,.0f}" for c in counts) + " |", flush=True)


if __name__ == "__main__":
    main()
