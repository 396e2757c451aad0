#!/usr/bin/env python3
"""Req/s of MCP tools/call next to REST on the same server: a search tool call and a
verify_quote tool call (2026-07-28, headers matching the body, POSTed by wrk through a Lua
script) beside GET /v1/search for the same words, on the bundled seeds and on the 1,000x
synthetic seeds. wrk -t2 -c64 on loopback, sharing the 2 CPUs with the server; the median
of `rounds` runs of `seconds` each, the three shapes interleaved.

  Benchmarks/mcp.py .build/release/lattice [--seeds-1000x /tmp/seeds-1000x] [--rounds 3] [--seconds 5]"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
from lattice_harness import Lattice, wrk  # noqa: E402

META = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}


def tool_call(name, arguments):
    return json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                       "params": {"name": name, "arguments": arguments, "_meta": META}})


def lua(body, name):
    """A wrk script POSTing `body` with the 2026-07-28 headers."""
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    handle.write(f"""wrk.method = "POST"
wrk.body = {json.dumps(body)}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
wrk.headers["Mcp-Method"] = "tools/call"
wrk.headers["Mcp-Name"] = "{name}"
""")
    handle.close()
    return handle.name


def run_wrk_script(url, script, seconds):
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "-s", script, url], capture_output=True, text=True).stdout
    rate = float(out.split("Requests/sec:")[1].split()[0])
    non2xx = "Non-2xx" in out
    return rate, non2xx


def measure(binary, seeds, rounds, seconds):
    with Lattice(binary, {"seeds": seeds, "log_level": "error", "access_log": False}, name="lattice-mcp-bench") as server:
        server.wait_ready(timeout=600)
        statement = json.loads(server.get("/v1/statements?limit=1", timeout=30)[2])["data"][0]
        quote = statement["text"][:60]
        scripts = {
            "MCP tools/call search": lua(tool_call("search", {"query": "korea", "limit": 50}), "search"),
            "MCP tools/call verify_quote": lua(tool_call("verify_quote", {"text": quote}), "verify_quote"),
        }
        results = {name: [] for name in ["REST GET /v1/search", *scripts]}
        for _ in range(rounds):
            results["REST GET /v1/search"].append(wrk(server.base + "/v1/search?q=korea&limit=50", seconds=seconds)["rps"])
            for name, script in scripts.items():
                rate, non2xx = run_wrk_script(server.base + "/mcp", script, seconds)
                if non2xx:
                    sys.exit(f"{name}: non-2xx answers")
                results[name].append(rate)
        return {name: statistics.median(rates) for name, rates in results.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seeds-1000x", default="/tmp/seeds-1000x")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    table = {}
    for label, seeds in [("bundled seeds", "seeds"), ("1,000x seeds", args.seeds_1000x)]:
        table[label] = measure(args.binary, seeds, args.rounds, args.seconds)
    print("| Request | " + " | ".join(table) + " |")
    print("|---|" + "---:|" * len(table))
    for name in next(iter(table.values())):
        print(f"| {name} | " + " | ".join(f"{table[label][name]:,.0f} req/s" for label in table) + " |")


if __name__ == "__main__":
    main()
