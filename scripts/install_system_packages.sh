#!/usr/bin/env bash
# Install the Debian packages the dashboard and its tests need, only those that are missing.
#
# Why a script: `make system-deps` must be quick when everything is there (dpkg-query only),
# install with apt-get when it runs as root (CI on a fresh machine), and otherwise name exactly
# what is missing and how to install it, without failing a developer's local run.
# Usage: scripts/install_system_packages.sh PACKAGE...
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi

missing=()
for package in "$@"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [ "$status" != "install ok installed" ]; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "system-deps: all Debian packages present ($*)"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    echo "system-deps: installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}"
    exit 0
fi

echo "system-deps: missing Debian packages: ${missing[*]}"
echo "system-deps: install them with:"
echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
if [ "${CI:-}" = "true" ]; then
    echo "system-deps: CI=true needs every package (no test level may be skipped)." >&2
    exit 1
fi
echo "system-deps: tests that need them will be skipped with a reason."
