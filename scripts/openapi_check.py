#!/usr/bin/env python3
"""Validates the live server's /openapi.json with openapi-spec-validator.
Usage: scripts/openapi_check.py PID  (a `lattice serve --port 0` started by the caller; it
is stopped afterwards). The port is read from /proc's socket table for that process."""
import json
import os
import signal
import sys
import time
import urllib.request

from openapi_spec_validator import validate


def listening_port(pid):
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                return int(fields[1].split(":")[1], 16)
    return None


pid = int(sys.argv[1])
try:
    port = None
    for _ in range(200):
        port = listening_port(pid)
        if port:
            break
        time.sleep(0.05)
    if not port:
        sys.exit("the server did not start listening")
    spec = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=10).read())
    validate(spec)
    print(f"ok   /openapi.json is a valid OpenAPI {spec['openapi']} document with {len(spec['paths'])} paths")
    # The committed reference (docs/API.md) must be the one this document generates.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import api_reference
    reference = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "API.md")
    if open(reference).read() != api_reference.render(spec):
        sys.exit("FAIL: docs/API.md is not the reference of the live /openapi.json; "
                 "regenerate it: scripts/api_reference.py openapi.json --write docs/API.md")
    print("ok   docs/API.md is the reference of the live /openapi.json")
finally:
    os.kill(pid, signal.SIGTERM)
