#!/usr/bin/env bash
# The main job: builds Stillwater and renders the default calm place to
# stillwater.png in the current folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh" >/dev/null

(cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" >/dev/null)

"$root/build/release/engine/app/stillwater" render --out stillwater.png --size 1280x720 "$@"
