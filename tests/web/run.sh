#!/usr/bin/env bash
# Build the example site with a rapor binary and run the web-quality checks
# (Nu Html Checker + axe-core in Chromium) on both generated sites.
#
# Usage: bash tests/web/run.sh [RAPOR_BINARY]   (default: target/debug/rapor)
#
# The example site (content/ and themes/ at the repo root, plus static/ if
# present) is copied to a temporary directory and built there with
#   RAPOR_INTERNAL_PASSPHRASE=ci-test-passphrase-123 rapor build --site TMPDIR
# then tests/web/vnu.sh and tests/web/axe.mjs run on TMPDIR/output/public and
# TMPDIR/output/internal. Exits non-zero if the build or any check fails.
#
# Environment:
#   KEEP_SITE=1          keep the temporary site directory (its path is printed)
#   RAPOR_BUILD_TIMEOUT  seconds allowed for 'rapor build' (default 900)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rapor="${1:-target/debug/rapor}"
passphrase="ci-test-passphrase-123"
build_timeout="${RAPOR_BUILD_TIMEOUT:-900}"

case "$rapor" in
  /*) ;;
  *) rapor="$root/$rapor" ;;
esac
if [ ! -x "$rapor" ]; then
  echo "run.sh: error: rapor binary not found or not executable: $rapor (build it with 'cargo build --locked')" >&2
  exit 2
fi
if [ ! -d "$here/node_modules" ]; then
  echo "run.sh: error: $here/node_modules missing; run 'npm ci' in tests/web" >&2
  exit 2
fi

site="$(mktemp -d "${TMPDIR:-/tmp}/rapor-web-check.XXXXXX")"
cleanup() {
  if [ "${KEEP_SITE:-0}" = "1" ]; then
    echo "run.sh: kept site directory $site"
  else
    rm -rf "$site"
  fi
}
trap cleanup EXIT

copied=()
for item in content themes static; do
  if [ -e "$root/$item" ]; then
    cp -a "$root/$item" "$site/"
    copied+=("$item")
  fi
done
if [ "${#copied[@]}" -eq 0 ]; then
  echo "run.sh: error: no content/ or themes/ at $root to build" >&2
  exit 2
fi

echo "run.sh: building example site (${copied[*]}) in $site with $rapor"
start=$SECONDS
rc=0
RAPOR_INTERNAL_PASSPHRASE="$passphrase" timeout --kill-after=10 "$build_timeout" \
  "$rapor" build --site "$site" </dev/null || rc=$?
if [ "$rc" -ne 0 ]; then
  [ "$rc" -eq 124 ] && echo "run.sh: 'rapor build' timed out after ${build_timeout}s" >&2
  echo "run.sh: FAILED: 'rapor build --site $site' exited with status $rc" >&2
  exit 1
fi
echo "run.sh: build done in $((SECONDS - start))s"

# Checks run from output/ so reports show short paths (public/..., internal/...).
sites=()
if [ -d "$site/output/public" ]; then
  sites+=(public)
else
  echo "run.sh: FAILED: the build wrote no $site/output/public" >&2
  exit 1
fi
if [ -d "$site/output/internal" ]; then
  sites+=(internal)
else
  echo "run.sh: notice: no output/internal after the build; checking output/public only"
fi
cd "$site/output"

failed=()

echo
echo "run.sh: --- Nu Html Checker (vnu) ---"
start=$SECONDS
if bash "$here/vnu.sh" "${sites[@]}"; then :; else failed+=("vnu"); fi
echo "run.sh: vnu took $((SECONDS - start))s"

echo
echo "run.sh: --- axe-core in Chromium ---"
start=$SECONDS
if AXE_PASSPHRASE="$passphrase" node "$here/axe.mjs" "${sites[@]}"; then :; else failed+=("axe"); fi
echo "run.sh: axe took $((SECONDS - start))s"

echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "run.sh: FAILED: ${failed[*]}"
  exit 1
fi
echo "run.sh: ok: all web checks passed"
