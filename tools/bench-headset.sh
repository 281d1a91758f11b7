#!/usr/bin/env bash
# Runs `stillwater run` and Debian's `hello_xr -g Vulkan2` one after the other
# on Monado's simulated headset, in one run, and compares their process CPU
# time per frame, time from launch to the first frame, and peak resident memory.
#
# Usage: tools/bench-headset.sh [--seconds N] [--scene NAME] [--stillwater PATH] [--help]
#
#   --seconds N        how long each program runs, 12 to 600 (default 20)
#   --scene NAME       the place stillwater shows (default: its own default,
#                      the beach); sea is the built-in open sea
#   --stillwater PATH  the stillwater executable
#                      (default build/release/engine/app/stillwater)
#
# Needs the simulated headset from tools/setup-monado.sh, hello_xr (Debian
# package libopenxr-utils) and GNU time (package time).
#
# How each figure is measured, the same way for every program:
# - Frames: Monado runs inside each program's process, and with
#   U_PACING_APP_LOG=trace it prints one "pa_mark_delivered" line for every
#   frame the program delivers with xrEndFrame. The script counts those lines.
#   Printing them costs each program the same small amount of CPU time.
# - First frame: the time the first "pa_mark_delivered" line arrived, from
#   launch. Lines are stamped as they arrive on standard error, which Monado
#   does not buffer.
# - CPU per frame (steady): utime + stime from /proc/PID/stat, sampled 3 s
#   after launch and 1 s before the end, divided by the frames delivered
#   between the two samples. This leaves out start-up work. The counters tick
#   at CLK_TCK (usually 100 Hz), so a 16 s window resolves about 0.6%.
# - CPU per frame (whole run): user + system time from GNU time over the whole
#   process, start-up included, divided by all frames delivered.
# - Peak resident memory: GNU time's maximum resident set size.
#
# hello_xr runs twice: as Debian ships it, which loads the Vulkan validation
# layer when it is installed, and with every Vulkan layer disabled
# (VK_LOADER_LAYERS_DISABLE=~all~), which is the fairer comparison with
# stillwater, whose release builds run without validation.

set -Eeuo pipefail

usage() {
	sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
}

seconds=20
scene=()
stillwater=build/release/engine/app/stillwater
while [[ $# -gt 0 ]]; do
	case "$1" in
	--seconds)
		seconds=${2:?--seconds needs a value}
		shift 2
		;;
	--stillwater)
		stillwater=${2:?--stillwater needs a path}
		shift 2
		;;
	--scene)
		scene=(--scene "${2:?--scene needs a place name}")
		shift 2
		;;
	--help | -h)
		usage
		exit 0
		;;
	*)
		echo "bench-headset.sh: error: unknown argument \"$1\"; run with --help for the options" >&2
		exit 2
		;;
	esac
done

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 12 || seconds > 600)); then
	echo "bench-headset.sh: error: --seconds: invalid value \"$seconds\": use a whole number from 12 to 600" >&2
	exit 2
fi
if [[ ! -x "$stillwater" ]]; then
	echo "bench-headset.sh: error: $stillwater is not an executable; build it with" \
		"'cmake --preset release && cmake --build --preset release --target stillwater' or pass --stillwater PATH" >&2
	exit 2
fi
for tool in hello_xr /usr/bin/time; do
	if ! command -v "$tool" >/dev/null; then
		echo "bench-headset.sh: error: $tool is missing; run tools/setup.sh to install it" >&2
		exit 2
	fi
done

repo=$(cd "$(dirname "$0")/.." && pwd)
manifest=$("$repo/tools/setup-monado.sh" --print-manifest)
# shellcheck source=/dev/null
source "$(dirname "$manifest")/env.sh"
export XRT_LOG=error
export U_PACING_APP_LOG=trace

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clock_ticks=$(getconf CLK_TCK)
# CPU time is sampled this long after launch and this long before the end of
# the run, so start-up and shutdown stay outside the steady window.
readonly sample_start_s=3
readonly sample_end_margin_s=1

# Prefixes each line of standard input with the time it arrived, in seconds
# since the epoch.
stamp_lines() {
	local line
	while IFS= read -r line; do
		printf '%s %s\n' "$EPOCHREALTIME" "$line"
	done
}

# Prints utime + stime of process $1 in clock ticks.
cpu_ticks() {
	# The command name in field 2 may contain spaces, so fields are counted
	# from after its closing bracket: utime and stime are then fields 12 and 13.
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# Sleeps until $1 seconds after the epoch.
sleep_until() {
	local delay
	delay=$(awk -v until="$1" -v now="$EPOCHREALTIME" 'BEGIN { d = until - now; print (d > 0 ? d : 0) }')
	sleep "$delay"
}

# Runs one program and writes its figures to $work/NAME.result as
# "KEY VALUE" lines. Arguments: NAME, then the command. hello_xr ends when
# it reads a line on standard input; stillwater ends when its session does.
measure() {
	local name=$1
	shift
	local dir="$work/$name"
	mkdir -p "$dir"

	local launch
	launch=$EPOCHREALTIME
	{ sleep "$seconds"; echo; } | /usr/bin/time -f '%U %S %M' -o "$dir/time" "$@" \
		>"$dir/stdout" 2> >(stamp_lines >"$dir/stderr") &
	local time_pid=$!

	# The line-stamping reader is a child of the same process, so the program
	# is picked out by name.
	local program pid=""
	program=$(basename "$1")
	for _ in $(seq 100); do
		pid=$(pgrep -P "$time_pid" -x "${program:0:15}" || true)
		[[ -n "$pid" ]] && break
		sleep 0.05
	done
	if [[ -z "$pid" ]]; then
		echo "bench-headset.sh: error: $name did not start within 5 s" >&2
		exit 1
	fi

	sleep_until "$(awk -v l="$launch" -v s="$sample_start_s" 'BEGIN { printf "%.6f", l + s }')"
	local first_ticks first_time
	first_ticks=$(cpu_ticks "$pid")
	first_time=$EPOCHREALTIME
	sleep_until "$(awk -v l="$launch" -v s="$seconds" -v m="$sample_end_margin_s" 'BEGIN { printf "%.6f", l + s - m }')"
	local last_ticks last_time
	last_ticks=$(cpu_ticks "$pid")
	last_time=$EPOCHREALTIME

	local status=0
	wait "$time_pid" || status=$?
	sleep 0.2 # lets the stamping reader finish the last lines
	if ((status != 0)); then
		echo "bench-headset.sh: error: $name exited with status $status; its output follows" >&2
		tail -n 20 "$dir/stdout" "$dir/stderr" >&2
		exit 1
	fi

	read -r user_s system_s max_rss_kib <"$dir/time"
	awk -v launch="$launch" -v t0="$first_time" -v t1="$last_time" \
		-v ticks0="$first_ticks" -v ticks1="$last_ticks" -v hz="$clock_ticks" \
		-v user="$user_s" -v sys_s="$system_s" -v rss="$max_rss_kib" '
		/pa_mark_delivered/ {
			frames++
			if (first == "") first = $1
			if ($1 >= t0 && $1 <= t1) window++
			last = $1
		}
		END {
			if (frames == 0) { print "error no frames delivered"; exit }
			printf "frames %d\n", frames
			printf "rate_hz %.2f\n", (frames > 1 ? (frames - 1) / (last - first) : 0)
			printf "first_frame_s %.3f\n", first - launch
			printf "steady_cpu_ms %.3f\n", (window > 0 ? (ticks1 - ticks0) / hz * 1000 / window : 0)
			printf "steady_frames %d\n", window
			printf "whole_cpu_ms %.3f\n", (user + sys_s) * 1000 / frames
			printf "cpu_s %.2f\n", user + sys_s
			printf "peak_rss_mb %.1f\n", rss * 1024 / 1e6
		}' "$dir/stderr" >"$work/$name.result"

	if grep -q '^error' "$work/$name.result"; then
		echo "bench-headset.sh: error: $name delivered no frames in $seconds s; its output follows" >&2
		tail -n 20 "$dir/stderr" >&2
		exit 1
	fi
	if [[ "$name" == stillwater ]]; then
		# Builds without these lines still get the table, with the entries blank.
		{ grep -o 'First frame submitted after [0-9.]* s' "$dir/stderr" || true; } | head -n 1 |
			awk '{ print "self_first_frame_s", $5 }' >>"$work/$name.result"
		{ grep -o '[0-9]* frames shown on the headset' "$dir/stdout" || true; } |
			awk '{ print "self_frames", $1 }' >>"$work/$name.result"
	fi
}

value() {
	awk -v key="$2" '$1 == key { print $2 }' "$work/$1.result"
}

minutes=$(awk -v s="$seconds" 'BEGIN { printf "%.6f", s / 60 }')
measure stillwater "$stillwater" run --minutes "$minutes" "${scene[@]}" </dev/null
measure hello_xr hello_xr -g Vulkan2
VK_LOADER_LAYERS_DISABLE='~all~' measure hello_xr_no_layers hello_xr -g Vulkan2

echo "Simulated headset (Monado $(basename "$(dirname "$manifest")")), $seconds s per program, $(nproc) cores,"
echo "stillwater showing ${scene[1]:-its default place}"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
printf '%-34s %14s %14s %20s\n' "" "stillwater" "hello_xr" "hello_xr no layers"
row() {
	printf '%-34s %14s %14s %20s\n' "$1" "$(value stillwater "$2")" "$(value hello_xr "$2")" \
		"$(value hello_xr_no_layers "$2")"
}
row "frames delivered" frames
row "frame rate (Hz)" rate_hz
row "first frame after launch (s)" first_frame_s
row "CPU per frame, steady (ms)" steady_cpu_ms
row "  frames in the steady window" steady_frames
row "CPU per frame, whole run (ms)" whole_cpu_ms
row "CPU time, whole run (s)" cpu_s
row "peak resident memory (MB)" peak_rss_mb
echo
echo "stillwater's own log: first frame submitted $(value stillwater self_first_frame_s) s after main();" \
	"$(value stillwater self_frames) frames shown"
for reference in hello_xr hello_xr_no_layers; do
	awk -v a="$(value stillwater steady_cpu_ms)" -v b="$(value "$reference" steady_cpu_ms)" -v name="$reference" \
		'BEGIN { printf "CPU per frame, steady, stillwater / %s: %.2f\n", name, (b > 0 ? a / b : 0) }'
done
