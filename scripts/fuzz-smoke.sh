#!/usr/bin/env bash
# A short fuzz run of every target in fuzz/ (cargo-fuzz, stable toolchain, no sanitizer),
# for CI: each target runs for FUZZ_SECONDS (default 20) from its committed seeds, one
# target at a time, on one core. Exits non-zero on the first crash, hang (over 10 s for
# one input) or build failure; the crashing input is left in fuzz/artifacts/<target>/.
#
#   scripts/fuzz-smoke.sh                  # every target, 20 s each
#   FUZZ_SECONDS=300 scripts/fuzz-smoke.sh claim_file
#
# Installs cargo-fuzz if it is missing. The fuzzer's new corpus entries go to a scratch
# folder, so a run leaves the repository clean (apart from fuzz/target and any artifact).
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

cargo fuzz build --sanitizer none

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

status=0
for target in "${targets[@]}"; do
    case "$target" in
        claim_file) dict=fuzz/dict/claims.dict ;;
        rules_file) dict=fuzz/dict/rules.dict ;;
        extract) dict=fuzz/dict/extract.dict ;;
        config_file) dict=fuzz/dict/config.dict ;;
        *) dict= ;;
    esac
    mkdir -p "$scratch/$target" "fuzz/artifacts/$target"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
          -artifact_prefix="fuzz/artifacts/$target/")
    [ -n "$dict" ] && args+=(-dict="$dict")
    echo "fuzz-smoke: $target for ${seconds}s" >&2
    log="$scratch/$target.log"
    # New corpus entries go to the scratch folder (the first one); the seeds are only read.
    if cargo fuzz run --sanitizer none "$target" "$scratch/$target" "fuzz/corpus/$target" \
        -- "${args[@]}" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        echo "fuzz-smoke: $target ok (${runs:-?} runs)" >&2
    else
        status=1
        echo "fuzz-smoke: $target FAILED; the end of its log:" >&2
        tail -n 40 "$log" >&2
    fi
done
exit "$status"
