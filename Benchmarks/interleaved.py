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
import os
import statistics
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
from lattice_harness import Lattice, wrk  # noqa: E402

SHAPES = ["/v1/actors/japan", "/healthz", "/v1/relations?kind=territorial_dispute", "/v1/search?q=korea",
          "/v1/search?q=security&limit=20"]


def start(binary, seeds):
    server = Lattice(binary, {"seeds": os.path.abspath(seeds), "workers": 1, "explorer": "", "access_log": False,
                              "log_level": "error"}).start()
    server.require_ready()
    return server


def body(server, path):
    return urllib.request.urlopen(f"{server.base}{path}").read()


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
            for index, server in enumerate(servers):
                for shape in SHAPES:
                    results[shape][index].append(wrk(server.base + shape, connections=32, seconds=args.duration, threads=1)["rps"])
        print("| shape | A req/s | B req/s | B/A | bodies |")
        print("|---|---:|---:|---:|---|")
        for shape, (a, b) in results.items():
            same = "same" if body(servers[0], shape) == body(servers[1], shape) else "differ"
            ma, mb = statistics.median(a), statistics.median(b)
            print(f"| `{shape}` | {ma:,.0f} | {mb:,.0f} | {mb / ma:.2f} | {same} |")
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
