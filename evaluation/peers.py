"""InterviewCraft's turn-level analyzer, loaded from its checkout by path for the evaluations and
the analyzer benchmark to compare against (MIT licensed; nothing of it is copied here).

Its module imports its database layer and logger, which its text path never uses: empty
stand-in modules take their place while it is imported, so nothing is installed for it.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Turns = list[dict[str, Any]]

_STUBS = (
    "structlog",
    "sqlalchemy",
    "sqlalchemy.ext",
    "sqlalchemy.ext.asyncio",
    "app",
    "app.models",
    "app.models.transcript_word",
)


@contextmanager
def _stubbed(names: Sequence[str]) -> Iterator[None]:
    saved = {name: sys.modules.get(name) for name in names}
    for name in names:
        stub = types.ModuleType(name)
        stub.__path__ = []  # a package, so that its submodules import
        stub.__dict__.update(
            get_logger=lambda *a, **k: None, select=None, AsyncSession=object, TranscriptWord=object
        )
        sys.modules[name] = stub
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def interviewcraft_analyzer(checkout: Path) -> Callable[[Turns], Any] | None:
    """``_analyze_from_turns`` from the InterviewCraft checkout at ``checkout``; None when the
    checkout is not there."""
    path = checkout / "app" / "services" / "delivery" / "analyzer.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("interviewcraft_delivery", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while defined
    with _stubbed(_STUBS):
        spec.loader.exec_module(module)
    analyse: Callable[[Turns], Any] = module._analyze_from_turns
    return analyse
