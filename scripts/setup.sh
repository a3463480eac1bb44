#!/usr/bin/env bash
# Installs what synth needs on a fresh Debian machine, then builds it. Safe to run again: each step
# is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
# The queue tests start their own redis-server on loopback.
command -v redis-server >/dev/null 2>&1 || apt_packages+=(redis-server)
# Real Fashion-MNIST for the fashion benchmark (scenes/fashion, synth import idx).
[ -d /usr/share/datasets/fashion-mnist ] || apt_packages+=(dataset-fashion-mnist)
for extra in ${SYNTH_APT_EXTRA:-}; do dpkg -s "$extra" >/dev/null 2>&1 || apt_packages+=("$extra"); done
if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${apt_packages[*]}" >&2
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages" >&2
  # Not `npm ci`: the registry here lacks some platform-only optional packages (msgpackr-extract for
  # macOS and Windows) that npm ci insists on finding in the lock; npm install skips them.
  npm install --no-audit --no-fund --loglevel=error
fi

stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find src test bench scripts package.json tsconfig.json -newer "$stamp" -print -quit)" ]; then
  echo "setup: building" >&2
  npm run --silent build
  touch "$stamp"
fi
