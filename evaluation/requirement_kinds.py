"""Requirement kinds and posting facts measured on postings labelled line by line.

    .venv/bin/python evaluation/requirement_kinds.py [FOLDER] [--json] [--misses]

FOLDER holds the labelled postings (default: evaluation/data/requirements, whose README.md
describes the format; its dev/ and heldout/ subfolders are reported apart). Each extracted
requirement is traced back to the posting line it came from (the line sharing most of its
words). Figures:
- kind accuracy: of the lines labelled a requirement, the share whose requirements all carry the
  labelled kind (a line that gave no requirement counts as wrong);
- kept out: of the lines labelled not a requirement (headings included), the share that gave no
  requirement;
- facts accuracy: of the five facts of every posting (pay band, location, work setting, schedule,
  employment types), the share read right, "none stated" included.
Figures: docs/stories.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import msgspec

from nextround.fit.requirements import PostingFacts, extract_requirements
from nextround.jsonform import json_form

DATA = Path(__file__).resolve().parent / "data" / "requirements"
KINDS = {"R": "responsibility", "M": "must-have", "N": "nice-to-have"}
OUTSIDE = {"X", "H"}
FACTS = ("pay", "location", "setting", "schedule", "type")
_WORDS = re.compile(r"[^\W_]+")


class Labelled(msgspec.Struct, frozen=True):
    name: str
    text: str  # the posting as a user would paste it
    lines: list[tuple[str, str]]  # (label, line) for every non-empty line
    facts: dict[str, str]  # "pay" -> "38 52 USD hourly"; "" when none is stated


class Figures(msgspec.Struct):
    postings: int
    requirement_lines: int
    kind_correct: int
    kind_accuracy: float
    other_lines: int
    kept_out: int
    kept_out_share: float
    facts: int
    facts_correct: int
    facts_accuracy: float


def read(path: Path) -> Labelled:
    lines: list[tuple[str, str]] = []
    text: list[str] = []
    facts: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.startswith("@"):
            name, _, value = raw[1:].partition(":")
            facts[name.strip()] = value.strip()
        elif not raw.strip():
            text.append("")
        else:
            label, sep, line = raw.partition(" | ")
            if not sep or label.strip() not in KINDS.keys() | OUTSIDE:
                sys.exit(f"{path}:{number}: expected 'LABEL | text', got {raw!r}")
            lines.append((label.strip(), line))
            text.append(line)
    missing = set(FACTS) - facts.keys()
    if missing:
        sys.exit(f"{path}: no @{', @'.join(sorted(missing))} line")
    return Labelled(path.stem, "\n".join(text) + "\n", lines, facts)


def load(folder: Path) -> list[Labelled]:
    return [read(p) for p in sorted(folder.rglob("*.txt"))]


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def source_line(requirement: str, lines: list[tuple[str, str]]) -> int:
    """Index of the line that shares the most of the requirement's words."""
    words = _words(requirement)
    best, best_share = 0, -1.0
    for index, (_, line) in enumerate(lines):
        mine = set(_words(line))
        share = sum(w in mine for w in words) / max(len(words), 1)
        if share > best_share:
            best, best_share = index, share
    return best


def _same_place(found: str, expected: str) -> bool:
    a, b = found.lower(), expected.lower()
    return a in b or b in a


def fact_checks(facts: PostingFacts, expected: dict[str, str]) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    pay = expected["pay"].split()
    if not pay:
        checks["pay"] = facts.pay is None
    else:
        low, high, currency, period = pay
        band = facts.pay
        checks["pay"] = (
            band is not None
            and band.low is not None
            and abs(band.low - float(low)) < 0.01
            and band.high is not None
            and abs(band.high - float(high)) < 0.01
            and band.currency == currency
            and band.period == period
        )
    place = expected["location"]
    checks["location"] = (
        any(_same_place(f, place) for f in facts.locations) if place else not facts.locations
    )
    checks["setting"] = (facts.work_setting or "") == expected["setting"]
    wanted = [s.strip() for s in expected["schedule"].split("|") if s.strip()]
    checks["schedule"] = all(
        any(_same_place(f, w) for f in facts.schedule) for w in wanted
    ) and all(any(_same_place(f, w) for w in wanted) for f in facts.schedule)
    types = {t.strip() for t in expected["type"].split("|") if t.strip()}
    checks["type"] = set(facts.employment_types) == types
    return checks


def evaluate(postings: list[Labelled], misses: list[str] | None = None) -> Figures:
    req_lines = kind_ok = other = kept = facts_total = facts_ok = 0
    for posting in postings:
        extraction = extract_requirements(posting.text)
        found: dict[int, list[str]] = {}
        for r in extraction.requirements:
            found.setdefault(source_line(r.text, posting.lines), []).append(r.kind)
        for index, (label, line) in enumerate(posting.lines):
            kinds = found.get(index, [])
            if label in KINDS:
                req_lines += 1
                right = bool(kinds) and all(k == KINDS[label] for k in kinds)
                kind_ok += right
                if not right and misses is not None:
                    got = ", ".join(kinds) or "nothing"
                    misses.append(f"{posting.name}: {KINDS[label]}, got {got}: {line}")
            else:
                other += 1
                kept += not kinds
                if kinds and misses is not None:
                    misses.append(f"{posting.name}: not a requirement, got {kinds[0]}: {line}")
        for name, right in fact_checks(extraction.facts, posting.facts).items():
            facts_total += 1
            facts_ok += right
            if not right and misses is not None:
                misses.append(
                    f"{posting.name}: {name} expected {posting.facts[name]!r}, got "
                    f"{json.dumps(json_form(extraction.facts))}"
                )
    return Figures(
        postings=len(postings),
        requirement_lines=req_lines,
        kind_correct=kind_ok,
        kind_accuracy=kind_ok / req_lines if req_lines else 0.0,
        other_lines=other,
        kept_out=kept,
        kept_out_share=kept / other if other else 0.0,
        facts=facts_total,
        facts_correct=facts_ok,
        facts_accuracy=facts_ok / facts_total if facts_total else 0.0,
    )


def report(folder: Path) -> dict[str, Figures]:
    """Figures for each subfolder that holds postings, and for all of them together."""
    out: dict[str, Figures] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        if postings := load(sub):
            out[sub.name] = evaluate(postings)
    out["all"] = evaluate(load(folder))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DATA, help="labelled postings")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list every line read wrong")
    args = parser.parse_args()
    if not args.folder.is_dir() or not load(args.folder):
        sys.exit(f"no labelled postings (*.txt) under {args.folder}")
    figures = report(args.folder)
    if args.json:
        print(json.dumps({k: json_form(v) for k, v in figures.items()}, indent=2))
        return
    for name, f in figures.items():
        print(
            f"{name:8} {f.postings:3} postings  kinds {f.kind_accuracy:.3f} "
            f"({f.kind_correct}/{f.requirement_lines})  kept out {f.kept_out_share:.3f} "
            f"({f.kept_out}/{f.other_lines})  facts {f.facts_accuracy:.3f} "
            f"({f.facts_correct}/{f.facts})"
        )
    if args.misses:
        misses: list[str] = []
        evaluate(load(args.folder), misses)
        for miss in misses:
            print(f"  {miss}")


if __name__ == "__main__":
    main()
