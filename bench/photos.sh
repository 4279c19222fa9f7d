#!/usr/bin/env bash
# Photo pipeline benchmark: rapor against Hugo (and Zola when $ZOLA names a
# binary) on the same synthetic 12-megapixel phone photos, the same widths
# (480, 960, 1600), JPEG quality 82 and the Lanczos filter, in one run.
#
#   bash bench/photos.sh            # 100 photos, 3 runs each, in /dev/shm
#   N=20 RUNS=1 bash bench/photos.sh
#
# Reports, per tool and mode, the median wall time, CPU time, peak RSS and
# photos per second, and rapor's speed-up over Hugo. Cold = output and every
# cache removed; warm = nothing changed since the previous build. It also
# times rapor on the same site without photos, to show what a warm photo
# cache adds to a build. Runs on a RAM disk: the ordinary disk here is slow
# and erratic for many small files.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Where cargo puts its binaries: CARGO_TARGET_DIR when it is set.
target="${CARGO_TARGET_DIR:-$repo/target}"
N="${N:-100}"
RUNS="${RUNS:-3}"
# Hugo needs minutes per cold run; HUGO_RUNS=1 keeps a full run short.
HUGO_RUNS="${HUGO_RUNS:-$RUNS}"
WORK="${WORK:-/dev/shm/rapor-bench-photos}"

command -v hugo >/dev/null || { echo "missing hugo: apt-get install -y hugo" >&2; exit 2; }

(cd "$repo" && cargo build --release --quiet --bin rapor --example make_photos)
rapor="$target/release/rapor"

mkdir -p "$WORK"
photos="$WORK/photos-$N"
if [ ! -f "$photos/foto-$(printf %03d $((N - 1))).jpg" ] || [ "$photos" -ot "$repo/examples/make_photos.rs" ]; then
  rm -rf "$photos"
  "$target/release/examples/make_photos" "$photos" "$N"
fi
echo "photos: $N in $photos ($(du -sh "$photos" | cut -f1))"

# --- the rapor site: one training bundle holding every photo ---------------
make_rapor_site() { # DIR WITH_PHOTOS
  local dir="$1" with="$2"
  rm -rf "$dir"
  mkdir -p "$dir/content/trainings/galeri" "$dir/content/partners"
  cat > "$dir/content/site.yaml" <<YAML
title: Bench
base_url: https://bench.example.org/
facility: { name: Bench Facility }
skills: { meubel: Meubel }
internal: { protect: false }
YAML
  {
    echo "---"
    echo "title: Galeri"
    echo "skill: meubel"
    echo "cycle: 2025-2"
    echo "start: 2025-10-01"
    echo "end: 2025-10-30"
    echo "participants: 10"
    if [ "$with" = 1 ]; then
      echo "photos:"
      for f in "$photos"/*.jpg; do
        echo "  - { src: $(basename "$f"), alt: Foto latihan, public: true }"
      done
    fi
    echo "---"
    echo "Bench."
  } > "$dir/content/trainings/galeri/index.md"
  if [ "$with" = 1 ]; then cp "$photos"/*.jpg "$dir/content/trainings/galeri/"; fi
}

# --- the Hugo site: one page bundle, every image resized to three widths ---
make_hugo_site() {
  local dir="$1"
  rm -rf "$dir"
  mkdir -p "$dir/content/galeri" "$dir/layouts/_default"
  cat > "$dir/hugo.toml" <<TOML
baseURL = "https://bench.example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[imaging]
  quality = 82
  resampleFilter = "lanczos"
TOML
  printf -- '---\ntitle: Galeri\n---\n' > "$dir/content/galeri/index.md"
  cp "$photos"/*.jpg "$dir/content/galeri/"
  cat > "$dir/layouts/_default/single.html" <<'HTML'
{{ range .Resources.ByType "image" }}{{ $a := .Resize "480x" }}{{ $b := .Resize "960x" }}{{ $c := .Resize "1600x" }}<img src="{{ $b.RelPermalink }}" srcset="{{ $a.RelPermalink }} 480w, {{ $b.RelPermalink }} 960w, {{ $c.RelPermalink }} 1600w">
{{ end }}
HTML
  echo '{{ range .Pages }}{{ .Title }}{{ end }}' > "$dir/layouts/_default/list.html"
  echo '{{ range .Site.RegularPages }}{{ .Title }}{{ end }}' > "$dir/layouts/index.html"
}

source "$repo/bench/lib.sh"

rsite="$WORK/rapor-site"
bare="$WORK/rapor-bare"
hsite="$WORK/hugo-site"
make_rapor_site "$rsite" 1
make_rapor_site "$bare" 0
make_hugo_site "$hsite"

machine
echo "rapor $("$rapor" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2)"
measure "$RUNS" "rapor cold" "rm -rf '$rsite/output' '$rsite/.rapor-cache'" "$rapor" build --site "$rsite"
measure "$RUNS" "rapor warm" ":" "$rapor" build --site "$rsite"
measure "$RUNS" "rapor without photos" ":" "$rapor" build --site "$bare"
measure "$HUGO_RUNS" "hugo cold" "rm -rf '$hsite/public' '$hsite/resources'" hugo --quiet --ignoreCache --source "$hsite"
measure "$HUGO_RUNS" "hugo warm" ":" hugo --quiet --source "$hsite"
if [ -n "${ZOLA:-}" ] && [ -x "${ZOLA}" ]; then
  echo "zola: set up a comparable site by hand; ZOLA is noted but not run by this script"
fi

wall_of() { field "$1" 1; }
rc="$(wall_of 'rapor cold')"; hc="$(wall_of 'hugo cold')"
rw="$(wall_of 'rapor warm')"; rb="$(wall_of 'rapor without photos')"
echo
printf 'rapor cold: %.1f photos/s; hugo cold: %.2f photos/s; rapor is %.1f× faster cold\n' \
  "$(echo "$N / $rc" | bc -l)" "$(echo "$N / $hc" | bc -l)" "$(echo "$hc / $rc" | bc -l)"
# GNU time counts in 10 ms steps: time the two fast builds with hyperfine.
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 3 -r 30 --export-json "$WORK/warm.json" \
    "$rapor build --site $rsite" "$rapor build --site $bare" >/dev/null
  read -r rw rb < <(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(r[0]['mean'], r[1]['mean'])" "$WORK/warm.json")
fi
printf 'rapor warm: %.1f ms against %.1f ms for the same site without photos (+%.1f ms); cold/warm = %.0f×\n' \
  "$(echo "$rw * 1000" | bc -l)" "$(echo "$rb * 1000" | bc -l)" "$(echo "($rw - $rb) * 1000" | bc -l)" "$(echo "$rc / $rw" | bc -l)"
