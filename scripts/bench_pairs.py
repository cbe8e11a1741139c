#!/usr/bin/env python3
"""Re-checks the claimcheck reports of one side-by-side run (../shared/bench, run with
KEEP=1) against the expected pairs, reading each finding's exact `pairs` when it lists
them.

The shared claimcheck_pairs.py counts every pair across a finding's two sides; since
claimcheck lists the exact pairs of a finding whose sides do not all clash (`pairs`),
that over-counts a few pairs at 1M (two planted pairs of one subject and predicate whose
times do not overlap, reported as one clash). This reads `pairs` first, then the sides.

Usage: python3 scripts/bench_pairs.py RUN_DIR EXPECTED.tsv
Prints one line per report: MODE EXACT|MISMATCH (counts and the first differences).
"""
import glob
import json
import os
import sys

KIND = {"CC101": "polarity", "CC102": "functional"}


def pairs(report):
    with open(report) as fh:
        r = json.load(fh)
    out = set()
    for f in r["findings"]:
        kind = KIND.get(f["code"])
        if kind is None:
            continue
        if f.get("pairs"):
            found = [tuple(sorted(p)) for p in f["pairs"]]
        elif f.get("positions") and len(f["positions"]) == 2:
            a, b = ([c["id"] for c in s["claims"]] for s in f["positions"])
            found = [tuple(sorted((x, y))) for x in a for y in b]
        else:
            found = [tuple(sorted(c["id"] for c in f["claims"]))]
        out.update((kind, *p) for p in found)
    return out


def main():
    run, expected = sys.argv[1], sys.argv[2]
    with open(expected) as fh:
        exp = {tuple(l.split()) for l in fh if l.strip()}
    for report in sorted(glob.glob(os.path.join(run, "cc-*.report"))):
        mode = os.path.basename(report)[: -len(".report")]
        got = pairs(report)
        verdict = "EXACT" if got == exp else "MISMATCH"
        print(f"{mode} {verdict}: {len(got)} pairs, expected {len(exp)}; "
              f"missing {len(exp - got)}, extra {len(got - exp)} {sorted(got ^ exp)[:3]}")


if __name__ == "__main__":
    main()
