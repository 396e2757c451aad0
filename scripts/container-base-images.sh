#!/usr/bin/env bash
# Makes the two local base images our Dockerfile can build FROM when no registry is
# reachable: a Debian bookworm runtime (minbase) and a builder with what the Swift
# toolchain needs (the toolchain itself is mounted read-only at build time). Idempotent:
# an image that already exists is kept.
set -euo pipefail
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd "$(dirname "$0")/.." && pwd)/deploy/podman/containers.conf}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
RUNTIME_TAG="${RUNTIME_TAG:-localhost/debian:bookworm-slim}"
BUILDER_TAG="${BUILDER_TAG:-localhost/lattice-builder:bookworm}"
WORK="${TMPDIR:-/tmp}/lattice-rootfs"

need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "installing podman, runc and debootstrap" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap >/dev/null
    }
}
need podman; need debootstrap; need runc

slim() {  # drop what a server image never needs
    rm -rf "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/locale/* "$1"/var/cache/apt/*
}

toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")

if ! podman image exists "$RUNTIME_TAG"; then
    echo "building $RUNTIME_TAG with debootstrap (about a minute)" >&2
    rm -rf "$WORK/runtime"
    debootstrap --variant=minbase bookworm "$WORK/runtime" "$MIRROR" >/dev/null
    slim "$WORK/runtime"
    tar --numeric-owner -C "$WORK/runtime" -c . | podman import - "$RUNTIME_TAG" >/dev/null
    rm -rf "$WORK/runtime"
fi

if ! podman image exists "$BUILDER_TAG"; then
    echo "building $BUILDER_TAG with debootstrap (about two minutes)" >&2
    rm -rf "$WORK/builder"
    debootstrap --variant=minbase \
        --include=libc6-dev,libstdc++-12-dev,libgcc-12-dev,binutils,libcurl4-openssl-dev,libxml2-dev,zlib1g-dev,libedit2,libsqlite3-0,libncurses6,libpython3.11,pkg-config,tzdata,ca-certificates,git \
        bookworm "$WORK/builder" "$MIRROR" >/dev/null
    slim "$WORK/builder"
    tar --numeric-owner -C "$WORK/builder" -c . |
        podman import --change "ENV PATH=$toolchain/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" - "$BUILDER_TAG" >/dev/null
    rm -rf "$WORK/builder"
fi
echo "base images ready: $RUNTIME_TAG $BUILDER_TAG (toolchain mounted from $toolchain)" >&2
