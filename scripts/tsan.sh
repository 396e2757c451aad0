#!/usr/bin/env bash
# The whole test suite under ThreadSanitizer, in its own build folder. The CLI tests run
# the TSan-built binary too, so races in the executable fail them (exit code 66).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests --sanitize=thread --scratch-path .build-tsan
TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0 second_deadlock_stack=1}" \
    swift test --sanitize=thread --scratch-path .build-tsan --disable-xctest 2>&1 | tee .build-tsan/test.log
if grep -q "WARNING: ThreadSanitizer" .build-tsan/test.log; then
    echo "FAIL: ThreadSanitizer reported races (see .build-tsan/test.log)" >&2
    exit 1
fi
echo "no data races reported" >&2
