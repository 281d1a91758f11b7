#!/usr/bin/env bash
# Builds the Monado OpenXR runtime with its simulated headset and null compositor,
# once per machine, into a cache outside the clone, so that Stillwater's tests and
# demonstrations can run a real OpenXR session without a headset or a display.
#
# Usage: tools/setup-monado.sh [--print-manifest] [--help]
#
# Run it as root (it installs Debian packages and writes to /var/cache). Once the
# cache is built, any user may run it with --print-manifest.

set -Eeuo pipefail

readonly MONADO_VERSION=25.0.0
# Bookworm has the OpenXR loader but no runtime. The next release's source
# package builds here with one link fix (see patch_source).
readonly SOURCE_SUITE=trixie
readonly ORIG_TARBALL="monado_${MONADO_VERSION}+dfsg.orig.tar.xz"
# Only the upstream tarball is fetched, not the .dsc, so its hash is pinned here.
# This rejects a repacked or substituted tarball and checks the kept copy offline.
readonly ORIG_SHA256=ddfa1899078173bea3db98034dc8b990df727a169f490896570ff6e3bda72113
# Bump when the build options or the cache layout change, so that existing caches
# are rebuilt rather than trusted.
readonly RECIPE=1

# The archive is the one this machine already installs its packages from, so
# the script works behind a local mirror without being told about it.
system_archive_uri() {
	local uri
	uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')
	if [[ -z "$uri" ]]; then
		uri=$(cat /etc/apt/sources.list 2>/dev/null | awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }')
	fi
	printf '%s' "$uri"
}
ARCHIVE_URI="${STILLWATER_DEBIAN_MIRROR:-$(system_archive_uri)}"
readonly ARCHIVE_URI
readonly ARCHIVE_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
readonly CACHE_ROOT="${STILLWATER_CACHE_DIR:-/var/cache/stillwater}"
readonly CACHE_DIR="${CACHE_ROOT}/monado-${MONADO_VERSION}"
readonly MANIFEST="${CACHE_DIR}/openxr_monado.json"
readonly RUNTIME_LIB="${CACHE_DIR}/lib/libopenxr_monado.so"
readonly ENV_FILE="${CACHE_DIR}/env.sh"
readonly BUILD_INFO="${CACHE_DIR}/build-info.txt"
readonly DOWNLOADS="${CACHE_ROOT}/downloads"
readonly LOCK_FILE="${CACHE_ROOT}/.monado-${MONADO_VERSION}.lock"
readonly FAILED_LOG="${CACHE_ROOT}/monado-${MONADO_VERSION}-setup.log"
MACHINE_ARCH=$(uname -m)
readonly MACHINE_ARCH
readonly LVP_ICD="/usr/share/vulkan/icd.d/lvp_icd.${MACHINE_ARCH}.json"

readonly BUILD_PACKAGES=(
	cmake ninja-build g++ pkg-config python3 xz-utils
	glslang-tools libeigen3-dev libudev-dev libvulkan-dev
)
# Lavapipe renders on the CPU, so the runtime works on machines without a GPU, CI included.
readonly RUN_PACKAGES=(libvulkan1 mesa-vulkan-drivers)

WORK_DIR=""

log() { printf 'setup-monado: %s\n' "$*" >&2; }

die() {
	printf 'setup-monado: error: %s\n' "$*" >&2
	exit 1
}

# Keeps a log that the work folder would take with it, and names it in the error.
die_with_log() {
	local log_file=$1 message=$2
	cp -f -- "$log_file" "$FAILED_LOG"
	die "${message} (log: ${FAILED_LOG})"
}

on_error() {
	local rc=$? line=$1 cmd=$2
	printf 'setup-monado: error: "%s" failed (exit %s, line %s); rerun the script, and if it fails again report this line\n' \
		"$cmd" "$rc" "$line" >&2
	exit "$rc"
}
trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR

cleanup() {
	if [[ -n "$WORK_DIR" && -d "$WORK_DIR" ]]; then
		rm -rf -- "$WORK_DIR"
	fi
}
trap cleanup EXIT

usage() {
	cat <<EOF
Usage: tools/setup-monado.sh [--print-manifest] [--help]

Builds the Monado ${MONADO_VERSION} OpenXR runtime (simulated headset, null
compositor, in-process only) once per machine into
  ${CACHE_DIR}
and reuses it on later runs. Needs root for the first build.

  --print-manifest  print the path of the runtime manifest (building first if
                    needed); nothing else goes to standard output
  --help            show this help

To run an OpenXR program against the simulated headset:
  source ${ENV_FILE}

Environment:
  STILLWATER_CACHE_DIR       cache root (default /var/cache/stillwater)
  STILLWATER_DEBIAN_MIRROR   Debian archive to fetch the source from
EOF
}

cache_is_valid() {
	[[ -f "$MANIFEST" && -f "$RUNTIME_LIB" && -f "$ENV_FILE" && -f "$BUILD_INFO" ]] || return 1
	grep -qx "recipe=${RECIPE}" "$BUILD_INFO" || return 1
	command -v python3 >/dev/null 2>&1 || return 1
	python3 - "$MANIFEST" "$RUNTIME_LIB" <<'EOF' >/dev/null 2>&1
import json, os, sys
manifest, lib = sys.argv[1], sys.argv[2]
with open(manifest) as f:
    data = json.load(f)
path = data["runtime"]["library_path"]
assert data["file_format_version"] == "1.0.0"
assert os.path.isabs(path)
assert os.path.samefile(path, lib)
EOF
}

report_cache() {
	if [[ "$PRINT_MANIFEST" == 1 ]]; then
		printf '%s\n' "$MANIFEST"
	else
		log "Monado ${MONADO_VERSION} is ready in ${CACHE_DIR} ($(du -sh "$CACHE_DIR" | cut -f1))"
		log "to use it: source ${ENV_FILE}"
	fi
}

package_installed() {
	[[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

ensure_packages() {
	local missing=() package
	for package in "$@"; do
		package_installed "$package" || missing+=("$package")
	done
	[[ ${#missing[@]} -eq 0 ]] && return 0

	log "installing Debian packages: ${missing[*]}"
	local apt_log="${CACHE_ROOT}/monado-apt.log"
	local apt_install=(apt-get install -y -q --no-install-recommends "${missing[@]}")
	if ! DEBIAN_FRONTEND=noninteractive "${apt_install[@]}" >"$apt_log" 2>&1; then
		# A fresh machine may have no package lists yet.
		log "install failed; refreshing the package lists and trying once more"
		apt-get update -q >>"$apt_log" 2>&1 ||
			die "apt-get update failed (see ${apt_log}); check the machine's apt sources and network, then rerun"
		DEBIAN_FRONTEND=noninteractive "${apt_install[@]}" >>"$apt_log" 2>&1 ||
			die "failed to install ${missing[*]} (see ${apt_log}); fix the error shown there, then rerun"
	fi
	rm -f -- "$apt_log"
}

check_lavapipe() {
	[[ -f "$LVP_ICD" ]] ||
		die "lavapipe's Vulkan driver file ${LVP_ICD} is missing after installing mesa-vulkan-drivers; check that package, then rerun"
}

# Fetches the upstream tarball through a private apt configuration, so that the
# machine's own package sources never gain the newer release.
fetch_source() {
	local dest=$1
	local kept="${DOWNLOADS}/${ORIG_TARBALL}"
	if [[ -f "$kept" ]] && sha256_matches "$kept"; then
		log "using the source tarball kept from an earlier download"
		cp -- "$kept" "$dest/"
		return 0
	fi

	[[ -n "$ARCHIVE_URI" ]] ||
		die "found no Debian archive in this machine's apt sources; set STILLWATER_DEBIAN_MIRROR to the archive's address and rerun"
	local apt_dir="${WORK_DIR}/apt"
	mkdir -p "$apt_dir"/{sources.list.d,lists/partial,cache/archives/partial}
	printf 'deb-src [signed-by=%s] %s %s main\n' "$ARCHIVE_KEYRING" "$ARCHIVE_URI" "$SOURCE_SUITE" \
		>"$apt_dir/sources.list"
	local apt_opts=(
		-o "Dir::Etc::SourceList=${apt_dir}/sources.list"
		-o "Dir::Etc::SourceParts=${apt_dir}/sources.list.d"
		-o "Dir::State::Lists=${apt_dir}/lists"
		-o "Dir::Cache=${apt_dir}/cache"
	)

	log "fetching the Monado ${MONADO_VERSION} source from Debian ${SOURCE_SUITE}"
	apt-get "${apt_opts[@]}" -q update --error-on=any >"${WORK_DIR}/apt.log" 2>&1 ||
		die_with_log "${WORK_DIR}/apt.log" "failed to read Debian ${SOURCE_SUITE}'s source index from ${ARCHIVE_URI}; check network access to the Debian archive, then rerun"

	# Any Debian revision of this upstream release carries the same tarball.
	local version
	version=$(apt-cache "${apt_opts[@]}" showsrc --only-source monado 2>/dev/null |
		sed -n "s/^Version: \(${MONADO_VERSION//./\\.}+dfsg-.*\)$/\1/p") || true
	version=${version%%$'\n'*}
	[[ -n "$version" ]] ||
		die "Monado ${MONADO_VERSION} not found in Debian ${SOURCE_SUITE}'s source index; update MONADO_VERSION, ORIG_TARBALL and ORIG_SHA256 in this script"

	# apt downloads as its own user, so that user must be able to write here.
	if id _apt >/dev/null 2>&1; then
		chown _apt "$dest"
	fi
	(cd "$dest" && apt-get "${apt_opts[@]}" -q source --download-only --tar-only "monado=${version}") \
		>>"${WORK_DIR}/apt.log" 2>&1 ||
		die_with_log "${WORK_DIR}/apt.log" "failed to download the Monado ${version} source tarball; check network access to the Debian archive, then rerun"
	[[ -f "$dest/$ORIG_TARBALL" ]] ||
		die "${ORIG_TARBALL} is missing after the download, so Debian may have repacked it; update ORIG_TARBALL and ORIG_SHA256 in this script"
	sha256_matches "$dest/$ORIG_TARBALL" ||
		die "SHA-256 mismatch for ${ORIG_TARBALL}: expected ${ORIG_SHA256}, got $(sha256sum "$dest/$ORIG_TARBALL" | cut -d' ' -f1); check where the tarball came from before changing ORIG_SHA256"

	mkdir -p "$DOWNLOADS"
	cp -- "$dest/$ORIG_TARBALL" "$kept.tmp" && mv -f -- "$kept.tmp" "$kept"
}

sha256_matches() {
	[[ "$(sha256sum "$1" | cut -d' ' -f1)" == "$ORIG_SHA256" ]]
}

# Makes the in-process runtime link comp_main only when the main compositor is built.
# Monado 25.0.0 links it unconditionally, so a build with only the null compositor fails.
patch_source() {
	local file=$1/src/xrt/targets/openxr/CMakeLists.txt
	[[ "$(grep -c '^[[:space:]]*comp_main$' "$file")" == 1 ]] ||
		die "the Monado source no longer matches the link fix in this script (${file#"$1"/}); review patch_source for Monado ${MONADO_VERSION}"
	# shellcheck disable=SC2016 # the dollars are CMake's, not the shell's
	sed -i 's/^\([[:space:]]*\)comp_main$/\1$<$<BOOL:${XRT_MODULE_COMPOSITOR_MAIN}>:comp_main>/' "$file"
	# shellcheck disable=SC2016
	grep -q '^[[:space:]]*\$<\$<BOOL:\${XRT_MODULE_COMPOSITOR_MAIN}>:comp_main>$' "$file" ||
		die "the link fix did not apply to ${file#"$1"/}; review patch_source for Monado ${MONADO_VERSION}"
}

configure_options() {
	local src=$1 option
	# Turns off every hardware driver and optional library, whatever -dev packages
	# this machine has, so that the build is the same on every machine.
	for option in $(grep -oE 'XRT_BUILD_DRIVER_[A-Z0-9_]+' "$src/CMakeLists.txt" | sort -u); do
		[[ "$option" == XRT_BUILD_DRIVER_SIMULATED ]] || printf -- '-D%s=OFF\n' "$option"
	done
	for option in $(grep -oE '^option(_with_deps)?\(XRT_HAVE_[A-Z0-9_]+' "$src/CMakeLists.txt" | sed 's/.*(//' | sort -u); do
		[[ "$option" == XRT_HAVE_VULKAN ]] || printf -- '-D%s=OFF\n' "$option"
	done
	printf -- '%s\n' \
		-DCMAKE_BUILD_TYPE=Release \
		-DBUILD_TESTING=OFF \
		-DXRT_BUILD_DRIVER_SIMULATED=ON \
		-DXRT_HAVE_VULKAN=ON \
		-DXRT_MODULE_COMPOSITOR=ON \
		-DXRT_MODULE_COMPOSITOR_NULL=ON \
		-DXRT_MODULE_COMPOSITOR_MAIN=OFF \
		-DXRT_MODULE_IPC=OFF \
		-DXRT_FEATURE_SERVICE=OFF \
		-DXRT_MODULE_MONADO_CLI=OFF \
		-DXRT_MODULE_MONADO_GUI=OFF \
		-DXRT_MODULE_AUX_VIVE=OFF \
		-DXRT_MODULE_MERCURY_HANDTRACKING=OFF \
		-DXRT_FEATURE_STEAMVR_PLUGIN=OFF \
		-DXRT_FEATURE_SLAM=OFF \
		-DXRT_FEATURE_TRACING=OFF \
		-DXRT_FEATURE_RENDERDOC=OFF \
		-DXRT_FEATURE_WINDOW_PEEK=OFF \
		-DXRT_FEATURE_DEBUG_GUI=OFF \
		-DXRT_BUILD_SAMPLES=OFF \
		-DXRT_OPENXR_INSTALL_ACTIVE_RUNTIME=OFF
}

write_env_file() {
	local file=$1
	cat >"$file" <<EOF
# Source this to run an OpenXR program against Monado's simulated headset,
# without a headset, a GPU or a display.
export XR_RUNTIME_JSON=${MANIFEST}
# Selects the null compositor, which needs no display. This build has no other,
# but a full Monado build would otherwise pick its display compositor.
export XRT_COMPOSITOR_NULL=1
# Selects the simulated headset directly instead of through device probing.
export SIMULATED_ENABLE=1
# Uses Lavapipe, Mesa's software Vulkan driver, even where a GPU is present,
# so that results are the same on every machine.
export VK_DRIVER_FILES=${LVP_ICD}
EOF
}

build() {
	WORK_DIR=$(mktemp -d "${CACHE_ROOT}/.monado-build.XXXXXX")
	# apt downloads as its own unprivileged user, which must reach into here.
	chmod 755 "$WORK_DIR"
	local src_dir="${WORK_DIR}/src" build_dir="${WORK_DIR}/build"
	local stage="${WORK_DIR}/stage" build_log="${WORK_DIR}/build.log"
	mkdir -p "$src_dir" "$stage/lib"

	fetch_source "$src_dir"
	tar -xJf "$src_dir/$ORIG_TARBALL" -C "$src_dir" ||
		die "could not unpack ${ORIG_TARBALL}; check free space in ${CACHE_ROOT}, then rerun"
	local tree="$src_dir/monado-v${MONADO_VERSION}"
	[[ -f "$tree/CMakeLists.txt" ]] ||
		die "${ORIG_TARBALL} does not unpack to monado-v${MONADO_VERSION}/; review build() for this Monado release"
	patch_source "$tree"

	local options
	mapfile -t options < <(configure_options "$tree")
	log "building Monado ${MONADO_VERSION} (a minute or two)"
	local started=$SECONDS
	if ! { cmake -S "$tree" -B "$build_dir" -G Ninja "${options[@]}" &&
		cmake --build "$build_dir" --target openxr_monado; } >"$build_log" 2>&1; then
		die_with_log "$build_log" "the Monado build failed; its error is near the end of the log"
	fi
	log "built in $((SECONDS - started)) s"

	local built="$build_dir/src/xrt/targets/openxr/libopenxr_monado.so"
	[[ -f "$built" ]] || die_with_log "$build_log" "the build finished without ${built##*/}"
	strip --strip-unneeded -o "$stage/lib/libopenxr_monado.so" "$built"
	if ldd "$stage/lib/libopenxr_monado.so" | grep -q 'not found'; then
		die "libraries missing for the built runtime, so install them and rerun: $(ldd "$stage/lib/libopenxr_monado.so" | grep 'not found' | tr -s ' \t\n' ' ')"
	fi

	python3 - "$stage/openxr_monado.json" "$RUNTIME_LIB" <<'EOF'
import json, sys
out, lib = sys.argv[1], sys.argv[2]
manifest = {"file_format_version": "1.0.0",
            "runtime": {"name": "Monado", "library_path": lib}}
with open(out, "w") as f:
    json.dump(manifest, f, indent=4)
    f.write("\n")
EOF
	write_env_file "$stage/env.sh"
	{
		printf 'monado=%s\n' "$MONADO_VERSION"
		printf 'source=%s sha256=%s\n' "$ORIG_TARBALL" "$ORIG_SHA256"
		printf 'recipe=%s\n' "$RECIPE"
		printf 'built=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
		printf 'options=%s\n' "${options[*]}"
	} >"$stage/build-info.txt"
	chmod -R a+rX "$stage"

	# Swap the finished tree in with renames, so readers never see half a cache.
	if [[ -e "$CACHE_DIR" ]]; then
		local old
		old=$(mktemp -d "${CACHE_ROOT}/.monado-old.XXXXXX")
		mv -- "$CACHE_DIR" "$old/"
	fi
	mv -- "$stage" "$CACHE_DIR"
	rm -f -- "$FAILED_LOG"
	rm -rf -- "${CACHE_ROOT}"/.monado-old.*
	cache_is_valid || die "the new cache in ${CACHE_DIR} failed its own check; delete it and rerun"
}

PRINT_MANIFEST=0
while [[ $# -gt 0 ]]; do
	case $1 in
		--print-manifest) PRINT_MANIFEST=1 ;;
		-h | --help)
			usage
			exit 0
			;;
		*) die "invalid option '$1'; see --help" ;;
	esac
	shift
done

# The manifest must name the runtime by an absolute path.
[[ "$CACHE_ROOT" == /* ]] || die "STILLWATER_CACHE_DIR must be an absolute path, not '${CACHE_ROOT}'"

if cache_is_valid && [[ -f "$LVP_ICD" ]]; then
	report_cache
	exit 0
fi

[[ $EUID -eq 0 ]] ||
	die "Monado is not built yet, or lavapipe (mesa-vulkan-drivers) is missing, and setting them up needs root; run 'sudo $0' once"
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
	die "apt-get or dpkg-query not found; this script needs Debian, so elsewhere build Monado ${MONADO_VERSION} by hand"
fi

mkdir -p "$CACHE_ROOT"
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
	log "another run is building Monado; waiting for it"
	flock -w 1800 9 ||
		die "timed out after 30 minutes waiting for another run to finish building Monado; check for a stuck setup process, then rerun"
fi

# Another run may have finished the build while this one waited, or only the
# run-time packages may be missing.
if cache_is_valid; then
	ensure_packages "${RUN_PACKAGES[@]}"
	check_lavapipe
	report_cache
	exit 0
fi

# Left behind by a run that was killed. This run holds the lock, so no other run uses them.
rm -rf -- "${CACHE_ROOT}"/.monado-build.* "${CACHE_ROOT}"/.monado-old.*

ensure_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
check_lavapipe
build
report_cache
