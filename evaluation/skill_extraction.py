"""Recall and precision of the requirement term extractor on human-labelled job-ad sentences.

    .venv/bin/python evaluation/skill_extraction.py ../shared/eval [--json] [--misses N]

The data (Green, Maynard & Lin, LREC 2022: 336 sentences from UK job ads, CC BY 4.0) stays
outside the repository; pass the folder that holds skills/green2022_test_sentences.jsonl.
Matching is lenient on boundaries, strict on type:
- a gold Skill span is found when one extracted term covers at least half of its tokens;
- an extracted term is correct when at least half of its tokens lie inside one gold Skill span
  (strict precision), or inside one gold span of any type (Skill, Qualification, Domain,
  Occupation, Experience: the second, looser figure).
Every sentence is scored, boilerplate included: term_spans sees sentences one at a time, without
the posting-level filter that drops equal-opportunity or application text. Figures: docs/stories.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import msgspec

from nextround.fit.requirements import term_spans
from nextround.jsonform import json_form

DATA = Path("skills") / "green2022_test_sentences.jsonl"


class Span(msgspec.Struct, frozen=True):
    type: str
    start_tok: int
    end_tok: int
    text: str


class Sentence(msgspec.Struct, frozen=True):
    sentence_id: int
    tokens: list[str]
    spans: list[Span]


class Figures(msgspec.Struct):
    sentences: int
    gold_skills: int
    found_skills: int
    extracted: int
    correct_skill: int
    correct_any: int
    recall: float
    precision_skill: float
    precision_any: float
    f1_skill: float
    ms_per_sentence: float


def load(folder: Path) -> list[Sentence]:
    decoder = msgspec.json.Decoder(Sentence)
    with (folder / DATA).open("rb") as lines:
        return [decoder.decode(line) for line in lines if line.strip()]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covers_half(term: tuple[int, int], gold: tuple[int, int]) -> bool:
    """The term covers at least half of the gold span's tokens."""
    return 2 * overlap(term, gold) >= gold[1] - gold[0]


def inside_half(term: tuple[int, int], gold: tuple[int, int]) -> bool:
    """At least half of the term's tokens lie inside the gold span."""
    return 2 * overlap(term, gold) >= term[1] - term[0]


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def evaluate(sentences: list[Sentence], misses: int = 0) -> tuple[Figures, list[str], list[str]]:
    """Figures, plus examples of missed gold skills and of wrong terms (up to misses each)."""
    gold_total = found = extracted = correct_skill = correct_any = 0
    missed: list[str] = []
    wrong: list[str] = []
    timings: list[float] = []
    term_spans(["Load", "the", "word", "lists"])  # once per process; not part of the timing
    for sentence in sentences:
        began = time.perf_counter()
        terms = term_spans(sentence.tokens)
        timings.append(time.perf_counter() - began)
        skills = [(s.start_tok, s.end_tok) for s in sentence.spans if s.type == "Skill"]
        every = [(s.start_tok, s.end_tok) for s in sentence.spans]
        gold_total += len(skills)
        for gold in skills:
            if any(covers_half(term, gold) for term in terms):
                found += 1
            elif len(missed) < misses:
                missed.append(" ".join(sentence.tokens[gold[0] : gold[1]]))
        extracted += len(terms)
        for term in terms:
            in_skill = any(inside_half(term, gold) for gold in skills)
            correct_skill += in_skill
            correct_any += any(inside_half(term, gold) for gold in every)
            if not in_skill and len(wrong) < misses:
                wrong.append(" ".join(sentence.tokens[term[0] : term[1]]))
    recall = ratio(found, gold_total)
    precision = ratio(correct_skill, extracted)
    figures = Figures(
        sentences=len(sentences),
        gold_skills=gold_total,
        found_skills=found,
        extracted=extracted,
        correct_skill=correct_skill,
        correct_any=correct_any,
        recall=recall,
        precision_skill=precision,
        precision_any=ratio(correct_any, extracted),
        f1_skill=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        ms_per_sentence=1000 * statistics.fmean(timings) if timings else 0.0,
    )
    return figures, missed, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the evaluation data folder (../shared/eval)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", type=int, default=0, help="show N missed and N wrong terms")
    args = parser.parse_args()
    if not (args.folder / DATA).is_file():
        sys.exit(f"no {DATA} under {args.folder}")
    figures, missed, wrong = evaluate(load(args.folder), args.misses)
    if args.json:
        print(json.dumps(json_form(figures), indent=2))
        return
    print(f"{figures.sentences} sentences, {figures.gold_skills} gold Skill spans")
    print(
        f"Skill recall     {figures.recall:.3f}  "
        f"({figures.found_skills} of {figures.gold_skills} covered at least half)"
    )
    print(
        f"precision, Skill {figures.precision_skill:.3f}  "
        f"({figures.correct_skill} of {figures.extracted} terms at least half inside a Skill span)"
    )
    print(
        f"precision, any   {figures.precision_any:.3f}  "
        f"({figures.correct_any} of {figures.extracted} inside a span of any gold type)"
    )
    print(f"F1, Skill        {figures.f1_skill:.3f}")
    print(f"speed            {figures.ms_per_sentence:.3f} ms per sentence (each seen once)")
    for title, examples in (("missed gold skills", missed), ("terms outside Skill spans", wrong)):
        if examples:
            print(f"{title}:")
            for example in examples:
                print(f"  {example}")


if __name__ == "__main__":
    main()
