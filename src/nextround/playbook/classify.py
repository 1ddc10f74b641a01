"""Which kind of interview question a text is, learnt from the question bank.

A multinomial naive Bayes over word stems, word pairs and the opening words: the bank is a
few hundred short labelled texts, where this small model does as well as heavier ones and
trains in milliseconds when first used. Its accuracy is measured by grouped cross-validation
(``cross_validate``; figures in docs/playbook.md).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from nextround.errors import Invalid
from nextround.playbook import knowledge
from nextround.playbook.knowledge import Question
from nextround.text import stems

MAX_QUESTION = 1000
# Naive Bayes is overconfident because its features are not independent. Dividing the log
# scores by this temperature makes the mean confidence match the cross-validated accuracy
# (0.58 against 0.57) and gives the lowest log loss of the values tried (1, 2, 3, 4, 5, 6, 8);
# see docs/playbook.md.
TEMPERATURE = 6.0


def features(text: str) -> list[str]:
    tokens = stems(text)
    found = list(tokens)
    found += [f"{a}_{b}" for a, b in itertools.pairwise(tokens)]
    found += [f"^{t}" for t in tokens[:3]]  # openings such as "tell me", "what would"
    if len(tokens) >= 2:
        found.append(f"^{tokens[0]}_{tokens[1]}")
    return found


@dataclass(frozen=True)
class Prediction:
    category: str
    confidence: float  # calibrated probability that the category is right, 0–1
    runner_up: str


class NaiveBayes:
    def __init__(self, examples: Iterable[tuple[str, str]], smoothing: float = 0.1) -> None:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        docs: Counter[str] = Counter()
        examples_ = list(examples)
        for text, label in examples_:
            counts[label].update(features(text))
            docs[label] += 1
        self.labels = sorted(docs)
        # A text the model was trained on keeps its own label: "Tell me about yourself" is
        # basics even though "tell me about" usually opens a behavioral question.
        self.known = {tuple(stems(text)): label for text, label in examples_}
        vocabulary = {f for c in counts.values() for f in c}
        total_docs = sum(docs.values())
        self.prior = {lab: math.log(docs[lab] / total_docs) for lab in self.labels}
        self.likelihood: dict[str, dict[str, float]] = {}
        self.unseen: dict[str, float] = {}
        for label in self.labels:
            total = sum(counts[label].values()) + smoothing * len(vocabulary)
            self.likelihood[label] = {
                f: math.log((n + smoothing) / total) for f, n in counts[label].items()
            }
            self.unseen[label] = math.log(smoothing / total)
        self.vocabulary = vocabulary

    def predict(self, text: str) -> Prediction:
        prediction = self._score(text)
        remembered = self.known.get(tuple(stems(text)))
        if remembered is None:
            return prediction
        # Not a guess: the bank itself says which category this wording belongs to.
        runner_up = (
            prediction.runner_up if remembered == prediction.category else prediction.category
        )
        return Prediction(category=remembered, confidence=1.0, runner_up=runner_up)

    def _score(self, text: str) -> Prediction:
        known = [f for f in features(text) if f in self.vocabulary]
        scores = {
            label: self.prior[label]
            + sum(self.likelihood[label].get(f, self.unseen[label]) for f in known)
            for label in self.labels
        }
        ranked = sorted(scores, key=lambda lab: scores[lab], reverse=True)
        top = scores[ranked[0]]
        total = sum(math.exp((s - top) / TEMPERATURE) for s in scores.values())
        return Prediction(category=ranked[0], confidence=1 / total, runner_up=ranked[1])


def examples(bank: Sequence[Question]) -> list[tuple[str, str]]:
    return [(text, q.category) for q in bank for text in (q.text, *q.variants)]


@cache
def model() -> NaiveBayes:
    return NaiveBayes(examples(knowledge.questions()))


def classify_question(text: str) -> Prediction:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise Invalid("Give the question's text.")
    if len(cleaned) > MAX_QUESTION:
        raise Invalid(f"A question is at most {MAX_QUESTION} characters.")
    if not stems(cleaned):
        raise Invalid("The question has no words to classify.")
    return model().predict(cleaned)


# --- measuring it -------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    folds: int
    texts: int
    accuracy: float
    macro_f1: float
    recall: dict[str, float]
    confusions: list[tuple[str, str, int]]  # (true, predicted, count), most frequent first
    confident_share: float  # share of texts predicted with confidence >= 0.8
    confident_accuracy: float  # accuracy on those
    mean_confidence: float  # close to accuracy when the confidence is calibrated


def cross_validate(bank: Sequence[Question], folds: int = 5) -> Evaluation:
    """Grouped, stratified k-fold: a question and its variants always fall in the same fold,
    so the model is never tested on a rewording of something it trained on."""
    fold_of: dict[str, int] = {}
    by_category: dict[str, list[Question]] = defaultdict(list)
    for q in bank:
        by_category[q.category].append(q)
    for group in by_category.values():
        for i, q in enumerate(sorted(group, key=lambda q: q.id)):
            fold_of[q.id] = i % folds
    truth: list[str] = []
    guess: list[str] = []
    confidence: list[float] = []
    for k in range(folds):
        trained = NaiveBayes(examples([q for q in bank if fold_of[q.id] != k]))
        for text, label in examples([q for q in bank if fold_of[q.id] == k]):
            prediction = trained.predict(text)
            truth.append(label)
            guess.append(prediction.category)
            confidence.append(prediction.confidence)
    return _score(folds, truth, guess, confidence)


def _score(folds: int, truth: list[str], guess: list[str], confidence: list[float]) -> Evaluation:
    labels = sorted(set(truth))
    pairs = list(zip(truth, guess, strict=True))
    f1s = []
    recall: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for t, g in pairs if t == label and g == label)
        actual = sum(1 for t, _ in pairs if t == label)
        predicted = sum(1 for _, g in pairs if g == label)
        recall[label] = tp / actual
        precision = tp / predicted if predicted else 0.0
        rec = recall[label]
        f1s.append(2 * precision * rec / (precision + rec) if precision + rec else 0.0)
    wrong = Counter((t, g) for t, g in pairs if t != g)
    sure = [t == g for (t, g), c in zip(pairs, confidence, strict=True) if c >= 0.8]
    return Evaluation(
        folds=folds,
        texts=len(pairs),
        accuracy=sum(t == g for t, g in pairs) / len(pairs),
        macro_f1=sum(f1s) / len(f1s),
        recall=recall,
        confusions=[(t, g, n) for (t, g), n in wrong.most_common(8)],
        confident_share=len(sure) / len(pairs),
        confident_accuracy=sum(sure) / len(sure) if sure else 0.0,
        mean_confidence=sum(confidence) / len(confidence),
    )
