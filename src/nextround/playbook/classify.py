"""Which kind of interview question a text is: the bank's own wordings, then precise opening
rules, then models learnt from the bank.

1. A text whose stems are those of a bank wording takes the bank's category.
2. An unmistakable opening ("tell me about a time…", "what would you do if…", "any questions
   for us?") decides next (``openings``).
3. Otherwise a multinomial naive Bayes over word stems, word pairs and the opening words
   (trained in milliseconds when first used) and, with the ``ml`` extra, a linear model over
   sentence embeddings whose weights ship in the package (``question_model``) vote together,
   pooled as a weighted geometric mean with a share chosen by cross-validation on the bank.

The answer carries a calibrated confidence; below ``UNSURE_BELOW`` the caller shows the top
two. Accuracy on the bank is measured by grouped cross-validation (``cross_validate``) and on
real questions by evaluation/question_classifier.py (figures in docs/playbook.md).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from nextround.errors import Invalid
from nextround.playbook import knowledge, question_model
from nextround.playbook.knowledge import Question
from nextround.playbook.openings import opening_category
from nextround.text import stems

MAX_QUESTION = 1000
# Naive Bayes is overconfident because its features are not independent. Dividing the log
# scores by this temperature makes the mean confidence match the cross-validated accuracy
# (0.58 against 0.57) and gives the lowest log loss of the values tried (1, 2, 3, 4, 5, 6, 8);
# see docs/playbook.md.
TEMPERATURE = 6.0
# An opening rule is right on 138 of the 139 bank texts it fires on (0.99); it claims a little
# less, since real questions are worded more loosely than the bank.
RULE_CONFIDENCE = 0.9
# Below this confidence the category is shown with the runner-up: on the bank's cross-validation
# the top two then hold the right category about as often as a confident single answer does
# (docs/playbook.md).
UNSURE_BELOW = 0.5
# The smallest probability a model's vote is taken to give, so that pooling never takes log 0.
FLOOR = 1e-9


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
    runner_up_confidence: float = 0.0
    source: str = "words"  # "bank", "rule", "words" (naive Bayes) or "meaning" (with embeddings)

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW

    @property
    def shown(self) -> tuple[str, ...]:
        """The category, or the top two when the classifier is unsure."""
        return (self.category, self.runner_up) if self.unsure else (self.category,)


def ranked(probabilities: dict[str, float], *, source: str) -> Prediction:
    first, second = sorted(probabilities, key=lambda c: probabilities[c], reverse=True)[:2]
    return Prediction(
        category=first,
        confidence=probabilities[first],
        runner_up=second,
        runner_up_confidence=probabilities[second],
        source=source,
    )


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
        prediction = ranked(self.probabilities(text), source="words")
        remembered = self.remembered(text)
        if remembered is None:
            return prediction
        return _settled(remembered, prediction, confidence=1.0, source="bank")

    def remembered(self, text: str) -> str | None:
        """The category of a bank wording with the same stems, if there is one."""
        return self.known.get(tuple(stems(text)))

    def probabilities(self, text: str) -> dict[str, float]:
        known = [f for f in features(text) if f in self.vocabulary]
        scores = {
            label: self.prior[label]
            + sum(self.likelihood[label].get(f, self.unseen[label]) for f in known)
            for label in self.labels
        }
        top = max(scores.values())
        weights = {label: math.exp((s - top) / TEMPERATURE) for label, s in scores.items()}
        total = sum(weights.values())
        return {label: w / total for label, w in weights.items()}


def _settled(category: str, guess: Prediction, *, confidence: float, source: str) -> Prediction:
    """The given category, with the models' best other guess as the runner-up."""
    if category == guess.category:
        runner_up, second = guess.runner_up, guess.runner_up_confidence
    else:
        runner_up, second = guess.category, guess.confidence
    return Prediction(
        category=category,
        confidence=confidence,
        runner_up=runner_up,
        runner_up_confidence=min(second, 1 - confidence),
        source=source,
    )


def examples(bank: Sequence[Question]) -> list[tuple[str, str]]:
    return [(text, q.category) for q in bank for text in (q.text, *q.variants)]


@cache
def model() -> NaiveBayes:
    return NaiveBayes(examples(knowledge.questions()))


def classify_question(text: str, *, meaning: bool = True) -> Prediction:
    """The question's category. ``meaning=False`` leaves out the embedding model even when the
    ``ml`` extra is installed (the evaluation compares both)."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise Invalid("Give the question's text.")
    if len(cleaned) > MAX_QUESTION:
        raise Invalid(f"A question is at most {MAX_QUESTION} characters.")
    if not stems(cleaned):
        raise Invalid("The question has no words to classify.")
    words = model()
    remembered = words.remembered(cleaned)
    if remembered is not None:
        guess = ranked(words.probabilities(cleaned), source="words")
        return _settled(remembered, guess, confidence=1.0, source="bank")
    rule = opening_category(cleaned)
    if rule is not None:
        # The runner-up only: naive Bayes is enough for it and costs no embedding.
        guess = ranked(words.probabilities(cleaned), source="words")
        return _settled(rule, guess, confidence=RULE_CONFIDENCE, source="rule")
    return _guess(cleaned, words, meaning=meaning)


def _guess(text: str, words: NaiveBayes, *, meaning: bool) -> Prediction:
    by_words = words.probabilities(text)
    reader = question_model.meaning() if meaning else None
    if reader is None:
        return ranked(by_words, source="words")
    by_meaning = reader.probabilities(text)
    return ranked(pooled(by_words, by_meaning, reader.model.blend), source="meaning")


def pooled(words: dict[str, float], meaning: dict[str, float], share: float) -> dict[str, float]:
    """The two models' votes as a weighted geometric mean, made to sum to 1: a category both
    find likely wins over one that a single model is sure of. On the bank's cross-validation
    this pooling fits better (log loss 1.01 against 1.04 for the weighted average)."""
    logs = {
        c: (1 - share) * math.log(max(p, FLOOR)) + share * math.log(max(meaning.get(c, 0), FLOOR))
        for c, p in words.items()
    }
    top = max(logs.values())
    weights = {c: math.exp(v - top) for c, v in logs.items()}
    total = sum(weights.values())
    return {c: w / total for c, w in weights.items()}


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


def assign_folds(bank: Sequence[Question], folds: int) -> dict[str, int]:
    """Each question's fold by its id, dealt out category by category (so stratified)."""
    fold_of: dict[str, int] = {}
    by_category: dict[str, list[Question]] = defaultdict(list)
    for q in bank:
        by_category[q.category].append(q)
    for group in by_category.values():
        for i, q in enumerate(sorted(group, key=lambda q: q.id)):
            fold_of[q.id] = i % folds
    return fold_of


def cross_validate(bank: Sequence[Question], folds: int = 5) -> Evaluation:
    """Grouped, stratified k-fold: a question and its variants always fall in the same fold,
    so the model is never tested on a rewording of something it trained on."""
    fold_of = assign_folds(bank, folds)
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
