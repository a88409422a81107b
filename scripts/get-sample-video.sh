#!/usr/bin/env bash
# Fetches the sample footage vtest.avi (PETS 2009 S2.L1 view 1, 768x576, 795 frames) from Debian's opencv-doc
# package into .cache/, once. The package is downloaded, not installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.cache/vtest.avi"
[ -s "$out" ] && exit 0
mkdir -p "$root/.cache"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
if ! apt-get download opencv-doc >/dev/null 2>&1; then
  apt-get update -qq
  apt-get download opencv-doc >/dev/null
fi
dpkg-deb -x opencv-doc_*.deb extracted
cp extracted/usr/share/doc/opencv-doc/examples/data/vtest.avi "$out.part"
mv "$out.part" "$out"
echo "sample video: $out"
