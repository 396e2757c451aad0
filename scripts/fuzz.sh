#!/usr/bin/env bash
# Builds the libFuzzer targets (the HTTP request parser, a connection's state machine, the
# seed loader) with
# -sanitize=fuzzer,address and runs each for a bounded time, starting from the corpora in
# Fuzz/corpus. A crash fails the script and leaves its input in .build-fuzz/artifacts/:
# copy it into Fuzz/regressions/{http,connection,seeds}/ (the test suite replays http's forever).
#   scripts/fuzz.sh [seconds per target]   (default 20, what CI runs; use 600+ locally)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-20}}
out=.build-fuzz
mkdir -p "$out/artifacts" "$out/corpus/http" "$out/corpus/connection" "$out/corpus/seeds"
# lld, not the default gold: the ASan runtime's export list (libclang_rt.asan-x86_64.a.syms)
# exports the pattern __asan_*, which also matches its hidden __asan_report_*_asm helpers;
# gold warns "Cannot export local symbol" for each, 141 times per binary, lld skips them.
# -package-name: the sources use `package` access, as SwiftPM builds them.
flags=(-sanitize=fuzzer,address -parse-as-library -g -O -swift-version 6 -use-ld=lld -package-name lattice)

echo "building fuzzers" >&2
swiftc "${flags[@]}" -module-name LatticeHTTP -o "$out/http-parser-fuzzer" \
    Fuzz/HTTPParserFuzzer.swift Sources/HTTP/Message/*.swift Sources/HTTP/Parser/*.swift Sources/HTTP/Support/ASCII.swift
# The connection fuzzer takes the whole HTTP target, so CSystem too: compiled with clang,
# its header given a module map as SwiftPM would.
clang -c -O1 -g -fsanitize=fuzzer-no-link,address -I Sources/CSystem/include -o "$out/CSystem.o" Sources/CSystem/CSystem.c
printf 'module CSystem {\n    header "%s/Sources/CSystem/include/CSystem.h"\n    export *\n}\n' "$PWD" >"$out/CSystem.modulemap"
swiftc "${flags[@]}" -D FUZZING -module-name LatticeHTTP -Xcc -fmodule-map-file="$out/CSystem.modulemap" \
    -o "$out/connection-fuzzer" Fuzz/ConnectionFuzzer.swift Tests/HTTPTests/FakePeer.swift \
    $(find Sources/HTTP -name '*.swift') "$out/CSystem.o"
swiftc "${flags[@]}" -module-name LatticeModel -o "$out/seed-loader-fuzzer" \
    Fuzz/SeedLoaderFuzzer.swift $(find Sources/Model -name '*.swift')

run() {
    local name=$1 binary=$2 corpus=$3; shift 3
    echo "fuzzing $name for $seconds s" >&2
    local dirs=("$out/corpus/$corpus")
    for dir in "Fuzz/corpus/$corpus" "Fuzz/regressions/$corpus"; do [ -d "$dir" ] && dirs+=("$dir"); done
    if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$name-" "$@" "${dirs[@]}" \
        >"$out/$name.log" 2>&1; then
        tail -40 "$out/$name.log" >&2
        echo "FAIL: $name found a crash; its input is in $out/artifacts/ — add it to Fuzz/regressions/$corpus/" >&2
        return 1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$name.log" | sed "s/^/  $name /" >&2
}
run http-parser "$out/http-parser-fuzzer" http -max_len=4096
run connection "$out/connection-fuzzer" connection -max_len=2048
LATTICE_FUZZ_SEEDS=seeds run seed-loader "$out/seed-loader-fuzzer" seeds -max_len=65536
echo "fuzzing found no crash" >&2
