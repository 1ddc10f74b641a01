"""Cross-validated accuracy of the question classifier on the built-in question bank.

    .venv/bin/python evaluation/question_classifier.py [--folds 5]

A question and its rewordings always share a fold, so no test text has a near-copy in training.
The figures go in docs/playbook.md.
"""

from __future__ import annotations

import argparse

from nextround.playbook import knowledge
from nextround.playbook.classify import cross_validate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    folds = parser.parse_args().folds
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
