#!/usr/bin/env bash
# Property-based API testing with schemathesis against the live server's /openapi.json:
# every operation (GET, HEAD, OPTIONS on every path), positive and negative data, stateful
# sequences, and every check — no 5xx, no response outside its schema, no undocumented
# status or header, unsupported methods answered 405. The document says once that every
# path answers HEAD and OPTIONS; scripts/openapi_implicit_methods.py spells them out as
# operations so that schemathesis tests them on every path too.
#   scripts/schemathesis.sh [examples per operation]   (default 40)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-${SCHEMATHESIS_EXAMPLES:-40}}
# The server's part runs under scripts/lattice_harness.py, which starts it, waits for
# /readyz, runs this script again with LATTICE_URL set, fails if the server died, and stops it.
if [[ -z "${LATTICE_URL:-}" ]]; then
    swift build -c release --static-swift-stdlib --product lattice
    exec python3 scripts/lattice_harness.py run .build/release/lattice seeds=seeds access_log=false log_level=warning \
        -- scripts/schemathesis.sh "$examples"
fi
mkdir -p .build/schemathesis
curl -fsS "$LATTICE_URL/openapi.json" | python3 scripts/openapi_implicit_methods.py > .build/schemathesis/openapi.json
schemathesis --config-file scripts/schemathesis.toml run .build/schemathesis/openapi.json --url "$LATTICE_URL" \
    --checks all --max-examples "$examples" --seed 20261129 --no-color --workers 2 \
    --report junit --report-dir .build/schemathesis
