"""What the script-level tests (smoke, abuse, explorer) share: located pass/fail lines, the
list of failures, the binary and repository they run against, and small waiting helpers."""
import json
import os
import sys
import time
import urllib.request

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/lattice")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def check(condition, message):
    """Prints `ok` or `FAIL` with the message; failures are collected for the exit code."""
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def finish(name, log_path):
    """Exits 1 naming the log when anything failed."""
    if failures:
        print(f"\n{len(failures)} {name} check(s) failed; server log: {log_path}")
        sys.exit(1)
    print(f"\n{name} test passed")


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def wait_for(condition, timeout=20):
    """Polls `condition` every 50 ms until it holds or `timeout` seconds pass."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
