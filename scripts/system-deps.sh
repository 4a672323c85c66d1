#!/usr/bin/env bash
# Installs the Debian packages a target needs, when they are missing. Usage: system-deps.sh run|test
set -euo pipefail
target=${1:-test}
packages=(fonts-ipaexfont)
if [ "$target" = test ]; then
  packages+=(chromium pcscd vsmartcard-vpcd pcsc-tools libpcsclite-dev postgresql)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
