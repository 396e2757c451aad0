#!/usr/bin/env bash
# Real generated clients against a live server: a Swift client made by Apple's
# swift-openapi-generator (Tests/Clients/SwiftClient, its own package) and a Python client
# made by openapi-python-client (Tests/Clients/Python) each call every GET operation of
# /openapi.json and decode every response. Fails if any operation fails to decode, if the
# document lists an operation a check does not call, or if the copy of the document that
# the Swift package builds from is not the live one.
#   scripts/clients_test.sh            run both checks
#   scripts/clients_test.sh --update   first copy the live /openapi.json into the Swift package
set -euo pipefail
cd "$(dirname "$0")/.."
update=false
[[ "${1:-}" == "--update" ]] && update=true

# The Python generator, pinned: its output is what the check reads.
python_client_version=0.29.1
if [[ "$(python3 -m pip show openapi-python-client 2>/dev/null | sed -n 's/^Version: //p')" != "$python_client_version" ]]; then
    echo "installing openapi-python-client $python_client_version" >&2
    python3 -m pip install -q "openapi-python-client==$python_client_version"
fi

# The server's part runs under scripts/lattice_harness.py, which starts it, waits for
# /readyz, runs this script again with LATTICE_URL set, fails if the server died, and stops it.
if [[ -z "${LATTICE_URL:-}" ]]; then
    swift build --product lattice
    exec python3 scripts/lattice_harness.py run .build/debug/lattice seeds=seeds access_log=false log_level=warning \
        -- scripts/clients_test.sh "$@"
fi
base=$LATTICE_URL
work=.build/clients
rm -rf "$work" && mkdir -p "$work"

# swift-openapi-generator's build plugin reads the document from the target's folder, so a
# copy is committed there; it must be the live document, byte for byte.
committed=Tests/Clients/SwiftClient/Sources/LatticeClientCheck/openapi.json
curl -fsS "$base/openapi.json" > "$work/openapi.json"
if $update; then
    cp "$work/openapi.json" "$committed"
elif ! cmp -s "$work/openapi.json" "$committed"; then
    echo "FAIL: $committed is not the live /openapi.json; run scripts/clients_test.sh --update and commit it" >&2
    exit 1
fi

status=0
echo "-- Swift client (swift-openapi-generator)" >&2
started=$SECONDS
(cd Tests/Clients/SwiftClient && swift build --product LatticeClientCheck)
echo "   built in $(( SECONDS - started )) s" >&2
Tests/Clients/SwiftClient/.build/debug/LatticeClientCheck "$base" >&2 || status=1

echo "-- Python client (openapi-python-client)" >&2
openapi-python-client generate --url "$base/openapi.json" --output-path "$work/python/lattice_client" --meta none \
    --config Tests/Clients/Python/openapi-python-client.yaml --fail-on-warning > "$work/python-generate.log" 2>&1 \
    || { cat "$work/python-generate.log" >&2; exit 1; }
python3 Tests/Clients/Python/check.py "$work/python/lattice_client" "$base" >&2 || status=1
exit $status
