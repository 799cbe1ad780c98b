"""Checks reports with the parsers their consumers use.

Usage: check_reports.py SCHEMA FILE...
  *.json      validated against SCHEMA (JSON Schema 2020-12, formats checked)
  junit.xml   loaded with junitparser; every test case needs a name and a time
  *.prom      parsed with prometheus_client's text parser; the four required families present
"""
import json
import sys

from jsonschema import Draft202012Validator, FormatChecker
from junitparser import JUnitXml
from prometheus_client.parser import text_string_to_metric_families

REQUIRED_FAMILIES = {
    "yardstick_benchmark_seconds",
    "yardstick_benchmark_throughput",
    "yardstick_benchmark_allocations_per_call",
    "yardstick_run_timestamp_seconds",
}


def check_json(validator, path):
    errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.absolute_path))
    for error in errors[:10]:
        print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    return not errors


def check_junit(path):
    suites = list(JUnitXml.fromfile(path))
    cases = [case for suite in suites for case in suite]
    bad = [case for case in cases if not case.name or case.time is None]
    for case in bad:
        print(f"{path}: test case without name or time: {case}")
    print(f"{path}: {len(suites)} suites, {len(cases)} test cases, "
          f"{sum(1 for c in cases if c.result)} with a failure, error or skip")
    return bool(cases) and not bad


def check_prometheus(path, judged):
    families = {family.name: family for family in text_string_to_metric_families(open(path).read())}
    required = REQUIRED_FAMILIES | ({"yardstick_benchmark_regressed"} if judged else set())
    missing = required - families.keys()
    if missing:
        print(f"{path}: missing metric families {sorted(missing)}")
    print(f"{path}: {len(families)} metric families, {sum(len(f.samples) for f in families.values())} samples")
    return not missing


def main(schema_path, paths):
    validator = Draft202012Validator(json.load(open(schema_path)), format_checker=FormatChecker())
    ok = True
    for path in paths:
        if path.endswith(".json"):
            passed = check_json(validator, path)
            print(f"{path}: {'valid' if passed else 'INVALID'} against {schema_path}")
        elif path.endswith(".xml"):
            passed = check_junit(path)
        elif path.endswith(".prom"):
            passed = check_prometheus(path, judged="regressed" in open(path).read())
        else:
            print(f"{path}: unknown kind of file")
            passed = False
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
