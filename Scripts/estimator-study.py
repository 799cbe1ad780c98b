#!/usr/bin/env python3
"""Which per-process value should a side-by-side comparison rank? A resampling study.

Reads processes that measured every suite with nothing changed, splits them at random into a
"base" and a "head" group of N processes, and for each benchmark and candidate estimator counts
  false: the U test finds a change beyond the tolerance between the two unchanged groups;
  power: it finds a +SHIFT change after the head group's benchmark (not its control) is slowed.
The test is held to alpha over the suite's number of benchmarks that are not controls: the level
Holm's correction demands of a lone change, as bench ab does.

Candidates, per process, from its round medians:
  median        the median round
  p25           the lower quartile of the rounds
  fastest       the fastest round
  ratio         the fastest round over a control's fastest round in the same process
  round-ratio   the median over rounds of the round over the control's round of the same number
  chosen        bench ab's rule: of fastest and the two ratios to each control, the one with the
                smallest minimum detectable change in the split's own processes (centred per group)

Inputs (any mix):
  FILE.jsonl    one line per process and benchmark: {"process", "benchmark", "isControl",
                "roundMediansNs"}, as Scripts/collect-processes.sh writes them; optionally
                "population" (processes of one population are split together)
  --ab DIR      the reports Scripts/ab-experiment.sh kept: every A/A run's 24 processes (base and
                head alike, since nothing changed) form one population
  --pairs FILE  measured base and head processes of real changes, one line per process and
                benchmark: {"experiment", "side", "pair", "benchmark", "roundMediansNs"}; printed
                as each estimator's change and p-value per experiment and benchmark (no resampling)
Controls are the benchmarks a line or a results file marks "isControl"; load such data first.

  --process-spread  instead of the study: per benchmark, how far apart its processes' fastest
                rounds lie (slowest over fastest process), then the largest and the median

Usage: estimator-study.py [FILE ...] [--ab DIR] [--pairs FILE] [--n 12] [--rounds R] [--shift 0.10]
                          [--alpha 0.01] [--tolerance 0.05] [--trials 200] [--process-spread]
Needs numpy and scipy. Prints a Markdown table: a row per benchmark, then the counts per estimator.
"""
import argparse, collections, glob, json, math, os
import numpy as np
from scipy.stats import norm

CONTROLS = set()  # the benchmarks the data marks as controls (isControl)

def is_control(name):
    return name in CONTROLS

def load_jsonl(path, rounds):
    data = collections.defaultdict(lambda: collections.defaultdict(dict))  # population -> benchmark -> process -> rounds
    for line in open(path):
        r = json.loads(line)
        if r.get("isControl"):
            CONTROLS.add(r["benchmark"])
        data[f"{path}:{r.get('population', 0)}"][r["benchmark"]][r["process"]] = np.array(r["roundMediansNs"][:rounds], dtype=float)
    return data

def load_ab(folder, rounds, experiment="aa"):
    data = collections.defaultdict(lambda: collections.defaultdict(dict))
    for run in sorted(glob.glob(os.path.join(folder, experiment, "*"))):
        for side, file in (("base", "base.json"), ("head", "results.json")):
            path = os.path.join(run, file)
            if not os.path.exists(path):
                continue
            for b in json.load(open(path))["benchmarks"]:
                if b.get("failure"):
                    continue
                if b["configuration"].get("isControl"):
                    CONTROLS.add(b["name"])
                by_process = collections.defaultdict(list)
                for r in b["rounds"]:
                    by_process[r["process"]].append(r["percentiles"]["p50"])
                for process, values in by_process.items():
                    data[run][b["name"]][f"{side}-{process}"] = np.array(values[:rounds], dtype=float)
    return data

def u_pvalues(a, b):
    """Two-sided Mann-Whitney p-values, normal approximation with continuity, row by row (no tie correction)."""
    m, n = a.shape[1], b.shape[1]
    u = (b[:, :, None] > a[:, None, :]).sum(axis=(1, 2)) + 0.5 * (b[:, :, None] == a[:, None, :]).sum(axis=(1, 2))
    z = (np.abs(u - m * n / 2) - 0.5) / math.sqrt(m * n * (m + n + 1) / 12)
    return np.minimum(1, 2 * norm.sf(z))

GRID = np.log1p(np.concatenate([np.arange(0, 0.2, 0.0025), np.arange(0.2, 1.0, 0.02), [1.5, 3, 9]]))

def detectable(a, b, alpha, rng, splits=60, power=0.9):
    """bench ab's minimum detectable increase, on a grid: centred logs, random splits, U test."""
    pool = np.concatenate([np.log(a) - np.median(np.log(a)), np.log(b) - np.median(np.log(b))])
    m = len(a)
    perms = np.array([rng.permutation(len(pool)) for _ in range(splits)])
    x, y = pool[perms[:, :m]], pool[perms[:, m:]]
    d = (y[:, :, None] - x[:, None, :]).reshape(splits, -1)  # head minus base, every pair
    mn, n = m * (len(pool) - m), len(pool) - m
    sd = math.sqrt(m * n * (m + n + 1) / 12)
    for shift in GRID:
        u = (d > -shift).sum(axis=1) + 0.5 * (d == -shift).sum(axis=1)
        z = (np.abs(u - mn / 2) - 0.5) / sd
        if np.mean(2 * norm.sf(z) < alpha) >= power:
            return math.expm1(shift)
    return 9.0

def candidates(population, name):
    procs = sorted(population[name])
    own = [population[name][p] for p in procs]
    out = {"median": np.array([np.median(r) for r in own]), "p25": np.array([np.percentile(r, 25) for r in own]),
           "fastest": np.array([r.min() for r in own])}
    ratios = {}
    if not is_control(name):
        suite = name.split(".")[0]
        for control in sorted(b for b in population if b.startswith(suite + ".") and is_control(b)):
            if not all(p in population[control] for p in procs):
                continue
            ctl = [population[control][p] for p in procs]
            ratios[f"ratio:{control}"] = np.array([r.min() / c.min() for r, c in zip(own, ctl)])
            ratios[f"round-ratio:{control}"] = np.array([np.median(r[:len(c)] / c[:len(r)]) for r, c in zip(own, ctl)])
    return out, ratios

def real_changes(path, rounds, alpha, rng):
    """Each estimator's change and p on measured base and head processes of real changes."""
    experiments = collections.defaultdict(lambda: collections.defaultdict(dict))
    for line in open(path):
        r = json.loads(line)
        experiments[r["experiment"]][r["benchmark"]][f"{r['side']}-{r['pair']}"] = np.array(r["roundMediansNs"][:rounds], dtype=float)
    for experiment, population in experiments.items():
        print(f"\n{experiment}: the head's median value over the base's, minus 1, and the U test's p\n")
        print("| benchmark | median | fastest | ratio | round-ratio | chosen |")
        print("| --- | --: | --: | --: | --: | --- |")
        suite_size = max(1, sum(1 for b in population if not is_control(b)))
        for name in sorted(population):
            plain, ratios = candidates(population, name)
            procs = sorted(population[name])
            base = np.array([p.startswith("base") for p in procs]); head = ~base
            everything = {**plain, **ratios}
            def cell(label):
                x = everything[label]
                change = np.median(x[head]) / np.median(x[base]) - 1
                return f"{change:+.1%} ({u_pvalues(x[base][None, :], x[head][None, :])[0]:.2g})"
            def ratio_cells(prefix):
                return "<br>".join(f"{cell(o)} {o.split('.', 1)[1]}" for o in ratios if o.startswith(prefix + ":"))
            options = ["fastest"] + list(ratios)
            mdc = [detectable(everything[o][base], everything[o][head], alpha / suite_size, rng, splits=200) for o in options]
            choice = options[int(np.argmin(mdc))]
            label = choice if choice == "fastest" else f"{choice.split(':')[0]} to {choice.split('.', 1)[1]}"
            print(f"| {name}{' (control)' if is_control(name) else ''} | {cell('median')} | {cell('fastest')} | "
                  f"{ratio_cells('ratio')} | {ratio_cells('round-ratio')} | {label}: {cell(choice).split(' ')[0]} |")

def process_spread(populations):
    """How much a process's speed level moves a benchmark: its slowest process's fastest round
    over its fastest process's, per benchmark and population."""
    spreads = {}
    for label, population in sorted(populations.items()):
        for name, processes in sorted(population.items()):
            fastest = [rounds.min() for rounds in processes.values()]
            spreads[label, name] = max(fastest) / min(fastest)
    print("| population | benchmark | processes | slowest / fastest process |")
    print("| --- | --- | --: | --: |")
    for (label, name), spread in spreads.items():
        print(f"| {label} | {name} | {len(populations[label][name])} | {spread:.2f}x |")
    values = sorted(spreads.values())
    print(f"\nlargest {values[-1]:.2f}x, median {values[len(values) // 2]:.2f}x over {len(values)} benchmarks")

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*"); ap.add_argument("--ab"); ap.add_argument("--pairs")
    ap.add_argument("--n", type=int, default=12); ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--shift", type=float, default=0.10); ap.add_argument("--alpha", type=float, default=0.01)
    ap.add_argument("--tolerance", type=float, default=0.05); ap.add_argument("--trials", type=int, default=200)
    ap.add_argument("--process-spread", action="store_true")
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    populations = {}
    for f in a.files:
        populations.update(load_jsonl(f, a.rounds))
    if a.ab:
        populations.update(load_ab(a.ab, a.rounds))
    if a.process_spread:
        return process_spread(populations)
    if a.pairs:
        real_changes(a.pairs, a.rounds, a.alpha, rng)
        if not populations:
            return
    names = sorted({b for p in populations.values() for b in p})
    tallies = collections.defaultdict(collections.Counter)
    good = collections.Counter()
    print(f"{len(populations)} populations; N = {a.n} per group; +{a.shift:.0%}; alpha {a.alpha} over the suite; tolerance {a.tolerance:.0%}")
    print("spread: 1.4826 x MAD of the log values between processes; power: the share of splits that find +SHIFT "
          "(false alarms, where any, in brackets); ratio and round-ratio: to the control that serves the benchmark best\n")
    print("| benchmark | spread: median | spread: fastest | median | p25 | fastest | ratio | round-ratio | chosen | chosen used |")
    print("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --- |")
    for name in names:
        suite = name.split(".")[0]
        m = max(1, len({b for b in names if b.startswith(suite + ".") and not is_control(b)}))
        level = a.alpha if is_control(name) else a.alpha / m
        counts = collections.Counter(); spread = collections.defaultdict(list); chosen_kinds = collections.Counter()
        trials = 0
        for population in populations.values():
            if name not in population or len(population[name]) < 2 * a.n:
                continue
            plain, ratios = candidates(population, name)
            everything = {**plain, **ratios}
            for label, x in plain.items():
                lx = np.log(x); spread[label].append(1.4826 * np.median(np.abs(lx - np.median(lx))))
            per_population = max(1, a.trials // len(populations))
            for _ in range(per_population):
                order = rng.permutation(len(plain["fastest"]))
                base, head = order[:a.n], order[a.n:2 * a.n]
                # bench ab's choice: the smallest minimum detectable change, fastest first on a tie
                options = ["fastest"] + list(ratios)
                mdc = [detectable(everything[o][base], everything[o][head], level, rng) for o in options]
                choice = options[int(np.argmin(mdc))]
                chosen_kinds[choice.split(":")[0]] += 1
                for label, x in list(everything.items()) + [("chosen", everything[choice])]:
                    b, h = x[base][None, :], x[head][None, :]
                    change = np.median(h) / np.median(b) - 1
                    counts[label, "false"] += (u_pvalues(b, h)[0] < level) and abs(change) > a.tolerance
                    shifted = h * (1 + a.shift)
                    counts[label, "power"] += (u_pvalues(b, shifted)[0] < level) and np.median(shifted) / np.median(b) - 1 > a.tolerance
                trials += 1
        if not trials:
            continue
        def best(prefix):  # a ratio's figures for the control that serves this benchmark best
            options = [label for (label, kind) in counts if kind == "power" and label.startswith(prefix + ":")]
            return max(options, key=lambda label: counts[label, "power"]) if options else None
        columns = {"median": "median", "p25": "p25", "fastest": "fastest", "ratio": best("ratio"),
                   "round-ratio": best("round-ratio"), "chosen": "chosen"}
        cells = [f"{np.median(spread['median']):.1%}", f"{np.median(spread['fastest']):.1%}"]
        for column, label in columns.items():
            if label is None:
                cells.append("")
                continue
            f, p = counts[label, "false"] / trials, counts[label, "power"] / trials
            cells.append(f"{p:.2f}" + (f" ({f:.2f})" if f else ""))
            tallies[column]["trials"] += trials
            tallies[column]["false"] += counts[label, "false"]
            good[column] += p >= 0.9
            tallies[column]["rows"] += 1
        kinds = ", ".join(f"{k} {v / trials:.0%}" for k, v in chosen_kinds.most_common())
        print(f"| {name}{' (control)' if is_control(name) else ''} | " + " | ".join(cells) + f" | {kinds} |")
    print(f"| power >= 0.90 | | | " + " | ".join(f"{good[c]} of {tallies[c]['rows']}" for c in ["median", "p25", "fastest", "ratio", "round-ratio", "chosen"]) + " | |")
    print(f"| false alarms | | | " + " | ".join(f"{tallies[c]['false']} of {tallies[c]['trials']}" for c in ["median", "p25", "fastest", "ratio", "round-ratio", "chosen"]) + " | |")

if __name__ == "__main__":
    main()
