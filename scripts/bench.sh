#!/usr/bin/env bash
# Reproduces docs/performance.md: builds the release binary, then times every stage on
# synthetic corpora of 10k, 100k and 1M claims (100 claims per file), a hot subject, and
# the whole CLI (cold and warm parse cache) with wall time and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
bin="$(pwd)/target/release/claimcheck"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== machine"; nproc; grep -m1 "model name" /proc/cpuinfo || true
echo "== stages (in-process; ms)"
"$bin" bench run --claims 10000,100000,1000000
echo "== hot subject: 20,000 claims on one subject and predicate, plus 100k ordinary claims"
"$bin" bench run --claims 100000 --hot 20000
echo "== whole CLI: check --format json > /dev/null (wall s, peak KB)"
for n in 10000 100000 1000000; do
  "$bin" bench gen --claims "$n" --out "$work/c$n" > /dev/null
  ( cd "$work" && rm -rf .claimcheck-cache
    /usr/bin/time -f "$n claims, no cache:  %e s  %M KB" "$bin" check "c$n" --format json --no-cache > /dev/null || true
    "$bin" check "c$n" --format json > /dev/null || true
    /usr/bin/time -f "$n claims, warm cache: %e s  %M KB" "$bin" check "c$n" --format json > /dev/null || true )
done 2>&1 | grep claims
