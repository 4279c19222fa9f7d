# Shared by the benchmark scripts: source it after setting WORK.
#
# measure RUNS LABEL PREP CMD...: runs PREP (a shell snippet) then CMD under
# GNU time, RUNS times; prints and records "LABEL wall cpu rss_mb" with the
# medians (wall and CPU in seconds, peak resident memory in MB).

results=()

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing $1: $2" >&2; exit 2; }; }
[ -x /usr/bin/time ] || { echo "missing GNU time: apt-get install -y time" >&2; exit 2; }
need bc "apt-get install -y bc"

median() { sort -g | sed -n "$((($1 + 1) / 2))p"; }

measure() {
  local runs="$1" label="$2" prep="$3"
  shift 3
  local walls=() cpus=() rss=()
  for _ in $(seq "$runs"); do
    eval "$prep"
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || {
      echo "failed: $*" >&2
      cat "$WORK/stderr.txt" >&2
      exit 1
    }
    read -r wall user sys maxkb < "$WORK/time.txt"
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc -l)")
    rss+=("$((maxkb / 1024))")
  done
  local mw mc mr
  mw="$(printf '%s\n' "${walls[@]}" | median "$runs")"
  mc="$(printf '%s\n' "${cpus[@]}" | median "$runs")"
  mr="$(printf '%s\n' "${rss[@]}" | median "$runs")"
  results+=("$label|$mw|$mc|$mr")
  printf '%-28s wall %7.2f s  cpu %7.2f s  peak RSS %6d MB\n' "$label" "$mw" "$mc" "$mr"
}

# field LABEL N: the Nth figure (1 wall, 2 cpu, 3 rss) recorded for LABEL.
field() {
  local r
  for r in "${results[@]}"; do
    case "$r" in "$1|"*) echo "$r" | cut -d'|' -f$(($2 + 1));; esac
  done
}

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, work dir $WORK ($(df -h --output=fstype "$WORK" | tail -1 | xargs))"
}
