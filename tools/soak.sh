#!/usr/bin/env bash
# Runs a long session on the simulated headset and drives it through the
# companion page's API as a nurse would: every comfort setting changed,
# paused, resumed, extended, recentred and places switched, over and over.
# Then reports resident memory growth, the longest gap between frames for
# each place, how long each change of place held the frame loop, and any
# Vulkan validation problem (validation is on for the whole run).
#
# Usage: tools/soak.sh [--stillwater PATH] [soak options]
#
#   --stillwater PATH  the stillwater executable
#                      (default build/release/engine/app/stillwater)
#   --help             lists the soak options (length, pace, places, limits)
#
# Exit status: 0 when every limit held, 1 when one did not, 2 on bad usage.
# Needs the simulated headset from tools/setup-monado.sh and Node.js.

set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
stillwater=build/release/engine/app/stillwater
forward=()
while [[ $# -gt 0 ]]; do
	case "$1" in
	--stillwater)
		stillwater=${2:?--stillwater needs a path}
		shift 2
		;;
	--help | -h)
		sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
		node "$here/soak/soak.mjs" --help
		exit 0
		;;
	*)
		forward+=("$1")
		shift
		;;
	esac
done

if [[ ! -x "$stillwater" ]]; then
	echo "soak.sh: error: $stillwater is not an executable; build it with" \
		"'cmake --preset release && cmake --build --preset release --target stillwater' or pass --stillwater PATH" >&2
	exit 2
fi
if ! command -v node >/dev/null; then
	echo "soak.sh: error: node is missing; run tools/setup.sh to install it" >&2
	exit 2
fi

manifest=$("$here/setup-monado.sh" --print-manifest)
# shellcheck source=/dev/null
source "$(dirname "$manifest")/env.sh"
# Without a sound card, OpenAL Soft's null backend mixes every source as a
# real device would and discards the result, so sound is soaked as well.
if ! compgen -G "/dev/snd/pcmC*p" >/dev/null; then
	export ALSOFT_DRIVERS=${ALSOFT_DRIVERS:-null}
fi
# Monado logs only its errors, so the program's own log stays readable.
export XRT_LOG=${XRT_LOG:-error}
exec node "$here/soak/soak.mjs" --stillwater "$stillwater" "${forward[@]}"
