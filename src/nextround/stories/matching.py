"""Which matcher serves this installation, and sentence vectors cached in the database."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings

from nextround.fit import semantic
from nextround.stories.models import Embedding

if TYPE_CHECKING:
    from nextround.fit.coverage import Embed
    from nextround.fit.semantic import Vectors

# SQLite allows 999 parameters in older builds; stay well under it.
LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class Matcher:
    method: str  # "semantic" or "lexical"
    why: str  # shown on the pages: which matcher, and how to get the other
    embed: Embed | None
    model_id: str = ""  # the embedding model's, in semantic mode

    def missing(self, texts: Sequence[str]) -> int:
        """How many of these texts have no stored vector yet (0 in lexical mode): while any
        has none, pages show word matching rather than wait for the model."""
        if self.embed is None:
            return 0
        hashes = {semantic.text_hash(t) for t in texts}
        return len(hashes - _stored_hashes(self.model_id, hashes))


@cache
def matcher() -> Matcher:
    """Semantic when configured and installed, else lexical; decided once per process."""
    app = settings.APP
    if app.matching == "lexical":
        return Matcher("lexical", "Word matching (BM25), as NEXTROUND_MATCHING asks.", None)
    try:
        embedder = semantic.load(app.embedding_model, app.embedding_tokenizer)
    except semantic.Unavailable as exc:
        return Matcher("lexical", f"Word matching (BM25). {exc}", None)
    return Matcher(
        "semantic",
        f"Meaning and words: sentence embeddings ({embedder.model_id}) with BM25.",
        cached(embedder),
        embedder.model_id,
    )


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


def _stored_hashes(model_id: str, hashes: set[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunked(hashes):
        rows = Embedding.objects.filter(model_id=model_id, text_hash__in=part)
        found.update(rows.values_list("text_hash", flat=True))
    return found


def _chunked(hashes: set[str]) -> Iterator[list[str]]:
    ordered = sorted(hashes)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        yield ordered[start : start + LOOKUP_CHUNK]
