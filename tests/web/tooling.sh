#!/usr/bin/env bash
# Is the browser tooling here? The one gate of the browser tests: run.sh and
# tests/browser.rs both ask it before they start Chromium.
#
# Usage: bash tests/web/tooling.sh
#
# Exits 0 when node, tests/web/node_modules (playwright-core, axe-core,
# vnu-jar) and Chromium are all present. When one is missing it names it and
#   - under CI (CI set to anything but "", "0" or "false") exits 1: a CI run
#     without its browser must fail, never pass unchecked;
#   - elsewhere prints "skipped: ... missing" and exits 77, the automake code
#     for "skipped", so that a developer without Chromium is told loudly that
#     nothing was checked, and no caller mistakes it for a pass.
#
# Environment:
#   WEB_DIR        where node_modules is looked for (default: this folder)
#   CHROMIUM_PATH  browser executable (default /usr/bin/chromium, as lib.mjs)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
web="${WEB_DIR:-$here}"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

missing=()
command -v node >/dev/null 2>&1 || missing+=("node (Node >= 20)")
for pkg in playwright-core axe-core vnu-jar; do
  [ -d "$web/node_modules/$pkg" ] \
    || missing+=("$web/node_modules/$pkg (run 'npm ci' in tests/web)")
done
[ -x "$chromium" ] || missing+=("$chromium (apt-get install -y chromium, or set CHROMIUM_PATH)")
for tool in pdftotext pdfinfo; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool (apt-get install -y poppler-utils)")
done

[ "${#missing[@]}" -eq 0 ] && exit 0

case "${CI:-}" in
  "" | 0 | false)
    for m in "${missing[@]}"; do echo "tooling.sh: skipped: $m missing" >&2; done
    echo "tooling.sh: SKIPPED: the browser checks did not run" >&2
    exit 77
    ;;
  *)
    for m in "${missing[@]}"; do echo "tooling.sh: error: $m missing" >&2; done
    echo "tooling.sh: FAILED: CI=$CI and the browser checks cannot run" >&2
    exit 1
    ;;
esac
