#!/usr/bin/env bash
# The side-by-side benchmark of docs/performance.md: claimcheck against Soufflé 2.5 on the
# same synthetic claims, 100k and 1M in one run, through ../shared/bench/side_by_side.sh
# (read-only; its README says how the data is made and checked). The modes:
#   souffle     Soufflé interpreter, -j1, on TSV facts
#   cc-cold     check --format json with no parse cache (parses the YAML, writes the pack)
#   cc-nocache  check --format json --no-cache (parses the YAML, no cache read or write)
#   cc-jsonl    check --no-cache on the JSON-lines form (`claimcheck export` of the same claims)
#   cc-warm     check --format json with the parse cache (.claimcheck-cache/parse.pack)
# Every claimcheck run's pairs are checked against the expected ones (EXACT or MISMATCH) by
# the shared script, which counts every pair across a finding's two sides; after each size
# the reports are checked again with scripts/bench_pairs.py, which reads the exact `pairs`
# a finding lists (the shared count gives a few extra pairs at 1M: see that script).
#
# Usage (from anywhere): bash scripts/side-by-side.sh [ROUNDS]      (default 3)
# Environment: SIZES (default "100000 1000000"), MODES, BENCH (the shared bench folder),
# and whatever side_by_side.sh reads (BENCH_SCRATCH, MAXBUSY, WAIT_S, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
BENCH=${BENCH:-../shared/bench}
ROUNDS=${1:-3}
export EXTRAS=0
export MODES=${MODES:-souffle cc-cold cc-nocache cc-jsonl cc-warm}
export CLAIMCHECK=${CLAIMCHECK:-$(pwd)/target/release/claimcheck}
# The JSON-lines form is made once from the current binary's export; drop an old one.
rm -f "${BENCH_SCRATCH:-/tmp/claimcheck-bench}"/cc/n*/jsonl/all.claims.jsonl
SCRATCH=$(realpath -m "${BENCH_SCRATCH:-/tmp/claimcheck-bench}")
for n in ${SIZES:-100000 1000000}; do
  log=$(mktemp)
  KEEP=1 bash "$BENCH/side_by_side.sh" "$n" "$ROUNDS" | tee "$log"
  run=$(dirname "$(sed -n 's/^rows: //p' "$log" | tail -1)")
  rm -f "$log"
  echo "exact pairs (scripts/bench_pairs.py, reports of the last round):"
  python3 scripts/bench_pairs.py "$run" "$SCRATCH/claims/n$n.expected.tsv" | tee "$run/exact.txt"
  rm -rf "$run"/*.report "$run"/cc-export.jsonl "$run"/*.out.d
done
