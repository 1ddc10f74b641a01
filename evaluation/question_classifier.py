"""The question classifier on real interview questions, and cross-validated on its own bank.

    .venv/bin/python evaluation/question_classifier.py ../shared/eval [--words-only]
    .venv/bin/python evaluation/question_classifier.py --bank [--folds 5]

With the evaluation folder: ``questions/questions.tsv`` (columns id, text, label, alt, source)
holds real questions labelled by written rules, ``alt`` a second defensible category. Printed:
strict accuracy (the label only) and lenient (label or alt) with 95% bootstrap intervals, macro
F1, recall per category, the commonest confusions, how the confidence splits right from wrong,
the time per question, and any dev question that is also (nearly) a bank wording, which would
flatter the figures. ``--words-only`` leaves out the embedding model (what a user without the
``ml`` extra gets). ``--busy N`` keeps N other CPU-bound processes running while the questions
are timed (the latency on a loaded machine). With ``--bank``: grouped cross-validation of naive
Bayes on the bank alone.
The figures go in docs/playbook.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from nextround.playbook import knowledge
from nextround.playbook.classify import Prediction, classify_question, cross_validate, examples
from nextround.text import stems

RESAMPLES = 2000
NEAR = 0.8  # word-stem Jaccard similarity from which a bank text counts as a near-copy


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    label: str
    alt: str


@dataclass(frozen=True)
class Outcome:
    item: Labelled
    prediction: Prediction

    @property
    def strict(self) -> bool:
        return self.prediction.category == self.item.label

    @property
    def lenient(self) -> bool:
        return self.prediction.category in (self.item.label, self.item.alt)

    @property
    def in_top_two(self) -> bool:
        return bool({self.prediction.category, self.prediction.runner_up} & self.accepted)

    @property
    def accepted(self) -> set[str]:
        return {self.item.label, self.item.alt} - {""}


def read_questions(path: Path) -> list[Labelled]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Labelled(r["id"], r["text"], r["label"], r["alt"] or "") for r in rows]


def interval(
    flags: Sequence[bool], *, resamples: int = RESAMPLES, seed: int = 17
) -> tuple[float, float]:
    """A 95% percentile bootstrap interval of the share of True flags."""
    chance = random.Random(seed)
    n = len(flags)
    shares = sorted(sum(chance.choices(flags, k=n)) / n for _ in range(resamples))
    return shares[int(0.025 * resamples)], shares[int(0.975 * resamples) - 1]


def share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def macro_f1(truth: Sequence[str], guess: Sequence[str]) -> float:
    scores = []
    for label in sorted(set(truth)):
        tp = sum(1 for t, g in zip(truth, guess, strict=True) if t == label == g)
        predicted = sum(1 for g in guess if g == label)
        actual = sum(1 for t in truth if t == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual
        scores.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    return sum(scores) / len(scores)


def recall_by_category(outcomes: Sequence[Outcome], *, lenient: bool) -> dict[str, float]:
    totals = Counter(o.item.label for o in outcomes)
    right = Counter(o.item.label for o in outcomes if (o.lenient if lenient else o.strict))
    return {label: right[label] / n for label, n in sorted(totals.items())}


def near_copies(questions: Sequence[Labelled], bank_texts: Sequence[str]) -> list[tuple[str, str]]:
    """Dev questions whose stems equal or nearly equal a bank text's: (dev id, bank text)."""
    bank = [(text, set(stems(text))) for text in bank_texts]
    found = []
    for q in questions:
        own = set(stems(q.text))
        for text, theirs in bank:
            union = own | theirs
            if union and len(own & theirs) / len(union) >= NEAR:
                found.append((q.id, text))
                break
    return found


def timed(
    predict: Callable[[str], Prediction], texts: Sequence[str]
) -> tuple[list[float], list[float], list[Prediction]]:
    """Milliseconds per question, one question at a time, after the models are loaded: on the
    clock and of this process's CPU time (the work itself, whatever else the machine runs)."""
    predict(texts[0])
    times, cpu, predictions = [], [], []
    for text in texts:
        start, start_cpu = time.perf_counter(), time.process_time()
        predictions.append(predict(text))
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return times, cpu, predictions


@contextmanager
def busy(processes: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Keeps ``processes`` Python loops spinning on the CPU until the block ends."""
    spinning = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)
    ]
    try:
        time.sleep(0.5 if spinning else 0)  # let them get going
        yield spinning
    finally:
        for process in spinning:
            process.kill()
            process.wait()


def report(outcomes: Sequence[Outcome], times: Sequence[float], cpu: Sequence[float]) -> None:
    strict = [o.strict for o in outcomes]
    lenient = [o.lenient for o in outcomes]
    low, high = interval(strict)
    print(f"strict accuracy  {sum(strict) / len(strict):.3f}  (95% CI {low:.3f}–{high:.3f})")
    low, high = interval(lenient)
    print(f"lenient accuracy {sum(lenient) / len(lenient):.3f}  (95% CI {low:.3f}–{high:.3f})")
    truth = [o.item.label for o in outcomes]
    guess = [o.prediction.category for o in outcomes]
    print(f"macro F1 (strict) {macro_f1(truth, guess):.3f}")
    by_strict = recall_by_category(outcomes, lenient=False)
    by_lenient = recall_by_category(outcomes, lenient=True)
    totals = Counter(truth)
    print("recall by category (strict / lenient, questions):")
    for label in sorted(by_lenient, key=lambda c: by_lenient[c]):
        print(f"  {label:<13} {by_strict[label]:.2f} / {by_lenient[label]:.2f}  ({totals[label]})")
    wrong = Counter((o.item.label, o.prediction.category) for o in outcomes if not o.lenient)
    print("commonest confusions, lenient misses (true -> predicted):")
    for (t, g), n in wrong.most_common(10):
        print(f"  {t} -> {g}: {n}")
    print("by source (questions, lenient accuracy):")
    for source, n in Counter(o.prediction.source for o in outcomes).most_common():
        hits = sum(o.lenient for o in outcomes if o.prediction.source == source)
        print(f"  {source:<8} {n:>3}  {hits / n:.3f}")
    sure = [o for o in outcomes if not o.prediction.unsure]
    unsure = [o for o in outcomes if o.prediction.unsure]
    print(
        f"sure answers {len(sure)}: lenient {share([o.lenient for o in sure]):.3f}; "
        f"unsure {len(unsure)}: lenient {share([o.lenient for o in unsure]):.3f}, "
        f"right category in the top two {share([o.in_top_two for o in unsure]):.3f}"
    )
    print(
        f"time per question: {_spread(times)} "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"CPU time per question: {_spread(cpu)}")


def _spread(values: Sequence[float]) -> str:
    ordered = sorted(values)
    return (
        f"median {statistics.median(ordered):.2f} ms, "
        f"95th percentile {ordered[int(0.95 * len(ordered)) - 1]:.2f} ms, max {ordered[-1]:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data_dir", type=Path, nargs="?", help="the shared evaluation folder")
    parser.add_argument("--words-only", action="store_true", help="no embedding model")
    parser.add_argument("--bank", action="store_true", help="cross-validate on the bank")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--busy", type=int, default=0, help="CPU-bound processes beside it")
    args = parser.parse_args()
    if args.bank or args.data_dir is None:
        bank_figures(args.folds)
        return
    questions = read_questions(args.data_dir / "questions" / "questions.tsv")
    bank_texts = [text for text, _ in examples(knowledge.questions())]
    copies = near_copies(questions, bank_texts)
    print(f"{len(questions)} questions; {len(copies)} equal or nearly equal a bank text")
    for qid, text in copies:
        print(f"  {qid}: {text}")
    meaning = not args.words_only

    def predict(text: str) -> Prediction:
        return classify_question(text, meaning=meaning)

    with busy(args.busy):
        times, cpu, predictions = timed(predict, [q.text for q in questions])
    outcomes = [Outcome(q, p) for q, p in zip(questions, predictions, strict=True)]
    if meaning and all(o.prediction.source != "meaning" for o in outcomes):
        print("(the embedding model is not available: naive Bayes only)")
    report(outcomes, times, cpu)


def bank_figures(folds: int) -> None:
    bank = knowledge.questions()
    result = cross_validate(bank, folds=folds)
    print(f"{len(bank)} questions, {result.texts} texts with rewordings, {folds}-fold grouped CV")
    print(
        f"accuracy {result.accuracy:.3f}, macro F1 {result.macro_f1:.3f}, "
        f"mean confidence {result.mean_confidence:.3f}"
    )
    print(
        f"confidence >= 0.8 on {result.confident_share:.0%} of texts, "
        f"accuracy there {result.confident_accuracy:.3f}"
    )
    print("recall by category:")
    for category, recall in sorted(result.recall.items(), key=lambda kv: kv[1]):
        print(f"  {category:<13} {recall:.2f}")
    print("most frequent confusions (true -> predicted):")
    for truth, guess, count in result.confusions:
        print(f"  {truth} -> {guess}: {count}")


if __name__ == "__main__":
    main()
