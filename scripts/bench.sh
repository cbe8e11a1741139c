#!/usr/bin/env bash
# Reproduces docs/performance.md: builds the release binary, then times every stage on
# synthetic corpora of 10k, 100k and 1M claims (100 claims per file), a hot subject, and
# the whole CLI (cold and warm parse cache, and after editing one file) with wall time and
# peak memory, and the extractor over 100 MB of article text.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
bin="$(pwd)/target/release/claimcheck"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== machine"; nproc; grep -m1 "model name" /proc/cpuinfo || true
echo "== stages (in-process; ms)"
"$bin" bench run --claims 10000,30000,100000,300000,1000000
echo "== hot subject: 20,000 claims on one subject and predicate, plus 100k ordinary claims"
"$bin" bench run --claims 100000 --hot 20000
echo "== whole CLI: check --format json|concise > /dev/null (wall s, peak KB)"
for n in 10000 100000 1000000; do
  "$bin" bench gen --claims "$n" --out "$work/c$n" > /dev/null
  ( cd "$work" && rm -rf .claimcheck-cache
    /usr/bin/time -f "$n claims, json, no cache:  %e s  %M KB" "$bin" check "c$n" --format json --no-cache > /dev/null || true
    "$bin" check "c$n" --format json > /dev/null || true
    /usr/bin/time -f "$n claims, json, warm cache: %e s  %M KB" "$bin" check "c$n" --format json > /dev/null || true
    /usr/bin/time -f "$n claims, concise, warm cache: %e s  %M KB" "$bin" check "c$n" --format concise > /dev/null || true
    # Edit one file (the first claim's year) and check again: only that file is parsed.
    sed -i '4s/valid: {at: [0-9]*}/valid: {at: 1999}/' "c$n/00001.claims.yaml"
    /usr/bin/time -f "$n claims, concise, one file edited: %e s  %M KB" "$bin" check "c$n" --format concise > /dev/null || true )
done 2>&1 | grep claims
echo "== extractor: 100 MB of article text (one document on one core; 100 x 1 MB on all cores)"
"$bin" bench extract --megabytes 100
