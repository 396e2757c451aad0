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
binary=.build/release/lattice
swift build -c release --static-swift-stdlib --product lattice
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --port "$port" --seeds seeds --access-log false --log-level warning &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
mkdir -p .build/schemathesis
curl -fsS "http://127.0.0.1:$port/openapi.json" | python3 scripts/openapi_implicit_methods.py > .build/schemathesis/openapi.json
schemathesis --config-file scripts/schemathesis.toml run .build/schemathesis/openapi.json --url "http://127.0.0.1:$port" \
    --checks all --max-examples "$examples" --seed 20261129 --no-color --workers 2 \
    --report junit --report-dir .build/schemathesis
kill -0 $pid || { echo "FAIL: the server died during the run" >&2; exit 1; }
