#!/usr/bin/env bash
# Validate every generated HTML page (and CSS file) with the Nu Html Checker.
#
# Usage: bash tests/web/vnu.sh SITE_DIR [SITE_DIR...]
#
# Runs vnu.jar ONCE over the explicit list of *.html files (and *.css files,
# see VNU_CHECK_CSS) found under the given directories, errors only.
# Exits 0 when there is no error, 1 when vnu reports any error, 2 on a usage
# or setup problem (java or vnu.jar missing, no HTML file found).
#
# Environment:
#   VNU_JAR        path to vnu.jar (default: tests/web/node_modules/vnu-jar/build/dist/vnu.jar)
#   JAVA           java executable (default: java on PATH)
#   VNU_CHECK_CSS  1 (default) also validate *.css files; 0 to skip them
#   VNU_CHECK_SVG  1 also validate standalone *.svg files; 0 (default) to skip
#   VNU_TIMEOUT    seconds before vnu is killed (default 600)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${VNU_JAR:-$here/node_modules/vnu-jar/build/dist/vnu.jar}"
java_bin="${JAVA:-java}"
check_css="${VNU_CHECK_CSS:-1}"
check_svg="${VNU_CHECK_SVG:-0}"
vnu_timeout="${VNU_TIMEOUT:-600}"

die() { echo "vnu.sh: error: $*" >&2; exit 2; }

[ "$#" -ge 1 ] || die "usage: vnu.sh SITE_DIR [SITE_DIR...]"
command -v "$java_bin" >/dev/null 2>&1 \
  || die "java not found ('$java_bin'); install a JRE >= 11 (e.g. apt-get install default-jre-headless)"
[ -f "$jar" ] \
  || die "vnu.jar not found at $jar; run 'npm ci' in tests/web (package vnu-jar)"

html=()
css=()
svg=()
for dir in "$@"; do
  [ -d "$dir" ] || die "not a directory: $dir"
  while IFS= read -r -d '' f; do html+=("$f"); done \
    < <(find "$dir" -type f -name '*.html' -print0 | sort -z)
  while IFS= read -r -d '' f; do css+=("$f"); done \
    < <(find "$dir" -type f -name '*.css' -print0 | sort -z)
  while IFS= read -r -d '' f; do svg+=("$f"); done \
    < <(find "$dir" -type f -name '*.svg' -print0 | sort -z)
done

[ "${#html[@]}" -gt 0 ] || die "no *.html file found under: $*"

args=(--errors-only --format gnu)
files=("${html[@]}")
what="${#html[@]} HTML"
if [ "$check_css" = "1" ] && [ "${#css[@]}" -gt 0 ]; then
  args+=(--also-check-css)
  files+=("${css[@]}")
  what="$what + ${#css[@]} CSS"
fi
if [ "$check_svg" = "1" ] && [ "${#svg[@]}" -gt 0 ]; then
  args+=(--also-check-svg)
  files+=("${svg[@]}")
  what="$what + ${#svg[@]} SVG"
fi

echo "vnu: checking $what file(s) under: $*"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
start=$SECONDS
rc=0
# vnu writes its messages to stderr; collect both streams.
timeout --kill-after=10 "$vnu_timeout" \
  "$java_bin" -Xss4m -jar "$jar" "${args[@]}" -- "${files[@]}" >"$out" 2>&1 || rc=$?
elapsed=$((SECONDS - start))

if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  cat "$out"
  echo "vnu: FAILED: timed out after ${vnu_timeout}s"
  exit 1
fi

# Strip the file: URL prefix (and the current directory) so paths read as
# plain, short paths.
cwd_re="$(printf '%s/' "$(pwd)" | sed -e 's/[]\/$*.^[]/\\&/g')"
sed -e 's#^"file:\([^"]*\)"#\1#' -e "s/^$cwd_re//" "$out" >"$out.clean" && mv "$out.clean" "$out"
nerr="$(grep -c -E ': (error|fatal|non-document-error)' "$out" || true)"

if [ "$rc" -ne 0 ] || [ -s "$out" ]; then
  cat "$out"
  if [ "$nerr" -eq 0 ]; then
    echo "vnu: FAILED: vnu exited with status $rc and reported no error line (${elapsed}s)"
    echo "vnu: 0 passed, ${#files[@]} failed"
  else
    nfiles="$(grep -E ': (error|fatal|non-document-error)' "$out" | sed -E 's/^([^:]*):.*/\1/' | sort -u | wc -l)"
    echo "vnu: FAILED: $nerr error(s) in $nfiles file(s) (${#files[@]} checked, ${elapsed}s)"
    echo "vnu: $(( ${#files[@]} - nfiles )) passed, $nfiles failed"
  fi
  exit 1
fi

echo "vnu: ok: ${#files[@]} file(s), 0 errors (${elapsed}s)"
echo "vnu: ${#files[@]} passed, 0 failed"
