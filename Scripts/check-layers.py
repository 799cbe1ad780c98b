#!/usr/bin/env python3
"""Layering check for Sources/Yardstick: no stage names a type of a later stage.

Each folder of Sources/Yardstick is a pipeline stage, in the order of STAGES (lowest first).
A file may name the types of its own stage and of earlier stages, never of later ones: there
are no exceptions. `--self-test` runs the check on a small tree with an arrow back up, which
must fail, and on the same tree without it, which must pass.

A rough reader, on purpose: declarations are found by keyword, uses by word match after
comments and string literals are stripped, and only top-level declarations (at the start of
a line) count, since a nested type is named through its outer one. Exit code 0 when clean, 1 on a finding, 2 on bad
input (an unknown folder).
"""
import re
import sys
from pathlib import Path

STAGES = ["Support", "Statistics", "Definition", "Measurement", "Results", "Processes", "Baselines",
          "Judgement", "Reports", "Monitoring", "CommandLine"]

ROOT = Path(__file__).resolve().parent.parent

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|private|fileprivate|package|open|final|"
    r"indirect|nonisolated|dynamic)\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_]\w*)")
WORD = re.compile(r"[A-Za-z_]\w*")


def strip_comments_and_strings(text):
    """Blanks out comments and string literals, keeping line breaks so line numbers hold."""
    out = []
    i, n = 0, len(text)
    block_depth = 0
    while i < n:
        c = text[i]
        if block_depth:
            if text.startswith("/*", i):
                block_depth += 1
                i += 2
            elif text.startswith("*/", i):
                block_depth -= 1
                i += 2
            else:
                out.append("\n" if c == "\n" else " ")
                i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            block_depth = 1
            i += 2
        elif text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end + 3
            out.append("".join("\n" if ch == "\n" else " " for ch in text[i:end]))
            i = end
        elif c == '"':
            i += 1
            while i < n and text[i] not in '"\n':
                i += 2 if text[i] == "\\" else 1
            i += 1
            out.append('""')
        else:
            out.append(c)
            i += 1
    return "".join(out)


def stage_of(path, sources):
    folder = path.relative_to(sources).parts[0]
    if folder not in STAGES:
        sys.exit(f"check-layers: {path}: folder {folder} is not a known stage")
    return folder


def arrows_back_up(sources):
    """Every (from stage, to stage, type name) a file names against the order, with its places."""
    files = sorted(p for p in sources.rglob("*.swift") if len(p.relative_to(sources).parts) > 1)
    texts = {p: strip_comments_and_strings(p.read_text(encoding="utf-8")) for p in files}

    declared_in = {}  # type name -> stages declaring it
    for path, text in texts.items():
        for line in text.splitlines():
            match = DECLARATION.match(line)
            if match:
                declared_in.setdefault(match.group(1), set()).add(stage_of(path, sources))
    # A name declared in several stages cannot be placed: it is left out.
    owner = {name: next(iter(stages)) for name, stages in declared_in.items() if len(stages) == 1}

    arrows = {}  # (from, to, type) -> first "path:line"
    for path, text in texts.items():
        stage = stage_of(path, sources)
        rank = STAGES.index(stage)
        for number, line in enumerate(text.splitlines(), start=1):
            for word in WORD.findall(line):
                target = owner.get(word)
                if target and STAGES.index(target) > rank:
                    arrows.setdefault((stage, target, word), []).append(
                        f"{path.relative_to(sources.parent.parent)}:{number}")
    return arrows



def check(sources):
    arrows = arrows_back_up(sources)
    for arrow in sorted(arrows):
        for place in arrows[arrow]:
            print(f"{place}: {arrow[0]} → {arrow[1]}: {arrow[2]}")
    print(f"layers: {len(arrows)} arrows back up")
    return 1 if arrows else 0


def self_test():
    """The check fails on a later stage's type named by an earlier one, and passes without it."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        sources = Path(root) / "Sources" / "Yardstick"
        (sources / "Results").mkdir(parents=True)
        (sources / "Judgement").mkdir()
        (sources / "Judgement" / "Verdict.swift").write_text("public enum Verdict { case unchanged }\n")
        (sources / "Results" / "Run.swift").write_text(
            "// Verdict in a comment does not count, nor \"Verdict\" in a string.\n"
            "struct Run { let name = \"Verdict\" }\n")
        clean = arrows_back_up(sources)
        (sources / "Results" / "Judged.swift").write_text("struct Judged { var verdict: Verdict }\n")
        found = arrows_back_up(sources)
    assert clean == {}, f"a comment or a string counted as a use: {clean}"
    assert list(found) == [("Results", "Judgement", "Verdict")], f"the arrow back up was missed: {found}"
    print("check-layers self-test: an arrow back up fails, comments and strings do not count")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    return check(ROOT / "Sources" / "Yardstick")


if __name__ == "__main__":
    sys.exit(main())
