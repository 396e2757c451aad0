#!/usr/bin/env bash
# Hostile clients against the release binary as shipped (standard library linked statically).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product lattice
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
python3 scripts/abuse_test.py .build/release/lattice
