"""How often the coverage matrix claims what a story does not show, and how much it finds.

    .venv/bin/python evaluation/coverage_check.py [DATA_FILE ...] [--semantic]

DATA_FILE is a labelled set in the format of ``evaluation/data/coverage/trades.json`` (the
default; ``heldout.json`` beside it was written after the matcher was tuned on the first). Each
file holds trades; each trade a posting's requirements (as texts) and STAR stories, all written
for this repository. Labels per requirement: the stories that cover it, the stories that are
related, every other pair "no"; whether the requirement is specific to the trade, and whether it
is a CV check (a credential, years, the right to work, place or hours).

All the stories of a file form one story bank, as if one candidate had worked in every trade, and
each trade's requirements are matched against all of them. Printed:

- cross-trade claims: the share of trade-specific requirements that a story from another trade
  is claimed (✓) to cover. Target at most 5%.
- covered found: the share of requirement × story pairs labelled "covers" that get a ✓. Target at
  least 0.8.
- false ✓: pairs labelled "related" or "no" that get a ✓, in all and within the trade.
- CV checks: requirements labelled as checks that ``check_kind`` finds, and those it adds.

With ``--semantic`` (and the ml extra installed) the figures are computed again with sentence
embeddings: the int8 copy the product runs, and the model file as it is. With ``--together``
all the files' trades share one story bank.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nextround.fit.checks import check_kind
from nextround.fit.coverage import StoryText, cover
from nextround.fit.requirements import Requirement, extract_terms

if TYPE_CHECKING:
    from nextround.fit.coverage import Embed

DATA = Path(__file__).resolve().parent / "data" / "coverage"
CROSS_TARGET = 0.05
FOUND_TARGET = 0.8


@dataclass(frozen=True)
class Trade:
    name: str
    requirements: list[dict[str, Any]]
    stories: list[dict[str, Any]]


@dataclass(frozen=True)
class Figures:
    specific: int  # trade-specific requirements
    cross_claimed: list[str]  # their ids, when a story from another trade got a ✓
    covers_pairs: int
    found: int
    false_ticks: list[tuple[str, str, str]]  # requirement, story, label
    missed: list[tuple[str, str]]  # requirement, story: labelled covers, not ticked
    checks_labelled: int
    checks_found: int
    checks_added: list[str]

    @property
    def cross_share(self) -> float:
        return len(self.cross_claimed) / self.specific if self.specific else 0.0

    @property
    def found_share(self) -> float:
        return self.found / self.covers_pairs if self.covers_pairs else 1.0

    def lines(self, name: str) -> list[str]:
        within = [f for f in self.false_ticks if f[2] != "other trade"]
        return [
            f"{name}:",
            f"  cross-trade claims: {self.cross_share:.3f} "
            f"({len(self.cross_claimed)} of {self.specific} trade-specific requirements"
            f"{': ' + ', '.join(self.cross_claimed) if self.cross_claimed else ''})"
            f"  target <= {CROSS_TARGET}",
            f"  covered found:      {self.found_share:.3f} "
            f"({self.found} of {self.covers_pairs} pairs)  target >= {FOUND_TARGET}",
            f"  false ticks:        {len(self.false_ticks)} in all, {len(within)} within the trade"
            + "".join(f"\n    {r} × {s} ({label})" for r, s, label in self.false_ticks),
            f"  covers missed:      {', '.join(f'{r} × {s}' for r, s in self.missed) or 'none'}",
            f"  CV checks found:    {self.checks_found} of {self.checks_labelled}"
            f"{'; added ' + ', '.join(self.checks_added) if self.checks_added else ''}",
        ]


def load(paths: Sequence[Path]) -> list[list[Trade]]:
    """Each file's trades."""
    sets = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        sets.append([Trade(t["trade"], t["requirements"], t["stories"]) for t in data["trades"]])
    return sets


def requirement(item: dict[str, Any]) -> Requirement:
    text = item["text"]
    return Requirement(
        key=item["id"], text=text, kind=item["kind"], terms=tuple(extract_terms(text))
    )


def evaluate(trades: Sequence[Trade], embed: Embed | None = None) -> Figures:
    stories = [s for t in trades for s in t.stories]
    ids = {s["id"]: n for n, s in enumerate(stories, 1)}
    names = {n: s["id"] for s, n in zip(stories, ids.values(), strict=True)}
    trade_of = {s["id"]: t.name for t in trades for s in t.stories}
    bank = [
        StoryText(
            id=ids[s["id"]],
            title=s["title"],
            situation=s["situation"],
            task=s["task"],
            action=s["action"],
            result=s["result"],
        )
        for s in stories
    ]
    specific = covers_pairs = found = checks_labelled = checks_found = 0
    cross: list[str] = []
    false_ticks: list[tuple[str, str, str]] = []
    missed: list[tuple[str, str]] = []
    added: list[str] = []
    for trade in trades:
        items = {r["id"]: r for r in trade.requirements}
        result = cover([requirement(r) for r in trade.requirements], bank, embed=embed, top=99)
        for r in trade.requirements:
            labelled, found_check = bool(r["check"]), check_kind(r["text"]) is not None
            checks_labelled += labelled
            checks_found += labelled and found_check
            if found_check and not labelled:
                added.append(r["id"])
        for row in result.rows:
            item = items[row.requirement.key]
            ticked = {names[m.story_id] for m in row.matches if m.covers}
            covers_pairs += len(item["covers"])
            found += len(ticked & set(item["covers"]))
            missed += [(item["id"], s) for s in item["covers"] if s not in ticked]
            if item["specific"]:
                specific += 1
                if any(trade_of[s] != trade.name for s in ticked):
                    cross.append(item["id"])
            for story in sorted(ticked - set(item["covers"])):
                label = "related" if story in item["related"] else "no"
                where = label if trade_of[story] == trade.name else "other trade"
                false_ticks.append((item["id"], story, where))
        # Requirements shown as CV checks still count: a specific one is simply never claimed.
        specific += sum(
            1 for c in getattr(result, "checks", ()) if items[c.requirement.key]["specific"]
        )
        covers_pairs += sum(
            len(items[c.requirement.key]["covers"]) for c in getattr(result, "checks", ())
        )
    return Figures(
        specific=specific,
        cross_claimed=cross,
        covers_pairs=covers_pairs,
        found=found,
        false_ticks=false_ticks,
        missed=missed,
        checks_labelled=checks_labelled,
        checks_found=checks_found,
        checks_added=added,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DATA / "trades.json"])
    parser.add_argument("--semantic", action="store_true", help="also with sentence embeddings")
    parser.add_argument(
        "--together", action="store_true", help="one story bank of every file's trades"
    )
    args = parser.parse_args(argv)
    embedders: list[tuple[str, Embed | None]] = [("lexical", None)]
    if args.semantic:
        from nextround.config import data_folder
        from nextround.fit import semantic

        # The int8 copy the product runs (derived into the data folder if need be), then the
        # model file as it is (NEXTROUND_EMBEDDING_PRECISION=float).
        int8 = semantic.int8_folder(data_folder())
        embedders.append(("semantic, int8", semantic.load(int8=int8).embed))
        embedders.append(("semantic, float", semantic.load().embed))
    sets = load(args.files)
    named = list(zip([p.name for p in args.files], sets, strict=True))
    if args.together:
        named = [(" + ".join(p.name for p in args.files), [t for s in sets for t in s])]
    for path_name, trades in named:
        for name, embed in embedders:
            print("\n".join(evaluate(trades, embed).lines(f"{path_name}, {name}")))


if __name__ == "__main__":
    main()
