#!/usr/bin/env bash
# Measures every suite (or FILTER) in N processes, one after another, with nothing changed, and
# writes one JSON line per process and benchmark: its round medians. The input of
# Scripts/estimator-study.py. Each process runs from a fresh copy of the release executable, as
# `bench ab` runs them, so that no two processes share the physical pages of their code.
#
# Usage: Scripts/collect-processes.sh N OUT.jsonl [FILTER]
# Needs a Swift toolchain and python3. About 6 seconds a process of every suite on a 2-core VM;
# run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:?usage: Scripts/collect-processes.sh N OUT.jsonl [FILTER]}"
out="${2:?usage: Scripts/collect-processes.sh N OUT.jsonl [FILTER]}"
filter="${3:-}"
swift build -c release --product bench >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$count"); do
    cp .build/release/bench "$work/bench-$i"
    "$work/bench-$i" run --no-baseline --quiet ${filter:+--filter "$filter"} --output "$work/$i" >/dev/null
    rm "$work/bench-$i"
    echo "process $i of $count" >&2
done
python3 - "$work" "$count" > "$out.tmp" <<'PY'
import json, sys
work, count = sys.argv[1], int(sys.argv[2])
for i in range(1, count + 1):
    for b in json.load(open(f"{work}/{i}/results.json"))["benchmarks"]:
        if b.get("failure"):
            continue
        medians = [r["percentiles"]["p50"] for r in b["rounds"]]
        print(json.dumps({"process": i, "benchmark": b["name"], "isControl": b["configuration"].get("isControl", False),
                          "roundMediansNs": medians}, separators=(",", ":")))
PY
mv "$out.tmp" "$out"
echo "wrote $out" >&2
