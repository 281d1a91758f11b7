#!/usr/bin/env bash
# Installs everything Stillwater needs to build, test and run on Debian 12,
# as root. Safe to run again: packages already present are left alone, and
# the package lists are refreshed only when something must be installed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

# One package a line, grouped by what needs it.
packages=(
  # Build tools
  cmake ninja-build g++ pkg-config glslc
  # Libraries the engine links
  libvulkan-dev libglm-dev libspdlog-dev libfmt-dev libcli11-dev libstb-dev
  libtomlplusplus-dev libtinygltf-dev libopenxr-dev libopenxr-loader1
  libopenal-dev libsndfile1-dev libebur128-dev libsqlite3-dev
  libcpp-httplib-dev nlohmann-json3-dev libglfw3-dev
  # Tests: Catch2, software Vulkan with validation, the OpenXR sample to compare against
  catch2 mesa-vulkan-drivers vulkan-validationlayers vulkan-tools libopenxr-utils
  # Device-loss test: a private PulseAudio daemon, pactl and parec
  pulseaudio pulseaudio-utils
  # Screen-mode tests: a virtual X server
  xvfb xauth
  # Benchmarks: GNU time for peak memory and CPU time of whole processes
  time
  # The companion page test: Chromium driven by playwright-core from npm
  chromium nodejs npm
)

if [[ $(id -u) -ne 0 ]]; then
  echo "setup: run this as root (for example with sudo) so it can install packages" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  # Some Node.js builds (NodeSource's) ship npm inside the nodejs package and
  # conflict with Debian's npm, so an npm already on PATH counts as installed.
  if [[ $package == npm ]] && command -v npm >/dev/null; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "setup: installing ${#missing[@]} package(s): ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#packages[@]} Debian packages are installed"
fi

if [[ -x "$here/setup-monado.sh" ]]; then
  "$here/setup-monado.sh"
fi
