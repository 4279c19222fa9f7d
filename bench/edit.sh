#!/usr/bin/env bash
# Save-to-preview latency of `rapor edit` on the example site: change a
# training's title through the editor's save request SAVES times and measure
# the time from sending the save until the preview serves the new title
# (the save answers once the whole site is checked in memory, the file is
# written and the previews are rebuilt). Target: p50 under 300 ms.
#
#   bash bench/edit.sh                # SAVES=40
#   RAPOR=target/debug/rapor bash bench/edit.sh   # another binary, not rebuilt
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Where cargo puts its binaries: CARGO_TARGET_DIR when it is set.
target="${CARGO_TARGET_DIR:-$repo/target}"
SAVES="${SAVES:-40}"
WORK="${WORK:-/dev/shm/rapor-bench-edit}"

if [ -n "${RAPOR:-}" ]; then
  rapor="$(cd "$(dirname "$RAPOR")" && pwd)/$(basename "$RAPOR")"
else
  (cd "$repo" && cargo build --release --quiet --bin rapor)
  rapor="$target/release/rapor"
fi
rm -rf "$WORK"
mkdir -p "$WORK/site"
cp -a "$repo/content" "$repo/themes" "$WORK/site/"

log="$WORK/edit.log"
"$rapor" edit --no-open --port 0 --site "$WORK/site" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1200); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/[0-9a-f]*/' "$log" | head -1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the editor did not start"; cat "$log"; exit 1; }

python3 - "$url" "$SAVES" <<'PY'
import statistics, sys, time, urllib.parse, urllib.request
url, saves = sys.argv[1], int(sys.argv[2])
origin = url.split("/", 3)[:3]
origin = "/".join(origin)
token = url.rstrip("/").rsplit("/", 1)[1]
def save(title):
    body = urllib.parse.urlencode({"title": title}).encode()
    req = urllib.request.Request(url + "record/training/barbershop-2025", data=body, method="POST", headers={
        "Origin": origin, "X-Rapor-Token": token, "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req) as r:
        assert r.status == 200, r.status
def preview():
    with urllib.request.urlopen(url + "preview/public/trainings/barbershop-2025/index.html") as r:
        return r.read().decode()
save("Pelatihan Barbershop (pemanasan)")
times = []
for i in range(saves):
    title = f"Pelatihan Barbershop {i}"
    start = time.perf_counter()
    save(title)
    while title not in preview():
        time.sleep(0.002)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
print(f"edit example: save to updated preview, {saves} saves: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms")
PY
