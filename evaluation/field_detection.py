"""How often the field detector (nextround.playbook.field) names the field a person would.

    .venv/bin/python evaluation/field_detection.py evaluation/data/fields/tuning
    .venv/bin/python evaluation/field_detection.py evaluation/data/fields/held_out

Each ``*.txt`` file in the folder is one job posting written for this check: a header of
``field:``, ``role:`` and ``company:`` lines (the field a reader would give it, or "general" when
the posting does not say), a blank line, then the posting's text. Printed: accuracy over the
postings, and every posting the detector got wrong with what it said and why. The figures go in
docs/playbook.md.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from nextround.playbook.field import FieldGuess, detect_field
from nextround.playbook.knowledge import FIELDS

HEADER_KEYS = ("field", "role", "company")


class PostingError(ValueError):
    """A posting file without the header this script reads."""


@dataclass(frozen=True)
class Posting:
    name: str
    field: str
    role: str
    company: str
    text: str


def read_posting(path: Path) -> Posting:
    head, sep, body = path.read_text(encoding="utf-8").partition("\n\n")
    if not sep:
        raise PostingError(f"{path.name}: no blank line after the header")
    header: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in HEADER_KEYS:
            raise PostingError(f"{path.name}: unexpected header line {line!r}")
        header[key.strip()] = value.strip()
    missing = [k for k in HEADER_KEYS if k not in header]
    if missing:
        raise PostingError(f"{path.name}: header lacks {', '.join(missing)}")
    if header["field"] not in FIELDS:
        raise PostingError(f"{path.name}: unknown field {header['field']!r}")
    return Posting(path.name, header["field"], header["role"], header["company"], body.strip())


def read_folder(folder: Path) -> list[Posting]:
    return [read_posting(p) for p in sorted(folder.glob("*.txt"))]


def guess(posting: Posting) -> FieldGuess:
    return detect_field(posting=posting.text, role_title=posting.role, company=posting.company)


@dataclass(frozen=True)
class Result:
    total: int
    right: int
    wrong: list[tuple[Posting, FieldGuess]]

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def evaluate(postings: list[Posting]) -> Result:
    wrong = [(p, g) for p in postings if (g := guess(p)).field != p.field]
    return Result(len(postings), len(postings) - len(wrong), wrong)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of posting files")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder} is not a folder.", file=sys.stderr)
        return 2
    try:
        postings = read_folder(args.folder)
    except PostingError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not postings:
        print(f"No postings (*.txt) in {args.folder}.", file=sys.stderr)
        return 2
    result = evaluate(postings)
    print(f"{result.right}/{result.total} right, accuracy {result.accuracy:.2f}")
    for posting, found in result.wrong:
        print(
            f"  {posting.name}: expected {posting.field}, got {found.field}; scores {found.scores}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
