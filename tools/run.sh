#!/usr/bin/env bash
# The main job: builds Stillwater and runs a short session with the default
# place. A real headset is used when an OpenXR runtime is installed;
# otherwise the session runs on Monado's simulated headset, which setup.sh
# builds once per machine.
#
# Extra arguments go to 'stillwater run', for example --minutes 10.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh" >/dev/null

(cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" >/dev/null)

# The OpenXR loader looks for an active runtime in these places.
runtime_installed=false
for manifest in "${XR_RUNTIME_JSON:-}" "${XDG_CONFIG_HOME:-$HOME/.config}/openxr/1/active_runtime.json" \
  /etc/xdg/openxr/1/active_runtime.json; do
  if [[ -n "$manifest" && -f "$manifest" ]]; then
    runtime_installed=true
  fi
done

if [[ "$runtime_installed" == false ]]; then
  # shellcheck source=/dev/null
  source "$("$root/tools/setup-monado.sh" --print-manifest | xargs dirname)/env.sh"
  # Monado's own frame-timing warnings mean nothing for the simulated headset.
  export XRT_LOG=error
  echo "No OpenXR runtime is installed: using the simulated headset."
fi

exec "$root/build/release/engine/app/stillwater" run --minutes 0.25 "$@"
