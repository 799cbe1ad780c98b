#!/usr/bin/env python3
"""Checks the structure of the sharded benchmark workflows, one line per problem.

The pull-request gate (.github/workflows/benchmarks.yml) and the nightly baseline
(.github/workflows/nightly-baselines.yml) each run a matrix of shards and a merge job
(docs/sharding.md). GitHub Actions accepts their worst mistakes without a word: a matrix of
three shards whose runs say `--shard I/4` leaves a quarter of the suites unmeasured (the merge
refuses it, but only on the next pull request); a merge job without `if: always()` is skipped
when one shard fails, so the run ends with no verdict and no reason; a shard that fails on a
regression hides it from the merge. This reads both files with a YAML parser and fails on
those, before they reach a runner.

Usage: check_workflows.py [WORKFLOW.yml ...]   check the files (default: both workflows)
       check_workflows.py --self-test          broken copies of both must each fail with its line
Exit code 0 when every file passes, 1 otherwise.
"""
import copy
import fnmatch
import os
import re
import sys
import tempfile

import yaml

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKFLOWS = os.path.join(REPOSITORY, ".github", "workflows")

# What each workflow is, by file name: its triggers, the command its shards run, and whether its
# merge job blesses a baseline and commits it.
KINDS = {
    "benchmarks.yml": {
        "triggers": ["pull_request"],
        "shard command": "bench ab",
        "nightly": False,
    },
    "nightly-baselines.yml": {
        "triggers": ["schedule", "workflow_dispatch"],
        "shard command": "bench baseline update",
        "nightly": True,
    },
}
IMAGE_PREFIX = "swift:"
SHARD_ARGUMENT = re.compile(r"--shard[ =](\$\{\{[^}]*\}\}\S*|\S+)")
SHARD_OF_MATRIX = re.compile(r"^\$\{\{\s*matrix\.shard\s*\}\}/(\d+)$")
MATRIX_SHARD = re.compile(r"\$\{\{\s*matrix\.shard\s*\}\}")
FAILS_ONLY_ON_2 = re.compile(r"\|\|\s*test\s+\$\?\s+-eq\s+1\b")
SWALLOWED = re.compile(r"\|\|\s*(true|test\b|:|exit\s+0)")


def triggers(workflow):
    """The names of a workflow's triggers. PyYAML (YAML 1.1) reads the key `on` as True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, (list, dict)):
        return set(on)
    return set()


def steps(job):
    value = job.get("steps")
    return value if isinstance(value, list) else []


def run_text(step):
    return step.get("run") if isinstance(step, dict) and isinstance(step.get("run"), str) else ""


def uses(step, action):
    value = step.get("uses") if isinstance(step, dict) else None
    return isinstance(value, str) and value.split("@")[0] == action


def inputs(step):
    value = step.get("with")
    return value if isinstance(value, dict) else {}


def option(command, name, default=None):
    """The value of `--name VALUE` in a command line, without quotes."""
    match = re.search(rf"--{name}[ =](\"[^\"]*\"|'[^']*'|\S+)", command)
    return match.group(1).strip("\"'") if match else default


def folder(path):
    return str(path).strip("\"'").rstrip("/") if path is not None else None


def needs(job):
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def matrix_jobs(workflow):
    jobs = workflow.get("jobs") if isinstance(workflow.get("jobs"), dict) else {}
    return [
        (name, job) for name, job in jobs.items()
        if isinstance(job, dict) and isinstance(job.get("strategy"), dict)
        and isinstance(job["strategy"].get("matrix"), dict) and "shard" in job["strategy"]["matrix"]
    ]


def merge_jobs(workflow, matrix_name):
    jobs = workflow.get("jobs") if isinstance(workflow.get("jobs"), dict) else {}
    return [(name, job) for name, job in jobs.items() if isinstance(job, dict) and matrix_name in needs(job)]


def check(path):
    """Every problem of one workflow file, each a line naming the file."""
    kind = KINDS.get(os.path.basename(path))
    if kind is None:
        return [f"{path}: not a known workflow (expected one of {', '.join(sorted(KINDS))})"]
    try:
        with open(path, encoding="utf-8") as file:
            workflow = yaml.safe_load(file)
    except OSError as error:
        return [f"{path}: cannot read: {error.strerror}"]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return [f"{path}: not valid YAML{where}: {getattr(error, 'problem', None) or error}"]
    if not isinstance(workflow, dict) or not isinstance(workflow.get("jobs"), dict):
        return [f"{path}: not a workflow: no mapping of jobs"]

    problems = []

    def problem(text):
        problems.append(f"{path}: {text}")

    found = triggers(workflow)
    for trigger in kind["triggers"]:
        if trigger not in found:
            problem(f"on: does not run on {trigger}")

    images = {}
    for name, job in workflow["jobs"].items():
        if not isinstance(job, dict):
            problem(f"job '{name}': not a mapping")
            continue
        if not steps(job):
            problem(f"job '{name}': has no steps")
        for index, step in enumerate(steps(job), start=1):
            label = step.get("name", step.get("uses", "")) if isinstance(step, dict) else ""
            has = [key for key in ("run", "uses") if isinstance(step, dict) and key in step]
            if len(has) != 1:
                what = "neither run nor uses" if not has else "both run and uses"
                problem(f"job '{name}' step {index} ({label or 'unnamed'}): has {what}")
        container = job.get("container")
        image = container.get("image") if isinstance(container, dict) else container
        if not isinstance(image, str) or not image.startswith(IMAGE_PREFIX):
            problem(f"job '{name}': container image is {image!r}, not a {IMAGE_PREFIX}... image (bench builds in it)")
        else:
            images[name] = image
    if len(set(images.values())) > 1:
        listed = ", ".join(f"{name}: {image}" for name, image in images.items())
        problem(f"jobs use different container images ({listed}): shards and merge must build one toolchain")

    matrices = matrix_jobs(workflow)
    if len(matrices) != 1:
        problem(f"{len(matrices)} jobs have a strategy.matrix.shard list, not one: the suites are not sharded once")
        return problems
    matrix_name, matrix = matrices[0]
    shards = matrix["strategy"]["matrix"]["shard"]
    count = len(shards) if isinstance(shards, list) else 0
    if not (isinstance(shards, list) and shards and all(type(s) is int for s in shards)
            and shards == list(range(1, count + 1))):
        problem(f"job '{matrix_name}': strategy.matrix.shard is {shards!r}, not the list 1..N")
    if matrix["strategy"].get("fail-fast") is not False:
        problem(f"job '{matrix_name}': strategy.fail-fast must be false, or one failing shard cancels the others")

    shard_steps = [step for step in steps(matrix) if SHARD_ARGUMENT.search(run_text(step))]
    if not shard_steps:
        problem(f"job '{matrix_name}': no run step passes --shard ${{{{ matrix.shard }}}}/N")
    shard_artifacts = []
    for step in shard_steps:
        command = run_text(step)
        for value in SHARD_ARGUMENT.findall(command):
            match = SHARD_OF_MATRIX.match(value.strip("\"'"))
            if not match:
                problem(f"job '{matrix_name}': --shard {value} is not ${{{{ matrix.shard }}}}/N")
            elif int(match.group(1)) != count:
                problem(f"job '{matrix_name}': --shard {value} but strategy.matrix.shard lists {count} shards")
        if kind["shard command"] not in command:
            problem(f"job '{matrix_name}': the --shard step does not run `{kind['shard command']}`")
        if not FAILS_ONLY_ON_2.search(command):
            problem(f"job '{matrix_name}': the --shard step must fail only on exit code 2 "
                    "(end it with `|| test $? -eq 1`): a verdict is the merge's to give")
        output = folder(option(command, "output", "reports"))
        kept = [s for s in steps(matrix) if uses(s, "actions/upload-artifact") and folder(inputs(s).get("path")) == output
                and MATRIX_SHARD.search(str(inputs(s).get("name", "")))]
        if not kept:
            problem(f"job '{matrix_name}': no upload-artifact step keeps the shard's --output folder '{output}' "
                    "under a name with ${{ matrix.shard }}")
        for s in kept:
            shard_artifacts += [MATRIX_SHARD.sub(str(i), str(inputs(s)["name"])) for i in range(1, count + 1)]

    merges = merge_jobs(workflow, matrix_name)
    if not merges:
        problem(f"no job needs the matrix job '{matrix_name}': nothing merges the shards")
        return problems
    merging = [(name, job) for name, job in merges if any("bench merge" in run_text(s) for s in steps(job))]
    if not merging:
        problem(f"job '{merges[0][0]}' needs '{matrix_name}' but runs no `bench merge`")
        return problems
    merge_name, merge = merging[0]
    condition = re.sub(r"^\$\{\{\s*(.*?)\s*\}\}$", r"\1", str(merge.get("if", "")).strip())
    if condition != "always()":
        problem(f"job '{merge_name}': needs `if: always()`, or a failed shard skips the merge and the run ends without its reason")

    downloads = [s for s in steps(merge) if uses(s, "actions/download-artifact")]
    fetching = [s for s in downloads if isinstance(inputs(s).get("pattern"), str)
                and shard_artifacts and all(fnmatch.fnmatchcase(a, inputs(s)["pattern"]) for a in shard_artifacts)]
    if not fetching:
        problem(f"job '{merge_name}': no download-artifact step's pattern fetches every shard's artifact "
                f"({', '.join(shard_artifacts) or 'none uploaded'})")
    elif inputs(fetching[0]).get("merge-multiple") is True:
        problem(f"job '{merge_name}': download-artifact must keep one folder per shard (no merge-multiple)")
    shard_root = folder(inputs(fetching[0]).get("path", ".")) if fetching else None

    merge_step = next(s for s in steps(merge) if "bench merge" in run_text(s))
    command = run_text(merge_step)
    arguments = command.split("bench merge", 1)[1].split()
    if shard_root is not None and not {f"{shard_root}/*/", f"{shard_root}/*"} & set(arguments):
        problem(f"job '{merge_name}': bench merge does not read the shard folders '{shard_root}/*/'")
    if SWALLOWED.search(command) or merge_step.get("continue-on-error"):
        problem(f"job '{merge_name}': the bench merge step must propagate its exit code")
    merged = folder(option(command, "output", "reports"))
    if not any(uses(s, "actions/upload-artifact") and folder(inputs(s).get("path")) == merged for s in steps(merge)):
        problem(f"job '{merge_name}': no upload-artifact step keeps bench merge's --output folder '{merged}'")

    if kind["nightly"]:
        if "--no-baseline" not in command:
            problem(f"job '{merge_name}': bench merge needs --no-baseline: a change on main must still be recorded")
        blessing = re.compile(rf"bench baseline update\b[^\n]*--from[ =]\"?{re.escape(merged)}/results\.json")
        if not any(blessing.search(run_text(s).replace("\\\n", " ")) for s in steps(merge)):
            problem(f"job '{merge_name}': no `bench baseline update --from {merged}/results.json` blesses the merged run")
        if not any("git commit" in run_text(s) and "git push" in run_text(s) for s in steps(merge)):
            problem(f"job '{merge_name}': no step commits and pushes baselines/")
        permissions = merge.get("permissions", workflow.get("permissions"))
        if not (isinstance(permissions, dict) and permissions.get("contents") == "write"):
            problem("permissions: contents must be write, or the baseline cannot be pushed")
        if not (isinstance(workflow.get("concurrency"), dict) and workflow["concurrency"].get("group")):
            problem("concurrency: needs a group, or two nights' updates of the baseline can interleave")
    return problems


def summary(path):
    with open(path, encoding="utf-8") as file:
        workflow = yaml.safe_load(file)
    matrix_name, matrix = matrix_jobs(workflow)[0]
    merge_name = merge_jobs(workflow, matrix_name)[0][0]
    count = len(matrix["strategy"]["matrix"]["shard"])
    return f"{os.path.relpath(path, REPOSITORY)}: {count} shards in job '{matrix_name}', merged by job '{merge_name}'"


# Broken copies for --self-test: each edits a parsed workflow and names the line it must fail with.
def _matrix(workflow):
    return matrix_jobs(workflow)[0][1]


def _merge(workflow):
    return merge_jobs(workflow, matrix_jobs(workflow)[0][0])[0][1]


def _edit_runs(job, edit):
    for step in steps(job):
        if "run" in step:
            step["run"] = edit(step["run"])


def _shard_count(job, count):
    job["strategy"]["matrix"]["shard"] = list(range(1, count + 1))


def _shard_argument(job, count):
    _edit_runs(job, lambda run: re.sub(r"(\$\{\{\s*matrix\.shard\s*\}\})/\d+", rf"\1/{count}", run))


def _drop_steps(job, text):
    job["steps"] = [s for s in steps(job) if text not in run_text(s)]


BROKEN = {
    "benchmarks.yml": [
        ("three shards in the matrix, /4 in the run",
         lambda w: (_shard_count(_matrix(w), 3), _shard_argument(_matrix(w), 4)),
         "--shard ${{ matrix.shard }}/4 but strategy.matrix.shard lists 3 shards"),
        ("a matrix that skips a shard",
         lambda w: _matrix(w)["strategy"]["matrix"].update(shard=[1, 2, 4]),
         "strategy.matrix.shard is [1, 2, 4], not the list 1..N"),
        ("fail-fast left to its default",
         lambda w: _matrix(w)["strategy"].pop("fail-fast"),
         "strategy.fail-fast must be false"),
        ("a merge job without needs",
         lambda w: _merge(w).pop("needs"),
         "no job needs the matrix job"),
        ("a merge job without if: always()",
         lambda w: _merge(w).pop("if"),
         "needs `if: always()`"),
        ("a shard that fails on a verdict",
         lambda w: _edit_runs(_matrix(w), lambda r: FAILS_ONLY_ON_2.sub("", r)),
         "the --shard step must fail only on exit code 2"),
        ("a merge that swallows its exit code",
         lambda w: _edit_runs(_merge(w), lambda r: r.rstrip() + " || true"),
         "the bench merge step must propagate its exit code"),
        ("a merge over one folder",
         lambda w: _edit_runs(_merge(w), lambda r: re.sub(r"(\S+)/\*/?", r"\1/", r)),
         "bench merge does not read the shard folders"),
        ("a download pattern that misses the shards",
         lambda w: [inputs(s).update(pattern="shard-*") for s in steps(_merge(w)) if uses(s, "actions/download-artifact")],
         "no download-artifact step's pattern fetches every shard's artifact"),
        ("a step with neither run nor uses",
         lambda w: steps(_merge(w)).append({"name": "nothing"}),
         "(nothing): has neither run nor uses"),
        ("no pull_request trigger",
         lambda w: w.update({True: {"push": {}}}),
         "on: does not run on pull_request"),
        ("another image for the merge",
         lambda w: _merge(w).update(container="swift:6.0-jammy"),
         "jobs use different container images"),
    ],
    "nightly-baselines.yml": [
        ("five shards in the matrix, /3 in the run",
         lambda w: (_shard_count(_matrix(w), 5), _shard_argument(_matrix(w), 3)),
         "--shard ${{ matrix.shard }}/3 but strategy.matrix.shard lists 5 shards"),
        ("no baseline update of the merged file",
         lambda w: _drop_steps(_merge(w), "baseline update --from"),
         "no `bench baseline update --from merged/results.json` blesses the merged run"),
        ("no commit",
         lambda w: _drop_steps(_merge(w), "git commit"),
         "no step commits and pushes baselines/"),
        ("a merge judged against the baseline",
         lambda w: _edit_runs(_merge(w), lambda r: r.replace(" --no-baseline", "")),
         "bench merge needs --no-baseline"),
        ("no workflow_dispatch trigger",
         lambda w: (w.pop(True, None), w.update({"on": {"schedule": [{"cron": "17 3 * * *"}]}})),
         "on: does not run on workflow_dispatch"),
        ("the merge job without if: always()",
         lambda w: _merge(w).pop("if"),
         "needs `if: always()`"),
    ],
}


def self_test():
    """Checks the checker: the real files pass, and every broken copy fails with its line."""
    failures, cases = [], 0
    with tempfile.TemporaryDirectory() as scratch:
        def write(case, name, text):
            folder = os.path.join(scratch, str(case))
            os.makedirs(folder, exist_ok=True)
            path = os.path.join(folder, name)
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
            return path

        for name, broken in BROKEN.items():
            with open(os.path.join(WORKFLOWS, name), encoding="utf-8") as file:
                text = file.read()
            original = yaml.safe_load(text)
            # A copy written back by PyYAML must pass, or the broken copies prove nothing.
            unchanged = check(write(f"{name}-unchanged", name, yaml.safe_dump(original, sort_keys=False)))
            if unchanged:
                failures.append(f"{name}, rewritten unchanged: expected no problem, got: {unchanged}")
            cases += 1
            path = write(f"{name}-invalid", name, text + "\n  broken: [\n")
            if not any(": not valid YAML" in line for line in check(path)):
                failures.append(f"{name} with an unclosed list: expected 'not valid YAML', got: {check(path)}")
            cases += 1
            for index, (description, edit, expected) in enumerate(broken):
                workflow = copy.deepcopy(original)
                edit(workflow)
                path = write(f"{name}-{index}", name, yaml.safe_dump(workflow, sort_keys=False))
                problems = check(path)
                if not any(expected in line and line.startswith(path) for line in problems):
                    failures.append(f"{name} with {description}: expected a line with {expected!r}, got: {problems}")
                cases += 1
    for failure in failures:
        print(f"self-test: {failure}")
    if failures:
        return 1
    print(f"self-test: {cases} copies of the workflows, each judged as expected")
    return 0


def main(arguments):
    if arguments == ["--self-test"]:
        return self_test()
    if any(argument.startswith("-") for argument in arguments):
        print(f"usage: {os.path.basename(sys.argv[0])} [WORKFLOW.yml ...] | --self-test", file=sys.stderr)
        return 2
    paths = arguments or [os.path.join(WORKFLOWS, name) for name in KINDS]
    problems = [line for path in paths for line in check(path)]
    for line in problems:
        print(line)
    if problems:
        return 1
    for path in paths:
        print(summary(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
