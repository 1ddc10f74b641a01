"""The peer loader (evaluation/peers.py): InterviewCraft's analyzer loads from a checkout by
path and counts fillers, the stand-in modules it needs are gone again afterwards, and a missing
checkout gives None."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKOUT = ROOT.parent / "shared" / "peers" / "interviewcraft"


def peers_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peers", ROOT / "evaluation" / "peers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_missing_checkout_gives_none(tmp_path: Path) -> None:
    assert peers_module().interviewcraft_analyzer(tmp_path / "nowhere") is None


@pytest.mark.skipif(not CHECKOUT.is_dir(), reason="the peers' checkout is not on this machine")
def test_the_analyzer_loads_counts_fillers_and_leaves_no_stand_ins() -> None:
    before = {"structlog", "sqlalchemy", "app"} & set(sys.modules)
    analyse = peers_module().interviewcraft_analyzer(CHECKOUT)
    assert analyse is not None
    assert {"structlog", "sqlalchemy", "app"} & set(sys.modules) == before
    text = "Um, so I, uh, rebuilt the rota and, um, overtime fell by a third."
    result = analyse([{"role": "user", "content": text, "ts_ms": 0}])
    assert result.filler_rate > 0
    plain = analyse([{"role": "user", "content": "I rebuilt the rota.", "ts_ms": 0}])
    assert plain.filler_rate == 0
