"""What nextround.stories.matching builds on the sentence embeddings: the database cache and the
choice of matcher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from nextround.fit import semantic
from nextround.stories import matching
from nextround.stories.models import Embedding


@dataclass
class CountingEmbedder:
    """Our own embedder, counting the texts it is asked to embed."""

    inner: semantic.Embedder
    texts: list[str] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def embed(self, texts: Sequence[str]) -> semantic.Vectors:
        self.texts.extend(texts)
        return self.inner.embed(texts)


@pytest.mark.django_db
def test_embeddings_are_cached_by_text_and_model_and_reused() -> None:
    counting = CountingEmbedder(semantic.load())
    embed = matching.cached(counting)  # type: ignore[arg-type]
    first = embed(["Led a ward", "Negotiated a contract", "Led a ward"])
    assert counting.texts == ["Led a ward", "Negotiated a contract"]  # a repeat is embedded once
    assert Embedding.objects.filter(model_id=counting.model_id).count() == 2
    again = embed(["Negotiated a contract", "Led a ward", "Wrote a grant"])
    assert counting.texts[2:] == ["Wrote a grant"]
    assert again[0].tolist() == pytest.approx(first[1].tolist())
    assert again[1].tolist() == pytest.approx(first[0].tolist())


@pytest.mark.django_db
def test_the_matcher_is_semantic_with_the_extra_and_lexical_when_asked() -> None:
    matching.matcher.cache_clear()
    try:
        assert matching.matcher().method == "semantic"
        with override_settings(APP=replace(settings.APP, matching="lexical")):
            matching.matcher.cache_clear()
            chosen = matching.matcher()
        assert chosen.method == "lexical" and chosen.embedding() is None
        assert chosen.ready(["Led a ward"]) == (None, 0)
        assert "NEXTROUND_MATCHING" in chosen.why
        missing = Path("/nonexistent/model.onnx")
        with override_settings(APP=replace(settings.APP, embedding_model=missing)):
            matching.matcher.cache_clear()
            fallback = matching.matcher()
        assert fallback.method == "lexical" and "does not exist" in fallback.why
    finally:
        matching.matcher.cache_clear()


@pytest.mark.django_db
def test_the_matcher_runs_the_int8_copy_unless_float_is_asked_for() -> None:
    matching.matcher.cache_clear()
    try:
        int8 = matching.matcher()
        assert int8.int8 == semantic.int8_folder(settings.APP.data_dir)
        assert int8.model_id.endswith("-int8") and int8.model_id in int8.why
        with override_settings(APP=replace(settings.APP, embedding_precision="float")):
            matching.matcher.cache_clear()
            as_is = matching.matcher()
        assert as_is.int8 is None and as_is.model_id == semantic.identify()
        assert as_is.model_id != int8.model_id  # so the worker embeds every text again
    finally:
        matching.matcher.cache_clear()
