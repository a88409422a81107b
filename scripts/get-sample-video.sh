#!/usr/bin/env bash
# Fetches the test pictures into .cache/, once each; the packages are downloaded, not installed:
#   vtest.avi    sample footage (PETS 2009 S2.L1 view 1, 768x576, 795 frames) from Debian's opencv-doc
#   astronaut.png  a close-range portrait (NASA, public domain) from Debian's python3-skimage, for the face detector
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/.cache"

# fetch PACKAGE PATH-IN-PACKAGE OUTPUT
fetch() {
  local package="$1" inner="$2" out="$3"
  [ -s "$out" ] && return 0
  local tmp
  tmp="$(mktemp -d)"
  (
    cd "$tmp"
    if ! apt-get download "$package" >/dev/null 2>&1; then
      apt-get update -qq
      apt-get download "$package" >/dev/null
    fi
    dpkg-deb -x "$package"_*.deb extracted
    cp "extracted/$inner" "$out.part"
  )
  rm -rf "$tmp"
  mv "$out.part" "$out"
  echo "sample: $out"
}

fetch opencv-doc usr/share/doc/opencv-doc/examples/data/vtest.avi "$root/.cache/vtest.avi"
fetch python3-skimage usr/lib/python3/dist-packages/skimage/data/astronaut.png "$root/.cache/astronaut.png"
