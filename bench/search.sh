#!/usr/bin/env bash
# Search benchmark: the public search page of a site of N synthetic stories
# (examples/make_site.rs, seed 1), in headless Chromium with the CPU slowed
# 4x: bytes a first query downloads in all, and the time from the shard's
# arrival to the results (bench/search.mjs prints the figures and fails
# past 200 KB or 100 ms). Takes a few minutes; nothing in CI runs it.
#
#   bash bench/search.sh                      # N=10000, 3 runs a query
#   N=1000 RUNS=5 bash bench/search.sh
#   bash bench/search.sh "pelatihan kursi"    # queries of your own
#
# Needs node, Chromium at /usr/bin/chromium (or $CHROMIUM_PATH) and
# tests/web/node_modules (npm ci in tests/web).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-10000}"
WORK="${WORK:-/dev/shm/rapor-bench-search}"
mkdir -p "$WORK"
command -v node >/dev/null || { echo "missing node: apt-get install -y nodejs" >&2; exit 2; }
[ -d "$repo/tests/web/node_modules/playwright-core" ] || { echo "missing playwright-core: (cd tests/web && npm ci)" >&2; exit 2; }

export RAPOR_INTERNAL_PASSPHRASE="benchmark passphrase, not a secret"
(cd "$repo" && cargo build --release --quiet --bin rapor --example make_site)
target="${CARGO_TARGET_DIR:-$repo/target}"
site="$WORK/rapor-$N"
"$target/release/examples/make_site" "$site" --stories "$N" --seed 1 --force | tail -1
"$target/release/rapor" build --site "$site" </dev/null | tail -1
node "$repo/bench/search.mjs" "$site/output/public" "$@"
