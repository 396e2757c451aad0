"""What the script-level tests (smoke_test.py, abuse_test.py) share: located pass/fail
lines, the list of failures, and the binary and repository they run against."""
import os
import sys

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
