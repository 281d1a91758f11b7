#!/usr/bin/env bash
# Runs every Stillwater test on this machine: installs what is missing, then
# builds and tests the CI preset (warnings as errors, Vulkan validation on)
# and the AddressSanitizer + UndefinedBehaviorSanitizer preset.
set -euo pipefail

cd "$(dirname "$0")/.."
tools/setup.sh

jobs=$(nproc)
for preset in ci asan; do
  echo "== ${preset}: configure and build"
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j "$jobs"
  echo "== ${preset}: test"
  ctest --preset "$preset" -j "$jobs"
done
