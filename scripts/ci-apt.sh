#!/usr/bin/env bash
# Installs the Debian packages given as arguments, only those missing; no prompts, bounded in time.
# Usage: bash scripts/ci-apt.sh postgresql redis-server nginx chromium
set -euo pipefail
missing=()
for pkg in "$@"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && { echo "apt: already installed: $*"; exit 0; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
export DEBIAN_FRONTEND=noninteractive
echo "apt: installing ${missing[*]}"
timeout 5m $SUDO apt-get update -qq
timeout 15m $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
