"""The speech clip evaluation (evaluation/speech_clips.py): how decoding options are read and
how errors on a clip's first words are counted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import import_extra

ROOT = Path(__file__).resolve().parents[2]


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "speech_clips.py"
    spec = importlib.util.spec_from_file_location("speech_clips", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_decoding_options_are_read_as_json_or_text() -> None:
    parse = evaluation_module().parse_decoding
    assert parse(["initial_prompt=null", "beam_size=2", "temperature=[0, 0.2]"]) == {
        "initial_prompt": None,
        "beam_size": 2,
        "temperature": (0, 0.2),
    }
    assert parse(["initial_prompt=Um, so"]) == {"initial_prompt": "Um, so"}


def test_errors_on_the_first_three_words_are_counted_apart() -> None:
    jiwer = import_extra("jiwer", "dev")
    start_errors = evaluation_module().start_errors
    reference = ["support tickets fell by a third", "that project taught me patience"]
    # "fell" misheard (third word), "a" deleted (fifth), and "at" for "that" (first).
    hypothesis = ["support tickets l by third", "at project taught me patience"]
    out = jiwer.process_words(reference, hypothesis)
    assert out.substitutions + out.deletions + out.insertions == 3
    assert start_errors(out) == 2
    inserted = jiwer.process_words(["we cut costs"], ["so we cut costs"])
    assert start_errors(inserted) == 1


def test_each_clips_errors_come_from_the_whole_sets_alignment() -> None:
    """The interval resamples clips by their own error counts, read from the one alignment of
    the set: they are what aligning each clip alone gives, and the interval holds the WER."""
    jiwer = import_extra("jiwer", "dev")
    module = evaluation_module()
    reference = ["support tickets fell by a third", "we cut costs", "that project taught me"]
    hypothesis = ["support tickets l by third", "so we cut costs", "that project taught me"]
    out = jiwer.process_words(reference, hypothesis)
    alone = [jiwer.process_words(r, h) for r, h in zip(reference, hypothesis, strict=True)]
    assert module.clip_errors(out) == [o.substitutions + o.deletions + o.insertions for o in alone]
    assert module.clip_errors(out) == [2, 1, 0]
    low, high = module.wer_interval(out)
    assert low <= out.wer <= high
    assert low < high
