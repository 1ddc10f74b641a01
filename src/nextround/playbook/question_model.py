"""A linear model over sentence embeddings, the half of the question classifier that reads
meaning (with the ``ml`` extra).

Multinomial logistic regression on the MiniLM vectors (``nextround.fit.semantic``) of the bank's
questions and rewordings. It is trained when the package is built, not when first used:
``scripts/train_question_model.py`` fits it and writes ``data/question_model.npz`` (a few tens
of kilobytes), which records the bank it learnt from and the embedder it expects; a vector from
another embedder would mean nothing to it, so then the model is not used. NumPy is imported only
here and only when the model is asked for.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float32]

WEIGHTS = "question_model.npz"


def bank_digest(examples: Sequence[tuple[str, str]]) -> str:
    """Names the training texts: the shipped weights are stale when the bank's texts change."""
    lines = sorted(f"{label}\t{' '.join(text.split())}" for text, label in examples)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Linear:
    labels: tuple[str, ...]
    weights: Matrix  # one row per label, one column per embedding dimension
    bias: Matrix
    temperature: float  # divides the scores so the confidence matches cross-validated accuracy
    blend: float  # its weight in the pooled vote (classify.pooled); naive Bayes has the rest
    bank: str  # bank_digest of the texts it was trained on
    embedder: str  # the model_id of the embedder whose vectors it reads

    def probabilities(self, vectors: Matrix) -> Matrix:
        return softmax((vectors @ self.weights.T + self.bias) / self.temperature)


def softmax(scores: Matrix) -> Matrix:
    import numpy as np

    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: Matrix = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
    return result


def pool(words: Matrix, meaning: Matrix, share: float) -> Matrix:
    """classify.pooled for whole matrices (one row per text), for the training script."""
    import numpy as np

    logs = (1 - share) * np.log(np.clip(words, 1e-9, None)) + share * np.log(
        np.clip(meaning, 1e-9, None)
    )
    return softmax(logs.astype(np.float32))


def fit(
    vectors: Matrix, targets: Sequence[int], *, classes: int, l2: float, steps: int = 600
) -> tuple[Matrix, Matrix]:
    """Weights and bias minimising the mean cross-entropy plus ``l2`` times the squared weights,
    by Nesterov's accelerated gradient. The rows of ``vectors`` have unit length, so the loss's
    gradient changes at most 0.5 + 2·l2 per unit step, which fixes a safe step size."""
    import numpy as np

    n, d = vectors.shape
    onehot = np.zeros((n, classes), dtype=np.float32)
    onehot[np.arange(n), np.asarray(targets)] = 1.0
    step = 1.0 / (0.5 + 2 * l2)
    w = np.zeros((classes, d), dtype=np.float32)
    b = np.zeros(classes, dtype=np.float32)
    w_prev, b_prev = w, b
    for k in range(1, steps + 1):
        momentum = (k - 1) / (k + 2)
        w_look = w + momentum * (w - w_prev)
        b_look = b + momentum * (b - b_prev)
        error = softmax(vectors @ w_look.T + b_look) - onehot
        grad_w = error.T @ vectors / n + 2 * l2 * w_look
        grad_b = error.mean(axis=0)
        w_prev, b_prev = w, b
        w = (w_look - step * grad_w).astype(np.float32)
        b = (b_look - step * grad_b).astype(np.float32)
    return w, b


def save(model: Linear) -> bytes:
    import numpy as np

    out = io.BytesIO()
    np.savez_compressed(
        out,
        labels=np.array(model.labels),
        weights=model.weights.astype(np.float16),  # halves the file; scores move < 1e-3
        bias=model.bias,
        settings=np.array([model.temperature, model.blend], dtype=np.float64),
        names=np.array([model.bank, model.embedder]),
    )
    return out.getvalue()


def read(data: bytes) -> Linear:
    import numpy as np

    with np.load(io.BytesIO(data), allow_pickle=False) as saved:
        temperature, blend = (float(v) for v in saved["settings"])
        bank, embedder = (str(v) for v in saved["names"])
        return Linear(
            labels=tuple(str(v) for v in saved["labels"]),
            weights=saved["weights"].astype(np.float32),
            bias=saved["bias"].astype(np.float32),
            temperature=temperature,
            blend=blend,
            bank=bank,
            embedder=embedder,
        )


@cache
def shipped() -> Linear:
    return read((resources.files(__package__) / "data" / WEIGHTS).read_bytes())


_loading = threading.Lock()


class Meaning:
    """The shipped model and the embedder it was trained with, or nothing when either is
    missing (no ``ml`` extra, or a different embedding model installed)."""

    def __init__(self, model: Linear, embedder: Any) -> None:
        self.model = model
        self.embedder = embedder

    def probabilities(self, text: str) -> dict[str, float]:
        return dict(self._probabilities(text))

    @lru_cache(maxsize=256)  # noqa: B019 - one Meaning lives as long as the process anyway
    def _probabilities(self, text: str) -> tuple[tuple[str, float], ...]:
        # A note is tagged again on every save: the same text is not embedded twice.
        row = self.model.probabilities(self.embedder.embed([text]))[0]
        return tuple((label, float(p)) for label, p in zip(self.model.labels, row, strict=True))


def meaning() -> Meaning | None:
    with _loading:
        return _meaning()


@cache
def _meaning() -> Meaning | None:
    from nextround.config import data_folder
    from nextround.fit import semantic

    try:
        # Questions come one at a time: one onnxruntime thread, no spinning, so a busy machine
        # slows a question down by its own share of a core only (docs/playbook.md). Always the
        # int8 copy of the packaged model, whatever the matcher's precision: the weights were
        # trained on its vectors.
        embedder = semantic.load(threads=1, int8=semantic.int8_folder(data_folder()))
        model = shipped()
    except (semantic.Unavailable, ImportError, FileNotFoundError):
        return None
    if model.embedder != embedder.model_id:
        return None
    return Meaning(model, embedder)
