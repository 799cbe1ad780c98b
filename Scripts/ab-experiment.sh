#!/usr/bin/env bash
# A/A and A/B experiments for the side-by-side gate, `bench ab`, on this commit.
#
# In a scratch clone of HEAD, with `bench ab --base-ref HEAD` (the base exported with git archive
# and built in its own folder; the head built from the clone's working tree in another):
# 1. A/A: the working tree unchanged: two independent builds of one commit.
# 2. A/A, layout only: the working tree with a no-op change that moves code (an unused public
#    function added at the top of two files of ServerComponents).
# 3. A/B: the working tree with Benchmarks/Slowdown.swift's compiled factor set to 1.1, which
#    makes harness.arithmetic.1x and .2x, harness.dictionary, cache.get and validation.simple
#    10% slower, and nothing else.
# Each is RUNS runs of `bench ab` with its default settings. Then it counts, per experiment and
# benchmark, the verdicts; false regressions and improvements in the A/As; detections of the
# slowed benchmarks in the A/B, with their minimum detectable changes; and each run's whole
# time without the builds (the builds are cached after the first run of each experiment).
#
# Usage: Scripts/ab-experiment.sh [RUNS] [FILTER] [KEEP]
#   RUNS    runs per experiment (default 10)
#   FILTER  a --filter pattern (default: every suite)
#   KEEP    a folder to keep every run's reports in (default: a temporary folder, deleted)
# Needs git, a Swift toolchain and python3. Takes about 10 minutes a run of all suites'
# three experiments on a 2-core VM, plus three builds. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
filter="${2:-}"
keep="${3:-}"
repository="$(pwd)"
swift build -c release --product bench >/dev/null
bench="$repository/.build/release/bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="${keep:-$work/results}"
mkdir -p "$results"

git clone --quiet --no-hardlinks "$repository" "$work/clone"
git -C "$work/clone" checkout --quiet --detach "$(git rev-parse HEAD)"

run_series() {  # name
    for i in $(seq 1 "$runs"); do
        output="$results/$1/$i"
        mkdir -p "$output"
        status=0
        start=$(date +%s.%N)
        "$bench" ab --base-ref HEAD --package-path "$work/clone" ${filter:+--filter "$filter"} --quiet \
            --output "$output" > "$output/verdicts.txt" 2> "$output/stderr.txt" || status=$?
        end=$(date +%s.%N)
        echo "$status" > "$output/exit-code"
        echo "$start $end" > "$output/wall-seconds"
        echo "$1 run $i: exit code $status, $(python3 -c "print(f'{$end - $start:.0f} s')")" >&2
    done
}

noop() {  # an unused public function at the top of a file: code after it moves
    file="$work/clone/$1"
    { echo "public func abExperimentUnused$2(_ x: Int) -> Int { x &* 31 &+ $2 }"; cat "$file"; } > "$file.new"
    mv "$file.new" "$file"
}

# A first untimed build of each head, so that no series' first run pays for it.
prepare() { "$bench" ab --base-ref HEAD --package-path "$work/clone" --processes 2 --filter '^harness\.empty$' --quiet --output "$work/warm" >/dev/null 2>&1 || true; }

prepare
run_series aa
noop Sources/ServerComponents/Validation/Schema+Validation.swift 1
noop Sources/ServerComponents/Cache/LRUCache.swift 2
prepare
run_series layout
git -C "$work/clone" checkout --quiet -- .
sed -i 's/static let compiledFactor = 1.0/static let compiledFactor = 1.1/' "$work/clone/Benchmarks/Slowdown.swift"
grep -q "compiledFactor = 1.1" "$work/clone/Benchmarks/Slowdown.swift"
prepare
run_series ab

python3 - "$results" "$runs" <<'PY'
import collections, json, statistics, sys
results, runs = sys.argv[1], int(sys.argv[2])
slowed = ["harness.arithmetic.1x", "harness.arithmetic.2x", "harness.dictionary", "cache.get", "validation.simple"]
def series(name):
    verdicts, detectable, exits, seconds = collections.defaultdict(collections.Counter), collections.defaultdict(list), collections.Counter(), []
    for i in range(1, runs + 1):
        folder = f"{results}/{name}/{i}"
        exits[open(f"{folder}/exit-code").read().strip()] += 1
        start, end = map(float, open(f"{folder}/wall-seconds").read().split())
        seconds.append(end - start)
        try:
            head = json.load(open(f"{folder}/results.json"))
        except FileNotFoundError:
            continue
        for b in head["judgement"]["benchmarks"]:
            verdicts[b["name"]][b["verdict"]] += 1
            for c in b["comparisons"]:
                if c["metric"] == "p50":
                    detectable[b["name"]].append(c["noise"].get("detectable", float("nan")))
    return verdicts, detectable, exits, seconds
kinds = ["unchanged", "noisy", "layout-shift", "improved", "regressed", "incomparable", "error"]
table = {}
for name, title in (("aa", "A/A: two builds of one commit"), ("layout", "A/A: a no-op change that moves code"), ("ab", "A/B: five benchmarks 10% slower")):
    verdicts, detectable, exits, seconds = series(name)
    table[name] = detectable
    print(f"{title}: {runs} runs; exit codes {dict(sorted(exits.items()))}; whole run without builds: median {statistics.median(seconds):.0f} s, "
          f"longest {max(seconds):.0f} s")
    print(f"  {'benchmark':40}" + "".join(f"{k:>13}" for k in kinds) + "   noise (median)")
    for bench in sorted(verdicts):
        noise = statistics.median(detectable[bench]) if detectable[bench] else float("nan")
        print(f"  {bench:40}" + "".join(f"{verdicts[bench][k]:>13}" for k in kinds) + f"   {noise:8.2%}")
    if name != "ab":
        print(f"  false regressions: {sum(c['regressed'] for c in verdicts.values())}; false improvements: {sum(c['improved'] for c in verdicts.values())}")
    else:
        for bench in slowed:
            noise = statistics.median(detectable[bench]) if detectable[bench] else float("nan")
            print(f"  {bench}: regressed in {verdicts[bench]['regressed']} of {runs}; noise {noise:.2%}")
        others = sum(c["regressed"] for b, c in verdicts.items() if b not in slowed)
        print(f"  regressions of benchmarks the knob does not touch: {others}")
    print()
aa = table["aa"]
noise = {b: statistics.median(v) for b, v in aa.items() if v}
print(f"minimum detectable change with the default settings (median over the A/A runs): "
      f"{sum(v <= 0.10 for v in noise.values())} of {len(noise)} benchmarks at 10% or less, {sum(v <= 0.08 for v in noise.values())} at 8% or less")
PY
if [ -n "$keep" ]; then echo "reports kept in $keep"; fi
