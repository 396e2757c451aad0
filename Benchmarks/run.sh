#!/usr/bin/env bash
# Reproduces Benchmarks/results.md: builds Lattice as shipped (release, static standard
# library), the Hummingbird 2 peer (its own package; about 3-5 minutes the first time) and
# the floor servers (Benchmarks/Floor, seconds), generates the 1,000x seeds, installs wrk
# and nginx-light if missing, and runs bench.py.
#   Benchmarks/run.sh [runs] [seconds per run]
#   BASELINE=<commit> Benchmarks/run.sh ...   also measures that commit's build, interleaved
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
duration=${2:-10}
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
swift build -c release --static-swift-stdlib --product lattice
swift build -c release --package-path Benchmarks/HummingbirdPeer
swift build -c release --package-path Benchmarks/Floor
baseline_args=()
if [ -n "${BASELINE:-}" ]; then
    tree=/tmp/lattice-baseline-$(git rev-parse --short "$BASELINE")
    [ -d "$tree" ] || git worktree add --detach "$tree" "$BASELINE"
    swift build -c release --static-swift-stdlib --product lattice --package-path "$tree"
    baseline_args=(--baseline "$tree/.build/release/lattice")
fi
big=${BIG_SEEDS:-/tmp/lattice-seeds-1000x}
[ -f "$big/.generated-seeds" ] || .build/release/lattice generate-seeds --scale 1000 --include-real seeds --output "$big" --force
ulimit -n "$(ulimit -Hn)"
python3 Benchmarks/bench.py --lattice .build/release/lattice \
    --peer Benchmarks/HummingbirdPeer/.build/release/HummingbirdPeer \
    --floor Benchmarks/Floor/.build/release/Floor \
    --big-seeds "$big" --runs "$runs" --duration "$duration" "${baseline_args[@]}"
