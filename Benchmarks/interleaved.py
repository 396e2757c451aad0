#!/usr/bin/env python3
"""Throughput of two builds in one interleaved run: the only req/s comparison that counts on
these shared 2-core machines. Both servers are children of this script (one session), with
the same flags and logging (access log off); rounds alternate A B A B …, wrk runs one
shape against one server at a time, and the medians per shape are printed with B/A.

  Benchmarks/interleaved.py A_BIN A_SEEDS B_BIN B_SEEDS [--rounds 5] [--duration 4]

Each build gets its own seeds folder, so builds whose seed formats differ can be compared;
shapes whose bodies differ between the two folders say so in the table.
"""
import argparse
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

SHAPES = ["/v1/actors/japan", "/healthz", "/v1/relations?kind=territorial_dispute", "/v1/search?q=korea"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(binary, seeds):
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--seeds", seeds, "--workers", "1", "--explorer", "",
                               "--access-log", "false", "--log-level", "error"], stdout=subprocess.DEVNULL)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
            return server, port
        except OSError:
            time.sleep(0.05)
    sys.exit(f"{binary} did not become ready")


def wrk(port, path, duration):
    out = subprocess.run(["wrk", "-t1", "-c32", f"-d{duration}s", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def body(port, path):
    return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("a_bin"); parser.add_argument("a_seeds"); parser.add_argument("b_bin"); parser.add_argument("b_seeds")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=4)
    args = parser.parse_args()
    servers = [start(args.a_bin, args.a_seeds), start(args.b_bin, args.b_seeds)]
    try:
        results = {shape: ([], []) for shape in SHAPES}
        for _ in range(args.rounds):
            for index, (_, port) in enumerate(servers):
                for shape in SHAPES:
                    results[shape][index].append(wrk(port, shape, args.duration))
        print("| shape | A req/s | B req/s | B/A | bodies |")
        print("|---|---:|---:|---:|---|")
        for shape, (a, b) in results.items():
            same = "same" if body(servers[0][1], shape) == body(servers[1][1], shape) else "differ"
            ma, mb = statistics.median(a), statistics.median(b)
            print(f"| `{shape}` | {ma:,.0f} | {mb:,.0f} | {mb / ma:.2f} | {same} |")
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
