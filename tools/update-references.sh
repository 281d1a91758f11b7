#!/usr/bin/env bash
# Rewrites the reference images of the shipped scenes
# (tests/render/references/NAME.png) from the current renderer, after a
# deliberate change to how scenes look. Open every picture it writes before
# committing: the test only catches changes, it cannot tell good from bad.
set -euo pipefail

cd "$(dirname "$0")/.."
preset="${1:-ci}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target stillwater_render_tests
STILLWATER_UPDATE_REFERENCES=1 "build/${preset}/tests/stillwater_render_tests" "shipped scenes match reference images"
git status --short tests/render/references
