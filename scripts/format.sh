#!/usr/bin/env bash
# swift-format over every Swift file of the repository (the root .swift-format says how):
# Sources, Tests, Fuzz, Benchmarks and Package.swift, including the separate packages under
# Tests/Clients and Benchmarks, never anything under a .build folder.
#   scripts/format.sh          rewrite the files in place
#   scripts/format.sh --lint   change nothing; fail on any finding (the lint stage of scripts/test)
set -euo pipefail
cd "$(dirname "$0")/.."
files=()
while IFS= read -r -d '' file; do files+=("$file"); done < <(
    find Sources Tests Fuzz Benchmarks -name '.build*' -prune -o -name '*.swift' -type f -print0 | sort -z)
files+=(Package.swift)
if [[ "${1:-}" == "--lint" ]]; then
    swift format lint --strict --parallel "${files[@]}"
else
    swift format format --in-place --parallel "${files[@]}"
fi
