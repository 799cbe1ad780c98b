#!/usr/bin/env bash
# Checks that a refactoring left the reports alone: the bench of REV (default: HEAD~1, the
# commit before) and the bench of the working tree judge the same fixed results files
# (the recorded runs under Tests/YardstickTests/Results) and render them again from the
# results.json they wrote; every report, and what they print, must be byte for byte the same.
# results.json itself may differ only in its judgement's fields.
#
# Usage: Scripts/report-identity.sh [REV]   (debug builds: only bytes are compared, not timings)
# Exit code 0 when every file is the same, 1 when one differs, 2 when a build fails.
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-HEAD~1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone --quiet . "$work/old"
git -C "$work/old" checkout --quiet "$rev"
echo "== building bench at $rev and in the working tree (debug)"
(cd "$work/old" && swift build --product bench >"$work/old-build.log" 2>&1) || { tail -20 "$work/old-build.log"; exit 2; }
swift build --product bench >"$work/new-build.log" 2>&1 || { tail -20 "$work/new-build.log"; exit 2; }
old="$work/old/.build/debug/bench"
new="$(swift build --show-bin-path)/bench"
export YARDSTICK_NO_RELEASE_HANDOFF=1

recorded=Tests/YardstickTests/Results
pairs=("$recorded/Shards/baseline.json $recorded/Shards/current.json"
       "$recorded/Recorded/baseline-full.json $recorded/Recorded/fresh-update.json")
reports=(report.md report.html junit.xml metrics.prom)
status=0
same() {  # same LABEL FILE_A FILE_B
    if cmp -s "$2" "$3"; then echo "same     $1"; else echo "DIFFERS  $1"; status=1; fi
}
for index in "${!pairs[@]}"; do
    read -r baseline current <<<"${pairs[$index]}"
    for side in old new; do
        bench="${!side}"
        # Exit 1 is expected: the recorded runs hold regressions.
        "$bench" compare "$baseline" "$current" --output "$work/$side-$index" >"$work/$side-$index.out" 2>&1 || true
    done
    same "pair $index: console" "$work/old-$index.out" "$work/new-$index.out"
    for file in "${reports[@]}"; do same "pair $index: compare's $file" "$work/old-$index/$file" "$work/new-$index/$file"; done
    # The old file rendered by both, and the new file by the new bench (an older bench need not
    # read what a newer one writes).
    for pair in old-old new-old new-new; do
        reader="${pair%-*}"
        bench="${!reader}"
        "$bench" report --from "$work/${pair#*-}-$index/results.json" --output "$work/report-$pair-$index" >/dev/null 2>&1
    done
    for file in "${reports[@]}"; do
        same "pair $index: $file of the old file, by old and new" "$work/report-old-old-$index/$file" "$work/report-new-old-$index/$file"
        same "pair $index: $file of the new file, by new, against old" "$work/report-old-old-$index/$file" "$work/report-new-new-$index/$file"
    done
    python3 - "$work/old-$index/results.json" "$work/new-$index/results.json" <<'PY' || status=1
import json, sys
old, new = (json.load(open(path)) for path in sys.argv[1:])
old.pop("judgement", None), new.pop("judgement", None)
print("same     results.json beyond its judgement" if old == new else "DIFFERS  results.json beyond its judgement")
sys.exit(0 if old == new else 1)
PY
done
exit $status
