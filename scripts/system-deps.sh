#!/usr/bin/env bash
# The Debian packages each README command needs, installed before anything that needs them.
#   system-deps.sh run|test        install what is missing (as root), or stop with one line
#                                  naming the packages and the command that installs them
#   system-deps.sh list run|test   print the packages, one a line (.ci/run removes them first,
#                                  so every CI run starts from a machine as it comes)
set -euo pipefail

packages_for() {
  # run: the PDFs embed IPAex Gothic for the Japanese and, beside it, the resident's
  # language in its script's font (app/services/pdf.py): Noto Sans, Noto Sans Thai and Noto
  # Sans Devanagari (fonts-noto-core; Latin with Vietnamese, Thai, Nepali), Nanum Gothic
  # (fonts-nanum; Hangul) and AR PL UMing (fonts-arphic-uming; Simplified and Traditional
  # Chinese), all TrueType, which fpdf2 embeds so any text extractor reads them back. The
  # OpenCV build MediaPipe declares loads libGL.so.1 (libgl1: the machine image ships it, so
  # CI never removes it). Nothing else: the app and the simulated card need no compiler and
  # no PC/SC library.
  local shipped=(libgl1)
  local fonts=(fonts-ipaexfont fonts-noto-core fonts-nanum fonts-arphic-uming)
  local packages=("${fonts[@]}" "${shipped[@]}")
  if [ "$1" = test ]; then
    # test: the Playwright journeys drive Debian's Chromium; the card tests run the simulated
    # card behind the real pcscd through vsmartcard's vpcd (pcsc_scan from pcsc-tools checks
    # the reader is up); pyscard compiles against libpcsclite-dev; the storage tests use
    # PostgreSQL (the machine image ships it; listed so a bare Debian gets it too). The WebKit
    # journeys drive WebKitGTK's MiniBrowser through WebKitWebDriver on an Xvfb screen, and
    # xdotool gives its window input focus.
    packages+=(chromium pcscd vsmartcard-vpcd pcsc-tools libpcsclite-dev postgresql)
    packages+=(webkit2gtk-driver xvfb xdotool)
  fi
  printf '%s\n' "${packages[@]}"
}

if [ "${1:-}" = list ]; then
  packages_for "${2:-test}"
  exit 0
fi
target=${1:-test}
case $target in run | test) ;; *) echo "usage: system-deps.sh run|test|list run|test" >&2; exit 2 ;; esac

missing=()
while read -r p; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done < <(packages_for "$target")
[ ${#missing[@]} -eq 0 ] && exit 0

cannot() {
  echo "make $target needs the Debian packages ${missing[*]} ($1): install them as root with: apt-get install ${missing[*]}" >&2
  exit 1
}
[ "$(id -u)" -eq 0 ] || cannot "not root, so they cannot be installed here"
echo "Installing Debian packages: ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  reason=$(grep -m 1 -E '^(E|Err):' "$log" | cut -c 1-160 || true)
  cannot "apt-get failed${reason:+: $reason}"
fi
