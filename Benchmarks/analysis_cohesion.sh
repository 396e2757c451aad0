#!/usr/bin/env bash
# 50-actor cohesion on the 1,000x seeds: release server, ETag-free requests, timings by curl.
set -euo pipefail
cd "$(dirname "$0")/.."
# The server runs under scripts/lattice_harness.py, which starts it, waits for /readyz, runs
# this script again with LATTICE_URL set, and stops it afterwards.
if [[ -z "${LATTICE_URL:-}" ]]; then
    [[ -d /tmp/seeds-1000x ]] || .build/release/lattice generate-seeds --scale 1000 --include-real seeds --output /tmp/seeds-1000x
    exec python3 scripts/lattice_harness.py run .build/release/lattice seeds=/tmp/seeds-1000x access_log=false log_level=warning \
        --ready-timeout 120 -- Benchmarks/analysis_cohesion.sh
fi
base=$LATTICE_URL
curl -s "$base/v1" | head -c 300; echo
# 50 actors: the AP4 and the most connected others (by relation count), so the matrix is dense.
actors=$(curl -s "$base/v1/actors?kind=state&limit=500" | python3 -c '
import json,sys
d=json.load(sys.stdin)["data"]
ids=["japan","south-korea","australia","new-zealand"]
rest=sorted((a for a in d if a["id"] not in ids), key=lambda a:(-a["counts"]["relations"], a["id"]))
print(",".join(ids+[a["id"] for a in rest][:46]))')
echo "actors: $(echo $actors | tr , '\n' | wc -l)"
url="$base/v1/analysis/cohesion?actors=$actors"
curl -s "$url" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("pairs", len(d["pairs"]), "bytes", len(json.dumps(d)), "relations listed", sum(len(p["cooperative"])+len(p["hostile"]) for p in d["pairs"]))'
for encoding in identity gzip; do
  times=()
  for i in $(seq 1 50); do
    t=$(curl -s -o /dev/null -H "Accept-Encoding: $encoding" -w '%{time_total}' "$url")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | python3 -c "
import sys,statistics
v=sorted(float(x)*1000 for x in sys.stdin)
print('$encoding: median %.2f ms, p90 %.2f ms, min %.2f ms over %d requests' % (statistics.median(v), v[int(len(v)*0.9)-1], v[0], len(v)))"
done
curl -s -o /dev/null -w 'csv: %{time_total}s %{size_download} bytes\n' "$url&format=csv"
curl -s -o /dev/null -w 'alliance=ap4: %{time_total}s\n' "$base/v1/analysis/cohesion?alliance=ap4"
curl -s -o /dev/null -w 'mixed-ties (all): %{time_total}s %{size_download} bytes\n' "$base/v1/analysis/mixed-ties"
