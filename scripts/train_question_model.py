"""Fit the question classifier's embedding model on the bank and write its weights into the
package (src/nextround/playbook/data/question_model.npz). Needs the ``ml`` extra.

    .venv/bin/python scripts/train_question_model.py [--check]

Run it whenever the question bank changes (a test fails while the shipped weights are stale).
The L2 penalty, the temperature that calibrates the confidence and the model's share of the
ensemble with naive Bayes are each chosen by grouped cross-validation on the bank alone (a
question and its rewordings always in the same fold), never on real evaluation questions.
``--check`` prints the cross-validated figures without writing anything.
"""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.config import data_folder
from nextround.fit import semantic
from nextround.playbook import knowledge, question_model
from nextround.playbook.classify import NaiveBayes, assign_folds, examples
from nextround.playbook.knowledge import CATEGORIES

# One BLAS thread: the matrices are small, and on a busy machine threads only wait for each other
# (a fit takes 0.4 s this way, 6 s with two threads competing with other work).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float32]

FOLDS = 5
PENALTIES = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)
TEMPERATURES = (0.25, 0.35, 0.5, 0.7, 1.0, 1.4)
SHARES = tuple(i / 10 for i in range(11))
OUT = Path(__file__).resolve().parents[1] / "src/nextround/playbook/data" / question_model.WEIGHTS


def held_out(vectors: Matrix, targets: list[int], folds: list[int], *, l2: float) -> Matrix:
    """Each text's scores from a model fitted on the other folds."""
    import numpy as np

    scores = np.zeros((len(targets), len(CATEGORIES)), dtype=np.float32)
    for k in range(FOLDS):
        train = [i for i, f in enumerate(folds) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        w, b = question_model.fit(
            vectors[train], [targets[i] for i in train], classes=len(CATEGORIES), l2=l2
        )
        scores[test] = vectors[test] @ w.T + b
    return scores


def log_loss(probabilities: Matrix, targets: list[int]) -> float:
    return -sum(
        math.log(max(float(probabilities[i, t]), 1e-9)) for i, t in enumerate(targets)
    ) / len(targets)


def accuracy(probabilities: Matrix, targets: list[int]) -> float:
    return float((probabilities.argmax(axis=1) == targets).mean())


def words_held_out(bank: list[knowledge.Question], folds: dict[str, int]) -> Matrix:
    import numpy as np

    rows: list[list[float]] = []
    for k in range(FOLDS):
        trained = NaiveBayes(examples([q for q in bank if folds[q.id] != k]))
        for q in bank:
            if folds[q.id] == k:
                for text in (q.text, *q.variants):
                    p = trained.probabilities(text)
                    rows.append([p.get(c, 0.0) for c in CATEGORIES])
    return np.array(rows, dtype=np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="print the figures, write nothing")
    check = parser.parse_args().check
    bank = list(knowledge.questions())
    fold_of = assign_folds(bank, FOLDS)
    # The order words_held_out produces: fold by fold, each question with its rewordings.
    ordered = [q for k in range(FOLDS) for q in bank if fold_of[q.id] == k]
    texts = [(text, q.category) for q in ordered for text in (q.text, *q.variants)]
    folds = [fold_of[q.id] for q in ordered for _ in (q.text, *q.variants)]
    targets = [CATEGORIES.index(label) for _, label in texts]
    # The embedder the classifier runs (question_model._meaning): the int8 copy of the packaged
    # model, derived into the data folder if it is not there yet.
    embedder = semantic.load(int8=semantic.int8_folder(data_folder()))
    vectors = embedder.embed([text for text, _ in texts])
    print(f"{len(bank)} questions, {len(texts)} texts, {FOLDS}-fold grouped cross-validation")
    best: tuple[float, float, float] | None = None
    for l2 in PENALTIES:
        scores = held_out(vectors, targets, folds, l2=l2)
        for temperature in TEMPERATURES:
            probabilities = question_model.softmax(scores / temperature)
            loss = log_loss(probabilities, targets)
            if best is None or loss < best[0]:
                best = (loss, l2, temperature)
        print(f"  l2 {l2:g}: accuracy {accuracy(question_model.softmax(scores), targets):.3f}")
    assert best is not None
    _, l2, temperature = best
    meaning = question_model.softmax(held_out(vectors, targets, folds, l2=l2) / temperature)
    words = words_held_out(bank, fold_of)
    results = []
    for share in SHARES:
        blended = question_model.pool(words, meaning, share)
        results.append((log_loss(blended, targets), -accuracy(blended, targets), share))
        print(
            f"  share {share:.1f}: accuracy {accuracy(blended, targets):.3f}, "
            f"log loss {log_loss(blended, targets):.3f}, "
            f"mean confidence {float(blended.max(axis=1).mean()):.3f}"
        )
    _, _, share = min(results)
    print(f"chosen: l2 {l2:g}, temperature {temperature:g}, embedding share {share:.1f}")
    if check:
        return
    w, b = question_model.fit(vectors, targets, classes=len(CATEGORIES), l2=l2)
    model = question_model.Linear(
        labels=CATEGORIES,
        weights=w,
        bias=b,
        temperature=temperature,
        blend=share,
        bank=question_model.bank_digest(examples(bank)),
        embedder=embedder.model_id,
    )
    OUT.write_bytes(question_model.save(model))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
