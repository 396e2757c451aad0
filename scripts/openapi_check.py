#!/usr/bin/env python3
"""Validates the live server's /openapi.json with openapi-spec-validator, and checks that
docs/API.md is the reference it generates.
Usage: scripts/openapi_check.py path/to/lattice  (started here on the bundled seeds, stopped after)."""
import json
import os
import sys

from openapi_spec_validator import validate

import api_reference
from lattice_harness import ROOT, Lattice

with Lattice(sys.argv[1], {"seeds": "seeds", "log_level": "error"}, name="lattice-openapi") as server:
    spec = json.loads(server.get("/openapi.json", timeout=10)[2])
validate(spec)
print(f"ok   /openapi.json is a valid OpenAPI {spec['openapi']} document with {len(spec['paths'])} paths")
# The committed reference (docs/API.md) must be the one this document generates.
if open(os.path.join(ROOT, "docs", "API.md")).read() != api_reference.render(spec):
    sys.exit("FAIL: docs/API.md is not the reference of the live /openapi.json; "
             "regenerate it: scripts/api_reference.py openapi.json --write docs/API.md")
print("ok   docs/API.md is the reference of the live /openapi.json")
