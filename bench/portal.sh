#!/usr/bin/env bash
# National portal benchmark: `rapor portal build` over F generated facilities
# (examples/make_site.rs --portal F, seed 1, about 12 stories each), cold
# (output removed before each run), on a RAM disk.
#
#   bash bench/portal.sh                # F=500 facilities, 3 runs
#   F=100 RUNS=5 bash bench/portal.sh
#
# Reported: median wall time, CPU time and peak RSS of the portal build,
# and the time per facility.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
F="${F:-500}"
RUNS="${RUNS:-3}"
WORK="${WORK:-/dev/shm/rapor-bench-portal}"
mkdir -p "$WORK"
source "$repo/bench/lib.sh"

(cd "$repo" && cargo build --release --quiet --bin rapor --example make_site)
# Where cargo put them: CARGO_TARGET_DIR when it is set.
target="${CARGO_TARGET_DIR:-$repo/target}"
rapor="$target/release/rapor"
make_site="$target/release/examples/make_site"

dir="$WORK/portal-$F"
if [ ! -f "$dir/.made" ] || [ "$dir/.made" -ot "$make_site" ]; then
  "$make_site" "$dir" --portal "$F" --seed 1 --force | tail -1
  touch "$dir/.made"
fi
machine
measure "$RUNS" "portal build ($F facilities)" "rm -rf '$dir/output'" "$rapor" portal build --site "$dir"
wall="$(field "portal build ($F facilities)" 1)"
printf 'per facility: %.1f ms\n' "$(echo "$wall * 1000 / $F" | bc -l)"
