"""The embedding half of the question classifier (nextround.playbook.question_model): its
fitting, its file, and that the shipped weights were trained on today's bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.playbook import knowledge, question_model
from nextround.playbook.classify import examples
from nextround.playbook.knowledge import CATEGORIES

np = pytest.importorskip("numpy")


def test_bank_digest_ignores_order_and_spacing_but_not_labels() -> None:
    one = question_model.bank_digest([("Why us?", "motivation"), ("Any questions?", "closing")])
    two = question_model.bank_digest([("Any  questions? ", "closing"), ("Why us?", "motivation")])
    other = question_model.bank_digest([("Why us?", "company"), ("Any questions?", "closing")])
    assert one == two
    assert one != other


def test_softmax_rows_are_probabilities() -> None:
    # exp(0)=1 and exp(ln 3)=3 give 1/4 and 3/4.
    rows = question_model.softmax(np.array([[0.0, np.log(3.0)], [5.0, 5.0]], dtype=np.float32))
    assert rows == pytest.approx(np.array([[0.25, 0.75], [0.5, 0.5]]), abs=1e-6)


def test_fit_separates_two_directions() -> None:
    # Class 0 points along the first axis, class 1 along the second: after fitting, each point
    # scores highest for its own class, and a point between them is a near toss-up.
    vectors = np.array([[1, 0], [0.9, 0.436], [0, 1], [0.436, 0.9]], dtype=np.float32)
    w, b = question_model.fit(vectors, [0, 0, 1, 1], classes=2, l2=1e-3, steps=300)
    assert w.shape == (2, 2) and b.shape == (2,)
    scores = vectors @ w.T + b
    assert list(scores.argmax(axis=1)) == [0, 0, 1, 1]
    middle = question_model.softmax(np.array([[0.707, 0.707]], dtype=np.float32) @ w.T + b)
    assert middle[0, 0] == pytest.approx(0.5, abs=0.1)


def test_saved_model_reads_back() -> None:
    model = question_model.Linear(
        labels=("a", "b"),
        weights=np.array([[1.0, -1.0], [0.5, 0.25]], dtype=np.float32),
        bias=np.array([0.1, -0.1], dtype=np.float32),
        temperature=0.7,
        blend=0.9,
        bank="abc",
        embedder="minilm-l6-123",
    )
    back = question_model.read(question_model.save(model))
    assert (back.labels, back.temperature, back.blend) == (("a", "b"), 0.7, 0.9)
    assert (back.bank, back.embedder) == ("abc", "minilm-l6-123")
    assert back.weights == pytest.approx(model.weights)  # these halves are exact in float16
    assert back.bias == pytest.approx(model.bias)


def test_shipped_weights_were_trained_on_todays_bank() -> None:
    shipped = question_model.shipped()
    bank = examples(knowledge.questions())
    # Fails when the bank changed since scripts/train_question_model.py last ran: run it.
    assert shipped.bank == question_model.bank_digest(bank)
    assert shipped.labels == CATEGORIES
    assert shipped.weights.shape == (len(CATEGORIES), 384)
    assert 0 <= shipped.blend <= 1 and shipped.temperature > 0


def test_shipped_weights_read_the_int8_copy_of_the_packaged_model(tmp_path: Path) -> None:
    from nextround.fit import semantic

    try:
        expected = semantic.identify(int8=tmp_path / "int8")
    except semantic.Unavailable:
        pytest.skip("the ml extra is not installed")
    # Fails when the copy's recipe or the packaged model changed: run the training script.
    assert question_model.shipped().embedder == expected


def test_without_the_embedder_there_is_no_meaning(monkeypatch: pytest.MonkeyPatch) -> None:
    from nextround.fit import semantic

    def missing(*_args: object, **_options: object) -> None:
        raise semantic.Unavailable("no extra")

    monkeypatch.setattr(semantic, "load", missing)
    question_model._meaning.cache_clear()
    try:
        assert question_model.meaning() is None
    finally:
        question_model._meaning.cache_clear()


def test_questions_are_embedded_on_one_thread_and_once() -> None:
    pytest.importorskip("onnxruntime")
    reader = question_model.meaning()
    if reader is None:
        pytest.skip("the embedder the shipped weights expect is not installed")
    assert reader.embedder.session.get_session_options().intra_op_num_threads == 1
    first = reader.probabilities("What does our mission statement mean to you?")
    assert sum(first.values()) == pytest.approx(1.0, abs=1e-4)
    assert reader.probabilities("What does our mission statement mean to you?") == first
    assert reader._probabilities.cache_info().hits >= 1


def test_pooling_is_a_weighted_geometric_mean_in_both_forms() -> None:
    from nextround.playbook.classify import pooled

    words = {"a": 0.5, "b": 0.5, "c": 0.0}
    meaning = {"a": 0.9, "b": 0.1, "c": 0.0}
    # sqrt(.5 * .9) against sqrt(.5 * .1): 3 to 1; "c", ruled out by both, stays near 0.
    voted = pooled(words, meaning, 0.5)
    assert voted["a"] == pytest.approx(0.75, abs=1e-6)
    assert voted["b"] == pytest.approx(0.25, abs=1e-6)
    assert voted["c"] < 1e-6
    rows = question_model.pool(
        np.array([[0.5, 0.5, 0.0]], dtype=np.float32),
        np.array([[0.9, 0.1, 0.0]], dtype=np.float32),
        0.5,
    )
    assert rows[0] == pytest.approx([voted["a"], voted["b"], voted["c"]], abs=1e-5)
    # A share of 1 is the embedding model alone.
    assert pooled(words, meaning, 1.0)["a"] == pytest.approx(0.9, abs=1e-6)
