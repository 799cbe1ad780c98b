#!/usr/bin/env bash
# Installs Debian's Prometheus server (with promtool) and Pushgateway, which the real-parts check
# (.ci/prometheus-check) runs against Yardstick's outputs. Does nothing when both are present.
# Starts no service: the check starts its own instances on free local ports.
set -euo pipefail
if command -v prometheus >/dev/null && command -v promtool >/dev/null && command -v prometheus-pushgateway >/dev/null; then
    exit 0
fi
sudo="$(command -v sudo || true)"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends prometheus prometheus-pushgateway >/dev/null
