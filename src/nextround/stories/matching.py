"""Which matcher serves this installation, and sentence vectors stored in the database, keyed by
model and text hash so that a text is embedded once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings

from nextround.fit import semantic
from nextround.stories.models import Embedding

if TYPE_CHECKING:
    from nextround.fit.coverage import Embed
    from nextround.fit.semantic import Vectors

# SQLite allows 999 parameters in older builds; stay well under it.
LOOKUP_CHUNK = 500


class Ready(NamedTuple):
    """What a page can match with now."""

    embed: Embed | None  # reads the stored vectors only; None in lexical mode or while missing
    missing: int  # texts still without a stored vector


@dataclass(frozen=True)
class Matcher:
    """Which matcher serves, told without loading the model: pages only read stored vectors
    (``ready``); the background worker and the CLI load the model to fill them (``embedding``)."""

    method: str  # "semantic" or "lexical"
    why: str  # shown on the pages: which matcher, and how to get the other
    model_id: str = ""  # the embedding model's, in semantic mode
    model: Path | None = None  # the files the user chose, else the installed packages'
    tokenizer: Path | None = None
    int8: Path | None = None  # the folder of the model's int8 copy; None runs the file as it is

    def ready(self, texts: Sequence[str]) -> Ready:
        """The stored vectors of these texts, read in one go, as an embed function that never
        runs the model; none while any text has no vector yet (pages then match by words)."""
        if self.method != "semantic":
            return Ready(None, 0)
        hashes = {semantic.text_hash(t) for t in texts}
        found = _stored(self.model_id, hashes)
        missing = len(hashes - found.keys())
        return Ready(None if missing else _reading(found), missing)

    def embedding(self) -> Embed | None:
        """The embed function that runs the model on what is not stored yet and stores it: for
        the background worker and the CLI, never a page. None in lexical mode."""
        if self.method != "semantic":
            return None
        return _embedding(self.model, self.tokenizer, self.int8)


@cache
def matcher() -> Matcher:
    """Semantic when configured and installed, else lexical; decided once per process, from
    the files alone (the model is loaded by whoever first embeds, in the background)."""
    app = settings.APP
    if app.matching == "lexical":
        return Matcher("lexical", "Word matching (BM25), as NEXTROUND_MATCHING asks.")
    int8 = semantic.int8_folder(app.data_dir) if app.embedding_precision == "int8" else None
    try:
        model_id = semantic.identify(app.embedding_model, app.embedding_tokenizer, int8=int8)
    except semantic.Unavailable as exc:
        return Matcher("lexical", f"Word matching (BM25). {exc}")
    return Matcher(
        "semantic",
        f"Meaning and words: sentence embeddings ({model_id}) with BM25.",
        model_id,
        app.embedding_model,
        app.embedding_tokenizer,
        int8,
    )


@cache
def _embedding(model: Path | None, tokenizer: Path | None, int8: Path | None) -> Embed:
    # One function per model, so coverage's background vectors are computed once for it. The
    # int8 copy is derived here if need be: only the worker and commands get this far.
    return cached(semantic.load(model, tokenizer, int8=int8))


def _reading(found: dict[str, Vectors]) -> Embed:
    def embed(texts: Sequence[str]) -> Vectors:
        import numpy as np

        if not texts:
            return np.zeros((0, semantic.DIMENSIONS), dtype=np.float32)
        return np.vstack([found[semantic.text_hash(t)] for t in texts])

    return embed


def cached(embedder: semantic.Embedder) -> Embed:
    """``embedder.embed`` that reads and fills the Embedding table, keyed by text hash."""

    def embed(texts: Sequence[str]) -> Vectors:
        import numpy as np

        hashes = [semantic.text_hash(t) for t in texts]
        known = _stored(embedder.model_id, set(hashes))
        missing = list(dict.fromkeys(h for h in hashes if h not in known))
        if missing:
            first_text = dict(zip(hashes, texts, strict=True))
            vectors = embedder.embed([first_text[h] for h in missing])
            fresh = dict(zip(missing, vectors, strict=True))
            Embedding.objects.bulk_create(
                [
                    Embedding(model_id=embedder.model_id, text_hash=h, vector=v.tobytes())
                    for h, v in fresh.items()
                ],
                ignore_conflicts=True,
            )
            known.update(fresh)
        if not hashes:
            return np.zeros((0, semantic.DIMENSIONS), dtype=np.float32)
        return np.vstack([known[h] for h in hashes])

    return embed


def _stored(model_id: str, hashes: set[str]) -> dict[str, Vectors]:
    import numpy as np

    found: dict[str, Vectors] = {}
    for part in _chunked(hashes):
        rows = Embedding.objects.filter(model_id=model_id, text_hash__in=part)
        for text_hash, vector in rows.values_list("text_hash", "vector"):
            found[text_hash] = np.frombuffer(bytes(vector), dtype=np.float32)
    return found


def _chunked(hashes: set[str]) -> Iterator[list[str]]:
    ordered = sorted(hashes)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        yield ordered[start : start + LOOKUP_CHUNK]
