"""Local speech-to-text for spoken practice answers (the optional ``voice`` extra).

Importing this package is cheap and works without the extra: faster-whisper, CTranslate2, PyAV
and numpy are imported only when a recording is read or a model is loaded. Check
:func:`available` before offering spoken answers.
"""

from nextround.speech.audio import (
    FORMATS,
    MAX_BYTES,
    MAX_SECONDS,
    SAMPLE_RATE,
    Unavailable,
    check_file,
    check_upload,
    decode,
)
from nextround.speech.models import AUTO, BASE, TINY, Choice, ModelDamaged, base_installed, choose
from nextround.speech.pauses import find_pauses
from nextround.speech.transcribe import (
    Model,
    Transcript,
    available,
    load,
    model_path,
    transcribe,
)

__all__ = [
    "AUTO",
    "BASE",
    "FORMATS",
    "MAX_BYTES",
    "MAX_SECONDS",
    "SAMPLE_RATE",
    "TINY",
    "Choice",
    "Model",
    "ModelDamaged",
    "Transcript",
    "Unavailable",
    "available",
    "base_installed",
    "check_file",
    "check_upload",
    "choose",
    "decode",
    "find_pauses",
    "load",
    "model_path",
    "transcribe",
]
