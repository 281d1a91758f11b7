#!/usr/bin/env bash
# Installs playwright-core from the lock file into a folder of the build tree
# and runs the page test there, so the source tree stays clean.
# Usage: run_page_test.sh HARNESS_EXECUTABLE WORK_FOLDER
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
harness=$1
work=$2

mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/page_test.mjs" "$work/"
cd "$work"
# Session records of 'stillwater run' go to a fresh folder of this test.
rm -rf "$work/data"
mkdir -p "$work/data"
export XDG_DATA_HOME="$work/data"
if ! cmp -s package-lock.json installed-lock.json 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json installed-lock.json
fi
node page_test.mjs "$harness" "$work"
