"""How well a saved news page is read (nextround.news.pages): title, date and main text.

    .venv/bin/python evaluation/news_pages.py tests/data/pages

The folder holds saved pages and a ``manifest.toml`` with one ``[[page]]`` table per page:
``file``, ``kind``, the ``title`` and ``date`` (``YYYY-MM-DD``, or "" for a page that shows no
date) a reader would give, a ``main`` sentence that must be in the main text and a
``boilerplate`` sentence of the site's furniture that must not. Printed: the share of pages whose
title, date and main text came out right, and each miss with what came out instead. A date is
right when it is the day expected, or when none was expected and none was found. Main text is
right when it holds the sentence and not the furniture (spacing aside). The figures go in
docs/research.md.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from nextround.errors import Invalid
from nextround.news.pages import Page, load_page

KEYS = ("file", "kind", "title", "date", "main", "boilerplate")


class ManifestError(ValueError):
    """A manifest this script can't read."""


@dataclass(frozen=True)
class Expected:
    file: str
    kind: str
    title: str
    date: date | None
    main: str
    boilerplate: str


@dataclass(frozen=True)
class Outcome:
    expected: Expected
    page: Page | None
    error: str = ""

    @property
    def title_right(self) -> bool:
        return self.page is not None and _spaced(self.page.title) == _spaced(self.expected.title)

    @property
    def date_right(self) -> bool:
        return self.page is not None and self.page.published_on == self.expected.date

    @property
    def main_found(self) -> bool:
        return self.page is not None and _spaced(self.expected.main) in _spaced(self.page.text)

    @property
    def boilerplate_left_out(self) -> bool:
        return self.page is not None and _spaced(self.expected.boilerplate) not in _spaced(
            self.page.text
        )

    @property
    def text_right(self) -> bool:
        return self.main_found and self.boilerplate_left_out


@dataclass(frozen=True)
class Summary:
    outcomes: list[Outcome]

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def count(self, what: str) -> int:
        return sum(1 for o in self.outcomes if getattr(o, what))

    def share(self, what: str) -> float:
        return self.count(what) / self.total if self.total else 0.0


def _spaced(text: str) -> str:
    return " ".join(text.split())


def read_manifest(folder: Path) -> list[Expected]:
    path = folder / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ManifestError(f"No manifest.toml in {folder}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: {exc}") from exc
    expected = []
    for index, entry in enumerate(data.get("page", []), start=1):
        missing = [k for k in KEYS if not isinstance(entry.get(k), str)]
        if missing:
            raise ManifestError(f"{path}: page {index} lacks {', '.join(missing)}")
        try:
            day = date.fromisoformat(entry["date"]) if entry["date"] else None
        except ValueError as exc:
            raise ManifestError(f"{path}: page {index} has a bad date {entry['date']!r}") from exc
        if not (folder / entry["file"]).is_file():
            raise ManifestError(f"{path}: page {index} names a missing file {entry['file']}")
        expected.append(Expected(**{**{k: entry[k] for k in KEYS}, "date": day}))
    return expected


def evaluate(folder: Path, expected: list[Expected]) -> Summary:
    outcomes = []
    for item in expected:
        try:
            outcomes.append(Outcome(item, load_page(folder / item.file)))
        except Invalid as exc:
            outcomes.append(Outcome(item, None, exc.message))
    return Summary(outcomes)


def report(summary: Summary) -> list[str]:
    lines = [
        f"{summary.total} pages",
        f"title      {summary.count('title_right')}/{summary.total} "
        f"({summary.share('title_right'):.0%})",
        f"date       {summary.count('date_right')}/{summary.total} "
        f"({summary.share('date_right'):.0%})",
        f"main text  {summary.count('text_right')}/{summary.total} "
        f"({summary.share('text_right'):.0%}): sentence found {summary.count('main_found')}, "
        f"furniture left out {summary.count('boilerplate_left_out')}",
    ]
    for o in summary.outcomes:
        if o.page is None:
            lines.append(f"  {o.expected.file}: not read: {o.error}")
            continue
        if not o.title_right:
            lines.append(f"  {o.expected.file}: title {o.page.title!r}")
        if not o.date_right:
            wanted = o.expected.date.isoformat() if o.expected.date else "none"
            found = o.page.published_on.isoformat() if o.page.published_on else "none"
            lines.append(f"  {o.expected.file}: date {found}, expected {wanted}")
        if not o.main_found:
            lines.append(f"  {o.expected.file}: main text lacks {o.expected.main!r}")
        if not o.boilerplate_left_out:
            lines.append(f"  {o.expected.file}: main text holds {o.expected.boilerplate!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of saved pages with manifest.toml")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder} is not a folder.", file=sys.stderr)
        return 2
    try:
        expected = read_manifest(args.folder)
    except ManifestError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not expected:
        print(f"No pages in {args.folder / 'manifest.toml'}.", file=sys.stderr)
        return 2
    print("\n".join(report(evaluate(args.folder, expected))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
