#!/usr/bin/env bash
# Reproduces the HTML report's numbers in docs/performance.md: builds the release binary,
# writes the HTML report of a synthetic corpus (100k claims by default), and opens it in
# headless chromium: the page's size, the time to render it (wall time of `--screenshot`,
# browser start included, and the page's own load and first-paint times from
# `performance.now()`), and the same with every collapsed part opened.
#   scripts/html-bench.sh [CLAIMS]
set -euo pipefail
cd "$(dirname "$0")/.."
claims="${1:-100000}"
cargo build --release --locked -q
bin="$(pwd)/target/release/claimcheck"
chrome="$(command -v chromium || command -v chromium-browser)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== machine"; nproc; grep -m1 "model name" /proc/cpuinfo || true; uptime
"$bin" bench gen --claims "$claims" --out "$work/corpus" > /dev/null
cd "$work"
/usr/bin/time -f "check + HTML report: %e s, %M KB" "$bin" check corpus --format html --no-cache > report.html || true
echo "report.html: $(stat -c %s report.html) bytes"
grep -o 'This report is large[^;]*' report.html || true
run() { "$chrome" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" "$@" 2>&1; }
for i in 1 2 3; do
  /usr/bin/time -f "chromium --screenshot (wall, browser start included): %e s" \
    "$chrome" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
    --screenshot="$work/shot.png" --window-size=1280,1600 "file://$work/report.html" 2>&1 | grep wall
done
# The page's own timing: the same page without its policy, plus a probe that logs the
# load event and the first frame after it.
probe='<script>addEventListener("load",function(){var t=performance.now();requestAnimationFrame(function(){setTimeout(function(){console.log("TIMING load="+Math.round(t)+" ms, painted="+Math.round(performance.now())+" ms")},0)})})</script>'
sed -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' -e "s#</body>#$probe</body>#" report.html > probe.html
sed -e 's/<details class="rest">/<details class="rest" open>/g' probe.html > open.html
for page in probe open; do
  for i in 1 2 3; do
    echo "$page: $(run --enable-logging=stderr --v=0 --screenshot="$work/p.png" --window-size=1280,1600 "file://$work/$page.html" | grep -o 'TIMING[^"]*')"
  done
done
