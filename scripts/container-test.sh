#!/usr/bin/env bash
# Builds the image from our Dockerfile with podman (no Docker engine or registry needed),
# runs it with a published loopback port, checks /readyz and an API endpoint through that
# port, runs the image's HEALTHCHECK, stops the container and requires exit code 0 —
# SIGTERM handled by the server as PID 1.
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="$PWD/deploy/podman/containers.conf"
IMAGE=localhost/lattice:test
NAME="lattice-test-$$"

scripts/container-base-images.sh

toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")
cache="$HOME/.cache/org.swift.swiftpm"
if [ ! -d "$cache/repositories" ]; then
    # The build runs without network: resolve the packages on the host first.
    swift package resolve >/dev/null
fi

echo "== building $IMAGE" >&2
started=$(date +%s)
podman build --format docker --network=none \
    -v "$toolchain:$toolchain:ro" \
    -v "$cache:/root/.cache/org.swift.swiftpm:O" \
    --build-arg BUILDER_IMAGE=localhost/lattice-builder:bookworm \
    --build-arg RUNTIME_IMAGE=localhost/debian:bookworm-slim \
    -t "$IMAGE" . >&2
echo "== built in $(( $(date +%s) - started )) s; image size: $(podman image inspect "$IMAGE" --format '{{.Size}}') bytes" >&2

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { podman rm -f "$NAME" >/dev/null 2>&1 || true; }
trap cleanup EXIT
podman run -d --name "$NAME" -p "127.0.0.1:$port:8080" "$IMAGE" >/dev/null

fail() { echo "FAIL: $*" >&2; podman logs "$NAME" >&2 || true; exit 1; }
# Output is captured whole before matching: with pipefail, `producer | grep -q` fails
# whenever grep exits at its match while the producer is still writing (SIGPIPE/EPIPE).
contains() { [[ "$1" == *"$2"* ]]; }

for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
    sleep 0.1
done
contains "$(curl -fsS "http://127.0.0.1:$port/readyz")" '"status":"ready"' || fail "/readyz through the published port"
echo "ok   /readyz answers through 127.0.0.1:$port" >&2
contains "$(curl -fsS "http://127.0.0.1:$port/v1/alliances/quad")" '"short_name":"Quad"' || fail "GET /v1/alliances/quad"
echo "ok   GET /v1/alliances/quad" >&2
user=$(podman exec "$NAME" id -u)
[ "$user" = "10001" ] || fail "the server runs as uid $user, expected 10001"
echo "ok   runs as non-root uid $user" >&2
podman healthcheck run "$NAME" 2>/dev/null || fail "podman healthcheck run"
echo "ok   HEALTHCHECK (lattice healthcheck) passes" >&2
podman stop -t 15 "$NAME" >/dev/null
code=$(podman inspect "$NAME" --format '{{.State.ExitCode}}')
[ "$code" = "0" ] || fail "exit code after podman stop is $code, expected 0 (SIGTERM as PID 1)"
# conmon may still be copying the last lines into the log when `podman stop` returns.
logged=no
for _ in $(seq 1 50); do
    if contains "$(podman logs "$NAME" 2>&1)" "SIGTERM received"; then logged=yes; break; fi
    sleep 0.1
done
[ "$logged" = yes ] || fail "the server did not log the SIGTERM drain"
echo "ok   podman stop: SIGTERM drained, exit code 0" >&2
echo "container test passed" >&2
