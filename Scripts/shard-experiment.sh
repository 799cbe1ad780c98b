#!/usr/bin/env bash
# How much a matrix of shards saves, and whether the shards add up to the unsharded run.
#
# 1. Builds release bench once.
# 2. Runs `bench run` over the selection (default: every suite), timing the whole process.
# 3. Runs `bench run --shard 1/3`, `2/3` and `3/3`, each a process of its own timed as a whole,
#    each into its own folder. One after another, not at once: this VM has 2 cores, and three
#    shards at once would share them and slow each other down, so their times would say nothing
#    about a matrix, whose shards each have a runner of their own.
# 4. Merges the three folders with `bench merge`, timed too.
# 5. Checks with python3 that the merged results.json holds every benchmark of the unsharded
#    run exactly once and nothing else, that every suite was measured in one shard only, and
#    that each shard's results.json names its shard.
# 6. Prints the unsharded run's seconds, each shard's, the longest shard (what a matrix of three
#    runners would take to measure, builds aside), the sum of the shards and the ratio of the
#    longest shard to the unsharded run.
#
# Every run is judged against the default baseline, whose recorded durations balance the shards
# (on a machine of another kind it refuses: exit code 2). A verdict (exit code 1) does not stop
# the experiment; exit code 2 from any run or the merge does.
#
# Usage: Scripts/shard-experiment.sh [FILTER] [KEEP]
#   FILTER  a --filter pattern (default: every suite)
#   KEEP    a folder to keep every run's reports and timings in (default: a temporary folder, deleted)
# Needs a Swift toolchain and python3. Measures the selection twice: for every suite, about
# twice the time of one `bench run`. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

filter="${1:-}"
keep="${2:-}"
shards=3
swift build -c release --product bench >/dev/null
bench="$(pwd)/.build/release/bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="${keep:-$work/results}"
mkdir -p "$results"
selection=()
if [ -n "$filter" ]; then
    selection=(--filter "$filter")
fi

timed() {  # name, command...: runs the command as one process; its wall time and exit code go beside its output
    local name="$1" status=0 start end
    shift
    start=$(date +%s.%N)
    "$@" >"$results/$name.stdout" 2>"$results/$name.stderr" || status=$?
    end=$(date +%s.%N)
    echo "$start $end" >"$results/$name.seconds"
    echo "$status" >"$results/$name.exit-code"
    echo "$name: exit code $status, $(python3 -c "print(f'{$end - $start:.1f} s')")" >&2
    if [ "$status" -gt 1 ]; then
        cat "$results/$name.stderr" >&2
        echo "shard-experiment: $name ended with exit code $status; stopping" >&2
        exit 2
    fi
}

timed unsharded "$bench" run --quiet "${selection[@]}" --output "$results/unsharded"
folders=()
for i in $(seq 1 "$shards"); do
    timed "shard-$i" "$bench" run --quiet "${selection[@]}" --shard "$i/$shards" --output "$results/shard-$i"
    folders+=("$results/shard-$i")
done
timed merged "$bench" merge "${folders[@]}" --output "$results/merged"

python3 - "$results" "$shards" <<'PY'
import collections, json, sys
results, shards = sys.argv[1], int(sys.argv[2])

def load(name):
    with open(f"{results}/{name}/results.json") as file:
        return json.load(file)

def seconds(name):
    start, end = map(float, open(f"{results}/{name}.seconds").read().split())
    return end - start

def exit_code(name):
    return open(f"{results}/{name}.exit-code").read().strip()

def names(document):
    return [b["name"] for b in document["benchmarks"]]

problems = []
unsharded = names(load("unsharded"))
merged = collections.Counter(names(load("merged")))
for name in sorted(set(unsharded) - set(merged)):
    problems.append(f"merged results.json lacks {name}")
for name, times in sorted(merged.items()):
    if name not in unsharded:
        problems.append(f"merged results.json has {name}, which the unsharded run did not measure")
    elif times > 1:
        problems.append(f"merged results.json has {name} {times} times")

suites = collections.defaultdict(set)
for i in range(1, shards + 1):
    document = load(f"shard-{i}")
    for benchmark in document["benchmarks"]:
        suites[benchmark.get("suite", benchmark["name"].split(".")[0])].add(i)
    shard = document.get("shard") or {}
    if (shard.get("index"), shard.get("count")) != (i, shards):
        problems.append(f"shard-{i}/results.json says it is shard {shard.get('index')}/{shard.get('count')}, not {i}/{shards}")
    elif shard.get("benchmarks") != names(document):
        problems.append(f"shard-{i}/results.json measured {names(document)} but was given {shard.get('benchmarks')}")
for suite, where in sorted(suites.items()):
    if len(where) > 1:
        problems.append(f"suite {suite} was measured in shards {sorted(where)}, not in one")

for problem in problems:
    print(f"shard-experiment: {problem}")
if problems:
    sys.exit(1)

whole = seconds("unsharded")
parts = [seconds(f"shard-{i}") for i in range(1, shards + 1)]
print(f"{len(unsharded)} benchmarks in {len(suites)} suites: merged results cover each exactly once; every shard names itself")
print(f"unsharded:            {whole:7.1f} s  (exit code {exit_code('unsharded')})")
for i, part in enumerate(parts, start=1):
    print(f"shard {i}/{shards}:            {part:7.1f} s  ({len(load(f'shard-{i}')['benchmarks'])} benchmarks, exit code {exit_code(f'shard-{i}')})")
print(f"longest shard:        {max(parts):7.1f} s  (what a matrix of {shards} runners takes to measure, builds aside)")
print(f"sum of shards:        {sum(parts):7.1f} s")
print(f"merge:                {seconds('merged'):7.1f} s  (exit code {exit_code('merged')})")
print(f"longest / unsharded:  {max(parts) / whole:7.2f}")
PY
