#!/usr/bin/env bash
# The time model on the 1,000x seeds: as_of on a collection, one actor's timeline, a
# 50-actor cohesion with as_of, each beside the same request without the date. Release
# server, access log off, 50 sequential requests each, timings by curl (ms).
#   Benchmarks/time_queries.sh [binary]   (default .build/release/lattice)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/lattice}
# The server runs under scripts/lattice_harness.py, which starts it, waits for /readyz, runs
# this script again with LATTICE_URL set, and stops it afterwards.
if [[ -z "${LATTICE_URL:-}" ]]; then
    [[ -d /tmp/seeds-1000x ]] || "$binary" generate-seeds --scale 1000 --include-real seeds --output /tmp/seeds-1000x
    exec python3 scripts/lattice_harness.py run "$binary" seeds=/tmp/seeds-1000x access_log=false log_level=warning explorer= \
        --ready-timeout 120 -- Benchmarks/time_queries.sh "$binary"
fi
base=$LATTICE_URL
curl -s "$base/v1" | python3 -c 'import json,sys; print("counts", json.load(sys.stdin)["counts"])'
actors=$(curl -s "$base/v1/actors?kind=state&limit=500" | python3 -c '
import json,sys
d=json.load(sys.stdin)["data"]
ids=["japan","south-korea","australia","new-zealand"]
rest=sorted((a for a in d if a["id"] not in ids), key=lambda a:(-a["counts"]["relations"], a["id"]))
print(",".join(ids+[a["id"] for a in rest][:46]))')
busiest=$(echo "$actors" | cut -d, -f5)
time_it() {
  local label=$1 url=$2
  local size
  size=$(curl -s -o /dev/null -w '%{size_download}' "$url")
  for i in $(seq 1 50); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | python3 -c "
import sys,statistics
v=sorted(float(x)*1000 for x in sys.stdin)
print('| $label | %.2f | %.2f | %s |' % (statistics.median(v), v[int(len(v)*0.9)-1], '$size'))"
}
echo "| request | median ms | p90 ms | bytes |"
echo "|---|---:|---:|---:|"
time_it "relations, first page" "$base/v1/relations"
time_it "relations, as_of=2019" "$base/v1/relations?as_of=2019"
time_it "relations, as_of=2019, kind=war" "$base/v1/relations?as_of=2019&kind=war"
time_it "alliances, as_of=2019 (members re-rendered)" "$base/v1/alliances?as_of=2019"
time_it "timeline, first page" "$base/v1/timeline"
time_it "timeline of $busiest" "$base/v1/timeline?actor=$busiest"
time_it "timeline of $busiest, 2015–2018" "$base/v1/timeline?actor=$busiest&since=2015&until=2018"
time_it "timeline, event=statement, deep offset" "$base/v1/timeline?event=statement&offset=20000"
time_it "cohesion, 50 actors" "$base/v1/analysis/cohesion?actors=$actors"
time_it "cohesion, 50 actors, as_of=2019" "$base/v1/analysis/cohesion?actors=$actors&as_of=2019"
time_it "statements, said_since=2020" "$base/v1/statements?said_since=2020"
time_it "graph, focus=$busiest, as_of=2019" "$base/v1/graph?focus=$busiest&as_of=2019"
