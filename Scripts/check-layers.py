#!/usr/bin/env python3
"""Layering check for Sources/Yardstick: no stage names a type of a later stage.

Each folder of Sources/Yardstick is a pipeline stage, in the order of STAGES (lowest first).
A file may name the types of its own stage and of earlier stages, never of later ones. The
known exceptions are listed in Scripts/layers-allowed.txt as `From -> To: TypeName  # why`;
an arrow not listed fails the check, and so does a listed arrow that no longer occurs, so the
list only shrinks.

A rough reader, on purpose: declarations are found by keyword, uses by word match after
comments and string literals are stripped, and only top-level declarations (at the start of
a line) count, since a nested type is named through its outer one. Exit code 0 when clean, 1 on a finding, 2 on bad
input (an unknown folder, a malformed allowlist line).
"""
import re
import sys
from pathlib import Path

STAGES = ["Support", "Statistics", "Definition", "Measurement", "Results", "Baselines",
          "Judgement", "Reports", "Monitoring", "CommandLine"]

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "Sources" / "Yardstick"
ALLOWLIST = ROOT / "Scripts" / "layers-allowed.txt"

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|private|fileprivate|package|open|final|"
    r"indirect|nonisolated|dynamic)\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_]\w*)")
WORD = re.compile(r"[A-Za-z_]\w*")
ALLOWED = re.compile(r"^(\w+)\s*->\s*(\w+)\s*:\s*(\w+)\s*(?:#.*)?$")


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


def stage_of(path):
    folder = path.relative_to(SOURCES).parts[0]
    if folder not in STAGES:
        sys.exit(f"check-layers: {path.relative_to(ROOT)}: folder {folder} is not a known stage")
    return folder


def main():
    files = sorted(p for p in SOURCES.rglob("*.swift") if len(p.relative_to(SOURCES).parts) > 1)
    texts = {p: strip_comments_and_strings(p.read_text(encoding="utf-8")) for p in files}

    declared_in = {}  # type name -> stages declaring it
    for path, text in texts.items():
        for line in text.splitlines():
            match = DECLARATION.match(line)
            if match:
                declared_in.setdefault(match.group(1), set()).add(stage_of(path))
    # A name declared in several stages cannot be placed: it is left out.
    owner = {name: next(iter(stages)) for name, stages in declared_in.items() if len(stages) == 1}

    arrows = {}  # (from, to, type) -> first "path:line"
    for path, text in texts.items():
        stage = stage_of(path)
        rank = STAGES.index(stage)
        for number, line in enumerate(text.splitlines(), start=1):
            for word in WORD.findall(line):
                target = owner.get(word)
                if target and STAGES.index(target) > rank:
                    arrows.setdefault((stage, target, word), []).append(
                        f"{path.relative_to(ROOT)}:{number}")

    allowed = set()
    for number, raw in enumerate(ALLOWLIST.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = ALLOWED.match(line)
        if not match:
            sys.stderr.write(f"check-layers: {ALLOWLIST.relative_to(ROOT)}:{number}: "
                             f"expected 'From -> To: TypeName  # why', got {raw!r}\n")
            return 2
        allowed.add(match.groups())

    failed = False
    for arrow in sorted(arrows):
        if arrow not in allowed:
            failed = True
            for place in arrows[arrow]:
                print(f"{place}: {arrow[0]} → {arrow[1]}: {arrow[2]}")
    for arrow in sorted(allowed - set(arrows)):
        failed = True
        print(f"{ALLOWLIST.relative_to(ROOT)}: {arrow[0]} -> {arrow[1]}: {arrow[2]} no longer "
              f"occurs; remove it from the list")
    known = len(arrows) - len(set(arrows) - allowed)
    print(f"layers: {len(arrows)} arrows back up, {known} of them allowed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
