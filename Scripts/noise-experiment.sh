#!/usr/bin/env bash
# A/A and A/B experiment for the regression gate, on the harness suite.
#
# 1. Records a baseline of the harness suite in PROCESSES processes (as the nightly job does).
# 2. A/A: runs the unchanged suite RUNS times, each a new process judged against the baseline.
# 3. A/B: runs it RUNS times more with YARDSTICK_SLOWDOWN=1.1, which makes both arithmetic
#    benchmarks and the dictionary benchmark 10% slower (Benchmarks/Slowdown.swift).
# 4. Counts the verdicts: a regression in A/A is a false alarm; a regression of an arithmetic
#    benchmark in A/B is a detection (the memory-bound dictionary is reported apart: against a
#    stored baseline it is expected to be noisy).
#
# Usage: Scripts/noise-experiment.sh [RUNS] [PROCESSES]     (defaults: 20 and 5)
# Needs a Swift toolchain and python3. Takes about a minute on a 2-core VM.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
processes="${2:-5}"
swift build -c release --product bench >/dev/null
bench=.build/release/bench
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
filter='^harness\.'

"$bench" baseline update --filter "$filter" --processes "$processes" --baselines "$work/baselines" --quiet >/dev/null

run_series() {  # name, slowdown
    for i in $(seq 1 "$runs"); do
        status=0
        YARDSTICK_SLOWDOWN="$2" "$bench" run --quiet --filter "$filter" \
            --baselines "$work/baselines" --output "$work/$1/$i" >/dev/null || status=$?
        echo "$status" > "$work/$1/$i/exit-code"
    done
}
run_series aa 1.0
run_series ab 1.1

python3 - "$work" "$runs" "$processes" <<'PY'
import json, sys, collections
work, runs, processes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
arithmetic = {"harness.arithmetic.1x", "harness.arithmetic.2x"}
def series(name):
    verdicts, exits = collections.defaultdict(collections.Counter), collections.Counter()
    for i in range(1, runs + 1):
        results = json.load(open(f"{work}/{name}/{i}/results.json"))
        for b in results["judgement"]["benchmarks"]:
            verdicts[b["name"]][b["verdict"]] += 1
        exits[open(f"{work}/{name}/{i}/exit-code").read().strip()] += 1
    return verdicts, exits
kinds = ["unchanged", "noisy", "improved", "regressed"]
for name, title in (("aa", "A/A: unchanged code"), ("ab", "A/B: arithmetic 10% slower")):
    verdicts, exits = series(name)
    print(f"{title}: {runs} runs against a {processes}-process baseline; exit codes {dict(sorted(exits.items()))}")
    print(f"  {'benchmark':24}" + "".join(f"{k:>11}" for k in kinds))
    for bench in sorted(verdicts):
        print(f"  {bench:24}" + "".join(f"{verdicts[bench][k]:>11}" for k in kinds))
    total = sum(sum(c.values()) for c in verdicts.values())
    if name == "aa":
        false_alarms = sum(c["regressed"] for c in verdicts.values())
        noisy = sum(c["noisy"] for c in verdicts.values())
        print(f"  false regressions: {false_alarms} of {total} comparisons; noisy: {noisy} of {total}")
    else:
        detected = sum(verdicts[b]["regressed"] for b in arithmetic)
        others = sum(c["regressed"] for b, c in verdicts.items() if b not in arithmetic | {"harness.dictionary"})
        print(f"  detections: {detected} of {runs * len(arithmetic)} (arithmetic 1x and 2x); "
              f"dictionary regressed {verdicts['harness.dictionary']['regressed']} of {runs}; regressions elsewhere: {others}")
    print()
PY
